//! The desktop wizard end to end in a real window: `tauri-driver` + `WebKitWebDriver` under
//! Xvfb drive the real app against the simulators, with `BROWSER` set to the program that
//! follows the sign-in redirect. Saves a screenshot of every screen into docs/screenshots/.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::webdriver::{self, Driver};
use common::{bin, free_port};
use serde_json::json;
use sfconnect_sim::{Sims, creds};
use std::path::{Path, PathBuf};

/// One window at a time: the app is single-instance per desktop session, so a second copy
/// would just focus the first.
static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

struct Gui {
    driver: Driver,
    tauri_driver: tokio::process::Child,
    home: Option<tempfile::TempDir>,
    profile: String,
}

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots")
}

async fn launch(browser: &Path, callback_port: u16) -> Gui {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("sfconnect");
    std::fs::create_dir_all(&config).unwrap();
    // The admin registered this callback port (as with --port on the CLI).
    std::fs::write(
        config.join(format!("gui-{callback_port}.json")),
        json!({"ports": [callback_port]}).to_string(),
    )
    .unwrap();
    relaunch(browser, callback_port, home, &[]).await
}

/// Starts the app on an existing home (its settings and keyring entries kept).
async fn relaunch(
    browser: &Path,
    callback_port: u16,
    home: tempfile::TempDir,
    env: &[(&str, &str)],
) -> Gui {
    let config = home.path().join("sfconnect");
    let profile = format!("gui-{callback_port}");
    let port = free_port();
    let native = free_port();
    let app = bin("sfconnect-app");
    webdriver::wait_until_none_runs(&app.canonicalize().unwrap_or(app.clone()));
    let tauri_driver = tokio::process::Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("SFCONNECT_CONFIG_DIR", &config)
        .env("SFCONNECT_PROFILE", &profile)
        .env("BROWSER", browser)
        .env("SFCONNECT_LOG", "trace")
        // Native dialogs (confirm a hand-off to the simulator) answer "yes" in debug builds.
        .env("SFCONNECT_TEST_DIALOGS", "accept")
        .env("RUST_BACKTRACE", "1")
        // No daily look for updates at github.com (no network here); the update test turns it on.
        .env("SFCONNECT_UPDATES", "off")
        .envs(env.iter().copied())
        .stdout(
            std::fs::File::options()
                .create(true)
                .append(true)
                .open(home.path().join("app-output.log"))
                .unwrap(),
        )
        .stderr(
            std::fs::File::options()
                .create(true)
                .append(true)
                .open(home.path().join("app-output.log"))
                .unwrap(),
        )
        .kill_on_drop(true)
        .spawn()
        .expect("tauri-driver is installed (scripts/setup installs it)");
    let app = bin("sfconnect-app");
    let driver = Driver::start(port, app.to_str().unwrap()).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while driver
        .script("return document.body.dataset.ready || ''", json!([]))
        .await
        != "true"
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the wizard never became ready"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Gui {
        driver,
        tauri_driver,
        home: Some(home),
        profile,
    }
}

impl Drop for Gui {
    /// Even when a test fails: no window this test started may outlive it (the next launch
    /// would only focus it). Only our own processes: tauri-driver and what it started.
    fn drop(&mut self) {
        let ours = self
            .tauri_driver
            .id()
            .map(webdriver::descendants)
            .unwrap_or_default();
        let _ = self.tauri_driver.start_kill();
        webdriver::kill_and_wait(&ours, "-TERM");
    }
}

impl Gui {
    /// Every file under the app's home (logs, settings, captured output) and the page's text
    /// must hold none of these.
    async fn assert_no_leaks(&self, secrets: &[&str]) {
        let mut haystacks = vec![self.driver.page_text().await];
        let mut dirs = vec![self.home.as_ref().unwrap().path().to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    haystacks.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        assert!(haystacks.len() > 2, "logs and settings were scanned");
        for secret in secrets {
            for hay in &haystacks {
                assert!(!hay.contains(secret), "secret {}… leaked", &secret[..6]);
            }
        }
    }

    /// axe-core finds no accessibility violation in the window as it is now.
    async fn accessible(&self, state: &str) {
        let violations = self.driver.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "axe-core on {state}:\n{}",
            violations.join("\n")
        );
    }

    async fn shot(&self, name: &str) {
        let text = self.driver.page_text().await;
        for secret in [
            creds::CLIENT_SECRET,
            creds::CUSTOMEROS_API_KEY,
            creds::PASSWORD,
            creds::SECURITY_TOKEN,
        ] {
            assert!(!text.contains(secret), "screen {name} shows a secret");
        }
        self.accessible(name).await;
        // The pixels as the user sees them, from the X display (WebDriver's own screenshot
        // needs GPU compositing, which the wizard turns off); -trim cuts the empty screen
        // around the window.
        self.driver.settle().await;
        let capture = std::process::Command::new("import")
            .args(["-window", "root", "-trim", "+repage", "png:-"])
            .output()
            .expect("ImageMagick's import (scripts/setup installs it)");
        let png = capture.stdout;
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::create_dir_all(screenshots()).unwrap();
        std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
    }

    /// Kills this test's app outright (SIGKILL, mid-flow) but keeps its home, to restart it.
    async fn kill_keeping_home(mut self) -> tempfile::TempDir {
        let app = bin("sfconnect-app");
        let ours = self
            .tauri_driver
            .id()
            .map(webdriver::descendants)
            .unwrap_or_default();
        let apps: Vec<u32> = ours
            .into_iter()
            .filter(|pid| webdriver::runs(*pid, &app))
            .collect();
        assert!(!apps.is_empty(), "the app this test started is running");
        webdriver::kill_and_wait(&apps, "-KILL");
        self.home.take().unwrap()
    }

    /// Closes the window but keeps its home, to reopen it.
    async fn close_keeping_home(mut self) -> tempfile::TempDir {
        self.driver.quit().await;
        self.home.take().unwrap()
    }

    async fn close(self) {
        use sfconnect_core::store::{KeyringStore, SecretName, SecretStore};
        let store = KeyringStore::new(&self.profile);
        for name in SecretName::KEYRING {
            let _ = store.delete(name);
        }
        drop(self.close_keeping_home().await);
    }

    /// Welcome → org → app → keys, with CustomerOS as the destination.
    async fn up_to_sign_in(&self, sims: &Sims, callback_port: u16, shots: bool) {
        let d = &self.driver;
        d.wait_screen("welcome").await;
        assert!(
            d.text("h1")
                .await
                .contains("Connect Salesforce to CustomerOS")
        );
        if shots {
            self.shot("01-welcome").await;
            // Tab order follows the visual order: the demo link (left) before Start (right).
            let order = d
                .script(
                    "return !!(document.querySelector('#try-demo').compareDocumentPosition(document.querySelector('#welcome-start')) & Node.DOCUMENT_POSITION_FOLLOWING)",
                    json!([]),
                )
                .await;
            assert_eq!(order, true);
            assert_eq!(
                d.focused().await,
                "welcome-start",
                "focus on what comes next"
            );
        }
        d.click("#welcome-start").await;

        d.wait_screen("org").await;
        d.type_into(
            "#login-url",
            &format!(
                "  {}/lightning/page/home \n",
                sims.salesforce.my_domain_url()
            ),
        )
        .await;
        d.wait_text(
            "#login-result",
            &format!("Signing in at {}", sims.salesforce.my_domain_url()),
        )
        .await;
        if shots {
            self.shot("02-org").await;
        }
        d.click("#org-continue").await;

        d.wait_screen("app").await;
        let steps = d.text("#steps-eca").await;
        assert!(steps.contains("External Client App Manager"), "{steps}");
        assert!(
            steps.contains(&format!("http://localhost:{callback_port}/callback")),
            "{steps}"
        );
        assert!(steps.contains("Perform requests at any time (refresh_token, offline_access)"));
        if shots {
            self.shot("03-create-app").await;
            // The tabs move with the arrow keys; Tab stops on the selected one only.
            use fantoccini::key::Key;
            d.press("#tab-eca", Key::Right).await;
            assert_eq!(d.focused().await, "tab-ca");
            assert!(d.visible("#steps-ca").await && !d.visible("#steps-eca").await);
            self.shot("03b-create-app-connected-app").await;
            d.press("#tab-ca", Key::Home).await;
            assert_eq!(d.focused().await, "tab-eca");
            assert!(d.visible("#steps-eca").await);
            let tab_stops = d
                .script(
                    "return [...document.querySelectorAll('[role=tab]')].map((t) => t.tabIndex)",
                    json!([]),
                )
                .await;
            assert_eq!(tab_stops, json!([0, -1]));
        }
        d.click("#app-continue").await;

        d.wait_screen("keys").await;
        assert_eq!(
            d.focused().await,
            "client-id",
            "focus on the first field to fill"
        );
        if shots {
            // The Secret pasted into the Key field: hidden at once, not savable, and one click
            // moves it where it belongs.
            let secret_shaped = "E7F2A9C4B1D8E3F6A0B5C2D9E4F1A7B3C8D5E2F9A6B0C3D7E1F4A8B2C5D9E0F3";
            d.type_into("#client-id", secret_shaped).await;
            d.wait_text("#client-id-hint", "looks like the Consumer Secret")
                .await;
            let field = |property: &'static str| {
                d.script(
                    "const e = document.querySelector(arguments[0]); return String(e[arguments[1]]);",
                    serde_json::json!(["#client-id", property]),
                )
            };
            assert_eq!(field("type").await, "password");
            let save_disabled = d
                .script(
                    "return document.querySelector('#keys-save').disabled",
                    serde_json::json!([]),
                )
                .await;
            assert_eq!(save_disabled, true);
            assert!(!d.page_text().await.contains(secret_shaped));
            self.shot("04b-keys-swapped").await;
            assert!(d.visible("#swap-keys").await);
            d.click("#swap-keys").await;
            let moved = d
                .script(
                    "return document.querySelector('#client-secret').value",
                    serde_json::json!([]),
                )
                .await;
            assert_eq!(moved, secret_shaped);
            assert_eq!(field("type").await, "text");
        }
        d.type_into("#client-id", creds::CLIENT_ID).await;
        d.type_into("#client-secret", creds::CLIENT_SECRET).await;
        assert!(
            !d.page_text().await.contains(creds::CLIENT_SECRET),
            "the secret is masked"
        );
        if shots {
            // Revealed, then the window loses focus (another app in front of a screen share):
            // hidden again.
            let secret_type = || {
                d.script(
                    "return document.querySelector('#client-secret').type",
                    serde_json::json!([]),
                )
            };
            d.click("button[data-reveal='client-secret']").await;
            assert_eq!(secret_type().await, "text");
            d.script(
                "window.dispatchEvent(new Event('blur'))",
                serde_json::json!([]),
            )
            .await;
            assert_eq!(secret_type().await, "password");
        }
        if shots {
            self.shot("04-keys").await;
        }
        d.click("#keys-save").await;
        d.wait_screen("signin").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wizard_connects_customeros_then_handles_deny_and_paste() {
    let _one = ONE_WINDOW.lock().await;
    // 1. The whole CustomerOS path, with the browser hop played by sim-browser.
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    let gui = launch(&bin("sim-browser"), port).await;
    gui.up_to_sign_in(&sims, port, true).await;
    let d = &gui.driver;
    assert!(
        d.text("#signin-start")
            .await
            .contains("Sign in to Salesforce")
    );
    gui.shot("05-sign-in").await;
    d.click("#signin-start").await;

    d.wait_screen("check").await;
    d.wait_text("#counts [data-object=Account] .n", "1,284")
        .await;
    assert_eq!(d.text("#counts [data-object=Contact] .n").await, "5,310");
    assert_eq!(d.text("#counts [data-object=Opportunity] .n").await, "412");
    assert_eq!(d.text("#counts [data-object=Lead] .n").await, "977");
    assert!(d.text("#who").await.contains(creds::USERNAME));
    assert!(
        d.text("#who").await.contains("Acme Demo"),
        "the org's name, not only its id"
    );
    gui.shot("06-check").await;
    // Back from Check keeps the sign-in: Continue, no second trip to the browser.
    let codes = sims.salesforce.codes_issued();
    d.click("section[data-screen='check'] .back").await;
    d.wait_screen("signin").await;
    d.wait_text("#signed-in-already", "Signed in as").await;
    assert!(d.visible("#signed-in-already").await);
    d.click("#signin-continue").await;
    d.wait_screen("check").await;
    assert_eq!(sims.salesforce.codes_issued(), codes, "no new sign-in");
    d.click("#check-continue").await;

    d.wait_screen("connect").await;
    // The usual cloud address is filled in; this test's CustomerOS is the simulator.
    let prefilled = d
        .script(
            "return document.querySelector('#cos-url').value",
            serde_json::json!([]),
        )
        .await;
    assert_eq!(prefilled, "https://app.customeros.ai");
    assert_eq!(
        d.focused().await,
        "cos-email",
        "the address is filled: the email is next"
    );
    d.type_into("#cos-url", sims.customeros.url()).await;
    d.type_into("#cos-email", creds::CUSTOMEROS_USER).await;
    d.type_into("#cos-key", creds::CUSTOMEROS_API_KEY).await;
    gui.shot("07-connect").await;
    // A sandbox connection kept on this computer was handed to the same CustomerOS workspace:
    // the first press says it would be replaced; the second goes on.
    let home = gui.home.as_ref().unwrap().path().join("sfconnect");
    std::fs::write(
        home.join("sandbox.json"),
        json!({
            "login_url": "https://test.salesforce.com",
            "destination": "customeros",
            "customeros_url": sims.customeros.url().trim_end_matches('/'),
            "customeros_username": creds::CUSTOMEROS_USER.to_uppercase(),
            "destination_state": "ACTIVE",
            "last_step": "done",
        })
        .to_string(),
    )
    .unwrap();
    let posts_before = sims.customeros.seen().len();
    d.click("#cos-connect").await;
    d.wait_text("#replace-warning", "replaces it").await;
    let warning = d.text("#replace-warning").await;
    assert!(
        warning.contains("test.salesforce.com (the connection “sandbox”)"),
        "{warning}"
    );
    assert_eq!(d.text("#cos-connect").await, "Replace it and connect");
    assert_eq!(
        sims.customeros.seen().len(),
        posts_before,
        "nothing sent yet"
    );
    gui.accessible("the replace warning").await;
    gui.shot("07c-connect-replaces").await;
    // A hanging CustomerOS: elapsed time and Cancel, and nothing lost.
    sims.customeros
        .switches(|s| s.delay = std::time::Duration::from_secs(60));
    d.click("#cos-connect").await;
    d.wait_text("#cos-connect", "Connecting… 1 s").await;
    gui.shot("07b-connect-waiting").await;
    d.click("#cos-cancel").await;
    d.wait_text("#connect-error .code", "cancelled").await;
    assert_eq!(
        d.focused().await,
        "cos-connect",
        "focus not lost with Cancel"
    );
    sims.customeros
        .switches(|s| s.delay = std::time::Duration::ZERO);
    d.click("#cos-connect").await;

    d.wait_screen("done").await;
    d.wait_text("#destination-state", "ACTIVE").await;
    // The home screen asks both sides on opening: live, not remembered.
    let integration_reads = || {
        sims.customeros
            .seen()
            .iter()
            .filter(|s| s.method == "GET" && s.uri == "/integrations")
            .count()
    };
    d.wait_text("#live-line", "Live — checked at").await;
    assert!(d.text("#live-line").await.contains("ACTIVE"));
    let reads = integration_reads();
    assert!(reads >= 1, "CustomerOS was asked");
    assert!(!d.visible("#report-copied").await);
    d.click("#copy-report").await;
    d.wait_text("#report-copied", "Copied.").await;
    assert!(d.visible("#report-copied").await);
    gui.shot("08-done").await;
    d.click("#open-destination").await;
    d.wait_text("#open-destination", "Opened").await;
    // Disconnect asks first; Escape closes the question and focus returns to the button.
    d.click("#disconnect").await;
    assert!(d.visible("#disconnect-confirm").await);
    gui.accessible("the Disconnect question").await;
    d.script(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))",
        json!([]),
    )
    .await;
    assert!(!d.visible("#disconnect-confirm").await);
    let focused = d
        .script("return document.activeElement.id", json!([]))
        .await;
    assert_eq!(focused, "disconnect");
    d.click("#check-now").await;
    d.wait_text("#live-line", "Live — checked at").await;
    // Someone removes the integration in CustomerOS: the next check says so.
    sims.customeros
        .switches(|s| s.state_override = Some("INACTIVE".into()));
    d.click("#check-now").await;
    d.wait_text("#live-line", "Not working right now").await;
    assert!(
        d.text("#live-line")
            .await
            .contains("doesn't list Salesforce")
    );
    assert!(integration_reads() > reads, "asked again on Check now");
    gui.shot("08b-home-not-working").await;
    sims.customeros.switches(|s| s.state_override = None);
    let stored = sims
        .customeros
        .stored_salesforce()
        .expect("CustomerOS has Salesforce");
    assert_eq!(stored.client_id, creds::CLIENT_ID);
    assert!(sims.salesforce.refresh_token_is_live(&stored.refresh_token));
    // A second connection (a sandbox, another org) next to this one, and back.
    d.click("#connections-open").await;
    assert!(d.visible("#connections").await);
    let list = d.text("#connections-list").await;
    assert!(
        list.contains("Acme Demo") && list.contains("Open now"),
        "{list}"
    );
    d.click("#connection-add").await;
    d.wait_screen("welcome").await;
    assert!(
        !d.visible("#existing-connection").await,
        "a new, empty connection"
    );
    assert!(!d.visible("#connections").await);
    d.click("#connections-open").await;
    d.wait_text("#connections-list", "Not set up yet").await;
    let list = d.text("#connections-list").await;
    assert!(
        list.contains("Acme Demo") && list.contains("set up"),
        "{list}"
    );
    gui.shot("12-connections").await;
    d.click(&format!(
        "#connections-list button[data-profile='{}']",
        gui.profile
    ))
    .await;
    d.wait_screen("done").await;
    d.wait_text("#live-line", "Live — checked at").await;
    let mut secrets = vec![creds::CLIENT_SECRET, creds::CUSTOMEROS_API_KEY];
    let issued = sims.salesforce.issued_tokens();
    secrets.extend(issued.iter().map(String::as_str));
    gui.assert_no_leaks(&secrets).await;
    gui.close().await;

    // 2. Deny in Salesforce: the plain-language message and a way to try again.
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    sims.salesforce.switches(|s| s.deny = true);
    let gui = launch(&bin("sim-browser"), port).await;
    gui.up_to_sign_in(&sims, port, false).await;
    // Another program holds the registered port: said before any browser opens, with a way on.
    let holder = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    gui.driver.click("#signin-start").await;
    gui.driver
        .wait_text("#signin-error .code", "port_in_use")
        .await;
    assert!(
        gui.driver
            .text("#signin-error .message")
            .await
            .contains(&format!("Port {port} is already in use"))
    );
    assert_eq!(sims.salesforce.codes_issued(), 0, "no browser sign-in");
    assert!(gui.driver.visible("#signin-use-port").await);
    gui.driver.click("#signin-use-port").await;
    let next = port + 1;
    gui.driver
        .wait_text(
            "#port-fix-url",
            &format!("http://localhost:{next}/callback"),
        )
        .await;
    let saved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            gui.home
                .as_ref()
                .unwrap()
                .path()
                .join(format!("sfconnect/{}.json", gui.profile)),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        saved["ports"],
        json!([port, next]),
        "the old port is still tried first"
    );
    assert_eq!(gui.driver.focused().await, "signin-start");
    gui.accessible("the port-in-use fix").await;
    gui.shot("09a-port-taken").await;
    // Not yet registered in the app: the pre-flight check says so; the browser isn't sent there.
    gui.driver.click("#signin-start").await;
    gui.driver
        .wait_text("#signin-error .code", "callback_url_mismatch")
        .await;
    assert_eq!(sims.salesforce.codes_issued(), 0, "no browser sign-in");
    drop(holder);
    gui.driver.click("#signin-retry").await;
    gui.driver
        .wait_text("#signin-error .message", "You chose Deny")
        .await;
    assert!(
        gui.driver
            .text("#signin-error .code")
            .await
            .contains("access_denied")
    );
    gui.shot("09-denied").await;
    assert_eq!(
        gui.driver.focused().await,
        "signin-retry",
        "after the hidden Cancel, focus is on the error's button"
    );
    assert!(!gui.driver.visible("#signin-fix-secret").await);
    // A wrong Consumer Secret: the button leads to the fix, the emptied Secret field.
    sims.salesforce.switches(|s| s.deny = false);
    sims.salesforce.with_org(|org| {
        for app in &mut org.apps {
            app.client_secret = "a-different-secret".into();
        }
    });
    gui.driver.click("#signin-retry").await;
    gui.driver
        .wait_text("#signin-error .code", "wrong_client_secret")
        .await;
    assert!(gui.driver.visible("#signin-fix-secret").await);
    gui.accessible("the wrong-Secret error").await;
    gui.driver.click("#signin-fix-secret").await;
    gui.driver.wait_screen("keys").await;
    let secret_field = gui
        .driver
        .script(
            "const e = document.querySelector('#client-secret'); return [e.value, document.activeElement === e, e.getAttribute('aria-invalid')];",
            json!([]),
        )
        .await;
    assert_eq!(secret_field, json!(["", true, "true"]));
    gui.accessible("the emptied, marked Secret field").await;
    gui.close().await;

    // 3. The browser is elsewhere: the admin pastes the address it ended on.
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recorded = dir.path().join("url");
    let recorder = dir.path().join("record-url");
    std::fs::write(
        &recorder,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", recorded.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&recorder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let gui = launch(&recorder, port).await;
    gui.up_to_sign_in(&sims, port, false).await;
    let d = &gui.driver;
    d.click("#signin-start").await;
    d.wait_text("#waiting", "Waiting for you to choose Allow")
        .await;
    gui.accessible("waiting for Allow").await;
    let opened = || async {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !recorded.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the browser was never opened"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    opened().await;
    // Salesforce showed "client identifier invalid" instead of Allow: the helper names it and
    // leads to the Key, marked; saving it again and signing in starts a fresh sign-in.
    d.click("#sf-error-help summary").await;
    assert!(d.visible("#sf-error-help button[data-fix='keys']").await);
    gui.accessible("the Salesforce-error helper").await;
    d.click("#sf-error-help button[data-fix='keys']").await;
    d.wait_screen("keys").await;
    let key_field = d
        .script(
            "const e = document.querySelector('#client-id'); return [document.activeElement === e, e.getAttribute('aria-invalid')];",
            json!([]),
        )
        .await;
    assert_eq!(key_field, json!([true, "true"]));
    std::fs::remove_file(&recorded).unwrap();
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    d.click("#signin-start").await;
    d.wait_text("#waiting", "Waiting for you to choose Allow")
        .await;
    opened().await;
    let authorize = std::fs::read_to_string(&recorded).unwrap();
    let landed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(&authorize)
        .header("cookie", "sid=signed-in") // a browser already signed in to the org
        .send()
        .await
        .unwrap();
    let address = landed.headers()["location"].to_str().unwrap().to_owned();
    d.click("#signin-paste-toggle").await;
    d.type_into(
        "#paste-address",
        "http://localhost:1/callback?code=x&state=y",
    )
    .await;
    d.click("#paste-use").await;
    d.wait_text("#paste-error", "isn't the one Salesforce sends back")
        .await;
    gui.shot("10-paste").await;
    d.type_into("#paste-address", &address).await;
    d.click("#paste-use").await;
    d.wait_screen("check").await;
    d.wait_text("#counts [data-object=Lead] .n", "977").await;

    // 4. Killing the app mid-flow and starting it again resumes at the last finished step.
    let home = gui.kill_keeping_home().await;
    let gui = relaunch(&bin("sim-browser"), port, home, &[]).await;
    gui.driver.wait_screen("check").await;
    gui.driver
        .wait_text("#counts [data-object=Lead] .n", "977")
        .await;
    assert!(gui.driver.text("#who").await.contains(creds::USERNAME));

    // 5. The hand-off fails (CustomerOS down). Reopening flags it, and Connect finishes it
    //    with the kept sign-in and the saved key: no new sign-in.
    let d = &gui.driver;
    sims.customeros.switches(|s| s.status = Some(503));
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    assert!(!d.visible("#handoff-pending").await, "nothing failed yet");
    d.type_into("#cos-url", sims.customeros.url()).await;
    d.type_into("#cos-email", creds::CUSTOMEROS_USER).await;
    d.type_into("#cos-key", creds::CUSTOMEROS_API_KEY).await;
    d.click("#cos-connect").await;
    d.wait_text("#connect-error .code", "customeros_unavailable")
        .await;
    let home = gui.kill_keeping_home().await;
    let gui = relaunch(&bin("sim-browser"), port, home, &[]).await;
    let d = &gui.driver;
    d.wait_screen("check").await;
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    assert!(
        d.visible("#handoff-pending").await,
        "the unfinished hand-off is flagged"
    );
    sims.customeros.switches(|s| s.status = None);
    let codes = sims.salesforce.codes_issued();
    d.click("#cos-connect").await;
    d.wait_screen("done").await;
    d.wait_text("#live-line", "Live — checked at").await;
    assert_eq!(sims.salesforce.codes_issued(), codes, "no new sign-in");
    gui.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn try_the_demo_runs_the_whole_wizard_labelled() {
    let _one = ONE_WINDOW.lock().await;
    let gui = launch(&bin("sim-browser"), free_port()).await;
    let d = &gui.driver;
    d.wait_screen("welcome").await;
    assert!(d.text("#try-demo").await.contains("Try the demo"));
    d.click("#try-demo").await;
    d.wait_screen("org").await;
    gui.accessible("the demo's org screen").await;
    d.wait_text("#demo-badge", "DEMO").await;
    d.wait_text("#login-result", "Signing in at http://127.0.0.1:")
        .await;
    d.click("#org-continue").await;
    d.wait_screen("app").await;
    gui.accessible("the demo's app screen").await;
    d.click("#app-continue").await;
    d.wait_screen("keys").await;
    gui.accessible("the demo's keys screen").await;
    assert_eq!(
        d.script(
            "return document.querySelector('#client-id').value",
            json!([])
        )
        .await,
        creds::CLIENT_ID
    );
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    gui.accessible("the demo's signin screen").await;
    d.click("#signin-start").await;
    d.wait_screen("check").await;
    gui.accessible("the demo's check screen").await;
    d.wait_text("#counts [data-object=Account] .n", "1,284")
        .await;
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    gui.accessible("the demo's connect screen").await;
    d.click("#cos-connect").await;
    d.wait_screen("done").await;
    d.wait_text("#destination-state", "ACTIVE").await;
    assert!(d.text("#demo-badge").await.contains("DEMO"));
    assert!(
        d.text("#demo-note")
            .await
            .contains("simulated Salesforce org")
    );
    d.wait_text("#live-line", "Live — checked at").await;
    let title = d.script("return document.title", json!([])).await;
    assert_eq!(title, "sfconnect — Your connection — DEMO");
    gui.shot("11-demo-done").await;
    // A finished step in the stepper opens it again; the sign-in is kept.
    d.click("#stepper li[data-step='check'] button").await;
    d.wait_screen("check").await;
    d.wait_text("#counts [data-object=Account] .n", "1,284")
        .await;
    let later_step = d
        .script(
            "return document.querySelector(\"#stepper li[data-step='done'] button\").disabled",
            json!([]),
        )
        .await;
    assert_eq!(later_step, true, "steps not reached yet can't be jumped to");
    // Leaving the demo: the real (empty) setup again, without quitting.
    d.click("#leave-demo").await;
    d.wait_screen("welcome").await;
    assert!(!d.visible("#demo-badge").await);
    assert!(!d.visible("#demo-note").await);
    assert!(!d.visible("#leave-demo").await);
    let title = d.script("return document.title", json!([])).await;
    assert_eq!(title, "sfconnect — Welcome");
    gui.close().await;
}

/// Every control can be reached on the screen in view, and axe-core is content.
async fn assert_reachable(gui: &Gui, state: &str) {
    let unreachable = gui.driver.unreachable_controls().await;
    assert!(
        unreachable.is_empty(),
        "{state}: controls out of reach:\n{}",
        unreachable.join("\n")
    );
    gui.accessible(state).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wizard_fits_a_laptop_at_200_percent_and_half_a_screen() {
    let _one = ONE_WINDOW.lock().await;
    // 200 % on a 1280×800 screen (this virtual display): 640×400 CSS pixels for everything.
    let port = free_port();
    let home = tempfile::tempdir().unwrap();
    let gui = relaunch(&bin("sim-browser"), port, home, &[("GDK_SCALE", "2")]).await;
    let d = &gui.driver;
    d.wait_screen("welcome").await;
    let (width, height, ratio) = d.viewport().await;
    assert_eq!(ratio, 2.0, "the display is at 200 %");
    assert!(
        width <= 640.0 && height <= 400.0,
        "the window fits the screen: {width}×{height}"
    );
    assert_reachable(&gui, "Welcome at 200 %").await;
    gui.shot("z1-welcome-200-percent").await;
    d.click("#try-demo").await;
    d.wait_screen("org").await;
    d.wait_text("#login-result", "Signing in at").await;
    assert_reachable(&gui, "Org at 200 %").await;
    d.click("#org-continue").await;
    d.wait_screen("app").await;
    assert_reachable(&gui, "Create the app at 200 %").await;
    gui.shot("z2-create-app-200-percent").await;
    d.click("#app-continue").await;
    d.wait_screen("keys").await;
    assert_reachable(&gui, "Keys at 200 %").await;
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    assert_reachable(&gui, "Sign in at 200 %").await;
    d.click("#signin-start").await;
    d.wait_screen("check").await;
    d.wait_text("#counts [data-object=Account] .n", "1,284")
        .await;
    assert_reachable(&gui, "Check at 200 %").await;
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    assert_reachable(&gui, "Connect at 200 %").await;
    d.click("#cos-connect").await;
    d.wait_screen("done").await;
    d.wait_text("#live-line", "Live — checked at").await;
    assert_reachable(&gui, "the home screen at 200 %").await;
    gui.shot("z3-home-200-percent").await;

    // Half of a 1080p screen at 200 % (480 CSS pixels wide), next to the browser.
    d.resize(480, 400).await;
    let (width, _, _) = d.viewport().await;
    assert!(width <= 480.0, "the window is half a screen wide: {width}");
    assert_reachable(&gui, "the home screen, half a screen wide").await;
    gui.shot("z4-home-half-screen").await;
    d.click("#stepper li[data-step='app'] button").await;
    d.wait_screen("app").await;
    assert_reachable(&gui, "Create the app, half a screen wide").await;
    gui.shot("z5-create-app-half-screen").await;
    gui.close().await;
}

/// A loopback web server for the update test: serves whatever `files` holds now.
fn serve_files(
    files: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>,
) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body = files.lock().unwrap().get(&path).cloned();
            let mut stream = reader.into_inner();
            let head = match &body {
                Some(b) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_owned(),
            };
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body.unwrap_or_default());
        }
    });
    port
}

/// A minisign signature of `file` by a throwaway key (the Tauri CLI from npm signs it), as the
/// text a manifest carries.
fn signed_by_another_key(dir: &Path, file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let key = dir.join("other.key");
    let run = |args: &[&str], env: &[(&str, String)]| {
        let out = std::process::Command::new("npx")
            .args(["--no-install", "tauri", "signer"])
            .args(args)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        &[
            "generate",
            "--ci",
            "-p",
            "other",
            "-w",
            key.to_str().unwrap(),
        ],
        &[],
    );
    let secret = std::fs::read_to_string(&key).unwrap();
    run(
        &["sign", file.to_str().unwrap()],
        &[
            ("TAURI_SIGNING_PRIVATE_KEY", secret),
            ("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "other".to_owned()),
        ],
    );
    std::fs::read_to_string(format!("{}.sig", file.display())).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_updates_are_offered_and_one_signed_by_another_key_is_refused() {
    let _one = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("sfconnect_9.9.9.bin");
    std::fs::write(&package, b"not sfconnect: a package signed by someone else").unwrap();
    let signature = signed_by_another_key(dir.path(), &package);
    let files = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
    let port = serve_files(files.clone());
    let manifest = |version: &str| {
        let entry =
            json!({"url": format!("http://127.0.0.1:{port}/package"), "signature": signature});
        json!({
            "version": version,
            "notes": "Faster sign-in.",
            "pub_date": "2026-11-28T12:00:00Z",
            // This test's app is not installed from a package, so its platform has no installer.
            "platforms": {"linux-x86_64": entry, "linux-x86_64-deb": entry},
        })
        .to_string()
        .into_bytes()
    };
    {
        let mut files = files.lock().unwrap();
        files.insert("/latest.json".to_owned(), manifest("9.9.9"));
        files.insert("/package".to_owned(), std::fs::read(&package).unwrap());
    }
    let app = bin("sfconnect-app");
    let before = std::fs::read(&app).unwrap();
    let url = format!("http://127.0.0.1:{port}/latest.json");
    let gui = relaunch(
        &bin("sim-browser"),
        free_port(),
        tempfile::tempdir().unwrap(),
        &[
            ("SFCONNECT_UPDATES", "on"),
            ("SFCONNECT_UPDATE_URL", url.as_str()),
        ],
    )
    .await;
    let d = &gui.driver;
    d.wait_screen("welcome").await;
    // The daily look, a moment after the first screen: what is new, installed only on OK.
    d.wait_text("#update-offer", "sfconnect 9.9.9 is available")
        .await;
    assert!(d.text("#update-offer").await.contains("Faster sign-in."));
    gui.shot("13-update-offer").await;
    d.click("#update-install").await;
    d.wait_text("#update-error .code", "update_rejected").await;
    let message = d.text("#update-error .message").await;
    assert!(
        message.contains("not signed by sfconnect's release key"),
        "{message}"
    );
    // The updater's own words go to the small support line, not into the admin's sentence.
    assert!(
        message.ends_with("may have been tampered with."),
        "{message}"
    );
    let support_line = d.text("#update-error .code").await;
    assert!(
        support_line.len() > "update_rejected · ".len(),
        "{support_line}"
    );
    gui.shot("13b-update-refused").await;
    assert_eq!(
        std::fs::read(&app).unwrap(),
        before,
        "nothing was installed over the app"
    );
    // A manifest offering an older version: nothing is offered.
    files
        .lock()
        .unwrap()
        .insert("/latest.json".to_owned(), manifest("0.0.1"));
    d.click("section[data-screen='welcome'] .check-updates")
        .await;
    d.wait_text(
        "section[data-screen='welcome'] .update-result",
        "You have the newest version",
    )
    .await;
    // The daily look can be turned off (Check for updates keeps working).
    let daily = "section[data-screen='welcome'] .daily-update-check";
    assert_eq!(
        d.script(
            "return document.querySelector(arguments[0]).checked",
            json!([daily])
        )
        .await,
        true
    );
    d.click(daily).await;
    let preferences = gui
        .home
        .as_ref()
        .unwrap()
        .path()
        .join("sfconnect/preferences.app.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let saved = std::fs::read_to_string(&preferences).unwrap_or_default();
        if saved.contains("\"update_checks\": false") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not saved: {saved}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    gui.close().await;
}
