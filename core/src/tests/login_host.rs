//! Unit tests of `login_host`.

use super::*;

#[test]
fn normalises_what_admins_paste() {
    use HostKind::*;
    let cases: &[(&str, &str, HostKind)] = &[
        (
            "https://login.salesforce.com",
            "https://login.salesforce.com",
            Production,
        ),
        (
            "login.salesforce.com",
            "https://login.salesforce.com",
            Production,
        ),
        (
            "  https://login.salesforce.com/  \n",
            "https://login.salesforce.com",
            Production,
        ),
        (
            "http://login.salesforce.com",
            "https://login.salesforce.com",
            Production,
        ),
        (
            "LOGIN.SALESFORCE.COM",
            "https://login.salesforce.com",
            Production,
        ),
        ("production", "https://login.salesforce.com", Production),
        (
            "https://test.salesforce.com/",
            "https://test.salesforce.com",
            Sandbox,
        ),
        ("sandbox", "https://test.salesforce.com", Sandbox),
        (
            "https://acme.my.salesforce.com",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "acme.my.salesforce.com/",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        ("acme", "https://acme.my.salesforce.com", MyDomain),
        (
            "https://acme.lightning.force.com/lightning/page/home",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://enterprise-efficiency-518.lightning.force.com/lightning/o/Account/list?filterName=Recent",
            "https://enterprise-efficiency-518.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://acme--uat.sandbox.lightning.force.com/lightning/setup/NavigationMenus/home",
            "https://acme--uat.sandbox.my.salesforce.com",
            SandboxMyDomain,
        ),
        (
            "https://acme--uat.sandbox.my.salesforce.com",
            "https://acme--uat.sandbox.my.salesforce.com",
            SandboxMyDomain,
        ),
        (
            "acme--uat.sandbox.my.salesforce-setup.com",
            "https://acme--uat.sandbox.my.salesforce.com",
            SandboxMyDomain,
        ),
        (
            "https://acme-dev-ed.develop.lightning.force.com/",
            "https://acme-dev-ed.develop.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://acme-dev-ed.develop.my.salesforce.com/?ec=302",
            "https://acme-dev-ed.develop.my.salesforce.com",
            MyDomain,
        ),
        // forcedotcom/cli#2241: a My Domain that merely contains "lightning".
        (
            "https://lightningcorp.my.salesforce.com",
            "https://lightningcorp.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://my-lightning-co.lightning.force.com",
            "https://my-lightning-co.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://acme--c.vf.force.com/apex/Page",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://acme--uat--c.sandbox.vf.force.com/apex/x",
            "https://acme--uat.sandbox.my.salesforce.com",
            SandboxMyDomain,
        ),
        // Truth review 2, N58: the partition is kept.
        (
            "https://acme-dev-ed--c.develop.vf.force.com/apex/x",
            "https://acme-dev-ed.develop.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://na123.salesforce.com/home/home.jsp",
            "https://login.salesforce.com",
            Production,
        ),
        (
            "https://cs42.salesforce.com",
            "https://test.salesforce.com",
            Sandbox,
        ),
        (
            "\"https://acme.my.salesforce.com\"",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "<https://acme.my.salesforce.com>",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "acme.my.salesforce.com.",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "https://user@acme.my.salesforce.com",
            "https://acme.my.salesforce.com",
            MyDomain,
        ),
        (
            "http://127.0.0.1:8080/services/oauth2",
            "http://127.0.0.1:8080",
            Loopback,
        ),
        ("https://127.0.0.1:9443", "https://127.0.0.1:9443", Loopback),
        ("http://[::1]:8080/x?y=1", "http://[::1]:8080", Loopback),
        ("http://localhost:3000", "http://localhost:3000", Loopback),
        ("localhost:3000", "https://localhost:3000", Loopback),
    ];
    assert!(cases.len() >= 25);
    for (input, origin, kind) in cases {
        let host = LoginHost::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(host.origin(), *origin, "input {input:?}");
        assert_eq!(host.kind(), *kind, "input {input:?}");
    }
}

#[test]
fn rejects_what_is_not_salesforce() {
    let cases = [
        "",
        "   \n",
        "https://example.com",
        "https://salesforce.com.evil.com",
        "https://acme.my.salesforce.com.evil.com/",
        "https://evil.com/login.salesforce.com",
        "https://www.salesforce.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://login.salesforce.com",
        "https://acme.lightning.force.com.attacker.io",
        "https://аcme.my.salesforce.com",
        "https://a.b.c.my.salesforce.com",
        "https://-bad.my.salesforce.com",
        "https://10.0.0.5:8080",
        "acme my domain",
        "https://mysalesforce.com",
    ];
    for input in cases {
        let err = LoginHost::parse(input).expect_err(input);
        assert_eq!(err.code(), "invalid_login_url", "{input:?}");
        assert!(!err.to_string().is_empty());
    }
}

/// Walkthrough 2, L2: a bare word of Salesforce's own is not taken for a My Domain name.
#[test]
fn salesforces_own_words_are_not_an_org_name() {
    for word in ["salesforce", "Salesforce", "www", "lightning"] {
        let error = LoginHost::parse(word).unwrap_err().to_string();
        assert!(error.contains("not your org's name"), "{word}: {error}");
    }
    assert_eq!(
        LoginHost::parse("acme-corp").unwrap().origin(),
        "https://acme-corp.my.salesforce.com"
    );
}
