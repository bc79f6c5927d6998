//! The token endpoint: every grant we use, and Salesforce's refusals in plain language.

use super::sign_in::WebSignIn;
use crate::error::{Error, Result};
use crate::http::{Remote, unreachable};
use crate::login_host::LoginHost;
use crate::secret::{AccessToken, AuthCode, ClientSecret, Password, RefreshToken, SecurityToken};
use serde::Deserialize;

/// What a successful token request returns.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenSet {
    /// Bearer token for API calls.
    pub access_token: AccessToken,
    /// Present for the authorization-code grant with the `refresh_token` scope.
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
    /// Where the org's APIs live.
    pub instance_url: String,
    /// The identity URL (`…/id/ORGID/USERID`).
    #[serde(default)]
    pub id: String,
    /// Granted scopes.
    #[serde(default)]
    pub scope: Option<String>,
}

/// Which grant a request used; it changes what a refusal means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Authorization code + PKCE (browser sign-in).
    AuthorizationCode,
    /// Refresh token.
    RefreshToken,
    /// OAuth username-password.
    Password,
    /// Client credentials.
    ClientCredentials,
}

/// Exchanges the browser's code for tokens.
pub async fn exchange_code(
    http: &reqwest::Client,
    sign_in: &WebSignIn,
    secret: &ClientSecret,
    code: &AuthCode,
) -> Result<TokenSet> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.expose()),
        ("client_id", sign_in.client_id()),
        ("client_secret", secret.expose()),
        ("redirect_uri", sign_in.redirect_uri()),
        ("code_verifier", sign_in.pkce().verifier().expose()),
    ];
    post(http, sign_in.host(), Grant::AuthorizationCode, &form).await
}

/// Client-credentials grant (needs the My Domain host and a Run As user on the app).
pub async fn client_credentials(
    http: &reqwest::Client,
    host: &LoginHost,
    client_id: &str,
    secret: &ClientSecret,
) -> Result<TokenSet> {
    if host.is_generic_login() {
        return Err(not_my_domain(host.origin()));
    }
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id),
        ("client_secret", secret.expose()),
    ];
    post(http, host, Grant::ClientCredentials, &form).await
}

/// OAuth username-password grant (password and security token joined, as Salesforce wants).
pub async fn password(
    http: &reqwest::Client,
    host: &LoginHost,
    client_id: &str,
    secret: &ClientSecret,
    username: &str,
    password: &Password,
    token: &SecurityToken,
) -> Result<TokenSet> {
    let joined = Password::new(format!("{}{}", password.expose(), token.expose()));
    let form = [
        ("grant_type", "password"),
        ("client_id", client_id),
        ("client_secret", secret.expose()),
        ("username", username),
        ("password", joined.expose()),
    ];
    post(http, host, Grant::Password, &form).await
}

/// Refresh-token grant: proves a stored refresh token still works.
pub async fn refresh(
    http: &reqwest::Client,
    host: &LoginHost,
    client_id: &str,
    secret: &ClientSecret,
    refresh_token: &RefreshToken,
) -> Result<TokenSet> {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose()),
        ("client_id", client_id),
        ("client_secret", secret.expose()),
    ];
    post(http, host, Grant::RefreshToken, &form).await
}

#[derive(Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: String,
}

async fn post(
    http: &reqwest::Client,
    host: &LoginHost,
    grant: Grant,
    form: &[(&str, &str)],
) -> Result<TokenSet> {
    tracing::debug!(host = host.origin(), ?grant, "token request");
    let response = http
        .post(host.endpoint("/services/oauth2/token"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, host.origin(), &e))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, host.origin(), &e))?;
    if status.is_success() {
        let tokens = serde_json::from_slice(&body)
            .map_err(|_| unexpected(status.as_u16(), format!("HTTP {}", status.as_u16())))?;
        return check_instance_url(host, tokens);
    }
    if status.is_redirection() {
        return Err(Error::Salesforce {
            code: "salesforce_redirected",
            message: format!(
                "{} sent sfconnect to another address instead of answering, so sfconnect stopped \
                 to keep your secret safe. Use your org's My Domain address (for example \
                 https://acme.my.salesforce.com) and try again.",
                host.origin()
            ),
            detail: format!("HTTP {}", status.as_u16()),
        });
    }
    match serde_json::from_slice::<OAuthErrorBody>(&body) {
        Ok(err) => Err(refusal(&err.error, &err.error_description, Some(grant))),
        Err(_) => Err(unexpected(
            status.as_u16(),
            format!("HTTP {}", status.as_u16()),
        )),
    }
}

/// The access token is sent on to the answer's instance URL: never in the clear when the
/// sign-in itself was over HTTPS (only the loopback simulators speak plain HTTP).
fn check_instance_url(host: &LoginHost, tokens: TokenSet) -> Result<TokenSet> {
    if host.origin().starts_with("https://") && !tokens.instance_url.starts_with("https://") {
        return Err(unexpected(200, "instance_url is not https".into()));
    }
    Ok(tokens)
}

fn unexpected(status: u16, detail: String) -> Error {
    let message = if status >= 500 {
        "Salesforce is having trouble right now. Wait a minute and try again; nothing was changed."
    } else {
        "Salesforce sent an answer sfconnect doesn't understand. Check the login address and try \
         again; if it keeps happening, contact support with the detail below."
    };
    Error::Salesforce {
        code: if status >= 500 {
            "salesforce_unavailable"
        } else {
            "salesforce_error"
        },
        message: message.into(),
        detail,
    }
}

fn not_my_domain(origin: &str) -> Error {
    Error::Salesforce {
        code: "my_domain_required",
        message: format!(
            "Client credentials only work with your org's own address, not {origin}. Enter your \
             My Domain address, for example https://acme.my.salesforce.com (Setup → My Domain \
             shows it)."
        ),
        detail: "request not supported on this domain".into(),
    }
}

const APP_PLACE: &str = "Setup → App Manager → your app → View → Manage Consumer Details (for an \
    External Client App: External Client App Manager → your app → Settings → OAuth Settings → \
    Consumer Key and Secret)";

/// Maps a Salesforce OAuth error (`error`, `error_description`) to what the user should do.
pub(crate) fn refusal(error: &str, description: &str, grant: Option<Grant>) -> Error {
    let detail = if description.is_empty() {
        error.to_owned()
    } else {
        format!("{error}: {description}")
    };
    let desc = description.to_ascii_lowercase();
    let (code, message): (&'static str, String) = match (error, desc.as_str(), grant) {
        (_, d, _) if d.contains("request not supported on this domain") => {
            return not_my_domain("login.salesforce.com or test.salesforce.com");
        }
        ("access_denied", _, _) => (
            "access_denied",
            "You chose Deny in Salesforce, so nothing was connected. Start the sign-in again and \
             choose Allow."
                .into(),
        ),
        ("invalid_client_id", _, _) => (
            "unknown_client_id",
            format!(
                "Salesforce doesn't recognise this Consumer Key. Copy it again from {APP_PLACE}. \
                 A newly created app can take up to 10 minutes before Salesforce accepts it."
            ),
        ),
        ("invalid_client", _, _) => (
            "wrong_client_secret",
            format!("The Consumer Secret doesn't match this Consumer Key. Copy it again from {APP_PLACE}."),
        ),
        ("redirect_uri_mismatch", _, _) => (
            "callback_url_mismatch",
            "The app's Callback URL doesn't match. In the app's OAuth settings, set Callback URL to \
             exactly http://localhost:7717/callback (or the port sfconnect shows), save, wait a \
             few minutes, and sign in again."
                .into(),
        ),
        ("invalid_request", d, _) if d.contains("code challenge") => (
            "pkce_required",
            "Salesforce requires PKCE for this app but didn't receive it. Sign in again; if it \
             keeps happening, contact support with the detail below."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("code verifier") => (
            "pkce_mismatch",
            "Salesforce rejected the sign-in's PKCE check (the code was issued for a different \
             attempt). Sign in again from the start."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("expired authorization code") => (
            "code_expired",
            "The sign-in code expired before it was used. Sign in again; it only takes a moment."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("invalid authorization code") => (
            "code_invalid",
            "That sign-in code was already used or isn't valid. Sign in again to get a fresh one."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("expired access/refresh token") => (
            "refresh_token_revoked",
            "Salesforce no longer accepts this connection: it was revoked or has expired. Sign in \
             again to create a new one."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("no client credentials user") => (
            "run_as_user_missing",
            "The app has no Run As user for client credentials. In the app's settings, under Flow \
             Enablement (or OAuth Policies), turn on Enable Client Credentials Flow and choose a \
             Run As user, then try again."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("ip restricted") => (
            "ip_restricted",
            "Salesforce blocked the sign-in from this network (IP restrictions). Ask your \
             Salesforce admin to relax the app's IP Relaxation policy, or connect from an \
             allowed network."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("not admin approved") => (
            "not_admin_approved",
            "Your user isn't allowed to use this app. In the app's policies, set Permitted Users to \
             \"All users may self-authorize\", or add your profile or permission set, then sign in \
             again."
                .into(),
        ),
        ("invalid_grant", _, Some(Grant::Password)) => (
            "login_failed",
            "Salesforce rejected the username, password or security token. Check all three (the \
             security token comes by email after Settings → Reset My Security Token). Orgs \
             created since Summer '23 also block this sign-in method unless \"Allow OAuth \
             Username-Password Flows\" is on in Setup → OAuth and OpenID Connect Settings."
                .into(),
        ),
        ("unsupported_grant_type", _, Some(Grant::Password)) => (
            "password_flow_blocked",
            "This org blocks sign-in with username and password (the default for orgs created \
             since Summer '23, and External Client Apps never allow it). Use the browser sign-in \
             or client credentials instead, or turn on \"Allow OAuth Username-Password Flows\" \
             in Setup → OAuth and OpenID Connect Settings."
                .into(),
        ),
        ("unsupported_grant_type", _, Some(Grant::ClientCredentials)) => (
            "client_credentials_disabled",
            "Client credentials aren't enabled for this app. In the app's settings, under Flow \
             Enablement (or OAuth Policies), turn on Enable Client Credentials Flow and choose a \
             Run As user."
                .into(),
        ),
        ("inactive_user", _, _) => (
            "inactive_user",
            "This Salesforce user is inactive. Sign in as an active admin user.".into(),
        ),
        ("inactive_org", _, _) => (
            "inactive_org",
            "This Salesforce org is locked or inactive. Check the org with your Salesforce admin."
                .into(),
        ),
        ("rate_limit_exceeded", _, _) => (
            "rate_limited",
            "Salesforce is limiting sign-ins for this user right now. Wait a few minutes and try \
             again."
                .into(),
        ),
        ("invalid_scope", _, _) => (
            "invalid_scope",
            "The app doesn't allow the requested access. Add the scopes Manage user data via APIs \
             (api), Manage user data via Web browsers (web) and Perform requests at any time \
             (refresh_token, offline_access) to the app, save, and sign in again."
                .into(),
        ),
        ("OAUTH_APP_BLOCKED", _, _) | ("OAUTH_APP_ACCESS_DENIED", _, _) => (
            "app_blocked",
            "This app is blocked in your org. In Setup → Connected Apps OAuth Usage, unblock it, \
             then sign in again."
                .into(),
        ),
        _ => (
            "salesforce_error",
            "Salesforce refused the request. Check the app's settings against the steps in \
             sfconnect and try again; if it keeps happening, contact support with the detail \
             below."
                .into(),
        ),
    };
    Error::Salesforce {
        code,
        message,
        detail,
    }
}

#[cfg(test)]
#[path = "tests/token.rs"]
mod tests;
