//! Phase two: deliver the kept sign-in to the destination: CustomerOS by API, Airbyte as a
//! file, Customerscore as values to paste.

use super::{Engine, Method, OnProgress, Progress, ProviderFieldView, ProviderView};
use crate::destination::ProviderField;
use crate::destination::customeros::CustomerOs;
use crate::destination::customerscore::{self, ProviderMode};
use crate::destination::{Destination, airbyte};
use crate::error::{Error, Field, Result};
use crate::login_host::LoginHost;
use crate::secret::ApiKey;
use crate::store::profiles::{self, ConnectionSummary};
use crate::store::{DeliveryState, SecretName, SecretStore};
use std::path::Path;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Phase two for CustomerOS: hand the kept sign-in over and confirm it is ACTIVE.
    /// Remembers the destination (and its API key, when secrets are stored).
    pub async fn deliver_customeros(
        &self,
        customeros: &CustomerOs,
        cancel: &CancellationToken,
    ) -> Result<DeliveryState> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        self.update(|s| {
            s.destination = Some(Destination::Customeros);
            s.customeros_url = Some(customeros.base().into());
            s.api_key_for = Some(customeros.base().into());
            s.customeros_username = Some(customeros.username().into());
            s.api_key_header = Some(customeros.header());
        })?;
        self.keep_api_key(customeros.api_key(), &settings)?;
        let http = self.http.client_for(customeros.base()).await?;
        let state = tokio::select! {
            () = cancel.cancelled() => return Err(Error::Cancelled),
            state = customeros.hand_off(http, &credentials) => {
                state.map_err(|e| with_retry_note(e, settings.stored))?
            }
        };
        self.mark_delivered(state)
    }

    /// Phase two for Airbyte: write the source configuration, owner-only; an existing file
    /// only when `replace` (the user confirmed it).
    pub fn deliver_airbyte(&self, path: &Path, replace: bool) -> Result<DeliveryState> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        let sandbox = settings
            .login_url
            .as_deref()
            .and_then(|u| LoginHost::parse(u).ok())
            .is_some_and(|h| h.is_sandbox());
        airbyte::write_config(path, &credentials, sandbox, replace)?;
        self.mark_delivered(DeliveryState::Written)
    }

    /// Phase two for Customerscore: the values for its Providers page, in its order.
    pub fn provider_fields(&self, show: bool) -> Result<(ProviderMode, Vec<ProviderField>)> {
        let settings = self.settings.load()?;
        let secret = |name| self.session.get(name).ok().flatten().unwrap_or_default();
        if settings.method == Some(Method::Password) {
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

    /// Customerscore's page for the wizard, secrets masked and named for Show and Copy.
    pub fn provider_view(&self) -> Result<ProviderView> {
        let (mode, fields) = self.provider_fields(false)?;
        Ok(view(mode.label(), fields))
    }

    /// What to enter by hand in a CustomerOS that doesn't take Salesforce by API: the kept
    /// Consumer Key, Consumer Secret and refresh token, secrets masked unless `show`.
    pub fn customeros_fields(&self, show: bool) -> Result<Vec<ProviderField>> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        Ok(crate::destination::customeros::manual_fields(
            &credentials,
            show,
        ))
    }

    /// [`Self::customeros_fields`] for the wizard, masked, each secret named for Show and Copy.
    pub fn customeros_view(&self) -> Result<ProviderView> {
        Ok(view(
            "CustomerOS → Settings → Integrations → Salesforce",
            self.customeros_fields(false)?,
        ))
    }

    /// The other kept connections last handed to this CustomerOS workspace (the same address
    /// and user): handing this one over replaces their Salesforce integration. Inputs that
    /// aren't valid yet share nothing (the hand-off itself says what is wrong with them).
    pub fn connections_sharing_workspace(
        &self,
        url: &str,
        email: &str,
    ) -> Result<Vec<ConnectionSummary>> {
        let (Ok(base), Ok(email)) = (
            crate::destination::customeros::check_url(url),
            crate::destination::check_email(email),
        ) else {
            return Ok(Vec::new());
        };
        let path = self.settings.path();
        match (path.parent(), path.file_stem().and_then(|s| s.to_str())) {
            (Some(dir), Some(profile)) => profiles::sharing_workspace(dir, profile, &base, &email),
            _ => Ok(Vec::new()),
        }
    }

    /// Says which other kept connections this hand-off replaces. The CLI goes on (a script
    /// asked for it); the wizard asks first, with [`Self::connections_sharing_workspace`].
    pub(super) fn announce_replaced(&self, customeros: &CustomerOs, events: OnProgress<'_>) {
        let others = self
            .connections_sharing_workspace(customeros.base(), customeros.username())
            .unwrap_or_default();
        for other in others {
            events(Progress::Notice {
                message: format!(
                    "The connection \"{}\" ({}) was handed to this CustomerOS workspace before. \
                     CustomerOS keeps one Salesforce connection per workspace, so this hand-off \
                     replaces that one.",
                    other.profile, other.label
                ),
            });
        }
    }

    /// Hands the kept sign-in to CustomerOS; without `api_key`, the kept one is used.
    pub async fn connect_customeros(
        &self,
        url: &str,
        email: &str,
        api_key: Option<ApiKey>,
        cancel: &CancellationToken,
    ) -> Result<DeliveryState> {
        let settings = self.settings.load()?;
        let key = match api_key.filter(|k| !k.is_empty()) {
            Some(key) => key,
            None => self
                .stored_api_key_for(&crate::destination::customeros::check_url(url)?, &settings)?
                .ok_or_else(|| Error::input(Field::ApiKey, "Enter your CustomerOS API key."))?,
        };
        let header = settings.api_key_header.unwrap_or_default();
        let customeros = CustomerOs::new(url, email, key, header)?;
        self.deliver_customeros(&customeros, cancel).await
    }
}

fn view(mode: &'static str, fields: Vec<ProviderField>) -> ProviderView {
    ProviderView {
        mode,
        fields: fields
            .into_iter()
            .map(|f| ProviderFieldView {
                label: f.label,
                value: f.value,
                secret: f.kept_as,
            })
            .collect(),
    }
}

/// Adds to a failed hand-off's message whether the sign-in was kept for a retry.
pub(super) fn with_retry_note(error: Error, stored: bool) -> Error {
    match error {
        Error::Destination { .. } | Error::Unreachable { .. } => error.with_note(if stored {
            "Your Salesforce sign-in is kept in the keyring, so you can retry without signing in \
             again."
        } else {
            "The sign-in couldn't be kept in the keyring: Retry works while this window stays \
             open; after that you'll need to sign in again."
        }),
        other => other,
    }
}
