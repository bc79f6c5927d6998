//! `connect`: the whole job from inputs to a verified, stored, handed-off connection.

use super::sign_in::{PasteInput, wait_for_code};
use super::{Engine, Events, Method, Progress};
use crate::destination::customeros::CustomerOs;
use crate::destination::customerscore::{self, ProviderField, ProviderMode};
use crate::destination::{Destination, SalesforceCredentials, airbyte};
use crate::error::{Error, Field, Result};
use crate::login_host::LoginHost;
use crate::oauth::loopback::LoopbackListener;
use crate::oauth::sign_in::WebSignIn;
use crate::oauth::{soap, token};
use crate::salesforce::{self, Counts, Identity};
use crate::secret::{AccessToken, ApiKey, ClientSecret, Password, RefreshToken, SecurityToken};
use crate::store::SecretName;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

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

/// Where the credentials go.
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
    },
}

impl DestinationRequest {
    fn kind(&self) -> Destination {
        match self {
            DestinationRequest::CustomerOs(_) => Destination::Customeros,
            DestinationRequest::Customerscore { .. } => Destination::Customerscore,
            DestinationRequest::Airbyte { .. } => Destination::Airbyte,
        }
    }
}

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
}

/// Everything `connect` needs.
#[derive(Debug)]
pub struct ConnectRequest {
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
    /// Where the credentials go.
    pub destination: DestinationRequest,
    /// Keyring policy.
    pub store: StorePolicy,
}

/// A finished connection, as reported to the user and to `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct Connected {
    /// Always `connected`.
    pub status: &'static str,
    /// 18-character org id.
    pub org_id: String,
    /// Who signed in.
    pub username: String,
    /// Display name.
    #[serde(skip)]
    pub name: String,
    /// The org's instance URL.
    pub instance_url: String,
    /// `web`, `client-credentials`, `password`.
    pub method: &'static str,
    /// `customeros`, `customerscore`, `airbyte`.
    pub destination: &'static str,
    /// `ACTIVE` for CustomerOS, `WRITTEN` for Airbyte, `READY_TO_COPY` for Customerscore.
    pub destination_state: String,
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

/// The outcome of signing in, before verification.
struct SignedIn {
    access_token: AccessToken,
    refresh_token: Option<RefreshToken>,
    instance_url: String,
    soap_identity: Option<Identity>,
}

/// Checks a Consumer Key's shape.
pub(crate) fn check_client_id(client_id: &str) -> Result<String> {
    let key = client_id.trim();
    if key.is_empty() {
        return Err(Error::input(
            Field::ClientId,
            "Paste the Consumer Key from the app's Consumer Key and Secret page.",
        ));
    }
    if !key.chars().all(|c| c.is_ascii_graphic()) || key.len() > 256 {
        return Err(Error::input(
            Field::ClientId,
            "That doesn't look like a Consumer Key (it is one long run of letters, digits, dots \
             and underscores, usually starting with 3MVG). Copy it again with the copy button in \
             Salesforce.",
        ));
    }
    Ok(key.to_owned())
}

fn require_secret(secret: Option<&ClientSecret>) -> Result<&ClientSecret> {
    secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        Error::input(
            Field::ClientSecret,
            "Enter the Consumer Secret from the app's Consumer Key and Secret page (set \
             SFCONNECT_CLIENT_SECRET when running without a terminal).",
        )
    })
}

impl Engine {
    /// Runs the whole flow.
    pub async fn connect(
        &self,
        mut request: ConnectRequest,
        events: Events<'_>,
        cancel: &CancellationToken,
    ) -> Result<Connected> {
        let destination = request.destination.kind();
        let needs_refresh_token =
            matches!(destination, Destination::Customeros | Destination::Airbyte);
        match (request.method, destination) {
            (Method::Web, Destination::Customerscore) => {
                return Err(Error::input(
                    Field::Option,
                    "Customerscore takes client credentials or username + password + security \
                     token, not a browser sign-in. Use --method client-credentials or --method password.",
                ));
            }
            (Method::ClientCredentials | Method::Password, _) if needs_refresh_token => {
                return Err(Error::input(
                    Field::Option,
                    format!(
                        "{} needs a refresh token, which only the browser sign-in gives. Use --method web.",
                        destination.display_name()
                    ),
                ));
            }
            _ => {}
        }
        let soap = request.method == Method::Password && request.client_id.trim().is_empty();
        if !soap {
            request.client_id = check_client_id(&request.client_id)?;
            require_secret(request.client_secret.as_ref())?;
        }
        if request.method == Method::Password {
            events(Progress::Notice {
                message: soap::RETIREMENT_NOTICE.into(),
            });
        }
        if destination == Destination::Customeros && request.login.is_sandbox() {
            events(Progress::Notice {
                message: "This is a sandbox. CustomerOS renews its access at login.salesforce.com \
                          only, so a sandbox connection may stop syncing after the first hour. \
                          Connect your production org for lasting sync."
                    .into(),
            });
        }
        self.remember_inputs(&request)?;

        let signed_in = self.sign_in(&mut request, events, cancel).await?;
        events(Progress::Verifying);
        let (identity, counts) = self.verify(&signed_in, cancel).await?;
        events(Progress::Verified {
            identity: identity.clone(),
            counts: counts.clone(),
        });

        let stored = match (&signed_in.refresh_token, request.store) {
            (Some(refresh), policy) if policy != StorePolicy::Skip => {
                self.store_secrets(&request, refresh, policy, events)?
            }
            _ => false,
        };
        self.update(|s| {
            s.identity = Some(identity.clone());
            s.instance_url = Some(signed_in.instance_url.clone());
            s.counts = Some(counts.clone());
            s.stored = stored;
            s.handoff_pending = needs_refresh_token;
            s.last_step = Some("verified".into());
        })?;

        events(Progress::HandingOff {
            destination: destination.display_name().into(),
        });
        let mut connected = Connected {
            status: "connected",
            org_id: identity.org_id.clone(),
            username: identity.username.clone(),
            name: identity.name.clone(),
            instance_url: signed_in.instance_url.clone(),
            method: request.method.as_str(),
            destination: destination.as_str(),
            destination_state: String::new(),
            counts,
            stored,
            provider_fields: None,
            provider_mode: None,
        };
        match &request.destination {
            DestinationRequest::CustomerOs(customeros) => {
                let credentials = SalesforceCredentials {
                    client_id: request.client_id.clone(),
                    client_secret: require_secret(request.client_secret.as_ref())?.clone(),
                    refresh_token: signed_in
                        .refresh_token
                        .clone()
                        .ok_or_else(no_refresh_token)?,
                };
                connected.destination_state = tokio::select! {
                    () = cancel.cancelled() => return Err(Error::Cancelled),
                    state = customeros.hand_off(&self.http, &credentials) => {
                        state.map_err(|e| with_retry_note(e, stored))?
                    }
                };
            }
            DestinationRequest::Airbyte { path } => {
                let credentials = SalesforceCredentials {
                    client_id: request.client_id.clone(),
                    client_secret: require_secret(request.client_secret.as_ref())?.clone(),
                    refresh_token: signed_in
                        .refresh_token
                        .clone()
                        .ok_or_else(no_refresh_token)?,
                };
                airbyte::write_config(path, &credentials, request.login.is_sandbox())?;
                connected.destination_state = "WRITTEN".into();
            }
            DestinationRequest::Customerscore { show_secrets } => {
                let (mode, fields) = provider_fields(&request, &signed_in, *show_secrets);
                connected.provider_mode = Some(mode.label());
                connected.provider_fields = Some(fields);
                connected.destination_state = "READY_TO_COPY".into();
            }
        }
        let now = self.clock.now_unix();
        self.update(|s| {
            s.destination_state = Some(connected.destination_state.clone());
            s.handoff_pending = false;
            s.connected_at = Some(now);
            s.last_step = Some("done".into());
        })?;
        events(Progress::Finished);
        Ok(connected)
    }

    fn remember_inputs(&self, request: &ConnectRequest) -> Result<()> {
        self.update(|s| {
            s.method = Some(request.method.as_str().into());
            s.login_url = Some(request.login.origin().into());
            s.client_id = Some(request.client_id.clone()).filter(|c| !c.is_empty());
            s.ports.clone_from(&request.sign_in.ports);
            s.destination = Some(request.destination.kind());
            s.username.clone_from(&request.username);
            if let DestinationRequest::CustomerOs(c) = &request.destination {
                s.customeros_url = Some(c.base().into());
                s.customeros_username = Some(c.username().into());
                s.api_key_header = Some(c.header());
            }
            s.identity = None;
            s.counts = None;
            s.destination_state = None;
            s.last_step = Some("inputs".into());
        })
    }

    /// Loads, changes and saves the settings.
    pub(crate) fn update(&self, change: impl FnOnce(&mut crate::store::Settings)) -> Result<()> {
        let mut settings = self.settings.load().unwrap_or_default();
        change(&mut settings);
        self.settings.save(&settings)
    }

    async fn sign_in(
        &self,
        request: &mut ConnectRequest,
        events: Events<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        let http = &self.http;
        let host = &request.login;
        let from_tokens = |t: token::TokenSet| SignedIn {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            instance_url: t.instance_url,
            soap_identity: None,
        };
        let signed_in = match request.method {
            Method::Web => {
                let secret = require_secret(request.client_secret.as_ref())?.clone();
                let inputs = std::mem::take(&mut request.sign_in);
                let listener = match LoopbackListener::bind(&inputs.ports).await {
                    Ok(listener) => Some(listener),
                    // With a paste, a busy port doesn't matter: the browser is elsewhere.
                    Err(Error::PortInUse { .. }) if inputs.paste.is_some() => None,
                    Err(err) => return Err(err),
                };
                let port = listener
                    .as_ref()
                    .map(LoopbackListener::port)
                    .or_else(|| inputs.ports.first().copied())
                    .unwrap_or(crate::oauth::loopback::DEFAULT_PORT);
                let redirect_uri = crate::oauth::loopback::redirect_uri(port);
                let sign_in = WebSignIn::new(
                    host.clone(),
                    &request.client_id,
                    redirect_uri,
                    &inputs.scope,
                )?;
                if listener.is_some() {
                    events(Progress::Listening {
                        redirect_uri: sign_in.redirect_uri().into(),
                    });
                }
                let url = sign_in.authorize_url().to_string();
                let opened = inputs.open_browser && self.browser.open(&url).is_ok();
                events(Progress::BrowserSignIn { url, opened });
                events(Progress::WaitingForBrowser {
                    timeout_secs: inputs.timeout.as_secs(),
                });
                let code = wait_for_code(
                    &sign_in,
                    listener,
                    inputs.paste,
                    inputs.timeout,
                    events,
                    cancel,
                )
                .await?;
                events(Progress::SigningIn);
                let tokens =
                    cancellable(cancel, token::exchange_code(http, &sign_in, &secret, &code))
                        .await?;
                if tokens.refresh_token.is_none() {
                    return Err(Error::Salesforce {
                        code: "no_refresh_token",
                        message: "Salesforce didn't give a refresh token. Add the scope Perform \
                                  requests at any time (refresh_token, offline_access) to the \
                                  app, save, and sign in again."
                            .into(),
                        detail: format!("scope: {}", tokens.scope.clone().unwrap_or_default()),
                    });
                }
                from_tokens(tokens)
            }
            Method::ClientCredentials => {
                events(Progress::SigningIn);
                let secret = require_secret(request.client_secret.as_ref())?;
                from_tokens(
                    cancellable(
                        cancel,
                        token::client_credentials(http, host, &request.client_id, secret),
                    )
                    .await?,
                )
            }
            Method::Password => {
                events(Progress::SigningIn);
                let username = request
                    .username
                    .clone()
                    .filter(|u| !u.trim().is_empty())
                    .ok_or_else(|| {
                        Error::input(
                            Field::Username,
                            "Enter the Salesforce username (it looks like an email address).",
                        )
                    })?;
                let password = request.password.clone().filter(|p| !p.is_empty()).ok_or_else(|| {
                    Error::input(Field::Password, "Enter the Salesforce password (set SFCONNECT_PASSWORD when running without a terminal).")
                })?;
                let token = request
                    .security_token
                    .clone()
                    .unwrap_or_else(|| SecurityToken::new(""));
                if request.client_id.is_empty() {
                    let session = cancellable(
                        cancel,
                        soap::login(http, host, username.trim(), &password, &token),
                    )
                    .await?;
                    SignedIn {
                        access_token: session.session_id,
                        refresh_token: None,
                        instance_url: session.instance_url,
                        soap_identity: Some(Identity {
                            org_id: session.org_id,
                            username: session.username,
                            name: session.full_name,
                            email: String::new(),
                        }),
                    }
                } else {
                    let secret = require_secret(request.client_secret.as_ref())?;
                    from_tokens(
                        cancellable(
                            cancel,
                            token::password(
                                http,
                                host,
                                &request.client_id,
                                secret,
                                username.trim(),
                                &password,
                                &token,
                            ),
                        )
                        .await?,
                    )
                }
            }
        };
        Ok(signed_in)
    }

    async fn verify(
        &self,
        signed_in: &SignedIn,
        cancel: &CancellationToken,
    ) -> Result<(Identity, Counts)> {
        let http = &self.http;
        let instance = signed_in.instance_url.trim_end_matches('/');
        let token = &signed_in.access_token;
        let identity = match &signed_in.soap_identity {
            Some(identity) => identity.clone(),
            None => cancellable(cancel, salesforce::identity(http, instance, token)).await?,
        };
        let counts = cancellable(cancel, salesforce::counts(http, instance, token)).await?;
        Ok((identity, counts))
    }

    fn store_secrets(
        &self,
        request: &ConnectRequest,
        refresh: &RefreshToken,
        policy: StorePolicy,
        events: Events<'_>,
    ) -> Result<bool> {
        let mut values: Vec<(SecretName, &str)> =
            vec![(SecretName::RefreshToken, refresh.expose())];
        if let Some(secret) = &request.client_secret {
            values.push((SecretName::ClientSecret, secret.expose()));
        }
        if let DestinationRequest::CustomerOs(c) = &request.destination {
            values.push((SecretName::CustomerOsApiKey, c.api_key().expose()));
        }
        let result = values
            .iter()
            .try_for_each(|(name, value)| self.store.put(*name, value));
        match result {
            Ok(()) => {
                events(Progress::Stored);
                Ok(true)
            }
            Err(err) if policy == StorePolicy::Require => Err(err),
            Err(err) => {
                events(Progress::NotStored {
                    reason: format!(
                        "{err} The connection will still be set up, but sfconnect can't retry or \
                         disconnect it later without signing in again."
                    ),
                });
                Ok(false)
            }
        }
    }

    /// Reads the stored CustomerOS API key, if any.
    pub fn stored_api_key(&self) -> Result<Option<ApiKey>> {
        Ok(self
            .store
            .get(SecretName::CustomerOsApiKey)?
            .map(|k| ApiKey::new(k.as_str())))
    }
}

fn provider_fields(
    request: &ConnectRequest,
    signed_in: &SignedIn,
    show: bool,
) -> (ProviderMode, Vec<ProviderField>) {
    match request.method {
        Method::Password => (
            ProviderMode::UsernamePassword,
            customerscore::password_fields(
                request.username.as_deref().unwrap_or_default().trim(),
                request
                    .password
                    .as_ref()
                    .map(Password::expose)
                    .unwrap_or_default(),
                request
                    .security_token
                    .as_ref()
                    .map(SecurityToken::expose)
                    .unwrap_or_default(),
                show,
            ),
        ),
        _ => (
            ProviderMode::ClientCredentials,
            customerscore::client_credentials_fields(
                &signed_in.instance_url,
                &request.client_id,
                request
                    .client_secret
                    .as_ref()
                    .map(ClientSecret::expose)
                    .unwrap_or_default(),
                show,
            ),
        ),
    }
}

fn no_refresh_token() -> Error {
    Error::Salesforce {
        code: "no_refresh_token",
        message: "Salesforce didn't give a refresh token. Sign in with the browser method.".into(),
        detail: String::new(),
    }
}

/// Adds to a failed hand-off's message whether the sign-in was kept for a retry.
pub(crate) fn with_retry_note(error: Error, stored: bool) -> Error {
    let note = if stored {
        " Your Salesforce sign-in is kept in the keyring: retry with `sfconnect handoff` or Retry in \
         the app, without signing in again."
    } else {
        " The sign-in couldn't be kept (no keyring), so you'll need to sign in again to retry."
    };
    match error {
        Error::Destination {
            code,
            message,
            detail,
        } => Error::Destination {
            code,
            message: message + note,
            detail,
        },
        Error::Unreachable { code, message } => Error::Unreachable {
            code,
            message: message + note,
        },
        other => other,
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
