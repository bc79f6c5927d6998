//! Secrets and the clipboard: a kept secret shown or copied on request, the support report.

use super::Answer;
use crate::state::AppState;
use sfconnect_core::secret::RevealableSecret;
use tauri::{AppHandle, Runtime, State};

/// Copies a kept secret to the clipboard without showing it (cleared after a while); the
/// refresh token only after a "Copy" in a native dialog.
#[tauri::command]
pub(super) async fn copy_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: RevealableSecret,
) -> Answer<()> {
    if name == RevealableSecret::RefreshToken {
        crate::dialogs::confirm_secret_use(&app, state.dialog_script(), name, true).await?;
    }
    let value = state.engine().reveal(name.into())?;
    crate::clipboard::copy_secret(&app, value).map_err(Into::into)
}

/// Shows a kept secret: only when the admin presses "Show" and then says so in a native dialog
/// (a script in the webview can't get a secret by itself).
#[tauri::command]
pub(super) async fn reveal_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: RevealableSecret,
) -> Answer<String> {
    let engine = state.engine();
    // The refresh token is never shown: refused before any question.
    engine.show(name)?;
    crate::dialogs::confirm_secret_use(&app, state.dialog_script(), name, false).await?;
    Ok(engine.show(name)?.as_str().to_owned())
}

/// Copies the support report (no secret in it) to the clipboard.
#[tauri::command]
pub(super) fn copy_support_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<()> {
    let report = state.engine().report(&crate::report::context())?;
    crate::clipboard::copy_text(&app, report).map_err(Into::into)
}

/// Saves the support report (no secret in it) where the admin chose in the system's save
/// dialog; answers the path, or nothing when cancelled. It outlasts the app, unlike a copy.
#[tauri::command]
pub(super) async fn save_support_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<Option<String>> {
    let engine = state.engine();
    let report = engine.report(&crate::report::context())?;
    let chosen = crate::dialogs::choose_report_file(&app, state.dialog_script());
    let Some(path) = chosen.await else {
        return Ok(None);
    };
    engine.save_report(&path, &report)?;
    Ok(Some(path.display().to_string()))
}
