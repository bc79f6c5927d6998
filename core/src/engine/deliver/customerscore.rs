//! Customerscore: the values for its Providers page, in its order (it signs in itself with
//! them; sfconnect doesn't send them there).

use super::view;
use crate::destination::ProviderField;
use crate::destination::customerscore::{self, ProviderMode};
use crate::engine::{Engine, Method, ProviderView};
use crate::error::Result;
use crate::store::{SecretName, SecretStore};

impl Engine {
    /// Phase two for Customerscore: the values for its Providers page, in its order.
    pub fn provider_fields(&self, show: bool) -> Result<(ProviderMode, Vec<ProviderField>)> {
        let settings = self.settings.load()?;
        let secret = |name| self.session.get(name).ok().flatten().unwrap_or_default();
        if settings.method == Some(Method::Password) {
            Ok((
                ProviderMode::UsernamePassword,
                customerscore::password_fields(
                    settings.username.as_deref().unwrap_or_default().trim(),
                    &secret(SecretName::Password),
                    &secret(SecretName::SecurityToken),
                    show,
                ),
            ))
        } else {
            Ok((
                ProviderMode::ClientCredentials,
                customerscore::client_credentials_fields(
                    settings.instance_url.as_deref().unwrap_or_default(),
                    settings.client_id.as_deref().unwrap_or_default(),
                    &secret(SecretName::ClientSecret),
                    show,
                ),
            ))
        }
    }

    /// Customerscore's page for the wizard, secrets masked and named for Show and Copy.
    pub fn provider_view(&self) -> Result<ProviderView> {
        let (mode, fields) = self.provider_fields(false)?;
        Ok(view(mode.label(), fields))
    }
}
