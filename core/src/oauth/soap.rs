//! SOAP `login()` with username + password + security token (no app needed).
//!
//! Salesforce removed `login()` from API v65.0 and retires it for every version in Summer '27
//! (the dates are in `crate::dated`); it is off by default in new orgs. We call v64.0, the
//! last version that has it.

use super::refusal::fault_error;
use crate::dated::{Change, Day};
use crate::error::{Code, Error, Result};
use crate::http::{Remote, unreachable};
use crate::login_host::LoginHost;
use crate::secret::{AccessToken, Password, SecurityToken};
use quick_xml::escape::escape;
use quick_xml::events::Event;

/// The API version used for SOAP `login()`.
pub(crate) const SOAP_API_VERSION: &str = "64.0";

/// What Salesforce says about this method on `today`, shown whenever it is chosen.
pub(crate) fn retirement_notice(today: Day) -> String {
    format!(
        "Salesforce is retiring sign-in with username, password and security token. {} {} {} \
         Use it only if your org still allows it; client credentials keep working.",
        Change::SoapLoginEnds.says(today),
        Change::UseAnyApiAuthEverywhere.says(today),
        Change::PasswordFlowEnds.says(today),
    )
}

/// A successful SOAP login.
#[derive(Debug, Clone)]
pub(crate) struct SoapSession {
    /// The session id, used as a bearer token.
    pub session_id: AccessToken,
    /// The org's origin (from `serverUrl`).
    pub instance_url: String,
    /// 18-character org id.
    pub org_id: String,
    /// The user's username.
    pub username: String,
    /// The user's full name.
    pub full_name: String,
    /// The org's name.
    pub org_name: Option<String>,
}

/// Calls `login()` at `{host}/services/Soap/u/64.0`.
pub(crate) async fn login(
    http: &reqwest::Client,
    host: &LoginHost,
    username: &str,
    password: &Password,
    token: &SecurityToken,
) -> Result<SoapSession> {
    let joined = Password::new(format!("{}{}", password.expose(), token.expose()));
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <env:Envelope xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">\
         <env:Body><n1:login xmlns:n1=\"urn:partner.soap.sforce.com\">\
         <n1:username>{}</n1:username><n1:password>{}</n1:password>\
         </n1:login></env:Body></env:Envelope>",
        escape(username),
        escape(joined.expose()),
    );
    let response = http
        .post(host.endpoint(&format!("/services/Soap/u/{SOAP_API_VERSION}")))
        .header(reqwest::header::CONTENT_TYPE, "text/xml; charset=UTF-8")
        .header("SOAPAction", "login")
        .body(body)
        .send()
        .await
        .map_err(|e| unreachable(Remote::Salesforce, host.origin(), &e))?;
    let status = response.status();
    let text = String::from_utf8_lossy(
        &crate::http::body(response, Remote::Salesforce, host.origin()).await?,
    )
    .into_owned();
    if let Some(fault) = element_text(&text, "faultcode") {
        // The fault's `<detail>` names the exact code even when `faultcode` is generic.
        let code = element_text(&text, "exceptionCode").unwrap_or(fault);
        let message = element_text(&text, "faultstring").unwrap_or_default();
        return Err(fault_error(&code, &message));
    }
    if !status.is_success() {
        return Err(Error::Salesforce {
            code: if status.is_server_error() {
                Code::SalesforceUnavailable
            } else {
                Code::SalesforceError
            },
            message: "Salesforce didn't accept the sign-in request. Check the login address and \
                      try again."
                .into(),
            detail: format!("HTTP {}", status.as_u16()),
        });
    }
    let field = |name: &str| element_text(&text, name).unwrap_or_default();
    // An expired password doesn't fault: login() succeeds with a session good only for
    // setPassword() (SOAP API guide, LoginResult), which every later call would refuse.
    if field("passwordExpired").trim() == "true" {
        return Err(fault_error(
            "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
            "loginResponse: passwordExpired=true",
        ));
    }
    let server_url = field("serverUrl");
    // serverUrl is `https://INSTANCE/services/Soap/u/64.0/ORGID`: keep only a checked origin.
    let server_origin = url::Url::parse(&server_url)
        .map(|u| u.origin().ascii_serialization())
        .map_err(|_| Error::Salesforce {
            code: Code::SalesforceError,
            message: "Salesforce's answer was incomplete. Try again.".into(),
            detail: "no serverUrl in loginResponse".into(),
        })?;
    let instance_url = host.instance_origin(&server_origin)?;
    Ok(SoapSession {
        session_id: AccessToken::new(field("sessionId")),
        instance_url,
        org_id: field("organizationId"),
        username: field("userName"),
        full_name: field("userFullName"),
        org_name: Some(field("organizationName")).filter(|n| !n.is_empty()),
    })
}

/// The text of the first element with this local name (entities resolved).
fn element_text(xml: &str, local_name: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text: Option<String> = None;
    loop {
        match (reader.read_event(), text.as_mut()) {
            (Ok(Event::Start(start)), None) if start.local_name().as_ref() == local_name => {
                text = Some(String::new());
            }
            (Ok(Event::Text(part)), Some(text)) => text.push_str(&part.xml10_content()),
            (Ok(Event::GeneralRef(entity)), Some(text)) => {
                let escaped = format!("&{};", entity.xml10_content());
                text.push_str(&quick_xml::escape::unescape(&escaped).unwrap_or_default());
            }
            (Ok(Event::End(_)), Some(_)) => return text,
            (Ok(Event::Eof) | Err(_), _) => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "tests/soap.rs"]
mod tests;
