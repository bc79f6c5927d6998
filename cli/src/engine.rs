//! The CLI's engines: over the OS keyring and a profile's settings file, shared by every
//! command.

use crate::output::Failure;
use sfconnect_core::browser::{BrowserOpener, NoBrowser};
use sfconnect_core::secret::ApiKey;
use sfconnect_core::store::{KeyringStore, SettingsFile};
use sfconnect_core::{Code, Engine, Error};

/// A failure, with the values to paste by hand when CustomerOS no longer takes Salesforce by
/// API (the guide's own last step).
pub(crate) fn by_hand(error: Error, engine: &Engine, show_secrets: bool) -> Failure {
    let by_hand = (error.code() == Code::CustomerosNotActive)
        .then(|| engine.customeros_fields(show_secrets).ok())
        .flatten();
    Failure {
        error,
        by_hand,
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
