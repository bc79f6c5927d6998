//! Where the Salesforce credentials go: CustomerOS (by API), Customerscore (by copy and
//! paste), Airbyte (a config file).
//!
//! What differs per destination is said here, once: its name, the sign-in methods it takes,
//! whether it holds a refresh token and whether it can be asked live (the rest of the engine,
//! the CLI and the wizard read these), and each one's wire in its own module. The engine's
//! side of each (its hand-off and live check) is `engine/deliver/<destination>.rs`.

pub mod airbyte;
pub mod customeros;
pub mod customerscore;

use crate::error::{Error, Field, Result};
use crate::oauth::Method;
use crate::secret::{ClientSecret, MASK, RefreshToken, RevealableSecret};
use serde::{Deserialize, Serialize};

/// The destination product (CustomerOS unless the admin chooses another).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// CustomerOS (hand-off by API).
    #[default]
    Customeros,
    /// Customerscore (shows what to paste where).
    Customerscore,
    /// Airbyte (writes the source-salesforce config file).
    Airbyte,
}

/// A destination as the wizard offers it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DestinationInfo {
    /// Which one.
    pub id: Destination,
    /// Its name as users know it.
    pub name: &'static str,
    /// The sign-in methods it takes, the preferred one first (more than one: the admin
    /// chooses).
    pub methods: &'static [Method],
    /// It holds a refresh token, so the connection can be checked live at Salesforce.
    pub checkable: bool,
    /// It can itself be asked, live, whether it holds Salesforce.
    pub asked_live: bool,
    /// What Disconnect stops there, in plain words, said before it acts.
    pub disconnect_stops: &'static str,
    /// Who renews the sign-in once it is handed over, and what sfconnect can see of it.
    pub holder_note: &'static str,
}

impl Destination {
    /// Every destination, in the order the wizard offers them.
    pub const ALL: [Destination; 3] = [
        Destination::Customeros,
        Destination::Customerscore,
        Destination::Airbyte,
    ];

    /// The sign-in methods it takes, the preferred one first. CustomerOS and Airbyte renew
    /// access themselves with a refresh token, which only the browser sign-in gives;
    /// Customerscore signs in itself with client credentials or a password.
    #[must_use]
    pub fn methods(self) -> &'static [Method] {
        match self {
            Destination::Customeros | Destination::Airbyte => &[Method::Web],
            Destination::Customerscore => &[Method::ClientCredentials, Method::Password],
        }
    }

    /// Whether it is handed a refresh token (and sfconnect keeps one to check and revoke).
    #[must_use]
    pub fn needs_refresh_token(self) -> bool {
        self.methods() == [Method::Web]
    }

    /// Whether sfconnect can ask the destination itself whether it holds Salesforce (a file
    /// and pasted values can't be asked).
    #[must_use]
    pub fn asked_live(self) -> bool {
        self == Destination::Customeros
    }

    /// How the wizard offers it.
    #[must_use]
    pub fn info(self) -> DestinationInfo {
        DestinationInfo {
            id: self,
            name: self.display_name(),
            methods: self.methods(),
            checkable: self.needs_refresh_token(),
            asked_live: self.asked_live(),
            disconnect_stops: self.disconnect_stops(),
            holder_note: self.holder_note(),
        }
    }

    /// What Disconnect stops at this destination (said before it acts). The sign-in handed over
    /// is the same one sfconnect revokes, so revoking it stops the destination too.
    #[must_use]
    pub fn disconnect_stops(self) -> &'static str {
        match self {
            Destination::Customeros => {
                "Disconnect removes the Salesforce connection from CustomerOS and revokes the \
                 sign-in at Salesforce. CustomerOS uses that same sign-in, so it stops syncing \
                 Salesforce."
            }
            Destination::Airbyte => {
                "Disconnect revokes the sign-in at Salesforce. Nothing is removed in Airbyte, but \
                 an Airbyte Salesforce source set up with this sign-in uses the same refresh \
                 token, so its syncs stop. Delete or re-authenticate that source in Airbyte \
                 yourself."
            }
            Destination::Customerscore => {
                "Disconnect forgets the values on this computer. Customerscore signs in to \
                 Salesforce itself with what you pasted, so nothing changes there: remove the \
                 Salesforce provider in Customerscore, or reset the app's Consumer Secret in \
                 Salesforce, to stop it."
            }
        }
    }

    /// Who renews the sign-in once it is handed over, and what sfconnect can see of it.
    #[must_use]
    pub fn holder_note(self) -> &'static str {
        match self {
            Destination::Customeros => {
                "CustomerOS renews the sign-in itself; sfconnect checks without renewing it, so \
                 CustomerOS's copy is never disturbed."
            }
            Destination::Airbyte => {
                "Airbyte renews the sign-in itself on every sync; sfconnect checks without renewing \
                 it, so Airbyte's copy is never disturbed (sfconnect can't see whether Airbyte's \
                 syncs run)."
            }
            Destination::Customerscore => {
                "Customerscore signs in itself with the values you pasted; sfconnect keeps no \
                 sign-in of its own to check."
            }
        }
    }

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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

/// The Consumer Key, Consumer Secret and refresh token under a destination's own three labels,
/// secrets masked unless `show` (for values entered by hand).
pub(crate) fn sign_in_fields(
    credentials: &SalesforceCredentials,
    [key, secret, refresh]: [&'static str; 3],
    show: bool,
) -> Vec<ProviderField> {
    vec![
        plain(key, &credentials.client_id),
        hidden(
            secret,
            RevealableSecret::ClientSecret,
            credentials.client_secret.expose(),
            show,
        ),
        hidden(
            refresh,
            RevealableSecret::RefreshToken,
            credentials.refresh_token.expose(),
            show,
        ),
    ]
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

#[cfg(test)]
#[path = "tests/destination.rs"]
mod tests;
