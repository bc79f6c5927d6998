//! The support report: everything support needs to see what happened, with zero secret bytes.
//! Secrets appear only as "kept: yes/no"; every line (settings, recorded errors, log lines)
//! also passes through a redaction of the values this session and the keyring hold.

use super::Engine;
use crate::error::{Error, Result};
use crate::store::{RecordedError, SecretName};
use std::fmt::Write as _;
use zeroize::Zeroizing;

/// The latest success the other side confirmed: a connection, or a live check.
fn last_success(settings: &crate::store::Settings) -> Option<(u64, &'static str)> {
    let connected = settings
        .connected_at
        .map(|at| (at, "the hand-off finished"));
    let checked = settings
        .checked_at
        .map(|at| (at, "a live check both sides answered"));
    connected
        .into_iter()
        .chain(checked)
        .max_by_key(|(at, _)| *at)
}

/// How many failures the settings keep for the report.
const KEEP_ERRORS: usize = 10;
/// How many log lines the report shows.
const LOG_LINES: usize = 60;

/// What the caller knows that the engine doesn't.
#[derive(Debug, Default)]
pub struct ReportContext {
    /// `sfconnect` (the CLI) or `sfconnect wizard`.
    pub program: String,
    /// The WebKitGTK version the wizard runs on.
    pub webkitgtk: Option<String>,
    /// The recent log, oldest first (any length: the last lines are shown).
    pub log: Vec<String>,
}

impl Engine {
    /// Records a failure for the support report, its text redacted; best effort.
    pub fn record_failure(&self, error: &Error) {
        let secrets = self.known_secrets();
        let entry = RecordedError {
            at: self.clock.now_unix(),
            code: error.code().as_str().to_owned(),
            message: redact(&error.to_string(), &secrets),
            detail: error.detail().map(|d| shorten(&redact(d, &secrets))),
        };
        let _ = self.update(|s| {
            s.recent_errors.push(entry);
            let excess = s.recent_errors.len().saturating_sub(KEEP_ERRORS);
            s.recent_errors.drain(..excess);
        });
    }

    /// A plain-text report for a support ticket.
    pub fn report(&self, context: &ReportContext) -> Result<String> {
        let status = self.status()?;
        let settings = &status.settings;
        let secrets = self.known_secrets();
        let mut out = String::new();
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "sfconnect support report — no secret values are included, only whether they are kept."
        );
        let _ = writeln!(out, "Generated:    {}", utc_time(self.clock.now_unix()));
        let _ = writeln!(
            out,
            "Program:      {} {}",
            context.program,
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(out, "System:       {}", system_description());
        if let Some(webkit) = &context.webkitgtk {
            let _ = writeln!(out, "WebKitGTK:    {webkit}");
        }
        let _ = writeln!(out, "Settings:     {}", status.settings_file);
        let step = settings
            .last_step
            .map_or("not started".to_owned(), |s| format!("{s:?}"));
        let _ = writeln!(out, "Step reached: {step}");
        let _ = writeln!(
            out,
            "Last check:   {}",
            settings.checked_at.map_or("never".into(), utc_time)
        );
        // What last worked, confirmed by the other side: errors before it were got past.
        let last_success = last_success(settings);
        let _ = writeln!(
            out,
            "Last success: {}",
            last_success.map_or("none yet".into(), |(at, what)| format!(
                "{} ({what})",
                utc_time(at)
            ))
        );
        if let Some(policies) = &settings.app_policies {
            use crate::app_policies::Renewals;
            let verdict = match policies.renewals {
                Renewals::Work => "the destination's renewals will work",
                Renewals::Expire => "the destination's access ends after a set time",
                Renewals::Fail => "they will stop the destination's renewals",
                Renewals::Unknown => "couldn't all be read",
            };
            let fix = policies
                .fix
                .as_deref()
                .map(|fix| format!(" — {fix}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "App policies: {verdict}{fix} (read at the last sign-in)"
            );
        }
        let kept_where = self.store.kept_where();
        match &status.secrets {
            Some(kept) => {
                let _ = writeln!(
                    out,
                    "Kept {kept_where}: Consumer Secret {}, refresh token {}, CustomerOS API key {}",
                    yes_no(kept.client_secret),
                    yes_no(kept.refresh_token),
                    yes_no(kept.customeros_api_key)
                );
            }
            None => {
                let _ = writeln!(out, "Kept {kept_where}: (couldn't be read)");
            }
        }
        let mut shown = settings.clone();
        let errors = std::mem::take(&mut shown.recent_errors);
        let _ = writeln!(out, "\nSaved settings (never secret):");
        let json = serde_json::to_string_pretty(&shown).unwrap_or_default();
        for line in json.lines() {
            let _ = writeln!(out, "  {}", redact(line, &secrets));
        }
        let _ = writeln!(out, "\nRecent errors (newest last):");
        if errors.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for error in &errors {
            let resolved = last_success.is_some_and(|(at, _)| error.at <= at);
            let _ = writeln!(
                out,
                "  {}  {}{}  {}",
                utc_time(error.at),
                error.code,
                if resolved {
                    "  (resolved: before the last success)"
                } else {
                    ""
                },
                redact(&error.message, &secrets)
            );
            if let Some(detail) = &error.detail {
                let _ = writeln!(out, "      said: {}", redact(detail, &secrets));
            }
        }
        let _ = writeln!(out, "\nRecent log lines:");
        let start = context.log.len().saturating_sub(LOG_LINES);
        if context.log.is_empty() {
            let _ = writeln!(out, "  (no log)");
        }
        for line in &context.log[start..] {
            let _ = writeln!(out, "  {}", redact(line, &secrets));
        }
        Ok(out)
    }

    /// Writes a report to a file the user named: owner-only, never over an existing file.
    pub fn write_report(&self, path: &std::path::Path, text: &str) -> Result<()> {
        crate::fs::write_user_file(
            path,
            text.as_bytes(),
            crate::fs::Existing::Keep,
            "Choose another file name.",
        )
    }

    /// Writes a report where the system's save dialog said (which already asked before
    /// replacing a file): owner-only.
    pub fn save_report(&self, path: &std::path::Path, text: &str) -> Result<()> {
        crate::fs::write_user_file(path, text.as_bytes(), crate::fs::Existing::Replace, "")
    }

    /// Every secret value this session or the keyring holds, to redact.
    fn known_secrets(&self) -> Vec<Zeroizing<String>> {
        SecretName::SESSION
            .iter()
            .filter(|&&name| name != SecretName::EarlierSignIns)
            .filter_map(|&name| self.kept_secret(name).ok().flatten())
            .chain(self.earlier_secret_values())
            .filter(|value| value.len() >= 4)
            .collect()
    }
}

/// The wizard's bundle identifier (`identifier` in src-tauri/tauri.conf.json; a wizard test
/// checks the two agree).
pub const WIZARD_IDENTIFIER: &str = "com.sfconnect.wizard";

/// The wizard log's file name (without `.log`), in [`wizard_log_dir`].
pub const WIZARD_LOG_NAME: &str = "sfconnect";

/// The folder the wizard writes its log to and the support report reads it from: the one place
/// both take it from. Tauri's app log folder: `%LOCALAPPDATA%\com.sfconnect.wizard\logs` on
/// Windows, `~/Library/Logs/com.sfconnect.wizard` on macOS, `$XDG_DATA_HOME/com.sfconnect.wizard/logs`
/// on Linux.
#[must_use]
pub fn wizard_log_dir() -> Option<std::path::PathBuf> {
    let base = directories::BaseDirs::new()?;
    if cfg!(target_os = "macos") {
        Some(base.home_dir().join("Library/Logs").join(WIZARD_IDENTIFIER))
    } else {
        Some(base.data_local_dir().join(WIZARD_IDENTIFIER).join("logs"))
    }
}

/// The wizard's log on this computer (in [`wizard_log_dir`]), oldest line first; empty when the
/// wizard never ran here.
#[must_use]
pub fn wizard_log() -> Vec<String> {
    let Some(dir) = wizard_log_dir() else {
        return Vec::new();
    };
    std::fs::read_to_string(dir.join(format!("{WIZARD_LOG_NAME}.log")))
        .map(|text| text.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// How much of another side's own words a recorded failure keeps.
const DETAIL_LIMIT: usize = 240;

/// A server's words cut to [`DETAIL_LIMIT`] characters: enough to say what it said, too little
/// to carry a request body it echoed back.
fn shorten(detail: &str) -> String {
    match detail.char_indices().nth(DETAIL_LIMIT) {
        Some((end, _)) => format!("{}…", &detail[..end]),
        None => detail.to_owned(),
    }
}

/// Whether a field of that name holds a secret (`clientSecret`, `refresh_token`, `apiKey`, …).
fn secret_field(name: &str) -> bool {
    let name: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    ["secret", "token", "password", "apikey", "authorization"]
        .iter()
        .any(|word| name.contains(word))
}

/// `text` with the value of every secret-named JSON field (`"clientSecret":"…"`) masked, so a
/// server that echoes a request back doesn't put unknown secrets into the report.
fn mask_secret_fields(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let (before, from_quote) = rest.split_at(start);
        out.push_str(before);
        let Some(name_len) = from_quote[1..].find('"') else {
            out.push_str(from_quote);
            return out;
        };
        let name = &from_quote[1..=name_len];
        let after_name = &from_quote[name_len + 2..];
        let value = after_name
            .trim_start()
            .strip_prefix(':')
            .map(str::trim_start);
        match value.and_then(|v| v.strip_prefix('"')) {
            Some(quoted) if secret_field(name) => {
                let end = quoted.find('"').unwrap_or(quoted.len());
                out.push('"');
                out.push_str(name);
                out.push_str("\":\"[redacted]\"");
                rest = quoted.get(end + 1..).unwrap_or_default();
            }
            _ => {
                out.push('"');
                out.push_str(name);
                out.push('"');
                rest = after_name;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with every known secret value, every secret-named field's value and control
/// characters taken out.
fn redact(text: &str, secrets: &[Zeroizing<String>]) -> String {
    let mut clean: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    for secret in secrets {
        if clean.contains(secret.as_str()) {
            clean = clean.replace(secret.as_str(), "[redacted]");
        }
    }
    mask_secret_fields(&clean)
}

/// `Windows 11 Pro 24H2 (build 26100) (windows x86_64)`, `Debian GNU/Linux 12 (bookworm) (linux
/// x86_64)`: what support asks first.
fn system_description() -> String {
    #[cfg(windows)]
    let pretty = crate::windows::version();
    #[cfg(not(windows))]
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        });
    let arch = format!("{} {}", std::env::consts::OS, std::env::consts::ARCH);
    match pretty {
        Some(name) => format!("{name} ({arch})"),
        None => arch,
    }
}

/// `2026-11-28 10:00:00 UTC` for seconds since the Unix epoch.
#[must_use]
pub fn utc_time(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{redact, shorten, utc_time};
    use zeroize::Zeroizing;

    #[test]
    fn times_are_utc_calendar_dates() {
        assert_eq!(utc_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_time(1_795_863_467), "2026-11-28 10:57:47 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn known_secrets_and_control_characters_are_taken_out() {
        let secrets = vec![Zeroizing::new("S3cr3tValue".to_owned())];
        assert_eq!(
            redact("token S3cr3tValue here\x1b[2K", &secrets),
            "token [redacted] here[2K"
        );
    }

    #[test]
    fn echoed_secret_fields_are_masked_even_when_unknown() {
        let echoed = r#"HTTP 400: could not parse: {"salesforce":{"clientId":"3MVG9x","clientSecret":"UNKNOWN1","refreshToken":"5Aep8"},"apiKey" : "k-1"}"#;
        assert_eq!(
            redact(echoed, &[]),
            r#"HTTP 400: could not parse: {"salesforce":{"clientId":"3MVG9x","clientSecret":"[redacted]","refreshToken":"[redacted]"},"apiKey":"[redacted]"}"#
        );
        assert_eq!(redact(r#"say "hi" and "bye"#, &[]), r#"say "hi" and "bye"#);
    }

    #[test]
    fn a_long_detail_is_cut() {
        let long = "x".repeat(1000);
        assert_eq!(shorten(&long).chars().count(), super::DETAIL_LIMIT + 1);
        assert_eq!(shorten("short"), "short");
    }
}
