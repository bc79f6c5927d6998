//! Several connections side by side (a sandbox and production, two orgs): each is a profile
//! with its own settings file and keyring entries. This lists them from the settings folder and
//! remembers which one the wizard had open.

use super::settings::{Settings, Step};
use crate::error::{Error, Field, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "default";

/// One connection as a list shows it: enough to tell them apart, nothing secret.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct ConnectionSummary {
    /// The profile's name (the CLI's `--profile`).
    pub profile: String,
    /// What the admin recognises: the org's name and address, else the address, else nothing
    /// yet.
    pub label: String,
    /// Signed in to a sandbox (`test.salesforce.com`, `….sandbox.my.salesforce.com`).
    pub sandbox: bool,
    /// Handed to the destination when last run (saved, not checked live).
    pub handed_off: bool,
    /// The destination's name (CustomerOS, Airbyte, …), once chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub destination: Option<String>,
    /// Nothing of it holds a Salesforce sign-in, here or at a destination: it can be removed
    /// without revoking anything (else Disconnect does that first).
    pub removable: bool,
}

/// Checks a profile name: it becomes a file name and a keyring entry's name.
pub fn check_name(name: &str) -> Result<()> {
    let fine = !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(Error::Input {
            field: Field::ConnectionName,
            message: format!(
                "\"{}\" can't be a connection's name: use up to 40 letters, digits, - or _, \
                 starting with a letter or digit (for example \"sandbox\").",
                name.chars()
                    .filter(|c| !c.is_control())
                    .take(60)
                    .collect::<String>()
            ),
        })
    }
}

/// The profiles with a settings file in `dir`, sorted by name (the default first).
pub fn list(dir: &Path) -> Result<Vec<ConnectionSummary>> {
    let mut found: Vec<ConnectionSummary> = read_all(dir)?
        .iter()
        .map(|(name, settings)| summary(name, settings))
        .collect();
    found.sort_by(|a, b| {
        (a.profile != DEFAULT_PROFILE, &a.profile).cmp(&(b.profile != DEFAULT_PROFILE, &b.profile))
    });
    Ok(found)
}

/// The connections a window with `open` open lists: those with a settings file, and the open
/// one even before it has a file (`open_settings` is what it has so far).
pub fn list_with_open(
    dir: &Path,
    open: &str,
    open_settings: impl FnOnce() -> Settings,
) -> Result<Vec<ConnectionSummary>> {
    let mut found = list(dir)?;
    if !found.iter().any(|c| c.profile == open) {
        found.push(summary(open, &open_settings()));
    }
    Ok(found)
}

/// A name for a new connection that neither a settings file nor the open connection uses.
pub fn new_name(dir: &Path, open: Option<&str>) -> Result<String> {
    let mut taken = list(dir)?;
    if let Some(open) = open {
        taken.push(summary(open, &Settings::default()));
    }
    Ok(unused_name(&taken))
}

/// The other connections last handed to the same CustomerOS workspace (the same address and
/// user). CustomerOS keeps one Salesforce integration per workspace, so a new hand-off there
/// replaces theirs.
pub fn sharing_workspace(
    dir: &Path,
    except: &str,
    customeros_url: &str,
    username: &str,
) -> Result<Vec<ConnectionSummary>> {
    let mut shared: Vec<ConnectionSummary> = read_all(dir)?
        .iter()
        .filter(|(name, s)| {
            name != except
                && s.destination == Some(crate::destination::Destination::Customeros)
                && s.destination_state.is_some()
                && s.customeros_url.as_deref() == Some(customeros_url)
                && s.customeros_username
                    .as_deref()
                    .is_some_and(|u| u.eq_ignore_ascii_case(username))
        })
        .map(|(name, settings)| summary(name, settings))
        .collect();
    shared.sort_by(|a, b| a.profile.cmp(&b.profile));
    Ok(shared)
}

/// Every profile's name and settings in `dir` (unreadable settings read as empty).
fn read_all(dir: &Path) -> Result<Vec<(String, Settings)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Error::File {
                message: format!(
                    "Couldn't read the settings folder {}: {error}.",
                    dir.display()
                ),
            });
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(".json")) else {
            continue;
        };
        if check_name(name).is_err() {
            continue; // a damaged file set aside, or someone else's file
        }
        // A settings file that can't be read is still a connection: it shows, unnamed.
        let settings = std::fs::read(entry.path())
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .unwrap_or_default();
        found.push((name.to_owned(), settings));
    }
    Ok(found)
}

/// How one profile's settings read in a list.
#[must_use]
pub fn summary(profile: &str, settings: &Settings) -> ConnectionSummary {
    let host = settings
        .instance_url
        .as_deref()
        .or(settings.login_url.as_deref())
        .map(|url| {
            url.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned()
        });
    let org = settings
        .identity
        .as_ref()
        .and_then(|i| i.org_name.clone().or_else(|| Some(i.org_id.clone())));
    let label = match (org, &host) {
        (Some(org), Some(host)) => format!("{org} — {host}"),
        (Some(org), None) => org,
        (None, Some(host)) => host.clone(),
        (None, None) => "Not set up yet".to_owned(),
    };
    let login = settings.login_url.as_deref().unwrap_or_default();
    ConnectionSummary {
        profile: profile.to_owned(),
        label,
        sandbox: login.contains("test.salesforce.com") || login.contains(".sandbox.my.salesforce."),
        handed_off: settings.last_step == Some(Step::Done),
        destination: settings.destination.map(|d| d.display_name().to_owned()),
        removable: holds_no_sign_in(settings),
    }
}

/// Nothing in these settings holds a Salesforce sign-in: no kept grant, none set aside, none
/// handed to a destination.
#[must_use]
pub fn holds_no_sign_in(settings: &Settings) -> bool {
    settings.token_issuer.is_none()
        && settings.earlier_sign_ins == 0
        && !settings.handoff_pending
        && settings.destination_state.is_none()
        && settings.last_step != Some(Step::Done)
}

/// A name for a new connection that no file uses yet: `connection-2`, `connection-3`, ….
#[must_use]
pub fn unused_name(taken: &[ConnectionSummary]) -> String {
    (2..)
        .map(|n| format!("connection-{n}"))
        .find(|name| taken.iter().all(|c| &c.profile != name))
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned())
}

/// The file that remembers which connection the wizard had open last.
fn last_file(dir: &Path) -> PathBuf {
    dir.join("last-connection")
}

/// The connection the wizard had open last, if it still exists.
#[must_use]
pub fn last_opened(dir: &Path) -> Option<String> {
    let name = std::fs::read_to_string(last_file(dir)).ok()?;
    let name = name.trim();
    (check_name(name).is_ok() && dir.join(format!("{name}.json")).exists()).then(|| name.to_owned())
}

/// Remembers the connection the wizard has open (so the next start opens it again).
pub fn remember_opened(dir: &Path, profile: &str) -> Result<()> {
    check_name(profile)?;
    crate::fs::write_private_creating_dir(&last_file(dir), profile.as_bytes()).map_err(|error| {
        Error::File {
            message: format!("Couldn't write in {}: {error}.", dir.display()),
        }
    })
}

#[cfg(test)]
#[path = "tests/profiles.rs"]
mod tests;
