//! Scenario 5: The hand-off fails (CustomerOS down). Reopening flags it, and Connect finishes it with
//! the kept sign-in and the saved key: no new sign-in.

use crate::common::gui::{ONE_WINDOW, launched_signed_in, relaunch};
use crate::common::{bin, free_port};
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_hand_off_is_flagged_on_reopening_and_finished_without_a_new_sign_in() {
    let _one = ONE_WINDOW.lock().await;
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    let gui = launched_signed_in(&sims, port).await;
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
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
    assert_eq!(sims.salesforce.codes_issued(), codes, "no new sign-in");
    gui.close().await;
}
