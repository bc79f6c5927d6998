//! Non-secret settings in `<config dir>/sfconnect/<profile>.json`, mode 0600.

use crate::app_policies::AppPolicies;
use crate::destination::customeros::ApiKeyHeader;
use crate::destination::{DeliveryState, Destination};
use crate::error::{Error, Result};
use crate::oauth::Method;
use crate::salesforce::{AppKind, Counts, Identity};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Everything remembered between runs, none of it secret.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    /// Sign-in method.
    pub method: Option<Method>,
    /// Normalised login host.
    pub login_url: Option<String>,
    /// Consumer Key (not secret: it appears in authorize URLs).
    pub client_id: Option<String>,
    /// Loopback ports in order of preference.
    pub ports: Vec<u16>,
    /// Destination product.
    pub destination: Option<Destination>,
    /// CustomerOS base URL.
    pub customeros_url: Option<String>,
    /// CustomerOS user email.
    pub customeros_username: Option<String>,
    /// Which header carries the CustomerOS API key.
    pub api_key_header: Option<ApiKeyHeader>,
    /// The CustomerOS address the kept API key was entered for: it is only ever sent there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub api_key_for: Option<String>,
    /// Salesforce username (password method).
    pub username: Option<String>,
    /// Who signed in, once verified.
    pub identity: Option<Identity>,
    /// The org's instance URL.
    pub instance_url: Option<String>,
    /// Record counts at the last check.
    pub counts: Option<Counts>,
    /// What the app's policies in Setup meant for the destination's renewals, at the last
    /// sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_policies: Option<AppPolicies>,
    /// The destination's last reported state.
    pub destination_state: Option<DeliveryState>,
    /// True while a refresh token waits to be handed off.
    pub handoff_pending: bool,
    /// Whether the secrets are in the keyring.
    pub stored: bool,
    /// Who issued the kept refresh token, to refresh and revoke it there even after a later
    /// sign-in (to another org or app) changed `login_url` or `client_id`.
    pub token_issuer: Option<TokenIssuer>,
    /// Whether Salesforce rotates this app's refresh tokens, as seen when sfconnect refreshed
    /// the sign-in once before handing it over (`None` until then). After the hand-off the
    /// destination holds the token, and sfconnect never refreshes it again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rotates: Option<bool>,
    /// Where the kept sign-in was handed (`customeros <address>`, `airbyte`, …), once it was:
    /// an earlier sign-in is revoked after a new hand-off only where that replaced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub handed_to: Option<String>,
    /// How many earlier sign-ins of this connection sfconnect still keeps to revoke (their
    /// refresh tokens are in the keyring, not here).
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(as = "Option<u32>", optional)]
    pub earlier_sign_ins: u32,
    /// Disconnect revoked the sign-in at Salesforce but couldn't remove the connection at the
    /// destination yet: the next Disconnect finishes that part.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub destination_removal_pending: bool,
    /// Seconds since the Unix epoch of the last successful connection.
    pub connected_at: Option<u64>,
    /// Seconds since the Unix epoch of the last live check both sides confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub checked_at: Option<u64>,
    /// The last few failures, newest last, for the support report (kept secrets redacted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<RecordedError>>", optional)]
    pub recent_errors: Vec<RecordedError>,
    /// The last finished step, to resume after it.
    pub last_step: Option<Step>,
    /// The kind of app the admin made (the Create-the-app tab they followed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_kind: Option<AppKind>,
    /// Seconds since the Unix epoch when this Consumer Key was first saved (a Connected App
    /// saved more than 10 minutes ago is no longer "still setting up").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub client_id_saved_at: Option<u64>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A failure as the admin saw it, for support.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct RecordedError {
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// The stable code.
    pub code: String,
    /// The message shown.
    pub message: String,
    /// The other side's own words, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
}

/// Where a refresh token came from: the login host that issued it and the app it belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct TokenIssuer {
    /// The login host's origin.
    pub login_url: String,
    /// The app's Consumer Key.
    pub client_id: String,
}

/// A finished step of the connection, as saved (the JSON spelling is the wire form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The destination (and method) are chosen.
    Welcome,
    /// The org's login address is chosen.
    Org,
    /// The admin has created the app in Salesforce.
    App,
    /// The Consumer Key and Secret are kept.
    Keys,
    /// The sign-in's inputs are saved; the sign-in itself has not finished.
    Inputs,
    /// Signed in and the org checked.
    Verified,
    /// Delivered to the destination.
    Done,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::Welcome,
        Step::Org,
        Step::App,
        Step::Keys,
        Step::Inputs,
        Step::Verified,
        Step::Done,
    ];
}

/// The folder every profile's settings live in: `SFCONNECT_CONFIG_DIR`, else the OS's.
pub fn config_dir() -> Result<PathBuf> {
    match std::env::var_os("SFCONNECT_CONFIG_DIR") {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => directories::ProjectDirs::from("", "", "sfconnect")
            .map(|dirs| dirs.config_dir().to_path_buf())
            .ok_or_else(|| Error::File {
                message: "Couldn't find a settings folder for this user (no home folder). Set \
                          SFCONNECT_CONFIG_DIR to a folder sfconnect may write to."
                    .into(),
            }),
    }
}

/// Where a profile's settings live.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    /// The OS config dir (or `SFCONNECT_CONFIG_DIR`), file `<profile>.json`.
    pub fn for_profile(profile: &str) -> Result<Self> {
        Ok(Self::at(config_dir()?.join(format!("{profile}.json"))))
    }

    /// A specific file.
    #[must_use]
    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the settings; a missing file means defaults. A damaged file is moved aside (kept
    /// as `NAME.damaged-UNIXTIME.json` for support) and reported, never silently replaced.
    pub fn load(&self) -> Result<Settings> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| self.set_aside()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(err) => Err(self.io_error(&err)),
        }
    }

    /// Moves a damaged file out of the way and says where it went.
    fn set_aside(&self) -> Error {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = self.path.with_extension(format!("damaged-{stamp}.json"));
        match std::fs::rename(&self.path, &aside) {
            Ok(()) => Error::File {
                message: format!(
                    "The settings file {} was damaged, so sfconnect kept it as {} and will start \
                     fresh: run the command again (your secrets in the system keyring are \
                     untouched). Send the kept file to support if this keeps happening.",
                    self.path.display(),
                    aside.display()
                ),
            },
            Err(_) => Error::File {
                message: format!(
                    "The settings file {} is damaged. Move it somewhere else and run sfconnect \
                     again.",
                    self.path.display()
                ),
            },
        }
    }

    /// Writes atomically (a new temp file then rename), owner-only.
    pub fn save(&self, settings: &Settings) -> Result<()> {
        self.create_dir()?;
        let text = serde_json::to_vec_pretty(settings).unwrap_or_default();
        crate::fs::write_private(&self.path, &text, crate::fs::Existing::Replace)
            .map_err(|e| self.io_error(&e))
    }

    /// Reads, changes and writes the settings while holding an advisory lock on
    /// `NAME.json.lock`, so the CLI and the wizard (or two CLIs) never lose each other's
    /// updates. Answers whether anything changed (an unchanged file isn't written again).
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<bool> {
        self.create_dir()?;
        let lock_path = self.path.with_extension("json.lock");
        let lock = crate::fs::open_lock_file(&lock_path).map_err(|e| self.io_error(&e))?;
        lock.lock().map_err(|e| self.io_error(&e))?;
        let before = self.load()?;
        let mut settings = before.clone();
        change(&mut settings);
        let changed = settings != before;
        if changed {
            self.save(&settings)?;
        }
        // Dropping `lock` releases it.
        drop(lock);
        Ok(changed)
    }

    fn create_dir(&self) -> Result<()> {
        match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => {
                crate::fs::create_private_dir(dir).map_err(|e| self.io_error(&e))
            }
            _ => Ok(()),
        }
    }

    /// Deletes the file; absent is fine.
    pub fn remove(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(self.io_error(&err)),
        }
    }

    fn io_error(&self, err: &std::io::Error) -> Error {
        Error::File {
            message: format!(
                "Couldn't use the settings file {} ({}). Check that you can write to that folder.",
                self.path.display(),
                err.kind()
            ),
        }
    }
}

#[cfg(test)]
#[path = "tests/settings.rs"]
mod tests;
