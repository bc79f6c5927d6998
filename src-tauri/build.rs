//! Declares our commands so the capability file can grant exactly them (the same list as
//! `commands::handler` and `capabilities/default.json`: `tests/commands.rs` checks that).

const COMMANDS: &[&str] = &[
    "load_state",
    "check_login_url",
    "save_choices",
    "save_app_keys",
    "sign_in",
    "cancel_sign_in",
    "paste_redirect",
    "reopen_sign_in",
    "open_setup_page",
    "open_app_page",
    "remove_connection",
    "keep_customeros_details",
    "connect_customeros",
    "provider_fields",
    "airbyte_fields",
    "copy_secret",
    "reveal_secret",
    "save_airbyte",
    "disconnect",
    "check_connection",
    "cancel_operation",
    "open_destination",
    "open_customeros_api_page",
    "copy_support_report",
    "save_support_report",
    "start_over",
    "start_demo",
    "leave_demo",
    "list_connections",
    "connections_sharing_workspace",
    "use_next_port",
    "open_connection",
    "add_connection",
    "check_for_update",
    "install_update",
    "update_setting",
    "set_daily_update_check",
    "restart_app",
    "first_screen_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e}"));
}
