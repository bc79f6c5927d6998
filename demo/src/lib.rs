//! The demo: the whole flow against the built-in simulators, shared by the CLI's `--demo` and
//! the wizard's "Try the demo". Nothing real is touched: secrets stay in memory and the settings
//! live in a private, randomly named folder removed with the demo.
//!
//! A crate of its own above the engine: `sfconnect-core` never depends on its simulator.

use serde::Serialize;
use sfconnect_core::browser::{BrowserOpener, SystemBrowser};
use sfconnect_core::destination::customeros::check_url;
use sfconnect_core::oauth::ports::DEFAULT_PORT;
use sfconnect_core::secret::SecretName;
use sfconnect_core::store::{MemoryStore, SettingsFile};
use sfconnect_core::{Code, Engine, Error, Result};
use sfconnect_sim::Sims;
pub use sfconnect_sim::creds;

/// The running simulators and the demo's private settings folder.
#[derive(Debug)]
pub struct Demo {
    sims: Sims,
    port: u16,
    dir: tempfile::TempDir,
    runtime: tokio::runtime::Handle,
}

/// Values the demo fills in for the admin (public test data of the simulated org only).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DemoValues {
    /// The simulated org's address.
    pub login_url: String,
    /// The simulated app's Consumer Key.
    pub client_id: String,
    /// The simulated CustomerOS.
    pub customeros_url: String,
    /// Its user.
    pub customeros_username: String,
}

impl Demo {
    /// Starts the simulators with a callback on a free port: the first free one of
    /// `preferred`, else [`DEFAULT_PORT`], else any.
    pub async fn start(preferred: &[u16]) -> Result<Self> {
        let port = preferred
            .iter()
            .copied()
            .chain([DEFAULT_PORT, 0])
            .find_map(|p| {
                let v4 = std::net::TcpListener::bind(("127.0.0.1", p)).ok()?;
                v4.local_addr().ok().map(|a| a.port())
            })
            .unwrap_or(DEFAULT_PORT);
        let unavailable = |e: std::io::Error| Error::Local {
            code: Code::DemoUnavailable,
            message: "Couldn't start the demo on this computer. sfconnect itself doesn't need \
                      it: set up your own org instead, or try the demo again."
                .into(),
            detail: e.to_string(),
        };
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| unavailable(std::io::ErrorKind::Unsupported.into()))?;
        let sims = sfconnect_sim::start(&[port]).await.map_err(unavailable)?;
        // A fresh folder with a random name, only ours (0700), removed when the demo ends.
        let mut folder = tempfile::Builder::new();
        folder.prefix("sfconnect-demo-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            folder.permissions(std::fs::Permissions::from_mode(0o700));
        }
        let dir = folder.tempdir().map_err(unavailable)?;
        Ok(Self {
            sims,
            port,
            dir,
            runtime,
        })
    }

    /// The loopback port the simulated app's Callback URL names.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The simulators.
    #[must_use]
    pub fn sims(&self) -> &Sims {
        &self.sims
    }

    /// Whether `origin` is one of the simulated Salesforce's (its login host or My Domain).
    #[must_use]
    pub fn is_own_org(&self, origin: &str) -> bool {
        let sf = &self.sims.salesforce;
        [sf.login_url(), sf.my_domain_url()]
            .iter()
            .any(|own| own.trim_end_matches('/') == origin.trim_end_matches('/'))
    }

    /// What the demo fills in.
    #[must_use]
    pub fn values(&self) -> DemoValues {
        DemoValues {
            login_url: self.sims.salesforce.my_domain_url().to_owned(),
            client_id: creds::CLIENT_ID.to_owned(),
            customeros_url: self.sims.customeros.url().to_owned(),
            customeros_username: creds::CUSTOMEROS_USER.to_owned(),
        }
    }

    /// A browser the demo plays itself, whose user signs in and presses Allow at once (the
    /// CLI's `--demo`: nothing to look at).
    #[must_use]
    pub fn browser(&self) -> SimulatedBrowser {
        SimulatedBrowser {
            runtime: self.runtime.clone(),
            system_first: false,
        }
    }

    /// The wizard's demo rehearses the one browser step: the admin's own browser opens on the
    /// simulated Salesforce's login form and Allow page (Deny works too), as the real sign-in
    /// will look. Where no browser can be opened, the demo plays one that presses Allow.
    #[must_use]
    pub fn rehearsal_browser(&self) -> SimulatedBrowser {
        self.sims.salesforce.switches(|s| s.approval_page = true);
        SimulatedBrowser {
            runtime: self.runtime.clone(),
            system_first: true,
        }
    }

    /// An engine on the simulators: memory-only secrets, settings in the private folder.
    pub fn engine(&self, browser: impl BrowserOpener + 'static) -> Engine {
        Engine::builder(SettingsFile::at(self.dir.path().join("demo.json")))
            .store(MemoryStore::default())
            .browser(browser)
            .build()
    }

    /// [`Self::engine`] with what the wizard would ask for already filled in: the callback
    /// port, the org, the app's keys and the CustomerOS details.
    pub fn prefilled_engine(&self, browser: impl BrowserOpener + 'static) -> Result<Engine> {
        let engine = self.engine(browser);
        engine.settings_file().update(|s| {
            s.ports = vec![self.port];
            // Whatever screen the demo is entered at, its sign-in goes to its own org.
            s.login_url = Some(self.sims.salesforce.my_domain_url().to_owned());
            s.client_id = Some(creds::CLIENT_ID.to_owned());
            s.customeros_url = Some(self.sims.customeros.url().to_owned());
            s.api_key_for = check_url(self.sims.customeros.url()).ok();
            s.customeros_username = Some(creds::CUSTOMEROS_USER.to_owned());
        })?;
        engine.keep_for_session(SecretName::CustomerOsApiKey, creds::CUSTOMEROS_API_KEY)?;
        engine.keep_for_session(SecretName::ClientSecret, creds::CLIENT_SECRET)?;
        Ok(engine)
    }
}

/// Plays the user's browser in the demo: follows the sign-in link through the simulated
/// Salesforce (signing in and pressing Allow) back to our loopback listener, on the demo's
/// runtime; or first, for [`Demo::rehearsal_browser`], opens the system's browser.
#[derive(Debug)]
pub struct SimulatedBrowser {
    runtime: tokio::runtime::Handle,
    system_first: bool,
}

impl BrowserOpener for SimulatedBrowser {
    fn open(&self, url: &str) -> std::result::Result<(), String> {
        if self.system_first && SystemBrowser.open(url).is_ok() {
            return Ok(());
        }
        let url = url.to_owned();
        self.runtime
            .spawn(async move { sfconnect_sim::follow_like_a_browser(&url).await });
        Ok(())
    }
}
