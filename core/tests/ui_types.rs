//! `ui/types.d.ts` is generated from the Rust types the wizard receives: the closed list of
//! error codes, the saved steps, screens, methods, destinations, secret names and progress
//! kinds. This test fails when the file is out of date; `SFCONNECT_WRITE_UI_TYPES=1 cargo test
//! -p sfconnect-core --test ui_types` rewrites it. `tsc` (in `scripts/test`) then refuses any UI
//! code that names a value Rust doesn't have.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use serde::Serialize;
use sfconnect_core::destination::{DeliveryState, Destination};
use sfconnect_core::engine::Screen;
use sfconnect_core::secret::{RevealableSecret, SecretName};
use sfconnect_core::setup_pages::SetupPage;
use sfconnect_core::store::Step;
use sfconnect_core::{Code, Method, Progress};

fn wire(value: impl Serialize) -> String {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::String(text) => text,
        other => panic!("not a string: {other}"),
    }
}

fn union(name: &str, doc: &str, values: impl IntoIterator<Item = String>) -> String {
    let values: Vec<String> = values.into_iter().map(|v| format!("  | {v:?}")).collect();
    format!(
        "/** {doc} */\nexport type {name} =\n{};\n",
        values.join("\n")
    )
}

/// One example of each progress event; the match makes a new variant fail to compile here.
fn progress_kinds() -> Vec<String> {
    let examples = [
        Progress::Notice {
            message: String::new(),
        },
        Progress::WaitingForApp {
            waited_secs: 0,
            limit_secs: 0,
        },
        Progress::Listening {
            redirect_uri: String::new(),
        },
        Progress::BrowserSignIn {
            url: String::new(),
            opened: false,
        },
        Progress::WaitingForBrowser { timeout_secs: 0 },
        Progress::WrongStateIgnored,
        Progress::PasteRejected {
            error: sfconnect_core::Error::Cancelled.to_boundary(),
        },
        Progress::SigningIn,
        Progress::Verifying,
        Progress::Verified {
            identity: sfconnect_core::salesforce::Identity {
                org_id: String::new(),
                username: String::new(),
                name: String::new(),
                email: String::new(),
                org_name: None,
            },
            counts: Default::default(),
        },
        Progress::Stored,
        Progress::NotStored {
            reason: String::new(),
        },
        Progress::HandingOff {
            destination: String::new(),
        },
        Progress::Finished,
    ];
    for example in &examples {
        match example {
            Progress::Notice { .. }
            | Progress::WaitingForApp { .. }
            | Progress::Listening { .. }
            | Progress::BrowserSignIn { .. }
            | Progress::WaitingForBrowser { .. }
            | Progress::WrongStateIgnored
            | Progress::PasteRejected { .. }
            | Progress::SigningIn
            | Progress::Verifying
            | Progress::Verified { .. }
            | Progress::Stored
            | Progress::NotStored { .. }
            | Progress::HandingOff { .. }
            | Progress::Finished => {}
        }
    }
    examples
        .iter()
        .map(|p| {
            serde_json::to_value(p).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn generated() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by core/tests/ui_types.rs: do not edit by hand.\n\
         // Regenerate: SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-core --test ui_types\n\n",
    );
    let parts = [
        union(
            "Code",
            "Every error code the engine reports (`BoundaryError.code`).",
            Code::ALL.iter().map(wire),
        ),
        union(
            "Step",
            "A finished step, as saved in `settings.last_step`.",
            Step::ALL.iter().map(wire),
        ),
        union(
            "Screen",
            "A wizard screen (`resume_at`).",
            Screen::ALL.iter().map(wire),
        ),
        union(
            "Method",
            "How to sign in to Salesforce.",
            Method::ALL.iter().map(wire),
        ),
        union(
            "Destination",
            "Where the credentials go.",
            [
                Destination::Customeros,
                Destination::Customerscore,
                Destination::Airbyte,
            ]
            .iter()
            .map(wire),
        ),
        union(
            "DeliveryState",
            "What the destination reported.",
            DeliveryState::ALL.iter().map(wire),
        ),
        union(
            "SecretName",
            "A kept secret.",
            SecretName::SESSION.iter().map(wire),
        ),
        union(
            "RevealableSecret",
            "A secret the wizard may show or copy on request.",
            RevealableSecret::ALL.iter().map(wire),
        ),
        union(
            "SetupPage",
            "A Salesforce Setup page the wizard opens.",
            SetupPage::ALL.iter().map(wire),
        ),
        union(
            "ProgressKind",
            "The `kind` of a progress event.",
            progress_kinds(),
        ),
    ];
    out.push_str(&parts.join("\n"));
    out
}

#[test]
fn ui_types_are_generated_from_rust() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/types.d.ts");
    let expected = generated();
    if std::env::var_os("SFCONNECT_WRITE_UI_TYPES").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/types.d.ts is out of date: run SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-core --test ui_types"
    );
}

/// The full list of codes is the CLI's and the wizard's contract: a change here is a
/// deliberate, reviewed change of that contract.
#[test]
fn the_error_codes_are_pinned() {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid_login_url",
            "invalid_client_id",
            "invalid_client_secret",
            "invalid_port",
            "invalid_redirect_url",
            "invalid_customeros_url",
            "invalid_email",
            "invalid_api_key",
            "invalid_username",
            "invalid_password",
            "invalid_output_file",
            "invalid_option",
            "port_in_use",
            "timed_out",
            "cancelled",
            "keyring_unavailable",
            "not_connected",
            "file_error",
            "browser_unavailable",
            "clipboard_unavailable",
            "demo_unavailable",
            "network_setup_failed",
            "internal",
            "salesforce_unreachable",
            "salesforce_unavailable",
            "salesforce_error",
            "salesforce_redirected",
            "access_denied",
            "unknown_client_id",
            "wrong_client_secret",
            "callback_url_mismatch",
            "pkce_required",
            "pkce_mismatch",
            "code_expired",
            "code_invalid",
            "refresh_token_revoked",
            "run_as_user_missing",
            "ip_restricted",
            "not_admin_approved",
            "login_failed",
            "password_flow_blocked",
            "client_credentials_disabled",
            "inactive_user",
            "inactive_org",
            "rate_limited",
            "invalid_scope",
            "app_blocked",
            "my_domain_required",
            "no_refresh_token",
            "session_rejected",
            "security_token_required",
            "password_expired",
            "api_disabled",
            "soap_login_unavailable",
            "revoke_failed",
            "app_not_installed",
            "app_not_in_org",
            "insufficient_access",
            "api_disabled_for_org",
            "api_limit_reached",
            "customeros_unreachable",
            "customeros_unavailable",
            "customeros_error",
            "customeros_unknown_user",
            "customeros_api_key_missing",
            "customeros_api_key_invalid",
            "customeros_not_active",
            "update_unavailable",
            "update_rejected",
            "update_install_failed",
        ]
    );
    for code in Code::ALL {
        assert_eq!(wire(code), code.as_str(), "serde and as_str agree");
    }
}
