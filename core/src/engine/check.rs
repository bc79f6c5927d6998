//! A live check of the kept connection that never touches what a destination holds:
//! Salesforce is asked by introspection whether the kept sign-in is active (nothing is
//! refreshed, so with Refresh Token Rotation on the destination's copy stays good), and a
//! destination that can be asked (CustomerOS) says whether it still lists Salesforce. Nothing
//! is reported from memory as live.

use super::{Checked, Engine, OnProgress, Progress};
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
        events(Progress::Verifying);
        let (salesforce, username) = self
            .introspect_kept(&settings, &credentials, cancel)
            .await?;
        let destination = settings.destination.unwrap_or_default();
        let asked = self
            .ask_destination(destination, &settings, api_key, cancel)
            .await?;
        let destination_checked = asked.is_some();
        let destination_state = asked.or(settings.destination_state);
        let checked_at = self.clock.now_unix();
        self.update(|s| {
            s.checked_at = Some(checked_at);
            if destination_checked {
                s.destination_state = destination_state;
            }
        })?;
        let recorded = settings.identity.unwrap_or_default();
        Ok(Checked {
            org_id: recorded.org_id,
            username: username.unwrap_or(recorded.username),
            salesforce,
            rotates: settings.rotates,
            destination,
            destination_state,
            destination_checked,
            checked_at,
        })
    }
}
