//! Scenario 4: Killing the app mid-flow (SIGKILL) and starting it again resumes at the last finished
//! step.

use crate::common::gui::{ONE_WINDOW, launched_signed_in, relaunch};
use crate::common::{bin, free_port};
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn killed_mid_flow_it_resumes_at_the_last_finished_step() {
    let _one = ONE_WINDOW.lock().await;
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    let gui = launched_signed_in(&sims, port).await;
    let home = gui.kill_keeping_home().await;
    let gui = relaunch(&bin("sim-browser"), port, home, &[]).await;
    gui.driver.wait_screen("check").await;
    gui.driver
        .wait_text("#counts [data-object=Lead] .n", "977")
        .await;
    assert!(gui.driver.text("#who").await.contains(creds::USERNAME));
    gui.close().await;
}
