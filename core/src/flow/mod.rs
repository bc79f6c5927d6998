//! The connect flow both front ends drive: sign in, verify, keep the secrets, hand off.
//! Progress is reported as [`Progress`] events; every step can be cancelled.

mod connect;
mod maintain;
mod sign_in;
mod wizard;

pub use connect::{
    ConnectRequest, Connected, DestinationRequest, SignInInputs, SignInRequest, StorePolicy,
    Verified, check_client_id, check_method_fits,
};
pub use maintain::{Disconnected, HandedOff, Status};
pub use sign_in::{PasteInput, wait_for_code};
pub use wizard::Choices;

use crate::browser::BrowserOpener;
use crate::error::BoundaryError;
use crate::http::Http;
use crate::salesforce::{Counts, Identity};
use crate::store::settings::SettingsFile;
use crate::store::{MemoryStore, SecretStore};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How to sign in to Salesforce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Browser sign-in: authorization code + PKCE, gives a refresh token.
    Web,
    /// Client credentials (My Domain, Run As user); no refresh token.
    ClientCredentials,
    /// Username + password + security token (OAuth password grant or SOAP login).
    Password,
}

impl Method {
    /// The `--method` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Web => "web",
            Method::ClientCredentials => "client-credentials",
            Method::Password => "password",
        }
    }
}

/// What the flow is doing, for a spinner, a step list or the wizard.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Progress {
    /// Something the user should know before going on (retirement notices, sandbox caveats).
    Notice {
        /// The text.
        message: String,
    },
    /// The loopback listener is ready.
    Listening {
        /// The redirect URI it serves.
        redirect_uri: String,
    },
    /// The sign-in page: opened in a browser, or to be opened by the user.
    BrowserSignIn {
        /// The authorize URL (holds no secret).
        url: String,
        /// False when no browser could be opened: show the link.
        opened: bool,
    },
    /// Waiting for the browser to come back.
    WaitingForBrowser {
        /// The limit.
        timeout_secs: u64,
    },
    /// A callback from another or older attempt was turned away.
    WrongStateIgnored,
    /// A pasted address could not be used; paste again.
    PasteRejected {
        /// Why, and what to paste.
        error: BoundaryError,
    },
    /// Talking to Salesforce's token endpoint (or SOAP login).
    SigningIn,
    /// Reading who signed in and counting records.
    Verifying,
    /// The org is verified.
    Verified {
        /// Who and which org.
        identity: Identity,
        /// Records CustomerOS will sync.
        counts: Counts,
    },
    /// Secrets are in the keyring.
    Stored,
    /// Secrets were not stored, and why.
    NotStored {
        /// The reason.
        reason: String,
    },
    /// Sending the credentials to the destination.
    HandingOff {
        /// `CustomerOS`, `Airbyte`, …
        destination: String,
    },
    /// Done.
    Finished,
}

/// Receives progress events.
pub type Events<'a> = &'a (dyn Fn(Progress) + Send + Sync);

/// The time source (injected so tests can fix it).
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch.
    fn now_unix(&self) -> u64;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

/// The engine: HTTP, browser, secret store, settings file and clock, all injectable.
#[derive(Clone)]
pub struct Engine {
    http: Http,
    browser: Arc<dyn BrowserOpener>,
    store: Arc<dyn SecretStore>,
    session: Arc<MemoryStore>,
    settings: SettingsFile,
    clock: Arc<dyn Clock>,
}

impl Engine {
    /// Builds an engine from its parts.
    pub fn new(
        http: Http,
        browser: Arc<dyn BrowserOpener>,
        store: Arc<dyn SecretStore>,
        settings: SettingsFile,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            http,
            browser,
            store,
            session: Arc::default(),
            settings,
            clock,
        }
    }

    /// The settings file in use.
    pub fn settings_file(&self) -> &SettingsFile {
        &self.settings
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}
