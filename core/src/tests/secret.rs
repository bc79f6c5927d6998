//! Unit tests of `secret`.

use super::*;

#[test]
fn debug_never_shows_the_value() {
    let secret = ClientSecret::new("hunter2-very-secret");
    let shown = format!("{secret:?} {:?}", Some(&secret));
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("[redacted]"));
}

#[test]
fn pasted_whitespace_is_trimmed() {
    assert_eq!(ApiKey::new("  key\n").expose(), "key");
    assert!(Password::new(" \n").is_empty());
}

#[test]
fn deserializes_from_a_json_string() {
    let token: RefreshToken = serde_json::from_str("\"5Aep\"").unwrap();
    assert_eq!(token.expose(), "5Aep");
}
