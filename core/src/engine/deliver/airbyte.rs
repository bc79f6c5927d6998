//! Airbyte: the source configuration file, written owner-only.

use crate::destination::airbyte;
use crate::engine::Engine;
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::store::DeliveryState;
use std::path::Path;

impl Engine {
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
}
