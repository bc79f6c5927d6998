//! `POST /services/oauth2/token`: all four grants with Salesforce's documented error bodies.

use super::{Ctx, Role, Session, random};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

fn bad(error: &str, description: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, error, description)
}

fn basic_auth(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// The token endpoint.
pub(super) async fn token(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    body: String,
) -> Response {
    let switches = {
        let mut org = ctx.org();
        org.token_requests += 1;
        org.switches.clone()
    };
    if !switches.token_delay.is_zero() {
        tokio::time::sleep(switches.token_delay).await;
    }
    if let Some(target) = switches.token_redirect_to {
        return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, target)]).into_response();
    }
    if let Some(status) = switches.token_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return (
            status,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body>Service Unavailable</body></html>",
        )
            .into_response();
    }
    if uri
        .query()
        .is_some_and(|q| q.contains("client_secret") || q.contains("code="))
    {
        // Salesforce accepts these in the query, but no client of ours may ever send them there.
        return bad(
            "invalid_request",
            "secrets must be sent in the request body",
        );
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return bad("invalid_request", "unsupported content type");
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let field = |k: &str| {
        form.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let (client_id, client_secret) = match basic_auth(&headers) {
        Some(pair) => (Some(pair.0), Some(pair.1)),
        None => (field("client_id"), field("client_secret")),
    };
    let grant_type = field("grant_type").unwrap_or_default();
    let mut org = ctx.org();
    let Some(app) = org
        .apps
        .iter()
        .find(|a| Some(&a.client_id) == client_id.as_ref())
        .cloned()
    else {
        return bad("invalid_client_id", "client identifier invalid");
    };
    let secret_ok =
        !app.require_secret || client_secret.as_deref() == Some(app.client_secret.as_str());
    // The authorization-code grant's scopes decide whether a refresh token comes with it.
    let mut wants_refresh = false;
    let username = match grant_type.as_str() {
        "authorization_code" => {
            let code = field("code").unwrap_or_default();
            let Some(grant) = org.codes.get_mut(&code) else {
                return bad("invalid_grant", "invalid authorization code");
            };
            if grant.used || grant.client_id != app.client_id {
                return bad("invalid_grant", "invalid authorization code");
            }
            grant.used = true; // One-time, even when the rest of the request fails.
            let grant = grant.clone();
            if grant.issued.elapsed() > switches.code_ttl {
                return bad("invalid_grant", "expired authorization code");
            }
            if !secret_ok {
                return bad("invalid_client", "invalid client credentials");
            }
            if field("redirect_uri").as_deref() != Some(grant.redirect_uri.as_str()) {
                return bad(
                    "redirect_uri_mismatch",
                    "redirect_uri must match configuration",
                );
            }
            if let Some(challenge) = &grant.challenge {
                let verifier = field("code_verifier").unwrap_or_default();
                let computed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode(Sha256::digest(verifier.as_bytes()));
                if &computed != challenge {
                    return bad("invalid_grant", "invalid code verifier");
                }
            }
            wants_refresh = grant
                .scope
                .split_whitespace()
                .any(|s| s == "refresh_token" || s == "offline_access");
            grant.username
        }
        "refresh_token" => {
            if !secret_ok {
                return bad("invalid_client", "invalid client credentials");
            }
            let token = field("refresh_token").unwrap_or_default();
            if let Some(current) = org.rotated_away.get(&token).cloned() {
                // Reuse of a rotated-away token: the whole grant is revoked.
                org.refresh_tokens.remove(&current);
                return bad("invalid_grant", "expired access/refresh token");
            }
            match org.refresh_tokens.get(&token) {
                Some(session) if session.client_id == app.client_id => {
                    // The user was deactivated, or is outside their IP range or hours now.
                    if let Some((error, description)) = &switches.token_refusal {
                        return bad(error, description);
                    }
                    let session = session.clone();
                    let access = format!("{}!AR{}", crate::creds::ORG_ID, random(48));
                    let mut parent = token.clone();
                    let rotated = switches.rotate_refresh_tokens.then(|| {
                        let newest = format!("5Aep861{}", random(60));
                        org.refresh_tokens.remove(&token);
                        org.refresh_tokens.insert(newest.clone(), session.clone());
                        for current in org.rotated_away.values_mut() {
                            if *current == token {
                                current.clone_from(&newest);
                            }
                        }
                        org.rotated_away.insert(token.clone(), newest.clone());
                        org.issued.push(newest.clone());
                        parent.clone_from(&newest);
                        newest
                    });
                    org.access_tokens
                        .insert(access.clone(), (session, Some(parent)));
                    org.issued.push(access.clone());
                    drop(org);
                    return success(&ctx, &access, rotated.as_deref());
                }
                _ => return bad("invalid_grant", "expired access/refresh token"),
            }
        }
        "password" => {
            if !switches.password_flow {
                return bad("unsupported_grant_type", "grant type not supported");
            }
            if !secret_ok {
                return bad("invalid_client", "invalid client credentials");
            }
            let (user, pass) = (
                field("username").unwrap_or_default(),
                field("password").unwrap_or_default(),
            );
            let Some(found) = org.users.iter().find(|u| {
                u.username == user && format!("{}{}", u.password, u.security_token) == pass
            }) else {
                return bad("invalid_grant", "authentication failure");
            };
            found.username.clone()
        }
        "client_credentials" => {
            if ctx.role == Role::Login {
                return bad("invalid_grant", "request not supported on this domain");
            }
            if !secret_ok {
                return bad("invalid_client", "invalid client credentials");
            }
            match &app.run_as {
                Some(user) => user.clone(),
                None => return bad("invalid_grant", "no client credentials user enabled"),
            }
        }
        _ => return bad("unsupported_grant_type", "grant type not supported"),
    };
    // Refusals that come after the user is known (app access, IP ranges, login hours).
    if let Some((error, description)) = &org.switches.token_refusal {
        return bad(error, description);
    }
    let session = Session {
        client_id: app.client_id.clone(),
        username,
    };
    let access = format!("{}!AR{}", crate::creds::ORG_ID, random(48));
    let refresh = wants_refresh.then(|| format!("5Aep861{}", random(60)));
    if let Some(refresh) = &refresh {
        org.refresh_tokens.insert(refresh.clone(), session.clone());
        org.issued.push(refresh.clone());
    }
    org.access_tokens
        .insert(access.clone(), (session, refresh.clone()));
    org.issued.push(access.clone());
    drop(org);
    success(&ctx, &access, refresh.as_deref())
}

fn success(ctx: &Ctx, access: &str, refresh: Option<&str>) -> Response {
    let issued_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let shared = &ctx.shared;
    let instance = ctx
        .org()
        .switches
        .instance_url_override
        .clone()
        .unwrap_or_else(|| shared.my_domain_url.clone());
    let mut body = serde_json::json!({
        "access_token": access,
        "signature": random(32),
        "scope": "refresh_token web api",
        "instance_url": instance,
        "id": format!("{}/id/{}/{}", shared.login_url, crate::creds::ORG_ID, crate::creds::USER_ID),
        "token_type": "Bearer",
        "issued_at": issued_at.to_string(),
    });
    if let Some(refresh) = refresh {
        body["refresh_token"] = refresh.into();
    }
    (StatusCode::OK, Json(body)).into_response()
}
