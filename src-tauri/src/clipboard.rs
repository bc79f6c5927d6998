//! The clipboard: text copied for the admin, and secrets that are cleared again after a while
//! if they are still ours (clipboard managers and other apps can read it).

use sfconnect_core::{Code, Error, Result};
use tauri::{AppHandle, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;

/// How long a copied secret stays on the clipboard.
const CLEAR_CLIPBOARD_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// Copies text that is not secret (the support report).
pub(crate) fn copy_text<R: Runtime>(app: &AppHandle<R>, text: String) -> Result<()> {
    app.clipboard()
        .write_text(text)
        .map_err(|_| clipboard_unavailable())
}

/// Copies a secret, and clears it after [`CLEAR_CLIPBOARD_AFTER`] if the clipboard still holds it.
pub(crate) fn copy_secret<R: Runtime>(
    app: &AppHandle<R>,
    value: impl AsRef<str> + Send + 'static,
) -> Result<()> {
    // Marked as a secret: kept out of clipboard history and cloud sync on Windows, and out of
    // clipboard managers that honour the hint on macOS and Linux (`x-kde-passwordManagerHint`).
    app.clipboard()
        .write_secret(value.as_ref())
        .map_err(|_| clipboard_unavailable())?;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(CLEAR_CLIPBOARD_AFTER).await;
        if app
            .clipboard()
            .read_text()
            .is_ok_and(|now| now == value.as_ref())
        {
            let _ = app.clipboard().write_text(String::new());
        }
    });
    Ok(())
}

fn clipboard_unavailable() -> Error {
    Error::Local {
        code: Code::ClipboardUnavailable,
        message: "Couldn't use the clipboard. Select the text and copy it instead.".into(),
        detail: String::new(),
    }
}
