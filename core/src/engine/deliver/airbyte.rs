//! Airbyte: the source configuration file, written owner-only, its place checked before the
//! sign-in is refreshed for it.

use crate::destination::airbyte;
use crate::engine::Engine;
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::store::DeliveryState;
use std::path::Path;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Phase two for Airbyte: write the source configuration, owner-only; an existing file
    /// only when `replace` (the user confirmed it).
    pub async fn deliver_airbyte(
        &self,
        path: &Path,
        replace: bool,
        cancel: &CancellationToken,
    ) -> Result<DeliveryState> {
        airbyte::check_target(path, replace)?;
        self.prepare_handover(&|_| {}, cancel).await?;
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        let sandbox = settings
            .login_url
            .as_deref()
            .and_then(|u| LoginHost::parse(u).ok())
            .is_some_and(|h| h.is_sandbox());
        airbyte::write_config(path, &credentials, sandbox, replace)?;
        let state = self.mark_delivered(DeliveryState::Written)?;
        self.retire_replaced_quietly(cancel).await;
        Ok(state)
    }
}
