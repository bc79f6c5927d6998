//! The window's commands, a file per concern: arguments in, one call into the engine, the
//! error mapped to `{code, message}`. Secrets arrive typed; the UI gets a secret's value only
//! from `reveal_secret`. Each command is a few lines: what it does lives in core or in the
//! shell's modules.
// Tauri hands every command its arguments (and `State`) by value.
#![allow(clippy::needless_pass_by_value)]

mod connections;
mod demo;
mod destination;
mod secrets;
mod sign_in;
mod updates;
mod wizard;

use crate::state::AppState;
use sfconnect_core::BoundaryError;
use tauri::Runtime;

/// What a command answers: its value, or `{code, message, detail?}`.
type Answer<T> = Result<T, BoundaryError>;

/// Passes a remote step's answer on, a failure recorded for the support report first.
fn noted<T>(state: &AppState, result: sfconnect_core::Result<T>) -> Answer<T> {
    result.map_err(|error| state.noted(error).into())
}

/// Every command, for the invoke handler (the same list as `build.rs` and the capability file:
/// `tests/commands.rs` checks that they agree).
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        wizard::load_state,
        wizard::check_login_url,
        wizard::save_choices,
        wizard::save_app_keys,
        sign_in::sign_in,
        sign_in::cancel_sign_in,
        sign_in::paste_redirect,
        sign_in::reopen_sign_in,
        wizard::open_setup_page,
        wizard::open_app_page,
        destination::connect_customeros,
        destination::keep_customeros_details,
        destination::provider_fields,
        destination::airbyte_fields,
        secrets::copy_secret,
        secrets::reveal_secret,
        destination::save_airbyte,
        destination::disconnect,
        destination::check_connection,
        destination::cancel_operation,
        destination::open_destination,
        destination::open_customeros_api_page,
        secrets::copy_support_report,
        secrets::save_support_report,
        wizard::start_over,
        demo::start_demo,
        demo::leave_demo,
        connections::list_connections,
        destination::connections_sharing_workspace,
        wizard::use_next_port,
        connections::open_connection,
        connections::remove_connection,
        connections::add_connection,
        updates::check_for_update,
        updates::install_update,
        updates::update_setting,
        updates::set_daily_update_check,
        updates::restart_app,
        wizard::first_screen_ready,
    ]
}
