//! The engine's one error type: a stable `code` for programs and a plain-language
//! message for people that says what to do next.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($(#[$meta:meta])* $variant:ident = $wire:literal,)+) => {
        /// Every error code sfconnect reports: a closed list with a stable wire string each.
        ///
        /// The CLI's `--json` and the wizard branch on these strings: never rename one. Add a
        /// variant only when a front end or a script needs to tell that failure apart.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Any other option (a method that doesn't fit the destination, an unreadable prompt).
    InvalidOption = "invalid_option",
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
    /// SOAP login() is not available.
    SoapLoginUnavailable = "soap_login_unavailable",
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

/// Which input a [`Error::Input`] is about; also names its error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The Salesforce login address.
    LoginUrl,
    /// The Consumer Key (client id).
    ClientId,
    /// The Consumer Secret.
    ClientSecret,
    /// A loopback port number.
    Port,
    /// The address copied from the browser after approving.
    RedirectUrl,
    /// The CustomerOS address.
    CustomerOsUrl,
    /// The CustomerOS user's email.
    Email,
    /// The CustomerOS API key.
    ApiKey,
    /// The Salesforce username.
    Username,
    /// The Salesforce password.
    Password,
    /// The file the Airbyte configuration goes to.
    OutputFile,
    /// Any other option.
    Option,
}

impl Field {
    /// The error code for a bad value in this field.
    #[must_use]
    pub fn code(self) -> Code {
        match self {
            Field::LoginUrl => Code::InvalidLoginUrl,
            Field::ClientId => Code::InvalidClientId,
            Field::ClientSecret => Code::InvalidClientSecret,
            Field::Port => Code::InvalidPort,
            Field::RedirectUrl => Code::InvalidRedirectUrl,
            Field::CustomerOsUrl => Code::InvalidCustomerosUrl,
            Field::Email => Code::InvalidEmail,
            Field::ApiKey => Code::InvalidApiKey,
            Field::Username => Code::InvalidUsername,
            Field::Password => Code::InvalidPassword,
            Field::OutputFile => Code::InvalidOutputFile,
            Field::Option => Code::InvalidOption,
        }
    }
}

/// Everything that can stop a connection, each with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value typed or pasted by the user cannot be used.
    #[error("{message}")]
    Input {
        /// Which field.
        field: Field,
        /// What to change.
        message: String,
    },
    /// None of the loopback ports could be opened.
    #[error(
        "Port {} is already in use on this computer, so sfconnect can't receive the sign-in. \
         Close the other program using it (often another sign-in still waiting), or register \
         another callback URL such as http://localhost:{}/callback in the Salesforce app and try that port.",
        list_ports(.ports), .ports.last().map_or(7718, |p| p.saturating_add(1))
    )]
    PortInUse {
        /// The ports tried, in order.
        ports: Vec<u16>,
    },
    /// The browser sign-in did not come back in time.
    #[error("{}", timeout_message(*.waited_secs, *.saw_wrong_state))]
    TimedOut {
        /// How long we waited.
        waited_secs: u64,
        /// Whether a callback with the wrong state arrived meanwhile.
        saw_wrong_state: bool,
    },
    /// The user (or the program) cancelled.
    #[error("Cancelled. Nothing was changed in Salesforce or the destination.")]
    Cancelled,
    /// Salesforce refused a request; `code` is ours, `detail` is Salesforce's own words.
    #[error("{message}")]
    Salesforce {
        /// Our stable code for this refusal.
        code: Code,
        /// What to do.
        message: String,
        /// Salesforce's error and description, for support staff.
        detail: String,
    },
    /// The destination (CustomerOS) refused or failed.
    #[error("{message}")]
    Destination {
        /// Our stable code.
        code: Code,
        /// What to do.
        message: String,
        /// The destination's own words, for support staff.
        detail: String,
    },
    /// A service could not be reached at all.
    #[error("{message}")]
    Unreachable {
        /// [`Code::SalesforceUnreachable`] or [`Code::CustomerosUnreachable`].
        code: Code,
        /// What to check.
        message: String,
    },
    /// The OS keyring could not be used.
    #[error("{message}")]
    Keyring {
        /// What happened and what to do.
        message: String,
    },
    /// Nothing is stored to act on.
    #[error("{message}")]
    NotConnected {
        /// What is missing and how to get it.
        message: String,
    },
    /// A local file could not be read or written.
    #[error("{message}")]
    File {
        /// Which file and what to do.
        message: String,
    },
    /// Something on this computer other than a file failed: the browser, the clipboard, the
    /// demo's simulators.
    #[error("{message}")]
    Local {
        /// [`Code::BrowserUnavailable`], [`Code::ClipboardUnavailable`], [`Code::DemoUnavailable`]…
        code: Code,
        /// What happened and what to do.
        message: String,
    },
}

fn list_ports(ports: &[u16]) -> String {
    let names: Vec<String> = ports.iter().map(u16::to_string).collect();
    names.join(", ")
}

fn timeout_message(waited_secs: u64, saw_wrong_state: bool) -> String {
    let mut message = format!(
        "No answer from the browser after {waited_secs} seconds, so the sign-in was stopped. "
    );
    if saw_wrong_state {
        message.push_str(
            "A sign-in from an older or different attempt reached sfconnect and was ignored: \
             close old Salesforce tabs and start again from sfconnect. ",
        );
    } else {
        message.push_str(
            "If Salesforce showed an error page, the app's Callback URL probably doesn't match \
             exactly; also check that you signed in to the right org. Then start again. ",
        );
    }
    message.push_str("You can also paste the address from your browser instead.");
    message
}

impl Error {
    /// The stable code the UI and scripts branch on.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Error::Input { field, .. } => field.code(),
            Error::PortInUse { .. } => Code::PortInUse,
            Error::TimedOut { .. } => Code::TimedOut,
            Error::Cancelled => Code::Cancelled,
            Error::Salesforce { code, .. }
            | Error::Destination { code, .. }
            | Error::Unreachable { code, .. }
            | Error::Local { code, .. } => *code,
            Error::Keyring { .. } => Code::KeyringUnavailable,
            Error::NotConnected { .. } => Code::NotConnected,
            Error::File { .. } => Code::FileError,
        }
    }

    /// The service's own words, shown small for support staff.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Error::Salesforce { detail, .. } | Error::Destination { detail, .. }
                if !detail.is_empty() =>
            {
                Some(detail)
            }
            _ => None,
        }
    }

    /// Shorthand for an input error.
    pub fn input(field: Field, message: impl Into<String>) -> Self {
        Error::Input {
            field,
            message: message.into(),
        }
    }

    /// The boundary form: `{code, message, detail}`.
    pub fn to_boundary(&self) -> BoundaryError {
        BoundaryError {
            code: self.code(),
            message: self.to_string(),
            detail: self.detail().map(str::to_owned),
        }
    }
}

/// The serialisable error both front ends show: `{code, message}` plus optional detail.
#[derive(Debug, Clone, Serialize)]
pub struct BoundaryError {
    /// Stable code.
    pub code: Code,
    /// Plain-language message saying what to do.
    pub message: String,
    /// The service's own words, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl From<Error> for BoundaryError {
    fn from(error: Error) -> Self {
        error.to_boundary()
    }
}

/// Results from the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
#[path = "tests/error.rs"]
mod tests;
