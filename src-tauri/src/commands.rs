//! The window's commands: take arguments, call the engine, map the error to `{code, message}`.

use crate::state::{AppState, DemoValues};
use serde::Serialize;
use sfconnect_core::destination::customerscore::ProviderField;
use sfconnect_core::flow::{Choices, Disconnected, SignInInputs, Verified};
use sfconnect_core::oauth::loopback::{DEFAULT_TIMEOUT, redirect_uri};
use sfconnect_core::oauth::sign_in::DEFAULT_SCOPE;
use sfconnect_core::secret::{ApiKey, Password, SecurityToken};
use sfconnect_core::setup_pages::SetupPage;
use sfconnect_core::store::{SecretName, Settings};
use sfconnect_core::{BoundaryError, LoginHost, Progress};
use std::collections::BTreeMap;
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tokio_util::sync::CancellationToken;

type Answer<T> = Result<T, BoundaryError>;

/// Every command, for the invoke handler.
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
        copy_secret,
        reveal_secret,
        save_airbyte,
        disconnect,
        start_over,
        start_demo,
        first_screen_ready,
    ]
}

/// What the wizard needs to draw itself and resume.
#[derive(Debug, Serialize)]
pub struct WizardState {
    settings: Settings,
    demo: Option<DemoValues>,
    has_client_secret: bool,
    has_api_key: bool,
    callback_urls: Vec<String>,
    default_airbyte_path: String,
    version: &'static str,
}

/// Loads the saved progress (never secrets: only whether they are kept).
#[tauri::command]
pub fn load_state(state: State<'_, AppState>) -> Answer<WizardState> {
    let engine = state.engine();
    let settings = engine.settings_file().load()?;
    let ports = if settings.ports.is_empty() {
        vec![7717]
    } else {
        settings.ports.clone()
    };
    Ok(WizardState {
        callback_urls: ports.into_iter().map(redirect_uri).collect(),
        // Ask the keyring only when something may be there: it can take a D-Bus activation.
        has_client_secret: settings.client_id.is_some() && engine.kept(SecretName::ClientSecret),
        has_api_key: settings.customeros_url.is_some() && engine.kept(SecretName::CustomerOsApiKey),
        demo: state.demo_values(),
        default_airbyte_path: std::env::home_dir()
            .unwrap_or_default()
            .join("salesforce-source.json")
            .display()
            .to_string(),
        version: env!("CARGO_PKG_VERSION"),
        settings,
    })
}

/// A login address, normalised, with this org's Setup links.
#[derive(Debug, Serialize)]
pub struct LoginCheck {
    origin: String,
    sandbox: bool,
    my_domain: bool,
    links: BTreeMap<&'static str, String>,
}

/// Normalises a login address as the admin types.
#[tauri::command]
pub fn check_login_url(input: String) -> Answer<LoginCheck> {
    let host = LoginHost::parse(&input)?;
    let pages = [
        ("app_manager", SetupPage::AppManager),
        (
            "external_client_app_manager",
            SetupPage::ExternalClientAppManager,
        ),
        ("new_connected_app", SetupPage::NewConnectedApp),
        ("oauth_settings", SetupPage::OauthSettings),
        ("reset_security_token", SetupPage::ResetSecurityToken),
    ];
    Ok(LoginCheck {
        origin: host.origin().to_owned(),
        sandbox: host.is_sandbox(),
        my_domain: !host.is_generic_login(),
        links: pages
            .into_iter()
            .map(|(name, page)| (name, page.url(&host)))
            .collect(),
    })
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
    client_secret: String,
) -> Answer<bool> {
    state
        .save_app_keys(&client_id, &client_secret)
        .map_err(Into::into)
}

/// Signs in (browser, client credentials or password) and verifies the org, reporting
/// progress as `progress` events.
#[tauri::command]
pub async fn sign_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    password: Option<String>,
    security_token: Option<String>,
) -> Answer<Verified> {
    let (cancel, paste) = state.begin_sign_in();
    let inputs = SignInInputs {
        ports: Vec::new(),
        timeout: DEFAULT_TIMEOUT,
        scope: DEFAULT_SCOPE.to_owned(),
        open_browser: true,
        paste: Some(paste),
    };
    let engine = state.engine();
    let request = engine.saved_sign_in_request(
        inputs,
        password.map(Password::new),
        security_token.map(SecurityToken::new),
    )?;
    let url_slot = state.sign_in_url.clone();
    let events = move |progress: Progress| {
        if let Progress::BrowserSignIn { url, .. } = &progress {
            *url_slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(url.clone());
        }
        let _ = app.emit("progress", &progress);
    };
    let result = engine.sign_in_and_verify(request, &events, &cancel).await;
    state.end_sign_in();
    result.map_err(Into::into)
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
    let url = state
        .sign_in_url
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    if let (true, Some(url)) = (open, &url) {
        state.engine().open_in_browser(url)?;
    }
    Ok(url)
}

/// Opens a Setup page of the admin's org.
#[tauri::command]
pub fn open_setup_page(state: State<'_, AppState>, page: SetupPage) -> Answer<()> {
    state.engine().open_setup_page(page).map_err(Into::into)
}

/// Hands the sign-in to CustomerOS and confirms it is ACTIVE.
#[tauri::command]
pub async fn connect_customeros(
    state: State<'_, AppState>,
    url: String,
    email: String,
    api_key: Option<String>,
) -> Answer<String> {
    let engine = state.engine();
    let key = api_key.map(ApiKey::new);
    engine
        .connect_customeros(&url, &email, key, &CancellationToken::new())
        .await
        .map_err(Into::into)
}

/// Customerscore's Providers fields, secrets masked.
#[derive(Debug, Serialize)]
pub struct ProviderView {
    mode: &'static str,
    fields: Vec<ProviderField>,
}

/// The values for Customerscore's Providers page, in its order.
#[tauri::command]
pub fn provider_fields(state: State<'_, AppState>) -> Answer<ProviderView> {
    let (mode, fields) = state.engine().provider_fields(false)?;
    Ok(ProviderView {
        mode: mode.label(),
        fields,
    })
}

fn secret_name(name: &str) -> Answer<SecretName> {
    match name {
        "client_secret" => Ok(SecretName::ClientSecret),
        "password" => Ok(SecretName::Password),
        "security_token" => Ok(SecretName::SecurityToken),
        _ => Err(
            sfconnect_core::Error::input(sfconnect_core::Field::Option, "Unknown value.").into(),
        ),
    }
}

/// Copies a kept secret to the clipboard without showing it.
#[tauri::command]
pub fn copy_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: String,
) -> Answer<()> {
    let value = state.engine().reveal(secret_name(&name)?)?;
    app.clipboard()
        .write_text(value)
        .map_err(|_| clipboard_error())
}

fn clipboard_error() -> BoundaryError {
    sfconnect_core::Error::File {
        message: "Couldn't use the clipboard. Select the text and copy it instead.".into(),
    }
    .into()
}

/// Shows a kept secret: only when the admin presses "Show".
#[tauri::command]
pub fn reveal_secret(state: State<'_, AppState>, name: String) -> Answer<String> {
    state
        .engine()
        .reveal(secret_name(&name)?)
        .map_err(Into::into)
}

/// Writes the Airbyte source configuration; answers the full path.
#[tauri::command]
pub fn save_airbyte(state: State<'_, AppState>, path: String) -> Answer<String> {
    let path = std::path::PathBuf::from(path.trim());
    state.engine().deliver_airbyte(&path)?;
    Ok(path.display().to_string())
}

/// Removes the connection everywhere and forgets the secrets.
#[tauri::command]
pub async fn disconnect(state: State<'_, AppState>) -> Answer<Disconnected> {
    let engine = state.engine();
    engine
        .disconnect(None, &CancellationToken::new())
        .await
        .map_err(Into::into)
}

/// Starts again from the first screen.
#[tauri::command]
pub fn start_over(state: State<'_, AppState>) -> Answer<()> {
    state.engine().start_over().map_err(Into::into)
}

/// Switches to the built-in simulators ("Try the demo").
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Answer<()> {
    state.start_demo().await.map_err(Into::into)
}

/// The first screen is interactive: `bench/run` times launches by this line on stderr.
#[tauri::command]
pub fn first_screen_ready() {
    if std::env::var_os("SFCONNECT_REPORT_READY").is_some() {
        eprintln!("sfconnect: first screen ready");
    }
}
