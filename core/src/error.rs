//! The engine's one error type: a stable `code` for programs and a plain-language
//! message for people that says what to do next.

pub use crate::code::Code;
use serde::Serialize;

/// Which input a [`Error::Input`] is about; also names its error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
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
    /// How to sign in (the CLI's `--method`), for the destination chosen.
    Method,
    /// A connection's (profile's) name.
    ConnectionName,
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
            Field::Method => Code::MethodNotForDestination,
            Field::ConnectionName => Code::InvalidConnectionName,
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
        "Port {} is already in use (or reserved by the system) on this computer, so sfconnect can't receive the sign-in. \
         Close the other program using it (often another sign-in still waiting), or register \
         another callback URL such as http://localhost:{}/callback in the Salesforce app and try that port.",
        list_ports(.ports), .ports.last().map_or(crate::oauth::ports::DEFAULT_PORT + 1, |p| p.saturating_add(1))
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
        /// The failing part's own words, for support staff (may be empty).
        detail: String,
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
            "If Salesforce showed an error page, it says why (those pages never reach \
             sfconnect): redirect_uri_mismatch: the app's Callback URL must match exactly; \
             client identifier invalid: a wrong Consumer Key (or a Connected App less than 10 \
             minutes old); OAUTH_EC_APP_NOT_FOUND: you signed in to a different org than the \
             one with the app (a sandbox needs its own); app must be installed into org or \
             OAUTH_APPROVAL_ERROR_GENERIC: a different org, or your user lacks the Approve \
             Uninstalled Connected Apps permission; OAUTH_APP_BLOCKED: an admin blocked the \
             app. Fix that, then start again. ",
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
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        match self {
            Error::Salesforce { detail, .. }
            | Error::Destination { detail, .. }
            | Error::Local { detail, .. }
                if !detail.is_empty() =>
            {
                Some(detail)
            }
            _ => None,
        }
    }

    /// Whose words [`Self::detail`] are, for a label in front of them: Salesforce's or the
    /// destination's own answer, or the failing part on this computer (never "Salesforce said"
    /// for a local failure).
    #[must_use]
    pub fn detail_source(&self) -> &'static str {
        match self {
            Error::Salesforce { .. } => "Salesforce said",
            Error::Destination { .. } => "CustomerOS said",
            _ => "on this computer",
        }
    }

    /// Adds a sentence to the message (for variants whose message is free text).
    #[must_use]
    pub fn with_note(self, note: &str) -> Self {
        let add = |message: String| format!("{message} {note}");
        match self {
            Error::Input { field, message } => Error::Input {
                field,
                message: add(message),
            },
            Error::Salesforce {
                code,
                message,
                detail,
            } => Error::Salesforce {
                code,
                message: add(message),
                detail,
            },
            Error::Destination {
                code,
                message,
                detail,
            } => Error::Destination {
                code,
                message: add(message),
                detail,
            },
            Error::Unreachable { code, message } => Error::Unreachable {
                code,
                message: add(message),
            },
            Error::Keyring { message } => Error::Keyring {
                message: add(message),
            },
            Error::NotConnected { message } => Error::NotConnected {
                message: add(message),
            },
            Error::File { message } => Error::File {
                message: add(message),
            },
            Error::Local {
                code,
                message,
                detail,
            } => Error::Local {
                code,
                message: add(message),
                detail,
            },
            fixed @ (Error::PortInUse { .. } | Error::TimedOut { .. } | Error::Cancelled) => fixed,
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BoundaryError {
    /// Stable code.
    pub code: Code,
    /// Plain-language message saying what to do.
    pub message: String,
    /// The service's own words, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
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
