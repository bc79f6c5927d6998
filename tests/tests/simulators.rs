//! The simulators speak Salesforce's and CustomerOS's wire formats faithfully: checked here
//! with plain HTTP, independent of the engine.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use base64::Engine as _;
use sfconnect_sim::creds;
use sha2::{Digest, Sha256};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn challenge() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER))
}

async fn authorize(base: &str, redirect_uri: &str, with_pkce: bool) -> reqwest::Response {
    let mut url = url::Url::parse(&format!("{base}/services/oauth2/authorize")).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", creds::CLIENT_ID)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", "st8")
        .append_pair("scope", "api refresh_token web");
    if with_pkce {
        url.query_pairs_mut()
            .append_pair("code_challenge", &challenge())
            .append_pair("code_challenge_method", "S256");
    }
    // A browser already signed in to the org.
    client()
        .get(url)
        .header("cookie", "sid=signed-in")
        .send()
        .await
        .unwrap()
}

fn code_from(location: &str) -> String {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned()
}

async fn exchange(base: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let response = client()
        .post(format!("{base}/services/oauth2/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn authorization_code_flow_is_faithful() {
    let sims = sfconnect_sim::start(&[7999]).await.unwrap();
    let sf = sims.salesforce.my_domain_url().to_owned();
    let redirect = "http://localhost:7999/callback";

    // A callback URL that isn't registered: Salesforce's own error page, never a redirect.
    let mismatch = authorize(&sf, "http://localhost:1234/callback", true).await;
    assert_eq!(mismatch.status(), 400);
    assert!(mismatch.headers().get("location").is_none());
    assert!(
        mismatch
            .text()
            .await
            .unwrap()
            .contains("redirect_uri_mismatch")
    );

    // PKCE required by this app.
    let no_pkce = authorize(&sf, redirect, false).await;
    let location = no_pkce.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("error=invalid_request"), "{location}");

    let ok = authorize(&sf, redirect, true).await;
    assert_eq!(ok.status(), 302);
    let location = ok.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(redirect));
    assert!(
        location.contains("%3D%3D&state=st8"),
        "code percent-encoded, ending ==: {location}"
    );
    let code = code_from(&location);
    assert!(code.ends_with("=="));

    let form = |verifier: &'static str, code: &str| -> Vec<(&'static str, String)> {
        vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.to_owned()),
            ("client_id", creds::CLIENT_ID.into()),
            ("client_secret", creds::CLIENT_SECRET.into()),
            ("redirect_uri", redirect.into()),
            ("code_verifier", verifier.into()),
        ]
    };
    let as_refs = |v: &Vec<(&'static str, String)>| {
        v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let wrong = as_refs(&form("wrong-verifier", &code));
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = exchange(&sf, &wrong).await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (400, "invalid_grant")
    );
    assert_eq!(body["error_description"], "invalid code verifier");

    // The code was spent by that attempt: one-time use.
    let right = as_refs(&form(VERIFIER, &code));
    let right: Vec<(&str, &str)> = right.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = exchange(&sf, &right).await;
    assert_eq!(status, 400);
    assert_eq!(body["error_description"], "invalid authorization code");

    let code = code_from(
        authorize(&sf, redirect, true).await.headers()["location"]
            .to_str()
            .unwrap(),
    );
    let fresh = as_refs(&form(VERIFIER, &code));
    let fresh: Vec<(&str, &str)> = fresh.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = exchange(&sf, &fresh).await;
    assert_eq!(status, 200, "{body}");
    for field in [
        "access_token",
        "refresh_token",
        "signature",
        "scope",
        "instance_url",
        "id",
        "token_type",
        "issued_at",
    ] {
        assert!(body.get(field).is_some(), "{field} missing: {body}");
    }
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["issued_at"].is_string());

    // Basic client authentication works too; a wrong secret is invalid_client.
    let refresh = body["refresh_token"].as_str().unwrap().to_owned();
    let response = client()
        .post(format!("{sf}/services/oauth2/token"))
        .basic_auth(creds::CLIENT_ID, Some(creds::CLIENT_SECRET))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body.get("refresh_token").is_none(),
        "refresh gives no new refresh token"
    );
    let (status, body) = exchange(
        &sf,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", creds::CLIENT_ID),
            ("client_secret", "nope"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (400, "invalid_client")
    );
    let (status, body) = exchange(
        &sf,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", "3MVGunknown"),
            ("client_secret", "x"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (400, "invalid_client_id")
    );

    // Revoke, then the refresh token is dead.
    let revoked = client()
        .post(format!("{sf}/services/oauth2/revoke"))
        .form(&[("token", refresh.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let (status, body) = exchange(
        &sf,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", creds::CLIENT_ID),
            ("client_secret", creds::CLIENT_SECRET),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error_description"].as_str().unwrap()),
        (400, "expired access/refresh token")
    );
}

#[tokio::test]
async fn codes_expire() {
    let sims = sfconnect_sim::start(&[7998]).await.unwrap();
    sims.salesforce
        .switches(|s| s.code_ttl = std::time::Duration::ZERO);
    let sf = sims.salesforce.my_domain_url().to_owned();
    let code = code_from(
        authorize(&sf, "http://localhost:7998/callback", true)
            .await
            .headers()["location"]
            .to_str()
            .unwrap(),
    );
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (status, body) = exchange(
        &sf,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", creds::CLIENT_ID),
            ("client_secret", creds::CLIENT_SECRET),
            ("redirect_uri", "http://localhost:7998/callback"),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error_description"].as_str().unwrap()),
        (400, "expired authorization code")
    );
}

#[tokio::test]
async fn customeros_checks_headers_in_order_and_fields() {
    let sims = sfconnect_sim::start(&[7997]).await.unwrap();
    let base = sims.customeros.url().to_owned();
    let post = |headers: Vec<(&'static str, &'static str)>, body: &'static str| {
        let base = base.clone();
        async move {
            let mut request = client()
                .post(format!("{base}/integration"))
                .header("content-type", "application/json")
                .body(body);
            for (k, v) in headers {
                request = request.header(k, v);
            }
            let response = request.send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let full = r#"{"salesforce":{"clientId":"a","clientSecret":"b","refreshToken":"c"}}"#;
    assert_eq!(
        post(vec![("X-CUSTOMER-OS-API-KEY", "x")], full).await.1,
        r#"{"errors":[{"message":"missing username header"}]}"#
    );
    assert!(
        post(vec![("X-Openline-USERNAME", creds::CUSTOMEROS_USER)], full)
            .await
            .1
            .contains("Api key is required")
    );
    // Upstream's typo, byte for byte: `message` followed by U+201D.
    assert_eq!(
        post(
            vec![
                ("X-Openline-USERNAME", creds::CUSTOMEROS_USER),
                ("X-CUSTOMER-OS-API-KEY", "x")
            ],
            full
        )
        .await
        .1,
        "{\"errors\":[{\"message\u{201d}\":\"Invalid api key\"}]}"
    );
    assert!(
        post(
            vec![
                ("X-Openline-USERNAME", creds::CUSTOMEROS_USER),
                ("X-Openline-API-KEY", "x")
            ],
            full
        )
        .await
        .1
        .contains("Error while checking api key: record not found")
    );
    // Empty headers count as absent; the tenant is checked before the key.
    assert!(
        post(
            vec![("X-Openline-USERNAME", ""), ("X-CUSTOMER-OS-API-KEY", "x")],
            full
        )
        .await
        .1
        .contains("missing username header")
    );
    assert!(
        post(vec![("X-Openline-USERNAME", "who@else.example")], full)
            .await
            .1
            .contains("user has no associated tenant")
    );
    assert!(
        post(
            vec![
                ("X-Openline-USERNAME", "who@else.example"),
                ("X-CUSTOMER-OS-API-KEY", creds::CUSTOMEROS_API_KEY)
            ],
            full
        )
        .await
        .1
        .contains("user has no associated tenant")
    );
    let good = vec![
        ("X-Openline-USERNAME", creds::CUSTOMEROS_USER),
        ("X-CUSTOMER-OS-API-KEY", creds::CUSTOMEROS_API_KEY),
    ];
    let (status, body) = post(
        good.clone(),
        r#"{"salesforce":{"clientId":"a","refreshToken":"c"}}"#,
    )
    .await;
    assert_eq!(
        (status, body.as_str()),
        (
            500,
            r#"{"error":"missing client secret for Salesforce integration"}"#
        )
    );
    assert_eq!(post(good.clone(), "{not json").await, (400, String::new()));
    assert_eq!(post(good.clone(), "[1, 2]").await, (400, String::new()));
    assert_eq!(
        post(good.clone(), r#"{"salesforce":"text"}"#).await,
        (
            500,
            r#"{"error":"invalid data for integration salesforce"}"#.to_owned()
        )
    );
    let long = Box::leak(
        format!(
            r#"{{"salesforce":{{"clientId":"{}","clientSecret":"b","refreshToken":"c"}}}}"#,
            "k".repeat(256)
        )
        .into_boxed_str(),
    );
    let (status, body) = post(good.clone(), long).await;
    assert_eq!(status, 500);
    assert!(body.contains("character varying(255)"), "{body}");
    // Empty strings are accepted; unknown names are ignored.
    let (status, body) = post(
        good.clone(),
        r#"{"salesforce":{"clientId":"","clientSecret":"","refreshToken":""},"nosuch":{}}"#,
    )
    .await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"salesforce":{"state":"ACTIVE"}}"#)
    );
    // Any tenant's key is accepted for any user.
    let other = vec![
        ("X-Openline-USERNAME", creds::CUSTOMEROS_USER),
        (
            "X-CUSTOMER-OS-API-KEY",
            sfconnect_sim::customeros::OTHER_TENANT_KEY,
        ),
    ];
    assert_eq!(post(other, full).await.0, 200);
    // gin: a trailing slash is redirected, OPTIONS answers 204.
    let slash = client()
        .get(format!("{base}/integrations/"))
        .send()
        .await
        .unwrap();
    assert_eq!(slash.status(), 301);
    assert_eq!(slash.headers()["location"], "/integrations");
    let options = client()
        .request(reqwest::Method::OPTIONS, format!("{base}/integration"))
        .send()
        .await
        .unwrap();
    assert_eq!(options.status(), 204);
    let (status, body) = post(good.clone(), full).await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"salesforce":{"state":"ACTIVE"}}"#)
    );
    let app_key = vec![
        ("X-Openline-USERNAME", creds::CUSTOMEROS_USER),
        ("X-Openline-API-KEY", creds::CUSTOMEROS_APP_KEY),
    ];
    assert_eq!(post(app_key, full).await.0, 200);
}

/// What the Salesforce CLI (`sf org login web`) does against an org: the global public
/// `PlatformCLI` app (no secret, PKCE with no method parameter), then userinfo, the User
/// record, the versions list without a trailing slash and a query on Organization.
#[tokio::test]
async fn the_salesforce_cli_sign_in_is_served() {
    let sims = sfconnect_sim::start(&[7998]).await.unwrap();
    let sf = sims.salesforce.my_domain_url().to_owned();
    let redirect = "http://localhost:1717/OauthRedirect";
    let mut url = url::Url::parse(&format!("{sf}/services/oauth2/authorize")).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", "PlatformCLI")
        .append_pair("redirect_uri", redirect)
        .append_pair("state", "cli")
        .append_pair("scope", "refresh_token api web")
        .append_pair("code_challenge", &challenge());
    let anonymous = client().get(url.clone()).send().await.unwrap();
    let login = anonymous.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        login.starts_with("/login?startURL="),
        "without a session: the login page first"
    );
    let approved = client()
        .get(url)
        .header("cookie", "sid=signed-in")
        .send()
        .await
        .unwrap();
    let location = approved.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(redirect), "{location}");
    let code = code_from(&location);

    let (status, tokens) = exchange(
        &sf,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", "PlatformCLI"),
            ("redirect_uri", redirect),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(status, 200, "{tokens}");
    assert!(tokens["refresh_token"].is_string());
    let bearer = format!("Bearer {}", tokens["access_token"].as_str().unwrap());
    let get = |path: String| {
        let bearer = bearer.clone();
        async move {
            let response = client()
                .get(path)
                .header("authorization", bearer)
                .send()
                .await
                .unwrap();
            (
                response.status().as_u16(),
                response.json::<serde_json::Value>().await.unwrap(),
            )
        }
    };

    let (status, user) = get(format!(
        "{sf}/services/data/v51.0/sobjects/User/{}",
        creds::USER_ID
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(user["Username"], creds::USERNAME);
    assert_eq!(user["attributes"]["type"], "User");

    let (status, missing) = get(format!(
        "{sf}/services/data/v51.0/sobjects/User/005000000000000AAA"
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(missing[0]["errorCode"], "NOT_FOUND");

    let (status, versions) = get(format!("{sf}/services/data")).await;
    assert_eq!(status, 200);
    assert!(
        versions
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["version"] == "64.0")
    );

    let (status, org) = get(format!(
        "{sf}/services/data/v64.0/query?q=SELECT%20Name%2C%20IsSandbox%2C%20Bogus%20FROM%20Organization"
    ))
    .await;
    assert_eq!(status, 200);
    let record = &org["records"][0];
    assert_eq!(record["Name"], "Acme Demo");
    assert_eq!(record["IsSandbox"], false);
    assert!(record.get("Bogus").is_none());

    // Our own app still needs its secret: only the public client goes without.
    let (status, body) = exchange(
        &sf,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", creds::CLIENT_ID),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_client"))
    );
}
