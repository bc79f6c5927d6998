//! What the window's commands share: the engine (swapped for a demo engine in demo mode),
//! the running demo, and the sign-in in progress.

use serde::Serialize;
use sfconnect_core::browser::SystemBrowser;
use sfconnect_core::demo::{Demo, DemoValues};
use sfconnect_core::engine::{OnProgress, SignInInputs, Verified, WizardState};
use sfconnect_core::secret::{Password, SecurityToken};
use sfconnect_core::store::{
    ConnectionSummary, DEFAULT_PROFILE, KeyringStore, SettingsFile, config_dir, profiles,
};
use sfconnect_core::{Engine, Error, Field, Progress, Result};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, RwLock};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The sign-in waiting for the browser.
#[derive(Debug)]
struct PendingSignIn {
    /// Which attempt: a finished older attempt never clears a newer one.
    id: u64,
    cancel: CancellationToken,
    paste: mpsc::Sender<String>,
    /// The sign-in link (no secret in it), once known.
    url: Option<String>,
}

/// Shared by every command.
#[derive(Debug)]
pub struct AppState {
    engine: RwLock<Engine>,
    demo: Mutex<Option<Demo>>,
    /// The real engine, put aside while the demo runs.
    real: Mutex<Option<Engine>>,
    pending: Mutex<Option<PendingSignIn>>,
    attempts: AtomicU64,
    dialog_script: Option<crate::dialogs::Script>,
    /// The hand-off or check in progress, which Cancel ends.
    operation: Mutex<Option<CancellationToken>>,
    /// The connection (profile) open in the window; `None` for an engine given by a test.
    profile: Mutex<Option<String>>,
    /// The update the last look found, for Install.
    pub update: crate::updates::Found,
}

/// The connections kept on this computer, and which one the window has open.
#[derive(Debug, Serialize)]
pub struct ConnectionsView {
    current: String,
    connections: Vec<ConnectionSummary>,
}

/// What the wizard draws itself from: the saved progress, and the demo's values in demo mode.
#[derive(Debug, Serialize)]
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
            pending: Mutex::new(None),
            attempts: AtomicU64::new(0),
            dialog_script: crate::dialogs::Script::from_env(),
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
    pub fn with_dialog_script(mut self, script: crate::dialogs::Script) -> Self {
        self.dialog_script = Some(script);
        self
    }

    /// The scripted dialog answers, if any.
    pub fn dialog_script(&self) -> Option<crate::dialogs::Script> {
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

    /// What the support report needs from the shell: the program, WebKitGTK's version and the
    /// wizard's log.
    pub fn report_context(&self) -> sfconnect_core::engine::ReportContext {
        sfconnect_core::engine::ReportContext {
            program: "sfconnect wizard".into(),
            webkitgtk: webkitgtk_version(),
            log: sfconnect_core::engine::wizard_log(),
        }
    }

    /// Whether `base` is the running demo's simulated CustomerOS.
    pub fn is_demo_customeros(&self, base: &str) -> bool {
        lock(&self.demo).as_ref().is_some_and(|demo| {
            sfconnect_core::destination::customeros::check_url(&demo.values().customeros_url)
                .is_ok_and(|demo_base| demo_base == base)
        })
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
        let engine = demo.prefilled_engine(demo.browser(true))?;
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
        self.cancel_sign_in();
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
        let mut connections = profiles::list(&config_dir()?)?;
        if !connections.iter().any(|c| c.profile == current) {
            let settings = self.engine().settings_file().load().unwrap_or_default();
            connections.push(profiles::summary(&current, &settings));
        }
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
            return Err(Error::Input {
                field: Field::Option,
                message: "Leave the demo first, then open your connections.".into(),
            });
        }
        self.cancel_operation();
        self.cancel_sign_in();
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

    /// Opens a new, empty connection under a name no other uses; answers that name.
    pub fn add_connection(&self) -> Result<String> {
        let mut taken = profiles::list(&config_dir()?)?;
        if let Some(current) = lock(&self.profile).clone() {
            taken.push(profiles::summary(
                &current,
                &sfconnect_core::store::Settings::default(),
            ));
        }
        let name = profiles::unused_name(&taken);
        self.open_connection(&name)?;
        Ok(name)
    }

    /// Signs in with the saved choices (cancelling any older attempt) and verifies the org.
    pub async fn sign_in(
        &self,
        password: Option<Password>,
        security_token: Option<SecurityToken>,
        events: OnProgress<'_>,
    ) -> Result<Verified> {
        let (id, cancel, paste) = self.begin_sign_in();
        let engine = self.engine();
        let result = async {
            let request = engine.saved_sign_in_request(
                SignInInputs::browser(Some(paste)),
                password,
                security_token,
            )?;
            let remember_link = |progress: Progress| {
                if let Progress::BrowserSignIn { url, .. } = &progress {
                    self.remember_link(id, url);
                }
                events(progress);
            };
            engine
                .sign_in_and_verify(request, &remember_link, &cancel)
                .await
        }
        .await;
        self.end_sign_in(id);
        result
    }

    fn begin_sign_in(&self) -> (u64, CancellationToken, mpsc::Receiver<String>) {
        let id = self.attempts.fetch_add(1, Ordering::Relaxed);
        let cancel = CancellationToken::new();
        let (paste, received) = mpsc::channel(4);
        let new = PendingSignIn {
            id,
            cancel: cancel.clone(),
            paste,
            url: None,
        };
        if let Some(old) = lock(&self.pending).replace(new) {
            old.cancel.cancel();
        }
        (id, cancel, received)
    }

    fn remember_link(&self, id: u64, url: &str) {
        if let Some(pending) = lock(&self.pending).as_mut().filter(|p| p.id == id) {
            pending.url = Some(url.to_owned());
        }
    }

    fn end_sign_in(&self, id: u64) {
        let mut pending = lock(&self.pending);
        if pending.as_ref().is_some_and(|p| p.id == id) {
            pending.take();
        }
    }

    /// Whether a sign-in is waiting for the browser (an update must not interrupt it).
    pub fn signing_in(&self) -> bool {
        lock(&self.pending).is_some()
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

    /// The sign-in link of the attempt in progress, opened again when `open`.
    pub fn sign_in_link(&self, open: bool) -> Result<Option<String>> {
        let url = lock(&self.pending).as_ref().and_then(|p| p.url.clone());
        if let (true, Some(url)) = (open, &url) {
            self.engine().open_in_browser(url)?;
        }
        Ok(url)
    }
}

fn not_waiting() -> Error {
    Error::input(
        Field::RedirectUrl,
        "No sign-in is waiting. Press \"Sign in to Salesforce\" first, then paste the address.",
    )
}

/// The installed WebKitGTK package's version (Debian and derivatives), if known.
fn webkitgtk_version() -> Option<String> {
    let output = std::process::Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"])
        .output()
        .ok()?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !version.is_empty()).then_some(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> AppState {
        let dir = std::env::temp_dir().join(format!("sfconnect-state-{}", std::process::id()));
        AppState::with_engine(Engine::builder(SettingsFile::at(dir.join("s.json"))).build())
    }

    /// A finished older sign-in ends only its own attempt, never a newer one (security review
    /// #15): the newer attempt can still take a pasted address.
    #[test]
    fn an_older_attempt_never_ends_a_newer_one() {
        let state = state();
        let (older, older_cancel, _older_pastes) = state.begin_sign_in();
        let (newer, _newer_cancel, mut newer_pastes) = state.begin_sign_in();
        assert!(
            older_cancel.is_cancelled(),
            "starting anew cancels the older attempt"
        );
        state.end_sign_in(older);
        assert!(
            state
                .paste("http://localhost:7717/callback?code=x&state=y".into())
                .is_ok()
        );
        assert!(
            newer_pastes.try_recv().is_ok(),
            "the newer attempt still receives"
        );
        state.end_sign_in(newer);
        assert!(
            state
                .paste("http://localhost:7717/callback".into())
                .is_err()
        );
    }
}
