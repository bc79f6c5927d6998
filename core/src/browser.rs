//! Opening the authorize URL in the user's browser.
//!
//! A browser started from here can live for hours, with its environment readable in
//! `/proc/PID/environ` and copied into crash reports, so it never inherits a variable that may
//! hold a secret (ours, like `SFCONNECT_CLIENT_SECRET`, or anything named like one).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Opens a URL somewhere a person can approve it.
pub trait BrowserOpener: Send + Sync {
    /// Opens `url`; an error means "show the link to the user instead".
    fn open(&self, url: &str) -> Result<(), String>;
}

/// `$BROWSER URL` when `BROWSER` is set, else the system's default browser.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemBrowser;

impl BrowserOpener for SystemBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
            Some(program) => {
                let mut command = Command::new(&program);
                command.arg(url);
                let child = spawn_clean(&mut command).map_err(|e| {
                    format!("couldn't start {}: {}", program.to_string_lossy(), e.kind())
                })?;
                reap(child);
                Ok(())
            }
            // The system's launchers (xdg-open, gio, … on Linux), tried in order as the `open`
            // crate would, but each started with a clean environment.
            None => {
                for mut command in open::commands(url) {
                    let Ok(mut child) = spawn_clean(&mut command) else {
                        continue;
                    };
                    if launched(&mut child, command.get_program()) {
                        reap(child);
                        return Ok(());
                    }
                }
                Err("no browser could be opened".into())
            }
        }
    }
}

/// How long a launcher may take to fail before it counts as started.
const LAUNCH_CHECK: Duration = Duration::from_millis(300);

/// Whether a launcher started the browser: it exits successfully, or is still running after
/// [`LAUNCH_CHECK`] (then it is handing over; a failure later can't be seen).
fn launched(child: &mut std::process::Child, program: &OsStr) -> bool {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return exited_as_started(program, status.code()),
            Ok(None) if started.elapsed() < LAUNCH_CHECK => {
                std::thread::sleep(Duration::from_millis(15));
            }
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

/// Whether a launcher that exited with `code` started the browser: a zero exit, or Windows'
/// `explorer.exe`, which exits 1 after opening a URL (the `open` crate stops on it as well).
fn exited_as_started(program: &OsStr, code: Option<i32>) -> bool {
    let explorer = Path::new(program).file_name().is_some_and(|name| {
        name.eq_ignore_ascii_case("explorer.exe") || name.eq_ignore_ascii_case("explorer")
    });
    code == Some(0) || (explorer && code == Some(1))
}

/// Reaps a child in the background so it never lingers as a zombie.
fn reap(mut child: std::process::Child) {
    std::thread::spawn(move || child.wait());
}

/// Starts `command` without stdin/stdout/stderr and without any variable that may hold a
/// secret.
fn spawn_clean(command: &mut Command) -> std::io::Result<std::process::Child> {
    for (name, value) in std::env::vars_os() {
        if may_hold_a_secret(&name) || carries_credentials(&value) {
            command.env_remove(&name);
        }
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

/// Our own variables, and any whose name says secret, password, token, API key or credential
/// (not `XAUTHORITY` or `DBUS_SESSION_BUS_ADDRESS`: a browser needs those to show a window).
pub(crate) fn may_hold_a_secret(name: &OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_uppercase();
    name.starts_with("SFCONNECT_")
        || name.starts_with("CUSTOMEROS_")
        || [
            "SECRET",
            "PASSWORD",
            "PASSWD",
            "PASSPHRASE",
            "TOKEN",
            "API_KEY",
            "APIKEY",
            "PRIVATE_KEY",
            "SIGNING_KEY",
            "CREDENTIAL",
        ]
        .iter()
        .any(|word| name.contains(word))
        || ["COOKIE", "AUTHORIZATION"]
            .iter()
            .any(|word| name.contains(word))
        || ["_PWD", "_PASS", "_KEY", "_AUTH", "_JWT", "_PAT", "_DSN"]
            .iter()
            .any(|end| name.ends_with(end))
}

/// A value with a password in a URL (`scheme://user:pass@host`), whatever its name (a proxy
/// or database address, for example).
pub(crate) fn carries_credentials(value: &OsStr) -> bool {
    let value = value.to_string_lossy();
    value.split("://").skip(1).any(|rest| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        authority
            .rsplit_once('@')
            .is_some_and(|(userinfo, _)| userinfo.contains(':'))
    })
}

#[cfg(test)]
mod tests {
    use super::{exited_as_started, may_hold_a_secret};
    use std::ffi::OsStr;

    /// Windows review (windows-under-wine.md §2): Explorer exits 1 after opening a URL, which
    /// is not "no browser could be opened"; any other launcher's 1 is.
    #[test]
    fn explorer_exiting_1_counts_as_started_and_no_other_launcher() {
        for explorer in ["explorer.exe", "EXPLORER.EXE", "explorer"] {
            assert!(
                exited_as_started(OsStr::new(explorer), Some(1)),
                "{explorer}"
            );
            assert!(
                !exited_as_started(OsStr::new(explorer), Some(2)),
                "{explorer}"
            );
        }
        for other in [
            "powershell.exe",
            "xdg-open",
            "winebrowser",
            "explorer.exe.bat",
        ] {
            assert!(!exited_as_started(OsStr::new(other), Some(1)), "{other}");
            assert!(exited_as_started(OsStr::new(other), Some(0)), "{other}");
        }
        assert!(
            !exited_as_started(OsStr::new("explorer.exe"), None),
            "killed by a signal"
        );
    }

    #[test]
    fn secret_looking_names_are_kept_from_the_browser() {
        for name in [
            "SFCONNECT_CLIENT_SECRET",
            "SFCONNECT_PASSWORD",
            "SFCONNECT_SECURITY_TOKEN",
            "CUSTOMEROS_API_KEY",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "npm_config__authToken",
            // Security review 2, N13.
            "MYSQL_PWD",
            "SMTP_PASS",
            "STRIPE_KEY",
            "PROXY_AUTH",
            "SESSION_JWT",
            "GITLAB_PAT",
            "SENTRY_DSN",
            "BROWSER_COOKIE_JAR",
            "HTTP_AUTHORIZATION",
        ] {
            assert!(may_hold_a_secret(OsStr::new(name)), "{name}");
        }
        for name in [
            "PATH",
            "HOME",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "LANG",
            "XDG_RUNTIME_DIR",
            "DBUS_SESSION_BUS_ADDRESS",
            "XAUTHORITY",
            "SSH_AUTH_SOCK",
        ] {
            assert!(!may_hold_a_secret(OsStr::new(name)), "{name}");
        }
        assert!(super::carries_credentials(OsStr::new(
            "http://mirroruser:S3cret@proxy.example:3128"
        )));
        assert!(super::carries_credentials(OsStr::new(
            "postgres://app:pw@db/x"
        )));
        assert!(!super::carries_credentials(OsStr::new(
            "http://proxy.example:3128"
        )));
        assert!(!super::carries_credentials(OsStr::new("/usr/bin:/bin")));
        assert!(!super::carries_credentials(OsStr::new(
            "mailto:a@b.example"
        )));
    }
}

/// Opens nothing: the link is shown for the user to open anywhere (`--no-browser`).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoBrowser;

impl BrowserOpener for NoBrowser {
    fn open(&self, _url: &str) -> Result<(), String> {
        Err("opening a browser was turned off".into())
    }
}
