//! Revoking a refresh token, and saying so only when the server confirmed it.
//!
//! Salesforce documents a bare `POST /services/oauth2/revoke` with `token=…`. Servers that
//! follow RFC 7009 to the letter require client authentication and answer `invalid_client` or
//! `invalid_request` (or 401) without it: then we ask again, authenticated the way our token
//! requests are (`client_id` and `client_secret` in the form). Only a 200, or `invalid_token`
//! (the token was already dead), counts as revoked.

use crate::error::{Code, Error, Result};
use crate::http::{Remote, unreachable};
use crate::login_host::LoginHost;
use crate::secret::{ClientSecret, RefreshToken};
use serde::Deserialize;

/// How a revocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Revoked {
    /// The server revoked it now.
    Now,
    /// The server says the token was already invalid.
    AlreadyDead,
}

/// What one revoke request was answered.
enum Answer {
    Revoked(Revoked),
    /// The server wants the client to authenticate.
    NeedsClient(String),
    /// Anything else: nothing was revoked.
    Refused(String),
}

/// The app a revocation may authenticate as.
pub(crate) struct Client<'a> {
    /// Consumer Key.
    pub(crate) id: &'a str,
    /// Consumer Secret, when kept.
    pub(crate) secret: Option<&'a ClientSecret>,
}

/// Revokes `token` at `host` (the host that issued it).
pub(crate) async fn revoke(
    http: &reqwest::Client,
    host: &LoginHost,
    token: &RefreshToken,
    client: &Client<'_>,
) -> Result<Revoked> {
    let detail = match ask(http, host, token, None).await? {
        Answer::Revoked(revoked) => return Ok(revoked),
        Answer::NeedsClient(detail) => detail,
        Answer::Refused(detail) => return Err(not_revoked(detail)),
    };
    let Some(secret) = client.secret else {
        return Err(not_revoked(detail));
    };
    tracing::debug!("revoke asked for client authentication; asking again with it");
    match ask(http, host, token, Some((client.id, secret))).await? {
        Answer::Revoked(revoked) => Ok(revoked),
        Answer::NeedsClient(detail) | Answer::Refused(detail) => Err(not_revoked(detail)),
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

async fn ask(
    http: &reqwest::Client,
    host: &LoginHost,
    token: &RefreshToken,
    client: Option<(&str, &ClientSecret)>,
) -> Result<Answer> {
    let mut form = vec![
        ("token", token.expose()),
        ("token_type_hint", "refresh_token"),
    ];
    if let Some((id, secret)) = client {
        form.push(("client_id", id));
        form.push(("client_secret", secret.expose()));
    }
    let response = http
        .post(host.endpoint("/services/oauth2/revoke"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&form)
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, host.origin(), &e))?;
    let status = response.status().as_u16();
    if status == 200 {
        return Ok(Answer::Revoked(Revoked::Now));
    }
    let body = crate::http::body(response, Remote::Salesforce, host.origin()).await?;
    let said = serde_json::from_slice::<ErrorBody>(&body).unwrap_or(ErrorBody {
        error: String::new(),
        error_description: String::new(),
    });
    let detail = match (said.error.is_empty(), said.error_description.is_empty()) {
        (true, _) => format!("HTTP {status}"),
        (false, true) => format!("HTTP {status}: {}", said.error),
        (false, false) => format!("HTTP {status}: {}: {}", said.error, said.error_description),
    };
    Ok(match (status, said.error.as_str()) {
        (400 | 401, "invalid_token") => Answer::Revoked(Revoked::AlreadyDead),
        (400 | 401, "invalid_client" | "invalid_request" | "unauthorized_client") | (401, _) => {
            Answer::NeedsClient(detail)
        }
        _ => Answer::Refused(detail),
    })
}

fn not_revoked(detail: String) -> Error {
    Error::Salesforce {
        code: Code::RevokeFailed,
        message: "Salesforce didn't confirm that sfconnect's access was revoked, so it may still \
                  work. Nothing was forgotten on this computer: try Disconnect again, or revoke \
                  the access yourself in Salesforce (Setup → Connected Apps OAuth Usage or External \
                  Client App OAuth Usage, or your own Settings → Connected Apps)."
            .into(),
        detail,
    }
}

#[cfg(test)]
#[path = "tests/revoke.rs"]
mod tests;
