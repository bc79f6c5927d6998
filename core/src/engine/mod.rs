//! The engine both front ends drive: sign in, verify, keep the secrets, hand off, and later
//! check, retry or disconnect. Progress is reported as [`Progress`] events; every remote step
//! can be cancelled.
//!
//! Its modules, one behaviour each, are on the README's map ("Where things live").

mod app_check;
mod check;
mod checks;
mod connect;
mod deliver;
mod earlier;
mod grant;
mod journal;
mod maintain;
mod report;
pub mod requests;
mod sign_in;
pub mod types;
mod vault;
mod wait;

pub use checks::{check_client_id, check_method_fits};
pub use journal::{Choices, Screen, WizardState};
pub use report::{
    ReportContext, WIZARD_IDENTIFIER, WIZARD_LOG_NAME, utc_time, wizard_log, wizard_log_dir,
};
pub use requests::*;
pub use types::*;

use crate::browser::{BrowserOpener, SystemBrowser};
use crate::error::{Code, Error, Result};
use crate::http::Http;
use crate::login_host::LoginHost;
use crate::setup_pages::SetupPage;
use crate::store::{MemoryStore, SecretStore, SettingsFile};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// Receives progress events.
pub type OnProgress<'a> = &'a (dyn Fn(Progress) + Send + Sync);

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
/// Cheap to clone: everything inside is shared.
#[derive(Clone)]
pub struct Engine {
    http: Http,
    browser: Arc<dyn BrowserOpener>,
    store: Arc<dyn SecretStore>,
    session: Arc<MemoryStore>,
    settings: SettingsFile,
    clock: Arc<dyn Clock>,
}

/// Builds an [`Engine`]: the settings file is required, everything else has a default
/// (a fresh HTTP client, the system browser, memory-only secrets, the system clock).
#[must_use]
pub struct EngineBuilder {
    settings: SettingsFile,
    http: Http,
    browser: Arc<dyn BrowserOpener>,
    store: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
}

impl EngineBuilder {
    /// Where secrets are kept between runs (the OS keyring in the product).
    pub fn store(mut self, store: impl SecretStore + 'static) -> Self {
        self.store = Arc::new(store);
        self
    }

    /// What opens links for the user.
    pub fn browser(mut self, browser: impl BrowserOpener + 'static) -> Self {
        self.browser = Arc::new(browser);
        self
    }

    /// The time source.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The engine.
    #[must_use]
    pub fn build(self) -> Engine {
        Engine {
            http: self.http,
            browser: self.browser,
            store: self.store,
            session: Arc::default(),
            settings: self.settings,
            clock: self.clock,
        }
    }
}

impl Engine {
    /// Starts building an engine that keeps its settings in `settings`.
    pub fn builder(settings: SettingsFile) -> EngineBuilder {
        EngineBuilder {
            settings,
            http: Http::new(),
            browser: Arc::new(SystemBrowser),
            store: Arc::new(MemoryStore::default()),
            clock: Arc::new(SystemClock),
        }
    }

    /// The settings file in use.
    #[must_use]
    pub fn settings_file(&self) -> &SettingsFile {
        &self.settings
    }

    /// Opens a URL with the engine's browser opener.
    pub fn open_in_browser(&self, url: &str) -> Result<()> {
        self.browser.open(url).map_err(|_| Error::Local {
            code: Code::BrowserUnavailable,
            message: format!("Couldn't open a browser. Open this address yourself: {url}"),
            detail: String::new(),
        })
    }

    /// Opens the saved CustomerOS in the browser (its checked https address).
    pub fn open_destination(&self) -> Result<()> {
        let settings = self.settings.load()?;
        let url = crate::destination::customeros::check_url(
            settings.customeros_url.as_deref().unwrap_or_default(),
        )?;
        self.open_in_browser(&url)
    }

    /// Opens the page where CustomerOS at `url` shows its workspace API key, with Copy
    /// (Settings → API: `/settings?tab=api` in its web app, customeros/frontera).
    pub fn open_customeros_api_page(&self, url: &str) -> Result<()> {
        let base = crate::destination::customeros::check_url(url)?;
        self.open_in_browser(&format!("{}/settings?tab=api", base.trim_end_matches('/')))
    }

    /// Opens the app's own page in Setup (its Policies tab is there), as read after the last
    /// sign-in; External Client App Manager when its id wasn't read.
    pub fn open_app_page(&self) -> Result<()> {
        let settings = self.settings.load()?;
        match settings.app_policies.and_then(|p| p.page_url) {
            Some(url) => self.open_in_browser(&url),
            None => self.open_setup_page(SetupPage::ExternalClientAppManager),
        }
    }

    /// Opens a Setup page of the saved org in the browser.
    pub fn open_setup_page(&self, page: SetupPage) -> Result<()> {
        let settings = self.settings.load()?;
        let host = LoginHost::parse(settings.login_url.as_deref().unwrap_or_default())?;
        self.open_in_browser(&page.url(&host))
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// Runs `work` unless `cancel` fires first.
pub(crate) async fn cancellable<T>(
    cancel: &CancellationToken,
    work: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    tokio::select! {
        () = cancel.cancelled() => Err(Error::Cancelled),
        result = work => result,
    }
}
