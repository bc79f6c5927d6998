//! Scenario 9: Refresh Token Rotation on. The home checks on every opening without killing the
//! token CustomerOS holds; once CustomerOS renews first, the home says what that means instead
//! of "not working"; Disconnect says first what stops, and when CustomerOS can't be reached the
//! admin can still revoke at Salesforce, with CustomerOS's part left for later.

use crate::common::free_port;
use crate::common::gui::{ONE_WINDOW, connect_to_customeros, launched_signed_in};
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn under_rotation_the_home_never_breaks_what_customeros_holds() {
    let _one = ONE_WINDOW.lock().await;
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    sims.salesforce.switches(|s| s.rotate_refresh_tokens = true);
    let gui = launched_signed_in(&sims, port).await;
    let d = &gui.driver;
    connect_to_customeros(&gui, &sims).await;
    d.wait_screen("done").await;
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
    let held = sims.customeros.stored_salesforce().unwrap().refresh_token;
    // The home opened once; Check now three more times: CustomerOS's copy stays good.
    for _ in 0..3 {
        d.click("#check-now").await;
        d.wait_text("#live-line", "Salesforce says this sign-in")
            .await;
    }
    assert!(sims.salesforce.refresh_token_is_live(&held));
    assert!(
        d.text("#live-line")
            .await
            .contains("CustomerOS renews the sign-in itself")
    );
    gui.shot("08c-home-rotation").await;

    // CustomerOS renews from its own servers; the next check says what that means.
    let renewed: serde_json::Value = reqwest::Client::new()
        .post(format!(
            "{}/services/oauth2/token",
            sims.salesforce.login_url()
        ))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", held.as_str()),
            ("client_id", creds::CLIENT_ID),
            ("client_secret", creds::CLIENT_SECRET),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let newest = renewed["refresh_token"].as_str().unwrap().to_owned();
    d.click("#check-now").await;
    d.wait_text("#live-line", "was replaced").await;
    let line = d.text("#live-line").await;
    assert!(
        line.contains("CustomerOS says Salesforce is ACTIVE"),
        "{line}"
    );
    assert!(!line.contains("Not working"), "{line}");
    assert!(sims.salesforce.refresh_token_is_live(&newest));
    gui.shot("08d-home-rotation-replaced").await;

    // Disconnect says first what stops there.
    d.click("#disconnect").await;
    let question = d.text("#disconnect-q").await;
    assert!(
        question.contains("CustomerOS uses that same sign-in"),
        "{question}"
    );
    // CustomerOS can't be reached: the admin may still end the sign-in at Salesforce.
    let closed = format!("http://127.0.0.1:{}", free_port());
    let folder = gui.home.as_ref().unwrap().path().join("sfconnect");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(mut settings) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        if settings["customeros_url"].is_string() {
            settings["customeros_url"] = closed.clone().into();
            settings["api_key_for"] = closed.clone().into();
            std::fs::write(&path, settings.to_string()).unwrap();
        }
    }
    d.click("#disconnect-yes").await;
    d.wait_text(
        "#disconnect-unreachable",
        "revoke the sign-in at Salesforce now",
    )
    .await;
    assert!(d.visible("#disconnect-salesforce-only").await);
    gui.accessible("Disconnect with CustomerOS unreachable")
        .await;
    gui.shot("08e-disconnect-unreachable").await;
    d.click("#disconnect-salesforce-only").await;
    d.wait_screen("welcome").await;
    let note = d.text("#disconnected-note").await;
    assert!(note.contains("Not removed from CustomerOS yet"), "{note}");
    // This simulated org, like some servers, only says the rotated-away copy is invalid and
    // leaves CustomerOS's newer one alive: the note says exactly that, and what to do.
    assert!(note.contains("already invalid at Salesforce"), "{note}");
    assert!(note.contains("may still hold a newer copy"), "{note}");
    // Walkthrough 2, L13: what sfconnect can't remove is said too.
    assert!(note.contains("still in Salesforce Setup"), "{note}");
    assert!(sims.salesforce.refresh_token_is_live(&newest));
    gui.shot("08f-disconnected-salesforce-only").await;
    gui.close().await;
}
