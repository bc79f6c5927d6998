//! Scenario 2: Deny in Salesforce: the plain-language message and a way to try again; before it, a
//! taken port (said before any browser opens) and after it, a wrong Consumer Secret.

use crate::common::gui::{ONE_WINDOW, launch};
use crate::common::{bin, free_port};
use serde_json::json;
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_port_a_deny_and_a_wrong_secret_each_have_a_way_on() {
    let _one = ONE_WINDOW.lock().await;
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

    // Walkthrough 2, L8: a new Key asks for its Secret (no "leave empty to keep it").
    let d = &gui.driver;
    let placeholder = "return document.querySelector('#client-secret').placeholder";
    assert_eq!(
        d.script(placeholder, json!([])).await,
        "Saved — leave empty to keep it"
    );
    let unknown_key = format!("3MVG9{}", "Q".repeat(80));
    d.type_into("#client-id", &unknown_key).await;
    assert_eq!(d.script(placeholder, json!([])).await, "");
    // M2: a Key this org doesn't know, for an External Client App (the tab followed): said at
    // once, with Paste the Key again, instead of ten minutes of "still setting up".
    d.type_into("#client-secret", "a-different-secret").await;
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    d.click("#signin-start").await;
    d.wait_text("#signin-error .code", "unknown_client_id")
        .await;
    let message = d.text("#signin-error .message").await;
    assert!(message.contains("waiting won't help"), "{message}");
    assert!(d.visible("#signin-fix-key").await);
    assert!(!d.visible("#signed-in-already").await);
    gui.shot("09c-unknown-key").await;
    d.click("#signin-fix-key").await;
    d.wait_screen("keys").await;
    assert_eq!(d.focused().await, "client-id");

    // Walkthrough 2, (e): a just-edited Connected App Salesforce doesn't know yet. While
    // sfconnect waits for it, the CustomerOS step is filled in and kept (nothing is sent), and
    // the Connect step then has it.
    d.click("section[data-screen='keys'] .back").await;
    d.wait_screen("app").await;
    d.click("#tab-ca").await;
    d.click("#app-continue").await;
    d.wait_screen("keys").await;
    d.type_into("#client-id", creds::CLIENT_ID).await;
    d.type_into("#client-secret", "a-different-secret").await;
    sims.salesforce.switches(|s| {
        s.app_unknown_until = Some(std::time::Instant::now() + std::time::Duration::from_secs(8));
    });
    d.click("#keys-save").await;
    d.wait_screen("signin").await;
    d.click("#signin-start").await;
    d.wait_text("#waiting b", "Salesforce doesn't know this app yet")
        .await;
    assert!(d.visible("#while-waiting").await);
    assert_eq!(
        d.script(
            "return document.querySelector('#wait-cos-url').value",
            json!([])
        )
        .await,
        "https://app.customeros.ai"
    );
    d.type_into("#wait-cos-email", creds::CUSTOMEROS_USER).await;
    d.type_into("#wait-cos-key", creds::CUSTOMEROS_API_KEY)
        .await;
    d.click("#wait-cos-keep").await;
    d.wait_text("#wait-cos-result", "Kept: the Connect step uses them")
        .await;
    gui.shot("09d-customeros-while-waiting").await;
    gui.accessible("the CustomerOS step while Salesforce gets the app ready")
        .await;
    d.wait_screen("check").await;
    d.click("#check-continue").await;
    d.wait_screen("connect").await;
    let connect = d
        .script(
            "return [document.querySelector('#cos-email').value, document.querySelector('#cos-key').value, document.querySelector('#cos-key').placeholder]",
            json!([]),
        )
        .await;
    assert_eq!(
        connect,
        json!([
            creds::CUSTOMEROS_USER,
            "",
            "Saved for https://app.customeros.ai — leave empty to use it there"
        ]),
        "the kept details, the key masked and kept, not typed again"
    );
    gui.close().await;
}
