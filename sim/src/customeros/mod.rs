//! CustomerOS's settings-api: `POST /integration`, `GET /integrations`,
//! `DELETE /integration/{name}`, with its header checks and error bodies.

mod api;

pub use api::OTHER_TENANT_KEY;
use api::{add, gin_conventions, list, remove};

use crate::creds;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::Value;
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
    /// A proxy or WAF in front that refuses the hand-off and echoes the request body back in
    /// its error (a hostile or careless server: its words must not carry secrets onward).
    pub echoes_body: bool,
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
            tenant_keys: HashMap::from([
                ("acme".to_owned(), creds::CUSTOMEROS_API_KEY.to_owned()),
                ("globex".to_owned(), OTHER_TENANT_KEY.to_owned()),
            ]),
            ..Inner::default()
        }));
        let time = Arc::new(crate::HandlerTime::default());
        let timing = time.clone();
        let app = Router::new()
            .route("/integration", post(add))
            .route("/integrations", get(list))
            .route("/integration/{name}", delete(remove))
            .with_state(inner.clone())
            .layer(axum::middleware::from_fn(gin_conventions))
            // The web app's Settings → API page (where an admin copies the workspace API key):
            // a stand-in that records the visit.
            .route("/settings", get(settings_page).with_state(inner.clone()))
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

/// `GET /settings?tab=api`: the web app's API page, simulated.
async fn settings_page(
    axum::extract::State(inner): axum::extract::State<Arc<Mutex<Inner>>>,
    uri: axum::http::Uri,
) -> axum::response::Html<&'static str> {
    inner
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .seen
        .push(Seen {
            method: "GET".into(),
            uri: uri.to_string(),
        });
    axum::response::Html(
        "<!doctype html><title>Settings | CustomerOS (simulated)</title>\
         <p>SIMULATED CUSTOMEROS: Settings → Workspace → API, where the workspace's API key is \
         shown with a Copy button.</p>",
    )
}
