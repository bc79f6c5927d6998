//! `sfconnect check`: a live check that reports connected only when Salesforce says (by
//! introspection, nothing refreshed) that the kept sign-in is active, and CustomerOS still lists
//! Salesforce as ACTIVE; with Refresh Token Rotation on it never disturbs the copy CustomerOS
//! holds. Each way it can break is named, with what to do, and exits non-zero.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, kept_refresh_token, words};
use sfconnect_sim::creds;

async fn connected(world: &World) {
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_connection_checks_out_and_is_asked_fresh() {
    let world = World::new().await;
    connected(&world).await;
    let requests_before = world.sims.salesforce.token_requests();
    let asked_before = world.sims.salesforce.introspections();
    let run = world.run(&words(&["check", "--json"])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let json = run.json();
    assert_eq!(json["status"], "connected");
    assert_eq!(json["org_id"], creds::ORG_ID);
    assert_eq!(json["username"], creds::USERNAME);
    assert_eq!(json["salesforce"], "active");
    assert_eq!(json["rotates"], false);
    assert_eq!(json["destination"], "customeros");
    assert_eq!(json["destination_state"], "ACTIVE");
    assert_eq!(json["destination_checked"], true);
    assert!(json["checked_at"].as_u64().unwrap() > 1_700_000_000);
    assert_eq!(
        world.sims.salesforce.introspections(),
        asked_before + 1,
        "Salesforce was asked, not memory"
    );
    assert_eq!(
        world.sims.salesforce.token_requests(),
        requests_before,
        "nothing was refreshed: the token CustomerOS holds is left alone"
    );
    assert!(
        world
            .sims
            .customeros
            .seen()
            .iter()
            .any(|s| s.method == "GET" && s.uri == "/integrations"),
        "CustomerOS was asked"
    );
    let human = world.run(&words(&["check"])).await;
    assert_eq!(human.code, 0);
    assert!(
        human
            .stdout
            .contains("✓ Salesforce       says this sign-in"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("✓ CustomerOS"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("CustomerOS renews the sign-in itself"),
        "{}",
        human.stdout
    );
    world.assert_no_leaks();
}

/// The token CustomerOS holds (what the simulator stored at the hand-off).
fn destination_token(world: &World) -> String {
    world
        .sims
        .customeros
        .stored_salesforce()
        .unwrap()
        .refresh_token
}

/// What CustomerOS does from its own servers: renew its access with its copy.
async fn renew_as_destination(world: &World, token: &str) -> serde_json::Value {
    reqwest::Client::new()
        .post(format!(
            "{}/services/oauth2/token",
            world.sims.salesforce.login_url()
        ))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
            ("client_id", creds::CLIENT_ID),
            ("client_secret", creds::CLIENT_SECRET),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn with_rotation_checks_never_kill_the_token_the_destination_holds() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.rotate_refresh_tokens = true);
    connected(&world).await;
    let held = destination_token(&world);
    assert_eq!(
        kept_refresh_token(&world).as_deref(),
        Some(held.as_str()),
        "the newest token was handed over"
    );
    for _ in 0..3 {
        let run = world.run(&words(&["check", "--json"])).await;
        assert_eq!(run.code, 0, "{}", run.stdout);
        assert_eq!(run.json()["salesforce"], "active");
        assert_eq!(run.json()["rotates"], true);
    }
    assert!(
        world.sims.salesforce.refresh_token_is_live(&held),
        "CustomerOS's copy still works after three checks"
    );
    // CustomerOS renews first: sfconnect's copy is rotated away, and its check says so
    // without presenting the stale token (which would revoke the whole grant).
    let renewed = renew_as_destination(&world, &held).await;
    let newest = renewed["refresh_token"].as_str().unwrap().to_owned();
    let run = world.run(&words(&["check", "--json"])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["salesforce"], "replaced");
    assert!(
        world.sims.salesforce.refresh_token_is_live(&newest),
        "the destination's renewed token still works after sfconnect's check"
    );
    let human = world.run(&words(&["check"])).await;
    assert!(human.stdout.contains("was replaced"), "{}", human.stdout);
    // A retried hand-off doesn't push the stale copy over CustomerOS's newer one.
    let retry = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(retry.error_code(), "not_connected", "{}", retry.stdout);
    assert_eq!(destination_token(&world), held);
    assert!(world.sims.salesforce.refresh_token_is_live(&newest));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_sign_in_is_named_and_fails() {
    let world = World::new().await;
    connected(&world).await;
    // The admin revoked the app's access in Salesforce Setup.
    let token = kept_refresh_token(&world).unwrap();
    reqwest::Client::new()
        .post(format!(
            "{}/services/oauth2/revoke",
            world.sims.salesforce.my_domain_url()
        ))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    let run = world.run(&words(&["check", "--json"])).await;
    assert_ne!(run.code, 0);
    assert_eq!(run.error_code(), "refresh_token_revoked");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("Sign in again")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deactivated_user_is_named_and_fails() {
    let world = World::new().await;
    connected(&world).await;
    world.sims.salesforce.switches(|s| {
        s.token_refusal = Some(("invalid_grant".into(), "inactive user".into()));
    });
    let run = world.run(&words(&["check", "--json"])).await;
    assert_eq!(run.error_code(), "refresh_token_revoked");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("the user lost access")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn customeros_no_longer_listing_salesforce_is_named_and_fails() {
    let world = World::new().await;
    connected(&world).await;
    // Someone removed the integration in CustomerOS.
    let removed = reqwest::Client::new()
        .delete(format!(
            "{}/integration/salesforce",
            world.sims.customeros.url()
        ))
        .header("X-Openline-USERNAME", creds::CUSTOMEROS_USER)
        .header("X-CUSTOMER-OS-API-KEY", creds::CUSTOMEROS_API_KEY)
        .send()
        .await
        .unwrap();
    assert!(removed.status().is_success());
    let run = world.run(&words(&["check", "--json"])).await;
    assert_ne!(run.code, 0);
    assert_eq!(run.error_code(), "customeros_not_active");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("doesn't list Salesforce")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_to_check_before_connecting() {
    let world = World::new().await;
    let run = world.run(&words(&["check", "--json"])).await;
    assert_eq!(run.error_code(), "not_connected");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_org_is_named_not_only_numbered() {
    let world = World::new().await;
    connected(&world).await;
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["identity"]["org_name"], "Acme Demo");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_connections_are_kept_apart_listed_and_checked_each() {
    let world = World::new().await;
    connected(&world).await;
    let first = kept_refresh_token(&world).unwrap();
    // A second connection under another name: its own settings and keyring entries.
    let second = format!("{}-sandbox", world.profile);
    let with_second = |args: &[&str]| {
        let mut all = words(&["--profile", &second]);
        all.extend(words(args));
        all
    };
    let empty = world.run(&with_second(&["check", "--json"])).await;
    assert_eq!(empty.error_code(), "not_connected");
    let mut connect = words(&["--profile", &second]);
    connect.extend(world.web_args(&[]));
    let run = world.run(&connect).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // Same CustomerOS workspace: the admin is told which connection this hand-off replaces.
    assert!(
        run.stderr
            .contains(&format!("The connection \"{}\" (Acme Demo", world.profile))
            && run.stderr.contains("replaces that one"),
        "{}",
        run.stderr
    );

    let listed = world.run(&words(&["connections", "--json"])).await;
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let json = listed.json();
    assert_eq!(json["current"], world.profile.as_str());
    let names: Vec<&str> = json["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, [world.profile.as_str(), second.as_str()]);
    for connection in json["connections"].as_array().unwrap() {
        assert_eq!(connection["handed_off"], true);
        assert!(connection["label"].as_str().unwrap().contains("Acme Demo"));
    }
    let human = world.run(&words(&["connections"])).await;
    assert!(
        human
            .stdout
            .lines()
            .next()
            .unwrap()
            .starts_with(&format!("* {}", world.profile)),
        "{}",
        human.stdout
    );

    // Disconnecting the second revokes only its own sign-in. Both were handed to the same
    // CustomerOS, which holds one Salesforce integration: the first's live check says so.
    let gone = world.run(&with_second(&["disconnect", "--json"])).await;
    assert_eq!(gone.code, 0, "{}", gone.stdout);
    assert!(world.sims.salesforce.refresh_token_is_live(&first));
    let check = world.run(&words(&["check", "--json"])).await;
    assert_eq!(check.error_code(), "customeros_not_active");

    // A name that would leave the settings folder is refused before anything is read.
    let bad = world
        .run(&words(&["--profile", "../elsewhere", "status", "--json"]))
        .await;
    assert_eq!(bad.error_code(), "invalid_connection_name");
    assert!(
        bad.json()["message"]
            .as_str()
            .unwrap()
            .contains("letters, digits")
    );
    world.assert_no_leaks();
}

/// Walkthrough 2, M8: for an unfinished hand-off, `status`, `handoff` and `check` name the
/// same next step: `handoff` while the sign-in works, signing in again once it is revoked.
#[tokio::test(flavor = "multi_thread")]
async fn status_handoff_and_check_agree_on_what_to_do_next() {
    let world = World::new().await;
    world.sims.customeros.switches(|s| s.status = Some(503));
    let failed = world.run(&world.web_args(&[])).await;
    assert_eq!(failed.error_code(), "customeros_unavailable");
    let status = world.run(&words(&["status"])).await;
    assert!(
        status
            .stdout
            .contains("hand-off hasn't succeeded yet; `sfconnect")
            && status.stdout.contains(" handoff` finishes it"),
        "{}",
        status.stdout
    );
    // Salesforce revokes the sign-in: all three now say to sign in again.
    let token = kept_refresh_token(&world).unwrap();
    reqwest::Client::new()
        .post(format!(
            "{}/services/oauth2/revoke",
            world.sims.salesforce.my_domain_url()
        ))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    world.sims.customeros.switches(|s| s.status = None);
    let check = world.run(&words(&["check", "--json"])).await;
    assert_eq!(check.error_code(), "refresh_token_revoked");
    let handoff = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(
        handoff.error_code(),
        "refresh_token_revoked",
        "{}",
        handoff.stdout
    );
    assert!(
        world.sims.customeros.stored_salesforce().is_none(),
        "nothing dead was handed over"
    );
    let status = world.run(&words(&["status"])).await;
    assert!(
        status
            .stdout
            .contains("revoked or expired at Salesforce: sign in again (`sfconnect")
            && status.stdout.contains(" connect`)"),
        "{}",
        status.stdout
    );
}
