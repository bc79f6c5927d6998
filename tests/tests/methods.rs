//! Client credentials and username + password + security token, for Customerscore.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::World;
use sfconnect_sim::creds;

fn args(world: &World, method: &str, login: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "connect",
        "--json",
        "--method",
        method,
        "--login-url",
        login,
        "--destination",
        "customerscore",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    args.extend(extra.iter().map(std::string::ToString::to_string));
    let _ = world;
    args
}

#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_on_my_domain_lists_customerscore_fields() {
    let world = World::new().await;
    let my_domain = world.sims.salesforce.my_domain_url().to_owned();
    let run = world
        .run(&args(
            &world,
            "client-credentials",
            &my_domain,
            &["--client-id", creds::CLIENT_ID],
        ))
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["method"], "client-credentials");
    assert_eq!(json["destination_state"], "READY_TO_COPY");
    assert_eq!(
        json["provider_mode"],
        "Connected App OAuth 2.0 Client Credentials"
    );
    let fields = json["provider_fields"].as_array().unwrap();
    let labels: Vec<&str> = fields
        .iter()
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Domain", "Consumer Key", "Consumer Secret"]);
    assert_ne!(
        fields[2]["value"],
        creds::CLIENT_SECRET,
        "masked by default"
    );
    assert_eq!(json["stored"], false, "nothing to keep: no refresh token");
    world.assert_no_leaks();

    let shown = world
        .run(&args(
            &world,
            "client-credentials",
            &my_domain,
            &["--client-id", creds::CLIENT_ID, "--show-secrets"],
        ))
        .await;
    assert_eq!(
        shown.json()["provider_fields"][2]["value"],
        creds::CLIENT_SECRET
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_on_the_generic_login_host_asks_for_my_domain() {
    let world = World::new().await;
    let login = world.sims.salesforce.login_url().to_owned();
    let run = world
        .run(&args(
            &world,
            "client-credentials",
            &login,
            &["--client-id", creds::CLIENT_ID],
        ))
        .await;
    assert_eq!(run.error_code(), "my_domain_required");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("My Domain")
    );
    // A real generic host is refused before anything is sent.
    let run = world
        .run(&args(
            &world,
            "client-credentials",
            "login.salesforce.com",
            &["--client-id", creds::CLIENT_ID],
        ))
        .await;
    assert_eq!(run.error_code(), "my_domain_required");
}

#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_without_run_as_user_is_explained() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .with_org(|org| org.apps[0].run_as = None);
    let my_domain = world.sims.salesforce.my_domain_url().to_owned();
    let run = world
        .run(&args(
            &world,
            "client-credentials",
            &my_domain,
            &["--client-id", creds::CLIENT_ID],
        ))
        .await;
    assert_eq!(run.error_code(), "run_as_user_missing");
}

fn with_password(world: &World, password: &str) -> tokio::process::Command {
    let mut cmd = world.command();
    cmd.env("SFCONNECT_PASSWORD", password)
        .env("SFCONNECT_SECURITY_TOKEN", creds::SECURITY_TOKEN);
    cmd
}

#[tokio::test(flavor = "multi_thread")]
async fn password_grant_with_an_app() {
    let world = World::new().await;
    let login = world.sims.salesforce.login_url().to_owned();
    let a = args(
        &world,
        "password",
        &login,
        &[
            "--client-id",
            creds::CLIENT_ID,
            "--username",
            creds::USERNAME,
        ],
    );
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["username"], creds::USERNAME);
    assert_eq!(
        json["provider_mode"],
        "Security Token with Username & Password"
    );
    assert!(
        run.stderr.contains("Summer '27"),
        "the retirement is stated plainly: {}",
        run.stderr
    );

    let run = world
        .run_with(with_password(&world, "wrong"), &a, None)
        .await;
    assert_eq!(run.error_code(), "login_failed");

    world.sims.salesforce.switches(|s| s.password_flow = false);
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.error_code(), "password_flow_blocked");
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn soap_login_without_an_app() {
    let world = World::new().await;
    let login = world.sims.salesforce.login_url().to_owned();
    let a = args(&world, "password", &login, &["--username", creds::USERNAME]);
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["org_id"], creds::ORG_ID);
    assert_eq!(json["counts"]["Lead"], 977);
    let seen = world.sims.salesforce.seen();
    assert!(
        seen.iter().any(|s| s.uri == "/services/Soap/u/64.0"),
        "SOAP login at v64.0"
    );

    let run = world
        .run_with(with_password(&world, "wrong"), &a, None)
        .await;
    assert_eq!(run.error_code(), "login_failed");

    world.sims.salesforce.switches(|s| s.soap_login = false);
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.error_code(), "soap_login_unavailable");
    world.assert_no_leaks();
}

/// SOAP refusals are read from the fault's `<detail>` and each say what to change: the Use Any
/// API Auth permission new orgs require, an edition without API, a user without API Enabled.
#[tokio::test(flavor = "multi_thread")]
async fn soap_login_refusals_are_told_apart() {
    let world = World::new().await;
    let login = world.sims.salesforce.login_url().to_owned();
    let a = args(&world, "password", &login, &["--username", creds::USERNAME]);
    world
        .sims
        .salesforce
        .switches(|s| s.soap_needs_use_any_api_auth = true);
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.error_code(), "insufficient_access");
    assert!(run.stdout.contains("Use Any API Auth"), "{}", run.stdout);
    for (salesforce_says, code) in [
        ("API_DISABLED_FOR_ORG", "api_disabled_for_org"),
        ("API_CURRENTLY_DISABLED", "api_disabled"),
    ] {
        world.sims.salesforce.switches(|s| {
            s.soap_needs_use_any_api_auth = false;
            s.data_api_error = Some(salesforce_says.into());
        });
        let run = world
            .run_with(with_password(&world, creds::PASSWORD), &a, None)
            .await;
        assert_eq!(run.error_code(), code, "{salesforce_says}");
    }
    // An expired password doesn't fault: login() succeeds with passwordExpired=true.
    world.sims.salesforce.switches(|s| {
        s.data_api_error = None;
        s.password_expired = true;
    });
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.error_code(), "password_expired", "{}", run.stdout);
    assert!(run.stdout.contains("set a new"), "{}", run.stdout);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn method_and_destination_must_fit() {
    let world = World::new().await;
    let my_domain = world.sims.salesforce.my_domain_url().to_owned();
    let mut a = args(
        &world,
        "web",
        &my_domain,
        &["--client-id", creds::CLIENT_ID],
    );
    let run = world.run(&a).await;
    assert_eq!(run.error_code(), "method_not_for_destination");
    let dest = a.iter().position(|x| x == "customerscore").unwrap();
    a[dest] = "airbyte".into();
    a[3] = "client-credentials".into();
    a.extend([
        "--output".to_owned(),
        world.dir.path().join("x.json").display().to_string(),
    ]);
    let run = world.run(&a).await;
    assert_eq!(run.error_code(), "method_not_for_destination");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("refresh token")
    );
}

/// A token or session id only goes to a Salesforce instance (security review #9): an answer
/// that names another host ends the run before anything is sent there, for the browser
/// sign-in and SOAP alike.
#[tokio::test(flavor = "multi_thread")]
async fn an_answer_naming_another_instance_is_refused() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.instance_url_override = Some("https://evil.example".into()));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "salesforce_error");
    assert!(
        run.stdout.contains("isn't a Salesforce org"),
        "{}",
        run.stdout
    );

    let login = world.sims.salesforce.login_url().to_owned();
    let a = args(&world, "password", &login, &["--username", creds::USERNAME]);
    let run = world
        .run_with(with_password(&world, creds::PASSWORD), &a, None)
        .await;
    assert_eq!(run.error_code(), "salesforce_error");
    world.assert_no_leaks();
}
