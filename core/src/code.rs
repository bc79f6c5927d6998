//! The closed list of error codes: the stable strings scripts and the wizard branch on.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($(#[$meta:meta])* $variant:ident = $wire:literal,)+) => {
        /// Every error code sfconnect reports: a closed list with a stable wire string each.
        ///
        /// The CLI's `--json` and the wizard branch on these strings: never rename one. Add a
        /// variant only when a front end or a script needs to tell that failure apart.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$meta])* #[serde(rename = $wire)] $variant,)+
        }

        impl Code {
            /// Every code, in declaration order (pinned by a test; generates `ui/types.d.ts`).
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The wire string.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $wire,)+
                }
            }
        }
    };
}

codes! {
    // A value the user typed or pasted (one per field).
    /// The Salesforce login address can't be used.
    InvalidLoginUrl = "invalid_login_url",
    /// The Consumer Key is missing or malformed.
    InvalidClientId = "invalid_client_id",
    /// The Consumer Secret is missing or malformed.
    InvalidClientSecret = "invalid_client_secret",
    /// A loopback port number can't be used.
    InvalidPort = "invalid_port",
    /// A pasted browser address can't be used.
    InvalidRedirectUrl = "invalid_redirect_url",
    /// The CustomerOS address can't be used.
    InvalidCustomerosUrl = "invalid_customeros_url",
    /// The email address is malformed.
    InvalidEmail = "invalid_email",
    /// The CustomerOS API key is missing.
    InvalidApiKey = "invalid_api_key",
    /// The Salesforce username is missing.
    InvalidUsername = "invalid_username",
    /// The Salesforce password is missing.
    InvalidPassword = "invalid_password",
    /// The Airbyte output file can't be used.
    InvalidOutputFile = "invalid_output_file",
    /// The sign-in method can't serve the destination (it needs a refresh token, or takes no
    /// browser sign-in).
    MethodNotForDestination = "method_not_for_destination",
    /// A connection's name can't be a file and keyring entry name.
    InvalidConnectionName = "invalid_connection_name",
    // This computer.
    /// None of the loopback ports could be opened.
    PortInUse = "port_in_use",
    /// The browser sign-in did not come back in time.
    TimedOut = "timed_out",
    /// The user (or the program) cancelled.
    Cancelled = "cancelled",
    /// The OS keyring could not be used.
    KeyringUnavailable = "keyring_unavailable",
    /// Nothing is stored to act on.
    NotConnected = "not_connected",
    /// A local file could not be read or written.
    FileError = "file_error",
    /// There is no port after the registered ones to try.
    NoPortLeft = "no_port_left",
    /// The refresh token is only ever copied, never shown.
    RefreshTokenNotShown = "refresh_token_not_shown",
    /// A secret couldn't be read from the terminal.
    TerminalUnreadable = "terminal_unreadable",
    /// The demo is running: leave it first.
    DemoRunning = "demo_running",
    /// A sign-in is waiting in the browser: finish or cancel it first.
    SignInWaiting = "sign_in_waiting",
    /// The connection keeps a Salesforce sign-in (or was handed off): Disconnect it instead of
    /// removing it, so the sign-in is revoked first.
    ConnectionHoldsSignIn = "connection_holds_sign_in",
    /// No browser could be opened.
    BrowserUnavailable = "browser_unavailable",
    /// The clipboard could not be used.
    ClipboardUnavailable = "clipboard_unavailable",
    /// The demo's simulators could not start.
    DemoUnavailable = "demo_unavailable",
    /// TLS could not be set up on this computer.
    NetworkSetupFailed = "network_setup_failed",
    /// Something inside sfconnect went wrong (a bug).
    Internal = "internal",
    // Salesforce.
    /// Salesforce could not be reached at all.
    SalesforceUnreachable = "salesforce_unreachable",
    /// Salesforce answered 5xx.
    SalesforceUnavailable = "salesforce_unavailable",
    /// Salesforce answered something unexpected.
    SalesforceError = "salesforce_error",
    /// Salesforce redirected the token request.
    SalesforceRedirected = "salesforce_redirected",
    /// The user chose Deny.
    AccessDenied = "access_denied",
    /// Salesforce doesn't know the Consumer Key.
    UnknownClientId = "unknown_client_id",
    /// The Consumer Secret doesn't match.
    WrongClientSecret = "wrong_client_secret",
    /// The redirect URI isn't the app's Callback URL.
    CallbackUrlMismatch = "callback_url_mismatch",
    /// The app requires PKCE and didn't get it.
    PkceRequired = "pkce_required",
    /// The PKCE verifier didn't match.
    PkceMismatch = "pkce_mismatch",
    /// The authorization code expired.
    CodeExpired = "code_expired",
    /// The authorization code was used or is invalid.
    CodeInvalid = "code_invalid",
    /// The refresh token was revoked or expired.
    RefreshTokenRevoked = "refresh_token_revoked",
    /// Client credentials without a Run As user.
    RunAsUserMissing = "run_as_user_missing",
    /// Blocked by IP restrictions.
    IpRestricted = "ip_restricted",
    /// The user may not use this app.
    NotAdminApproved = "not_admin_approved",
    /// Username, password or security token rejected.
    LoginFailed = "login_failed",
    /// The org blocks the OAuth username-password flow.
    PasswordFlowBlocked = "password_flow_blocked",
    /// The app doesn't allow client credentials.
    ClientCredentialsDisabled = "client_credentials_disabled",
    /// The user is inactive.
    InactiveUser = "inactive_user",
    /// The org is locked or inactive.
    InactiveOrg = "inactive_org",
    /// Salesforce is rate-limiting sign-ins.
    RateLimited = "rate_limited",
    /// The app doesn't allow the requested scopes.
    InvalidScope = "invalid_scope",
    /// The app is blocked in the org.
    AppBlocked = "app_blocked",
    /// Client credentials need the My Domain host.
    MyDomainRequired = "my_domain_required",
    /// The sign-in gave no refresh token.
    NoRefreshToken = "no_refresh_token",
    /// The access token was refused by the REST API.
    SessionRejected = "session_rejected",
    /// SOAP login needs the security token.
    SecurityTokenRequired = "security_token_required",
    /// The Salesforce password expired.
    PasswordExpired = "password_expired",
    /// API access is off for the org or user.
    ApiDisabled = "api_disabled",
    /// SOAP `login()` is not available.
    SoapLoginUnavailable = "soap_login_unavailable",
    /// Salesforce didn't confirm a revocation.
    RevokeFailed = "revoke_failed",
    /// The app isn't installed in the org signed in to (or the user may not use it uninstalled).
    AppNotInstalled = "app_not_installed",
    /// The External Client App doesn't exist in the org signed in to.
    AppNotInOrg = "app_not_in_org",
    /// SOAP login needs the Use Any API Auth permission.
    InsufficientAccess = "insufficient_access",
    /// The org's edition has no API.
    ApiDisabledForOrg = "api_disabled_for_org",
    /// The org's daily API request limit is reached.
    ApiLimitReached = "api_limit_reached",
    // CustomerOS.
    /// CustomerOS could not be reached at all.
    CustomerosUnreachable = "customeros_unreachable",
    /// CustomerOS answered 5xx.
    CustomerosUnavailable = "customeros_unavailable",
    /// CustomerOS answered something unexpected.
    CustomerosError = "customeros_error",
    /// CustomerOS doesn't know the user.
    CustomerosUnknownUser = "customeros_unknown_user",
    /// CustomerOS got no API key.
    CustomerosApiKeyMissing = "customeros_api_key_missing",
    /// CustomerOS refused the API key.
    CustomerosApiKeyInvalid = "customeros_api_key_invalid",
    /// CustomerOS took the details but doesn't show Salesforce as ACTIVE.
    CustomerosNotActive = "customeros_not_active",
    /// This CustomerOS connects Salesforce from its own settings (its cloud): no hand-off.
    CustomerosConnectsItself = "customeros_connects_itself",
    // sfconnect's own updates.
    /// The update address couldn't be reached or read.
    UpdateUnavailable = "update_unavailable",
    /// An update failed its signature check (or isn't a package for this system): not installed.
    UpdateRejected = "update_rejected",
    /// The system didn't install a verified update (permission refused or the installer failed).
    UpdateInstallFailed = "update_install_failed",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
