//! The command line itself: help, version, demo, bad input, and a verbose run that leaks nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, words};

#[tokio::test(flavor = "multi_thread")]
async fn help_and_version() {
    let world = World::new().await;
    let version = world.run(&words(&["--version"])).await;
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("sfconnect "));
    let help = world.run(&words(&["connect", "--help"])).await;
    assert_eq!(help.code, 0);
    for flag in [
        "--login-url",
        "--client-id",
        "--port",
        "--timeout",
        "--no-browser",
        "--paste",
        "--scope",
        "--destination",
        "--customeros-url",
        "--customeros-username",
        "--json",
        "--no-store",
        "--require-store",
        "--demo",
    ] {
        assert!(help.stdout.contains(flag), "{flag} missing from help");
    }
    let bad = world
        .run(&words(&[
            "connect",
            "--no-browser",
            "--paste",
            "--login-url",
            "x",
        ]))
        .await;
    assert_eq!(bad.code, 2, "usage errors exit 2");
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_runs_the_whole_flow_labelled() {
    let world = World::new().await;
    let run = world.run(&words(&["connect", "--demo", "--json"])).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["destination_state"], "ACTIVE");
    assert!(run.stderr.contains("DEMO"));
    let human = world.run(&words(&["connect", "--demo"])).await;
    assert!(
        human.stdout.starts_with("DEMO — Connected."),
        "{}",
        human.stdout
    );
    assert!(
        !world.settings_path().exists(),
        "the demo leaves the real settings alone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_a_code_and_a_next_step() {
    let world = World::new().await;
    let mut args = world.web_args(&[]);
    let login = args.iter().position(|a| a == "--login-url").unwrap() + 1;
    args[login] = "https://example.com".into();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "invalid_login_url");

    let mut cmd = world.command();
    cmd.env_remove("SFCONNECT_CLIENT_SECRET");
    let run = world.run_with(cmd, &world.web_args(&[]), None).await;
    assert_eq!(run.error_code(), "invalid_client_secret");
    assert!(
        run.json()["message"]
            .as_str()
            .unwrap()
            .contains("SFCONNECT_CLIENT_SECRET")
    );

    let mut cmd = world.command();
    cmd.env_remove("CUSTOMEROS_API_KEY");
    let run = world.run_with(cmd, &world.web_args(&[]), None).await;
    assert_eq!(run.error_code(), "invalid_api_key");

    let mut args = world.web_args(&[]);
    let url = args.iter().position(|a| a == "--customeros-url").unwrap() + 1;
    args[url] = "http://customeros.example.com".into();
    let run = world.run(&args).await;
    assert_eq!(run.error_code(), "invalid_customeros_url");

    let run = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(run.error_code(), "not_connected");
}

#[tokio::test(flavor = "multi_thread")]
async fn most_verbose_logging_leaks_no_secret() {
    let world = World::new().await;
    let mut cmd = world.command();
    cmd.env("SFCONNECT_LOG", "trace");
    let run = world.run_with(cmd, &world.web_args(&["-vv"]), None).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    world.sims.customeros.switches(|s| s.status = Some(500));
    let mut cmd = world.command();
    cmd.env("SFCONNECT_LOG", "trace");
    let failed = world.run_with(cmd, &world.web_args(&["-vv"]), None).await;
    assert_ne!(failed.code, 0);
    world.sims.customeros.switches(|s| s.status = None);
    let mut cmd = world.command();
    cmd.env("SFCONNECT_LOG", "trace");
    let retry = world.run_with(cmd, &words(&["-vv", "handoff"]), None).await;
    assert_eq!(retry.code, 0, "{}", retry.stderr);
    let mut cmd = world.command();
    cmd.env("SFCONNECT_LOG", "trace");
    world.run_with(cmd, &words(&["-vv", "status"]), None).await;
    let mut cmd = world.command();
    cmd.env("SFCONNECT_LOG", "trace");
    world
        .run_with(cmd, &words(&["-vv", "disconnect"]), None)
        .await;
    assert!(!world.sims.salesforce.issued_tokens().is_empty());
    world.assert_no_leaks();
}

/// Without `SFCONNECT_CONFIG_DIR`, a connection's settings live in the system's own settings
/// folder: `$XDG_CONFIG_HOME/sfconnect` on Linux, `%APPDATA%\sfconnect\config` on Windows.
#[tokio::test(flavor = "multi_thread")]
async fn settings_live_in_the_systems_settings_folder() {
    let world = World::new().await;
    let config_home = world.dir.path().join("config-home");
    let mut command = world.command();
    command
        .env_remove("SFCONNECT_CONFIG_DIR")
        .env("XDG_CONFIG_HOME", &config_home);
    let status = world
        .run_with(command, &words(&["status", "--json"]), None)
        .await
        .json();
    let file = status["settings_file"].as_str().unwrap();
    let name = format!("{}.json", world.profile);
    if common::windows_leg().is_some() {
        let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
        let expected = format!(r"C:\users\{user}\AppData\Roaming\sfconnect\config\{name}");
        assert!(file.eq_ignore_ascii_case(&expected), "{file}");
    } else {
        assert_eq!(
            std::path::Path::new(file),
            config_home.join("sfconnect").join(name)
        );
    }
}
