//! The wizard's screens: its saved state, the admin's choices and keys, Setup pages.

use super::Answer;
use crate::state::{AppState, WizardView};
use sfconnect_core::engine::Choices;
use sfconnect_core::secret::ClientSecret;
use sfconnect_core::setup_pages::{LoginCheck, SetupPage, check_login};
use tauri::State;

/// Loads the saved progress (never secrets: only whether they are kept).
#[tauri::command]
pub(super) fn load_state(state: State<'_, AppState>) -> Answer<WizardView> {
    state.view().map_err(Into::into)
}

/// Normalises a login address as the admin types, with this org's Setup links.
#[tauri::command]
pub(super) fn check_login_url(input: String) -> Answer<LoginCheck> {
    check_login(&input).map_err(Into::into)
}

/// Saves the admin's choices so far.
#[tauri::command]
pub(super) fn save_choices(state: State<'_, AppState>, choices: Choices) -> Answer<()> {
    state.engine().save_choices(choices).map_err(Into::into)
}

/// Keeps the Consumer Key and Secret; answers whether the keyring has the secret.
#[tauri::command]
pub(super) fn save_app_keys(
    state: State<'_, AppState>,
    client_id: String,
    client_secret: ClientSecret,
) -> Answer<bool> {
    let kept = state.engine().save_app_keys(&client_id, &client_secret);
    kept.map_err(Into::into)
}

/// Opens a Setup page of the admin's org.
#[tauri::command]
pub(super) fn open_setup_page(state: State<'_, AppState>, page: SetupPage) -> Answer<()> {
    state.engine().open_setup_page(page).map_err(Into::into)
}

/// Opens the app's own page in Setup (read after the sign-in).
#[tauri::command]
pub(super) fn open_app_page(state: State<'_, AppState>) -> Answer<()> {
    state.engine().open_app_page().map_err(Into::into)
}

/// Starts again from the first screen.
#[tauri::command]
pub(super) fn start_over(state: State<'_, AppState>) -> Answer<()> {
    state.engine().start_over().map_err(Into::into)
}

/// The sign-in's port is taken: also try the next one (its Callback URL must be registered).
#[tauri::command]
pub(super) fn use_next_port(state: State<'_, AppState>) -> Answer<u16> {
    state.engine().use_next_port().map_err(Into::into)
}

/// The first screen is interactive (for `bench/run`: see [`crate::startup::first_screen_ready`]).
#[tauri::command]
pub(super) fn first_screen_ready(marks: Option<std::collections::BTreeMap<String, f64>>) {
    crate::startup::first_screen_ready(&marks.unwrap_or_default());
}
