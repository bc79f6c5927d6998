//! The browser sign-in end to end: the real `sfconnect` binary, the simulators, and
//! `BROWSER` set to a program that follows the sign-in redirect like a user pressing Allow.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, free_port};
use sfconnect_sim::creds;

#[tokio::test(flavor = "multi_thread")]
async fn web_sign_in_hands_off_to_customeros() {
    let world = World::new().await;
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let json = run.json();
    assert_eq!(json["status"], "connected");
    assert_eq!(json["org_id"], creds::ORG_ID);
    assert_eq!(json["username"], creds::USERNAME);
    assert_eq!(json["instance_url"], world.sims.salesforce.my_domain_url());
    assert_eq!(json["method"], "web");
    assert_eq!(json["destination"], "customeros");
    assert_eq!(json["destination_state"], "ACTIVE");
    assert_eq!(json["counts"]["Account"], 1284);
    assert_eq!(json["counts"]["Contact"], 5310);
    assert_eq!(json["counts"]["Opportunity"], 412);
    assert_eq!(json["counts"]["Lead"], 977);
    assert_eq!(
        json["stored"], true,
        "run the tests with a keyring (scripts/test does): {}",
        run.stderr
    );
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "counts",
            "destination",
            "destination_state",
            "instance_url",
            "method",
            "org_id",
            "status",
            "stored",
            "username"
        ],
        "exactly the contract's keys"
    );

    let stored = world
        .sims
        .customeros
        .stored_salesforce()
        .expect("CustomerOS has Salesforce");
    assert_eq!(stored.client_id, creds::CLIENT_ID);
    assert_eq!(stored.client_secret, creds::CLIENT_SECRET);
    assert!(
        world
            .sims
            .salesforce
            .refresh_token_is_live(&stored.refresh_token)
    );

    // Progress went to stderr, not stdout.
    assert!(run.stderr.contains("Signed in as"), "{}", run.stderr);
    let status = world.run(&["status".into(), "--json".into()]).await;
    let status = status.json();
    assert_eq!(status["secrets"]["refresh_token"], true);
    assert_eq!(status["settings"]["destination_state"], "ACTIVE");
    assert_eq!(status["settings"]["client_id"], creds::CLIENT_ID);
    world.assert_no_leaks();
}

/// After the sign-in sfconnect reads the app's policies in Setup (REST SOQL, as Salesforce
/// answers it) and says, before the hand-off, whether CustomerOS's own renewals will work.
#[tokio::test(flavor = "multi_thread")]
async fn the_apps_policies_are_read_and_the_one_setting_to_change_is_named() {
    let world = World::new().await;
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "✓ Salesforce Setup: CustomerOS's policies let CustomerOS renew its access. \
             Refresh Token Policy: valid until revoked. IP Relaxation: IP restrictions are \
             enforced, and your profile has no Login IP Ranges"
        ),
        "{}",
        run.stderr
    );
    let policies_read = world
        .sims
        .salesforce
        .seen()
        .iter()
        .filter(|seen| seen.uri.contains("ExtlClntAppOauthPlcyCnfg"))
        .count();
    assert_eq!(policies_read, 1, "the policies are read once per sign-in");

    // The admin's profile allows sign-ins only from the office: CustomerOS's servers would
    // be refused, and IP Relaxation is the one setting to change.
    let world = World::new().await;
    world.sims.salesforce.with_org(|org| {
        org.login_ip_ranges.push((
            creds::PROFILE_ID.into(),
            "203.0.113.0".into(),
            "203.0.113.255".into(),
        ));
    });
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "the hand-off still happens: {}", run.stderr);
    assert!(
        run.stderr
            .contains("✗ Salesforce Setup: CustomerOS's policies will stop CustomerOS's renewals")
            && run.stderr.contains("only from its 1 Login IP Range.")
            && run.stderr.contains(
                "Change one setting: On the app's Policies tab → Edit → OAuth Policies, set IP \
                 Relaxation to \"Enforce IP restrictions, but relax for refresh tokens\""
            )
            && run.stderr.contains(&format!(
                "{}/lightning/setup/ManageExternalClientApplication/0xIfj0000009EQLEA2/detail",
                world.sims.salesforce.my_domain_url()
            )),
        "{}",
        run.stderr
    );

    // A refresh token that expires at once: nothing could ever renew.
    let world = World::new().await;
    world.sims.salesforce.with_org(|org| {
        org.external_client_apps[0].refresh_token_policy = "Zero".into();
        org.external_client_apps[0].ip_relaxation = "Enforce_relaxrefresh".into();
    });
    let run = world.run(&world.web_args(&[])).await;
    assert!(
        run.stderr
            .contains("CustomerOS could not renew its access even once.")
            && run
                .stderr
                .contains("set Refresh Token Policy to \"Refresh token is valid until revoked\""),
        "{}",
        run.stderr
    );

    // Without the permission to read External Client Apps: no guess, and what to check.
    let world = World::new().await;
    world
        .sims
        .salesforce
        .with_org(|org| org.unreadable.push("ExternalClientApplication".into()));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "! Salesforce Setup: couldn't tell whether CustomerOS's renewals will work. \
             Salesforce didn't let this user read the app's settings (INVALID_TYPE)"
        ),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn deny_in_salesforce_says_so() {
    let world = World::new().await;
    world.sims.salesforce.switches(|s| s.deny = true);
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "access_denied");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("You chose Deny")
    );
    assert!(world.sims.customeros.stored_salesforce().is_none());
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_consumer_secret_is_explained() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env("SFCONNECT_CLIENT_SECRET", "not-the-secret");
    let run = world.run_with(cmd, &world.web_args(&[]), None).await;
    assert_eq!(run.error_code(), "wrong_client_secret");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("The Consumer Secret doesn't match this Consumer Key"),
        "{message}"
    );
    assert!(!run.stdout.contains("not-the-secret") && !run.stderr.contains("not-the-secret"));
}

/// The browser's visits to the simulated Salesforce (the pre-flight check sends no cookie and
/// follows nothing, so it never reaches the login page).
fn browser_visits(world: &World) -> usize {
    world
        .sims
        .salesforce
        .seen()
        .iter()
        .filter(|s| s.uri.starts_with("/login"))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_consumer_key_is_caught_before_the_browser_opens() {
    let world = World::new().await;
    let mut args = world.web_args(&[]);
    let key = args.iter().position(|a| a == "--client-id").unwrap() + 1;
    args[key] = "3MVG9UnknownKey".into();
    let started = std::time::Instant::now();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "unknown_client_id");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "no wait for a key that can't be right"
    );
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("Consumer Key")
    );
    assert_eq!(browser_visits(&world), 0, "the browser was not opened");

    // A key that looks right but Salesforce doesn't know is checked again, then given up on.
    args[key] = creds::CLIENT_ID.replace("3MVG9Sim", "3MVG9Oth");
    args.extend(["--app-wait".to_owned(), "6".to_owned()]);
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "unknown_client_id");
    assert!(
        run.stderr.contains("doesn't know this app yet"),
        "{}",
        run.stderr
    );
    assert_eq!(browser_visits(&world), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_app_is_waited_for_and_the_browser_opens_once_salesforce_knows_it() {
    let world = World::new().await;
    world.sims.salesforce.switches(|s| {
        s.app_unknown_until = Some(std::time::Instant::now() + std::time::Duration::from_secs(4));
    });
    let run = world.run(&world.web_args(&["--app-wait", "60"])).await;
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("doesn't know this app yet"),
        "{}",
        run.stderr
    );
    assert_eq!(browser_visits(&world), 1);
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_callback_url_the_app_lacks_is_caught_before_the_browser_opens() {
    let world = World::new().await;
    let unregistered = free_port();
    let mut args = world.web_args(&[]);
    let port = args.iter().position(|a| a == "--port").unwrap() + 1;
    args[port] = unregistered.to_string();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "callback_url_mismatch");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains(&format!("http://localhost:{unregistered}/callback")),
        "{message}"
    );
    assert_eq!(browser_visits(&world), 0);
}

/// An app made with the old CustomerOS guide (Callback URL `https://login.salesforce.com/`) is
/// recognised before the browser opens, and the admin is told what to add, not to start over.
#[tokio::test(flavor = "multi_thread")]
async fn an_app_made_with_the_old_guide_is_recognised() {
    let world = World::new().await;
    world.sims.salesforce.with_org(|org| {
        for app in &mut org.apps {
            app.callback_urls = vec!["https://login.salesforce.com/".into()];
        }
    });
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "callback_url_mismatch");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(message.contains("old CustomerOS guide"), "{message}");
    assert!(
        message.contains(&format!("add http://localhost:{}/callback", world.port)),
        "{message}"
    );
    assert_eq!(browser_visits(&world), 0);

    world.sims.salesforce.with_org(|org| {
        for app in &mut org.apps {
            app.callback_urls = vec!["https://elsewhere.example/callback".into()];
        }
    });
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "callback_url_mismatch");
    let message = run.json()["message"].as_str().unwrap().to_owned();
    assert!(!message.contains("old CustomerOS guide"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn busy_port_is_named_and_a_registered_fallback_is_used() {
    let fallback = free_port();
    let world = World::with_ports(&[fallback]).await;
    let _holder = std::net::TcpListener::bind(("127.0.0.1", world.port)).unwrap();
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "port_in_use");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains(&world.port.to_string())
    );

    let run = world
        .run(&world.web_args(&["--port", &fallback.to_string()]))
        .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("localhost:{fallback}/callback"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn no_browser_prints_the_link_to_open_anywhere() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env_remove("BROWSER");
    let mut child = cmd.args(world.web_args(&["--no-browser"])).spawn().unwrap();
    let mut lines = common::stderr_lines(&mut child);
    let url = common::read_until(&mut lines, "/services/oauth2/authorize?").await;
    // Another machine's browser: follow the link.
    let status = tokio::process::Command::new(common::bin("sim-browser"))
        .arg(&url)
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().await.unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["destination_state"], "ACTIVE");
}

#[tokio::test(flavor = "multi_thread")]
async fn pasted_redirect_address_finishes_the_flow() {
    let world = World::new().await;
    // Hold the port as if the browser's machine were elsewhere: paste mode goes on without it.
    let _holder = std::net::TcpListener::bind(("127.0.0.1", world.port)).unwrap();
    let mut cmd = world.command();
    cmd.env_remove("BROWSER");
    cmd.stdin(std::process::Stdio::piped());
    let mut child = cmd.args(world.web_args(&["--paste"])).spawn().unwrap();
    let mut lines = common::stderr_lines(&mut child);
    let url = common::read_until(&mut lines, "/services/oauth2/authorize?").await;
    use tokio::io::AsyncWriteExt;
    // The remote browser lands on http://localhost:PORT/callback?code=… — the user copies it.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let landed = client
        .get(&url)
        .header("cookie", "sid=signed-in") // that browser is signed in to the org
        .send()
        .await
        .unwrap();
    let location = landed.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("http://localhost:{}/callback?code=", world.port)));
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("  {location}  \n").as_bytes())
        .await
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["destination_state"], "ACTIVE");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_pasted_address_fails_with_what_to_paste() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env_remove("BROWSER");
    let wrong = format!(
        "http://localhost:{}/callback?code=aPrx%3D%3D&state=from-another-attempt\n",
        world.port
    );
    let run = world
        .run_with(cmd, &world.web_args(&["--paste"]), Some(&wrong))
        .await;
    assert_eq!(run.error_code(), "invalid_redirect_url");
    let run = world
        .run_with(
            world.command(),
            &world.web_args(&["--paste"]),
            Some("https://example.com/\n"),
        )
        .await;
    assert_eq!(run.error_code(), "invalid_redirect_url");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_code_asks_to_sign_in_again() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.code_ttl = std::time::Duration::ZERO);
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "code_expired");
    assert_eq!(
        world.sims.salesforce.token_requests(),
        1,
        "no automatic retry of a spent code"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn salesforce_down_is_reported_plainly() {
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.token_status = Some(503));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "salesforce_unavailable");
    assert_eq!(world.sims.salesforce.token_requests(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_cancels_the_wait_and_frees_the_port() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env_remove("BROWSER");
    let mut child = cmd.args(world.web_args(&["--no-browser"])).spawn().unwrap();
    let mut lines = common::stderr_lines(&mut child);
    common::read_until(&mut lines, "Waiting for you").await;
    let pid = child.id().unwrap().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().await.unwrap();
    assert_eq!(out.status.code(), Some(130));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["code"], "cancelled");
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", world.port)).is_ok(),
        "port released"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirected_token_request_is_not_followed_with_the_secret() {
    // A second loopback port that records every byte anyone sends it.
    let trap = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let trap_url = format!(
        "http://127.0.0.1:{}/services/oauth2/token",
        trap.local_addr().unwrap().port()
    );
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let recorder = seen.clone();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        while let Ok((mut stream, _)) = trap.accept().await {
            let mut buf = vec![0; 8192];
            if let Ok(n) = stream.read(&mut buf).await {
                recorder.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    });
    let world = World::new().await;
    world
        .sims
        .salesforce
        .switches(|s| s.token_redirect_to = Some(trap_url));
    let run = world.run(&world.web_args(&[])).await;
    assert_eq!(run.error_code(), "salesforce_redirected");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        seen.lock().unwrap().is_empty(),
        "the redirect target saw nothing"
    );
    world.assert_no_leaks();
}

/// The browser sfconnect starts gets none of the secrets sfconnect was given in its environment
/// (security review #8): `$BROWSER` here records its environment, then signs in.
#[tokio::test(flavor = "multi_thread")]
async fn the_browser_inherits_no_secret_from_the_environment() {
    let world = World::new().await;
    let dump = world.dir.path().join("browser-env");
    let browser = world.dir.path().join("recording-browser");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nenv > '{}'\nexec '{}' \"$@\"\n",
            dump.display(),
            common::bin("sim-browser").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let mut command = world.command();
    command
        .env("BROWSER", &browser)
        .env("GITHUB_TOKEN", "ghp_not_for_the_browser");
    let run = world.run_with(command, &world.web_args(&[]), None).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = std::fs::read_to_string(&dump).unwrap();
    assert!(seen.contains("PATH="), "the browser got an environment");
    for secret in world
        .secrets()
        .iter()
        .map(String::as_str)
        .chain(["ghp_not_for_the_browser"])
    {
        assert!(!seen.contains(secret), "the browser inherited a secret");
    }
    for name in [
        "SFCONNECT_CLIENT_SECRET=",
        "CUSTOMEROS_API_KEY=",
        "GITHUB_TOKEN=",
    ] {
        assert!(!seen.contains(name), "the browser inherited {name}");
    }
}

/// Salesforce's (or a hostile server's) words reach the terminal without control characters
/// (security review #12): an escape sequence in an error description is shown as plain text.
#[tokio::test(flavor = "multi_thread")]
async fn server_text_reaches_the_terminal_without_control_characters() {
    let world = World::new().await;
    world.sims.salesforce.switches(|s| {
        s.callback_error = Some((
            "access_denied".into(),
            "blocked\u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{1b}[2K\rConnected".into(),
        ));
    });
    let args: Vec<String> = world
        .web_args(&[])
        .into_iter()
        .filter(|a| a != "--json")
        .collect();
    let run = world.run(&args).await;
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("blocked"), "{}", run.stderr);
    for shown in [&run.stdout, &run.stderr] {
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
    }
}
