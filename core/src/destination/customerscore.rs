//! Customerscore has no API: we validate the credentials against Salesforce and list which
//! value goes in which field of its Settings → Providers → Salesforce page, in that order.

use super::{ProviderField, hidden, plain};
use crate::secret::RevealableSecret;
use serde::Serialize;

/// The authentication type chosen on Customerscore's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProviderMode {
    /// "Connected App OAuth 2.0 Client Credentials".
    ClientCredentials,
    /// "Security Token with Username & Password".
    UsernamePassword,
}

impl ProviderMode {
    /// The option's name on Customerscore's page.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ProviderMode::ClientCredentials => "Connected App OAuth 2.0 Client Credentials",
            ProviderMode::UsernamePassword => "Security Token with Username & Password",
        }
    }
}

/// The fields for client credentials: Domain, Consumer Key, Consumer Secret.
#[must_use]
pub fn client_credentials_fields(
    domain: &str,
    key: &str,
    secret: &str,
    show: bool,
) -> Vec<ProviderField> {
    vec![
        plain("Domain", domain.trim_start_matches("https://")),
        plain("Consumer Key", key),
        hidden(
            "Consumer Secret",
            RevealableSecret::ClientSecret,
            secret,
            show,
        ),
    ]
}

/// The fields for username + password + security token.
#[must_use]
pub fn password_fields(
    username: &str,
    password: &str,
    token: &str,
    show: bool,
) -> Vec<ProviderField> {
    vec![
        plain("Salesforce Username", username),
        hidden(
            "Salesforce Password",
            RevealableSecret::Password,
            password,
            show,
        ),
        hidden(
            "Salesforce Security Token",
            RevealableSecret::SecurityToken,
            token,
            show,
        ),
    ]
}

#[cfg(test)]
#[path = "tests/customerscore.rs"]
mod tests;
