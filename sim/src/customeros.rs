//! CustomerOS's settings-api: `POST /integration`, `GET /integrations`,
//! `DELETE /integration/{name}`, with its header checks and error bodies.

use crate::creds;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Failure switches.
#[derive(Debug, Clone, Default)]
pub struct Switches {
    /// Answer every request with this status (e.g. 500, 503).
    pub status: Option<u16>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Report the Salesforce integration as this state instead of ACTIVE.
    pub state_override: Option<String>,
    /// A current CustomerOS: Salesforce is an unknown integration name, ignored with a 200
    /// (upstream removed it on 2024-02-20).
    pub ignores_salesforce: bool,
    /// The integration routes are gone (404), as in a deployment without the settings API.
    pub no_integration_api: bool,
}

/// What was stored for a tenant's Salesforce integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSalesforce {
    /// clientId.
    pub client_id: String,
    /// clientSecret.
    pub client_secret: String,
    /// refreshToken.
    pub refresh_token: String,
}

/// One request seen.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Method.
    pub method: String,
    /// Path and query.
    pub uri: String,
}

#[derive(Debug, Default)]
struct Inner {
    tenants: HashMap<String, String>,
    tenant_keys: HashMap<String, String>,
    integrations: HashMap<String, BTreeMap<String, Value>>,
    switches: Switches,
    seen: Vec<Seen>,
}

/// A running CustomerOS simulator.
#[derive(Debug, Clone)]
pub struct CustomerOsSim {
    inner: Arc<Mutex<Inner>>,
    url: String,
}

impl CustomerOsSim {
    /// Starts on a loopback port (0 for any) with one tenant and its user.
    pub async fn start(port: u16) -> std::io::Result<Self> {
        let (listener, addr) = crate::bind(port).await?;
        let inner = Arc::new(Mutex::new(Inner {
            tenants: HashMap::from([(creds::CUSTOMEROS_USER.to_owned(), "acme".to_owned())]),
            tenant_keys: HashMap::from([("acme".to_owned(), creds::CUSTOMEROS_API_KEY.to_owned())]),
            ..Inner::default()
        }));
        let time = Arc::new(crate::HandlerTime::default());
        let timing = time.clone();
        let app = Router::new()
            .route("/integration", post(add))
            .route("/integrations", get(list))
            .route("/integration/{name}", delete(remove))
            .with_state(inner.clone())
            .route(
                "/_sim/stats",
                get(move || {
                    let time = time.clone();
                    async move { Json(time.snapshot()) }
                }),
            )
            .layer(axum::middleware::from_fn(
                move |request: axum::extract::Request, next: axum::middleware::Next| {
                    let timing = timing.clone();
                    async move {
                        let started = std::time::Instant::now();
                        let response = next.run(request).await;
                        timing.add(started.elapsed());
                        response
                    }
                },
            ));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            inner,
            url: format!("http://{addr}"),
        })
    }

    /// Its base URL.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Changes the switches.
    pub fn switches(&self, change: impl FnOnce(&mut Switches)) {
        change(&mut self.lock().switches);
    }

    /// What the demo tenant has stored for Salesforce.
    #[must_use]
    pub fn stored_salesforce(&self) -> Option<StoredSalesforce> {
        let inner = self.lock();
        let value = inner.integrations.get("acme")?.get("salesforce")?;
        let text = |k: &str| {
            value
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Some(StoredSalesforce {
            client_id: text("clientId"),
            client_secret: text("clientSecret"),
            refresh_token: text("refreshToken"),
        })
    }

    /// Every request seen.
    #[must_use]
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }
}

type Shared = Arc<Mutex<Inner>>;

fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "errors": [{ "message": message }] })),
    )
        .into_response()
}

/// The settings-api middleware, in its order: username header, API key present, key valid,
/// user has a tenant.
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
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let Some(username) = header("X-Openline-USERNAME").filter(|u| !u.is_empty()) else {
        return Err(unauthorized("missing username header"));
    };
    let tenant_key = header("X-CUSTOMER-OS-API-KEY");
    let app_key = header("X-Openline-API-KEY");
    if tenant_key.is_none() && app_key.is_none() {
        return Err(unauthorized("Api key is required"));
    }
    let guard = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let tenant = guard.tenants.get(&username).cloned();
    let key_ok = match (&tenant_key, &app_key) {
        (_, Some(key)) => key == creds::CUSTOMEROS_APP_KEY,
        (Some(key), None) => guard.tenant_keys.values().any(|k| k == key),
        (None, None) => false,
    };
    if !key_ok {
        return Err(unauthorized("Invalid api key"));
    }
    let Some(tenant) = tenant else {
        return Err(unauthorized("user has no associated tenant"));
    };
    if let Some(key) = tenant_key.filter(|_| app_key.is_none())
        && guard.tenant_keys.get(&tenant) != Some(&key)
    {
        return Err(unauthorized("Invalid api key"));
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

async fn add(State(inner): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let tenant = match authorize(&inner, "POST", "/integration", &headers).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(&body) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let ignores_salesforce = inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .switches
        .ignores_salesforce;
    for (name, value) in request {
        if name == "salesforce" && ignores_salesforce {
            continue;
        }
        if name == "salesforce" {
            for (field, label) in [
                ("clientId", "client id"),
                ("clientSecret", "client secret"),
                ("refreshToken", "refresh token"),
            ] {
                if value
                    .get(field)
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    return (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        Json(json!({ "error": format!("missing {label} for Salesforce integration") })),
                    )
                        .into_response();
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

async fn list(State(inner): State<Shared>, headers: HeaderMap) -> Response {
    match authorize(&inner, "GET", "/integrations", &headers).await {
        Ok(tenant) => Json(active_map(&inner, &tenant)).into_response(),
        Err(r) => r,
    }
}

async fn remove(
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
