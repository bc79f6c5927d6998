//! The built-in demo ("Try the demo").

use super::Answer;
use crate::state::AppState;
use tauri::State;

/// Switches to the built-in simulators.
#[tauri::command]
pub(super) async fn start_demo(state: State<'_, AppState>) -> Answer<()> {
    state.start_demo().await.map_err(Into::into)
}

/// Leaves the demo for the real thing (nothing of the demo is kept).
#[tauri::command]
pub(super) fn leave_demo(state: State<'_, AppState>) {
    state.leave_demo();
}
