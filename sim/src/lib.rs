//! Local simulators of Salesforce and CustomerOS, speaking their real wire formats on
//! loopback. Used by the end-to-end tests and by demo mode. Shares no code with the engine:
//! a double built from the engine could not catch the engine's bugs.

pub mod customeros;
pub mod salesforce;

use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Test credentials every simulator knows.
pub mod creds {
    /// The simulated org's Consumer Key.
    pub const CLIENT_ID: &str =
        "3MVG9SimulatedOrg.sfconnectDemoKey_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5";
    /// Its Consumer Secret.
    pub const CLIENT_SECRET: &str = "SIMSECRET4F1E9A7C3B5D8E2F6A0B4C7D9E1F3A5B";
    /// A Salesforce admin user.
    pub const USERNAME: &str = "admin@acme-demo.example";
    /// That user's password.
    pub const PASSWORD: &str = "Demo-Passw0rd!";
    /// That user's security token.
    pub const SECURITY_TOKEN: &str = "SIMTOKENx7Q2w9Z4";
    /// The org id.
    pub const ORG_ID: &str = "00D5g00000SIMORGEAQ";
    /// The user id.
    pub const USER_ID: &str = "0055g00000SIMUSRAAQ";
    /// The user's profile (System Administrator).
    pub const PROFILE_ID: &str = "00e5g00001SIMPRFAA";
    /// A CustomerOS user.
    pub const CUSTOMEROS_USER: &str = "ana@acme-demo.example";
    /// That user's tenant API key (`X-CUSTOMER-OS-API-KEY`).
    pub const CUSTOMEROS_API_KEY: &str = "cos-sim-tenant-key-8c1d2e3f4a5b";
    /// The app API key (`X-Openline-API-KEY`).
    pub const CUSTOMEROS_APP_KEY: &str = "cos-sim-app-key-0a9b8c7d";
}

/// Time spent inside a simulator's handlers, for benchmarks that subtract it from a run.
#[derive(Debug, Default)]
pub struct HandlerTime {
    nanos: std::sync::atomic::AtomicU64,
    requests: std::sync::atomic::AtomicU64,
}

impl HandlerTime {
    /// Adds one handled request.
    pub fn add(&self, elapsed: std::time::Duration) {
        use std::sync::atomic::Ordering::Relaxed;
        self.nanos.fetch_add(
            u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX),
            Relaxed,
        );
        self.requests.fetch_add(1, Relaxed);
    }

    /// `{"handler_ns": N, "requests": M}` so far.
    pub fn snapshot(&self) -> serde_json::Value {
        use std::sync::atomic::Ordering::Relaxed;
        serde_json::json!({ "handler_ns": self.nanos.load(Relaxed), "requests": self.requests.load(Relaxed) })
    }
}

/// Binds a loopback port (0 for any).
pub async fn bind(port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// Both simulators, running.
#[derive(Debug, Clone)]
pub struct Sims {
    /// Salesforce.
    pub salesforce: salesforce::SalesforceSim,
    /// CustomerOS.
    pub customeros: customeros::CustomerOsSim,
}

/// Starts both on any free loopback ports, with the default org and callback
/// `http://localhost:{callback_port}/callback`.
pub async fn start(callback_ports: &[u16]) -> std::io::Result<Sims> {
    start_on(0, 0, 0, callback_ports).await
}

/// Starts both on given ports (0 for any).
pub async fn start_on(
    login_port: u16,
    my_domain_port: u16,
    customeros_port: u16,
    callback_ports: &[u16],
) -> std::io::Result<Sims> {
    let salesforce =
        salesforce::SalesforceSim::start(login_port, my_domain_port, callback_ports).await?;
    let customeros = customeros::CustomerOsSim::start(customeros_port).await?;
    Ok(Sims {
        salesforce,
        customeros,
    })
}

/// What the played user chooses on an Allow/Deny page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Allow.
    Allow,
    /// Deny.
    Deny,
}

/// Plays a browser whose user presses Allow: follows `url` through the sign-in redirects
/// (to the loopback callback and its success page). True when the last page answered 2xx.
pub async fn follow_like_a_browser(url: &str) -> Result<(), String> {
    follow_deciding(url, Decision::Allow).await
}

/// [`follow_like_a_browser`], choosing `decision`. The simulator's own login form and
/// Allow/Deny page (`data-sim-form`) are filled in and sent as their user would: Log In, then
/// Allow or Deny.
pub async fn follow_deciding(url: &str, decision: Decision) -> Result<(), String> {
    // Only plain-HTTP loopback pages are visited: no root certificates to load (that alone
    // took several milliseconds per hop).
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_built_in_root_certs(false)
        .build()
        .map_err(|e| e.to_string())?;
    // Like a browser, keep each host's cookies (sign-in servers track the interaction in them).
    let mut jars: std::collections::HashMap<String, Vec<(String, String)>> = Default::default();
    let mut url = reqwest::Url::parse(url).map_err(|e| e.to_string())?;
    let mut form: Option<Vec<(String, String)>> = None;
    for _ in 0..12 {
        let host = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let jar = jars.entry(host).or_default();
        let mut request = match form.take() {
            Some(fields) => client.post(url.clone()).form(&fields),
            None => client.get(url.clone()),
        };
        if !jar.is_empty() {
            let cookie: Vec<String> = jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request = request.header(reqwest::header::COOKIE, cookie.join("; "));
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        for set in response.headers().get_all(reqwest::header::SET_COOKIE) {
            let Some((name, value)) = set
                .to_str()
                .ok()
                .and_then(|s| s.split(';').next()?.split_once('='))
            else {
                continue;
            };
            jar.retain(|(k, _)| k != name.trim());
            if !value.is_empty() {
                jar.push((name.trim().to_owned(), value.to_owned()));
            }
        }
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .ok_or("a redirect without a Location")?;
            url = url.join(location).map_err(|e| e.to_string())?;
            continue;
        }
        if !response.status().is_success() {
            return Err(format!("{} answered {}", url.path(), response.status()));
        }
        let page = response.text().await.map_err(|e| e.to_string())?;
        match sim_form(&page, decision) {
            Some((action, fields)) => {
                url = url.join(&action).map_err(|e| e.to_string())?;
                form = Some(fields);
            }
            None => return Ok(()),
        }
    }
    Err("too many redirects".into())
}

/// The simulator's form on `page` (`data-sim-form`), as its user sends it: the action and
/// every named field, with the `decision` button pressed (or the only other button).
fn sim_form(page: &str, decision: Decision) -> Option<(String, Vec<(String, String)>)> {
    let start = page.find("<form")?;
    let form = &page[start..start + page[start..].find("</form>")?];
    let head = &form[..form.find('>')?];
    if !head.contains("data-sim-form") {
        return None;
    }
    let action = attribute(head, "action")?;
    let wanted = match decision {
        Decision::Allow => "allow",
        Decision::Deny => "deny",
    };
    let mut fields = Vec::new();
    let mut pressed = false;
    for tag in form.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        let value = attribute(tag, "value").unwrap_or_default();
        if tag.starts_with("button") {
            // Allow or Deny as decided; a form with one button (Log In) sends that one.
            if !pressed && (name != "decision" || value == wanted) {
                fields.push((name, value));
                pressed = true;
            }
        } else if tag.starts_with("input") {
            fields.push((name, value));
        }
    }
    Some((action, fields))
}

/// An attribute's (HTML-unescaped) value in a tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let from = tag.find(&needle)? + needle.len();
    let value = &tag[from..from + tag[from..].find('"')?];
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}
