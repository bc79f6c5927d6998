//! `GET /services/oauth2/authorize`: validates the app, the exact callback URL and PKCE (an
//! anonymous request learns only that), sends a browser without a session to the login page
//! (which signs the admin in at once and comes back, or shows a login form), then approves at
//! once (a 302 a program can follow), denies, or shows an Allow/Deny page.

use super::{CodeGrant, Ctx};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use std::collections::HashMap;
use std::time::Instant;

type Params = Vec<(String, String)>;

fn first(params: &Params, key: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// Salesforce shows configuration errors on its own page, never redirecting to an
/// unverified callback.
fn error_page(error: &str, description: &str) -> Response {
    let body = format!(
        "<!doctype html><html><head><title>Error | Salesforce</title></head><body>\
         <h1>OAuth Error</h1><p>We can't authorize you because of an OAuth error. For more \
         information, contact your Salesforce administrator.</p>\
         <p>error={error}&amp;error_description={description}</p></body></html>"
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

fn redirect(redirect_uri: &str, pairs: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return error_page(
            "redirect_uri_mismatch",
            "redirect_uri must match configuration",
        );
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
    }
    (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
}

/// Checks everything before the user is asked; `Err` is the response to send.
fn validate(
    ctx: &Ctx,
    params: &Params,
) -> Result<(String, String, Option<String>, String), Box<Response>> {
    let org = ctx.org();
    let client_id = first(params, "client_id").unwrap_or_default();
    // A new or just-edited app is unknown for a while.
    let still_setting_up = org
        .switches
        .app_unknown_until
        .is_some_and(|until| Instant::now() < until);
    let Some(app) = org
        .apps
        .iter()
        .find(|a| a.client_id == client_id)
        .filter(|_| !still_setting_up)
    else {
        return Err(Box::new(error_page(
            "invalid_client_id",
            "client identifier invalid",
        )));
    };
    let redirect_uri = first(params, "redirect_uri").unwrap_or_default();
    if !app.callback_urls.iter().any(|c| c == &redirect_uri) {
        return Err(Box::new(error_page(
            "redirect_uri_mismatch",
            "redirect_uri must match configuration",
        )));
    }
    let state = first(params, "state").unwrap_or_default();
    if first(params, "response_type").as_deref() != Some("code") {
        return Err(Box::new(redirect(
            &redirect_uri,
            &[
                ("error", "unsupported_response_type"),
                ("error_description", "response type not supported"),
                ("state", &state),
            ],
        )));
    }
    let challenge = first(params, "code_challenge");
    let method = first(params, "code_challenge_method");
    if challenge.is_some() && method.as_deref().is_some_and(|m| m != "S256") {
        return Err(Box::new(redirect(
            &redirect_uri,
            &[
                ("error", "invalid_request"),
                ("error_description", "invalid code challenge method"),
                ("state", &state),
            ],
        )));
    }
    if app.require_pkce && challenge.is_none() {
        return Err(Box::new(redirect(
            &redirect_uri,
            &[
                ("error", "invalid_request"),
                ("error_description", "missing required code challenge"),
                ("state", &state),
            ],
        )));
    }
    Ok((client_id, redirect_uri, challenge, state))
}

fn issue(
    ctx: &Ctx,
    client_id: String,
    redirect_uri: &str,
    challenge: Option<String>,
    state: &str,
    scope: String,
) -> Response {
    let mut org = ctx.org();
    let username = org
        .users
        .first()
        .map(|u| u.username.clone())
        .unwrap_or_default();
    // Real codes are base64 that usually ends in "==": 43 random bytes do.
    let code = {
        use base64::Engine as _;
        use rand::RngCore;
        let mut buf = [0u8; 43];
        rand::rng().fill_bytes(&mut buf);
        format!(
            "aPrx{}",
            base64::engine::general_purpose::STANDARD.encode(buf)
        )
    };
    org.codes.insert(
        code.clone(),
        CodeGrant {
            client_id,
            redirect_uri: redirect_uri.to_owned(),
            challenge,
            username,
            issued: Instant::now(),
            used: false,
            scope,
        },
    );
    drop(org);
    redirect(redirect_uri, &[("code", code.as_str()), ("state", state)])
}

fn deny(redirect_uri: &str, state: &str) -> Response {
    redirect(
        redirect_uri,
        &[
            ("error", "access_denied"),
            ("error_description", "end-user denied authorization"),
            ("state", state),
        ],
    )
}

/// Whether the browser is signed in to this org (any `sid` cookie we set).
fn signed_in(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|pair| {
            pair.trim()
                .strip_prefix("sid=")
                .is_some_and(|v| !v.is_empty())
        })
}

/// The login page. By default the admin signs in at once and goes back to `startURL`; with
/// the approval page on (the wizard's demo rehearses the browser step), a simulated Salesforce
/// login form is shown first, and its Log In does that.
pub(super) async fn login(State(ctx): State<Ctx>, Query(params): Query<Params>) -> Response {
    let start = start_url(&params);
    if !ctx.org().switches.approval_page {
        return signed_in_to(start);
    }
    let username = ctx
        .org()
        .users
        .first()
        .map(|u| u.username.clone())
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><html><head><title>Login | Salesforce (simulated)</title>{STYLE}</head><body>\
         <p class=\"sim\">SIMULATED SALESFORCE: the demo's practice sign-in. Nothing you type \
         here leaves this computer.</p><h1>Log in to your org</h1>\
         <p>This is where Salesforce asks for your username and password (and sometimes a \
         verification code). In the demo any password works.</p>\
         <form method=\"post\" action=\"/login\" data-sim-form=\"login\">\
         <input type=\"hidden\" name=\"startURL\" value=\"{start}\">\
         <label>Username<br><input name=\"username\" value=\"{username}\" autocomplete=\"off\"></label>\
         <label>Password<br><input name=\"pw\" type=\"password\" value=\"demo\"></label>\
         <button name=\"login\" value=\"1\" autofocus>Log In</button></form></body></html>",
        start = escape(&start),
        username = escape(&username),
    ))
    .into_response()
}

/// The login form's Log In: any password signs in (only the approval-page mode shows it).
pub(super) async fn log_in(Form(form): Form<HashMap<String, String>>) -> Response {
    let params: Params = form.into_iter().collect();
    signed_in_to(start_url(&params))
}

/// Where to go after signing in: a path on this origin only (never another site).
fn start_url(params: &Params) -> String {
    let start = first(params, "startURL").unwrap_or_else(|| "/".into());
    if start.starts_with('/') && !start.starts_with("//") {
        start
    } else {
        "/".into()
    }
}

/// A new session cookie, and on to `start`.
fn signed_in_to(start: String) -> Response {
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, start),
            (
                header::SET_COOKIE,
                format!("sid={}; Path=/; HttpOnly", super::random(24)),
            ),
        ],
    )
        .into_response()
}

/// The simulated pages' look: plain, readable, and labelled as a simulation.
const STYLE: &str = "<style>body{font:16px system-ui;max-width:32rem;margin:10vh auto;padding:0 1rem}\
    button{font-size:1rem;padding:.5rem 1.5rem;margin:.5rem .5rem 0 0}label{display:block;margin:.75rem 0}\
    input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}\
    .sim{background:#fff3cd;color:#5c4400;padding:.5rem .75rem;border-radius:4px;font-size:.9rem}</style>";

/// The authorize endpoint.
pub(super) async fn authorize(
    State(ctx): State<Ctx>,
    uri: Uri,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    let (client_id, redirect_uri, challenge, state) = match validate(&ctx, &params) {
        Ok(v) => v,
        Err(response) => return *response,
    };
    if !signed_in(&headers) {
        let back = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
        let login = format!(
            "/login?startURL={}",
            url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
        );
        return (StatusCode::FOUND, [(header::LOCATION, login)]).into_response();
    }
    let switches = ctx.org().switches.clone();
    if switches.deny {
        return deny(&redirect_uri, &state);
    }
    if let Some((error, description)) = &switches.callback_error {
        return redirect(
            &redirect_uri,
            &[
                ("error", error.as_str()),
                ("error_description", description.as_str()),
                ("state", state.as_str()),
            ],
        );
    }
    if switches.approval_page {
        let hidden: String = params
            .iter()
            .map(|(k, v)| {
                format!(
                    "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                    escape(k),
                    escape(v)
                )
            })
            .collect();
        return Html(format!(
            "<!doctype html><html><head><title>Allow Access? | Salesforce (simulated)</title>{STYLE}\
             </head><body><p class=\"sim\">SIMULATED SALESFORCE: the demo's practice Allow page.</p>\
             <h1>Allow Access?</h1>\
             <p><b>The app you created</b> is asking to:</p><ul><li>Access the identity URL service</li>\
             <li>Manage user data via APIs</li><li>Perform requests at any time</li></ul>\
             <p>In your real org, this is the page where you choose Allow.</p>\
             <form method=\"post\" action=\"/_sim/approve\" data-sim-form=\"approve\">{hidden}\
             <button name=\"decision\" value=\"deny\">Deny</button>\
             <button name=\"decision\" value=\"allow\" autofocus>Allow</button></form></body></html>",
        ))
        .into_response();
    }
    let scope = first(&params, "scope").unwrap_or_default();
    issue(&ctx, client_id, &redirect_uri, challenge, &state, scope)
}

/// The Allow/Deny page's form target.
pub(super) async fn approve(
    State(ctx): State<Ctx>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let params: Params = form.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let (client_id, redirect_uri, challenge, state) = match validate(&ctx, &params) {
        Ok(v) => v,
        Err(response) => return *response,
    };
    if form.get("decision").map(String::as_str) == Some("allow") {
        let scope = form.get("scope").cloned().unwrap_or_default();
        issue(&ctx, client_id, &redirect_uri, challenge, &state, scope)
    } else {
        deny(&redirect_uri, &state)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
