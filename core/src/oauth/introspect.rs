//! Asking Salesforce whether a refresh token is still active, without using it.
//!
//! Salesforce's token introspection endpoint (`POST {host}/services/oauth2/introspect`, RFC
//! 7662; Help "OpenID Connect Token Introspection") lets an app ask about its own access and
//! refresh tokens, authenticated with its Consumer Key and Secret. Unlike a refresh it changes
//! nothing: with Refresh Token Rotation on, a refresh would hand out a new token and kill the
//! copy a destination holds; an introspection does not.

use crate::error::{Code, Error, Result};
use crate::http::{Remote, unreachable};
use crate::login_host::LoginHost;
use crate::secret::{ClientSecret, RefreshToken};
use serde::Deserialize;

/// What Salesforce said about a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Introspection {
    /// Whether the token is active (issued there, not expired, not revoked, not rotated away).
    pub(crate) active: bool,
    /// The user the token belongs to, when the server says.
    pub(crate) username: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    active: bool,
    #[serde(default)]
    username: Option<String>,
}

/// Asks `host` (the host that issued `token`) whether `token` is active.
pub(crate) async fn introspect(
    http: &reqwest::Client,
    host: &LoginHost,
    token: &RefreshToken,
    client_id: &str,
    secret: &ClientSecret,
) -> Result<Introspection> {
    let form = [
        ("token", token.expose()),
        ("token_type_hint", "refresh_token"),
        ("client_id", client_id),
        ("client_secret", secret.expose()),
    ];
    let response = http
        .post(host.endpoint("/services/oauth2/introspect"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&form)
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, host.origin(), &e))?;
    let status = response.status().as_u16();
    let body = crate::http::body(response, Remote::Salesforce, host.origin()).await?;
    if status == 200 {
        let answer: Answer = serde_json::from_slice(&body).map_err(|_| unclear(status))?;
        return Ok(Introspection {
            active: answer.active,
            username: answer.username.filter(|u| !u.is_empty()),
        });
    }
    Err(refused(status, &body))
}

fn unclear(status: u16) -> Error {
    Error::Salesforce {
        code: Code::SalesforceError,
        message: "Salesforce answered the sign-in check in a way sfconnect doesn't understand, so \
                  it can't say whether the sign-in is active. Nothing was changed; try Check now \
                  again later."
            .into(),
        detail: format!("HTTP {status} from /services/oauth2/introspect"),
    }
}

fn refused(status: u16, body: &[u8]) -> Error {
    #[derive(Deserialize)]
    struct Refusal {
        #[serde(default)]
        error: String,
        #[serde(default)]
        error_description: String,
    }
    let said = serde_json::from_slice::<Refusal>(body).ok();
    let detail = match &said {
        Some(r) if !r.error.is_empty() => {
            format!(
                "HTTP {status} from /services/oauth2/introspect: {} {}",
                r.error, r.error_description
            )
        }
        _ => format!("HTTP {status} from /services/oauth2/introspect"),
    };
    if status >= 500 {
        return Error::Salesforce {
            code: Code::SalesforceUnavailable,
            message: "Salesforce is having trouble right now, so it couldn't say whether the \
                      sign-in is active. Wait a minute and check again; nothing was changed."
                .into(),
            detail,
        };
    }
    let client_refused = said
        .as_ref()
        .is_some_and(|r| r.error.starts_with("invalid_client"))
        || status == 401;
    Error::Salesforce {
        code: Code::SalesforceError,
        message: if client_refused {
            "Salesforce didn't accept the app's Consumer Key and Secret for checking the sign-in. \
             If the Consumer Secret was changed in Salesforce, enter the new one and sign in \
             again; nothing was changed."
        } else {
            "Salesforce wouldn't say whether the sign-in is active. Nothing was changed; try \
             again, and if it keeps happening contact support with the detail below."
        }
        .into(),
        detail: detail.trim_end().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_refused_client_says_which_secret_to_fix() {
        let error = refused(
            401,
            br#"{"error":"invalid_client","error_description":"bad"}"#,
        );
        assert!(error.to_string().contains("Consumer Secret"), "{error}");
        assert!(
            error
                .detail()
                .unwrap_or_default()
                .contains("invalid_client bad")
        );
    }

    #[test]
    fn a_server_error_changes_nothing_and_says_wait() {
        let error = refused(503, b"<html>down</html>");
        assert_eq!(error.code(), Code::SalesforceUnavailable);
        assert!(error.to_string().contains("Wait a minute"));
    }
}
