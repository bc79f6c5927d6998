//! Hand-off failures keep the sign-in; `handoff` retries it; `disconnect` undoes everything.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, kept_refresh_token, words};
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn failed_handoff_keeps_the_token_and_handoff_retries_without_signing_in() {
    let world = World::new().await;
    world.sims.customeros.switches(|s| s.status = Some(503));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "customeros_unavailable");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("sfconnect handoff"), "{message}");

    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["handoff_pending"], true);
    assert_eq!(status["secrets"]["refresh_token"], true);
    let human = world.run(&words(&["status"])).await;
    assert!(
        human.stdout.contains(" handoff` finishes it"),
        "{}",
        human.stdout
    );

    let codes_before = world.sims.salesforce.codes_issued();
    world.sims.customeros.switches(|s| s.status = None);
    let mut cmd = world.command();
    cmd.env_remove("CUSTOMEROS_API_KEY"); // the stored key is used
    let retry = world
        .run_with(cmd, &words(&["handoff", "--json"]), None)
        .await;
    assert_eq!(retry.code, 0, "{}\n{}", retry.stdout, retry.stderr);
    assert_eq!(retry.json()["destination_state"], "ACTIVE");
    assert_eq!(
        world.sims.salesforce.codes_issued(),
        codes_before,
        "no new browser sign-in"
    );
    assert!(world.sims.customeros.stored_salesforce().is_some());
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["handoff_pending"], false);
    // `status` reads what this computer remembers: it never claims "Connected" (only `check`,
    // which asks both sides, may say so), and it says what was seen and when.
    let human = world.run(&words(&["status"])).await.stdout;
    assert!(!human.contains("Connected"), "{human}");
    assert!(
        human.contains("at the hand-off, CustomerOS showed Salesforce as ACTIVE")
            && human.contains("`sfconnect check` asks Salesforce and CustomerOS now"),
        "{human}"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn customeros_refusals_are_explained() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env("CUSTOMEROS_API_KEY", "wrong-key");
    let run = world.run_with(cmd, &world.web_args(&[]), None).await;
    assert_eq!(run.error_code(), "customeros_api_key_invalid");

    let mut args = world.web_args(&[]);
    let user = args
        .iter()
        .position(|a| a == "--customeros-username")
        .unwrap()
        + 1;
    args[user] = "nobody@elsewhere.example".into();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "customeros_unknown_user");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("nobody@elsewhere.example")
    );

    world
        .sims
        .customeros
        .switches(|s| s.state_override = Some("INACTIVE".into()));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "customeros_not_active");
    // A self-hosted CustomerOS that took the values names the state it lists Salesforce in.
    assert!(run.json()["message"].as_str().unwrap().contains("INACTIVE"));

    let run = world
        .run(&world.web_args(&["--api-key-header", "app"]))
        .await;
    assert_eq!(
        run.error_code(),
        "customeros_api_key_invalid",
        "a tenant key in the app-key header is refused"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_revokes_deletes_and_forgets() {
    let world = World::new().await;
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let refresh = world
        .sims
        .customeros
        .stored_salesforce()
        .unwrap()
        .refresh_token;
    assert!(world.sims.salesforce.refresh_token_is_live(&refresh));

    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}", done.stderr);
    let json = done.json();
    assert_eq!(json["revoked"], true);
    assert_eq!(json["removed_from_destination"], true);
    assert!(!world.sims.salesforce.refresh_token_is_live(&refresh));
    assert!(world.sims.customeros.stored_salesforce().is_none());
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["secrets"]["refresh_token"], false);
    assert_eq!(status["secrets"]["client_secret"], false);
    assert!(status["settings"]["identity"].is_null());

    let again = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(again.error_code(), "not_connected");
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_keyring_the_handoff_still_happens_unless_required() {
    if common::linux_only("a keyring made unreachable by pointing D-Bus at nothing") {
        return;
    }
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = world.run_with(cmd, &world.web_args(&[]), None).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.json()["stored"], false);
    assert_eq!(run.json()["destination_state"], "ACTIVE");
    assert!(run.stderr.contains("Secrets not stored"), "{}", run.stderr);

    let mut cmd = world.command();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = world
        .run_with(cmd, &world.web_args(&["--require-store"]), None)
        .await;
    assert_eq!(run.error_code(), "keyring_unavailable");

    let run = world.run(&world.web_args(&["--no-store"])).await;
    assert_eq!(run.json()["stored"], false);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn airbyte_config_is_written_owner_only() {
    let world = World::new().await;
    let path = world.dir.path().join("source-salesforce.json");
    let mut args = world.web_args(&["--output", path.to_str().unwrap()]);
    let dest = args.iter().position(|a| a == "customeros").unwrap();
    args[dest] = "airbyte".into();
    let run = world.run(&args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["destination_state"], "WRITTEN");
    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(config["credentials"]["client_id"], creds::CLIENT_ID);
    assert_eq!(config["credentials"]["client_secret"], creds::CLIENT_SECRET);
    assert_eq!(config["credentials"]["auth_type"], "ClientManual");
    assert_eq!(config["is_sandbox"], false);
    assert!(
        world
            .sims
            .salesforce
            .refresh_token_is_live(config["credentials"]["refresh_token"].as_str().unwrap())
    );
    // Windows review: on Windows the Airbyte file was owner-only by its folder's ACL alone.
    common::assert_owner_only(&path);
    common::assert_owner_only(&world.settings_path());

    // An existing file is never replaced silently: --overwrite says so.
    let before = std::fs::read(&path).unwrap();
    let again = world.run(&args).await;
    assert_eq!(
        again.error_code(),
        "invalid_output_file",
        "{}",
        again.stdout
    );
    assert!(
        again.json()["message"]
            .as_str()
            .unwrap()
            .contains("--overwrite")
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "left alone");
    args.push("--overwrite".into());
    let replaced = world.run(&args).await;
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    assert_ne!(std::fs::read(&path).unwrap(), before, "a new refresh token");
}

#[tokio::test(flavor = "multi_thread")]
async fn customeros_unreachable_keeps_the_token_for_a_retry() {
    let world = World::new().await;
    let closed = common::free_port();
    let mut args = world.web_args(&[]);
    let url = args.iter().position(|a| a == "--customeros-url").unwrap() + 1;
    args[url] = format!("http://127.0.0.1:{closed}");
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "customeros_unreachable");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("sfconnect handoff")
    );

    // The address was wrong: fix it in the settings as the wizard would, then retry.
    let settings_path = world.settings_path();
    let mut settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&settings_path).unwrap()).unwrap();
    settings["customeros_url"] = world.sims.customeros.url().into();
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    let codes = world.sims.salesforce.codes_issued();
    let retry = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(retry.code, 0, "{}", retry.stderr);
    assert_eq!(retry.json()["destination_state"], "ACTIVE");
    assert_eq!(
        world.sims.salesforce.codes_issued(),
        codes,
        "no new sign-in"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_customeros_still_connects() {
    let world = World::new().await;
    world
        .sims
        .customeros
        .switches(|s| s.delay = std::time::Duration::from_millis(1500));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["destination_state"], "ACTIVE");
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_can_revoke_at_salesforce_while_customeros_is_down_and_finish_later() {
    let world = World::new().await;
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let token = kept_refresh_token(&world).unwrap();
    world.sims.customeros.switches(|s| s.status = Some(503));
    // Unavailable is not unreachable: CustomerOS answered, so nothing is assumed.
    let refused = world.run(&words(&["disconnect", "--json"])).await;
    assert_ne!(refused.code, 0);
    assert!(world.sims.salesforce.refresh_token_is_live(&token));
    // CustomerOS can't be reached at all: the admin may go on at Salesforce.
    let settings_path = world.settings_path();
    let mut settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&settings_path).unwrap()).unwrap();
    let real = settings["customeros_url"].as_str().unwrap().to_owned();
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    settings["customeros_url"] = closed.clone().into();
    settings["api_key_for"] = closed.into();
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    let unreachable = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(unreachable.error_code(), "customeros_unreachable");
    assert!(
        unreachable.json()["message"]
            .as_str()
            .unwrap()
            .contains("--leave-destination"),
        "{}",
        unreachable.stdout
    );
    assert!(world.sims.salesforce.refresh_token_is_live(&token));
    let human = world
        .run(&words(&["disconnect", "--leave-destination"]))
        .await;
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stderr.contains("CustomerOS uses that same sign-in"),
        "said before acting: {}",
        human.stderr
    );
    assert!(human.stdout.contains("Not removed from CustomerOS yet"));
    assert!(human.stdout.contains("(Salesforce confirmed)"));
    assert!(!world.sims.salesforce.refresh_token_is_live(&token));
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["destination_removal_pending"], true);
    assert_eq!(
        status["secrets"]["customeros_api_key"], true,
        "kept to finish"
    );
    assert_eq!(status["secrets"]["refresh_token"], false);
    // CustomerOS is back: the next Disconnect finishes its part.
    world.sims.customeros.switches(|s| s.status = None);
    let mut settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&settings_path).unwrap()).unwrap();
    settings["customeros_url"] = real.clone().into();
    settings["api_key_for"] = real.into();
    std::fs::write(&settings_path, settings.to_string()).unwrap();
    assert!(world.sims.customeros.stored_salesforce().is_some());
    let finish = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(finish.code, 0, "{}", finish.stdout);
    assert_eq!(finish.json()["removed_from_destination"], true);
    assert_eq!(finish.json()["salesforce"], "nothing_kept");
    assert!(world.sims.customeros.stored_salesforce().is_none());
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_keyring_a_failed_hand_off_withdraws_the_new_sign_in() {
    let world = World::new().await;
    world.sims.customeros.switches(|s| s.status = Some(503));
    let run = world.run(&world.web_args(&["--no-store"])).await;
    assert_eq!(run.error_code(), "customeros_unavailable");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("withdrawn"), "{message}");
    assert!(
        !message.contains("sfconnect handoff"),
        "no retry is promised: {message}"
    );
    assert_eq!(world.sims.salesforce.live_refresh_tokens(), 0);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_airbyte_file_that_exists_is_refused_before_signing_in() {
    let world = World::new().await;
    let path = world.dir.path().join("exists.json");
    std::fs::write(&path, "{}").unwrap();
    let mut args = world.web_args(&["--output", path.to_str().unwrap()]);
    let dest = args.iter().position(|a| a == "customeros").unwrap();
    args[dest] = "airbyte".into();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "invalid_output_file", "{}", run.stdout);
    assert_eq!(
        world.sims.salesforce.codes_issued(),
        0,
        "no sign-in was started"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
}
