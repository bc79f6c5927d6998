//! The desktop shell: thin Tauri commands over `sfconnect-core`, progress as Tauri events.

mod clipboard;
pub mod commands;
pub mod dialogs;
mod report;
pub mod sign_in;
mod startup;
pub mod state;
pub mod updates;
mod window;

use tauri::Manager;

/// Adds the state and the commands to a builder (the real one, or a mock in tests).
pub fn with_commands<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder.manage(state).invoke_handler(commands::handler())
}

/// Builds the app with its plugins, state and commands.
pub fn builder(state: state::AppState) -> tauri::Builder<tauri::Wry> {
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch focuses the running wizard instead of starting another listener.
            window::bring_back(app);
        }))
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(window::stay_on_our_pages())
        // Before the log plugin, which would make its folder with the umask's mode.
        .plugin(log_folder_owner_only())
        .plugin(
            tauri_plugin_log::Builder::new()
                .targets(log_targets())
                .level(log_level())
                // The updater plugin logs its errors with the mirror's full URL (a token in its
                // query would reach the support report); ours say what happened, redacted.
                .level_for(
                    "tauri_plugin_updater",
                    tauri_plugin_log::log::LevelFilter::Off,
                )
                .build(),
        )
        .on_window_event(window::ask_before_closing_the_demo);
    with_commands(builder, state)
}

/// Makes the log folder and the app's data folder above it owner-only (mode 0700 on Unix;
/// security review 2, N16): the log names connections and Salesforce hosts. A folder an older
/// version made with the umask's mode is tightened too (both are sfconnect's own).
fn log_folder_owner_only<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("log-folder-owner-only")
        .setup(|_app, _api| {
            let logs = wizard_log_dir()?;
            let mut folder = std::fs::DirBuilder::new();
            folder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
                folder.mode(0o700).create(&logs)?;
                let owner_only = || std::fs::Permissions::from_mode(0o700);
                std::fs::set_permissions(&logs, owner_only())?;
                // On Linux the log folder is inside the app's data folder: that one too (on
                // macOS it is in ~/Library/Logs, which isn't ours).
                if let Some(data) = logs
                    .parent()
                    .filter(|data| data.ends_with(sfconnect_core::engine::WIZARD_IDENTIFIER))
                {
                    std::fs::set_permissions(data, owner_only())?;
                }
            }
            #[cfg(not(unix))]
            folder.create(&logs)?;
            Ok(())
        })
        .build()
}

/// The wizard's log folder, from the one place the support report also takes it from.
fn wizard_log_dir() -> std::io::Result<std::path::PathBuf> {
    sfconnect_core::engine::wizard_log_dir().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "this account has no home folder to keep the wizard's log in",
        )
    })
}

/// stdout and the log file in [`sfconnect_core::engine::wizard_log_dir`].
fn log_targets() -> Vec<tauri_plugin_log::Target> {
    use tauri_plugin_log::{Target, TargetKind};
    let mut targets = vec![Target::new(TargetKind::Stdout)];
    if let Ok(path) = wizard_log_dir() {
        targets.push(Target::new(TargetKind::Folder {
            path,
            file_name: Some(sfconnect_core::engine::WIZARD_LOG_NAME.to_owned()),
        }));
    }
    targets
}

/// `SFCONNECT_LOG` (error … trace) or info. Nothing secret is ever logged at any level.
fn log_level() -> tauri_plugin_log::log::LevelFilter {
    std::env::var("SFCONNECT_LOG")
        .ok()
        .and_then(|level| level.parse().ok())
        .unwrap_or(tauri_plugin_log::log::LevelFilter::Info)
}

/// `sfconnect-app --update [--yes]`: looks for a signed update and, with `--yes`, installs it,
/// with no window (for managed fleets and support, and CI's update round trip). Prints one JSON
/// line, exits 0 unless something failed.
fn update_from_command_line(app: &tauri::AppHandle, install: bool) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<state::AppState>();
        let outcome: sfconnect_core::Result<serde_json::Value> = async {
            let found = updates::check(&app, &state.update, true).await?;
            if install && matches!(found, updates::UpdateCheck::Available { .. }) {
                let version = updates::install(&state.update, false).await?;
                return Ok(serde_json::json!({ "state": "installed", "version": version }));
            }
            Ok(serde_json::to_value(&found).unwrap_or_default())
        }
        .await;
        let (code, line) = match outcome {
            Ok(line) => (0, line),
            Err(error) => (
                1,
                serde_json::json!({
                    "state": "error",
                    "code": error.code().as_str(),
                    "message": error.to_string(),
                    "detail": error.detail(),
                }),
            ),
        };
        println!("{line}");
        app.exit(code);
    });
}

/// Runs the wizard (`--demo` starts it against the built-in simulators).
pub fn run() {
    startup::started_at_ms();
    startup::log_panics();
    if startup::webview_missing() {
        startup::fail(startup::NO_WEBVIEW);
    }
    let demo = std::env::args().any(|a| a == "--demo");
    let update = std::env::args().any(|a| a == "--update");
    let install = std::env::args().any(|a| a == "--yes");
    // SFCONNECT_PROFILE (as for the CLI), else the connection open when the window last closed.
    let profile = std::env::var("SFCONNECT_PROFILE")
        .ok()
        .or_else(|| {
            sfconnect_core::store::config_dir()
                .ok()
                .and_then(|dir| sfconnect_core::store::profiles::last_opened(&dir))
        })
        .unwrap_or_else(|| sfconnect_core::store::DEFAULT_PROFILE.to_owned());
    if let Err(error) = sfconnect_core::store::profiles::check_name(&profile) {
        startup::fail(&error.to_string());
    }
    let state = match state::AppState::new(&profile) {
        Ok(state) => state,
        Err(error) => startup::fail(&error.to_string()),
    };
    let app = builder(state).setup(move |app| {
        let window = window::open_main(app)?;
        window::draw_without_gpu_compositing(&window);
        if let Err(error) = window::fit_to_screen(&window) {
            tauri_plugin_log::log::warn!("couldn't fit the window to the screen: {error}");
        }
        if update {
            if let Some(window) = app.get_webview_window("main") {
                window.hide()?;
            }
            update_from_command_line(app.handle(), install);
        } else if demo {
            let state = app.state::<state::AppState>();
            tauri::async_runtime::block_on(state.start_demo())?;
        }
        Ok(())
    });
    if let Err(error) = app.run(tauri::generate_context!()) {
        startup::fail(&format!(
            "{error}. Start sfconnect again; if this keeps happening, send support the report (sfconnect report)."
        ));
    }
}
