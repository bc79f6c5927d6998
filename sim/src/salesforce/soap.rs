//! SOAP `login()` on the partner API: gone from v65.0, off when the switch says so.

use super::{Ctx, random};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use quick_xml::events::Event;

fn fault(code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope \
         xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\">\
         <soapenv:Body><soapenv:Fault><faultcode>sf:{code}</faultcode><faultstring>{code}: {message}</faultstring>\
         </soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
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

/// `POST /services/Soap/u/{version}`.
pub(super) async fn login(
    State(ctx): State<Ctx>,
    Path(version): Path<String>,
    body: String,
) -> Response {
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
    let (Some(username), Some(password)) = (element(&body, "username"), element(&body, "password"))
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
    let session_id = format!("{}!AQ{}", crate::creds::ORG_ID, random(48));
    let session = super::Session {
        client_id: String::new(),
        username: user.username.clone(),
    };
    org.access_tokens
        .insert(session_id.clone(), (session, None));
    org.issued.push(session_id.clone());
    drop(org);
    let my_domain = &ctx.shared.my_domain_url;
    let org_id = crate::creds::ORG_ID;
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" \
         xmlns=\"urn:partner.soap.sforce.com\"><soapenv:Body><loginResponse><result>\
         <metadataServerUrl>{my_domain}/services/Soap/m/{version}/{org_id}</metadataServerUrl>\
         <passwordExpired>false</passwordExpired><sandbox>false</sandbox>\
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
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}
