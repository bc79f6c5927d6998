//! The sign-in to Salesforce: start it, cancel it, finish it from a pasted address.

use super::{Answer, noted};
use crate::state::AppState;
use sfconnect_core::Progress;
use sfconnect_core::engine::Verified;
use sfconnect_core::secret::{Password, SecurityToken};
use tauri::{AppHandle, Emitter, Runtime, State};

/// Signs in (browser, client credentials or password) and verifies the org, reporting
/// progress as `progress` events; then brings the window back (the admin's next step is here).
#[tauri::command]
pub(super) async fn sign_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    password: Option<Password>,
    security_token: Option<SecurityToken>,
) -> Answer<Verified> {
    let events = |progress: Progress| drop(app.emit("progress", &progress));
    let signed_in = state.sign_in(&app, password, security_token, &events).await;
    crate::window::bring_back(&app);
    noted(&state, signed_in)
}

/// Cancels the sign-in in progress.
#[tauri::command]
pub(super) fn cancel_sign_in(state: State<'_, AppState>) {
    state.sign_ins.cancel();
}

/// Finishes the sign-in from an address copied out of the browser.
#[tauri::command]
pub(super) fn paste_redirect(state: State<'_, AppState>, address: String) -> Answer<()> {
    state.sign_ins.paste(address).map_err(Into::into)
}

/// Opens the sign-in link again; answers the link (for "Copy the link").
#[tauri::command]
pub(super) fn reopen_sign_in(state: State<'_, AppState>, open: bool) -> Answer<Option<String>> {
    state.sign_in_link(open).map_err(Into::into)
}
