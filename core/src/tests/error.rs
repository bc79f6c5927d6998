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

/// The words after a message are labelled by whose they are: a local failure (the updater, the
/// demo) is never "Salesforce said".
#[test]
fn details_are_labelled_by_who_said_them() {
    let local = Error::Local {
        code: Code::UpdateRejected,
        message: "Refused.".into(),
        detail: "signature mismatch".into(),
    };
    assert_eq!(local.detail_source(), "on this computer");
    let salesforce = Error::Salesforce {
        code: Code::SalesforceError,
        message: "Refused.".into(),
        detail: "invalid_grant".into(),
    };
    assert_eq!(salesforce.detail_source(), "Salesforce said");
    let customeros = Error::Destination {
        code: Code::CustomerosError,
        message: "Refused.".into(),
        detail: "500".into(),
    };
    assert_eq!(customeros.detail_source(), "CustomerOS said");
}
