//! CustomerOS: the hand-off by its settings-api (self-hosted CustomerOS; its cloud connects
//! Salesforce itself), the other connections a hand-off replaces, and its live check.

use super::with_retry_note;
use crate::destination::customeros::{CustomerOs, check_url};
use crate::destination::{DeliveryState, Destination, check_email};
use crate::engine::{Engine, OnProgress, Progress, SalesforceSays, cancellable};
use crate::error::{Code, Error, Field, Result};
use crate::secret::ApiKey;
use crate::store::Settings;
use crate::store::profiles::{self, ConnectionSummary};
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Phase two for CustomerOS: hand the kept sign-in over and confirm it is ACTIVE.
    /// Remembers the destination (and its API key, when secrets are stored).
    pub async fn deliver_customeros(
        &self,
        customeros: &CustomerOs,
        cancel: &CancellationToken,
    ) -> Result<DeliveryState> {
        let rotates = self.refresh_before_handover(&|_| {}, cancel).await?;
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        if rotates.is_none() {
            // Not refreshed (handed over before, or rotation already known): asked instead, so
            // a sign-in Salesforce no longer accepts is never handed over and called ACTIVE
            // (wizard walkthrough 2, H2), and a copy the destination renewed is never
            // replaced by sfconnect's older one.
            let (said, _) = self
                .introspect_kept(&settings, &credentials, cancel)
                .await?;
            if said == SalesforceSays::Replaced {
                return Err(Error::NotConnected {
                    message: "CustomerOS already renewed this sign-in itself (Refresh Token \
                              Rotation replaced sfconnect's copy), so it holds a newer one: \
                              nothing was sent. If CustomerOS doesn't sync, sign in again."
                        .into(),
                });
            }
        }
        self.update(|s| {
            if rotates.is_some() {
                s.rotates = rotates;
            }
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
            state = customeros.hand_off(http, &credentials) => state?,
        };
        let state = self.mark_delivered(state)?;
        self.retire_replaced_quietly(cancel).await;
        Ok(state)
    }

    /// The other kept connections last handed to this CustomerOS workspace (the same address
    /// and user): handing this one over replaces their Salesforce integration. Inputs that
    /// aren't valid yet share nothing (the hand-off itself says what is wrong with them).
    pub fn connections_sharing_workspace(
        &self,
        url: &str,
        email: &str,
    ) -> Result<Vec<ConnectionSummary>> {
        let (Ok(base), Ok(email)) = (check_url(url), check_email(email)) else {
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
    pub(in crate::engine) fn announce_replaced(
        &self,
        customeros: &CustomerOs,
        events: OnProgress<'_>,
    ) {
        let others = self
            .connections_sharing_workspace(customeros.base(), customeros.username())
            .unwrap_or_default();
        for other in others {
            events(Progress::Notice {
                message: format!(
                    "The connection \"{}\" ({}) was handed to this CustomerOS workspace before. \
                     A CustomerOS workspace holds one Salesforce connection (its API lists one), so \
                     this hand-off replaces that one.",
                    other.profile, other.label
                ),
            });
        }
    }

    /// Keeps CustomerOS's address, e-mail and API key for the Connect step, before there is a
    /// sign-in to hand over (the admin fills them in while Salesforce gets a new app ready).
    /// The key is kept in this session's memory (and the keyring once the sign-in is) and only
    /// ever sent to this address; nothing is sent anywhere now.
    pub fn keep_customeros_details(&self, url: &str, email: &str, api_key: ApiKey) -> Result<()> {
        if api_key.is_empty() {
            return Err(Error::input(
                Field::ApiKey,
                "Paste your CustomerOS API key (Settings → API in CustomerOS), or leave this for \
                 the Connect step.",
            ));
        }
        let settings = self.settings.load()?;
        let customeros = CustomerOs::new(
            url,
            email,
            api_key,
            settings.api_key_header.unwrap_or_default(),
        )?;
        self.update(|s| {
            s.customeros_url = Some(customeros.base().into());
            s.api_key_for = Some(customeros.base().into());
            s.customeros_username = Some(customeros.username().into());
        })?;
        self.keep_api_key(customeros.api_key(), &settings)
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
                .stored_api_key_for(&check_url(url)?, &settings)?
                .ok_or_else(|| Error::input(Field::ApiKey, "Enter your CustomerOS API key."))?,
        };
        let header = settings.api_key_header.unwrap_or_default();
        let customeros = CustomerOs::new(url, email, key, header)?;
        self.deliver_customeros(&customeros, cancel)
            .await
            .map_err(|e| with_retry_note(e, settings.stored))
    }

    /// Asks CustomerOS whether it still lists Salesforce as ACTIVE (the live check).
    pub(super) async fn ask_customeros(
        &self,
        settings: &Settings,
        api_key: Option<ApiKey>,
        cancel: &CancellationToken,
    ) -> Result<DeliveryState> {
        let customeros = self.customeros_from_settings(settings, api_key)?;
        let http = self.http.client_for(customeros.base()).await?;
        let state = cancellable(cancel, customeros.salesforce_state(http)).await?;
        if state.as_deref() != Some(DeliveryState::Active.as_str()) {
            return Err(no_longer_listed(state.as_deref()));
        }
        Ok(DeliveryState::Active)
    }
}

fn no_longer_listed(state: Option<&str>) -> Error {
    Error::Destination {
        code: Code::CustomerosNotActive,
        message:
            "Salesforce says the sign-in is active, but CustomerOS doesn't list Salesforce as \
                  connected any more (someone may have removed it there). Connect CustomerOS \
                  again here, or, if your CustomerOS connects Salesforce from its own settings, \
                  there."
                .into(),
        detail: match state {
            Some(state) => format!("GET /integrations: salesforce is {state}"),
            None => "GET /integrations: no salesforce".into(),
        },
    }
}
