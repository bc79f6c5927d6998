//! Unit tests of `error`.

use super::*;

#[test]
fn port_in_use_names_the_port_and_next_step() {
    let text = Error::PortInUse { ports: vec![7717] }.to_string();
    assert!(text.contains("Port 7717"), "{text}");
    assert!(text.contains("http://localhost:7718/callback"), "{text}");
}

#[test]
fn timeout_mentions_wrong_state_when_seen() {
    let text = Error::TimedOut {
        waited_secs: 5,
        saw_wrong_state: true,
    }
    .to_string();
    assert!(text.contains("different attempt"), "{text}");
    let text = Error::TimedOut {
        waited_secs: 5,
        saw_wrong_state: false,
    }
    .to_string();
    assert!(text.contains("Callback URL"), "{text}");
}

#[test]
fn boundary_has_code_and_message() {
    let json = serde_json::to_value(Error::Cancelled.to_boundary()).unwrap();
    assert_eq!(json["code"], "cancelled");
    assert!(json.get("detail").is_none());
}
