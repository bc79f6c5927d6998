//! The settings-api's handlers: header checks, `POST /integration`, `GET /integrations`,
//! `DELETE /integration/{name}`, with CustomerOS's own error bodies.

use super::{Seen, Shared};
use crate::creds;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// What gin does before a route runs: `OPTIONS` answers 204 (its CORS middleware), and a
/// path with a trailing slash is redirected (301) to the one without.
pub(super) async fn gin_conventions(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() == axum::http::Method::OPTIONS {
        return StatusCode::NO_CONTENT.into_response();
    }
    let path = request.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let location = path.trim_end_matches('/').to_owned();
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(axum::http::header::LOCATION, location)],
        )
            .into_response();
    }
    next.run(request).await
}

fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "errors": [{ "message": message }] })),
    )
        .into_response()
}

/// Another tenant's key: settings-api accepts any tenant's key for any user.
pub const OTHER_TENANT_KEY: &str = "cos-sim-other-tenant-key-5e6f";

/// The settings-api middleware, in its order: the username header, the user's tenant, then
/// the key (an app key first, else a tenant key, which is not checked against the user's
/// tenant). Empty headers count as absent.
async fn authorize(
    inner: &Shared,
    method: &str,
    uri: &str,
    headers: &HeaderMap,
) -> Result<String, Response> {
    let switches = {
        let mut guard = inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.seen.push(Seen {
            method: method.into(),
            uri: uri.into(),
        });
        guard.switches.clone()
    };
    if !switches.delay.is_zero() {
        tokio::time::sleep(switches.delay).await;
    }
    if switches.no_integration_api && uri.starts_with("/integration") {
        return Err((StatusCode::NOT_FOUND, "404 page not found").into_response());
    }
    if let Some(status) = switches.status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return Err((status, Json(json!({ "error": "internal server error" }))).into_response());
    }
    let header = |name: &str| {
        headers
            .get(name)
            // Go's net/http hands the handler the header's raw bytes as a string.
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .filter(|v| !v.is_empty())
    };
    let Some(username) = header("X-Openline-USERNAME") else {
        return Err(unauthorized("missing username header"));
    };
    let guard = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(tenant) = guard.tenants.get(&username).cloned() else {
        return Err(unauthorized("user has no associated tenant"));
    };
    if let Some(key) = header("X-Openline-API-KEY") {
        if key != creds::CUSTOMEROS_APP_KEY {
            return Err(unauthorized(
                "Error while checking api key: record not found",
            ));
        }
    } else if let Some(key) = header("X-CUSTOMER-OS-API-KEY") {
        if !guard.tenant_keys.values().any(|k| *k == key) {
            // Upstream's typo: the key is `message` followed by a right double quote.
            return Err((
                StatusCode::UNAUTHORIZED,
                Json(json!({ "errors": [{ "message\u{201d}": "Invalid api key" }] })),
            )
                .into_response());
        }
    } else {
        return Err(unauthorized("Api key is required"));
    }
    Ok(tenant)
}

fn active_map(inner: &Shared, tenant: &str) -> Value {
    let guard = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let state = guard
        .switches
        .state_override
        .clone()
        .unwrap_or_else(|| "ACTIVE".into());
    let mut map = Map::new();
    for name in guard
        .integrations
        .get(tenant)
        .map(|m| m.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        map.insert(name, json!({ "state": state }));
    }
    Value::Object(map)
}

/// The integration names this settings-api knows; others are ignored.
const KNOWN: [&str; 4] = ["salesforce", "hubspot", "zendesk", "pipedrive"];

pub(super) async fn add(State(inner): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let tenant = match authorize(&inner, "POST", "/integration", &headers).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let echoes = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .switches
        .echoes_body;
    if echoes {
        let text = format!(
            "could not parse request body: {}",
            String::from_utf8_lossy(&body)
        );
        return (StatusCode::BAD_REQUEST, Json(json!({ "error": text }))).into_response();
    }
    // Not decodable as a map: gin's bind error, 400 with an empty body.
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let ignores_salesforce = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .switches
        .ignores_salesforce;
    let error = |text: String| {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": text })),
        )
            .into_response()
    };
    for (name, value) in request {
        if !KNOWN.contains(&name.as_str()) || (name == "salesforce" && ignores_salesforce) {
            continue;
        }
        let Value::Object(fields) = &value else {
            return error(format!("invalid data for integration {name}"));
        };
        if name == "salesforce" {
            for (field, label) in [
                ("clientId", "client id"),
                ("clientSecret", "client secret"),
                ("refreshToken", "refresh token"),
            ] {
                // Empty strings are accepted; missing or not a string is not.
                match fields.get(field).and_then(Value::as_str) {
                    None => {
                        return error(format!("missing {label} for Salesforce integration"));
                    }
                    Some(text) if text.chars().count() > 255 => {
                        return error(
                            "SaveIntegrationData: ERROR: value too long for type character \
                             varying(255) (SQLSTATE 22001)"
                                .into(),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .integrations
            .entry(tenant.clone())
            .or_default()
            .insert(name, value);
    }
    Json(active_map(&inner, &tenant)).into_response()
}

pub(super) async fn list(State(inner): State<Shared>, headers: HeaderMap) -> Response {
    match authorize(&inner, "GET", "/integrations", &headers).await {
        Ok(tenant) => Json(active_map(&inner, &tenant)).into_response(),
        Err(r) => r,
    }
}

pub(super) async fn remove(
    State(inner): State<Shared>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tenant = match authorize(&inner, "DELETE", &format!("/integration/{name}"), &headers).await
    {
        Ok(t) => t,
        Err(r) => return r,
    };
    if let Some(map) = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .integrations
        .get_mut(&tenant)
    {
        map.remove(&name);
    }
    Json(active_map(&inner, &tenant)).into_response()
}
