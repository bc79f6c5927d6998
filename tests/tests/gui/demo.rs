//! "Try the demo" runs the whole wizard against the built-in simulators, labelled DEMO
//! throughout, and Leave the demo returns to the real, empty setup.

use crate::common::gui::{ONE_WINDOW, launch_with};
use crate::common::{bin, free_port};
use serde_json::json;
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn try_the_demo_runs_the_whole_wizard_labelled() {
    let _one = ONE_WINDOW.lock().await;
    // The browser presses Deny the first time (walkthrough 2, H3), then Allow.
    let marker = tempfile::tempdir().unwrap();
    let deny_once = marker.path().join("denied");
    let gui = launch_with(
        &bin("sim-browser"),
        free_port(),
        &[("SIM_BROWSER_DENY_ONCE", deny_once.to_str().unwrap())],
    )
    .await;
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
    // Deny in the demo's Allow page: said, with Try again, and Try again signs in.
    d.wait_text("#signin-error .message", "You chose Deny")
        .await;
    assert!(
        deny_once.exists(),
        "the browser was on the demo's Allow page"
    );
    gui.shot("11a-demo-denied").await;
    d.click("#signin-retry").await;
    d.wait_screen("check").await;
    gui.accessible("the demo's check screen").await;
    d.wait_text("#counts [data-object=Account] .n", "1,284")
        .await;
    // The demo org's app has Salesforce's default policies: renewals work, and it says why.
    d.wait_text(
        "#app-policies h2",
        "✓ CustomerOS's settings in Salesforce let CustomerOS keep its access",
    )
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
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
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

    // Walkthrough 2, H1: nothing of the demo shows in the real setup: not its org, not its
    // Consumer Key, not its sign-in.
    let value = |css: &str| format!("return document.querySelector('{css}').value");
    d.click("#welcome-start").await;
    d.wait_screen("org").await;
    assert_eq!(d.script(&value("#login-url"), json!([])).await, "");
    assert_eq!(d.text("#login-result").await, "");
    d.type_into("#login-url", "acme-corp.my.salesforce.com")
        .await;
    d.wait_text(
        "#login-result",
        "Signing in at https://acme-corp.my.salesforce.com",
    )
    .await;
    d.click("#org-continue").await;
    d.wait_screen("app").await;
    d.click("#app-continue").await;
    d.wait_screen("keys").await;
    assert_eq!(d.script(&value("#client-id"), json!([])).await, "");
    d.type_into("#client-id", &format!("3MVG9{}", "x".repeat(80)))
        .await;
    d.type_into("#client-secret", &"ab12".repeat(16)).await;
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    assert!(
        !d.visible("#signed-in-already").await,
        "the demo's sign-in is not this org's"
    );
    gui.shot("11b-after-demo-real-signin").await;

    // A second connection starts blank too (M6): not the first one's org or Key.
    d.click("#connections-open").await;
    d.click("#connection-add").await;
    d.wait_screen("welcome").await;
    d.click("#welcome-start").await;
    d.wait_screen("org").await;
    assert_eq!(d.script(&value("#login-url"), json!([])).await, "");
    d.type_into("#login-url", "test.salesforce.com").await;
    d.click("#org-continue").await;
    d.wait_screen("app").await;
    d.click("#app-continue").await;
    d.wait_screen("keys").await;
    assert_eq!(d.script(&value("#client-id"), json!([])).await, "");
    gui.close().await;
}
