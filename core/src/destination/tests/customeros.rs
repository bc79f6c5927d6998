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
    for bad in [
        "",
        "app.customeros.ai",
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
