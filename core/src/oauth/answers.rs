//! What the loopback listener answers: the pages the browser shows, 421 to any `Host` but our
//! own (a DNS-rebound page names its own host), and 404/405 for everything else. Pure functions
//! over hyper types.
//!
//! There is no Private-Network-Access preflight answer: Salesforce sends the browser here with a
//! top-level redirect, which browsers never preflight, so an opt-in would only ever be used by
//! other web pages' scripts.

use super::authorize::CALLBACK_PATH;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

/// Answers one request to the listener on `port`; `callback` answers `GET /callback` with its
/// query string.
pub(super) fn route<B>(
    request: &Request<B>,
    port: u16,
    callback: impl FnOnce(&str) -> Response<Full<Bytes>>,
) -> Response<Full<Bytes>> {
    if !is_our_host(request, port) {
        return empty(StatusCode::MISDIRECTED_REQUEST);
    }
    let path = request.uri().path();
    match (request.method(), path) {
        (&Method::GET, CALLBACK_PATH) => callback(request.uri().query().unwrap_or("")),
        (&Method::GET | &Method::HEAD, "/done") => page(
            StatusCode::OK,
            // Shown before sfconnect has exchanged the code: it must not claim success yet.
            "Approved",
            "You approved sfconnect in Salesforce. Return to sfconnect to finish: it shows whether \
             the connection worked. You can close this tab.",
        ),
        (&Method::GET | &Method::HEAD, _) => empty(StatusCode::NOT_FOUND),
        _ => {
            let mut response = empty(StatusCode::METHOD_NOT_ALLOWED);
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET"));
            response
        }
    }
}

/// `Host` is `localhost`, `127.0.0.1` or `[::1]` with our port, exactly once.
fn is_our_host<B>(request: &Request<B>, port: u16) -> bool {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

pub(super) fn empty(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(super) fn page(status: StatusCode, title: &str, text: &str) -> Response<Full<Bytes>> {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>sfconnect — {title}</title>\
         <meta name=\"viewport\" content=\"width=device-width\"><style>body{{font:16px/1.5 system-ui,sans-serif;\
         max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1b1b1f;background:#fafafa}}\
         @media(prefers-color-scheme:dark){{body{{color:#eee;background:#1b1b1f}}}}h1{{font-size:1.4rem}}</style>\
         </head><body><h1>{title}</h1><p>{}</p></body></html>",
        escape_html(text)
    );
    let mut response = Response::new(Full::new(Bytes::from(html)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    response
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
#[path = "tests/answers.rs"]
mod tests;
