//! The real `sfconnect` against a real, OpenID-certified OAuth 2.0 server (node-oidc-provider
//! from npm, `tests/oauth-server/server.mjs`) at Salesforce's paths: confidential client, PKCE
//! required, exact loopback redirect URI, RFC 7009 revocation that insists on client
//! authentication, and refresh-token rotation off and on. Every "handed off" and "revoked" is
//! checked at the server by introspection. CustomerOS is the simulator.
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
        kept_refresh_token(&world).as_deref(),
        Some(delivered.as_str())
    );
    assert_eq!(
        server.active(&first).await,
        !rotate,
        "rotation {rotate}: the first token lives only without rotation"
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
