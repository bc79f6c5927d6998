//! The real `sfconnect` against a real, OpenID-certified OAuth 2.0 server (node-oidc-provider
//! from npm, `tests/oauth-server/server.mjs`) at Salesforce's paths: confidential client, PKCE
//! required, exact loopback redirect URI, RFC 7009 revocation that insists on client
//! authentication, refresh-token rotation off and on, and reuse of a rotated token revoking the
//! whole grant. Every "handed off", "still works" and "revoked" is checked at the server by
//! introspection. CustomerOS is the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, json_answer, kept_refresh_token, words};
use sfconnect_sim::creds;
use std::path::Path;
use tokio::io::AsyncBufReadExt;

struct OAuthServer {
    _process: tokio::process::Child,
    url: String,
    http: reqwest::Client,
}

impl OAuthServer {
    async fn start(callback_port: u16, rotate: bool) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("oauth-server/server.mjs");
        let mut process = tokio::process::Command::new("node")
            .arg(&script)
            .env("CLIENT_ID", creds::CLIENT_ID)
            .env("CLIENT_SECRET", creds::CLIENT_SECRET)
            .env(
                "REDIRECT_URI",
                format!("http://localhost:{callback_port}/callback"),
            )
            .env("ROTATE", if rotate { "1" } else { "0" })
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs (scripts/setup installs oidc-provider with npm)");
        let mut lines = tokio::io::BufReader::new(process.stdout.take().unwrap()).lines();
        let port: u16 = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(port) = line.strip_prefix("listening ") {
                    return port.trim().parse().unwrap();
                }
            }
            panic!("the OAuth server stopped before listening (is oidc-provider installed?)");
        })
        .await
        .expect("the OAuth server listens within 30 s");
        // Keep reading, or the server dies writing its notices to a closed pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            _process: process,
            url: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
        }
    }

    /// Whether the server still honours `token` (RFC 7662 introspection).
    async fn active(&self, token: &str) -> bool {
        let introspect = self
            .http
            .post(format!("{}/services/oauth2/introspect", self.url))
            .form(&[
                ("token", token),
                ("client_id", creds::CLIENT_ID),
                ("client_secret", creds::CLIENT_SECRET),
            ]);
        json_answer(introspect).await["active"] == true
    }

    /// How many refresh tokens the server would still honour.
    async fn live(&self) -> u64 {
        let answer = json_answer(self.http.get(format!("{}/_test/live", self.url))).await;
        answer["live"].as_u64().unwrap()
    }

    async fn control(&self, path: &str) {
        let answer = self
            .http
            .post(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success());
    }
}

fn args_for(world: &World, server: &OAuthServer) -> Vec<String> {
    let mut args = world.web_args(&[]);
    let login = args.iter().position(|a| a == "--login-url").unwrap() + 1;
    args[login].clone_from(&server.url);
    args
}

/// connect (hand-off fails) → handoff → disconnect, checked at the server.
async fn round_trip(rotate: bool) {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, rotate).await;
    world.sims.customeros.switches(|s| s.status = Some(503));
    let failed = world.run(&args_for(&world, &server)).await;
    // The failed hand-off came after the one refresh before it: with rotation, the token the
    // sign-in gave is already replaced by the newest, which is what is kept.
    assert_eq!(
        failed.error_code(),
        "customeros_unavailable",
        "{}",
        failed.stderr
    );
    let first = kept_refresh_token(&world).unwrap();
    assert!(server.active(&first).await, "the kept sign-in works");

    world.sims.customeros.switches(|s| s.status = None);
    let retry = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(retry.code, 0, "{}\n{}", retry.stdout, retry.stderr);
    let delivered = world
        .sims
        .customeros
        .stored_salesforce()
        .unwrap()
        .refresh_token;
    assert!(
        server.active(&delivered).await,
        "rotation {rotate}: the token CustomerOS holds works at the server"
    );
    assert_eq!(
        delivered, first,
        "rotation {rotate}: the retry hands over the kept token without refreshing it again"
    );

    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    assert_eq!(done.json()["revoked"], true);
    assert!(
        !server.active(&delivered).await,
        "rotation {rotate}: reported revoked, and dead at the server"
    );
    assert_eq!(server.live().await, 0);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_handoff_and_disconnect_are_true_at_a_certified_server() {
    round_trip(false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_rotation_the_handed_off_token_is_the_live_one() {
    round_trip(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_that_fails_after_the_exchange_leaves_no_live_grant() {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, false).await;
    server.control("/_test/api?down=1").await;
    let failed = world.run(&args_for(&world, &server)).await;
    assert_eq!(
        failed.error_code(),
        "salesforce_unavailable",
        "{}",
        failed.stderr
    );
    let message = failed.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("withdrawn"), "{message}");
    assert_eq!(server.live().await, 0, "the new grant was revoked");
    world.assert_no_leaks();
}

/// The token CustomerOS was handed.
fn held_by_destination(world: &World) -> String {
    world
        .sims
        .customeros
        .stored_salesforce()
        .unwrap()
        .refresh_token
}

async fn connected(world: &World, server: &OAuthServer) {
    let run = world.run(&args_for(world, server)).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

impl OAuthServer {
    /// What the destination does from its own servers: renew with its copy. Answers the
    /// newest refresh token the server handed back.
    async fn renew(&self, token: &str) -> String {
        let renewed = self
            .http
            .post(format!("{}/services/oauth2/token", self.url))
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", token),
                ("client_id", creds::CLIENT_ID),
                ("client_secret", creds::CLIENT_SECRET),
            ]);
        json_answer(renewed).await["refresh_token"]
            .as_str()
            .expect("with rotation on, a renewal hands back a new refresh token")
            .to_owned()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn with_rotation_checks_leave_the_destinations_token_active() {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, true).await;
    connected(&world, &server).await;
    let held = held_by_destination(&world);
    // `sfconnect check` is what the wizard's home runs each time it opens.
    for _ in 0..4 {
        let check = world.run(&words(&["check", "--json"])).await;
        assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
        assert_eq!(check.json()["salesforce"], "active");
        assert_eq!(check.json()["rotates"], true);
    }
    let status = world.run(&words(&["status", "--json"])).await;
    assert_eq!(status.code, 0);
    assert!(
        server.active(&held).await,
        "after four checks the token CustomerOS holds is active at the server"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn with_rotation_the_destination_renews_first_and_keeps_working() {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, true).await;
    connected(&world, &server).await;
    let held = held_by_destination(&world);
    let renewed = server.renew(&held).await;
    // sfconnect's copy is now rotated away; presenting it to the token endpoint would make
    // this server revoke the whole grant (RFC 9700 §4.14.2). The check must not.
    let check = world.run(&words(&["check", "--json"])).await;
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
    assert_eq!(check.json()["salesforce"], "replaced");
    assert!(
        server.active(&renewed).await,
        "the destination's renewed token still works after sfconnect's check"
    );
    let retry = world.run(&words(&["handoff", "--json"])).await;
    assert_ne!(
        retry.code, 0,
        "nothing stale is handed over: {}",
        retry.stdout
    );
    assert!(server.active(&renewed).await);
    // Disconnect still ends the whole grant: this server revokes it through the stale copy.
    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    assert!(!server.active(&renewed).await);
    assert_eq!(server.live().await, 0);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn two_sign_ins_then_disconnect_leave_no_token_alive() {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, false).await;
    connected(&world, &server).await;
    let first = held_by_destination(&world);
    connected(&world, &server).await;
    let second = held_by_destination(&world);
    assert_ne!(first, second);
    assert!(server.active(&second).await);
    assert!(
        !server.active(&first).await,
        "the grant the second sign-in replaced at the same CustomerOS was revoked"
    );
    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    assert_eq!(done.json()["revoked"], true);
    assert_eq!(done.json()["salesforce"], "revoked");
    for token in [&first, &second] {
        assert!(!server.active(token).await);
    }
    assert_eq!(
        server.live().await,
        0,
        "every token sfconnect obtained is dead"
    );
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_earlier_sign_in_a_destination_may_hold_is_revoked_only_at_disconnect() {
    let world = World::new().await;
    let server = OAuthServer::start(world.port, false).await;
    let airbyte = |world: &World, name: &str| {
        let path = world.dir.path().join(name);
        let mut args = args_for(world, &server);
        let dest = args.iter().position(|a| a == "customeros").unwrap();
        args[dest] = "airbyte".into();
        args.extend(words(&["--output", path.to_str().unwrap()]));
        (args, path)
    };
    let (args, path) = airbyte(&world, "first.json");
    let run = world.run(&args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let config: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let first = config["credentials"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // A second sign-in (a new file): an Airbyte source may still run on the first one.
    let (args, _) = airbyte(&world, "second.json");
    let run = world.run(&args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        server.active(&first).await,
        "not revoked behind Airbyte's back"
    );
    let status = world.run(&words(&["status", "--json"])).await.json();
    assert_eq!(status["settings"]["earlier_sign_ins"], 1);
    let done = world.run(&words(&["disconnect", "--json"])).await;
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(done.json()["earlier_revoked"], 1);
    assert!(
        done.stderr.contains("Nothing is removed in Airbyte"),
        "{}",
        done.stderr
    );
    assert_eq!(server.live().await, 0);
    world.assert_no_leaks();
}
