//! No false success: what sfconnect reports as connected, handed off or revoked is checked at
//! the simulated Salesforce itself — with Refresh Token Rotation on, with a revoke endpoint
//! that insists on client authentication as RFC 7009 servers do, and after a later sign-in to
//! another org.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, kept_refresh_token, words};

/// A successful web → CustomerOS connection; answers the refresh token it kept.
async fn connected(world: &World) -> String {
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    kept_refresh_token(world).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn with_rotation_a_retried_handoff_delivers_the_newest_refresh_token() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.rotate_refresh_tokens = true);
    world.sims.customeros.switches(|s| s.status = Some(503));
    let failed = world.run(&world.web_args(&[])).await;
    assert_eq!(failed.error_code(), "customeros_unavailable");
    let first = kept_refresh_token(&world).unwrap();

    world.sims.customeros.switches(|s| s.status = None);
    let refreshes = world.sims.salesforce.token_requests();
    for attempt in 1..=2 {
        let retry = world.run(&words(&["handoff", "--json"])).await;
        assert_eq!(retry.code, 0, "attempt {attempt}: {}", retry.stdout);
        let delivered = world
            .sims
            .customeros
            .stored_salesforce()
            .unwrap()
            .refresh_token;
        assert!(
            world.sims.salesforce.refresh_token_is_live(&delivered),
            "attempt {attempt}: CustomerOS holds a live refresh token"
        );
        assert_eq!(
            kept_refresh_token(&world).as_deref(),
            Some(delivered.as_str()),
            "attempt {attempt}: the keyring holds the newest token, where the old one was"
        );
    }
    // The one refresh came before the first hand-off (it showed rotation is on, and its new
    // token is what was kept); retries hand that over as it is, never refreshing again.
    assert_eq!(world.sims.salesforce.token_requests(), refreshes);
    assert!(world.sims.salesforce.refresh_token_is_live(&first));
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["rotates"], true);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_authenticates_when_the_revoke_endpoint_insists() {
    let world = World::new().await;
    let refresh = connected(&world).await;
    world
        .sims
        .salesforce
        .switches(|s| s.revoke_requires_client_auth = true);
    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}", done.stdout);
    assert_eq!(done.json()["revoked"], true);
    assert!(!world.sims.salesforce.refresh_token_is_live(&refresh));
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unconfirmed_revocation_is_an_error_and_disconnect_can_finish_later() {
    let world = World::new().await;
    let refresh = connected(&world).await;
    world
        .sims
        .salesforce
        .switches(|s| s.revoke_status = Some(503));
    let failed = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(failed.error_code(), "revoke_failed");
    let message = failed.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("removed from CustomerOS"), "{message}");
    assert!(world.sims.salesforce.refresh_token_is_live(&refresh));
    assert_eq!(
        kept_refresh_token(&world).as_deref(),
        Some(refresh.as_str()),
        "nothing is forgotten before Salesforce confirms"
    );

    world.sims.salesforce.switches(|s| s.revoke_status = None);
    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}", done.stdout);
    assert_eq!(done.json()["revoked"], true);
    assert!(!world.sims.salesforce.refresh_token_is_live(&refresh));
    assert!(kept_refresh_token(&world).is_none());
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn disconnect_revokes_at_the_org_that_issued_the_token() {
    let world = World::new().await;
    let refresh = connected(&world).await;

    // A later sign-in to another org fails (wrong secret) after the address was remembered.
    let other = sfconnect_sim::start(&[world.port]).await.unwrap();
    let mut args = world.web_args(&[]);
    let login = args.iter().position(|a| a == "--login-url").unwrap() + 1;
    args[login] = other.salesforce.my_domain_url().to_owned();
    let mut cmd = world.command();
    cmd.env("SFCONNECT_CLIENT_SECRET", "not-the-secret");
    let failed = world.run_with(cmd, &args, None).await;
    assert_eq!(failed.error_code(), "wrong_client_secret");

    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}", done.stdout);
    assert_eq!(done.json()["revoked"], true);
    assert!(
        !world.sims.salesforce.refresh_token_is_live(&refresh),
        "revoked where it was issued"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_grant_from_a_run_that_then_fails_is_withdrawn() {
    let world = World::new().await;
    world.sims.salesforce.switches(|s| s.api_status = Some(503));
    let failed = world.run(&world.web_args(&[])).await;
    assert_eq!(failed.error_code(), "salesforce_unavailable");
    let message = failed.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("withdrawn"), "{message}");
    assert_eq!(
        world.sims.salesforce.live_refresh_tokens(),
        0,
        "no live grant left behind"
    );
    assert_eq!(world.sims.salesforce.codes_issued(), 1);
    world.assert_no_leaks();
}

/// CustomerOS's cloud connects Salesforce itself (one-click sign-in in its own settings): its
/// API answers 200 without taking Salesforce, or has no integration routes at all. sfconnect
/// says so, never "connected", and never sends the admin to a Settings → Integrations page
/// that no longer exists.
#[tokio::test(flavor = "multi_thread")]
async fn a_customeros_that_connects_salesforce_itself_is_told_apart() {
    for no_routes in [false, true] {
        let world = World::new().await;
        world.sims.customeros.switches(|s| {
            s.ignores_salesforce = !no_routes;
            s.no_integration_api = no_routes;
        });
        let run = world.run(&world.web_args(&[])).await;
        assert_eq!(
            run.error_code(),
            "customeros_connects_itself",
            "{}",
            run.stdout
        );
        let json = run.json();
        let message = json["message"].as_str().unwrap();
        assert!(message.contains("connect Salesforce there"), "{message}");
        assert!(
            message.contains("don't need the app made here"),
            "{message}"
        );
        assert!(!message.contains("Settings → Integrations"), "{message}");
        assert!(
            json.get("provider_fields").is_none(),
            "no values to paste anywhere"
        );
        let human = world.run(&words(&["handoff"])).await;
        assert_ne!(human.code, 0);
        assert!(!human.stdout.contains("Integrations"), "{}", human.stdout);
        assert!(!human.stderr.contains("Integrations"), "{}", human.stderr);
        world.assert_no_leaks();
    }
}

/// Salesforce's REST errors each get their own message; an object this user can't see is
/// "no access", not a failure.
#[tokio::test(flavor = "multi_thread")]
async fn data_api_refusals_are_told_apart() {
    for (salesforce_says, code) in [
        ("REQUEST_LIMIT_EXCEEDED", "api_limit_reached"),
        ("API_DISABLED_FOR_ORG", "api_disabled_for_org"),
        ("API_CURRENTLY_DISABLED", "api_disabled"),
    ] {
        let world = World::new().await;
        world
            .sims
            .salesforce
            .switches(|s| s.data_api_error = Some(salesforce_says.into()));
        let run = world.run(&world.web_args(&[])).await;
        assert_eq!(run.error_code(), code, "{salesforce_says}");
        assert_eq!(world.sims.salesforce.live_refresh_tokens(), 0, "withdrawn");
    }
    let world = World::new().await;
    world.sims.salesforce.with_org(|org| {
        org.counts.remove("Lead");
    });
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.json()["counts"]["Lead"].is_null(), "{}", run.stdout);
}

/// Without the `refresh_token` scope Salesforce gives no refresh token: the sign-in says what
/// to add to the app, and no grant is left behind.
#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_without_the_refresh_token_scope_says_what_to_add() {
    let world = World::new().await;
    let run = world.run(&world.web_args(&["--scope", "api web"])).await;
    assert_eq!(run.error_code(), "no_refresh_token");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("Perform requests at any time"),
        "{}",
        run.stdout
    );
    assert_eq!(world.sims.salesforce.live_refresh_tokens(), 0);
}

/// Errors Salesforce sends back to the callback each say what to do, not "you chose Deny".
#[tokio::test(flavor = "multi_thread")]
async fn callback_errors_are_told_apart() {
    let world = World::new().await;
    for (error, description, code) in [
        (
            "OAUTH_EC_APP_NOT_FOUND",
            "External client app is not installed in this org",
            "app_not_in_org",
        ),
        (
            "OAUTH_APP_ACCESS_DENIED",
            "user is not admin approved to access this app",
            "not_admin_approved",
        ),
        (
            "OAUTH_APP_BLOCKED",
            "this app is blocked by admin",
            "app_blocked",
        ),
    ] {
        world
            .sims
            .salesforce
            .switches(|s| s.callback_error = Some((error.into(), description.into())));
        let run = world.run(&world.web_args(&[])).await;
        assert_eq!(run.error_code(), code, "{error}");
        let message = run.json()["message"].as_str().unwrap().to_owned();
        assert!(!message.contains("You chose Deny"), "{message}");
        assert_eq!(world.sims.salesforce.live_refresh_tokens(), 0);
    }
}

/// Refusals the token endpoint gives once it knows the user each say what to change, and the
/// code that was exchanged leaves no grant behind.
#[tokio::test(flavor = "multi_thread")]
async fn token_endpoint_refusals_are_told_apart() {
    let world = World::new().await;
    for (error, description, code) in [
        (
            "invalid_app_access",
            "user is not admin approved to access this app",
            "not_admin_approved",
        ),
        (
            "invalid_grant",
            "ip restricted or invalid login hours",
            "ip_restricted",
        ),
        ("invalid_grant", "inactive user", "inactive_user"),
    ] {
        world
            .sims
            .salesforce
            .switches(|s| s.token_refusal = Some((error.into(), description.into())));
        let run = world.run(&world.web_args(&[])).await;
        assert_eq!(run.error_code(), code, "{error} {description}");
        assert_eq!(world.sims.salesforce.live_refresh_tokens(), 0);
    }
    world.assert_no_leaks();
}
