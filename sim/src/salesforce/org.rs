//! What the simulated org knows: its apps and users, the record counts, the switches that
//! make it answer like a misconfigured or failing org, and the codes, sessions and tokens it
//! issued.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// A registered Connected App / External Client App.
#[derive(Debug, Clone)]
pub struct App {
    /// Consumer Key.
    pub client_id: String,
    /// Consumer Secret.
    pub client_secret: String,
    /// "Require Secret for Web Server Flow" (and for refresh): off only for public clients
    /// such as the global `PlatformCLI` app the Salesforce CLI signs in with.
    pub require_secret: bool,
    /// Exact callback URLs.
    pub callback_urls: Vec<String>,
    /// PKCE required (External Client Apps).
    pub require_pkce: bool,
    /// Client-credentials Run As user, if enabled.
    pub run_as: Option<String>,
}

/// An External Client App as Setup lists it (`ExternalClientApplication`), with its OAuth
/// policies (`ExtlClntAppOauthPlcyCnfg`, picklist values as Salesforce answers them).
#[derive(Debug, Clone)]
pub struct ExternalClientApp {
    /// Record id (`0xI…`).
    pub id: String,
    /// API Name.
    pub developer_name: String,
    /// External Client App Name.
    pub label: String,
    /// `Enforce`, `Bypass`, `Bypass_2factor`, `Enforce_relaxrefresh`.
    pub ip_relaxation: String,
    /// `Infinite`, `Zero`, `SpecificLifetime`, `SpecificInactivity`.
    pub refresh_token_policy: String,
    /// With a specific lifetime or inactivity: the period and its unit (`Hours`, `Days`,
    /// `Months`).
    pub refresh_token_validity: Option<(u32, String)>,
    /// `AllSelfAuthorized` or `AdminApprovedPreAuthorized`.
    pub permitted_users: String,
}

impl ExternalClientApp {
    /// The app a first-time admin makes for `name` with the wizard, policies left as
    /// Salesforce sets them.
    #[must_use]
    pub fn made_for(name: &str) -> Self {
        Self {
            id: "0xIfj0000009EQLEA2".into(),
            developer_name: name.into(),
            label: name.into(),
            ip_relaxation: "Enforce".into(),
            refresh_token_policy: "Infinite".into(),
            refresh_token_validity: None,
            permitted_users: "AllSelfAuthorized".into(),
        }
    }
}

/// A user.
#[derive(Debug, Clone)]
pub struct User {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
    /// Security token.
    pub security_token: String,
    /// User id.
    pub user_id: String,
    /// Full name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Profile id (`00e…`).
    pub profile_id: String,
}

/// Failure modes and demo switches.
#[derive(Debug, Clone)]
pub struct Switches {
    /// The user presses Deny.
    pub deny: bool,
    /// Show a login form and an Allow/Deny page instead of signing in and approving at once
    /// (the wizard's demo rehearses the browser step with them).
    pub approval_page: bool,
    /// Delay before the token endpoint answers.
    pub token_delay: Duration,
    /// Token endpoint answers this 5xx status.
    pub token_status: Option<u16>,
    /// REST API (userinfo, query) answers this 5xx status.
    pub api_status: Option<u16>,
    /// Authorization code lifetime.
    pub code_ttl: Duration,
    /// OAuth username-password flow allowed (off by default in orgs since Summer '23).
    pub password_flow: bool,
    /// SOAP `login()` enabled.
    pub soap_login: bool,
    /// SOAP `login()` refuses users without Use Any API Auth (`INSUFFICIENT_ACCESS`), as every
    /// org does since Winter '27.
    pub soap_needs_use_any_api_auth: bool,
    /// The user's password has expired: SOAP `login()` still succeeds, with
    /// `passwordExpired=true` and a session good only for `setPassword()`.
    pub password_expired: bool,
    /// The token endpoint refuses every grant with this `error` and `error_description`
    /// (`invalid_app_access`, `invalid_grant` "ip restricted or invalid login hours", …).
    pub token_refusal: Option<(String, String)>,
    /// Token answers and SOAP `serverUrl` name this instance instead of the org's own (a
    /// tampered or misrouted answer).
    pub instance_url_override: Option<String>,
    /// Token requests answer 307 to this URL (to prove clients don't follow).
    pub token_redirect_to: Option<String>,
    /// Refresh Token Rotation: every refresh returns a new refresh token and the old one dies;
    /// presenting a dead one again revokes the whole grant, as Salesforce does.
    pub rotate_refresh_tokens: bool,
    /// Revoke answers 401 `invalid_client` unless the client authenticates (what RFC 7009
    /// servers do; Salesforce itself accepts a bare `token=`).
    pub revoke_requires_client_auth: bool,
    /// Revoke answers this status (a failing revocation).
    pub revoke_status: Option<u16>,
    /// Answer introspection with this HTTP status instead.
    pub introspect_status: Option<u16>,
    /// Data API calls (queries) answer 403 with this `errorCode` (`REQUEST_LIMIT_EXCEEDED`,
    /// `API_DISABLED_FOR_ORG`, `API_CURRENTLY_DISABLED`).
    pub data_api_error: Option<String>,
    /// After sign-in, send the browser back with this `error` and `error_description` (what
    /// Salesforce does for `OAUTH_EC_APP_NOT_FOUND`, `OAUTH_APP_ACCESS_DENIED`, …).
    pub callback_error: Option<(String, String)>,
    /// Until then the app is unknown ("client identifier invalid"), as a new or just-edited
    /// app is for up to ~10 minutes.
    pub app_unknown_until: Option<Instant>,
}

impl Default for Switches {
    fn default() -> Self {
        Self {
            deny: false,
            approval_page: false,
            token_delay: Duration::ZERO,
            token_status: None,
            api_status: None,
            code_ttl: Duration::from_secs(15 * 60),
            password_flow: true,
            soap_login: true,
            soap_needs_use_any_api_auth: false,
            password_expired: false,
            token_refusal: None,
            instance_url_override: None,
            token_redirect_to: None,
            rotate_refresh_tokens: false,
            revoke_requires_client_auth: false,
            revoke_status: None,
            introspect_status: None,
            app_unknown_until: None,
            data_api_error: None,
            callback_error: None,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct CodeGrant {
    pub(super) client_id: String,
    pub(super) redirect_uri: String,
    pub(super) challenge: Option<String>,
    pub(super) username: String,
    pub(super) issued: Instant,
    pub(super) used: bool,
    /// The scopes asked for (a refresh token only with `refresh_token` or `offline_access`).
    pub(super) scope: String,
}

#[derive(Debug, Clone)]
pub(super) struct Session {
    pub(super) client_id: String,
    pub(super) username: String,
}

/// One request the simulator saw.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Method.
    pub method: String,
    /// Path and query exactly as received.
    pub uri: String,
}

/// Everything the org knows.
#[derive(Debug)]
pub struct Org {
    /// Apps.
    pub apps: Vec<App>,
    /// Users.
    pub users: Vec<User>,
    /// Record counts; objects not listed answer `INVALID_TYPE`.
    pub counts: BTreeMap<String, u64>,
    /// External Client Apps in Setup.
    pub external_client_apps: Vec<ExternalClientApp>,
    /// Login IP Ranges: (profile id, start, end).
    pub login_ip_ranges: Vec<(String, String, String)>,
    /// Setup objects the signed-in user may not read (answered `INVALID_TYPE`, as Salesforce
    /// does without the permission), e.g. `ExternalClientApplication`.
    pub unreadable: Vec<String>,
    /// Switches.
    pub switches: Switches,
    pub(super) codes: HashMap<String, CodeGrant>,
    pub(super) refresh_tokens: HashMap<String, Session>,
    pub(super) access_tokens: HashMap<String, (Session, Option<String>)>,
    pub(super) seen: Vec<Seen>,
    pub(super) token_requests: usize,
    pub(super) introspections: usize,
    pub(super) issued: Vec<String>,
    /// Refresh tokens replaced by rotation, with the grant's current token.
    pub(super) rotated_away: HashMap<String, String>,
}
