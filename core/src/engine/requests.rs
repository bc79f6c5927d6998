//! What the front ends ask the engine for: phase one's sign-in request (typed per method:
//! [`Credentials`]), where it goes ([`DestinationRequest`]), and the keyring policy.

use crate::destination::Destination;
use crate::destination::customeros::CustomerOs;
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::secret::{ClientSecret, Password, SecurityToken};
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

/// A Salesforce app's Consumer Key and Secret (External Client App or Connected App).
#[derive(Debug, Clone)]
pub struct AppKeys {
    /// Consumer Key (checked: no spaces, the right length).
    pub client_id: String,
    /// Consumer Secret.
    pub client_secret: ClientSecret,
}

/// How to sign in, each method with exactly what it needs (built, checked, by
/// [`SignInRequest::new`]). Each method's sign-in is `engine/sign_in/<method>.rs`.
#[derive(Debug)]
pub enum Credentials {
    /// Browser sign-in (authorization code + PKCE): gives a refresh token.
    Web {
        /// The app signed in to.
        app: AppKeys,
        /// How the browser's answer comes back.
        browser: SignInInputs,
    },
    /// Client credentials (My Domain address, the app's Run As user); no refresh token.
    ClientCredentials {
        /// The app signed in to.
        app: AppKeys,
    },
    /// Username + password + security token: the OAuth password grant through an app, or
    /// SOAP `login()` without one.
    Password {
        /// The app, for the OAuth password grant; none for SOAP login.
        app: Option<AppKeys>,
        /// Salesforce username.
        username: String,
        /// Salesforce password.
        password: Password,
        /// Security token (may be empty on trusted networks).
        security_token: SecurityToken,
    },
}

impl Credentials {
    /// Which method these are for.
    #[must_use]
    pub fn method(&self) -> Method {
        match self {
            Credentials::Web { .. } => Method::Web,
            Credentials::ClientCredentials { .. } => Method::ClientCredentials,
            Credentials::Password { .. } => Method::Password,
        }
    }

    /// The app signed in to (none for SOAP login).
    #[must_use]
    pub fn app(&self) -> Option<&AppKeys> {
        match self {
            Credentials::Web { app, .. } | Credentials::ClientCredentials { app } => Some(app),
            Credentials::Password { app, .. } => app.as_ref(),
        }
    }
}

/// What a front end gathered for phase one, before it is checked into a [`SignInRequest`]:
/// flags and prompts (CLI), or saved settings and the sign-in screen (wizard).
#[derive(Debug, Default)]
pub struct SignInFields {
    /// How to sign in.
    pub method: Method,
    /// Consumer Key (empty: none, for SOAP login).
    pub client_id: String,
    /// Consumer Secret.
    pub client_secret: Option<ClientSecret>,
    /// Salesforce username (password method).
    pub username: Option<String>,
    /// Salesforce password (password method).
    pub password: Option<Password>,
    /// Security token (password method; may be empty on trusted networks).
    pub security_token: Option<SecurityToken>,
    /// Browser sign-in details (web method).
    pub browser: SignInInputs,
}

/// Phase one's inputs: where and how to sign in, and which destination it is for.
#[derive(Debug)]
pub struct SignInRequest {
    /// Normalised login host.
    pub login: LoginHost,
    /// How to sign in, with what that method needs.
    pub credentials: Credentials,
    /// The destination the sign-in is for (it decides which methods fit).
    pub destination: Destination,
    /// Keyring policy.
    pub store: StorePolicy,
}

impl SignInRequest {
    /// Checks what a front end gathered, the first problem first: the method must fit the
    /// destination, then the app's keys (none only for a password sign-in by SOAP), then the
    /// username and password.
    pub fn new(
        login: LoginHost,
        fields: SignInFields,
        destination: Destination,
        store: StorePolicy,
    ) -> Result<Self> {
        let credentials = super::checks::credentials(fields, destination)?;
        Ok(Self {
            login,
            credentials,
            destination,
            store,
        })
    }

    /// How to sign in.
    #[must_use]
    pub fn method(&self) -> Method {
        self.credentials.method()
    }

    /// The app's Consumer Key (empty for SOAP login).
    #[must_use]
    pub fn client_id(&self) -> &str {
        self.credentials
            .app()
            .map_or("", |app| app.client_id.as_str())
    }

    /// The app's Consumer Secret (none for SOAP login).
    #[must_use]
    pub fn client_secret(&self) -> Option<&ClientSecret> {
        self.credentials.app().map(|app| &app.client_secret)
    }
}

/// Everything `connect` needs.
#[derive(Debug)]
pub struct ConnectRequest {
    /// How to sign in (its `destination` is taken from `deliver`).
    pub sign_in: SignInRequest,
    /// Where the credentials go.
    pub deliver: DestinationRequest,
}
