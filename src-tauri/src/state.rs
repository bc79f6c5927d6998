//! What the window's commands share: the engine (swapped for a demo engine in demo mode),
//! the running simulators, and the sign-in in progress.

use sfconnect_core::browser::{BrowserOpener, SystemBrowser};
use sfconnect_core::flow::{Engine, SystemClock};
use sfconnect_core::secret::ClientSecret;
use sfconnect_core::store::settings::SettingsFile;
use sfconnect_core::store::{KeyringStore, MemoryStore, SecretName};
use sfconnect_core::{Error, Result};
use sfconnect_sim::{Sims, creds};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The sign-in waiting for the browser.
#[derive(Debug)]
struct PendingSignIn {
    cancel: CancellationToken,
    paste: mpsc::Sender<String>,
}

/// Shared by every command.
#[derive(Debug)]
pub struct AppState {
    engine: RwLock<Engine>,
    sims: Mutex<Option<Sims>>,
    pending: Mutex<Option<PendingSignIn>>,
    /// The sign-in link of the attempt in progress (no secret in it).
    pub sign_in_url: Arc<Mutex<Option<String>>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Demo mode's browser: `BROWSER` when set (the tests' redirect-following program), else a
/// built-in one that approves at once, as the simulated Salesforce does.
#[derive(Debug)]
struct DemoBrowser;

impl BrowserOpener for DemoBrowser {
    fn open(&self, url: &str) -> std::result::Result<(), String> {
        if std::env::var_os("BROWSER").is_some_and(|b| !b.is_empty()) {
            return SystemBrowser.open(url);
        }
        let url = url.to_owned();
        tauri::async_runtime::spawn(
            async move { sfconnect_sim::follow_like_a_browser(&url).await },
        );
        Ok(())
    }
}

impl AppState {
    /// The real engine: OS keyring, the profile's settings file, the system browser.
    pub fn new(profile: &str) -> Result<Self> {
        let engine = Engine::new(
            sfconnect_core::http::Http::new(),
            Arc::new(SystemBrowser),
            Arc::new(KeyringStore::new(profile)),
            SettingsFile::for_profile(profile)?,
            Arc::new(SystemClock),
        );
        Ok(Self::with_engine(engine))
    }

    /// A state around a given engine (tests).
    pub fn with_engine(engine: Engine) -> Self {
        Self {
            engine: RwLock::new(engine),
            sims: Mutex::new(None),
            pending: Mutex::new(None),
            sign_in_url: Arc::default(),
        }
    }

    /// The engine in use (cheap to clone: everything inside is shared).
    pub fn engine(&self) -> Engine {
        self.engine
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// True in demo mode.
    pub fn is_demo(&self) -> bool {
        lock(&self.sims).is_some()
    }

    /// Starts the simulators and switches to a demo engine with everything pre-filled:
    /// memory-only secrets, a throwaway settings file. Nothing real is touched.
    pub async fn start_demo(&self) -> Result<()> {
        if self.is_demo() {
            return Ok(());
        }
        let port = free_port();
        let sims = sfconnect_sim::start(&[port])
            .await
            .map_err(|e| Error::File {
                message: format!("Couldn't start the demo on this computer ({}).", e.kind()),
            })?;
        let dir = std::env::temp_dir().join(format!("sfconnect-demo-{}", std::process::id()));
        let engine = Engine::new(
            sfconnect_core::http::Http::new(),
            Arc::new(DemoBrowser),
            Arc::new(MemoryStore::default()),
            SettingsFile::at(dir.join("demo.json")),
            Arc::new(SystemClock),
        );
        let _ = engine.settings_file().remove();
        engine.update(|s| {
            s.ports = vec![port];
            s.client_id = Some(creds::CLIENT_ID.to_owned());
            s.customeros_url = Some(sims.customeros.url().to_owned());
            s.customeros_username = Some(creds::CUSTOMEROS_USER.to_owned());
        })?;
        engine.keep_for_session(SecretName::CustomerOsApiKey, creds::CUSTOMEROS_API_KEY)?;
        engine.keep_for_session(SecretName::ClientSecret, creds::CLIENT_SECRET)?;
        *self.engine.write().unwrap_or_else(|p| p.into_inner()) = engine;
        *lock(&self.sims) = Some(sims);
        Ok(())
    }

    /// The demo's pre-filled values (public test data of the simulated org only).
    pub fn demo_values(&self) -> Option<DemoValues> {
        lock(&self.sims).as_ref().map(|sims| DemoValues {
            login_url: sims.salesforce.my_domain_url().to_owned(),
            client_id: creds::CLIENT_ID.to_owned(),
            customeros_url: sims.customeros.url().to_owned(),
            customeros_username: creds::CUSTOMEROS_USER.to_owned(),
        })
    }

    /// Registers a sign-in in progress; returns its cancel token and paste input.
    pub fn begin_sign_in(&self) -> (CancellationToken, mpsc::Receiver<String>) {
        let cancel = CancellationToken::new();
        let (paste, received) = mpsc::channel(4);
        if let Some(old) = lock(&self.pending).replace(PendingSignIn {
            cancel: cancel.clone(),
            paste,
        }) {
            old.cancel.cancel();
        }
        *lock(&self.sign_in_url) = None;
        (cancel, received)
    }

    /// Forgets the sign-in in progress.
    pub fn end_sign_in(&self) {
        lock(&self.pending).take();
    }

    /// Cancels the sign-in in progress, if any.
    pub fn cancel_sign_in(&self) {
        if let Some(pending) = lock(&self.pending).as_ref() {
            pending.cancel.cancel();
        }
    }

    /// Hands a pasted address to the sign-in in progress.
    pub fn paste(&self, address: String) -> Result<()> {
        let sender = lock(&self.pending).as_ref().map(|p| p.paste.clone());
        match sender {
            Some(sender) => sender.try_send(address).map_err(|_| not_waiting()),
            None => Err(not_waiting()),
        }
    }

    /// Keeps the Consumer Key and Secret.
    pub fn save_app_keys(&self, client_id: &str, secret: &str) -> Result<bool> {
        self.engine()
            .save_app_keys(client_id, &ClientSecret::new(secret))
    }
}

fn not_waiting() -> Error {
    Error::input(
        sfconnect_core::Field::RedirectUrl,
        "No sign-in is waiting. Press \"Sign in to Salesforce\" first, then paste the address.",
    )
}

fn free_port() -> u16 {
    [sfconnect_core::oauth::loopback::DEFAULT_PORT, 0]
        .into_iter()
        .find_map(|p| {
            std::net::TcpListener::bind(("127.0.0.1", p))
                .ok()?
                .local_addr()
                .ok()
        })
        .map_or(sfconnect_core::oauth::loopback::DEFAULT_PORT, |a| a.port())
}

/// Values the demo fills in for the admin.
#[derive(Debug, Clone, serde::Serialize)]
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
