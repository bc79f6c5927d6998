//! After `connect`: retry a hand-off (asking Salesforce, never refreshing what CustomerOS may
//! hold), disconnect, and report what is stored.

use super::{
    Disconnected, Engine, HandedOff, OnProgress, Progress, RevokeOutcome, SalesforceSays,
    SecretsPresent, Status, cancellable,
};
use crate::destination::Destination;
use crate::destination::customeros::CustomerOs;
use crate::error::Code;
use crate::error::{Error, Field, Result};
use crate::oauth::revoke::Revoked;
use crate::secret::ApiKey;
use crate::store::{SecretName, Settings};
use tokio_util::sync::CancellationToken;

/// The sign-in is kept, but no CustomerOS was ever given: nothing to hand over to yet
/// (walkthrough 2, M8: it said "no sign-in is stored", against `status`).
fn no_customeros_address() -> Error {
    Error::input(
        Field::CustomerOsUrl,
        "This connection's Salesforce sign-in is kept, but no CustomerOS address was given yet, \
         so there is nothing to hand it to. Finish it in the wizard (Connect CustomerOS), or run \
         `sfconnect connect --destination customeros --customeros-url URL \
         --customeros-username EMAIL`.",
    )
}

impl Engine {
    pub(super) fn customeros_from_settings(
        &self,
        settings: &Settings,
        api_key: Option<ApiKey>,
    ) -> Result<CustomerOs> {
        let url = settings
            .customeros_url
            .clone()
            .ok_or_else(no_customeros_address)?;
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
        // Asked first, not refreshed (CustomerOS may hold this very token already): a dead
        // sign-in is said as `check` says it, whatever else is missing.
        events(Progress::Verifying);
        let (said, username) = self
            .introspect_kept(&settings, &credentials, cancel)
            .await?;
        let customeros = self.customeros_from_settings(&settings, api_key)?;
        if said == SalesforceSays::Replaced {
            return Err(Error::NotConnected {
                message: "CustomerOS already renewed this sign-in itself (Refresh Token Rotation \
                          replaced sfconnect's copy), so it has a newer one: there is nothing to \
                          hand over again. If CustomerOS doesn't sync, sign in again."
                    .into(),
            });
        }
        events(Progress::HandingOff {
            destination: "CustomerOS".into(),
        });
        self.announce_replaced(&customeros, events);
        let state = self
            .deliver_customeros(&customeros, cancel)
            .await
            .map_err(|e| super::deliver::with_retry_note(e, settings.stored))?;
        events(Progress::Finished);
        let recorded = settings.identity.unwrap_or_default();
        Ok(HandedOff {
            org_id: recorded.org_id,
            username: username.unwrap_or(recorded.username),
            destination: Destination::Customeros,
            destination_state: state,
        })
    }

    /// Ends the connection: deletes the integration at CustomerOS (or, with
    /// `leave_destination`, leaves that part for a later Disconnect when CustomerOS can't be
    /// reached), revokes every sign-in this connection kept at Salesforce (earlier ones too),
    /// and removes the secrets. Stops, keeping what wasn't confirmed, if a remote step fails:
    /// running it again finishes the job.
    pub async fn disconnect(
        &self,
        api_key: Option<ApiKey>,
        leave_destination: bool,
        cancel: &CancellationToken,
    ) -> Result<Disconnected> {
        let settings = self.settings.load()?;
        let at_customeros = settings.destination == Some(Destination::Customeros)
            && settings.customeros_url.is_some();
        let mut removed_from_destination = false;
        if at_customeros && !leave_destination {
            let customeros = self.customeros_from_settings(&settings, api_key)?;
            cancellable(
                cancel,
                customeros.remove(self.http.client_for(customeros.base()).await?),
            )
            .await
            .map_err(|error| match error {
                Error::Unreachable { .. } => error.with_note(
                    "You can still revoke the sign-in at Salesforce now and remove it from \
                     CustomerOS later.",
                ),
                other => other,
            })?;
            removed_from_destination = true;
        }
        let done_note = |error: Error| {
            if removed_from_destination {
                error.with_note("(The connection was already removed from CustomerOS.)")
            } else {
                error
            }
        };
        let earlier = self.retire_all(cancel).await.map_err(done_note)?;
        if earlier.kept > 0 {
            return Err(done_note(Error::Salesforce {
                code: Code::RevokeFailed,
                message: "Salesforce didn't confirm revoking an earlier sign-in of this \
                          connection, so it may still work. Nothing else was forgotten on this \
                          computer: try Disconnect again, or revoke it yourself in Salesforce \
                          (Setup → Connected Apps OAuth Usage or External Client App OAuth \
                          Usage)."
                    .into(),
                detail: format!("{} earlier sign-in(s) not confirmed", earlier.kept),
            }));
        }
        // Nothing is forgotten unless Salesforce confirmed the revocation.
        let current = self
            .revoke_kept(&settings, cancel)
            .await
            .map_err(done_note)?;
        let destination_pending = at_customeros && !removed_from_destination;
        if destination_pending {
            // The API key stays: the next Disconnect removes the connection at CustomerOS.
            self.forget_stored_except(SecretName::CustomerOsApiKey)?;
        } else {
            self.forget_stored()?;
        }
        self.start_over()?;
        self.update(|s| {
            s.instance_url = None;
            s.stored = false;
            s.connected_at = None;
            s.token_issuer = None;
            s.rotates = None;
            s.handed_to = None;
            s.destination_removal_pending = destination_pending;
        })?;
        let salesforce = match current {
            Some(Revoked::Now) => RevokeOutcome::Revoked,
            Some(Revoked::AlreadyDead) => RevokeOutcome::AlreadyInvalid,
            None => RevokeOutcome::NothingKept,
        };
        let newer_copy_may_live = salesforce == RevokeOutcome::AlreadyInvalid
            && settings.rotates == Some(true)
            && settings.handed_to.is_some();
        Ok(Disconnected {
            revoked: (salesforce != RevokeOutcome::NothingKept || earlier.dead > 0)
                && !newer_copy_may_live,
            newer_copy_may_live,
            salesforce,
            earlier_revoked: earlier.dead,
            removed_from_destination,
            destination_pending,
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
