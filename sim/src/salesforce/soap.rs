//! The partner SOAP API: `login()` (gone from v65.0, off when the switch says so) and `logout()`.
//! Faults are shaped like Salesforce's: `faultcode` `sf:CODE`, `faultstring` `CODE: message`
//! and a `<detail>` holding `sf:exceptionCode` / `sf:exceptionMessage` (what simple-salesforce
//! reads), inside `sf:LoginFault` for login failures and `sf:UnexpectedErrorFault` otherwise.

use super::{Ctx, random};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use quick_xml::events::Event;

/// Codes Salesforce reports as a `LoginFault` (the rest are `UnexpectedErrorFault`s).
const LOGIN_FAULTS: &[&str] = &[
    "INVALID_LOGIN",
    "LOGIN_MUST_USE_SECURITY_TOKEN",
    "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
];

fn fault(code: &str, message: &str) -> Response {
    let kind = if LOGIN_FAULTS.contains(&code) {
        "LoginFault"
    } else {
        "UnexpectedErrorFault"
    };
    let message = escape(message);
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope \
         xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns:sf=\"urn:fault.partner.soap.sforce.com\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <soapenv:Body><soapenv:Fault><faultcode>sf:{code}</faultcode>\
         <faultstring>{code}: {message}</faultstring><detail>\
         <sf:{kind} xsi:type=\"sf:{kind}\"><sf:exceptionCode>{code}</sf:exceptionCode>\
         <sf:exceptionMessage>{message}</sf:exceptionMessage></sf:{kind}></detail>\
         </soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    );
    soap_answer(StatusCode::INTERNAL_SERVER_ERROR, body)
}

/// A client-side fault (`soapenv:Client`), as for an operation the API doesn't have.
fn client_fault(message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope \
         xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\
         <soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode>\
         <faultstring>{}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>",
        escape(message)
    );
    soap_answer(StatusCode::INTERNAL_SERVER_ERROR, body)
}

fn soap_answer(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The local name of the first element inside the SOAP `Body`: the operation called.
fn operation(xml: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_body = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                let local = start.local_name();
                let name: &str = local.as_ref();
                let name = name.to_owned();
                if in_body {
                    return Some(name);
                }
                in_body = name == "Body";
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn element(xml: &str, name: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut text: Option<String> = None;
    loop {
        match (reader.read_event(), text.as_mut()) {
            (Ok(Event::Start(start)), None) if start.local_name().as_ref() == name => {
                text = Some(String::new());
            }
            (Ok(Event::Text(t)), Some(text)) => text.push_str(&t.xml10_content()),
            (Ok(Event::GeneralRef(r)), Some(text)) => {
                text.push_str(
                    &quick_xml::escape::unescape(&format!("&{};", r.xml10_content()))
                        .unwrap_or_default(),
                );
            }
            (Ok(Event::End(_)), Some(_)) => return text,
            (Ok(Event::Eof) | Err(_), _) => return None,
            _ => {}
        }
    }
}

/// `POST /services/Soap/u/{version}` (and `…/{org_id}`, where `serverUrl` points).
pub(super) async fn call(
    State(ctx): State<Ctx>,
    Path(path): Path<Vec<(String, String)>>,
    body: String,
) -> Response {
    let version = path
        .iter()
        .find(|(name, _)| name == "version")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    match operation(&body).as_deref() {
        Some("login") => login(&ctx, &version, &body),
        Some("logout") => logout(&ctx, &body),
        Some(other) => client_fault(&format!(
            "No operation available for request {{urn:partner.soap.sforce.com}}{other}"
        )),
        None => client_fault("Unable to parse the SOAP envelope"),
    }
}

/// `logout()`: ends the session named in the `SessionHeader`.
fn logout(ctx: &Ctx, body: &str) -> Response {
    let session = element(body, "sessionId").unwrap_or_default();
    if ctx.org().access_tokens.remove(&session).is_none() {
        return fault(
            "INVALID_SESSION_ID",
            "Invalid Session ID found in SessionHeader: Illegal Session",
        );
    }
    soap_answer(
        StatusCode::OK,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope \
         xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\">\
         <soapenv:Body><logoutResponse/></soapenv:Body></soapenv:Envelope>"
            .to_owned(),
    )
}

fn login(ctx: &Ctx, version: &str, body: &str) -> Response {
    let major: f32 = version.parse().unwrap_or(0.0);
    if major >= 65.0 {
        return fault(
            "UNSUPPORTED_API_VERSION",
            "login() is not available in API version 65.0 and later",
        );
    }
    if !ctx.org().switches.soap_login {
        return fault(
            "INVALID_OPERATION",
            "SOAP API login() is disabled by default in this org.",
        );
    }
    let (Some(username), Some(password)) = (element(body, "username"), element(body, "password"))
    else {
        return fault(
            "INVALID_LOGIN",
            "Invalid username, password, security token; or user locked out.",
        );
    };
    let mut org = ctx.org();
    let Some(user) = org
        .users
        .iter()
        .find(|u| {
            u.username == username && format!("{}{}", u.password, u.security_token) == password
        })
        .cloned()
    else {
        return fault(
            "INVALID_LOGIN",
            "Invalid username, password, security token; or user locked out.",
        );
    };
    if let Some(code) = org.switches.data_api_error.as_deref() {
        match code {
            "API_DISABLED_FOR_ORG" => {
                return fault(code, "API is not enabled for this Organization or Partner");
            }
            "API_CURRENTLY_DISABLED" => return fault(code, "API is disabled for this User"),
            _ => {}
        }
    }
    if org.switches.soap_needs_use_any_api_auth {
        return fault(
            "INSUFFICIENT_ACCESS",
            "user does not have the Use Any API Auth permission",
        );
    }
    let session_id = format!("{}!AQ{}", crate::creds::ORG_ID, random(48));
    let session = super::Session {
        client_id: String::new(),
        username: user.username.clone(),
    };
    org.access_tokens
        .insert(session_id.clone(), (session, None));
    org.issued.push(session_id.clone());
    let my_domain = &org
        .switches
        .instance_url_override
        .clone()
        .unwrap_or_else(|| ctx.shared.my_domain_url.clone());
    let expired = org.switches.password_expired;
    drop(org);
    let org_id = crate::creds::ORG_ID;
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns=\"urn:partner.soap.sforce.com\"><soapenv:Body><loginResponse><result>\
         <metadataServerUrl>{my_domain}/services/Soap/m/{version}/{org_id}</metadataServerUrl>\
         <passwordExpired>{expired}</passwordExpired><sandbox>false</sandbox>\
         <serverUrl>{my_domain}/services/Soap/u/{version}/{org_id}</serverUrl>\
         <sessionId>{session_id}</sessionId><userId>{}</userId><userInfo>\
         <organizationId>{org_id}</organizationId><organizationName>Acme Demo</organizationName>\
         <userEmail>{}</userEmail><userFullName>{}</userFullName><userName>{}</userName>\
         </userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>",
        user.user_id,
        escape(&user.email),
        escape(&user.name),
        escape(&user.username),
    );
    soap_answer(StatusCode::OK, body)
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}
