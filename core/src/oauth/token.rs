//! The token endpoint: every grant we use, and Salesforce's refusals in plain language.

use super::authorize::WebSignIn;
use super::refusal::{Grant, not_my_domain, refusal};
use crate::error::{Code, Error, Result};
use crate::http::{Remote, unreachable};
use crate::login_host::LoginHost;
use crate::secret::{AccessToken, AuthCode, ClientSecret, Password, RefreshToken, SecurityToken};
use serde::Deserialize;

/// What a successful token request returns.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TokenSet {
    /// Bearer token for API calls.
    pub access_token: AccessToken,
    /// Present for the authorization-code grant with the `refresh_token` scope.
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
    /// Where the org's APIs live.
    pub instance_url: String,
    /// Granted scopes.
    #[serde(default)]
    pub scope: Option<String>,
}

/// Exchanges the browser's code for tokens.
pub(crate) async fn exchange_code(
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
pub(crate) async fn client_credentials(
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
pub(crate) async fn password(
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
pub(crate) async fn refresh(
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
    let body = crate::http::body(response, Remote::Salesforce, host.origin()).await?;
    if status.is_success() {
        let tokens = serde_json::from_slice(&body)
            .map_err(|_| unexpected(status.as_u16(), format!("HTTP {}", status.as_u16())))?;
        return check_instance_url(host, tokens);
    }
    if status.is_redirection() {
        return Err(Error::Salesforce {
            code: Code::SalesforceRedirected,
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

/// The access token is sent on to the answer's instance URL: only to a Salesforce origin over
/// https (loopback only for loopback sign-ins: the simulators), kept as that origin.
fn check_instance_url(host: &LoginHost, mut tokens: TokenSet) -> Result<TokenSet> {
    tokens.instance_url = host.instance_origin(&tokens.instance_url)?;
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
            Code::SalesforceUnavailable
        } else {
            Code::SalesforceError
        },
        message: message.into(),
        detail,
    }
}

#[cfg(test)]
#[path = "tests/token.rs"]
mod tests;
