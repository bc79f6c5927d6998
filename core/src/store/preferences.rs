//! This computer's preferences for sfconnect itself (not for a connection): whether it looks
//! for updates, where, and when it last did. `<config dir>/preferences.app.json`, owner-only
//! (the dotted name keeps it out of the list of connections).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How often the wizard looks for an update by itself.
pub const UPDATE_CHECK_EVERY_SECS: u64 = 24 * 60 * 60;

/// The preferences; a missing or unreadable file means the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Look for updates by itself (at most once a day). Help → Check for updates still works.
    pub update_checks: bool,
    /// A company mirror's `latest.json` instead of the public one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_url: Option<String>,
    /// Seconds since the Unix epoch of the last look that got an answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_checked_at: Option<u64>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            update_checks: true,
            update_url: None,
            update_checked_at: None,
        }
    }
}

fn file(dir: &Path) -> PathBuf {
    dir.join("preferences.app.json")
}

impl Preferences {
    /// Reads them (the defaults when there is no file or it can't be read).
    #[must_use]
    pub fn load(dir: &Path) -> Self {
        std::fs::read(file(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes them, owner-only.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let text = serde_json::to_vec_pretty(self).unwrap_or_default();
        crate::fs::write_private_creating_dir(&file(dir), &text).map_err(|error| Error::File {
            message: format!(
                "Couldn't save sfconnect's preferences in {}: {error}.",
                dir.display()
            ),
        })
    }

    /// Whether a look of its own is due at `now` (never when turned off).
    #[must_use]
    pub fn update_check_due(&self, now: u64) -> bool {
        self.update_checks
            && self
                .update_checked_at
                .is_none_or(|at| now.saturating_sub(at) >= UPDATE_CHECK_EVERY_SECS || at > now)
    }
}

#[cfg(test)]
#[path = "tests/preferences.rs"]
mod tests;
