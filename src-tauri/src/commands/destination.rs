//! The destination: the hand-off, the values to enter by hand, the live check, Disconnect.

use super::{Answer, noted};
use crate::state::AppState;
use sfconnect_core::Progress;
use sfconnect_core::destination::{DeliveryState, Destination};
use sfconnect_core::engine::{Checked, Disconnected, ProviderView};
use sfconnect_core::secret::ApiKey;
use sfconnect_core::store::profiles::ConnectionSummary;
use tauri::{AppHandle, Emitter, Runtime, State};
use tokio_util::sync::CancellationToken;

/// Hands the sign-in to CustomerOS (an address outside its cloud after a native "Send") and
/// confirms it is ACTIVE.
#[tauri::command]
pub(super) async fn connect_customeros<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    email: String,
    api_key: Option<ApiKey>,
) -> Answer<DeliveryState> {
    state.demo_stays_simulated(None, Some(&url))?;
    let to_demo = state.is_demo_customeros(&url);
    crate::dialogs::confirm_hand_off(&app, state.dialog_script(), to_demo, &url).await?;
    // The wizard counts "Connecting… N s" from here, not while the question above waited.
    drop(app.emit(
        "progress",
        &Progress::HandingOff {
            destination: Destination::Customeros.display_name().into(),
        },
    ));
    let (engine, cancel) = (state.engine(), state.begin_operation());
    noted(
        &state,
        engine
            .connect_customeros(&url, &email, api_key, &cancel)
            .await,
    )
}

/// Keeps CustomerOS's address, e-mail and API key for the Connect step (sends nothing).
#[tauri::command]
pub(super) fn keep_customeros_details(
    state: State<'_, AppState>,
    url: String,
    email: String,
    api_key: ApiKey,
) -> Answer<()> {
    state.demo_stays_simulated(None, Some(&url))?;
    state
        .engine()
        .keep_customeros_details(&url, &email, api_key)
        .map_err(Into::into)
}

/// The values for Customerscore's Providers page, in its order, secrets masked.
#[tauri::command]
pub(super) fn provider_fields(state: State<'_, AppState>) -> Answer<ProviderView> {
    state.engine().provider_view().map_err(Into::into)
}

/// The values for Airbyte's Salesforce source form, secrets masked.
#[tauri::command]
pub(super) async fn airbyte_fields(state: State<'_, AppState>) -> Answer<ProviderView> {
    let (engine, cancel) = (state.engine(), state.begin_operation());
    noted(&state, engine.airbyte_view(&cancel).await)
}

/// Writes the Airbyte source configuration where the admin chose in the system's save dialog
/// (which asks before replacing a file); answers the path, or nothing when cancelled.
#[tauri::command]
pub(super) async fn save_airbyte<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<Option<String>> {
    let suggested = state.engine().wizard_state()?.default_airbyte_path.into();
    let chosen = crate::dialogs::choose_airbyte_file(&app, state.dialog_script(), suggested);
    let Some(path) = chosen.await else {
        return Ok(None);
    };
    let (engine, cancel) = (state.engine(), state.begin_operation());
    let written = engine.deliver_airbyte(&path, path.exists(), &cancel).await;
    noted(&state, written.map(|_| Some(path.display().to_string())))
}

/// Removes the connection everywhere and forgets the secrets; with `leave_destination`
/// (CustomerOS couldn't be reached and the admin chose to go on) it revokes at Salesforce and
/// leaves CustomerOS's part for later.
#[tauri::command]
pub(super) async fn disconnect(
    state: State<'_, AppState>,
    leave_destination: bool,
) -> Answer<Disconnected> {
    let (engine, cancel) = (state.engine(), CancellationToken::new());
    noted(
        &state,
        engine.disconnect(None, leave_destination, &cancel).await,
    )
}

/// Checks the connection live at Salesforce and the destination (the home screen's
/// "Check now", and on opening it).
#[tauri::command]
pub(super) async fn check_connection(state: State<'_, AppState>) -> Answer<Checked> {
    let (engine, cancel) = (state.engine(), state.begin_operation());
    noted(&state, engine.check(None, &|_| {}, &cancel).await)
}

/// Cancels the hand-off or check in progress (nothing is lost: the sign-in stays kept).
#[tauri::command]
pub(super) fn cancel_operation(state: State<'_, AppState>) {
    state.cancel_operation();
}

/// Opens the connected CustomerOS in the browser.
#[tauri::command]
pub(super) fn open_destination(state: State<'_, AppState>) -> Answer<()> {
    state.engine().open_destination().map_err(Into::into)
}

/// Opens CustomerOS's API page (its workspace API key, with Copy) at the address typed.
#[tauri::command]
pub(super) fn open_customeros_api_page(state: State<'_, AppState>, url: String) -> Answer<()> {
    state.demo_stays_simulated(None, Some(&url))?;
    state
        .engine()
        .open_customeros_api_page(&url)
        .map_err(Into::into)
}

/// The other kept connections a hand-off to this CustomerOS workspace would replace.
#[tauri::command]
pub(super) fn connections_sharing_workspace(
    state: State<'_, AppState>,
    url: String,
    email: String,
) -> Answer<Vec<ConnectionSummary>> {
    let sharing = state.engine().connections_sharing_workspace(&url, &email);
    sharing.map_err(Into::into)
}
