//! What the window's commands share: the engine (swapped for a demo engine in demo mode),
//! the running demo, the open connection, the sign-in in progress ([`SignIns`]) and the
//! hand-off or check in progress.

use crate::dialogs::Script;
use crate::sign_in::{Attempt, SignIns};
use serde::Serialize;
use sfconnect_core::browser::SystemBrowser;
use sfconnect_core::engine::{OnProgress, SignInInputs, Verified, WizardState};
use sfconnect_core::secret::{Password, SecurityToken};
use sfconnect_core::store::{
    ConnectionSummary, DEFAULT_PROFILE, KeyringStore, SettingsFile, config_dir, profiles,
};
use sfconnect_core::{Code, Engine, Error, Field, Progress, Result};
use sfconnect_demo::{Demo, DemoValues};
use std::sync::{Mutex, MutexGuard, RwLock};
use tauri::{AppHandle, Runtime};
use tokio_util::sync::CancellationToken;

/// Shared by every command.
#[derive(Debug)]
pub struct AppState {
    engine: RwLock<Engine>,
    demo: Mutex<Option<Demo>>,
    /// The real engine, put aside while the demo runs.
    real: Mutex<Option<Engine>>,
    /// The sign-in waiting for the browser.
    pub sign_ins: SignIns,
    dialog_script: Option<Script>,
    /// The hand-off or check in progress, which Cancel ends.
    operation: Mutex<Option<CancellationToken>>,
    /// The connection (profile) open in the window; `None` for an engine given by a test.
    profile: Mutex<Option<String>>,
    /// The update the last look found, for Install.
    pub update: crate::updates::Found,
}

/// The connections kept on this computer, and which one the window has open.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ConnectionsView {
    current: String,
    connections: Vec<ConnectionSummary>,
}

/// What the wizard draws itself from: the saved progress, and the demo's values in demo mode.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct WizardView {
    #[serde(flatten)]
    state: WizardState,
    demo: Option<DemoValues>,
}

/// The real engine for a profile: OS keyring, its settings file, the system browser.
fn real_engine(profile: &str) -> Result<Engine> {
    Ok(Engine::builder(SettingsFile::for_profile(profile)?)
        .store(KeyringStore::new(profile))
        .browser(SystemBrowser)
        .build())
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    /// The real engine: OS keyring, the profile's settings file, the system browser.
    pub fn new(profile: &str) -> Result<Self> {
        let state = Self::with_engine(real_engine(profile)?);
        *lock(&state.profile) = Some(profile.to_owned());
        Ok(state)
    }

    /// A state around a given engine (tests).
    #[must_use]
    pub fn with_engine(engine: Engine) -> Self {
        Self {
            engine: RwLock::new(engine),
            demo: Mutex::new(None),
            real: Mutex::new(None),
            sign_ins: SignIns::default(),
            dialog_script: Script::from_env(),
            operation: Mutex::new(None),
            profile: Mutex::new(None),
            update: crate::updates::Found::default(),
        }
    }

    /// A cancel token for a new hand-off or check (ending any earlier one).
    pub fn begin_operation(&self) -> CancellationToken {
        let cancel = CancellationToken::new();
        if let Some(earlier) = lock(&self.operation).replace(cancel.clone()) {
            earlier.cancel();
        }
        cancel
    }

    /// Cancels the hand-off or check in progress, if any.
    pub fn cancel_operation(&self) {
        if let Some(cancel) = lock(&self.operation).take() {
            cancel.cancel();
        }
    }

    /// Answers the native dialogs from `script` instead (tests).
    #[must_use]
    pub fn with_dialog_script(mut self, script: Script) -> Self {
        self.dialog_script = Some(script);
        self
    }

    /// The scripted dialog answers, if any.
    pub fn dialog_script(&self) -> Option<Script> {
        self.dialog_script.clone()
    }

    /// The engine in use (cheap to clone: everything inside is shared).
    pub fn engine(&self) -> Engine {
        self.engine
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Records a failure for the support report (in the demo, the demo's own), and passes it on.
    pub fn noted(&self, error: Error) -> Error {
        if !matches!(error, Error::Cancelled) {
            self.engine().record_failure(&error);
        }
        error
    }

    /// In the demo, only its simulators are talked to: a real org or CustomerOS typed into a
    /// demo form is refused, saying how to connect it for real.
    pub fn demo_stays_simulated(
        &self,
        login_origin: Option<&str>,
        customeros: Option<&str>,
    ) -> Result<()> {
        let demo = lock(&self.demo);
        let Some(demo) = demo.as_ref() else {
            return Ok(());
        };
        let outside = login_origin
            .filter(|origin| !demo.is_own_org(origin))
            .or(customeros.filter(|url| !is_demo_customeros(demo, url)));
        match outside {
            None => Ok(()),
            Some(address) => Err(Error::Local {
                code: Code::DemoRunning,
                message: format!(
                    "The demo only talks to its simulated Salesforce and CustomerOS, not to {address}. \
                     Choose Leave the demo (at the top) to connect your real one."
                ),
                detail: String::new(),
            }),
        }
    }

    /// Whether the demo runs.
    pub fn in_demo(&self) -> bool {
        lock(&self.demo).is_some()
    }

    /// Whether `url` is the running demo's simulated CustomerOS.
    pub fn is_demo_customeros(&self, url: &str) -> bool {
        lock(&self.demo)
            .as_ref()
            .is_some_and(|demo| is_demo_customeros(demo, url))
    }

    /// The wizard's view of the saved progress.
    pub fn view(&self) -> Result<WizardView> {
        Ok(WizardView {
            state: self.engine().wizard_state()?,
            demo: lock(&self.demo).as_ref().map(Demo::values),
        })
    }

    /// Starts the simulators and switches to a demo engine with everything pre-filled:
    /// memory-only secrets, a private throwaway settings folder. Nothing real is touched.
    pub async fn start_demo(&self) -> Result<()> {
        if lock(&self.demo).is_some() {
            return Ok(());
        }
        let demo = Demo::start(&[]).await?;
        let engine = demo.prefilled_engine(demo.rehearsal_browser())?;
        let real = std::mem::replace(
            &mut *self
                .engine
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            engine,
        );
        *lock(&self.real) = Some(real);
        *lock(&self.demo) = Some(demo);
        Ok(())
    }

    /// Leaves the demo: the real engine again, and the simulators (and their files) gone.
    pub fn leave_demo(&self) {
        self.cancel_operation();
        self.sign_ins.cancel();
        if let Some(real) = lock(&self.real).take() {
            *self
                .engine
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = real;
        }
        lock(&self.demo).take();
    }

    /// The connections on this computer; the open one is listed even before it has a file.
    pub fn connections(&self) -> Result<ConnectionsView> {
        let current = lock(&self.profile)
            .clone()
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        let connections = profiles::list_with_open(&config_dir()?, &current, || {
            self.engine().settings_file().load().unwrap_or_default()
        })?;
        Ok(ConnectionsView {
            current,
            connections,
        })
    }

    /// Opens another connection (a new one when `profile` names none yet): whatever runs for
    /// the current one stops, and the next start opens this one again.
    pub fn open_connection(&self, profile: &str) -> Result<()> {
        profiles::check_name(profile)?;
        if lock(&self.demo).is_some() {
            return Err(Error::Local {
                code: Code::DemoRunning,
                message: "Leave the demo first, then open your connections.".into(),
                detail: String::new(),
            });
        }
        self.cancel_operation();
        self.sign_ins.cancel();
        let engine = real_engine(profile)?;
        *self
            .engine
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = engine;
        *lock(&self.profile) = Some(profile.to_owned());
        // Only a convenience: failing to remember it must not stop the switch.
        if let Err(error) = config_dir().and_then(|dir| profiles::remember_opened(&dir, profile)) {
            tauri_plugin_log::log::warn!("couldn't remember the open connection: {error}");
        }
        Ok(())
    }

    /// Removes a connection that isn't open and holds no Salesforce sign-in (walkthrough 2,
    /// M6): its settings file and its secrets.
    pub fn remove_connection(&self, profile: &str) -> Result<()> {
        profiles::check_name(profile)?;
        let open = lock(&self.profile)
            .clone()
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        if open == profile {
            return Err(Error::Input {
                field: Field::ConnectionName,
                message: "This is the connection open now: open another one first, then remove \
                          this one."
                    .into(),
            });
        }
        real_engine(profile)?.remove_connection()
    }

    /// Opens a new, empty connection under a name no other uses; answers that name.
    pub fn add_connection(&self) -> Result<String> {
        let open = lock(&self.profile).clone();
        let name = profiles::new_name(&config_dir()?, open.as_deref())?;
        self.open_connection(&name)?;
        Ok(name)
    }

    /// Signs in with the saved choices (cancelling any older attempt) and verifies the org. A
    /// loopback "org" outside the demo needs the admin's yes in a native dialog first, asked
    /// about the very request that is then sent.
    pub async fn sign_in<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        password: Option<Password>,
        security_token: Option<SecurityToken>,
        events: OnProgress<'_>,
    ) -> Result<Verified> {
        let Attempt { id, cancel, pasted } = self.sign_ins.begin();
        let engine = self.engine();
        let in_demo = lock(&self.demo).is_some();
        let result = async {
            let inputs = SignInInputs::browser(Some(pasted));
            let request = engine.saved_sign_in_request(inputs, password, security_token)?;
            self.demo_stays_simulated(Some(request.login.origin()), None)?;
            crate::dialogs::confirm_sign_in_host(
                app,
                self.dialog_script(),
                in_demo,
                &request.login,
            )
            .await?;
            let remember_link = |progress: Progress| {
                if let Progress::BrowserSignIn { url, .. } = &progress {
                    self.sign_ins.remember_link(id, url);
                }
                events(progress);
            };
            engine
                .sign_in_and_verify(request, &remember_link, &cancel)
                .await
        }
        .await;
        self.sign_ins.end(id);
        result
    }

    /// The sign-in link of the attempt in progress, opened again when `open`.
    pub fn sign_in_link(&self, open: bool) -> Result<Option<String>> {
        let url = self.sign_ins.link();
        if let (true, Some(url)) = (open, &url) {
            self.engine().open_in_browser(url)?;
        }
        Ok(url)
    }
}

/// Whether `url` is `demo`'s simulated CustomerOS.
fn is_demo_customeros(demo: &Demo, url: &str) -> bool {
    let base = |url: &str| sfconnect_core::destination::customeros::check_url(url).ok();
    base(&demo.values().customeros_url).is_some_and(|b| Some(b) == base(url))
}
