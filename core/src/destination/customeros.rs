//! The CustomerOS settings API: hand the credentials over and confirm Salesforce is ACTIVE.

use super::{DeliveryState, SalesforceCredentials};
use crate::error::{Code, Error, Field, Result};
use crate::http::{Remote, unreachable};
use crate::secret::ApiKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod address;
pub use address::{check_url, host_of, is_familiar_host};

/// Which header carries the API key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ApiKeyHeader {
    /// `X-CUSTOMER-OS-API-KEY` (tenant key; the default).
    #[default]
    Tenant,
    /// `X-Openline-API-KEY` (app key).
    App,
}

impl ApiKeyHeader {
    fn name(self) -> &'static str {
        match self {
            ApiKeyHeader::Tenant => "X-CUSTOMER-OS-API-KEY",
            ApiKeyHeader::App => "X-Openline-API-KEY",
        }
    }
}

/// A CustomerOS deployment and the user acting on it.
#[derive(Debug, Clone)]
pub struct CustomerOs {
    base: String,
    username: String,
    api_key: ApiKey,
    header: ApiKeyHeader,
}

/// The state CustomerOS reports for one integration.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct IntegrationState {
    /// `ACTIVE` when connected.
    #[serde(default)]
    pub state: String,
}

/// Integrations by name, as `/integrations` returns them.
pub type Integrations = BTreeMap<String, IntegrationState>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SalesforceBody<'a> {
    client_id: &'a str,
    client_secret: &'a str,
    refresh_token: &'a str,
}

impl CustomerOs {
    /// Validates the inputs.
    pub fn new(base: &str, username: &str, api_key: ApiKey, header: ApiKeyHeader) -> Result<Self> {
        let base = check_url(base)?;
        let username = super::check_email(username)?;
        if api_key.is_empty() {
            return Err(Error::input(
                Field::ApiKey,
                "Enter your CustomerOS API key.",
            ));
        }
        // It travels in an HTTP header: anything but visible ASCII is a mis-paste (a quote, a
        // space, an accented letter), which reqwest would otherwise refuse as a failed request.
        if !api_key.expose().bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::input(
                Field::ApiKey,
                "That isn't a whole CustomerOS API key: it has a space, a quote or a letter an API \
                 key never has. Copy it again from CustomerOS and paste only the key.",
            ));
        }
        Ok(Self {
            base,
            username,
            api_key,
            header,
        })
    }

    /// The base URL.
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The user email.
    #[must_use]
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The API key.
    #[must_use]
    pub fn api_key(&self) -> &ApiKey {
        &self.api_key
    }

    /// The header the key goes in.
    #[must_use]
    pub fn header(&self) -> ApiKeyHeader {
        self.header
    }

    fn request(
        &self,
        http: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        http.request(method, format!("{}{path}", self.base))
            // An email with non-ASCII letters goes as its UTF-8 bytes, which HTTP allows and
            // CustomerOS's Go server reads back as the same string (a `&str` would be refused).
            .header("X-Openline-USERNAME", self.username.as_bytes())
            .header(self.header.name(), self.api_key.expose())
            .header(reqwest::header::ACCEPT, "application/json")
    }

    /// `POST /integration`, then `GET /integrations` must show Salesforce ACTIVE.
    pub async fn hand_off(
        &self,
        http: &reqwest::Client,
        credentials: &SalesforceCredentials,
    ) -> Result<DeliveryState> {
        let body = serde_json::json!({
            "salesforce": SalesforceBody {
                client_id: &credentials.client_id,
                client_secret: credentials.client_secret.expose(),
                refresh_token: credentials.refresh_token.expose(),
            }
        });
        let response = self
            .request(http, reqwest::Method::POST, "/integration")
            .json(&body)
            .send()
            .await
            .map_err(|e| unreachable(Remote::CustomerOs, &self.base, &e))?;
        // The API's own answers say which CustomerOS this is: no integration routes, or a 200
        // that doesn't take Salesforce, is one that connects Salesforce itself (its cloud).
        if matches!(response.status().as_u16(), 404 | 405) {
            return Err(connects_itself(&format!(
                "HTTP {} on POST /integration",
                response.status().as_u16()
            )));
        }
        self.read(response).await?;
        match self.salesforce_state(http).await?.as_deref() {
            Some("ACTIVE") => Ok(DeliveryState::Active),
            None => Err(connects_itself(
                "POST /integration: 200, no salesforce in GET /integrations",
            )),
            Some(other) => Err(not_active_after_hand_off(other)),
        }
    }

    /// The Salesforce integration's state, if any.
    pub async fn salesforce_state(&self, http: &reqwest::Client) -> Result<Option<String>> {
        let response = self
            .request(http, reqwest::Method::GET, "/integrations")
            .send()
            .await
            .map_err(|e| unreachable(Remote::CustomerOs, &self.base, &e))?;
        let body = self.read(response).await?;
        let map: Integrations = serde_json::from_slice(&body).map_err(|_| unexpected(200, ""))?;
        Ok(map.get("salesforce").map(|s| s.state.clone()))
    }

    /// `DELETE /integration/salesforce`.
    pub async fn remove(&self, http: &reqwest::Client) -> Result<()> {
        let response = self
            .request(http, reqwest::Method::DELETE, "/integration/salesforce")
            .send()
            .await
            .map_err(|e| unreachable(Remote::CustomerOs, &self.base, &e))?;
        self.read(response).await.map(drop)
    }

    async fn read(&self, response: reqwest::Response) -> Result<Vec<u8>> {
        let status = response.status().as_u16();
        let body = crate::http::body(response, Remote::CustomerOs, &self.base).await?;
        match status {
            200..=299 => Ok(body),
            401 | 403 => Err(self.rejected(status, &body)),
            _ => Err(unexpected(status, &String::from_utf8_lossy(&body))),
        }
    }

    fn rejected(&self, status: u16, body: &[u8]) -> Error {
        // `{"errors":[{"message": …}]}`, where one upstream answer spells the key
        // `message` + U+201D: take the first text of the first error, whatever its key.
        let said = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| {
                v.get("errors")?
                    .get(0)?
                    .as_object()?
                    .values()
                    .find_map(|m| m.as_str().map(str::to_owned))
            })
            .unwrap_or_default();
        let (code, message) = match said.to_ascii_lowercase().as_str() {
            "missing username header" | "user has no associated tenant" => (
                Code::CustomerosUnknownUser,
                format!(
                    "CustomerOS doesn't know the user {}. Enter the email you sign in to CustomerOS with.",
                    self.username
                ),
            ),
            "api key is required" => (Code::CustomerosApiKeyMissing, "Enter your CustomerOS API key.".into()),
            _ => (
                Code::CustomerosApiKeyInvalid,
                "CustomerOS didn't accept this API key. Copy it again from CustomerOS Settings (or \
                 ask your CustomerOS admin for one), then retry."
                    .into(),
            ),
        };
        Error::Destination {
            code,
            message,
            detail: format!("HTTP {status}: {said}"),
        }
    }
}

/// This CustomerOS doesn't take Salesforce by API: CustomerOS's cloud connects Salesforce with
/// its own one-click sign-in in its settings (its docs), and its web app has had no Settings →
/// Integrations page since Feb 2025. The settings-api hand-off is self-hosted CustomerOS's.
fn connects_itself(detail: &str) -> Error {
    Error::Destination {
        code: Code::CustomerosConnectsItself,
        message: "This CustomerOS connects Salesforce from its own settings: open CustomerOS and \
                  connect Salesforce there (it signs in to Salesforce itself). You don't need the \
                  app made here for it, and nothing was connected by sfconnect. The sign-in \
                  sfconnect made isn't needed either: Disconnect revokes it."
            .into(),
        detail: detail.to_owned(),
    }
}

/// A self-hosted CustomerOS took the values but lists Salesforce in another state.
fn not_active_after_hand_off(state: &str) -> Error {
    Error::Destination {
        code: Code::CustomerosNotActive,
        message: format!(
            "CustomerOS took the values but shows Salesforce as {state}, not ACTIVE. Check the \
             Salesforce integration in CustomerOS, then connect again; your Salesforce sign-in \
             is kept."
        ),
        detail: format!("GET /integrations: salesforce is {state}"),
    }
}

fn unexpected(status: u16, body: &str) -> Error {
    let said: String = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
        .unwrap_or_default();
    Error::Destination {
        code: if status >= 500 {
            Code::CustomerosUnavailable
        } else {
            Code::CustomerosError
        },
        message: "CustomerOS couldn't save the connection right now. Retry in a minute.".into(),
        detail: if said.is_empty() {
            format!("HTTP {status}")
        } else {
            format!("HTTP {status}: {said}")
        },
    }
}

#[cfg(test)]
#[path = "tests/customeros.rs"]
mod tests;
