//! The CLI's engines: over the OS keyring and a profile's settings file, shared by every
//! command.

use crate::output::Failure;
use sfconnect_core::browser::{BrowserOpener, NoBrowser};
use sfconnect_core::secret::ApiKey;
use sfconnect_core::store::{KeyringStore, SettingsFile};
use sfconnect_core::{Engine, Error};

/// A failure, with the engine that ran it (it records the failure with this run's secrets
/// redacted).
pub(crate) fn failed_in(error: Error, engine: &Engine) -> Failure {
    Failure {
        error,
        engine: Some(engine.clone()),
    }
}

/// The real engine for a profile: the OS keyring and the profile's settings file.
pub(crate) fn engine(
    profile: &str,
    browser: impl BrowserOpener + 'static,
) -> Result<Engine, Error> {
    Ok(Engine::builder(SettingsFile::for_profile(profile)?)
        .store(KeyringStore::new(profile))
        .browser(browser)
        .build())
}

/// The engine over what is kept for a profile (no browser: nothing here signs in).
pub(crate) fn stored_engine(profile: &str) -> Result<Engine, Error> {
    engine(profile, NoBrowser)
}

/// A CustomerOS API key given in the environment, which wins over the kept one.
pub(crate) fn api_key_override() -> Option<ApiKey> {
    std::env::var("CUSTOMEROS_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
        .map(ApiKey::new)
}
