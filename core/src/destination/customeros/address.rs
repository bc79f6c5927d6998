//! A CustomerOS address as the admin types it: checked (https, or http on loopback), and
//! whether it is CustomerOS's own cloud.

use crate::error::{Error, Field, Result};
use url::{Host, Url};

/// CustomerOS's own cloud domains; a hand-off anywhere else is confirmed by the admin first.
const FAMILIAR_DOMAINS: [&str; 2] = ["customeros.ai", "openline.ai"];

/// Whether `base` (a checked base URL) is on CustomerOS's own cloud.
#[must_use]
pub fn is_familiar_host(base: &str) -> bool {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|host| {
            FAMILIAR_DOMAINS
                .iter()
                .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")))
        })
}

/// The host of a checked base URL, for messages.
#[must_use]
pub fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| base.to_owned())
}

/// Checks a CustomerOS base URL: https, or http on loopback; no query or fragment.
pub fn check_url(input: &str) -> Result<String> {
    let input = input.trim();
    let bad = |message: &str| Error::input(Field::CustomerOsUrl, message);
    if input.is_empty() {
        return Err(bad(
            "Enter your CustomerOS address, for example https://app.customeros.ai.",
        ));
    }
    // Forgiving like the org field: `app.customeros.ai` means https://app.customeros.ai.
    let with_scheme = if input.contains("://") {
        input.to_owned()
    } else {
        format!("https://{input}")
    };
    let url = Url::parse(&with_scheme).map_err(|_| {
        bad("That isn't a web address. Enter the full CustomerOS address, starting with https://.")
    })?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d == "localhost",
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(bad(
                "Use the https:// address of CustomerOS: the API key and Salesforce secrets must \
                 not travel unencrypted.",
            ));
        }
        _ => return Err(bad("Enter a web address starting with https://.")),
    }
    if url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err(bad(
            "Enter just the CustomerOS address, without anything after ? or #.",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "Remove the user name and password from the address; the API key is asked separately.",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}
