// Generated from the Rust types by core/tests/ui_types.rs: do not edit by hand.
// Regenerate: SFCONNECT_WRITE_UI_TYPES=1 cargo test -p sfconnect-core --test ui_types

/** Every error code the engine reports (`BoundaryError.code`). */
export type Code =
  | "invalid_login_url"
  | "invalid_client_id"
  | "invalid_client_secret"
  | "invalid_port"
  | "invalid_redirect_url"
  | "invalid_customeros_url"
  | "invalid_email"
  | "invalid_api_key"
  | "invalid_username"
  | "invalid_password"
  | "invalid_output_file"
  | "invalid_option"
  | "port_in_use"
  | "timed_out"
  | "cancelled"
  | "keyring_unavailable"
  | "not_connected"
  | "file_error"
  | "browser_unavailable"
  | "clipboard_unavailable"
  | "demo_unavailable"
  | "network_setup_failed"
  | "internal"
  | "salesforce_unreachable"
  | "salesforce_unavailable"
  | "salesforce_error"
  | "salesforce_redirected"
  | "access_denied"
  | "unknown_client_id"
  | "wrong_client_secret"
  | "callback_url_mismatch"
  | "pkce_required"
  | "pkce_mismatch"
  | "code_expired"
  | "code_invalid"
  | "refresh_token_revoked"
  | "run_as_user_missing"
  | "ip_restricted"
  | "not_admin_approved"
  | "login_failed"
  | "password_flow_blocked"
  | "client_credentials_disabled"
  | "inactive_user"
  | "inactive_org"
  | "rate_limited"
  | "invalid_scope"
  | "app_blocked"
  | "my_domain_required"
  | "no_refresh_token"
  | "session_rejected"
  | "security_token_required"
  | "password_expired"
  | "api_disabled"
  | "soap_login_unavailable"
  | "revoke_failed"
  | "app_not_installed"
  | "app_not_in_org"
  | "insufficient_access"
  | "api_disabled_for_org"
  | "api_limit_reached"
  | "customeros_unreachable"
  | "customeros_unavailable"
  | "customeros_error"
  | "customeros_unknown_user"
  | "customeros_api_key_missing"
  | "customeros_api_key_invalid"
  | "customeros_not_active"
  | "update_unavailable"
  | "update_rejected"
  | "update_install_failed";

/** A finished step, as saved in `settings.last_step`. */
export type Step =
  | "welcome"
  | "org"
  | "app"
  | "keys"
  | "inputs"
  | "verified"
  | "done";

/** A wizard screen (`resume_at`). */
export type Screen =
  | "welcome"
  | "org"
  | "app"
  | "keys"
  | "signin"
  | "check"
  | "connect"
  | "done";

/** How to sign in to Salesforce. */
export type Method =
  | "web"
  | "client-credentials"
  | "password";

/** Where the credentials go. */
export type Destination =
  | "customeros"
  | "customerscore"
  | "airbyte";

/** What the destination reported. */
export type DeliveryState =
  | "ACTIVE"
  | "WRITTEN"
  | "READY_TO_COPY";

/** A kept secret. */
export type SecretName =
  | "client_secret"
  | "refresh_token"
  | "customer_os_api_key"
  | "password"
  | "security_token";

/** A secret the wizard may show or copy on request. */
export type RevealableSecret =
  | "client_secret"
  | "password"
  | "security_token"
  | "refresh_token";

/** A Salesforce Setup page the wizard opens. */
export type SetupPage =
  | "app_manager"
  | "external_client_app_manager"
  | "new_connected_app"
  | "oauth_settings"
  | "connected_apps_usage"
  | "reset_security_token"
  | "external_client_app_settings"
  | "manage_connected_apps";

/** The `kind` of a progress event. */
export type ProgressKind =
  | "notice"
  | "waiting_for_app"
  | "listening"
  | "browser_sign_in"
  | "waiting_for_browser"
  | "wrong_state_ignored"
  | "paste_rejected"
  | "signing_in"
  | "verifying"
  | "verified"
  | "stored"
  | "not_stored"
  | "handing_off"
  | "finished";
