//! Secrets behind a small trait: the OS keyring (service `sfconnect`) in the product, an
//! in-memory map in unit tests.

use crate::error::{Error, Result};
pub use crate::secret::SecretName;
use std::collections::HashMap;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// The keyring service name.
pub const SERVICE: &str = "sfconnect";

/// The keyring entry's name for a secret.
fn key(name: SecretName) -> &'static str {
    match name {
        SecretName::ClientSecret => "client-secret",
        SecretName::RefreshToken => "refresh-token",
        SecretName::CustomerOsApiKey => "customeros-api-key",
        SecretName::Password => "password",
        SecretName::SecurityToken => "security-token",
        SecretName::EarlierSignIns => "earlier-sign-ins",
    }
}

/// Where secrets live.
pub trait SecretStore: Send + Sync {
    /// Stores or replaces a secret.
    fn put(&self, name: SecretName, value: &str) -> Result<()>;
    /// Reads a secret; `None` when absent.
    fn get(&self, name: SecretName) -> Result<Option<Zeroizing<String>>>;
    /// Removes a secret; absent is fine.
    fn delete(&self, name: SecretName) -> Result<()>;
    /// Where the secrets are kept, as the support report says it ("in the keyring").
    fn kept_where(&self) -> &'static str {
        "in the keyring"
    }
}

/// The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager).
#[derive(Debug, Clone)]
pub struct KeyringStore {
    profile: String,
}

impl KeyringStore {
    /// Entries are named `PROFILE/NAME` under service `sfconnect`.
    #[must_use]
    pub fn new(profile: &str) -> Self {
        Self {
            profile: profile.to_owned(),
        }
    }

    fn entry(&self, name: SecretName) -> Result<keyring::Entry> {
        keyring::Entry::new(SERVICE, &format!("{}/{}", self.profile, key(name)))
            .map_err(keyring_error)
    }
}

#[expect(clippy::needless_pass_by_value, reason = "a map_err callback")]
fn keyring_error(err: keyring::Error) -> Error {
    let reason = match err {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            "the system keyring isn't available or is locked"
        }
        _ => "the system keyring refused the request",
    };
    Error::Keyring {
        message: format!(
            "Couldn't use the system keyring: {reason}. Unlock it (on Linux, sign in to a desktop \
             session with GNOME Keyring or KWallet) and try again."
        ),
    }
}

impl SecretStore for KeyringStore {
    fn put(&self, name: SecretName, value: &str) -> Result<()> {
        self.entry(name)?.set_password(value).map_err(keyring_error)
    }

    fn get(&self, name: SecretName) -> Result<Option<Zeroizing<String>>> {
        match self.entry(name)?.get_password() {
            Ok(value) => Ok(Some(Zeroizing::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(keyring_error(err)),
        }
    }

    fn delete(&self, name: SecretName) -> Result<()> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(keyring_error(err)),
        }
    }
}

/// An in-memory store for tests and `--no-store` runs.
#[derive(Debug, Default)]
pub struct MemoryStore {
    values: Mutex<HashMap<SecretName, Zeroizing<String>>>,
}

impl SecretStore for MemoryStore {
    fn put(&self, name: SecretName, value: &str) -> Result<()> {
        self.values
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name, Zeroizing::new(value.to_owned()));
        Ok(())
    }

    fn get(&self, name: SecretName) -> Result<Option<Zeroizing<String>>> {
        Ok(self
            .values
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&name)
            .cloned())
    }

    fn delete(&self, name: SecretName) -> Result<()> {
        self.values
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&name);
        Ok(())
    }
    fn kept_where(&self) -> &'static str {
        "in memory only, for this session (no keyring is used)"
    }
}

#[cfg(test)]
#[path = "tests/keyring_store.rs"]
mod tests;
