//! Every field an admin fills in, with odd and wrong values: each maps to its error code and a
//! message that says what to do. Property tests: no input makes the parsers panic.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use proptest::prelude::*;
use sfconnect_core::destination::check_email;
use sfconnect_core::destination::customeros::{ApiKeyHeader, CustomerOs, check_url};
use sfconnect_core::engine::check_client_id;
use sfconnect_core::oauth::authorize::WebSignIn;
use sfconnect_core::secret::ApiKey;
use sfconnect_core::{Error, LoginHost};

fn sign_in() -> WebSignIn {
    WebSignIn::new(
        LoginHost::parse("acme").unwrap(),
        "3MVG9key",
        "http://localhost:7717/callback".into(),
        "api",
    )
    .unwrap()
}

fn assert_says_what_to_do(field: &str, input: &str, result: Result<(), Error>, code: &str) {
    let error = result
        .err()
        .unwrap_or_else(|| panic!("{field}: {input:?} was accepted"));
    assert_eq!(error.code(), code, "{field}: {input:?} → {error}");
    let message = error.to_string();
    assert!(
        message.len() > 20 && message.ends_with(['.', ')']),
        "{field}: {input:?} → unhelpful {message:?}"
    );
}

#[test]
fn bad_values_in_every_field() {
    let mut tried = 0;
    let login_urls = [
        "",
        " ",
        "\n\t",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "ftp://login.salesforce.com",
        "https://example.com",
        "https://salesforce.com.evil.io",
        "https://login.salesforce.com.evil.io",
        "https://аcme.my.salesforce.com",
        "https://acme.my.salesforce.com.attacker.net/",
        "https://www.salesforce.com",
        "https://10.1.2.3",
        "http://192.168.0.10:8080",
        "acme corp",
        "https://a.b.c.my.salesforce.com",
        "https://-x.my.salesforce.com",
        "https://lightning.force.com.evil.io",
        "mailto:admin@acme.com",
    ];
    for input in login_urls {
        assert_says_what_to_do(
            "login url",
            input,
            LoginHost::parse(input).map(drop),
            "invalid_login_url",
        );
        tried += 1;
    }
    for input in [
        "",
        "   ",
        "3MVG 9abc",
        "3MVG\n9abc",
        "ключ",
        &"x".repeat(300),
        "3MVG9\u{200b}abc",
    ] {
        assert_says_what_to_do(
            "consumer key",
            input,
            check_client_id(input).map(drop),
            "invalid_client_id",
        );
        tried += 1;
    }
    let customeros_urls = [
        "",
        "http://app.customeros.ai",
        "javascript:alert(1)",
        "file:///tmp/x",
        "ftp://x.ai",
        "https://x.ai/?key=1",
        "https://x.ai/#frag",
        "https://user:pass@x.ai",
        "not a url",
        "http://10.0.0.1:10002",
    ];
    for input in customeros_urls {
        assert_says_what_to_do(
            "customeros url",
            input,
            check_url(input).map(drop),
            "invalid_customeros_url",
        );
        tried += 1;
    }
    for input in [
        "",
        "ana",
        "ana@",
        "@acme.com",
        "ana@acme",
        "ana @acme.com",
        "ana@@acme.com",
        "ana@acme.com.",
        "ana@.acme.com",
        "a\nb@acme.com",
    ] {
        assert_says_what_to_do(
            "email",
            input,
            check_email(input).map(drop),
            "invalid_email",
        );
        tried += 1;
    }
    for input in ["", "  ", "\n"] {
        let result = CustomerOs::new(
            "https://app.customeros.ai",
            "ana@acme.com",
            ApiKey::new(input),
            ApiKeyHeader::Tenant,
        );
        assert_says_what_to_do("api key", input, result.map(drop), "invalid_api_key");
        tried += 1;
    }
    assert_says_what_to_do(
        "port",
        "0",
        sfconnect_core::oauth::ports::check_ports(&[7717, 0]),
        "invalid_port",
    );
    tried += 1;
    let settings = tempfile::tempdir().unwrap();
    let engine = sfconnect_core::Engine::builder(sfconnect_core::store::SettingsFile::at(
        settings.path().join("bad-input.json"),
    ))
    .browser(sfconnect_core::browser::NoBrowser)
    .build();
    for input in ["", "   ", "\n", "abc def", "abc\ndef", "abc\tdef"] {
        let secret = sfconnect_core::secret::ClientSecret::new(input);
        assert_says_what_to_do(
            "consumer secret",
            input,
            engine.save_app_keys("3MVG9key", &secret).map(drop),
            "invalid_client_secret",
        );
        tried += 1;
    }
    let s = sign_in();
    let pasted = [
        "",
        "   ",
        "aPrx==",
        "not a url",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://localhost:7718/callback?code=a&state=x",
        "http://localhost:7717/other?code=a",
        "https://localhost:7717/callback?code=a",
        "http://127.0.0.2:7717/callback?code=a",
        "http://localhost:7717/callback?code=a&state=old",
        "http://localhost:7717/callback?code=a",
        "http://localhost:7717/callback",
        "http://evil.com/callback?code=a",
    ];
    for input in pasted {
        assert_says_what_to_do(
            "pasted address",
            input,
            s.code_from_pasted(input).map(drop),
            "invalid_redirect_url",
        );
        tried += 1;
    }
    let state = s.state();
    let denied = format!(
        "http://localhost:7717/callback?error=access_denied&error_description=end-user+denied+authorization&state={state}"
    );
    assert_says_what_to_do(
        "pasted address",
        &denied,
        s.code_from_pasted(&denied).map(drop),
        "access_denied",
    );
    tried += 1;
    eprintln!("bad input table: {tried} values tried");
    assert!(tried >= 60);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn login_host_never_panics(input in ".{0,200}") {
        let _ = LoginHost::parse(&input);
    }

    #[test]
    fn login_host_never_panics_on_url_shapes(scheme in "(https?|ftp|file|javascript)", host in "[a-z0-9.\\-]{0,40}", rest in "[ -~]{0,40}") {
        if let Ok(host) = LoginHost::parse(&format!("{scheme}://{host}{rest}")) {
            prop_assert!(host.origin().starts_with("http"));
        }
    }

    #[test]
    fn callback_parsing_never_panics(query in "[ -~]{0,300}") {
        let s = sign_in();
        let _ = s.read_callback(&query);
        let _ = s.code_from_pasted(&format!("http://localhost:7717/callback?{query}"));
        let _ = s.code_from_pasted(&query);
    }
}

/// A Consumer Secret pasted as the Key is refused before it can reach the settings file or a
/// browser address, and the message says which field it belongs in (and the other way round).
#[test]
fn a_swapped_key_and_secret_is_caught() {
    let secret_shaped = [
        "E7F2A9C4B1D8E3F6A0B5C2D9E4F1A7B3C8D5E2F9A6B0C3D7E1F4A8B2C5D9E0F3",
        "1234567890123456789",
    ];
    for secret in secret_shaped {
        let error = check_client_id(secret).unwrap_err();
        assert_eq!(error.code().as_str(), "invalid_client_id");
        assert!(
            error.to_string().contains("looks like the Consumer Secret"),
            "{error}"
        );
        assert!(
            !error.to_string().contains(secret),
            "the secret is not echoed"
        );
    }
    let key =
        "3MVG9SimulatedOrg.sfconnectDemoKey_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5";
    assert!(check_client_id(key).is_ok());
}

/// Security review 2, N15: a password typed into the username field is refused before it is
/// saved (the settings file and the support report would otherwise hold it).
#[test]
fn a_password_in_the_username_field_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let settings = sfconnect_core::store::SettingsFile::at(dir.path().join("n15.json"));
    let engine = sfconnect_core::Engine::builder(settings.clone()).build();
    let swapped = sfconnect_core::engine::Choices {
        username: Some("Tr0ub4dor&3".into()),
        ..Default::default()
    };
    let error = engine.save_choices(swapped).unwrap_err();
    assert_eq!(error.code().as_str(), "invalid_username");
    assert!(error.to_string().contains("swapped"), "{error}");
    assert!(!error.to_string().contains("Tr0ub4dor"), "not echoed");
    let written = std::fs::read_to_string(dir.path().join("n15.json")).unwrap_or_default();
    assert!(!written.contains("Tr0ub4dor"));
    let real = sfconnect_core::engine::Choices {
        username: Some(" admin@acme.example ".into()),
        ..Default::default()
    };
    engine.save_choices(real).unwrap();
    assert_eq!(
        settings.load().unwrap().username.as_deref(),
        Some("admin@acme.example")
    );
}
