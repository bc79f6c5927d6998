//! Native dialogs, shown by the shell itself so the webview can neither fake nor skip them
//! (security review 2, N6: the webview is not trusted): confirming a hand-off to an address
//! outside CustomerOS's own cloud, a sign-in at a loopback "org" outside the demo, showing a
//! kept secret on screen and copying the refresh token; and choosing where the Airbyte file
//! and the support report go (the system's save dialog, which asks before replacing a file).
//!
//! Tests script the answers ([`Script`]: a WebDriver can't click a native dialog). Debug
//! builds read a script from `SFCONNECT_TEST_DIALOGS=accept|decline` and
//! `SFCONNECT_TEST_SAVE_AS=PATH` for the GUI tests; release builds never script.

use sfconnect_core::destination::customeros::{check_url, host_of, is_familiar_host};
use sfconnect_core::login_host::HostKind;
use sfconnect_core::secret::RevealableSecret;
use sfconnect_core::{Error, Field, LoginHost, Result};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// Scripted answers in place of the native dialogs (tests only).
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// The answer to "Send to HOST?", and to the other questions where theirs is `None`.
    pub confirm: Option<bool>,
    /// The answer to "Sign in at HOST?" (a loopback org).
    pub loopback_org: Option<bool>,
    /// The answer to "Show the SECRET?" and "Copy the refresh token?".
    pub secrets: Option<bool>,
    /// The file "chosen" in the save dialog.
    pub save_as: Option<PathBuf>,
}

impl Script {
    /// The script from the environment, in debug builds only.
    #[must_use]
    pub fn from_env() -> Option<Self> {
        if !cfg!(debug_assertions) {
            return None;
        }
        let confirm = match std::env::var("SFCONNECT_TEST_DIALOGS").ok()?.as_str() {
            "accept" => Some(true),
            "decline" => Some(false),
            _ => None,
        };
        let save_as = std::env::var_os("SFCONNECT_TEST_SAVE_AS").map(PathBuf::from);
        Some(Self {
            confirm,
            save_as,
            ..Self::default()
        })
    }
}

/// Refuses a hand-off the admin didn't confirm: any address outside CustomerOS's cloud (and
/// the demo's own simulator, `to_demo`) needs a "Send" in a native dialog naming the host.
pub async fn confirm_hand_off<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
    to_demo: bool,
    url: &str,
) -> Result<()> {
    let base = check_url(url)?;
    if is_familiar_host(&base) || to_demo {
        return Ok(());
    }
    let host = host_of(&base);
    let text = format!(
        "{host} is not CustomerOS's own cloud (customeros.ai).\n\nSending connects it to your \
         Salesforce org: it gets the Consumer Key, the Consumer Secret and a refresh token that \
         works until revoked. Send only if {host} is your company's own CustomerOS."
    );
    let question = Question {
        title: "Send the Salesforce connection?",
        text,
        yes: format!("Send to {host}"),
    };
    if ask(app, script.and_then(|s| s.confirm), question).await {
        Ok(())
    } else {
        Err(Error::input(
            Field::CustomerOsUrl,
            format!(
                "Nothing was sent to {host}. Check the CustomerOS address (your CustomerOS admin \
                 knows it), then connect again."
            ),
        ))
    }
}

/// Refuses a sign-in at a loopback "org" (an address on this computer, which any local program
/// can listen on) the admin didn't confirm, before anything is sent there. The demo's own
/// simulator (`in_demo`) and real Salesforce hosts pass without a question.
pub async fn confirm_sign_in_host<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
    in_demo: bool,
    login: &LoginHost,
) -> Result<()> {
    if login.kind() != HostKind::Loopback || in_demo {
        return Ok(());
    }
    let host = login
        .origin()
        .split_once("://")
        .map_or(login.origin(), |(_, host)| host)
        .to_owned();
    let text = format!(
        "{host} is an address on this computer, not Salesforce.\n\nSigning in sends it the \
         Consumer Key and the Consumer Secret (and, for a password sign-in, the Salesforce \
         password), unencrypted. Sign in there only if you run a Salesforce test server on this \
         computer yourself."
    );
    let question = Question {
        title: "Sign in at an address that isn't Salesforce?",
        text,
        yes: format!("Sign in at {host}"),
    };
    let scripted = script.and_then(|s| s.loopback_org.or(s.confirm));
    if ask(app, scripted, question).await {
        Ok(())
    } else {
        Err(Error::input(
            Field::LoginUrl,
            format!(
                "Nothing was sent to {host}. Go back to the org step and enter your Salesforce \
                 address, for example acme.my.salesforce.com, then sign in again."
            ),
        ))
    }
}

/// Refuses to show a kept secret on screen, or to copy the refresh token, unless the admin
/// says so in a native dialog: a script in the webview can't get either by itself.
pub async fn confirm_secret_use<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
    secret: RevealableSecret,
    to_clipboard: bool,
) -> Result<()> {
    let name = match secret {
        RevealableSecret::ClientSecret => "Consumer Secret",
        RevealableSecret::Password => "Salesforce password",
        RevealableSecret::SecurityToken => "security token",
        RevealableSecret::RefreshToken => "refresh token",
    };
    let question = if to_clipboard {
        Question {
            title: "Copy the refresh token?",
            text: "Whoever has it can read your Salesforce data through this app until it is \
                   revoked. Paste it only where your data product asks for it (its Salesforce \
                   settings). sfconnect clears the clipboard after 30 seconds."
                .to_owned(),
            yes: "Copy".to_owned(),
        }
    } else {
        Question {
            title: "Show it on screen?",
            text: format!(
                "The {name} will be readable on your screen for 20 seconds, by anyone who can \
                 see it (a screen share or a recording too).\n\nTo paste it somewhere, Copy is \
                 safer: it never appears on screen."
            ),
            yes: format!("Show the {name}"),
        }
    };
    let scripted = script.and_then(|s| s.secrets.or(s.confirm));
    if ask(app, scripted, question).await {
        Ok(())
    } else {
        Err(Error::Cancelled)
    }
}

/// "Close the demo?" before the window closes mid-demo: nothing of it is kept.
pub async fn confirm_closing_the_demo<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
) -> bool {
    let question = Question {
        title: "Close the demo?",
        text: "Nothing of the demo is kept: the next start begins again. To set up your real \
               org instead, choose Cancel, then Leave the demo at the top of the window."
            .to_owned(),
        yes: "Close sfconnect".to_owned(),
    };
    ask(app, script.and_then(|s| s.confirm), question).await
}

/// A yes-or-no question in a native dialog.
struct Question {
    title: &'static str,
    text: String,
    /// The label of the button that says yes ("Cancel" says no).
    yes: String,
}

/// The admin's answer: the scripted one in tests, else a native warning dialog's (closing it
/// is no).
async fn ask<R: Runtime>(app: &AppHandle<R>, scripted: Option<bool>, question: Question) -> bool {
    if let Some(answer) = scripted {
        return answer;
    }
    let dialog = app
        .dialog()
        .message(question.text)
        .title(question.title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            question.yes,
            "Cancel".into(),
        ));
    tauri::async_runtime::spawn_blocking(move || dialog.blocking_show())
        .await
        .unwrap_or(false)
}

/// The file the admin chose in the system's save dialog (`None`: cancelled). The dialog asks
/// before replacing an existing file, so a chosen existing file may be replaced.
pub async fn choose_airbyte_file<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
    suggested: PathBuf,
) -> Option<PathBuf> {
    if let Some(script) = script {
        return script.save_as;
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Save the Airbyte configuration")
        .add_filter("JSON", &["json"]);
    if let Some(dir) = suggested.parent() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .ok()
        .flatten()
        .and_then(|path| path.into_path().ok())
}

/// The system's save dialog for the support report, in the Documents folder (else home) under
/// a name with today's date; `None` when cancelled.
pub async fn choose_report_file<R: Runtime>(
    app: &AppHandle<R>,
    script: Option<Script>,
) -> Option<PathBuf> {
    if let Some(script) = script {
        return script.save_as;
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Save the support report")
        .add_filter("Text", &["txt"])
        .set_file_name(report_file_name(std::time::SystemTime::now()));
    if let Some(dir) = dirs_documents() {
        dialog = dialog.set_directory(dir);
    }
    tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .ok()
        .flatten()
        .and_then(|path| path.into_path().ok())
}

/// `sfconnect-report-2026-12-03.txt`: the day in UTC, so reports sort by date.
fn report_file_name(now: std::time::SystemTime) -> String {
    let secs = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day: String = sfconnect_core::engine::utc_time(secs)
        .chars()
        .take(10)
        .collect();
    format!("sfconnect-report-{day}.txt")
}

/// The user's Documents folder, else their home.
fn dirs_documents() -> Option<PathBuf> {
    let home = std::env::home_dir()?;
    let documents = home.join("Documents");
    Some(if documents.is_dir() { documents } else { home })
}
