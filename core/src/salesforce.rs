//! After sign-in: who is this, and what will sync.

use crate::error::{Code, Error, Result};
use crate::http::{Remote, unreachable};
use crate::secret::AccessToken;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The REST API version used for queries.
pub const REST_API_VERSION: &str = "v64.0";

/// The objects CustomerOS syncs, in the order we show them.
pub const SYNCED_OBJECTS: [&str; 4] = ["Account", "Contact", "Opportunity", "Lead"];

/// The kind of app the admin made in Salesforce Setup for this connection. It decides how long
/// an unknown Consumer Key may be waited for: a new or edited Connected App takes up to ~10
/// minutes before sign-ins work, an External Client App's changes apply at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AppKind {
    /// An External Client App (the recommended kind).
    ExternalClientApp,
    /// A Connected App (older orgs, or one made with the old guide).
    ConnectedApp,
}

/// Who signed in, from `/services/oauth2/userinfo`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct Identity {
    /// 18-character org id.
    pub org_id: String,
    /// The user's username.
    pub username: String,
    /// The user's display name.
    pub name: String,
    /// The user's email.
    #[serde(default)]
    pub email: String,
    /// The org's name (Setup → Company Information), when this user may read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_name: Option<String>,
}

/// Record counts per object; `None` when this user cannot see the object.
pub type Counts = BTreeMap<String, Option<u64>>;

#[derive(Deserialize)]
struct UserInfo {
    organization_id: String,
    #[serde(default)]
    preferred_username: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
struct QueryResult {
    #[serde(rename = "totalSize")]
    total_size: u64,
}

/// Reads the signed-in user's identity, and the org's name alongside.
pub async fn identity(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
) -> Result<Identity> {
    let (identity, org_name) = tokio::join!(
        user_info(http, instance_url, token),
        org_name(http, instance_url, token)
    );
    let mut identity = identity?;
    identity.org_name = org_name;
    Ok(identity)
}

/// The org's name, best effort: it is only shown, so any problem means "not shown".
async fn org_name(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
) -> Option<String> {
    #[derive(Deserialize)]
    struct Organization {
        #[serde(rename = "Name")]
        name: String,
    }
    #[derive(Deserialize)]
    struct Records {
        records: Vec<Organization>,
    }
    let response = http
        .get(format!(
            "{instance_url}/services/data/{REST_API_VERSION}/query"
        ))
        .query(&[("q", "SELECT Name FROM Organization")])
        .bearer_auth(token.expose())
        .send()
        .await
        .ok()?;
    if !response.status().is_success() {
        return None;
    }
    let body = crate::http::body(response, Remote::Salesforce, instance_url)
        .await
        .ok()?;
    let records: Records = serde_json::from_slice(&body).ok()?;
    records
        .records
        .into_iter()
        .next()
        .map(|org| org.name)
        .filter(|name| !name.trim().is_empty())
}

async fn user_info(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
) -> Result<Identity> {
    let response = http
        .get(format!("{instance_url}/services/oauth2/userinfo"))
        .bearer_auth(token.expose())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, instance_url, &e))?;
    let status = response.status().as_u16();
    if matches!(status, 401 | 403) {
        return Err(session_rejected(status));
    }
    if !response.status().is_success() {
        return Err(api_failure(status));
    }
    let body = crate::http::body(response, Remote::Salesforce, instance_url).await?;
    let info: UserInfo = serde_json::from_slice(&body).map_err(|_| api_failure(status))?;
    Ok(Identity {
        org_id: info.organization_id,
        username: info.preferred_username,
        name: info.name,
        email: info.email,
        org_name: None,
    })
}

/// Counts the records of each synced object, all at once.
pub async fn counts(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
) -> Result<Counts> {
    let [a, b, c, d] = SYNCED_OBJECTS;
    let (a_n, b_n, c_n, d_n) = tokio::join!(
        count(http, instance_url, token, a),
        count(http, instance_url, token, b),
        count(http, instance_url, token, c),
        count(http, instance_url, token, d),
    );
    Ok(BTreeMap::from([
        (a.to_owned(), a_n?),
        (b.to_owned(), b_n?),
        (c.to_owned(), c_n?),
        (d.to_owned(), d_n?),
    ]))
}

async fn count(
    http: &reqwest::Client,
    instance_url: &str,
    token: &AccessToken,
    object: &str,
) -> Result<Option<u64>> {
    let response = http
        .get(format!(
            "{instance_url}/services/data/{REST_API_VERSION}/query"
        ))
        .query(&[("q", format!("SELECT COUNT() FROM {object}"))])
        .bearer_auth(token.expose())
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, instance_url, &e))?;
    let status = response.status().as_u16();
    match status {
        200 => {
            let body = crate::http::body(response, Remote::Salesforce, instance_url).await?;
            let result: QueryResult =
                serde_json::from_slice(&body).map_err(|_| api_failure(status))?;
            Ok(Some(result.total_size))
        }
        401 => Err(session_rejected(status)),
        _ => {
            let body = crate::http::body(response, Remote::Salesforce, instance_url)
                .await
                .unwrap_or_default();
            rest_refusal(status, &body)
        }
    }
}

/// A REST error: `[{"errorCode", "message"}]`. An object this user can't see counts as
/// `None`; everything else is an error that says what to do.
fn rest_refusal(status: u16, body: &[u8]) -> Result<Option<u64>> {
    #[derive(Deserialize)]
    struct RestError {
        #[serde(rename = "errorCode", default)]
        error_code: String,
        #[serde(default)]
        message: String,
    }
    let said = serde_json::from_slice::<Vec<RestError>>(body)
        .ok()
        .and_then(|errors| errors.into_iter().next());
    let (code, message) = said
        .as_ref()
        .map_or(("", ""), |e| (e.error_code.as_str(), e.message.as_str()));
    let detail = format!("HTTP {status}: {code} {message}")
        .trim_end()
        .to_owned();
    let refused = |code: Code, message: &str| {
        Err(Error::Salesforce {
            code,
            message: message.into(),
            detail: detail.clone(),
        })
    };
    match code {
        // Not visible to this user (e.g. Platform licences have no Leads or Opportunities).
        "INVALID_TYPE" | "INSUFFICIENT_ACCESS" | "NOT_FOUND" => Ok(None),
        "REQUEST_LIMIT_EXCEEDED" => refused(
            Code::ApiLimitReached,
            "Salesforce refused more API requests: the org has used up its daily API requests \
             (they free up over 24 hours; Setup → Company Information shows the count), or it \
             has more than 25 long-running requests at once. Try again later.",
        ),
        "API_DISABLED_FOR_ORG" => refused(
            Code::ApiDisabledForOrg,
            "This org's Salesforce edition doesn't include API access (Professional Edition \
             needs the API add-on), so nothing can sync from it.",
        ),
        "API_CURRENTLY_DISABLED" => refused(
            Code::ApiDisabled,
            "API access is turned off for this user. Ask your Salesforce admin for the API \
             Enabled permission, then sign in again.",
        ),
        _ if status == 400 || status == 404 => Ok(None),
        _ => Err(api_failure(status)),
    }
}

fn session_rejected(status: u16) -> Error {
    Error::Salesforce {
        code: Code::SessionRejected,
        message: "Salesforce didn't accept the new sign-in for reading data. Check that the app's \
                  scopes include Manage user data via APIs (api) and that your user has API \
                  Enabled, then sign in again."
            .into(),
        detail: format!("HTTP {status}"),
    }
}

fn api_failure(status: u16) -> Error {
    Error::Salesforce {
        code: if status >= 500 {
            Code::SalesforceUnavailable
        } else {
            Code::SalesforceError
        },
        message: "Salesforce couldn't answer right now. Wait a minute and try again; nothing was \
                  lost."
            .into(),
        detail: format!("HTTP {status}"),
    }
}
