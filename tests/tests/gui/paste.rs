//! Scenario 3: The browser is elsewhere: the admin pastes the address it ended on (after the
//! "client identifier invalid" helper led back to the Key).

use crate::common::free_port;
use crate::common::gui::{ONE_WINDOW, launch};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn the_admin_pastes_the_address_the_browser_ended_on() {
    let _one = ONE_WINDOW.lock().await;
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
    gui.close().await;
}
