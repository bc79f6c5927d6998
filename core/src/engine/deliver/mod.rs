//! Phase two: deliver the kept sign-in to the destination, a module per destination (its
//! hand-off, the values to enter by hand, its live check): CustomerOS by API, Airbyte as a
//! file, Customerscore as values to paste. What is the same for all is here.

mod airbyte;
mod customeros;
mod customerscore;

use super::{DestinationRequest, Engine, OnProgress, ProviderFieldView, ProviderView};
use crate::destination::{DeliveryState, Destination, ProviderField};
use crate::error::{Error, Result};
use crate::secret::ApiKey;
use crate::store::Settings;
use tokio_util::sync::CancellationToken;

/// What a delivery gave: the destination's state, and for values to paste, those values.
pub(super) struct Delivered {
    pub(super) state: DeliveryState,
    pub(super) provider_mode: Option<&'static str>,
    pub(super) provider_fields: Option<Vec<ProviderField>>,
}

impl Delivered {
    fn only(state: DeliveryState) -> Self {
        Self {
            state,
            provider_mode: None,
            provider_fields: None,
        }
    }
}

/// Remembers where a delivery goes before signing in, so a failed hand-off can be retried.
pub(super) fn remember(request: &DestinationRequest, settings: &mut Settings) {
    if let DestinationRequest::CustomerOs(c) = request {
        settings.customeros_url = Some(c.base().into());
        settings.customeros_username = Some(c.username().into());
        settings.api_key_header = Some(c.header());
    }
}

impl Engine {
    /// Phase two, for whichever destination `request` names.
    pub(super) async fn deliver(
        &self,
        request: &DestinationRequest,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Delivered> {
        Ok(match request {
            DestinationRequest::CustomerOs(customeros) => {
                self.announce_replaced(customeros, events);
                Delivered::only(self.deliver_customeros(customeros, cancel).await?)
            }
            DestinationRequest::Airbyte { path, replace } => {
                Delivered::only(self.deliver_airbyte(path, *replace, cancel).await?)
            }
            DestinationRequest::Customerscore { show_secrets } => {
                let (mode, fields) = self.provider_fields(*show_secrets)?;
                Delivered {
                    state: self.mark_delivered(DeliveryState::ReadyToCopy)?,
                    provider_mode: Some(mode.label()),
                    provider_fields: Some(fields),
                }
            }
        })
    }

    /// Asks the destination itself, live, whether it holds Salesforce: its state, or `None`
    /// when it can't be asked (a file, values pasted by hand). `api_key` replaces the kept
    /// CustomerOS key when given.
    pub(super) async fn ask_destination(
        &self,
        destination: Destination,
        settings: &Settings,
        api_key: Option<ApiKey>,
        cancel: &CancellationToken,
    ) -> Result<Option<DeliveryState>> {
        match destination {
            Destination::Customeros => {
                let state = self.ask_customeros(settings, api_key, cancel).await?;
                Ok(Some(state))
            }
            Destination::Customerscore | Destination::Airbyte => Ok(None),
        }
    }
}

pub(super) fn view(mode: &'static str, fields: Vec<ProviderField>) -> ProviderView {
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

impl Engine {
    /// After a hand-off: revoke the earlier sign-ins it replaced (best effort: what Salesforce
    /// doesn't confirm stays listed for Disconnect).
    pub(super) async fn retire_replaced_quietly(&self, cancel: &CancellationToken) {
        match self.retire_replaced(cancel).await {
            Ok(retired) => tracing::debug!(?retired, "earlier sign-ins after the hand-off"),
            Err(error) => tracing::debug!(code = error.code().as_str(), "earlier sign-ins kept"),
        }
    }
}

/// Adds to a failed hand-off's message whether the sign-in was kept for a retry.
pub(super) fn with_retry_note(error: Error, stored: bool) -> Error {
    match error {
        // A retry can't help there: that CustomerOS connects Salesforce itself.
        Error::Destination {
            code: crate::error::Code::CustomerosConnectsItself,
            ..
        } => error,
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
