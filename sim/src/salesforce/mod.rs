//! A Salesforce org: OAuth authorize/token/revoke/introspect/userinfo, REST count queries and SOAP
//! login, on two loopback origins — a generic login host (like login.salesforce.com) and the
//! org's My Domain (also its instance URL).

mod api;
mod authorize;
mod introspect;
mod org;
mod soap;
mod token;

pub use org::{App, ExternalClientApp, Org, Seen, Switches, User};
use org::{CodeGrant, Session};

use crate::creds;
use axum::Router;
use axum::routing::{get, post};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug)]
struct Shared {
    org: Mutex<Org>,
    time: crate::HandlerTime,
    login_url: String,
    my_domain_url: String,
}

/// Which origin a request arrived on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Login,
    MyDomain,
}

#[derive(Debug, Clone)]
struct Ctx {
    shared: Arc<Shared>,
    role: Role,
}

impl Ctx {
    fn org(&self) -> MutexGuard<'_, Org> {
        self.shared
            .org
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A running Salesforce simulator.
#[derive(Debug, Clone)]
pub struct SalesforceSim {
    shared: Arc<Shared>,
}

impl SalesforceSim {
    /// Starts on two loopback ports (0 for any), with one app whose callbacks are
    /// `http://localhost:{p}/callback` for each of `callback_ports`.
    pub async fn start(
        login_port: u16,
        my_domain_port: u16,
        callback_ports: &[u16],
    ) -> std::io::Result<Self> {
        let (login, login_addr) = crate::bind(login_port).await?;
        let (my_domain, my_domain_addr) = crate::bind(my_domain_port).await?;
        let org = Org {
            apps: vec![
                App {
                    client_id: creds::CLIENT_ID.into(),
                    client_secret: creds::CLIENT_SECRET.into(),
                    callback_urls: callback_ports
                        .iter()
                        .map(|p| format!("http://localhost:{p}/callback"))
                        .collect(),
                    require_pkce: true,
                    require_secret: true,
                    run_as: Some(creds::USERNAME.into()),
                },
                // Every org has Salesforce's global app for its CLI (`sf org login web`): a
                // public client with a fixed callback, PKCE and no secret.
                App {
                    client_id: "PlatformCLI".into(),
                    client_secret: String::new(),
                    require_secret: false,
                    callback_urls: vec!["http://localhost:1717/OauthRedirect".into()],
                    require_pkce: true,
                    run_as: None,
                },
            ],
            users: vec![User {
                username: creds::USERNAME.into(),
                password: creds::PASSWORD.into(),
                security_token: creds::SECURITY_TOKEN.into(),
                user_id: creds::USER_ID.into(),
                name: "Avery Admin".into(),
                email: creds::USERNAME.into(),
                profile_id: creds::PROFILE_ID.into(),
            }],
            counts: BTreeMap::from([
                ("Account".into(), 1284),
                ("Contact".into(), 5310),
                ("Opportunity".into(), 412),
                ("Lead".into(), 977),
            ]),
            external_client_apps: vec![ExternalClientApp::made_for("CustomerOS")],
            login_ip_ranges: Vec::new(),
            unreadable: Vec::new(),
            switches: Switches::default(),
            codes: HashMap::new(),
            refresh_tokens: HashMap::new(),
            access_tokens: HashMap::new(),
            seen: Vec::new(),
            token_requests: 0,
            introspections: 0,
            issued: Vec::new(),
            rotated_away: HashMap::new(),
        };
        let shared = Arc::new(Shared {
            org: Mutex::new(org),
            time: crate::HandlerTime::default(),
            login_url: format!("http://{login_addr}"),
            my_domain_url: format!("http://{my_domain_addr}"),
        });
        for (listener, role) in [(login, Role::Login), (my_domain, Role::MyDomain)] {
            let app = router(Ctx {
                shared: shared.clone(),
                role,
            });
            tokio::spawn(async move {
                let _ = axum::serve(listener, app).await;
            });
        }
        Ok(Self { shared })
    }

    /// The generic login origin (plays login.salesforce.com).
    #[must_use]
    pub fn login_url(&self) -> &str {
        &self.shared.login_url
    }

    /// The org's My Domain origin (also its instance URL).
    #[must_use]
    pub fn my_domain_url(&self) -> &str {
        &self.shared.my_domain_url
    }

    /// Changes the org (apps, users, counts, switches).
    pub fn with_org<T>(&self, change: impl FnOnce(&mut Org) -> T) -> T {
        change(
            &mut self
                .shared
                .org
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// Changes the switches.
    pub fn switches(&self, change: impl FnOnce(&mut Switches)) {
        self.with_org(|org| change(&mut org.switches));
    }

    /// Every request seen so far.
    #[must_use]
    pub fn seen(&self) -> Vec<Seen> {
        self.with_org(|org| org.seen.clone())
    }

    /// How many token requests arrived.
    #[must_use]
    pub fn token_requests(&self) -> usize {
        self.with_org(|org| org.token_requests)
    }

    /// How many introspection requests arrived.
    #[must_use]
    pub fn introspections(&self) -> usize {
        self.with_org(|org| org.introspections)
    }

    /// Every access token, session id and refresh token ever issued (for leak checks).
    #[must_use]
    pub fn issued_tokens(&self) -> Vec<String> {
        self.with_org(|org| org.issued.clone())
    }

    /// How many authorization codes were issued.
    #[must_use]
    pub fn codes_issued(&self) -> usize {
        self.with_org(|org| org.codes.len())
    }

    /// Refresh tokens currently valid.
    #[must_use]
    pub fn live_refresh_tokens(&self) -> usize {
        self.with_org(|org| org.refresh_tokens.len())
    }

    /// Whether this refresh token is valid.
    #[must_use]
    pub fn refresh_token_is_live(&self, token: &str) -> bool {
        self.with_org(|org| org.refresh_tokens.contains_key(token))
    }
}

fn router(ctx: Ctx) -> Router {
    Router::new()
        .route("/services/oauth2/authorize", get(authorize::authorize))
        .route("/_sim/approve", post(authorize::approve))
        .route("/login", get(authorize::login).post(authorize::log_in))
        .route("/services/oauth2/token", post(token::token))
        .route("/services/oauth2/revoke", post(api::revoke))
        .route("/services/oauth2/introspect", post(introspect::introspect))
        .route(
            "/services/oauth2/userinfo",
            get(api::userinfo).post(api::userinfo),
        )
        .route("/services/data", get(api::versions))
        .route("/services/data/", get(api::versions))
        .route("/services/data/{version}", get(api::resources))
        .route("/services/data/{version}/", get(api::resources))
        .route("/services/data/{version}/query", get(api::query))
        .route("/services/data/{version}/query/", get(api::query))
        .route("/services/data/{version}/sobjects", get(api::sobjects))
        .route("/services/data/{version}/sobjects/", get(api::sobjects))
        .route("/services/data/{version}/limits", get(api::limits))
        .route("/services/data/{version}/limits/", get(api::limits))
        .route(
            "/id/{org}/{user}",
            get(api::identity_url).post(api::identity_url),
        )
        .route(
            "/services/data/{version}/sobjects/{object}/{id}",
            get(api::record),
        )
        .route("/services/Soap/u/{version}", post(soap::call))
        .route("/services/Soap/u/{version}/{org}", post(soap::call))
        .route("/lightning/{*page}", get(setup_page))
        .route("/_sim/stats", get(stats))
        .route("/app/{*page}", get(setup_page))
        .layer(axum::middleware::from_fn_with_state(ctx.clone(), record))
        .with_state(ctx)
}

async fn record(
    axum::extract::State(ctx): axum::extract::State<Ctx>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let seen = Seen {
        method: request.method().to_string(),
        uri: request.uri().to_string(),
    };
    ctx.org().seen.push(seen);
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    ctx.shared.time.add(started.elapsed());
    response
}

/// Time spent in this simulator's handlers (bench/run subtracts it).
async fn stats(
    axum::extract::State(ctx): axum::extract::State<Ctx>,
) -> axum::Json<serde_json::Value> {
    axum::Json(ctx.shared.time.snapshot())
}

/// Setup pages, for the demo's "Open in Salesforce" buttons.
async fn setup_page(uri: axum::http::Uri) -> axum::response::Html<String> {
    let path = uri.path().replace(['<', '>', '&', '"'], "");
    axum::response::Html(format!(
        "<!doctype html><html><head><title>Setup | Salesforce (simulated)</title></head>\
         <body style=\"font:16px system-ui;max-width:40rem;margin:10vh auto\">\
         <p><b>SIMULATED SALESFORCE</b></p><h1>Setup</h1><p>This stands for the Setup page \
         <code>{path}</code> of your org. In the demo, the app is already created: go back to \
         sfconnect and continue.</p></body></html>"
    ))
}

pub(super) fn random(bytes: usize) -> String {
    use base64::Engine as _;
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}
