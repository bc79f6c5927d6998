//! Signing in and verifying (phase one), then delivering to the destination (phase two).
//! The CLI runs both in one go with [`Engine::connect`]; the wizard calls them step by step.

use super::{Engine, Events, Method, Progress};
use crate::destination::customeros::CustomerOs;
use crate::destination::customerscore::{self, ProviderField, ProviderMode};
use crate::destination::{Destination, SalesforceCredentials, airbyte};
use crate::error::{Error, Field, Result};
use crate::login_host::LoginHost;
use crate::oauth::soap;
use crate::salesforce::{Counts, Identity};
use crate::secret::{ApiKey, ClientSecret, Password, RefreshToken, SecurityToken};
use crate::store::{SecretName, SecretStore, Settings};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

use super::sign_in::PasteInput;

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
    },
}

impl DestinationRequest {
    /// Which destination this is.
    pub fn kind(&self) -> Destination {
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
#[derive(Debug, Clone, Serialize)]
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

/// Checks a Consumer Key's shape.
pub fn check_client_id(client_id: &str) -> Result<String> {
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

pub(super) fn require_secret(secret: Option<&ClientSecret>) -> Result<&ClientSecret> {
    secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        Error::input(
            Field::ClientSecret,
            "Enter the Consumer Secret from the app's Consumer Key and Secret page (set \
             SFCONNECT_CLIENT_SECRET when running without a terminal).",
        )
    })
}

/// Checks that the method can serve the destination.
pub fn check_method_fits(method: Method, destination: Destination) -> Result<()> {
    let needs_refresh_token = matches!(destination, Destination::Customeros | Destination::Airbyte);
    match (method, destination) {
        (Method::Web, Destination::Customerscore) => Err(Error::input(
            Field::Option,
            "Customerscore takes client credentials or username + password + security token, not \
             a browser sign-in. Use --method client-credentials or --method password.",
        )),
        (Method::ClientCredentials | Method::Password, _) if needs_refresh_token => {
            Err(Error::input(
                Field::Option,
                format!(
                    "{} needs a refresh token, which only the browser sign-in gives. Use --method web.",
                    destination.display_name()
                ),
            ))
        }
        _ => Ok(()),
    }
}

impl Engine {
    /// Runs the whole flow: phase one, then delivery.
    pub async fn connect(
        &self,
        request: ConnectRequest,
        events: Events<'_>,
        cancel: &CancellationToken,
    ) -> Result<Connected> {
        let ConnectRequest {
            mut sign_in,
            deliver,
        } = request;
        sign_in.destination = deliver.kind();
        // Remember where it goes before signing in, so a failed hand-off can be retried.
        let remember_destination = |s: &mut Settings| {
            if let DestinationRequest::CustomerOs(c) = &deliver {
                s.customeros_url = Some(c.base().into());
                s.customeros_username = Some(c.username().into());
                s.api_key_header = Some(c.header());
            }
        };
        let method = sign_in.method;
        let verified = self
            .sign_in_and_verify_remembering(sign_in, remember_destination, events, cancel)
            .await?;
        events(Progress::HandingOff {
            destination: deliver.kind().display_name().into(),
        });
        let mut connected = Connected {
            status: "connected",
            org_id: verified.identity.org_id.clone(),
            username: verified.identity.username.clone(),
            name: verified.identity.name.clone(),
            instance_url: verified.instance_url.clone(),
            method: method.as_str(),
            destination: deliver.kind().as_str(),
            destination_state: String::new(),
            counts: verified.counts,
            stored: verified.stored,
            provider_fields: None,
            provider_mode: None,
        };
        match deliver {
            DestinationRequest::CustomerOs(customeros) => {
                connected.destination_state = self.deliver_customeros(&customeros, cancel).await?;
            }
            DestinationRequest::Airbyte { path } => {
                connected.destination_state = self.deliver_airbyte(&path)?;
            }
            DestinationRequest::Customerscore { show_secrets } => {
                let (mode, fields) = self.provider_fields(show_secrets)?;
                connected.provider_mode = Some(mode.label());
                connected.provider_fields = Some(fields);
                connected.destination_state = self.mark_delivered("READY_TO_COPY")?;
            }
        }
        events(Progress::Finished);
        Ok(connected)
    }

    /// Phase one: validate, sign in, verify the org, keep the secrets (keyring per policy,
    /// and this session's memory always, so delivery works even without a keyring).
    pub async fn sign_in_and_verify(
        &self,
        request: SignInRequest,
        events: Events<'_>,
        cancel: &CancellationToken,
    ) -> Result<Verified> {
        self.sign_in_and_verify_remembering(request, |_| {}, events, cancel)
            .await
    }

    /// [`Self::sign_in_and_verify`], also remembering `more` in the same settings write.
    async fn sign_in_and_verify_remembering(
        &self,
        mut request: SignInRequest,
        more: impl FnOnce(&mut Settings),
        events: Events<'_>,
        cancel: &CancellationToken,
    ) -> Result<Verified> {
        check_method_fits(request.method, request.destination)?;
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
        if request.destination == Destination::Customeros && request.login.is_sandbox() {
            events(Progress::Notice {
                message: "This is a sandbox. CustomerOS renews its access at login.salesforce.com \
                          only, so a sandbox connection may stop syncing after the first hour. \
                          Connect your production org for lasting sync."
                    .into(),
            });
        }
        self.remember_inputs(&request, more)?;
        self.http.prewarm_for(request.login.origin());

        let signed_in = self.sign_in(&mut request, events, cancel).await?;
        events(Progress::Verifying);
        let (identity, counts) = self.verify(&signed_in, cancel).await?;
        events(Progress::Verified {
            identity: identity.clone(),
            counts: counts.clone(),
        });

        self.keep_in_session(&request, signed_in.refresh_token.as_ref())?;
        let stored = match (&signed_in.refresh_token, request.store) {
            (Some(refresh), policy) if policy != StorePolicy::Skip => {
                self.store_secrets(&request, refresh, policy, events)?
            }
            _ => false,
        };
        let needs_delivery = signed_in.refresh_token.is_some();
        self.update(|s| {
            s.identity = Some(identity.clone());
            s.instance_url = Some(signed_in.instance_url.clone());
            s.counts = Some(counts.clone());
            s.stored = stored;
            s.handoff_pending = needs_delivery;
            s.last_step = Some("verified".into());
        })?;
        Ok(Verified {
            identity,
            instance_url: signed_in.instance_url,
            counts,
            method: request.method,
            stored,
        })
    }

    /// Phase two for CustomerOS: hand the kept sign-in over and confirm it is ACTIVE.
    /// Remembers the destination (and its API key, when secrets are stored).
    pub async fn deliver_customeros(
        &self,
        customeros: &CustomerOs,
        cancel: &CancellationToken,
    ) -> Result<String> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        self.update(|s| {
            s.destination = Some(Destination::Customeros);
            s.customeros_url = Some(customeros.base().into());
            s.customeros_username = Some(customeros.username().into());
            s.api_key_header = Some(customeros.header());
        })?;
        self.session
            .put(SecretName::CustomerOsApiKey, customeros.api_key().expose())?;
        if settings.stored {
            // Best effort: the hand-off itself doesn't depend on keeping the key.
            let _ = self
                .store
                .put(SecretName::CustomerOsApiKey, customeros.api_key().expose());
        }
        let http = self.http.client_for(customeros.base()).await?;
        let state = tokio::select! {
            () = cancel.cancelled() => return Err(Error::Cancelled),
            state = customeros.hand_off(http, &credentials) => {
                state.map_err(|e| with_retry_note(e, settings.stored))?
            }
        };
        self.mark_delivered(&state)
    }

    /// Phase two for Airbyte: write the source configuration, owner-only.
    pub fn deliver_airbyte(&self, path: &Path) -> Result<String> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        let sandbox = settings
            .login_url
            .as_deref()
            .and_then(|u| LoginHost::parse(u).ok())
            .is_some_and(|h| h.is_sandbox());
        airbyte::write_config(path, &credentials, sandbox)?;
        self.mark_delivered("WRITTEN")
    }

    /// Phase two for Customerscore: the values for its Providers page, in its order.
    pub fn provider_fields(&self, show: bool) -> Result<(ProviderMode, Vec<ProviderField>)> {
        let settings = self.settings.load()?;
        let secret = |name| self.session.get(name).ok().flatten().unwrap_or_default();
        if settings.method.as_deref() == Some(Method::Password.as_str()) {
            Ok((
                ProviderMode::UsernamePassword,
                customerscore::password_fields(
                    settings.username.as_deref().unwrap_or_default().trim(),
                    &secret(SecretName::Password),
                    &secret(SecretName::SecurityToken),
                    show,
                ),
            ))
        } else {
            Ok((
                ProviderMode::ClientCredentials,
                customerscore::client_credentials_fields(
                    settings.instance_url.as_deref().unwrap_or_default(),
                    settings.client_id.as_deref().unwrap_or_default(),
                    &secret(SecretName::ClientSecret),
                    show,
                ),
            ))
        }
    }

    fn mark_delivered(&self, state: &str) -> Result<String> {
        let now = self.clock.now_unix();
        self.update(|s| {
            s.destination_state = Some(state.to_owned());
            s.handoff_pending = false;
            s.connected_at = Some(now);
            s.last_step = Some("done".into());
        })?;
        Ok(state.to_owned())
    }

    fn remember_inputs(
        &self,
        request: &SignInRequest,
        more: impl FnOnce(&mut Settings),
    ) -> Result<()> {
        self.update(|s| {
            more(s);
            s.method = Some(request.method.as_str().into());
            s.login_url = Some(request.login.origin().into());
            s.client_id = Some(request.client_id.clone()).filter(|c| !c.is_empty());
            s.ports.clone_from(&request.sign_in.ports);
            s.destination = Some(request.destination);
            s.username.clone_from(&request.username);
            s.identity = None;
            s.counts = None;
            s.destination_state = None;
            s.last_step = Some("inputs".into());
        })
    }

    /// Loads, changes and saves the settings; skips the (synced) write when nothing changed.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        let before = self.settings.load().ok();
        let mut settings = before.clone().unwrap_or_default();
        change(&mut settings);
        if before.as_ref() == Some(&settings) {
            return Ok(());
        }
        self.settings.save(&settings)
    }

    /// Reads a secret from this session's memory, else the keyring.
    pub(crate) fn kept_secret(
        &self,
        name: SecretName,
    ) -> Result<Option<zeroize::Zeroizing<String>>> {
        match self.session.get(name)? {
            Some(value) => Ok(Some(value)),
            None => self.store.get(name),
        }
    }

    /// The Consumer Key and Secret and the refresh token, from this session or the keyring.
    pub(crate) fn kept_credentials(
        &self,
        settings: &crate::store::Settings,
    ) -> Result<SalesforceCredentials> {
        let nothing = || Error::NotConnected {
            message: "No Salesforce sign-in is kept on this computer. Sign in first (`sfconnect \
                      connect`, or the wizard's Sign in step)."
                .into(),
        };
        let refresh = self
            .kept_secret(SecretName::RefreshToken)?
            .ok_or_else(nothing)?;
        let secret = self
            .kept_secret(SecretName::ClientSecret)?
            .ok_or_else(nothing)?;
        let client_id = settings.client_id.clone().ok_or_else(nothing)?;
        Ok(SalesforceCredentials {
            client_id,
            client_secret: ClientSecret::new(secret.as_str()),
            refresh_token: RefreshToken::new(refresh.as_str()),
        })
    }

    fn keep_in_session(
        &self,
        request: &SignInRequest,
        refresh: Option<&RefreshToken>,
    ) -> Result<()> {
        let mut values: Vec<(SecretName, &str)> = Vec::new();
        if let Some(refresh) = refresh {
            values.push((SecretName::RefreshToken, refresh.expose()));
        }
        if let Some(secret) = &request.client_secret {
            values.push((SecretName::ClientSecret, secret.expose()));
        }
        if let Some(password) = &request.password {
            values.push((SecretName::Password, password.expose()));
        }
        if let Some(token) = &request.security_token {
            values.push((SecretName::SecurityToken, token.expose()));
        }
        values
            .iter()
            .try_for_each(|(name, value)| self.session.put(*name, value))
    }

    fn store_secrets(
        &self,
        request: &SignInRequest,
        refresh: &RefreshToken,
        policy: StorePolicy,
        events: Events<'_>,
    ) -> Result<bool> {
        let mut values: Vec<(SecretName, &str)> =
            vec![(SecretName::RefreshToken, refresh.expose())];
        if let Some(secret) = &request.client_secret {
            values.push((SecretName::ClientSecret, secret.expose()));
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
            .kept_secret(SecretName::CustomerOsApiKey)?
            .map(|k| ApiKey::new(k.as_str())))
    }
}

/// Adds to a failed hand-off's message whether the sign-in was kept for a retry.
pub(crate) fn with_retry_note(error: Error, stored: bool) -> Error {
    let note = if stored {
        " Your Salesforce sign-in is kept in the keyring: retry with `sfconnect handoff` or Retry \
         in the app, without signing in again."
    } else {
        " The sign-in couldn't be kept in the keyring: Retry works while this window stays open; \
         after that you'll need to sign in again."
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
