//! Unit tests of `customeros`.

use super::*;

#[test]
fn urls() {
    assert_eq!(
        check_url(" https://app.customeros.ai/ ").unwrap(),
        "https://app.customeros.ai"
    );
    assert_eq!(
        check_url("https://example.com/sa/").unwrap(),
        "https://example.com/sa"
    );
    assert_eq!(
        check_url("http://127.0.0.1:10002").unwrap(),
        "http://127.0.0.1:10002"
    );
    assert_eq!(
        check_url("http://localhost:10002").unwrap(),
        "http://localhost:10002"
    );
    // Forgiving like the org field: a bare host means https.
    assert_eq!(
        check_url("app.customeros.ai").unwrap(),
        "https://app.customeros.ai"
    );
    for bad in [
        "",
        "http://app.customeros.ai",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://x.ai/?a=b",
        "https://u:p@x.ai",
        "ftp://x.ai",
    ] {
        assert_eq!(
            check_url(bad).unwrap_err().code(),
            "invalid_customeros_url",
            "{bad}"
        );
    }
}

#[test]
fn emails() {
    assert!(super::super::check_email("ana@example.com").is_ok());
    for bad in [
        "",
        "ana",
        "ana@",
        "@x.com",
        "ana@x",
        "a b@x.com",
        "a@b@c.com",
    ] {
        assert_eq!(
            super::super::check_email(bad).unwrap_err().code(),
            "invalid_email",
            "{bad}"
        );
    }
}

#[test]
fn settings_api_refusals_are_read_whatever_the_message_key() {
    let cos = CustomerOs::new(
        "https://app.customeros.ai",
        "ana@acme.com",
        ApiKey::new("k"),
        ApiKeyHeader::Tenant,
    )
    .unwrap();
    let typo = cos.rejected(
        401,
        "{\"errors\":[{\"message\u{201d}\":\"Invalid api key\"}]}".as_bytes(),
    );
    assert_eq!(typo.code(), "customeros_api_key_invalid");
    assert_eq!(typo.detail(), Some("HTTP 401: Invalid api key"));
    let user = cos.rejected(
        401,
        br#"{"errors":[{"message":"user has no associated tenant"}]}"#,
    );
    assert_eq!(user.code(), "customeros_unknown_user");
    let missing = cos.rejected(401, br#"{"errors":[{"message":"Api key is required"}]}"#);
    assert_eq!(missing.code(), "customeros_api_key_missing");
}

#[test]
fn a_mis_pasted_api_key_is_named_before_anything_is_sent() {
    let make = |key: &str| {
        CustomerOs::new(
            "https://app.customeros.ai",
            "ana@acme.com",
            ApiKey::new(key),
            ApiKeyHeader::Tenant,
        )
    };
    let empty = make("").unwrap_err();
    for bad in [
        "cos key",
        "\u{201c}cos-key\u{201d}",
        "cös-key",
        "cos-key\u{200b}",
    ] {
        let err = make(bad).unwrap_err();
        assert_eq!(err.code(), empty.code(), "{bad}");
        assert!(err.to_string().contains("Copy it again"), "{err}");
    }
    assert!(make("cos-sim-tenant-key-8c1d2e3f4a5b").is_ok());
}

#[test]
fn an_email_with_accents_is_sent_as_its_utf8_bytes() {
    let cos = CustomerOs::new(
        "https://app.customeros.ai",
        "zoë@acme.com",
        ApiKey::new("k"),
        ApiKeyHeader::Tenant,
    )
    .unwrap();
    let request = cos
        .request(
            &reqwest::Client::new(),
            reqwest::Method::GET,
            "/integrations",
        )
        .build()
        .unwrap();
    assert_eq!(
        request.headers()["X-Openline-USERNAME"].as_bytes(),
        "zoë@acme.com".as_bytes()
    );
}
