//! A live check of the kept connection: Salesforce refreshes the sign-in (the newest refresh
//! token is kept) and says who it is, and CustomerOS says whether it still lists Salesforce.
//! Nothing is reported from memory as live.

use super::{Checked, Engine, OnProgress, cancellable};
use crate::destination::{DeliveryState, Destination};
use crate::error::{Code, Error, Result};
use crate::secret::ApiKey;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Checks the kept connection at Salesforce and, for CustomerOS, at the destination.
    /// `api_key` replaces the kept CustomerOS key when given.
    pub async fn check(
        &self,
        api_key: Option<ApiKey>,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Checked> {
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        let identity = self
            .kept_identity(&settings, &credentials, events, cancel)
            .await?;
        let destination = settings.destination.unwrap_or(Destination::Customeros);
        let (destination_state, destination_checked) = match destination {
            Destination::Customeros => {
                let customeros = self.customeros_from_settings(&settings, api_key)?;
                let http = self.http.client_for(customeros.base()).await?;
                let state = cancellable(cancel, customeros.salesforce_state(http)).await?;
                if state.as_deref() != Some(DeliveryState::Active.as_str()) {
                    return Err(no_longer_listed(state.as_deref()));
                }
                (Some(DeliveryState::Active), true)
            }
            Destination::Customerscore | Destination::Airbyte => {
                (settings.destination_state, false)
            }
        };
        let checked_at = self.clock.now_unix();
        self.update(|s| {
            s.identity = Some(identity.clone());
            s.checked_at = Some(checked_at);
            if destination_checked {
                s.destination_state = destination_state;
            }
        })?;
        Ok(Checked {
            org_id: identity.org_id,
            username: identity.username,
            salesforce: "ok",
            destination,
            destination_state,
            destination_checked,
            checked_at,
        })
    }
}

fn no_longer_listed(state: Option<&str>) -> Error {
    Error::Destination {
        code: Code::CustomerosNotActive,
        message: "Salesforce still accepts the sign-in, but CustomerOS doesn't list Salesforce as \
                  connected any more (someone may have removed it there). Connect CustomerOS \
                  again; newer CustomerOS versions take the Consumer Key, Consumer Secret and \
                  refresh token in Settings → Integrations → Salesforce instead."
            .into(),
        detail: match state {
            Some(state) => format!("GET /integrations: salesforce is {state}"),
            None => "GET /integrations: no salesforce".into(),
        },
    }
}
