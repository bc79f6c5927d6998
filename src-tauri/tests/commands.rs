//! The command layer under Tauri's mock runtime: arguments in, engine called, `{code, message}`
//! out — and the whole sign-in → verify → hand-off path through the commands.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use serde_json::{Value, json};
use sfconnect_app::dialogs::Script;
use sfconnect_app::state::AppState;
use sfconnect_core::Engine;
use sfconnect_core::browser::BrowserOpener;
use sfconnect_core::store::SettingsFile;
use sfconnect_sim::creds;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

/// Plays the user pressing Allow, on its own thread.
struct FollowingBrowser;

impl BrowserOpener for FollowingBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        let url = url.to_owned();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(sfconnect_sim::follow_like_a_browser(&url))
        });
        Ok(())
    }
}

fn window(
    settings: &std::path::Path,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    window_answering(
        settings,
        Script {
            confirm: Some(true),
            save_as: None,
            ..Script::default()
        },
    )
}

/// A window whose native dialogs answer from `script`.
fn window_answering(
    settings: &std::path::Path,
    script: Script,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let engine = Engine::builder(SettingsFile::at(settings.to_path_buf()))
        .browser(FollowingBrowser)
        .build();
    let state = AppState::with_engine(engine).with_dialog_script(script);
    let app = sfconnect_app::with_commands(mock_builder(), state)
        // The real context: its capability file decides which commands the window may call.
        .build(tauri::generate_context!())
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    // The app's own origin: tauri://localhost, http://tauri.localhost on Windows.
    let origin = if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    };
    invoke_from(webview, origin, cmd, body)
}

fn invoke_from(
    webview: &tauri::WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_owned(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// The error code a refused command answers.
fn refused(webview: &tauri::WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Value {
    invoke(webview, cmd, body).unwrap_err()["code"].clone()
}

fn temp_settings(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sfconnect-cmd-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("wizard.json")
}

#[test]
fn errors_cross_the_boundary_as_code_and_message() {
    let (_app, w) = window(&temp_settings("errors"));
    let ok = invoke(
        &w,
        "check_login_url",
        json!({"input": " https://acme.lightning.force.com/lightning/page/home "}),
    )
    .unwrap();
    assert_eq!(ok["origin"], "https://acme.my.salesforce.com");
    assert!(
        ok["links"]["external_client_app_manager"]
            .as_str()
            .unwrap()
            .ends_with("/lightning/setup/ManageExternalClientApplication/home")
    );

    let bad = invoke(
        &w,
        "check_login_url",
        json!({"input": "https://example.com"}),
    )
    .unwrap_err();
    assert_eq!(bad["code"], "invalid_login_url");
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("Salesforce address")
    );

    assert_eq!(
        refused(
            &w,
            "save_app_keys",
            json!({"clientId": "", "clientSecret": "x"})
        ),
        "invalid_client_id"
    );
    assert_eq!(
        refused(
            &w,
            "paste_redirect",
            json!({"address": "http://localhost:7717/callback?code=x"})
        ),
        "invalid_redirect_url"
    );
    // Secret names are a closed list: anything else is refused before a command runs.
    let bad = invoke(&w, "reveal_secret", json!({"name": "anything"})).unwrap_err();
    assert!(bad.to_string().contains("unknown variant"), "{bad}");
    // The refresh token can be copied (for CustomerOS by hand) but is never shown.
    assert_eq!(
        refused(&w, "reveal_secret", json!({"name": "refresh_token"})),
        "refresh_token_not_shown"
    );
}

/// Windows review (windows-under-wine.md, "The biggest real product bug"): the support report
/// reads the wizard's log from the folder Tauri's own log folder is (`%LOCALAPPDATA%` on
/// Windows, `~/Library/Logs` on macOS), under the app's real identifier.
#[test]
fn the_report_reads_the_log_from_tauris_own_log_folder() {
    use tauri::Manager;
    let settings = temp_settings("log-folder");
    let (app, _webview) = window(&settings);
    assert_eq!(
        app.config().identifier,
        sfconnect_core::engine::WIZARD_IDENTIFIER
    );
    assert_eq!(
        app.path().app_log_dir().unwrap(),
        sfconnect_core::engine::wizard_log_dir().unwrap()
    );
}

#[test]
fn remote_pages_cannot_call_the_commands() {
    let (_app, w) = window(&temp_settings("acl"));
    let refused = invoke_from(
        &w,
        "https://evil.example",
        "reveal_secret",
        json!({"name": "client_secret"}),
    );
    let message = refused.unwrap_err().to_string();
    assert!(message.contains("not allowed"), "{message}");
}

#[test]
fn secrets_reach_the_ui_only_when_asked() {
    let (_app, w) = window(&temp_settings("secrets"));
    assert_eq!(
        invoke(
            &w,
            "save_app_keys",
            json!({"clientId": creds::CLIENT_ID, "clientSecret": creds::CLIENT_SECRET})
        )
        .unwrap(),
        true
    );
    let state = invoke(&w, "load_state", json!({})).unwrap();
    assert_eq!(state["has_client_secret"], true);
    assert_eq!(state["settings"]["client_id"], creds::CLIENT_ID);
    assert!(
        !state.to_string().contains(creds::CLIENT_SECRET),
        "load_state never carries a secret"
    );
    assert_eq!(
        invoke(&w, "reveal_secret", json!({"name": "client_secret"})).unwrap(),
        creds::CLIENT_SECRET
    );
}

/// A window whose admin chose CustomerOS and this org and saved the app's keys, with the
/// simulators behind it.
struct Flow {
    _runtime: tokio::runtime::Runtime,
    sims: sfconnect_sim::Sims,
    _app: tauri::App<MockRuntime>,
    window: tauri::WebviewWindow<MockRuntime>,
}

impl Flow {
    fn start(name: &str) -> Self {
        Self::answering(
            name,
            Script {
                confirm: Some(true),
                save_as: None,
                ..Script::default()
            },
        )
    }

    fn answering(name: &str, script: Script) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let sims = runtime.block_on(sfconnect_sim::start(&[port])).unwrap();
        let settings = temp_settings(name);
        std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
        std::fs::write(&settings, json!({"ports": [port]}).to_string()).unwrap();
        let (app, window) = window_answering(&settings, script);
        invoke(&window, "save_choices", json!({"choices": {"destination": "customeros", "method": "web", "login_url": sims.salesforce.my_domain_url()}})).unwrap();
        invoke(
            &window,
            "save_app_keys",
            json!({"clientId": creds::CLIENT_ID, "clientSecret": creds::CLIENT_SECRET}),
        )
        .unwrap();
        Self {
            _runtime: runtime,
            sims,
            _app: app,
            window,
        }
    }

    fn sign_in(&self) -> Value {
        invoke(&self.window, "sign_in", json!({})).unwrap()
    }
}

#[test]
fn sign_in_verify_and_hand_off_through_the_commands() {
    let flow = Flow::start("flow");
    let (sims, w) = (&flow.sims, &flow.window);
    let verified = flow.sign_in();
    assert_eq!(verified["identity"]["org_id"], creds::ORG_ID);
    assert_eq!(verified["counts"]["Account"], 1284);
    assert!(!verified.to_string().contains(creds::CLIENT_SECRET));

    let wrong = invoke(
        w,
        "connect_customeros",
        json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": "wrong"}),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "customeros_api_key_invalid");
    let state = invoke(w, "connect_customeros", json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY})).unwrap();
    assert_eq!(state, "ACTIVE");
    assert_eq!(
        sims.customeros.stored_salesforce().unwrap().client_id,
        creds::CLIENT_ID
    );
    let state = invoke(w, "load_state", json!({})).unwrap();
    assert_eq!(state["settings"]["destination_state"], "ACTIVE");
    assert_eq!(state["settings"]["last_step"], "done");
}

/// Walkthrough 2, (e): CustomerOS's details are kept while Salesforce gets the app ready,
/// before any sign-in exists (nothing is sent then); Connect afterwards needs no key typed.
#[test]
fn customeros_details_kept_before_the_sign_in_finish_the_connect_step() {
    let flow = Flow::start("kept-before");
    let (sims, w) = (&flow.sims, &flow.window);
    let empty = invoke(
        w,
        "keep_customeros_details",
        json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": ""}),
    )
    .unwrap_err();
    assert_eq!(empty["code"], "invalid_api_key", "{empty}");
    invoke(
        w,
        "keep_customeros_details",
        json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY}),
    )
    .unwrap();
    assert!(
        sims.customeros.stored_salesforce().is_none(),
        "nothing was sent to CustomerOS"
    );
    let state = invoke(w, "load_state", json!({})).unwrap();
    assert_eq!(
        state["settings"]["customeros_username"],
        creds::CUSTOMEROS_USER
    );
    assert_eq!(state["has_api_key"], true);
    assert!(!state.to_string().contains(creds::CUSTOMEROS_API_KEY));

    flow.sign_in();
    let connected = invoke(
        w,
        "connect_customeros",
        json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": null}),
    )
    .unwrap();
    assert_eq!(connected, "ACTIVE");
}

/// Wizard walkthrough 2, H2: after Salesforce revoked the sign-in, Connect again fails with
/// "sign in again" instead of handing the dead token over and landing on a green Done.
#[test]
fn a_revoked_sign_in_is_never_handed_over_again_as_active() {
    let flow = Flow::start("revoked-handoff");
    let (sims, w) = (&flow.sims, &flow.window);
    flow.sign_in();
    let connect = json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY});
    assert_eq!(
        invoke(w, "connect_customeros", connect.clone()).unwrap(),
        "ACTIVE"
    );
    let held = sims.customeros.stored_salesforce().unwrap().refresh_token;
    // The admin revokes the app's access in Salesforce Setup.
    let revoke = format!("{}/services/oauth2/revoke", sims.salesforce.my_domain_url());
    flow._runtime
        .block_on(
            reqwest::Client::new()
                .post(revoke)
                .form(&[("token", held.as_str())])
                .send(),
        )
        .unwrap();
    let again = invoke(w, "connect_customeros", connect).unwrap_err();
    assert_eq!(again["code"], "refresh_token_revoked", "{again}");
    let message = again["message"].as_str().unwrap();
    assert!(
        message.contains("Sign in again") && !message.contains("  "),
        "{message}"
    );
}

#[test]
fn customerscore_fields_are_masked_until_revealed() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sims = runtime.block_on(sfconnect_sim::start(&[1])).unwrap();
    let (_app, w) = window(&temp_settings("customerscore"));
    let choices = json!({"choices": {
        "destination": "customerscore",
        "method": "client-credentials",
        "login_url": sims.salesforce.my_domain_url()
    }});
    invoke(&w, "save_choices", choices).unwrap();
    invoke(
        &w,
        "save_app_keys",
        json!({"clientId": creds::CLIENT_ID, "clientSecret": creds::CLIENT_SECRET}),
    )
    .unwrap();
    let verified = invoke(&w, "sign_in", json!({})).unwrap();
    assert_eq!(verified["method"], "client-credentials");
    let view = invoke(&w, "provider_fields", json!({})).unwrap();
    assert_eq!(view["mode"], "Connected App OAuth 2.0 Client Credentials");
    assert_eq!(view["fields"][1]["value"], creds::CLIENT_ID);
    assert!(!view.to_string().contains(creds::CLIENT_SECRET), "masked");
    assert_eq!(
        invoke(&w, "reveal_secret", json!({"name": "client_secret"})).unwrap(),
        creds::CLIENT_SECRET
    );
}

/// The names in one hand-kept list: `build.rs`'s permissions, the invoke handler, and the
/// capability file must name exactly the same commands.
#[test]
fn build_script_handler_and_capability_name_the_same_commands() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let quoted = |text: &str| -> std::collections::BTreeSet<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let build = read("build.rs");
    let permissions = quoted(&build[build.find("COMMANDS").unwrap()..build.find("];").unwrap()]);
    let commands = read("src/commands/mod.rs");
    let start = commands.find("generate_handler![").unwrap();
    let handler: std::collections::BTreeSet<String> = commands[start..]
        ["generate_handler![".len()..commands[start..].find(']').unwrap()]
        .split(',')
        .map(|path| {
            path.trim()
                .rsplit("::")
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|name| !name.is_empty())
        .collect();
    let capability: Value = serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let allowed: std::collections::BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|name| name.replace('-', "_"))
        .collect();
    assert_eq!(permissions, handler, "build.rs vs generate_handler!");
    // Security review 2, N9: the webview may not write the log the support report shows.
    let plugins: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.starts_with("allow-"))
        .collect();
    assert!(
        plugins.iter().all(|p| !p.starts_with("log:")),
        "the webview can forge support log lines: {plugins:?}"
    );
    assert_eq!(
        permissions, allowed,
        "build.rs vs capabilities/default.json"
    );
    let generated: std::collections::BTreeSet<String> =
        std::fs::read_dir(root.join("permissions/autogenerated"))
            .unwrap()
            .map(|entry| {
                let name = entry.unwrap().file_name().into_string().unwrap();
                name.trim_end_matches(".toml").to_owned()
            })
            .collect();
    assert_eq!(
        permissions, generated,
        "stale files in permissions/autogenerated"
    );
    // And each one is really registered: calling it never answers "command not found".
    let (_app, w) = window(&temp_settings("registered"));
    // copy_support_report needs no arguments and goes straight to the clipboard plugin,
    // which the mock app doesn't have; restart_app would restart this test.
    for name in handler
        .iter()
        .filter(|name| !["copy_support_report", "restart_app"].contains(&name.as_str()))
    {
        if let Err(error) = invoke(&w, name, json!({"__probe": true})) {
            assert!(!error.to_string().contains("not found"), "{name}: {error}");
        }
    }
}

#[test]
fn a_customeros_that_connects_salesforce_itself_keeps_the_sign_in_and_says_where() {
    let flow = Flow::start("by-hand");
    let (sims, w) = (&flow.sims, &flow.window);
    sims.customeros.switches(|s| s.ignores_salesforce = true);
    flow.sign_in();
    let connect = json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY});
    assert_eq!(
        refused(w, "connect_customeros", connect),
        "customeros_connects_itself"
    );
    assert_eq!(
        sims.salesforce.live_refresh_tokens(),
        1,
        "the grant stays live"
    );
    let state = invoke(w, "load_state", json!({})).unwrap();
    assert!(
        state["settings"]["destination_state"].is_null(),
        "not recorded as delivered"
    );
}

/// A hand-off outside CustomerOS's own cloud goes only after a yes in a native dialog naming
/// the host (security review #11); the webview can't answer it.
#[test]
fn a_hand_off_outside_customeros_cloud_needs_a_yes_in_a_native_dialog() {
    let flow = Flow::answering(
        "declined",
        Script {
            confirm: Some(false),
            loopback_org: Some(true),
            save_as: None,
            ..Script::default()
        },
    );
    let (sims, w) = (&flow.sims, &flow.window);
    flow.sign_in();
    let declined = invoke(w, "connect_customeros", json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY})).unwrap_err();
    assert_eq!(declined["code"], "invalid_customeros_url");
    assert!(
        declined["message"]
            .as_str()
            .unwrap()
            .contains("Nothing was sent to 127.0.0.1"),
        "{declined}"
    );
    assert!(sims.customeros.stored_salesforce().is_none());
}

/// The saved CustomerOS API key is only ever sent to the address it was entered for: a
/// changed address needs the key again, and nothing is sent before it is given.
#[test]
fn the_saved_api_key_only_goes_where_it_was_entered() {
    let flow = Flow::start("key-binding");
    let (sims, w) = (&flow.sims, &flow.window);
    flow.sign_in();
    let first = invoke(w, "connect_customeros", json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": creds::CUSTOMEROS_API_KEY})).unwrap();
    assert_eq!(first, "ACTIVE");
    let same = invoke(
        w,
        "connect_customeros",
        json!({"url": sims.customeros.url(), "email": creds::CUSTOMEROS_USER, "apiKey": null}),
    )
    .unwrap();
    assert_eq!(same, "ACTIVE", "the same address may use the saved key");
    let elsewhere = format!(
        "http://localhost:{}",
        sims.customeros.url().rsplit(':').next().unwrap()
    );
    let moved = invoke(
        w,
        "connect_customeros",
        json!({"url": elsewhere, "email": creds::CUSTOMEROS_USER, "apiKey": null}),
    )
    .unwrap_err();
    assert_eq!(moved["code"], "invalid_api_key", "{moved}");
    assert!(
        moved["message"]
            .as_str()
            .unwrap()
            .contains("Enter the CustomerOS API key for"),
        "{moved}"
    );
}

/// The Airbyte file goes where the system's save dialog says (the webview names no path);
/// closing the dialog writes nothing.
#[test]
fn the_airbyte_file_goes_where_the_save_dialog_says() {
    let dir = temp_settings("airbyte-chosen");
    let dir = dir.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let chosen = dir.join("chosen-source.json");
    let flow = Flow::answering(
        "airbyte",
        Script {
            confirm: Some(true),
            save_as: Some(chosen.clone()),
            ..Script::default()
        },
    );
    let w = &flow.window;
    flow.sign_in();
    // Airbyte's web app takes form fields: the values in its form's order, secrets masked.
    let view = invoke(w, "airbyte_fields", json!({})).unwrap();
    let labels: Vec<&str> = view["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "Client ID (the Consumer Key)");
    assert_eq!(view["fields"][0]["value"], creds::CLIENT_ID);
    assert_eq!(view["fields"][2]["secret"], "refresh_token");
    assert!(!view.to_string().contains(creds::CLIENT_SECRET), "masked");
    let written = invoke(w, "save_airbyte", json!({})).unwrap();
    assert_eq!(written, chosen.display().to_string());
    let config: Value = serde_json::from_slice(&std::fs::read(&chosen).unwrap()).unwrap();
    assert_eq!(config["credentials"]["client_id"], creds::CLIENT_ID);
    assert_eq!(config["credentials"]["auth_type"], "ClientManual");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&chosen).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let closed = Flow::answering(
        "airbyte-closed",
        Script {
            confirm: Some(true),
            save_as: None,
            ..Script::default()
        },
    );
    closed.sign_in();
    assert_eq!(
        invoke(&closed.window, "save_airbyte", json!({})).unwrap(),
        Value::Null
    );
}

/// A sign-in at a loopback "org" outside the demo needs a yes in a native dialog first
/// (security review 2, N6): said no, nothing reaches that address, not even the browser.
/// Walkthrough 2, M5: the support report is saved where the save dialog says, owner-only,
/// with no secret in it (a copy in the clipboard is gone when the app closes).
#[test]
fn the_support_report_is_saved_where_the_dialog_says() {
    let file = temp_settings("saved-report").with_file_name("sfconnect-report.txt");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let flow = Flow::answering(
        "save-report",
        Script {
            confirm: Some(true),
            save_as: Some(file.clone()),
            ..Script::default()
        },
    );
    flow.sign_in();
    std::fs::write(&file, "an older report").unwrap();
    let saved = invoke(&flow.window, "save_support_report", json!({})).unwrap();
    assert_eq!(saved, file.display().to_string());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("sfconnect support report"), "{text}");
    assert!(text.contains("Last success:"), "{text}");
    let mut secrets = flow.sims.salesforce.issued_tokens();
    secrets.push(creds::CLIENT_SECRET.to_owned());
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "a secret in the saved report"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
    }
}

/// Wizard walkthrough 2, H3: the demo signs in at its own org from any screen it is entered
/// at, and never talks to a real org or CustomerOS typed into its forms.
#[test]
fn the_demo_signs_in_at_its_own_org_and_nowhere_else() {
    let flow = Flow::start("demo-stays");
    let w = &flow.window;
    invoke(w, "start_demo", json!({})).unwrap();
    let state = invoke(w, "load_state", json!({})).unwrap();
    assert_eq!(
        state["settings"]["login_url"], state["demo"]["login_url"],
        "the demo's org is set before any screen"
    );
    invoke(
        w,
        "save_choices",
        json!({"choices": {"login_url": "acme.my.salesforce.com"}}),
    )
    .unwrap();
    let refused = invoke(w, "sign_in", json!({})).unwrap_err();
    assert_eq!(refused["code"], "demo_running", "{refused}");
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.contains("https://acme.my.salesforce.com") && message.contains("Leave the demo"),
        "{message}"
    );
    let refused = invoke(
        w,
        "connect_customeros",
        json!({"url": "https://app.customeros.ai", "email": creds::CUSTOMEROS_USER, "apiKey": "k"}),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "demo_running", "{refused}");
    invoke(w, "leave_demo", json!({})).unwrap();
    assert_eq!(flow.sims.salesforce.token_requests(), 0);
}

#[test]
fn a_loopback_org_is_signed_in_at_only_after_a_yes() {
    let no = Flow::answering(
        "loopback-no",
        Script {
            confirm: Some(false),
            save_as: None,
            ..Script::default()
        },
    );
    let refused = invoke(&no.window, "sign_in", json!({})).unwrap_err();
    assert_eq!(refused["code"], "invalid_login_url", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Nothing was sent to 127.0.0.1:"),
        "{refused}"
    );
    assert_eq!(no.sims.salesforce.token_requests(), 0);
    assert!(no.sims.salesforce.seen().is_empty(), "no request at all");

    let yes = Flow::start("loopback-yes");
    assert_eq!(yes.sign_in()["identity"]["org_id"], creds::ORG_ID);
}

/// A kept secret reaches the webview, and the refresh token the clipboard, only after a yes in
/// sfconnect's own dialog (security review 2, N6): a script by itself gets neither.
#[test]
fn secrets_are_shown_and_the_refresh_token_copied_only_after_a_yes() {
    let no = Flow::answering(
        "secrets-no",
        Script {
            confirm: Some(true),
            secrets: Some(false),
            ..Script::default()
        },
    );
    no.sign_in();
    let shown = invoke(
        &no.window,
        "reveal_secret",
        json!({"name": "client_secret"}),
    )
    .unwrap_err();
    assert_eq!(shown["code"], "cancelled");
    assert!(!shown.to_string().contains(creds::CLIENT_SECRET));
    assert_eq!(
        refused(&no.window, "copy_secret", json!({"name": "refresh_token"})),
        "cancelled"
    );

    let yes = Flow::start("secrets-yes");
    yes.sign_in();
    assert_eq!(
        invoke(
            &yes.window,
            "reveal_secret",
            json!({"name": "client_secret"})
        )
        .unwrap(),
        creds::CLIENT_SECRET
    );
    // Copying after a yes: gui::airbyte (the mock runtime has no clipboard).
}
