//! Scenario 11: CustomerOS's cloud connects Salesforce itself. Its API answers the hand-off with
//! a 200 that doesn't take Salesforce; the wizard says where to connect instead (Open
//! CustomerOS), never a page that doesn't exist, and keeps the sign-in.

use crate::common::free_port;
use crate::common::gui::{ONE_WINDOW, connect_to_customeros, launched_signed_in};

#[tokio::test(flavor = "multi_thread")]
async fn the_cloud_is_sent_to_its_own_salesforce_connection() {
    let _one = ONE_WINDOW.lock().await;
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    sims.customeros.switches(|s| s.ignores_salesforce = true);
    let gui = launched_signed_in(&sims, port).await;
    let d = &gui.driver;
    connect_to_customeros(&gui, &sims).await;
    d.wait_text("#connect-error .code", "customeros_connects_itself")
        .await;
    assert!(d.visible("#customeros-itself").await);
    let panel = d.text("#customeros-itself").await;
    assert!(
        panel.contains("connects Salesforce with its own sign-in"),
        "{panel}"
    );
    assert!(
        !d.text("section[data-screen='connect']")
            .await
            .contains("Integrations")
    );
    // Scrolled clear of the sticky button bar, as an admin would.
    d.script(
        "document.querySelector('#open-customeros').scrollIntoView({block: 'center'})",
        serde_json::json!([]),
    )
    .await;
    d.click("#open-customeros").await;
    d.wait_text("#open-customeros", "Opened").await;
    gui.accessible("CustomerOS connects Salesforce itself")
        .await;
    gui.shot("07e-customeros-connects-itself").await;
    assert_eq!(
        sims.salesforce.live_refresh_tokens(),
        1,
        "the sign-in is kept"
    );
    // A page script can't take the trusted window elsewhere (security review 2, N6).
    // (To a page that really loads: a refused address would leave the window where it was.)
    d.script(
        "location.href = arguments[0]",
        serde_json::json!([format!(
            "{}/lightning/setup/Home",
            sims.salesforce.login_url()
        )]),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let at = d
        .script("return location.href", serde_json::json!([]))
        .await;
    assert!(
        at.as_str()
            .unwrap_or_default()
            .starts_with("tauri://localhost"),
        "{at}"
    );
    assert!(d.visible("#customeros-itself").await, "still on the wizard");
    // Nor open one: window.open is refused (on Windows, WebView2 would open it in a popup of
    // its own; WebKitGTK needs the same answer not to change).
    d.script(
        "window.open(arguments[0])",
        serde_json::json!([format!("{}/new-window-probe", sims.salesforce.login_url())]),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(
        !sims
            .salesforce
            .seen()
            .iter()
            .any(|seen| seen.uri.contains("new-window-probe")),
        "nothing was opened"
    );
    gui.close().await;
}
