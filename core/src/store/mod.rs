//! What sfconnect keeps between runs: secrets in the OS keyring, everything else in a
//! small settings file.

pub mod keyring_store;
pub mod preferences;
pub mod profiles;
pub mod settings;

pub use crate::destination::DeliveryState;
pub use keyring_store::{KeyringStore, MemoryStore, SecretName, SecretStore};
pub use preferences::Preferences;
pub use profiles::{ConnectionSummary, DEFAULT_PROFILE};
pub use settings::{RecordedError, Settings, SettingsFile, Step, TokenIssuer, config_dir};
