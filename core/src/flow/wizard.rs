//! What the wizard needs besides the two phases: keeping the app's keys between screens and
//! building the sign-in from what was saved.

use super::connect::{SignInInputs, SignInRequest, StorePolicy, check_client_id};
use super::{Engine, Method};
use crate::error::{Error, Field, Result};
use crate::login_host::LoginHost;
use crate::secret::{ClientSecret, Password, SecurityToken};
use crate::store::{SecretName, SecretStore};

impl Engine {
    /// Keeps the Consumer Key (settings) and Secret (this session, and the keyring when one
    /// is available). Returns whether the secret reached the keyring.
    pub fn save_app_keys(&self, client_id: &str, secret: &ClientSecret) -> Result<bool> {
        let client_id = check_client_id(client_id)?;
        if secret.is_empty() {
            return Err(Error::input(
                Field::ClientSecret,
                "Paste the Consumer Secret from the same page as the Consumer Key.",
            ));
        }
        if secret
            .expose()
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::input(
                Field::ClientSecret,
                "The Consumer Secret contains spaces or line breaks inside it. Copy it again with \
                 Salesforce's copy button.",
            ));
        }
        self.session
            .put(SecretName::ClientSecret, secret.expose())?;
        let stored = self
            .store
            .put(SecretName::ClientSecret, secret.expose())
            .is_ok();
        self.update(|s| {
            s.client_id = Some(client_id);
            s.last_step = Some("keys".into());
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
        let method = match settings.method.as_deref() {
            Some("client-credentials") => Method::ClientCredentials,
            Some("password") => Method::Password,
            _ => Method::Web,
        };
        let client_secret = self
            .kept_secret(SecretName::ClientSecret)?
            .map(|s| ClientSecret::new(s.as_str()));
        Ok(SignInRequest {
            method,
            login,
            client_id: settings.client_id.clone().unwrap_or_default(),
            client_secret,
            username: settings.username.clone(),
            password,
            security_token,
            sign_in: SignInInputs {
                ports: if settings.ports.is_empty() {
                    vec![crate::oauth::loopback::DEFAULT_PORT]
                } else {
                    settings.ports.clone()
                },
                ..inputs
            },
            destination: settings
                .destination
                .unwrap_or(crate::destination::Destination::Customeros),
            store: StorePolicy::Store,
        })
    }

    /// Opens a URL with the engine's browser opener.
    pub fn open_in_browser(&self, url: &str) -> Result<()> {
        self.browser.open(url).map_err(|_| Error::File {
            message: format!("Couldn't open a browser. Open this address yourself: {url}"),
        })
    }

    /// Forgets this session's secrets and the saved progress, keeping non-secret choices.
    pub fn start_over(&self) -> Result<()> {
        for name in SecretName::SESSION {
            self.session.delete(name)?;
        }
        self.update(|s| {
            s.identity = None;
            s.counts = None;
            s.destination_state = None;
            s.handoff_pending = false;
            s.last_step = None;
        })
    }
}

/// Choices the wizard saves as the admin goes (all optional; absent means unchanged).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Choices {
    /// Destination product.
    pub destination: Option<crate::destination::Destination>,
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
    /// The wizard's last finished step.
    pub last_step: Option<String>,
}

impl Engine {
    /// Saves what the admin chose so far; a login address is normalised (or refused) first.
    pub fn save_choices(&self, choices: Choices) -> Result<()> {
        let login = choices
            .login_url
            .as_deref()
            .map(LoginHost::parse)
            .transpose()?;
        self.update(|s| {
            if let Some(d) = choices.destination {
                s.destination = Some(d);
            }
            if let Some(m) = choices.method {
                s.method = Some(m.as_str().to_owned());
            }
            if let Some(login) = login {
                s.login_url = Some(login.origin().to_owned());
            }
            if choices.username.is_some() {
                s.username = choices.username;
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
        })
    }

    /// Opens a Setup page of the saved org in the browser.
    pub fn open_setup_page(&self, page: crate::setup_pages::SetupPage) -> Result<()> {
        let settings = self.settings.load()?;
        let host = LoginHost::parse(settings.login_url.as_deref().unwrap_or_default())?;
        self.open_in_browser(&page.url(&host))
    }

    /// Hands the kept sign-in to CustomerOS; without `api_key`, the kept one is used.
    pub async fn connect_customeros(
        &self,
        url: &str,
        email: &str,
        api_key: Option<crate::secret::ApiKey>,
        cancel: &tokio_util::sync::CancellationToken,
    ) -> Result<String> {
        let key = match api_key.filter(|k| !k.is_empty()) {
            Some(key) => key,
            None => self
                .stored_api_key()?
                .ok_or_else(|| Error::input(Field::ApiKey, "Enter your CustomerOS API key."))?,
        };
        let header = self.settings.load()?.api_key_header.unwrap_or_default();
        let customeros = crate::destination::customeros::CustomerOs::new(url, email, key, header)?;
        self.deliver_customeros(&customeros, cancel).await
    }

    /// Which secrets this session or the keyring holds (never their values).
    pub fn kept(&self, name: SecretName) -> bool {
        self.kept_secret(name).ok().flatten().is_some()
    }

    /// A kept secret's value, for an explicit "Show" or "Copy" by the user.
    pub fn reveal(&self, name: SecretName) -> Result<String> {
        self.kept_secret(name)?
            .map(|s| s.to_string())
            .ok_or_else(|| Error::NotConnected {
                message: "That value isn't kept any more. Go back and enter it again.".into(),
            })
    }

    /// Puts a secret in this session's memory (demo mode pre-fills with it).
    pub fn keep_for_session(&self, name: SecretName, value: &str) -> Result<()> {
        self.session.put(name, value)
    }
}
