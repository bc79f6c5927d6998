//! Secret values as newtypes that never print themselves.
//!
//! `Debug` shows `[redacted]`, there is no `Display` and no `Serialize`, and the
//! memory is zeroed on drop. Reading the value takes an explicit `expose()`.

use serde::{Deserialize, Deserializer, Serialize};
use zeroize::Zeroizing;

macro_rules! secret_type {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(Zeroizing<String>);

        impl $name {
            /// Wraps a value; surrounding whitespace (a stray newline from a paste) is removed.
            pub fn new(value: impl Into<String>) -> Self {
                let value = value.into();
                let trimmed = value.trim();
                if trimmed.len() == value.len() {
                    Self(Zeroizing::new(value))
                } else {
                    Self(Zeroizing::new(trimmed.to_owned()))
                }
            }

            /// The secret itself. Call only where it leaves for its one destination.
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// True when nothing was given.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::new)
            }
        }
    )+};
}

secret_type! {
    /// The Consumer Secret (OAuth client secret) of the Salesforce app.
    ClientSecret;
    /// A Salesforce refresh token: lets its holder act as the user until revoked.
    RefreshToken;
    /// A Salesforce access token or SOAP session id.
    AccessToken;
    /// The authorization code from the browser redirect (single use, minutes long).
    AuthCode;
    /// The PKCE code verifier kept while the browser sign-in runs.
    PkceVerifier;
    /// A Salesforce user's password.
    Password;
    /// A Salesforce user's security token.
    SecurityToken;
    /// An API key for the destination product (CustomerOS).
    ApiKey;
}

/// Which secret (the JSON spelling is how the wizard names one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretName {
    /// The Consumer Secret.
    ClientSecret,
    /// The Salesforce refresh token.
    RefreshToken,
    /// The CustomerOS API key.
    CustomerOsApiKey,
    /// A Salesforce password: held in memory for this session's copy buttons, never stored.
    Password,
    /// A security token: held in memory for this session's copy buttons, never stored.
    SecurityToken,
    /// Earlier sign-ins of this connection still to be revoked (their refresh tokens, with
    /// the host and app that issued each).
    EarlierSignIns,
}

impl SecretName {
    /// Every secret this session may hold in memory (the keyring's plus the password and
    /// security token, which are never stored).
    pub const SESSION: [SecretName; 6] = [
        SecretName::ClientSecret,
        SecretName::RefreshToken,
        SecretName::CustomerOsApiKey,
        SecretName::Password,
        SecretName::SecurityToken,
        SecretName::EarlierSignIns,
    ];

    /// Every secret the keyring may hold.
    pub const KEYRING: [SecretName; 4] = [
        SecretName::ClientSecret,
        SecretName::RefreshToken,
        SecretName::CustomerOsApiKey,
        SecretName::EarlierSignIns,
    ];
}

/// A secret the wizard may show or copy at the admin's request (never the refresh token or
/// the CustomerOS API key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RevealableSecret {
    /// The Consumer Secret.
    ClientSecret,
    /// The Salesforce password (this session only).
    Password,
    /// The security token (this session only).
    SecurityToken,
    /// The refresh token, for a CustomerOS that no longer takes Salesforce by API.
    RefreshToken,
}

impl RevealableSecret {
    /// Every one.
    pub const ALL: [RevealableSecret; 4] = [
        RevealableSecret::ClientSecret,
        RevealableSecret::Password,
        RevealableSecret::SecurityToken,
        RevealableSecret::RefreshToken,
    ];
}

impl From<RevealableSecret> for SecretName {
    fn from(secret: RevealableSecret) -> Self {
        match secret {
            RevealableSecret::ClientSecret => SecretName::ClientSecret,
            RevealableSecret::Password => SecretName::Password,
            RevealableSecret::SecurityToken => SecretName::SecurityToken,
            RevealableSecret::RefreshToken => SecretName::RefreshToken,
        }
    }
}

/// What to show instead of a secret: a fixed run of dots that says nothing about its length.
pub const MASK: &str = "••••••••••••";

#[cfg(test)]
#[path = "tests/secret.rs"]
mod tests;
