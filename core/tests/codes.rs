//! The closed list of error codes is the CLI's and the wizard's contract, pinned here. (The
//! TypeScript the wizard is checked against, these codes among it, is generated from the Rust
//! types by `src-tauri/tests/ui_types.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_core::Code;

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
            "method_not_for_destination",
            "invalid_connection_name",
            "port_in_use",
            "timed_out",
            "cancelled",
            "keyring_unavailable",
            "not_connected",
            "file_error",
            "no_port_left",
            "refresh_token_not_shown",
            "terminal_unreadable",
            "demo_running",
            "sign_in_waiting",
            "connection_holds_sign_in",
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
            "customeros_connects_itself",
            "update_unavailable",
            "update_rejected",
            "update_install_failed",
        ]
    );
    // Each code is its own wire string: a duplicated one would compile yet make two failures
    // indistinguishable to every script and to the wizard.
    let unique: std::collections::BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(unique.len(), codes.len(), "every wire string is used once");
    for code in &codes {
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{code} is snake_case"
        );
    }
}
