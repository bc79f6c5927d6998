//! Where the Salesforce credentials go: CustomerOS (by API), Customerscore (by copy and
//! paste), Airbyte (a config file).

pub mod airbyte;
pub mod customeros;
pub mod customerscore;

use crate::error::{Error, Field, Result};
use crate::secret::{ClientSecret, MASK, RefreshToken, RevealableSecret};
use serde::{Deserialize, Serialize};

/// The destination product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// CustomerOS settings API.
    Customeros,
    /// Customerscore's Providers page (copy and paste).
    Customerscore,
    /// Airbyte's source-salesforce config file.
    Airbyte,
}

impl Destination {
    /// The product's name as users know it.
    #[must_use]
    pub fn display_name(self) -> &'static str {
        match self {
            Destination::Customeros => "CustomerOS",
            Destination::Customerscore => "Customerscore",
            Destination::Airbyte => "Airbyte",
        }
    }

    /// The `--destination` value.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Destination::Customeros => "customeros",
            Destination::Customerscore => "customerscore",
            Destination::Airbyte => "airbyte",
        }
    }
}

/// What the destination reported at delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryState {
    /// CustomerOS lists Salesforce as active.
    Active,
    /// The Airbyte configuration file is written.
    Written,
    /// Customerscore's values are checked and ready to paste.
    ReadyToCopy,
}

impl DeliveryState {
    /// Every state.
    pub const ALL: [DeliveryState; 3] = [
        DeliveryState::Active,
        DeliveryState::Written,
        DeliveryState::ReadyToCopy,
    ];

    /// The wire spelling (`ACTIVE`, `WRITTEN`, `READY_TO_COPY`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Active => "ACTIVE",
            DeliveryState::Written => "WRITTEN",
            DeliveryState::ReadyToCopy => "READY_TO_COPY",
        }
    }
}

impl std::fmt::Display for DeliveryState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a refresh-token destination needs: the app's key and secret and the refresh token.
#[derive(Debug, Clone)]
pub struct SalesforceCredentials {
    /// Consumer Key.
    pub client_id: String,
    /// Consumer Secret.
    pub client_secret: ClientSecret,
    /// Refresh token.
    pub refresh_token: RefreshToken,
}

/// One value the admin pastes into the destination's own settings page.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderField {
    /// The field's label on that page.
    pub label: &'static str,
    /// What to enter (a secret only when `secret` is false or the caller asked to show it).
    pub value: String,
    /// Whether the value is secret (masked unless shown).
    pub secret: bool,
    /// The kept secret behind a secret value.
    #[serde(skip)]
    pub kept_as: Option<RevealableSecret>,
}

pub(crate) fn plain(label: &'static str, value: &str) -> ProviderField {
    ProviderField {
        label,
        value: value.to_owned(),
        secret: false,
        kept_as: None,
    }
}

pub(crate) fn hidden(
    label: &'static str,
    name: RevealableSecret,
    value: &str,
    show: bool,
) -> ProviderField {
    ProviderField {
        label,
        value: if show {
            value.to_owned()
        } else {
            MASK.to_owned()
        },
        secret: true,
        kept_as: Some(name),
    }
}

/// Checks an email address's shape (the destination checks the rest).
pub fn check_email(email: &str) -> Result<String> {
    let email = email.trim();
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.matches('@').count() == 1
    });
    if valid {
        Ok(email.to_owned())
    } else {
        Err(Error::input(
            Field::Email,
            "Enter the email address you sign in to CustomerOS with, for example ana@example.com.",
        ))
    }
}
