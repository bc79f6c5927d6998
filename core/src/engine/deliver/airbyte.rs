//! Airbyte: the values for its web app's Salesforce source form, and the source configuration
//! file, written owner-only, its place checked before the sign-in is refreshed for it.

use crate::destination::airbyte;
use crate::engine::{Engine, ProviderView};
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::store::DeliveryState;
use std::path::Path;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Phase two for Airbyte's web app: the values for its Salesforce source form, secrets
    /// masked and named for Show and Copy. Showing them counts as handing them over (they may
    /// be copied from here on), so the sign-in is prepared first, as for the file.
    pub async fn airbyte_view(&self, cancel: &CancellationToken) -> Result<ProviderView> {
        self.prepare_handover(&|_| {}, cancel).await?;
        let settings = self.settings.load()?;
        let credentials = self.kept_credentials(&settings)?;
        self.mark_delivered(DeliveryState::ReadyToCopy)?;
        self.retire_replaced_quietly(cancel).await;
        Ok(super::view(
            airbyte::form_place(is_sandbox(&settings)),
            airbyte::form_fields(&credentials, false),
        ))
    }

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
        airbyte::write_config(path, &credentials, is_sandbox(&settings), replace)?;
        let state = self.mark_delivered(DeliveryState::Written)?;
        self.retire_replaced_quietly(cancel).await;
        Ok(state)
    }
}

/// Whether the kept sign-in is a sandbox's.
fn is_sandbox(settings: &crate::store::Settings) -> bool {
    settings
        .login_url
        .as_deref()
        .and_then(|u| LoginHost::parse(u).ok())
        .is_some_and(|h| h.is_sandbox())
}
