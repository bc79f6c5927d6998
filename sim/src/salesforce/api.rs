//! userinfo, `COUNT()` queries, single-record reads, the versions list and revoke.

use super::{Ctx, User};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

fn bearer_user(ctx: &Ctx, headers: &HeaderMap) -> Option<User> {
    let token = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    let org = ctx.org();
    let (session, _) = org.access_tokens.get(token)?;
    org.users
        .iter()
        .find(|u| u.username == session.username)
        .cloned()
}

fn api_down(ctx: &Ctx) -> Option<Response> {
    let status = ctx.org().switches.api_status?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    Some((status, "Service Unavailable").into_response())
}

/// What the REST API answers instead, when it is down or the session is not valid.
fn refuse_rest_call(ctx: &Ctx, headers: &HeaderMap) -> Option<Response> {
    if let Some(down) = api_down(ctx) {
        return Some(down);
    }
    bearer_user(ctx, headers).is_none().then(|| {
        (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!([{ "message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID" }])),
        )
            .into_response()
    })
}

/// `GET /services/oauth2/userinfo`.
pub(super) async fn userinfo(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(down) = api_down(&ctx) {
        return down;
    }
    let Some(user) = bearer_user(&ctx, &headers) else {
        return (StatusCode::FORBIDDEN, "Bad_OAuth_Token").into_response();
    };
    Json(serde_json::json!({
        "sub": format!("{}/id/{}/{}", ctx.shared.login_url, crate::creds::ORG_ID, user.user_id),
        "user_id": user.user_id,
        "organization_id": crate::creds::ORG_ID,
        "preferred_username": user.username,
        "nickname": user.username.split('@').next().unwrap_or_default(),
        "name": user.name,
        "email": user.email,
        "email_verified": true,
        "zoneinfo": "Europe/London",
        "user_type": "STANDARD",
        "active": true,
        "urls": { "rest": format!("{}/services/data/v{{version}}/", ctx.shared.my_domain_url) },
    }))
    .into_response()
}

/// The identity URL the token answer advertises (`id`): who this token belongs to.
pub(super) async fn identity_url(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    let Some(user) = bearer_user(&ctx, &headers) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let rest = format!("{}/services/data/v{{version}}/", ctx.shared.my_domain_url);
    Json(serde_json::json!({
        "id": format!("{}/id/{}/{}", ctx.shared.login_url, crate::creds::ORG_ID, user.user_id),
        "asserted_user": true,
        "user_id": user.user_id,
        "organization_id": crate::creds::ORG_ID,
        "username": user.username,
        "nick_name": user.username.split('@').next().unwrap_or_default(),
        "display_name": user.name,
        "email": user.email,
        "active": true,
        "user_type": "STANDARD",
        "language": "en_US",
        "locale": "en_GB",
        "utcOffset": 0,
        "urls": { "rest": rest, "query": format!("{rest}query/"), "sobjects": format!("{rest}sobjects/") },
    }))
    .into_response()
}

/// `GET /services/data/vNN.0`: the version's resources, which client libraries read first.
pub(super) async fn resources(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    axum::extract::Path(version): axum::extract::Path<String>,
) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    let base = format!("/services/data/{version}");
    let names = [
        "sobjects",
        "query",
        "queryAll",
        "search",
        "limits",
        "recent",
        "tooling",
        "composite",
    ];
    let mut map: serde_json::Map<String, serde_json::Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), format!("{base}/{n}").into()))
        .collect();
    // Where this token's identity lives (jsforce's identity() reads it from here).
    if let Some(user) = bearer_user(&ctx, &headers) {
        let identity = format!(
            "{}/id/{}/{}",
            ctx.shared.login_url,
            crate::creds::ORG_ID,
            user.user_id
        );
        map.insert("identity".into(), identity.into());
    }
    Json(serde_json::Value::Object(map)).into_response()
}

/// `GET /services/data/vNN.0/sobjects`: the objects this user can see (describeGlobal).
pub(super) async fn sobjects(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    let objects: Vec<_> = ctx
        .org()
        .counts
        .keys()
        .map(|name| {
            serde_json::json!({
                "name": name, "label": name, "labelPlural": format!("{name}s"),
                "queryable": true, "retrieveable": true, "custom": false,
                "urls": { "sobject": format!("/services/data/v64.0/sobjects/{name}") },
            })
        })
        .collect();
    Json(serde_json::json!({ "encoding": "UTF-8", "maxBatchSize": 200, "sobjects": objects }))
        .into_response()
}

/// `GET /services/data/vNN.0/limits`: the org's API allowance.
pub(super) async fn limits(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    Json(serde_json::json!({
        "DailyApiRequests": { "Max": 100_000, "Remaining": 99_873 },
        "DataStorageMB": { "Max": 1024, "Remaining": 1020 },
    }))
    .into_response()
}

/// `GET /services/data/vNN.0/query?q=SELECT+COUNT()+FROM+X`.
pub(super) async fn query(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    if let Some(code) = ctx.org().switches.data_api_error.clone() {
        let message = match code.as_str() {
            "REQUEST_LIMIT_EXCEEDED" => "TotalRequests Limit exceeded.",
            "API_DISABLED_FOR_ORG" => "API is not enabled for this Organization or Partner",
            _ => "API is disabled for this User",
        };
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!([{ "message": message, "errorCode": code }])),
        )
            .into_response();
    }
    let q = params
        .get("q")
        .map(|q| q.trim().to_owned())
        .unwrap_or_default();
    let upper = q.to_ascii_uppercase();
    if let Some(fields) = upper
        .strip_prefix("SELECT ")
        .and_then(|rest| rest.strip_suffix(" FROM ORGANIZATION"))
    {
        // The Salesforce CLI reads the org's details this way after signing in.
        let fields = q["SELECT ".len().."SELECT ".len() + fields.len()].split(',');
        return Json(serde_json::json!({
            "totalSize": 1,
            "done": true,
            "records": [organization(fields.map(str::trim))],
        }))
        .into_response();
    }
    if let Some(answer) = setup_query(&ctx, &q) {
        return answer;
    }
    let Some(object) = upper
        .strip_prefix("SELECT COUNT() FROM ")
        .map(|_| q["SELECT COUNT() FROM ".len()..].trim().to_owned())
    else {
        return (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!([{ "message": "unexpected token", "errorCode": "MALFORMED_QUERY" }])),
        )
            .into_response();
    };
    match ctx.org().counts.get(&object) {
        Some(n) => Json(serde_json::json!({ "totalSize": n, "done": true, "records": [] })).into_response(),
        None => (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!([{ "message": format!("sObject type '{object}' is not supported."), "errorCode": "INVALID_TYPE" }])),
        )
            .into_response(),
    }
}

/// `GET /services/data/vNN.0/sobjects/{User|Organization}/{id}`: one record (the Salesforce
/// CLI reads the signed-in User's record after its code exchange).
pub(super) async fn record(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path((version, object, id)): Path<(String, String, String)>,
) -> Response {
    if let Some(refused) = refuse_rest_call(&ctx, &headers) {
        return refused;
    }
    let url = format!("/services/data/{version}/sobjects/{object}/{id}");
    let found = match object.as_str() {
        "User" => ctx
            .org()
            .users
            .iter()
            .find(|u| u.user_id == id || (id.len() == 15 && u.user_id.starts_with(&id)))
            .map(|u| {
                serde_json::json!({
                    "attributes": { "type": "User", "url": url },
                    "Id": u.user_id,
                    "Username": u.username,
                    "Name": u.name,
                    "Email": u.email,
                    "IsActive": true,
                    "UserType": "Standard",
                })
            }),
        "Organization" if id.starts_with(&crate::creds::ORG_ID[..15]) => {
            Some(organization(ORGANIZATION_FIELDS.iter().copied()))
        }
        _ => None,
    };
    match found {
        Some(record) => Json(record).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!([{ "message": "The requested resource does not exist", "errorCode": "NOT_FOUND" }])),
        )
            .into_response(),
    }
}

const ORGANIZATION_FIELDS: [&str; 7] = [
    "Id",
    "Name",
    "InstanceName",
    "IsSandbox",
    "TrialExpirationDate",
    "NamespacePrefix",
    "OrganizationType",
];

/// The org's Organization record with the asked fields (unknown ones are left out).
fn organization<'a>(fields: impl Iterator<Item = &'a str>) -> serde_json::Value {
    let mut record = serde_json::Map::new();
    record.insert(
        "attributes".into(),
        serde_json::json!({
            "type": "Organization",
            "url": format!("/services/data/v64.0/sobjects/Organization/{}", crate::creds::ORG_ID),
        }),
    );
    for field in fields {
        let value = match field.to_ascii_lowercase().as_str() {
            "id" => serde_json::json!(crate::creds::ORG_ID),
            "name" => serde_json::json!("Acme Demo"),
            "instancename" => serde_json::json!("SIM1"),
            "issandbox" => serde_json::json!(false),
            "trialexpirationdate" | "namespaceprefix" => serde_json::Value::Null,
            "organizationtype" => serde_json::json!("Enterprise Edition"),
            _ => continue,
        };
        record.insert(field.to_owned(), value);
    }
    serde_json::Value::Object(record)
}

/// `GET /services/data/`: the versions list, no auth needed.
pub(super) async fn versions(State(ctx): State<Ctx>) -> Response {
    let list: Vec<_> = (60..=66)
        .map(|v| serde_json::json!({ "label": "Winter '26", "url": format!("/services/data/v{v}.0"), "version": format!("{v}.0") }))
        .collect();
    let _ = &ctx;
    Json(list).into_response()
}

/// `POST /services/oauth2/revoke` with `token=…` (client credentials in the form are accepted
/// and, with `revoke_requires_client_auth`, required).
pub(super) async fn revoke(State(ctx): State<Ctx>, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let token = form.get("token").cloned().unwrap_or_default();
    let mut org = ctx.org();
    if let Some(status) = org.switches.revoke_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return (status, Json(serde_json::json!({ "error": "server_error" }))).into_response();
    }
    let authenticated = org.apps.iter().any(|app| {
        form.get("client_id") == Some(&app.client_id)
            && form.get("client_secret") == Some(&app.client_secret)
    });
    if org.switches.revoke_requires_client_auth && !authenticated {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "invalid_client", "error_description": "client authentication failed" })),
        )
            .into_response();
    }
    if org.refresh_tokens.remove(&token).is_some() {
        org.access_tokens
            .retain(|_, (_, parent)| parent.as_deref() != Some(token.as_str()));
        return StatusCode::OK.into_response();
    }
    if org.access_tokens.remove(&token).is_some() {
        return StatusCode::OK.into_response();
    }
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "error": "invalid_token", "error_description": "invalid token" })),
    )
        .into_response()
}

/// `SELECT fields FROM Object [WHERE Field = 'value']` on the Setup objects sfconnect reads
/// after a sign-in: `ExternalClientApplication`, `ExtlClntAppOauthPlcyCnfg`, `User` and
/// `LoginIpRange`. Answers only the fields asked for, as Salesforce does; `None` for any
/// other query.
fn setup_query(ctx: &Ctx, q: &str) -> Option<Response> {
    let rest = q
        .strip_prefix("SELECT ")
        .or_else(|| q.strip_prefix("select "))?;
    let (fields, rest) = rest.split_once(" FROM ")?;
    let (object, filter) = match rest.split_once(" WHERE ") {
        Some((object, filter)) => {
            let (field, value) = filter.split_once('=')?;
            let value = value.trim().strip_prefix('\'')?.strip_suffix('\'')?;
            (
                object.trim(),
                Some((field.trim().to_owned(), value.replace("\\'", "'"))),
            )
        }
        None => (rest.trim(), None),
    };
    let org = ctx.org();
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = match object {
        "ExternalClientApplication" => org
            .external_client_apps
            .iter()
            .map(|app| {
                row([
                    ("Id", app.id.clone().into()),
                    ("DeveloperName", app.developer_name.clone().into()),
                    ("MasterLabel", app.label.clone().into()),
                ])
            })
            .collect(),
        "ExtlClntAppOauthPlcyCnfg" => org
            .external_client_apps
            .iter()
            .map(|app| {
                let (period, unit) = app.refresh_token_validity.clone().map_or(
                    (serde_json::Value::Null, serde_json::Value::Null),
                    |(n, u)| (n.into(), u.into()),
                );
                row([
                    ("ExternalClientApplicationId", app.id.clone().into()),
                    ("IpRelaxationPolicyType", app.ip_relaxation.clone().into()),
                    (
                        "RefreshTokenPolicyType",
                        app.refresh_token_policy.clone().into(),
                    ),
                    ("RefreshTokenValidityPeriod", period),
                    ("RefreshTokenValidityUnit", unit),
                    (
                        "PermittedUsersPolicyType",
                        app.permitted_users.clone().into(),
                    ),
                ])
            })
            .collect(),
        "User" => org
            .users
            .iter()
            .map(|user| {
                row([
                    ("Id", user.user_id.clone().into()),
                    ("Username", user.username.clone().into()),
                    ("ProfileId", user.profile_id.clone().into()),
                ])
            })
            .collect(),
        "LoginIpRange" => org
            .login_ip_ranges
            .iter()
            .enumerate()
            .map(|(n, (profile, start, end))| {
                row([
                    ("Id", format!("00T5g00000RANGE{n:03}").into()),
                    ("ProfileId", profile.clone().into()),
                    ("IpStart", start.clone().into()),
                    ("IpEnd", end.clone().into()),
                ])
            })
            .collect(),
        _ => return None,
    };
    if org.unreadable.iter().any(|o| o == object) {
        return Some(
            (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!([{
                    "message": format!("sObject type '{object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name."),
                    "errorCode": "INVALID_TYPE",
                }])),
            )
                .into_response(),
        );
    }
    let fields: Vec<&str> = fields.split(',').map(str::trim).collect();
    let records: Vec<serde_json::Value> = rows
        .into_iter()
        .filter(|row| {
            filter.as_ref().is_none_or(|(field, value)| {
                row.get(field).and_then(serde_json::Value::as_str) == Some(value.as_str())
            })
        })
        .map(|row| {
            let mut record = serde_json::Map::new();
            record.insert("attributes".into(), serde_json::json!({ "type": object }));
            for field in &fields {
                record.insert(
                    (*field).to_owned(),
                    row.get(*field).cloned().unwrap_or(serde_json::Value::Null),
                );
            }
            serde_json::Value::Object(record)
        })
        .collect();
    Some(
        Json(serde_json::json!({ "totalSize": records.len(), "done": true, "records": records }))
            .into_response(),
    )
}

fn row<const N: usize>(
    fields: [(&str, serde_json::Value); N],
) -> serde_json::Map<String, serde_json::Value> {
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}
