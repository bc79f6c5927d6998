//! A live check of the kept connection: Salesforce refreshes the sign-in (the newest refresh
//! token is kept) and says who it is, and a destination that can be asked (CustomerOS) says
//! whether it still lists Salesforce. Nothing is reported from memory as live.

use super::{Checked, Engine, OnProgress};
use crate::error::Result;
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
        let destination = settings.destination.unwrap_or_default();
        let asked = self
            .ask_destination(destination, &settings, api_key, cancel)
            .await?;
        let destination_checked = asked.is_some();
        let destination_state = asked.or(settings.destination_state);
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
