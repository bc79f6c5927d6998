//! The requests and results that cross into the front ends (and, through them, into the
//! CLI's `--json` and the wizard).

use crate::destination::Destination;
use crate::destination::ProviderField;
use crate::destination::customeros::CustomerOs;
use crate::error::BoundaryError;
use crate::login_host::LoginHost;
use crate::salesforce::{Counts, Identity};
use crate::secret::{ClientSecret, Password, RevealableSecret, SecurityToken};
use crate::store::{DeliveryState, Settings};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::oauth::Method;

/// Whether to keep secrets in the OS keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StorePolicy {
    /// Store; if no keyring is available, go on and say so.
    #[default]
    Store,
    /// Don't store (`--no-store`).
    Skip,
    /// Store or fail (`--require-store`).
    Require,
}

/// Where the credentials go, with what each destination needs.
#[derive(Debug)]
pub enum DestinationRequest {
    /// Hand off to CustomerOS's settings API.
    CustomerOs(CustomerOs),
    /// List the values for Customerscore's Providers page.
    Customerscore {
        /// Show secrets instead of dots.
        show_secrets: bool,
    },
    /// Write Airbyte's source config file.
    Airbyte {
        /// The file to write.
        path: PathBuf,
        /// The user confirmed replacing an existing file.
        replace: bool,
    },
}

impl DestinationRequest {
    /// Which destination this is.
    #[must_use]
    pub fn kind(&self) -> Destination {
        match self {
            DestinationRequest::CustomerOs(_) => Destination::Customeros,
            DestinationRequest::Customerscore { .. } => Destination::Customerscore,
            DestinationRequest::Airbyte { .. } => Destination::Airbyte,
        }
    }
}

/// Addresses pasted by the user. When the sender is dropped without a usable one, the wait
/// ends with the last problem (a script piping a wrong address fails at once).
pub type PasteInput = tokio::sync::mpsc::Receiver<String>;

/// How long a new app may take before Salesforce accepts it (Salesforce says up to 10 minutes).
pub const DEFAULT_APP_WAIT: Duration = Duration::from_secs(600);

/// How the browser sign-in is completed.
#[derive(Debug, Default)]
pub struct SignInInputs {
    /// Ports to try for the loopback listener, in order.
    pub ports: Vec<u16>,
    /// How long to wait for the browser.
    pub timeout: Duration,
    /// Scopes to ask for.
    pub scope: String,
    /// Open the browser (false: show the link only).
    pub open_browser: bool,
    /// Pasted addresses, when the browser is elsewhere.
    pub paste: Option<PasteInput>,
    /// How long to wait for Salesforce to know a new app before opening the browser
    /// (zero: don't wait).
    pub app_wait: Duration,
}

impl SignInInputs {
    /// The usual browser sign-in: default port, scopes and timeout, the browser opened, and
    /// `paste` for an address copied from a browser elsewhere.
    #[must_use]
    pub fn browser(paste: Option<PasteInput>) -> Self {
        Self {
            ports: Vec::new(),
            timeout: crate::oauth::loopback::DEFAULT_TIMEOUT,
            scope: crate::oauth::authorize::DEFAULT_SCOPE.to_owned(),
            open_browser: true,
            paste,
            app_wait: DEFAULT_APP_WAIT,
        }
    }
}

/// Phase one's inputs: how to sign in, and which destination it is for.
#[derive(Debug)]
pub struct SignInRequest {
    /// How to sign in.
    pub method: Method,
    /// Normalised login host.
    pub login: LoginHost,
    /// Consumer Key (empty for SOAP login).
    pub client_id: String,
    /// Consumer Secret (absent for SOAP login).
    pub client_secret: Option<ClientSecret>,
    /// Salesforce username (password method).
    pub username: Option<String>,
    /// Salesforce password (password method).
    pub password: Option<Password>,
    /// Security token (password method; may be empty on trusted networks).
    pub security_token: Option<SecurityToken>,
    /// Browser sign-in details (web method).
    pub sign_in: SignInInputs,
    /// The destination the sign-in is for (it decides which methods fit).
    pub destination: Destination,
    /// Keyring policy.
    pub store: StorePolicy,
}

/// Everything `connect` needs.
#[derive(Debug)]
pub struct ConnectRequest {
    /// How to sign in (its `destination` is taken from `deliver`).
    pub sign_in: SignInRequest,
    /// Where the credentials go.
    pub deliver: DestinationRequest,
}

/// Phase one's result: who signed in and what will sync.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Verified {
    /// Who and which org.
    pub identity: Identity,
    /// The org's instance URL.
    pub instance_url: String,
    /// Records per synced object.
    pub counts: Counts,
    /// How the user signed in.
    pub method: Method,
    /// Whether the secrets are in the keyring.
    pub stored: bool,
}

/// A finished connection, as reported to the user and to `--json`
/// (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename = "connected")]
pub struct Connected {
    /// 18-character org id.
    pub org_id: String,
    /// Who signed in.
    pub username: String,
    /// Display name.
    #[serde(skip)]
    pub name: String,
    /// The org's instance URL.
    pub instance_url: String,
    /// How the user signed in.
    pub method: Method,
    /// Where the credentials went.
    pub destination: Destination,
    /// `ACTIVE` for CustomerOS, `WRITTEN` for Airbyte, `READY_TO_COPY` for Customerscore.
    pub destination_state: DeliveryState,
    /// Record counts per synced object.
    pub counts: Counts,
    /// Whether the secrets are in the keyring.
    pub stored: bool,
    /// Customerscore's fields, in its page's order (secrets masked unless asked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_fields: Option<Vec<ProviderField>>,
    /// Customerscore's authentication type to choose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_mode: Option<&'static str>,
}

/// What the engine is doing, for a spinner, a step list or the wizard.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Progress {
    /// Something the user should know before going on (retirement notices, sandbox caveats).
    Notice {
        /// The text.
        message: String,
    },
    /// Salesforce doesn't know the app yet (new or just edited): checking again.
    WaitingForApp {
        /// How long sfconnect has been checking.
        waited_secs: u64,
        /// How long it will.
        limit_secs: u64,
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
        /// CustomerOS, `Airbyte`, …
        destination: String,
    },
    /// Done.
    Finished,
}

/// A successful retried hand-off (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename = "connected")]
pub struct HandedOff {
    /// The org.
    pub org_id: String,
    /// Who signed in.
    pub username: String,
    /// Always CustomerOS.
    pub destination: Destination,
    /// `ACTIVE`.
    pub destination_state: DeliveryState,
}

/// A live check that both sides confirmed (`"status": "connected"` first).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename = "connected")]
#[ts(rename = "Checked")]
pub struct Checked {
    /// The org, as Salesforce reported it just now.
    pub org_id: String,
    /// Who is signed in, as Salesforce reported it just now.
    pub username: String,
    /// `ok`: Salesforce refreshed the kept sign-in and answered who it is.
    pub salesforce: &'static str,
    /// Where the connection goes.
    pub destination: Destination,
    /// CustomerOS's own answer (`ACTIVE`), or, for a file or pasted values that can't be asked,
    /// what was recorded when they were delivered.
    pub destination_state: Option<DeliveryState>,
    /// Whether the destination itself was asked (CustomerOS), not only remembered.
    pub destination_checked: bool,
    /// When the check ran (seconds since the Unix epoch).
    pub checked_at: u64,
}

/// What `disconnect` did (`"status": "disconnected"` first).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "status", rename = "disconnected")]
#[ts(rename = "Disconnected")]
pub struct Disconnected {
    /// The refresh token was revoked at Salesforce.
    pub revoked: bool,
    /// The integration was deleted at CustomerOS.
    pub removed_from_destination: bool,
    /// The keyring entries were removed.
    pub secrets_removed: bool,
}

/// What is stored, never the secrets themselves.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The settings file's path.
    pub settings_file: String,
    /// The non-secret settings.
    pub settings: Settings,
    /// Which secrets the keyring holds (`null` when the keyring can't be read).
    pub secrets: Option<SecretsPresent>,
}

/// Which secrets are present.
#[derive(Debug, Clone, Serialize)]
pub struct SecretsPresent {
    /// Consumer Secret.
    pub client_secret: bool,
    /// Refresh token.
    pub refresh_token: bool,
    /// CustomerOS API key.
    pub customeros_api_key: bool,
}

/// Customerscore's Providers page for the wizard: each secret field names the kept secret
/// its Show and Copy buttons ask for.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProviderView {
    /// The authentication type to choose on that page.
    pub mode: &'static str,
    /// The fields, in the page's order.
    pub fields: Vec<ProviderFieldView>,
}

/// One field of [`ProviderView`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProviderFieldView {
    /// The field's label on Customerscore's page.
    pub label: &'static str,
    /// The value, or the mask for a secret.
    pub value: String,
    /// The kept secret behind a masked value.
    pub secret: Option<RevealableSecret>,
}
