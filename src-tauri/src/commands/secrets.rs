//! Secrets and the clipboard: a kept secret shown or copied on request, the support report.

use super::Answer;
use crate::state::AppState;
use sfconnect_core::secret::RevealableSecret;
use tauri::{AppHandle, Runtime, State};

/// Copies a kept secret to the clipboard without showing it (cleared after a while).
#[tauri::command]
pub(super) fn copy_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: RevealableSecret,
) -> Answer<()> {
    let value = state.engine().reveal(name.into())?;
    crate::clipboard::copy_secret(&app, value).map_err(Into::into)
}

/// Shows a kept secret: only when the admin presses "Show".
#[tauri::command]
pub(super) fn reveal_secret(state: State<'_, AppState>, name: RevealableSecret) -> Answer<String> {
    let value = state.engine().show(name)?;
    Ok(value.as_str().to_owned())
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
