//! The connections kept on this computer (a sandbox and production, …).

use super::Answer;
use crate::state::{AppState, ConnectionsView};
use tauri::State;

/// The connections kept on this computer, the open one marked.
#[tauri::command]
pub(super) fn list_connections(state: State<'_, AppState>) -> Answer<ConnectionsView> {
    state.connections().map_err(Into::into)
}

/// Opens another kept connection (the window then reloads its state).
#[tauri::command]
pub(super) fn open_connection(state: State<'_, AppState>, profile: String) -> Answer<()> {
    state.open_connection(&profile).map_err(Into::into)
}

/// Removes a connection that isn't open and holds no Salesforce sign-in.
#[tauri::command]
pub(super) fn remove_connection(state: State<'_, AppState>, profile: String) -> Answer<()> {
    state.remove_connection(&profile).map_err(Into::into)
}

/// Opens a new, empty connection; answers its name.
#[tauri::command]
pub(super) fn add_connection(state: State<'_, AppState>) -> Answer<String> {
    state.add_connection().map_err(Into::into)
}
