//! The window's commands: arguments in, one call into the engine, the error mapped to
//! `{code, message}`. Secrets arrive typed; the UI gets a secret's value only from
//! `reveal_secret`.
// Tauri hands every command its arguments (and `State`) by value.
#![allow(clippy::needless_pass_by_value)]

use crate::state::{AppState, ConnectionsView, WizardView};
use sfconnect_core::destination::DeliveryState;
use sfconnect_core::engine::{Checked, Choices, Disconnected, ProviderView, Verified};
use sfconnect_core::secret::{ApiKey, ClientSecret, Password, RevealableSecret, SecurityToken};
use sfconnect_core::setup_pages::{LoginCheck, SetupPage, check_login};
use sfconnect_core::store::profiles::ConnectionSummary;
use sfconnect_core::{BoundaryError, Code, Error, Progress};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tokio_util::sync::CancellationToken;

type Answer<T> = Result<T, BoundaryError>;

/// Every command, for the invoke handler (the same list as `build.rs` and the capability file:
/// `tests/commands.rs` checks that they agree).
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        load_state,
        check_login_url,
        save_choices,
        save_app_keys,
        sign_in,
        cancel_sign_in,
        paste_redirect,
        reopen_sign_in,
        open_setup_page,
        connect_customeros,
        provider_fields,
        customeros_fields,
        copy_secret,
        reveal_secret,
        save_airbyte,
        disconnect,
        check_connection,
        cancel_operation,
        open_destination,
        copy_support_report,
        start_over,
        start_demo,
        leave_demo,
        list_connections,
        connections_sharing_workspace,
        use_next_port,
        open_connection,
        add_connection,
        check_for_update,
        install_update,
        update_setting,
        set_daily_update_check,
        restart_app,
        first_screen_ready,
    ]
}

/// Loads the saved progress (never secrets: only whether they are kept).
#[tauri::command]
pub fn load_state(state: State<'_, AppState>) -> Answer<WizardView> {
    state.view().map_err(Into::into)
}

/// Normalises a login address as the admin types, with this org's Setup links.
#[tauri::command]
pub fn check_login_url(input: String) -> Answer<LoginCheck> {
    check_login(&input).map_err(Into::into)
}

/// Saves the admin's choices so far.
#[tauri::command]
pub fn save_choices(state: State<'_, AppState>, choices: Choices) -> Answer<()> {
    state.engine().save_choices(choices).map_err(Into::into)
}

/// Keeps the Consumer Key and Secret; answers whether the keyring has the secret.
#[tauri::command]
pub fn save_app_keys(
    state: State<'_, AppState>,
    client_id: String,
    client_secret: ClientSecret,
) -> Answer<bool> {
    let engine = state.engine();
    engine
        .save_app_keys(&client_id, &client_secret)
        .map_err(Into::into)
}

/// Signs in (browser, client credentials or password) and verifies the org, reporting
/// progress as `progress` events.
#[tauri::command]
pub async fn sign_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    password: Option<Password>,
    security_token: Option<SecurityToken>,
) -> Answer<Verified> {
    let window = app.get_webview_window("main");
    let events = move |progress: Progress| drop(app.emit("progress", &progress));
    let signed_in = state.sign_in(password, security_token, &events).await;
    // After Allow in the browser, the admin's next step is here: bring the window back.
    if let Some(window) = window {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    signed_in.map_err(|error| state.noted(error).into())
}

/// Cancels the sign-in in progress.
#[tauri::command]
pub fn cancel_sign_in(state: State<'_, AppState>) {
    state.cancel_sign_in();
}

/// Finishes the sign-in from an address copied out of the browser.
#[tauri::command]
pub fn paste_redirect(state: State<'_, AppState>, address: String) -> Answer<()> {
    state.paste(address).map_err(Into::into)
}

/// Opens the sign-in link again; answers the link (for "Copy the link").
#[tauri::command]
pub fn reopen_sign_in(state: State<'_, AppState>, open: bool) -> Answer<Option<String>> {
    state.sign_in_link(open).map_err(Into::into)
}

/// Opens a Setup page of the admin's org.
#[tauri::command]
pub fn open_setup_page(state: State<'_, AppState>, page: SetupPage) -> Answer<()> {
    state.engine().open_setup_page(page).map_err(Into::into)
}

/// Hands the sign-in to CustomerOS and confirms it is ACTIVE.
#[tauri::command]
pub async fn connect_customeros<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    email: String,
    api_key: Option<ApiKey>,
) -> Answer<DeliveryState> {
    crate::dialogs::confirm_hand_off(&app, &state, &url).await?;
    let (engine, cancel) = (state.engine(), state.begin_operation());
    let delivered = engine.connect_customeros(&url, &email, api_key, &cancel);
    delivered.await.map_err(|error| state.noted(error).into())
}

/// The values for Customerscore's Providers page, in its order, secrets masked.
#[tauri::command]
pub fn provider_fields(state: State<'_, AppState>) -> Answer<ProviderView> {
    state.engine().provider_view().map_err(Into::into)
}

/// The values to enter by hand in a CustomerOS that no longer takes Salesforce by API.
#[tauri::command]
pub fn customeros_fields(state: State<'_, AppState>) -> Answer<ProviderView> {
    state.engine().customeros_view().map_err(Into::into)
}

/// Copies a kept secret to the clipboard without showing it.
#[tauri::command]
pub fn copy_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: RevealableSecret,
) -> Answer<()> {
    let value = state.engine().reveal(name.into())?;
    app.clipboard()
        .write_text(value.as_str())
        .map_err(|_| clipboard_unavailable())?;
    // Clipboard managers and other apps can read it: clear it after a while, if still ours.
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(CLEAR_CLIPBOARD_AFTER).await;
        if app
            .clipboard()
            .read_text()
            .is_ok_and(|now| now == value.as_str())
        {
            let _ = app.clipboard().write_text(String::new());
        }
    });
    Ok(())
}

/// How long a copied secret stays on the clipboard.
const CLEAR_CLIPBOARD_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

fn clipboard_unavailable() -> BoundaryError {
    Error::Local {
        code: Code::ClipboardUnavailable,
        message: "Couldn't use the clipboard. Select the text and copy it instead.".into(),
        detail: String::new(),
    }
    .into()
}

/// Shows a kept secret: only when the admin presses "Show".
#[tauri::command]
pub fn reveal_secret(state: State<'_, AppState>, name: RevealableSecret) -> Answer<String> {
    let value = state.engine().show(name)?;
    Ok(value.as_str().to_owned())
}

/// Writes the Airbyte source configuration where the admin chose in the system's save dialog
/// (which asks before replacing a file); answers the path, or nothing when cancelled.
#[tauri::command]
pub async fn save_airbyte<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<Option<String>> {
    let suggested = state.engine().wizard_state()?.default_airbyte_path.into();
    let Some(path) = crate::dialogs::choose_airbyte_file(&app, &state, suggested).await else {
        return Ok(None);
    };
    state.engine().deliver_airbyte(&path, path.exists())?;
    Ok(Some(path.display().to_string()))
}

/// Removes the connection everywhere and forgets the secrets.
#[tauri::command]
pub async fn disconnect(state: State<'_, AppState>) -> Answer<Disconnected> {
    let engine = state.engine();
    let done = engine.disconnect(None, &CancellationToken::new()).await;
    done.map_err(|error| state.noted(error).into())
}

/// Checks the connection live at Salesforce and the destination (the home screen's
/// "Check now", and on opening it).
#[tauri::command]
pub async fn check_connection(state: State<'_, AppState>) -> Answer<Checked> {
    let (engine, cancel) = (state.engine(), state.begin_operation());
    let checked = engine.check(None, &|_| {}, &cancel).await;
    checked.map_err(|error| state.noted(error).into())
}

/// Opens the connected CustomerOS in the browser.
#[tauri::command]
pub fn open_destination(state: State<'_, AppState>) -> Answer<()> {
    state.engine().open_destination().map_err(Into::into)
}

/// Cancels the hand-off or check in progress (nothing is lost: the sign-in stays kept).
#[tauri::command]
pub fn cancel_operation(state: State<'_, AppState>) {
    state.cancel_operation();
}

/// Copies the support report (no secret in it) to the clipboard.
#[tauri::command]
pub fn copy_support_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<()> {
    let report = state.engine().report(&state.report_context())?;
    app.clipboard()
        .write_text(report)
        .map_err(|_| clipboard_unavailable())
}

/// Starts again from the first screen.
#[tauri::command]
pub fn start_over(state: State<'_, AppState>) -> Answer<()> {
    state.engine().start_over().map_err(Into::into)
}

/// The connections kept on this computer (a sandbox and production, …), the open one marked.
#[tauri::command]
pub fn list_connections(state: State<'_, AppState>) -> Answer<ConnectionsView> {
    state.connections().map_err(Into::into)
}

/// The other kept connections a hand-off to this CustomerOS workspace would replace.
#[tauri::command]
pub fn connections_sharing_workspace(
    state: State<'_, AppState>,
    url: String,
    email: String,
) -> Answer<Vec<ConnectionSummary>> {
    let engine = state.engine();
    engine
        .connections_sharing_workspace(&url, &email)
        .map_err(Into::into)
}

/// The sign-in's port is taken: also try the next one (its Callback URL must be registered).
#[tauri::command]
pub fn use_next_port(state: State<'_, AppState>) -> Answer<u16> {
    state.engine().use_next_port().map_err(Into::into)
}

/// Opens another kept connection (the window then reloads its state).
#[tauri::command]
pub fn open_connection(state: State<'_, AppState>, profile: String) -> Answer<()> {
    state.open_connection(&profile).map_err(Into::into)
}

/// Opens a new, empty connection; answers its name.
#[tauri::command]
pub fn add_connection(state: State<'_, AppState>) -> Answer<String> {
    state.add_connection().map_err(Into::into)
}

/// Looks for a newer signed version: the daily look (`on_demand` false) or Help → Check now.
#[tauri::command]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    on_demand: bool,
) -> Answer<crate::updates::UpdateCheck> {
    crate::updates::check(&app, &state.update, on_demand)
        .await
        .map_err(Into::into)
}

/// Installs the update found, on the admin's OK; never while a sign-in waits. Answers the
/// version installed (the app restarts into it with `restart_app`).
#[tauri::command]
pub async fn install_update(state: State<'_, AppState>) -> Answer<String> {
    if state.signing_in() {
        return Err(Error::Input {
            field: sfconnect_core::Field::Option,
            message: "A sign-in is waiting in your browser: finish or cancel it, then install the update.".into(),
        }
        .into());
    }
    crate::updates::install(&state.update)
        .await
        .map_err(Into::into)
}

/// The update setting (daily look on or off, and whether the company turned looks off).
#[tauri::command]
pub fn update_setting() -> Answer<crate::updates::UpdateSetting> {
    crate::updates::setting().map_err(Into::into)
}

/// Turns the daily look for updates on or off.
#[tauri::command]
pub fn set_daily_update_check(on: bool) -> Answer<crate::updates::UpdateSetting> {
    crate::updates::set_daily(on).map_err(Into::into)
}

/// Restarts into the installed update.
#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart();
}

/// Leaves the demo for the real thing (nothing of the demo is kept).
#[tauri::command]
pub fn leave_demo(state: State<'_, AppState>) {
    state.leave_demo();
}

/// Switches to the built-in simulators ("Try the demo").
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Answer<()> {
    state.start_demo().await.map_err(Into::into)
}

/// The first screen is interactive: `bench/run` times launches by this line on stderr, and
/// reads where the time went from the page's own clock (milliseconds since the Unix epoch:
/// when the page began loading, when its HTML was parsed, when its state arrived).
#[tauri::command]
pub fn first_screen_ready(marks: Option<std::collections::BTreeMap<String, f64>>) {
    if std::env::var_os("SFCONNECT_REPORT_READY").is_some() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        let started = crate::started_at_ms();
        let phases: Vec<String> = marks
            .unwrap_or_default()
            .iter()
            .map(|(name, at)| format!("{name}={:.0}", at - started))
            .collect();
        eprintln!(
            "sfconnect: first screen ready ({} ready={:.0} ms after start)",
            phases.join(" "),
            now - started
        );
    }
}
