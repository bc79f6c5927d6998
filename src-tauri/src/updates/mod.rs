//! Signed in-app updates. The wizard looks at most once a day (and whenever Help → Check for
//! updates is pressed), says what is new, and installs only on the admin's OK, never during a
//! sign-in. Tauri's updater checks each package against the public key built into the app
//! (`tauri.conf.json` → `plugins.updater.pubkey`) before anything is installed, and only a
//! newer version counts. `SFCONNECT_UPDATES=off` (managed fleets) turns every check off; the
//! preference turns the daily one off; `SFCONNECT_UPDATE_URL` or the preference points at a
//! company mirror's `latest.json`.

use serde::Serialize;
use sfconnect_core::store::{Preferences, config_dir};
use sfconnect_core::{Code, Error, Result};
use std::sync::Mutex;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

mod fetch;

/// What a look for an update found.
#[derive(Debug, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UpdateCheck {
    /// Checks are off.
    Off {
        /// Who turned them off.
        by: TurnedOffBy,
    },
    /// Looked less than a day ago (a daily look only).
    NotDue,
    /// This is the newest version.
    Current {
        /// The running version.
        version: String,
    },
    /// A newer, signed version is offered.
    Available {
        /// Its version.
        version: String,
        /// What is new, as the release says.
        notes: String,
    },
}

/// Who turned the looks for updates off.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TurnedOffBy {
    /// The company, in the environment (`SFCONNECT_UPDATES=off`).
    Company,
    /// The admin's preference (the daily look only).
    Preference,
}

/// The update found by the last look, kept for Install.
#[derive(Default)]
pub struct Found(Mutex<Option<Update>>);

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Found(..)")
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn off_by_company() -> bool {
    std::env::var("SFCONNECT_UPDATES").is_ok_and(|v| v.eq_ignore_ascii_case("off") || v == "0")
}

/// The update address built into the app (`tauri.conf.json` → `plugins.updater.endpoints`).
fn configured_endpoint<R: Runtime>(app: &AppHandle<R>) -> Result<url::Url> {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|updater| updater.get("endpoints")?.get(0)?.as_str()?.parse().ok())
        .ok_or_else(|| unavailable(&"this build names no update address"))
}

fn unavailable(detail: &impl std::fmt::Display) -> Error {
    Error::Local {
        code: Code::UpdateUnavailable,
        message: "Couldn't look for an update. sfconnect keeps working as it is; try again \
                  later, or ask IT whether the update address is reachable from this computer."
            .into(),
        detail: without_queries(&detail.to_string()),
    }
}

/// `text` with every URL query taken out: a mirror's address may carry a token there, and
/// details reach the log and the support report.
fn without_queries(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_query = false;
    for c in text.chars() {
        if in_query {
            if c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>') {
                in_query = false;
                out.push(c);
            }
        } else if c == '?' {
            in_query = true;
            out.push_str("?[redacted]");
        } else {
            out.push(c);
        }
    }
    out
}

/// Looks for a newer signed version: `on_demand` for Help → Check for updates, else the daily
/// look (skipped when not due or turned off by the preference).
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    found: &Found,
    on_demand: bool,
) -> Result<UpdateCheck> {
    if off_by_company() {
        return Ok(UpdateCheck::Off {
            by: TurnedOffBy::Company,
        });
    }
    let dir = config_dir()?;
    let mut preferences = Preferences::load(&dir);
    if !on_demand {
        if !preferences.update_checks {
            return Ok(UpdateCheck::Off {
                by: TurnedOffBy::Preference,
            });
        }
        if !preferences.update_check_due(now()) {
            return Ok(UpdateCheck::NotDue);
        }
    }
    let mut builder = app.updater_builder().timeout(fetch::MANIFEST_TIMEOUT);
    let mirror = std::env::var("SFCONNECT_UPDATE_URL")
        .ok()
        .or(preferences.update_url.clone());
    let endpoint: url::Url = match mirror {
        Some(mirror) => {
            let url: url::Url = mirror
                .parse()
                .map_err(|_| unavailable(&format!("{mirror} is not a web address")))?;
            // The updater checks the address (HTTPS only in a release build).
            builder = builder
                .endpoints(vec![url.clone()])
                .map_err(|e| unavailable(&e))?;
            url
        }
        None => configured_endpoint(app)?,
    };
    let updater = builder.build().map_err(|e| unavailable(&e))?;
    // Read here, capped (N8); the updater then picks this system's package, compares versions
    // and, as for any manifest it did not fetch itself, requires every signature to name the
    // version announced (N1).
    let offered = match fetch::read_capped(&endpoint, fetch::MANIFEST_CAP, fetch::MANIFEST_TIMEOUT)
        .await
        .map_err(|e| unavailable(&e))?
    {
        fetch::Fetched::NoContent => None,
        fetch::Fetched::Body(bytes) => {
            let manifest: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| unavailable(&format!("the update manifest is not JSON: {e}")))?;
            updater
                .restore_update(manifest)
                .map_err(|e| refused_or_unavailable(&e))?
        }
    };
    preferences.update_checked_at = Some(now());
    preferences.save(&dir)?;
    let answer = match &offered {
        Some(update) => UpdateCheck::Available {
            version: update.version.clone(),
            notes: update.body.clone().unwrap_or_default(),
        },
        None => UpdateCheck::Current {
            version: app.package_info().version.to_string(),
        },
    };
    *found
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = offered;
    Ok(answer)
}

/// Whether the daily look is on (the preference; `SFCONNECT_UPDATES=off` overrides it), and
/// whether the company turned every look off.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct UpdateSetting {
    /// The daily look is on.
    pub daily: bool,
    /// `SFCONNECT_UPDATES=off`: no look at all, whatever the preference says.
    pub off_by_company: bool,
}

/// Reads the update setting.
pub fn setting() -> Result<UpdateSetting> {
    Ok(UpdateSetting {
        daily: Preferences::load(&config_dir()?).update_checks,
        off_by_company: off_by_company(),
    })
}

/// Turns the daily look on or off (Check for updates keeps working).
pub fn set_daily(on: bool) -> Result<UpdateSetting> {
    let dir = config_dir()?;
    let mut preferences = Preferences::load(&dir);
    preferences.update_checks = on;
    preferences.save(&dir)?;
    setting()
}

/// Downloads the update the last look found, checks its signature and installs it, unless a
/// sign-in is waiting in the browser. The app then needs a restart to run the new version.
pub async fn install(found: &Found, sign_in_waiting: bool) -> Result<String> {
    if sign_in_waiting {
        return Err(Error::Local {
            code: Code::SignInWaiting,
            message: "A sign-in is waiting in your browser: finish or cancel it, then install \
                      the update."
                .into(),
            detail: String::new(),
        });
    }
    let update = found
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .ok_or_else(|| Error::Local {
            code: Code::UpdateUnavailable,
            message: "There is no update to install: look for one first.".into(),
            detail: String::new(),
        })?;
    let version = update.version.clone();
    let package = match fetch::read_capped(
        &update.download_url,
        fetch::PACKAGE_CAP,
        fetch::PACKAGE_TIMEOUT,
    )
    .await
    .map_err(|e| unavailable(&e))?
    {
        fetch::Fetched::Body(bytes) => bytes,
        fetch::Fetched::NoContent => {
            return Err(unavailable(&"the package address answered 204 No Content"));
        }
    };
    // Checks the signature (and the version it names) before installing anything.
    update
        .install(package)
        .map_err(|e| refused_or_unavailable(&e))?;
    Ok(version)
}

/// The updater's failure in the admin's words: a signature or package that doesn't check out
/// is refused (never installed); an installer the system refused says so; the rest is "couldn't
/// reach it".
fn refused_or_unavailable(error: &tauri_plugin_updater::Error) -> Error {
    use tauri_plugin_updater::Error as E;
    match error {
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) | E::InvalidUpdaterFormat => {
            Error::Local {
                code: Code::UpdateRejected,
                message: "An update was offered but it is not signed by sfconnect's release key \
                          (or is not a package for this system), so it was not installed. Your \
                          current version keeps working. Tell your IT team or sfconnect support: \
                          the update address may have been tampered with."
                    .into(),
                detail: without_queries(&error.to_string()),
            }
        }
        E::SignedVersionMismatch { .. } | E::MissingSignedVersion => Error::Local {
            code: Code::UpdateRejected,
            message: "An update was offered, but its package is signed for another version than \
                      the one announced (an older release can be passed off as new that way), so \
                      it was not installed. Your current version keeps working. Tell your IT team \
                      or sfconnect support: the update address may have been tampered with."
                .into(),
            detail: without_queries(&error.to_string()),
        },
        E::AuthenticationFailed | E::DebInstallFailed | E::PackageInstallFailed | E::Io(_) => {
            Error::Local {
                code: Code::UpdateInstallFailed,
                message: "The update checked out but this computer didn't install it. Installing \
                          needs an administrator's approval: try again and approve it, or ask IT \
                          to install the new version for you."
                    .into(),
                detail: without_queries(&error.to_string()),
            }
        }
        other => unavailable(other),
    }
}

#[cfg(test)]
mod tests {
    use super::{refused_or_unavailable, without_queries};
    use sfconnect_core::Code;
    use tauri_plugin_updater::Error as E;

    #[test]
    fn a_package_signed_for_another_version_is_refused_as_tampered() {
        // Security review 2, N1: a newer version number pointing at an older signed package.
        let mismatch = E::SignedVersionMismatch {
            signed: "0.0.1".into(),
            announced: "9.9.9".into(),
        };
        for error in [mismatch, E::MissingSignedVersion] {
            let said = refused_or_unavailable(&error);
            assert_eq!(said.code(), Code::UpdateRejected, "{error}");
            assert!(said.to_string().contains("tampered"), "{said}");
        }
    }

    #[test]
    fn a_mirror_token_in_a_query_never_reaches_a_detail() {
        // Security review 2, N10.
        let said =
            "error sending request for url (http://127.0.0.1:9/latest.json?token=MirrorTok3n)";
        let clean = without_queries(said);
        assert!(!clean.contains("MirrorTok3n"), "{clean}");
        assert_eq!(
            clean,
            "error sending request for url (http://127.0.0.1:9/latest.json?[redacted])"
        );
        assert_eq!(without_queries("no url here"), "no url here");
    }
}
