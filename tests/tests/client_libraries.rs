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

async fn run(program: &str, script: &str, instance: &str, token: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("client-libraries")
        .join(script);
    let out = tokio::process::Command::new(program)
        .arg(&script)
        .env("INSTANCE_URL", instance)
        .env("ACCESS_TOKEN", token)
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
    let seen = run("node", "jsforce-check.mjs", &instance, &token).await;
    assert_eq!(seen["organization_id"], creds::ORG_ID);
    assert_eq!(seen["username"], creds::USERNAME);
    assert_counts(&seen);
}

#[tokio::test(flavor = "multi_thread")]
async fn simple_salesforce_reads_the_simulated_org() {
    let sims = sfconnect_sim::start(&[1]).await.unwrap();
    let (instance, token) = token(&sims).await;
    let seen = run("python3", "simple_salesforce_check.py", &instance, &token).await;
    assert_counts(&seen);
}
