//! Scenario 1: The whole CustomerOS path, with the browser hop played by sim-browser: every screen,
//! the replace warning, a hanging CustomerOS cancelled, the home's live check, a second
//! connection and back, and no secret anywhere.

use crate::common::gui::{ONE_WINDOW, launch_with};
use crate::common::{bin, free_port};
use serde_json::json;
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn wizard_connects_customeros_and_its_home_checks_live() {
    let _one = ONE_WINDOW.lock().await;
    let port = free_port();
    let sims = sfconnect_sim::start(&[port]).await.unwrap();
    // Save report…'s system dialog "chooses" this file.
    let reports = tempfile::tempdir().unwrap();
    let report_file = reports.path().join("sfconnect-report.txt");
    let gui = launch_with(
        &bin("sim-browser"),
        port,
        &[("SFCONNECT_TEST_SAVE_AS", report_file.to_str().unwrap())],
    )
    .await;
    gui.up_to_sign_in(&sims, port, true).await;
    let d = &gui.driver;
    assert!(
        d.text("#signin-start")
            .await
            .contains("Sign in to Salesforce")
    );
    gui.shot("05-sign-in").await;
    // The admin's profile allows sign-ins only from the office: the Check screen names the one
    // Setup change CustomerOS's renewals need, from what sfconnect read in Setup.
    sims.salesforce.with_org(|org| {
        org.login_ip_ranges.push((
            creds::PROFILE_ID.into(),
            "203.0.113.0".into(),
            "203.0.113.255".into(),
        ));
    });
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
    d.wait_text(
        "#app-policies h2",
        "Change one setting in Salesforce, or CustomerOS will lose its access",
    )
    .await;
    let policies = d.text("#app-policies").await;
    assert!(
        policies
            .contains("IP Relaxation to \"Enforce IP restrictions, but relax for refresh tokens\"")
            && policies.contains("you don't need to sign in again"),
        "{policies}"
    );
    gui.shot("06-check").await;
    d.click("#open-app-page").await;
    let app_page = "/lightning/setup/ManageExternalClientApplication/0xIfj0000009EQLEA2/detail";
    let mut opened = false;
    for _ in 0..50 {
        opened = sims
            .salesforce
            .seen()
            .iter()
            .any(|seen| seen.uri == app_page);
        if opened {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        opened,
        "Open the app in Salesforce opens this app's own page"
    );
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
    // Where the key is, one click away (M3): CustomerOS's own API page, at the address typed.
    d.script(
        "const help = document.querySelector('#cos-key-help'); help.open = true; \
         document.querySelector('#open-customeros-api').scrollIntoView({block: 'center'})",
        json!([]),
    )
    .await;
    d.click("#open-customeros-api").await;
    d.wait_text("#open-customeros-api", "Opened").await;
    assert!(
        sims.customeros
            .seen()
            .iter()
            .any(|s| s.uri == "/settings?tab=api"),
        "the browser went to CustomerOS's API page"
    );
    // A wrong API key (walkthrough 2, M1): the reason sits right under the key field, in view
    // at 1280×800, and focus is on the field to fix.
    d.type_into("#cos-key", "not-the-api-key-0123456789").await;
    d.click("#cos-connect").await;
    d.wait_text("#connect-error .code", "customeros_api_key_invalid")
        .await;
    let placed = d
        .script(
            "const p = document.querySelector('#connect-error'); const r = p.getBoundingClientRect(); \
             return [p.previousElementSibling.contains(document.querySelector('#cos-key')), \
             r.top >= 0 && r.bottom <= window.innerHeight, \
             document.querySelector('#cos-key').getAttribute('aria-describedby')]",
            serde_json::json!([]),
        )
        .await;
    assert_eq!(placed, json!([true, true, "connect-error"]), "{placed}");
    assert_eq!(d.focused().await, "cos-key");
    gui.accessible("a wrong API key").await;
    gui.shot("07a-wrong-api-key").await;
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
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
    assert!(d.text("#live-line").await.contains("ACTIVE"));
    let reads = integration_reads();
    assert!(reads >= 1, "CustomerOS was asked");
    assert!(!d.visible("#report-copied").await);
    d.click("#copy-report").await;
    d.wait_text(
        "#report-copied",
        "Copied: paste it into your message to support before you close",
    )
    .await;
    assert!(d.visible("#report-copied").await);
    gui.shot("08-done").await;
    // Walkthrough 2, M5: Save report… writes a file that outlasts the app.
    d.click("#save-report").await;
    d.wait_text("#report-copied", "Saved to ").await;
    let saved = std::fs::read_to_string(&report_file).unwrap();
    assert!(saved.contains("Last success: "), "{saved}");
    assert!(!saved.contains(creds::CLIENT_SECRET) && !saved.contains(creds::CUSTOMEROS_API_KEY));
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
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
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
    // The admin starts the new one (it is saved), then looks at the list.
    d.click("#welcome-start").await;
    d.wait_screen("org").await;
    d.click("#connections-open").await;
    d.wait_text("#connections-list", "Not set up yet").await;
    let list = d.text("#connections-list").await;
    assert!(
        list.contains("Acme Demo") && list.contains("set up"),
        "{list}"
    );
    // Walkthrough 2, M6: each row says which connection it is and where it goes.
    assert!(
        list.contains(&format!("{} · CustomerOS · set up", gui.profile))
            && list.contains("connection-2 · CustomerOS · not finished"),
        "{list}"
    );
    gui.shot("12-connections").await;
    d.click(&format!(
        "#connections-list button[data-profile='{}']",
        gui.profile
    ))
    .await;
    d.wait_screen("done").await;
    d.wait_text("#live-line", "Salesforce says this sign-in")
        .await;
    // The unfinished one holds no sign-in: Remove (asked once, on the button) takes it off the
    // list; the set-up one offers no Remove (Disconnect revokes its sign-in first).
    d.click("#connections-open").await;
    d.wait_text("#connections-list", "connection-2").await;
    assert_eq!(
        d.script(
            "return document.querySelectorAll('#connections-list button[data-remove]').length",
            serde_json::json!([])
        )
        .await,
        1,
        "only the unfinished connection can be removed"
    );
    d.click("#connections-list button[data-remove='connection-2']")
        .await;
    d.wait_text(
        "#connections-list button[data-remove='connection-2']",
        "Remove it? Press again",
    )
    .await;
    d.click("#connections-list button[data-remove='connection-2']")
        .await;
    for _ in 0..50 {
        if !d.text("#connections-list").await.contains("connection-2") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !d.text("#connections-list").await.contains("connection-2"),
        "removed"
    );
    d.click("#connections-close").await;
    // Walkthrough 2, H2: Salesforce revokes the sign-in. The home turns red with its own Sign
    // in again, the remembered green box gives way, and the Sign-in step no longer calls the
    // dead sign-in kept.
    let held = sims.customeros.stored_salesforce().unwrap().refresh_token;
    reqwest::Client::new()
        .post(format!(
            "{}/services/oauth2/revoke",
            sims.salesforce.my_domain_url()
        ))
        .form(&[("token", held.as_str())])
        .send()
        .await
        .unwrap();
    d.click("#check-now").await;
    d.wait_text("#live-line", "Not working right now").await;
    assert!(d.text("#live-line").await.contains("Sign in again"));
    assert!(d.visible("#home-sign-in-again").await);
    assert!(
        !d.visible("#done-state").await,
        "no green box above a red state"
    );
    gui.shot("08g-home-sign-in-dead").await;
    d.click("#home-sign-in-again").await;
    d.wait_screen("signin").await;
    assert!(
        !d.visible("#signed-in-already").await,
        "a dead sign-in isn't kept"
    );
    assert!(
        d.text("#signin-dead")
            .await
            .contains("doesn't work any more")
    );
    let mut secrets = vec![creds::CLIENT_SECRET, creds::CUSTOMEROS_API_KEY];
    let issued = sims.salesforce.issued_tokens();
    secrets.extend(issued.iter().map(String::as_str));
    gui.assert_no_leaks(&secrets).await;
    gui.close().await;
}
