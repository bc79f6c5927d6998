//! `sfconnect report`: what support needs, with zero secret bytes. Known secrets are seeded
//! (the app's secret, the CustomerOS key, every token Salesforce issued, and a wizard log that
//! contains some of them), a flow fails in several ways, and the report is scanned.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, kept_refresh_token, words};
use sfconnect_sim::creds;

/// Under Wine the wizard's log folder is the prefix's own (Windows finds `%LOCALAPPDATA%` by
/// its known-folder API, not from the environment), so it is one for every test here: the
/// test that writes a log with secrets in it holds this while its log exists, and any other
/// report waits (else it read that log, whose secrets its own run doesn't know).
static WIZARD_LOG: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Removes the wizard log it names when dropped (a failed assertion too).
struct RemovedAfter(std::path::PathBuf);

impl Drop for RemovedAfter {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_support_report_has_what_support_needs_and_no_secret() {
    let _log = WIZARD_LOG.lock().await;
    let world = World::new().await;
    // 1. The hand-off fails (CustomerOS down): the sign-in is kept for a retry.
    world.sims.customeros.switches(|s| s.status = Some(503));
    let failed = world.run(&world.web_args(&[])).await;
    assert_eq!(failed.error_code(), "customeros_unavailable");
    // 2. The retry fails too.
    let retry = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(retry.error_code(), "customeros_unavailable");
    // CustomerOS is back: the hand-off works (walkthrough 2, M5: the errors before it are
    // marked resolved in the report, the later one isn't).
    world.sims.customeros.switches(|s| s.status = None);
    let handed = world.run(&words(&["handoff", "--json"])).await;
    assert_eq!(handed.code, 0, "{}", handed.stderr);
    // The report's times are to the second: the next failure is a second later.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    // 3. A sign-in with the wrong secret.
    let mut wrong = world.command();
    wrong.env("SFCONNECT_CLIENT_SECRET", "not-the-secret-at-all");
    let refused = world.run_with(wrong, &world.web_args(&[]), None).await;
    assert_eq!(refused.error_code(), "wrong_client_secret");
    let refresh = kept_refresh_token(&world).expect("the first sign-in is still kept");

    // The wizard's log on this computer, with secrets in it (as a careless line might be), where
    // the wizard writes it (on Windows %LOCALAPPDATA%, which the report didn't read: Windows review).
    let (logs, log_env) = common::wizard_log_dir(&world);
    std::fs::create_dir_all(&logs).unwrap();
    let _removed = RemovedAfter(logs.join("sfconnect.log"));
    std::fs::write(
        logs.join("sfconnect.log"),
        format!(
            "[info] wizard started\n[debug] oops {refresh} and {} in a line\n[info] \u{1b}[31mred\n",
            creds::CLIENT_SECRET
        ),
    )
    .unwrap();

    let mut command = world.command();
    command.envs(log_env.clone());
    let report = world.run_with(command, &words(&["report"]), None).await;
    assert_eq!(report.code, 0, "{}", report.stderr);
    let text = &report.stdout;
    for expected in [
        concat!("sfconnect (command line) ", env!("CARGO_PKG_VERSION")),
        "Step reached:",
        "Last success: ",
        "(the hand-off finished)",
        "App policies: the destination's renewals will work (read at the last sign-in)",
        "Kept in the keyring: Consumer Secret yes, refresh token yes, CustomerOS API key yes",
        "customeros_unavailable  (resolved: before the last success)",
        "wrong_client_secret",
        "wizard started",
        "oops [redacted] and [redacted] in a line",
        creds::CLIENT_ID,
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("wrong_client_secret"))
        .collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|l| !l.contains("resolved")),
        "the failure after the last success is not resolved: {errors:?}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    // The system support is told about is the one sfconnect runs on (under Wine, Windows, not
    // the host's /etc/os-release).
    let system = text.lines().find(|l| l.starts_with("System")).unwrap();
    if common::windows_leg().is_some() {
        assert!(
            system.contains("Windows") && system.contains("(build "),
            "{system}"
        );
        assert!(!system.contains("Linux"), "{system}");
    } else {
        assert!(system.contains("linux"), "{system}");
    }
    let mut secrets = world.secrets();
    secrets.push(refresh.clone());
    secrets.push("not-the-secret-at-all".into());
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "a secret reached the report:\n{text}"
        );
    }

    // To a file: owner-only, and an existing file is left alone.
    let file = world.dir.path().join("report.txt");
    let mut command = world.command();
    command.envs(log_env);
    let written = world
        .run_with(
            command,
            &words(&["report", "--output", file.to_str().unwrap()]),
            None,
        )
        .await;
    assert_eq!(written.code, 0, "{}", written.stderr);
    let saved = std::fs::read_to_string(&file).unwrap();
    for secret in &secrets {
        assert!(!saved.contains(secret.as_str()));
    }
    common::assert_owner_only(&file);
    let again = world
        .run(&words(&["report", "--output", file.to_str().unwrap()]))
        .await;
    assert_ne!(again.code, 0, "an existing report file is not replaced");
    world.assert_no_leaks();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_destination_echoing_the_secrets_never_puts_them_in_the_settings_or_the_report() {
    let _log = WIZARD_LOG.lock().await;
    let world = World::new().await;
    world.sims.customeros.switches(|s| s.echoes_body = true);
    // No keyring: the run's own engine is the only one that knows this sign-in's secrets.
    let failed = world.run(&world.web_args(&["--no-store"])).await;
    assert_ne!(failed.code, 0);
    let settings = std::fs::read_to_string(world.settings_path()).unwrap();
    let report = world.run(&words(&["report"])).await;
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        report.stdout.contains("could not parse request body"),
        "the server's words are kept, only the secrets go: {}",
        report.stdout
    );
    let mut secrets = world.sims.salesforce.issued_tokens();
    secrets.extend([
        creds::CLIENT_SECRET.to_owned(),
        creds::CUSTOMEROS_API_KEY.to_owned(),
    ]);
    for secret in &secrets {
        assert!(
            !settings.contains(secret.as_str()),
            "the settings file holds a secret"
        );
        assert!(
            !report.stdout.contains(secret.as_str()),
            "the report holds a secret"
        );
    }
}
