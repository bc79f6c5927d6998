//! Unit tests of `token`.

use super::*;

#[tokio::test]
async fn client_credentials_refuse_generic_hosts_before_sending() {
    let http = crate::http::client().unwrap();
    let err = client_credentials(
        &http,
        &LoginHost::production(),
        "k",
        &ClientSecret::new("s"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "my_domain_required");
}

/// A token answer naming `instance`.
fn tokens(instance: &str) -> TokenSet {
    TokenSet {
        access_token: crate::secret::AccessToken::new("00D!x"),
        refresh_token: None,
        instance_url: instance.into(),
        scope: None,
    }
}

#[test]
fn an_https_sign_in_never_hands_its_token_to_a_plain_http_instance() {
    let https = LoginHost::production();
    let err = check_instance_url(&https, tokens("http://acme.my.salesforce.com")).unwrap_err();
    assert_eq!(err.code(), "salesforce_error");
    assert!(check_instance_url(&https, tokens("https://acme.my.salesforce.com")).is_ok());
    let loopback = LoginHost::parse("http://127.0.0.1:9").unwrap();
    assert!(check_instance_url(&loopback, tokens("http://127.0.0.1:9")).is_ok());
}

#[test]
fn a_token_only_goes_to_a_salesforce_instance() {
    let https = LoginHost::production();
    for good in [
        "https://acme.my.salesforce.com",
        "https://acme.my.salesforce.com/",
        "https://na139.salesforce.com",
        "https://acme--uat.sandbox.my.salesforce.com",
        "https://acme.my.salesforce.mil",
        "https://acme.my.sfcrmproducts.cn",
    ] {
        let checked = check_instance_url(&https, tokens(good)).unwrap();
        assert!(!checked.instance_url.ends_with('/'), "{good}");
    }
    for bad in [
        "https://evil.example",
        "https://acme.my.salesforce.com.evil.example",
        "https://evilsalesforce.com",
        "https://user:pw@acme.my.salesforce.com",
        "https://acme.my.salesforce.com/?x=1",
        "https://acme.my.salesforce.com/#x",
        "https://xn--acme-9za.my.salesforce.com",
        "https://127.0.0.1",
        "http://acme.my.salesforce.com",
        "not a url",
    ] {
        let err = check_instance_url(&https, tokens(bad)).unwrap_err();
        assert_eq!(err.code(), "salesforce_error", "{bad}");
    }
    let loopback = LoginHost::parse("http://127.0.0.1:9").unwrap();
    assert!(check_instance_url(&loopback, tokens("https://evil.example")).is_err());
}
