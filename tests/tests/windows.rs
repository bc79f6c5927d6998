//! The Windows wizard under Wine (the tests' Windows leg, `scripts/test-windows`, which sets
//! `SFCONNECT_TEST_WIZARD_EXE`; elsewhere these say so and return). Wine has no `WebView2`, which
//! makes it the machine that shows what an admin without the `WebView2` Runtime sees.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::{Duration, Instant};

/// Windows review (windows-under-wine.md §4): without `WebView2` the wizard used to vanish with
/// no word and an empty log. Now it says what to install in a native message box, stays until
/// the admin closes it, and leaves the reason in the log the support report reads.
#[test]
fn without_webview2_the_wizard_says_what_to_install_and_logs_it() {
    let (Some(leg), Some(exe)) = (
        common::windows_leg(),
        std::env::var_os("SFCONNECT_TEST_WIZARD_EXE"),
    ) else {
        eprintln!("not in the Windows leg: this test runs the Windows wizard under Wine");
        return;
    };
    let prefix = std::path::PathBuf::from(std::env::var_os("WINEPREFIX").unwrap());
    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    let log = prefix
        .join("drive_c/users")
        .join(user)
        .join("AppData/Local/com.sfconnect.wizard/logs/sfconnect.log");
    let _ = std::fs::remove_file(&log);

    let mut wizard = std::process::Command::new("/usr/lib/wine/wine64")
        .arg(&exe)
        .env("SFCONNECT_CONFIG_DIR", leg.join("wizard-settings"))
        .spawn()
        .unwrap();
    let started = Instant::now();
    let logged = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("WebView2 Runtime") || started.elapsed() > Duration::from_secs(60) {
            break text;
        }
        assert!(
            wizard.try_wait().unwrap().is_none(),
            "the wizard ended without a word; its log: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(250));
    };
    assert!(
        logged.contains("ERROR")
            && logged.contains("developer.microsoft.com/microsoft-edge/webview2"),
        "the log says what is missing and where to get it: {logged:?}"
    );

    // The message box is up, titled, and the wizard waits for the admin to read it.
    let mut windows = String::new();
    while started.elapsed() < Duration::from_secs(60) {
        let tree = std::process::Command::new("xwininfo")
            .args(["-root", "-tree"])
            .output()
            .unwrap();
        windows = String::from_utf8_lossy(&tree.stdout).into_owned();
        if windows.contains("sfconnect couldn't start") {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(
        windows.contains("sfconnect couldn't start"),
        "no message box on the screen:\n{windows}"
    );
    std::thread::sleep(Duration::from_millis(800)); // drawn, for the screenshot
    let shot = leg.join("no-webview2.png");
    let _ = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status();
    assert!(
        wizard.try_wait().unwrap().is_none(),
        "the wizard waits while the message is shown"
    );
    wizard.kill().unwrap();
    let _ = wizard.wait();
    eprintln!("screenshot: {}", shot.display());
}
