//! The settings file as the connection's journal: what was chosen, which step finished, what
//! was delivered, and so where to resume. Nothing secret is ever written here.

use super::checks::{check_client_id, check_client_secret};
use super::{Credentials, Engine, Method, SignInFields, SignInInputs, SignInRequest, StorePolicy};
use crate::destination::{Destination, DestinationInfo};
use crate::error::{Code, Error, Result};
use crate::login_host::LoginHost;
use crate::oauth::ports::{ports_or_default, redirect_uri};
use crate::salesforce::SYNCED_OBJECTS;
use crate::secret::{ClientSecret, MASK, Password, SecurityToken};
use crate::store::{DeliveryState, SecretName, Settings, Step};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A wizard screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// Choose the destination.
    Welcome,
    /// Choose the org.
    Org,
    /// Create the app in Salesforce.
    App,
    /// Paste the Consumer Key and Secret.
    Keys,
    /// Sign in.
    Signin,
    /// What will sync.
    Check,
    /// Hand off to the destination.
    Connect,
    /// Connected.
    Done,
}

impl Screen {
    /// Every screen, in the wizard's order.
    pub const ALL: [Screen; 8] = [
        Screen::Welcome,
        Screen::Org,
        Screen::App,
        Screen::Keys,
        Screen::Signin,
        Screen::Check,
        Screen::Connect,
        Screen::Done,
    ];

    /// Where to resume after `last` finished, for `method` (password sign-in needs no app).
    #[must_use]
    pub fn resume_after(last: Option<Step>, method: Option<Method>) -> Screen {
        let screen = match last {
            None => Screen::Welcome,
            Some(Step::Welcome) => Screen::Org,
            Some(Step::Org) => Screen::App,
            Some(Step::App) => Screen::Keys,
            Some(Step::Keys | Step::Inputs) => Screen::Signin,
            Some(Step::Verified) => Screen::Check,
            Some(Step::Done) => Screen::Done,
        };
        match screen {
            Screen::App | Screen::Keys if method.is_some_and(|m| !m.needs_app()) => Screen::Signin,
            other => other,
        }
    }

    /// The screens a sign-in by `method` goes through, in order (one without an app skips
    /// creating it and pasting its keys).
    #[must_use]
    pub fn sequence(method: Method) -> Vec<Screen> {
        Screen::ALL
            .into_iter()
            .filter(|s| method.needs_app() || !matches!(s, Screen::App | Screen::Keys))
            .collect()
    }
}

/// Choices the wizard saves as the admin goes (all optional; absent means unchanged).
#[derive(Debug, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Choices {
    /// Destination product.
    pub destination: Option<Destination>,
    /// Sign-in method.
    pub method: Option<Method>,
    /// Login address as typed (normalised before saving).
    pub login_url: Option<String>,
    /// Salesforce username (password method).
    pub username: Option<String>,
    /// CustomerOS address.
    pub customeros_url: Option<String>,
    /// CustomerOS user email.
    pub customeros_username: Option<String>,
    /// The step the admin just finished.
    pub last_step: Option<Step>,
    /// The kind of app the admin is making.
    pub app_kind: Option<crate::salesforce::AppKind>,
}

/// What the wizard needs to draw itself and resume (never a secret: only whether one is kept).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WizardState {
    /// The saved, non-secret settings.
    pub settings: Settings,
    /// The screen to show first.
    pub resume_at: Screen,
    /// The Consumer Secret is kept.
    pub has_client_secret: bool,
    /// The CustomerOS API key is kept.
    pub has_api_key: bool,
    /// A signed-in connection is kept (a refresh token and who issued it): the wizard opens on
    /// its home screen, and Disconnect can always end it.
    pub has_connection: bool,
    /// The Callback URLs to register, first one preferred.
    pub callback_urls: Vec<String>,
    /// Where the Airbyte file goes unless the admin chooses otherwise.
    pub default_airbyte_path: String,
    /// The objects that sync, in display order.
    pub synced_objects: [&'static str; 4],
    /// What stands in for a hidden secret.
    pub mask: &'static str,
    /// sfconnect's version.
    pub version: &'static str,
    /// The destinations, in the order offered (the first is the default), each with what
    /// differs: its name, methods, whether it can be checked.
    pub destinations: Vec<DestinationInfo>,
    /// The screens each sign-in method goes through, in order.
    pub screens: BTreeMap<Method, Vec<Screen>>,
    /// What to say today about each of Salesforce's dated changes.
    pub dated: Vec<crate::dated::DatedText>,
}

impl Engine {
    /// Loads, changes and saves the settings under the settings file's lock; skips the
    /// (synced) write when nothing changed. A damaged file is reported, not overwritten.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        self.settings.update(change).map(drop)
    }

    /// The wizard's view of the saved progress.
    pub fn wizard_state(&self) -> Result<WizardState> {
        let settings = self.settings.load()?;
        // The keyring is asked only when a connection may exist (a D-Bus activation).
        let has_connection = settings.token_issuer.is_some() && self.kept(SecretName::RefreshToken);
        Ok(WizardState {
            resume_at: if has_connection && settings.destination_state.is_some() {
                Screen::Done
            } else {
                Screen::resume_after(settings.last_step, settings.method)
            },
            has_connection,
            callback_urls: ports_or_default(&settings.ports)
                .into_iter()
                .map(redirect_uri)
                .collect(),
            // Ask the keyring only when something may be there: it can take a D-Bus activation.
            has_client_secret: settings.client_id.is_some() && self.kept(SecretName::ClientSecret),
            has_api_key: settings.customeros_url.is_some()
                && self.kept(SecretName::CustomerOsApiKey),
            default_airbyte_path: std::env::home_dir()
                .unwrap_or_default()
                .join("salesforce-source.json")
                .display()
                .to_string(),
            synced_objects: SYNCED_OBJECTS,
            mask: MASK,
            version: env!("CARGO_PKG_VERSION"),
            destinations: Destination::ALL.map(Destination::info).to_vec(),
            screens: Method::ALL
                .into_iter()
                .map(|m| (m, Screen::sequence(m)))
                .collect(),
            dated: crate::dated::texts(crate::dated::Day::from_unix(self.clock.now_unix())),
            settings,
        })
    }

    /// Saves what the admin chose so far; a login address is normalised (or refused) first.
    pub fn save_choices(&self, choices: Choices) -> Result<()> {
        let login = choices
            .login_url
            .as_deref()
            .map(LoginHost::parse)
            .transpose()?;
        // Never saved unless it is one (a password in the wrong field would be: review 2, N15).
        let username = choices
            .username
            .as_deref()
            .map(super::checks::check_username)
            .transpose()?;
        self.update(|s| {
            if let Some(d) = choices.destination {
                s.destination = Some(d);
            }
            if let Some(m) = choices.method {
                s.method = Some(m);
            }
            if let Some(login) = login {
                s.login_url = Some(login.origin().to_owned());
            }
            if username.is_some() {
                s.username = username;
            }
            if choices.customeros_url.is_some() {
                s.customeros_url = choices.customeros_url;
            }
            if choices.customeros_username.is_some() {
                s.customeros_username = choices.customeros_username;
            }
            if choices.last_step.is_some() {
                s.last_step = choices.last_step;
            }
            if choices.app_kind.is_some() {
                s.app_kind = choices.app_kind;
            }
        })
    }

    /// After "port in use": adds the port after the highest registered one to the ports the
    /// sign-in tries (in order, so a port that frees up again is used first) and answers it.
    /// The admin then registers its Callback URL in the app; the sign-in's pre-flight check
    /// says so if they haven't yet, before any browser opens.
    pub fn use_next_port(&self) -> Result<u16> {
        let mut ports = ports_or_default(&self.settings.load()?.ports);
        let next = ports
            .iter()
            .max()
            .and_then(|p| p.checked_add(1))
            .filter(|p| *p > 1024)
            .ok_or_else(|| Error::Local {
                code: Code::NoPortLeft,
                message: format!(
                    "There is no port after this one: register {}.",
                    redirect_uri(crate::oauth::ports::DEFAULT_PORT)
                ),
                detail: String::new(),
            })?;
        ports.push(next);
        self.update(|s| s.ports = ports)?;
        Ok(next)
    }

    /// Keeps the Consumer Key (settings) and Secret (this session, and the keyring when one
    /// is available). Answers whether the secret reached the keyring.
    pub fn save_app_keys(&self, client_id: &str, secret: &ClientSecret) -> Result<bool> {
        let client_id = check_client_id(client_id)?;
        check_client_secret(secret)?;
        let stored = self.keep_client_secret(secret)?;
        let now = self.clock.now_unix();
        self.update(|s| {
            if s.client_id.as_deref() != Some(client_id.as_str()) {
                s.client_id_saved_at = Some(now);
            }
            s.client_id = Some(client_id);
            s.last_step = Some(Step::Keys);
        })?;
        Ok(stored)
    }

    /// The sign-in the wizard runs, from the saved choices and keys.
    pub fn saved_sign_in_request(
        &self,
        inputs: SignInInputs,
        password: Option<Password>,
        security_token: Option<SecurityToken>,
    ) -> Result<SignInRequest> {
        let settings = self.settings.load()?;
        let login = LoginHost::parse(settings.login_url.as_deref().unwrap_or_default())?;
        let destination = settings.destination.unwrap_or_default();
        let app_wait = app_wait(&settings, self.clock.now_unix());
        let fields = SignInFields {
            method: settings.method.unwrap_or(destination.methods()[0]),
            client_id: settings.client_id.clone().unwrap_or_default(),
            client_secret: self.kept_client_secret()?,
            username: settings.username.clone(),
            password,
            security_token,
            browser: SignInInputs {
                ports: ports_or_default(&settings.ports),
                app_wait: app_wait.min(inputs.app_wait),
                ..inputs
            },
        };
        SignInRequest::new(login, fields, destination, StorePolicy::Store)
    }

    /// Records phase one's inputs before signing in (and `more` in the same write), so a
    /// failed hand-off can be retried and the wizard resumes at the sign-in.
    pub(super) fn remember_inputs(
        &self,
        request: &SignInRequest,
        more: impl FnOnce(&mut Settings),
    ) -> Result<()> {
        self.update(|s| {
            more(s);
            s.method = Some(request.method());
            s.login_url = Some(request.login.origin().into());
            s.client_id = Some(request.client_id().to_owned()).filter(|c| !c.is_empty());
            s.destination = Some(request.destination);
            match &request.credentials {
                Credentials::Web { browser, .. } => {
                    s.ports.clone_from(&browser.ports);
                    s.username = None;
                }
                Credentials::ClientCredentials { .. } => s.username = None,
                Credentials::Password { username, .. } => s.username = Some(username.clone()),
            }
            s.identity = None;
            s.counts = None;
            s.destination_state = None;
            s.last_step = Some(Step::Inputs);
        })
    }

    /// Records a delivery and when it happened.
    pub(super) fn mark_delivered(&self, state: DeliveryState) -> Result<DeliveryState> {
        let now = self.clock.now_unix();
        self.update(|s| {
            s.handed_to = Some(super::earlier::hand_off_place(s));
            s.destination_state = Some(state);
            s.handoff_pending = false;
            s.connected_at = Some(now);
            s.last_step = Some(Step::Done);
        })?;
        Ok(state)
    }

    /// Removes this connection: its settings file and its secrets, here and in the keyring.
    /// Only one that holds no Salesforce sign-in: Disconnect revokes a kept one first.
    pub fn remove_connection(&self) -> Result<()> {
        let settings = self.settings.load()?;
        if !crate::store::profiles::holds_no_sign_in(&settings) {
            return Err(Error::Local {
                code: Code::ConnectionHoldsSignIn,
                message: "This connection keeps a Salesforce sign-in: open it and use \
                          Disconnect, which revokes the sign-in at Salesforce (and removes it \
                          from the destination) before anything is forgotten."
                    .into(),
                detail: String::new(),
            });
        }
        self.forget_session()?;
        self.forget_stored()?;
        self.settings.remove()
    }

    /// Forgets this session's secrets and the saved progress, keeping non-secret choices.
    pub fn start_over(&self) -> Result<()> {
        self.forget_session()?;
        self.update(|s| {
            s.identity = None;
            s.counts = None;
            s.destination_state = None;
            s.handoff_pending = false;
            s.last_step = None;
        })
    }
}

/// How long an unknown Consumer Key is waited for (walkthrough 2, M2): not at all for an
/// External Client App (its changes apply at once), and for a Connected App only what is left
/// of the ~10 minutes since its Key was saved. Unknown: the whole wait.
fn app_wait(settings: &Settings, now: u64) -> std::time::Duration {
    use crate::salesforce::AppKind;
    let full = super::requests::DEFAULT_APP_WAIT;
    match (settings.app_kind, settings.client_id_saved_at) {
        (Some(AppKind::ExternalClientApp), _) => std::time::Duration::ZERO,
        (_, Some(saved)) => {
            full.saturating_sub(std::time::Duration::from_secs(now.saturating_sub(saved)))
        }
        (None | Some(AppKind::ConnectedApp), None) => full,
    }
}

#[cfg(test)]
#[path = "tests/journal.rs"]
mod tests;
