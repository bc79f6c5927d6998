//! Native dialogs, shown by the shell itself so the webview can neither fake nor skip them:
//! confirming a hand-off to an address outside CustomerOS's own cloud, and choosing where the
//! Airbyte file goes (the system's save dialog, which asks before replacing a file).
//!
//! Tests script the answers ([`Script`]: a WebDriver can't click a native dialog). Debug
//! builds read a script from `SFCONNECT_TEST_DIALOGS=accept|decline` and
//! `SFCONNECT_TEST_SAVE_AS=PATH` for the GUI tests; release builds never script.

use sfconnect_core::destination::customeros::{check_url, host_of, is_familiar_host};
use sfconnect_core::{Error, Field, Result};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// Scripted answers in place of the native dialogs (tests only).
#[derive(Debug, Clone, Default)]
pub struct Script {
    /// The answer to "Send to HOST?".
    pub confirm: Option<bool>,
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
        Some(Self { confirm, save_as })
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
    let confirmed = match script.and_then(|s| s.confirm) {
        Some(answer) => answer,
        None => {
            let dialog = app
                .dialog()
                .message(text)
                .title("Send the Salesforce connection?")
                .kind(MessageDialogKind::Warning)
                .buttons(MessageDialogButtons::OkCancelCustom(
                    format!("Send to {host}"),
                    "Cancel".into(),
                ));
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_show())
                .await
                .unwrap_or(false)
        }
    };
    if confirmed {
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
