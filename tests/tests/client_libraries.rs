//! The simulated Salesforce must answer like the real one, so the widely used client libraries
//! read it without complaint: jsforce (npm) and simple-salesforce (`PyPI`), each reading the
//! identity or limits, describeGlobal and the four record counts with a token the simulator
//! issued.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use serde_json::Value;
use sfconnect_sim::creds;
use std::path::Path;

/// A token from the simulated org (OAuth username-password grant, as a script would).
async fn token(sims: &sfconnect_sim::Sims) -> (String, String) {
    let answer = common::json_answer(
        reqwest::Client::new()
            .post(format!(
                "{}/services/oauth2/token",
                sims.salesforce.my_domain_url()
            ))
            .form(&[
                ("grant_type", "password"),
                ("client_id", creds::CLIENT_ID),
                ("client_secret", creds::CLIENT_SECRET),
                ("username", creds::USERNAME),
                (
                    "password",
                    &format!("{}{}", creds::PASSWORD, creds::SECURITY_TOKEN),
                ),
            ]),
    )
    .await;
    (
        answer["instance_url"].as_str().unwrap().to_owned(),
        answer["access_token"].as_str().unwrap().to_owned(),
    )
}

/// The project's Python (`.venv/`, made by scripts/setup from `requirements-dev.txt`), never the
/// system's: a library only the machine's site-packages held would hide a missing install step.
fn python() -> String {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python3");
    venv.to_str().unwrap().to_owned()
}

/// Runs a client-library script with `env`; answers the one JSON object it prints.
async fn run(program: &str, script: &str, env: &[(&str, &str)]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("client-libraries")
        .join(script);
    let out = tokio::process::Command::new(program)
        .arg(&script)
        .envs(env.iter().copied())
        .output()
        .await
        .unwrap_or_else(|e| panic!("{program} runs (scripts/setup installs the libraries): {e}"));
    assert!(
        out.status.success(),
        "{program} {}: {}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_counts(seen: &Value) {
    assert_eq!(seen["counts"]["Account"], 1284, "{seen}");
    assert!(
        seen["objects"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "Account")
    );
    assert!(seen["api_remaining"].as_u64().unwrap() > 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn jsforce_reads_the_simulated_org() {
    let sims = sfconnect_sim::start(&[1]).await.unwrap();
    let (instance, token) = token(&sims).await;
    let env = [
        ("INSTANCE_URL", instance.as_str()),
        ("ACCESS_TOKEN", token.as_str()),
    ];
    let seen = run("node", "jsforce-check.mjs", &env).await;
    assert_eq!(seen["organization_id"], creds::ORG_ID);
    assert_eq!(seen["username"], creds::USERNAME);
    assert_counts(&seen);
}

#[tokio::test(flavor = "multi_thread")]
async fn simple_salesforce_reads_the_simulated_org() {
    let sims = sfconnect_sim::start(&[1]).await.unwrap();
    let (instance, token) = token(&sims).await;
    let env = [
        ("INSTANCE_URL", instance.as_str()),
        ("ACCESS_TOKEN", token.as_str()),
    ];
    let seen = run(&python(), "simple_salesforce_check.py", &env).await;
    assert_counts(&seen);
}

/// Runs a client-library script that signs in by SOAP `login()` itself.
async fn run_soap(
    program: &str,
    script: &str,
    sims: &sfconnect_sim::Sims,
    password: &str,
) -> Value {
    let env = [
        ("LOGIN_URL", sims.salesforce.login_url()),
        ("USERNAME", creds::USERNAME),
        ("PASSWORD", password),
        ("SECURITY_TOKEN", creds::SECURITY_TOKEN),
    ];
    run(program, script, &env).await
}

/// jsforce signs in by SOAP, reads, and logs out: `logout()` ends the session (it is not a
/// second `login()`), and a wrong password is an `INVALID_LOGIN` fault.
#[tokio::test(flavor = "multi_thread")]
async fn jsforce_signs_in_and_out_by_soap() {
    let sims = sfconnect_sim::start(&[1]).await.unwrap();
    let password = format!("{}{}", creds::PASSWORD, creds::SECURITY_TOKEN);
    let seen = run_soap("node", "jsforce-soap.mjs", &sims, &password).await;
    assert_eq!(seen["organization_id"], creds::ORG_ID, "{seen}");
    assert_eq!(seen["accounts"], 1284, "{seen}");
    let wrong = seen["wrong_password"]["message"].as_str().unwrap();
    assert!(wrong.starts_with("INVALID_LOGIN: "), "{seen}");
    assert_eq!(
        seen["after_logout"]["errorCode"], "INVALID_SESSION_ID",
        "{seen}"
    );
}

/// simple-salesforce signs in by SOAP and reads the code of a refusal from the fault's
/// `<detail>`, as it does against Salesforce.
#[tokio::test(flavor = "multi_thread")]
async fn simple_salesforce_signs_in_by_soap_and_reads_its_faults() {
    let sims = sfconnect_sim::start(&[1]).await.unwrap();
    let seen = run_soap(
        &python(),
        "simple_salesforce_soap.py",
        &sims,
        creds::PASSWORD,
    )
    .await;
    assert_eq!(seen["right_password"]["accounts"], 1284, "{seen}");
    assert_eq!(
        seen["wrong_password"]["refused"]["code"], "INVALID_LOGIN",
        "{seen}"
    );

    sims.salesforce
        .switches(|s| s.soap_needs_use_any_api_auth = true);
    let seen = run_soap(
        &python(),
        "simple_salesforce_soap.py",
        &sims,
        creds::PASSWORD,
    )
    .await;
    assert_eq!(
        seen["right_password"]["refused"]["code"], "INSUFFICIENT_ACCESS",
        "{seen}"
    );
}
