//! The GUI tests' harness: the real wizard in a real window, `tauri-driver` + `WebKitWebDriver`
//! under Xvfb, with `BROWSER` set to the program that follows the sign-in redirect; its own
//! home per launch, screenshots into docs/screenshots/, leak and accessibility checks.

use super::webdriver::{self, Driver};
use super::{bin, free_port};
use serde_json::json;
use sfconnect_sim::{Sims, creds};
use std::path::{Path, PathBuf};

/// One window at a time: the app is single-instance per desktop session, so a second copy
/// would just focus the first.
pub(crate) static ONE_WINDOW: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The wizard running in its own home, driven over WebDriver.
pub(crate) struct Gui {
    pub(crate) driver: Driver,
    tauri_driver: tokio::process::Child,
    pub(crate) home: Option<tempfile::TempDir>,
    pub(crate) profile: String,
}

pub(crate) fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots")
}

pub(crate) async fn launch(browser: &Path, callback_port: u16) -> Gui {
    launch_with(browser, callback_port, &[]).await
}

/// [`launch`] with more environment for the app (and the browser it starts).
pub(crate) async fn launch_with(browser: &Path, callback_port: u16, env: &[(&str, &str)]) -> Gui {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("sfconnect");
    std::fs::create_dir_all(&config).unwrap();
    // The admin registered this callback port (as with --port on the CLI).
    std::fs::write(
        config.join(format!("gui-{callback_port}.json")),
        json!({"ports": [callback_port]}).to_string(),
    )
    .unwrap();
    relaunch(browser, callback_port, home, env).await
}

/// Starts the app on an existing home (its settings and keyring entries kept).
pub(crate) async fn relaunch(
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
    pub(crate) async fn assert_no_leaks(&self, secrets: &[&str]) {
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
        // The folders holding them are the admin's alone (security review 2, N16).
        use std::os::unix::fs::PermissionsExt;
        let data = self.home.as_ref().unwrap().path().join("data");
        for dir in [
            data.join("com.sfconnect.wizard"),
            data.join("com.sfconnect.wizard/logs"),
        ] {
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{} is owner-only", dir.display());
        }
        for secret in secrets {
            for hay in &haystacks {
                assert!(!hay.contains(secret), "secret {}… leaked", &secret[..6]);
            }
        }
    }

    /// axe-core finds no accessibility violation in the window as it is now.
    pub(crate) async fn accessible(&self, state: &str) {
        let violations = self.driver.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "axe-core on {state}:\n{}",
            violations.join("\n")
        );
    }

    pub(crate) async fn shot(&self, name: &str) {
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
    pub(crate) async fn kill_keeping_home(mut self) -> tempfile::TempDir {
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
    pub(crate) async fn close_keeping_home(mut self) -> tempfile::TempDir {
        self.driver.quit().await;
        self.home.take().unwrap()
    }

    pub(crate) async fn close(self) {
        use sfconnect_core::store::{KeyringStore, SecretName, SecretStore};
        let store = KeyringStore::new(&self.profile);
        for name in SecretName::KEYRING {
            let _ = store.delete(name);
        }
        drop(self.close_keeping_home().await);
    }

    /// Welcome → org → app → keys, with CustomerOS as the destination.
    pub(crate) async fn up_to_sign_in(&self, sims: &Sims, callback_port: u16, shots: bool) {
        let d = &self.driver;
        d.wait_screen("welcome").await;
        assert!(d.text("h1").await.contains("Connect Salesforce to"));
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

/// The wizard launched, taken through Welcome → org → app → keys and signed in by
/// sim-browser: on the Check screen with the org's counts shown.
/// From the Check screen of a signed-in wizard: Continue, fill in the simulated CustomerOS
/// and press Connect.
pub(crate) async fn connect_to_customeros(gui: &Gui, sims: &Sims) {
    let d = &gui.driver;
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    d.type_into("#cos-url", sims.customeros.url()).await;
    d.type_into("#cos-email", creds::CUSTOMEROS_USER).await;
    d.type_into("#cos-key", creds::CUSTOMEROS_API_KEY).await;
    d.click("#cos-connect").await;
}

pub(crate) async fn launched_signed_in(sims: &Sims, callback_port: u16) -> Gui {
    let gui = launch(&bin("sim-browser"), callback_port).await;
    gui.up_to_sign_in(sims, callback_port, false).await;
    gui.driver.click("#signin-start").await;
    gui.driver.wait_screen("check").await;
    gui.driver
        .wait_text("#counts [data-object=Lead] .n", "977")
        .await;
    gui
}
