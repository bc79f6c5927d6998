//! After `connect`: retry a hand-off, disconnect, and report what is stored.

use super::{
    Disconnected, Engine, HandedOff, OnProgress, Progress, SecretsPresent, Status, cancellable,
};
use crate::destination::Destination;
use crate::destination::customeros::CustomerOs;
use crate::error::{Error, Field, Result};
use crate::secret::ApiKey;
use crate::store::{SecretName, Settings};
use tokio_util::sync::CancellationToken;

fn nothing_stored() -> Error {
    Error::NotConnected {
        message: "No Salesforce sign-in is stored on this computer. Connect first (the wizard, or \
                  `sfconnect connect`)."
            .into(),
    }
}

impl Engine {
    pub(super) fn customeros_from_settings(
        &self,
        settings: &Settings,
        api_key: Option<ApiKey>,
    ) -> Result<CustomerOs> {
        let url = settings.customeros_url.clone().ok_or_else(nothing_stored)?;
        let key = match api_key {
            Some(key) => key,
            None => self
                .stored_api_key_for(&crate::destination::customeros::check_url(&url)?, settings)?
                .ok_or_else(|| {
                    Error::input(
                        Field::ApiKey,
                        "Enter your CustomerOS API key (set CUSTOMEROS_API_KEY).",
                    )
                })?,
        };
        let username = settings.customeros_username.clone().unwrap_or_default();
        CustomerOs::new(
            &url,
            &username,
            key,
            settings.api_key_header.unwrap_or_default(),
        )
    }

    /// Hands the stored sign-in to CustomerOS again (after a failed hand-off), without a
    /// new browser sign-in. `api_key` replaces the stored key when given.
    pub async fn handoff(
        &self,
        api_key: Option<ApiKey>,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<HandedOff> {
        let settings = self.settings.load()?;
        if settings.destination != Some(Destination::Customeros) {
            return Err(Error::NotConnected {
                message:
                    "Retrying a hand-off works for CustomerOS connections only. Run `sfconnect \
                          connect --destination customeros` first."
                        .into(),
            });
        }
        let credentials = self.kept_credentials(&settings)?;
        let customeros = self.customeros_from_settings(&settings, api_key)?;
        // With Refresh Token Rotation on, this replaces the kept refresh token: the hand-off
        // below reads the newest one.
        let identity = self
            .kept_identity(&settings, &credentials, events, cancel)
            .await?;
        events(Progress::HandingOff {
            destination: "CustomerOS".into(),
        });
        self.announce_replaced(&customeros, events);
        let state = self.deliver_customeros(&customeros, cancel).await?;
        self.update(|s| s.identity = Some(identity.clone()))?;
        events(Progress::Finished);
        Ok(HandedOff {
            org_id: identity.org_id,
            username: identity.username,
            destination: Destination::Customeros,
            destination_state: state,
        })
    }

    /// Deletes the integration at CustomerOS, revokes the refresh token at Salesforce and
    /// removes the secrets from the keyring. Stops (keeping everything) if a remote step fails.
    pub async fn disconnect(
        &self,
        api_key: Option<ApiKey>,
        cancel: &CancellationToken,
    ) -> Result<Disconnected> {
        let settings = self.settings.load()?;
        let mut removed_from_destination = false;
        if settings.destination == Some(Destination::Customeros)
            && settings.customeros_url.is_some()
        {
            let customeros = self.customeros_from_settings(&settings, api_key)?;
            cancellable(
                cancel,
                customeros.remove(self.http.client_for(customeros.base()).await?),
            )
            .await?;
            removed_from_destination = true;
        }
        // Nothing is forgotten unless Salesforce confirmed the revocation: running disconnect
        // again finishes the job.
        let revoked = self.revoke_kept(&settings, cancel).await.map_err(|error| {
            if removed_from_destination {
                error.with_note("(The connection was already removed from CustomerOS.)")
            } else {
                error
            }
        })?;
        self.forget_stored()?;
        self.start_over()?;
        self.update(|s| {
            s.instance_url = None;
            s.stored = false;
            s.connected_at = None;
            s.token_issuer = None;
        })?;
        Ok(Disconnected {
            revoked,
            removed_from_destination,
            secrets_removed: true,
        })
    }

    /// Reports what is stored.
    pub fn status(&self) -> Result<Status> {
        let settings = self.settings.load()?;
        let has = |name| self.store.get(name).map(|v| v.is_some());
        let secrets = match (
            has(SecretName::ClientSecret),
            has(SecretName::RefreshToken),
            has(SecretName::CustomerOsApiKey),
        ) {
            (Ok(client_secret), Ok(refresh_token), Ok(customeros_api_key)) => {
                Some(SecretsPresent {
                    client_secret,
                    refresh_token,
                    customeros_api_key,
                })
            }
            _ => None,
        };
        Ok(Status {
            settings_file: self.settings.path().display().to_string(),
            settings,
            secrets,
        })
    }
}
