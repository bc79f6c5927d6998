//! `POST /services/oauth2/introspect` (RFC 7662, Salesforce Help "OpenID Connect Token
//! Introspection"): an app asks about its own tokens with its Consumer Key and Secret, and
//! nothing changes — a rotated-away or revoked token is simply `"active": false`.

use super::Ctx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// The introspection endpoint.
pub(super) async fn introspect(State(ctx): State<Ctx>, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let mut org = ctx.org();
    org.introspections += 1;
    if let Some(status) = org.switches.introspect_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return (status, "Service Unavailable").into_response();
    }
    let Some(app) = org
        .apps
        .iter()
        .find(|app| {
            form.get("client_id") == Some(&app.client_id)
                && form.get("client_secret") == Some(&app.client_secret)
        })
        .cloned()
    else {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "invalid_client", "error_description": "invalid client credentials" })),
        )
            .into_response();
    };
    let token = form.get("token").cloned().unwrap_or_default();
    // A deactivated user's tokens are no longer active.
    let user_gone = org
        .switches
        .token_refusal
        .as_ref()
        .is_some_and(|(_, description)| description == "inactive user");
    let Some(session) = org
        .refresh_tokens
        .get(&token)
        .filter(|s| s.client_id == app.client_id && !user_gone)
        .cloned()
    else {
        return Json(serde_json::json!({ "active": false })).into_response();
    };
    let user_id = org
        .users
        .iter()
        .find(|u| u.username == session.username)
        .map(|u| u.user_id.clone())
        .unwrap_or_default();
    Json(serde_json::json!({
        "active": true,
        "scope": "refresh_token web api",
        "client_id": app.client_id,
        "username": session.username,
        "sub": format!("{}/id/{}/{}", ctx.shared.login_url, crate::creds::ORG_ID, user_id),
        "token_type": "refresh_token",
    }))
    .into_response()
}
