//! Signed in-app updates: look, install on the admin's OK, restart into it.

use super::Answer;
use crate::state::AppState;
use crate::updates::{UpdateCheck, UpdateSetting};
use tauri::{AppHandle, Runtime, State};

/// Looks for a newer signed version: the daily look (`on_demand` false) or Check for updates.
#[tauri::command]
pub(super) async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_demand: bool,
) -> Answer<UpdateCheck> {
    let found = crate::updates::check(&app, &state.update, on_demand).await;
    found.map_err(Into::into)
}

/// Installs the update found, on the admin's OK; never while a sign-in waits. Answers the
/// version installed (the app restarts into it with `restart_app`).
#[tauri::command]
pub(super) async fn install_update(state: State<'_, AppState>) -> Answer<String> {
    let waiting = state.sign_ins.waiting();
    let installed = crate::updates::install(&state.update, waiting).await;
    installed.map_err(Into::into)
}

/// The update setting (daily look on or off, and whether the company turned looks off).
#[tauri::command]
pub(super) fn update_setting() -> Answer<UpdateSetting> {
    crate::updates::setting().map_err(Into::into)
}

/// Turns the daily look for updates on or off.
#[tauri::command]
pub(super) fn set_daily_update_check(on: bool) -> Answer<UpdateSetting> {
    crate::updates::set_daily(on).map_err(Into::into)
}

/// Restarts into the installed update.
#[tauri::command]
pub(super) fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart();
}
