//! Turning whatever an admin pastes into the Salesforce origin to sign in at.

use crate::error::{Error, Field, Result};
use url::{Host, Url};

/// What kind of Salesforce login host this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HostKind {
    /// `login.salesforce.com`.
    Production,
    /// `test.salesforce.com`.
    Sandbox,
    /// `NAME.my.salesforce.com` and its variants other than sandboxes.
    MyDomain,
    /// `NAME--SBX.sandbox.my.salesforce.com`.
    SandboxMyDomain,
    /// A loopback host (simulators and tests).
    Loopback,
}

/// A normalised OAuth origin such as `https://acme.my.salesforce.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginHost {
    origin: String,
    kind: HostKind,
}

const NOT_SALESFORCE: &str = "That isn't a Salesforce address. Enter login.salesforce.com, \
    test.salesforce.com for a sandbox, or your org's address such as acme.my.salesforce.com \
    (copying the address from your Salesforce browser tab works too).";

impl LoginHost {
    /// Normalises user input: trims it, accepts bare names, Lightning and Setup URLs and full
    /// page URLs, and returns the origin to use for OAuth.
    pub fn parse(input: &str) -> Result<Self> {
        let trimmed =
            input.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'));
        if trimmed.is_empty() {
            return Err(Error::input(
                Field::LoginUrl,
                "Enter your Salesforce login address, for example login.salesforce.com or acme.my.salesforce.com.",
            ));
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(Error::input(
                Field::LoginUrl,
                "The address contains spaces. Copy just the address from your Salesforce browser tab.",
            ));
        }
        match trimmed.to_ascii_lowercase().as_str() {
            "production" | "login" => return Ok(Self::production()),
            "sandbox" | "test" => return Ok(Self::sandbox()),
            // Salesforce's own words, not an org's My Domain name (walkthrough 2, L2).
            word @ ("salesforce" | "www" | "my" | "force" | "lightning" | "setup" | "sfdc") => {
                return Err(Error::input(
                    Field::LoginUrl,
                    format!(
                        "“{word}” is a word of Salesforce's own, not your org's name. Type your \
                         company's My Domain name (the part before .my.salesforce.com, for example \
                         acme-corp), paste the address from your Salesforce tab, or choose \
                         Production or Sandbox."
                    ),
                ));
            }
            _ => {}
        }
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else if is_bare_name(trimmed) && !trimmed.eq_ignore_ascii_case("localhost") {
            format!("https://{trimmed}.my.salesforce.com")
        } else {
            format!("https://{trimmed}")
        };
        let url = Url::parse(&with_scheme)
            .map_err(|_| Error::input(Field::LoginUrl, NOT_SALESFORCE.to_owned()))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(Error::input(
                Field::LoginUrl,
                "Use a web address that starts with https://, for example https://login.salesforce.com.",
            ));
        }
        match url.host() {
            Some(Host::Ipv4(ip)) if ip.is_loopback() => Ok(Self::loopback(&url)),
            Some(Host::Ipv6(ip)) if ip.is_loopback() => Ok(Self::loopback(&url)),
            Some(Host::Domain(domain)) => {
                let domain = domain.trim_end_matches('.');
                if domain == "localhost" {
                    Ok(Self::loopback(&url))
                } else {
                    Self::salesforce(domain)
                }
            }
            _ => Err(Error::input(Field::LoginUrl, NOT_SALESFORCE)),
        }
    }

    /// `https://login.salesforce.com`.
    #[must_use]
    pub fn production() -> Self {
        Self {
            origin: "https://login.salesforce.com".into(),
            kind: HostKind::Production,
        }
    }

    /// `https://test.salesforce.com`.
    #[must_use]
    pub fn sandbox() -> Self {
        Self {
            origin: "https://test.salesforce.com".into(),
            kind: HostKind::Sandbox,
        }
    }

    fn loopback(url: &Url) -> Self {
        let mut origin = format!(
            "{}://{}",
            url.scheme(),
            url.host_str().unwrap_or("localhost")
        );
        if let Some(port) = url.port() {
            origin.push_str(&format!(":{port}"));
        }
        Self {
            origin,
            kind: HostKind::Loopback,
        }
    }

    fn salesforce(domain: &str) -> Result<Self> {
        if domain.split('.').any(|label| label.starts_with("xn--")) {
            return Err(Error::input(
                Field::LoginUrl,
                "The address contains look-alike letters that Salesforce never uses. Type it again \
                 with plain letters, or copy it from your Salesforce browser tab.",
            ));
        }
        match domain {
            "login.salesforce.com" => return Ok(Self::production()),
            "test.salesforce.com" => return Ok(Self::sandbox()),
            "salesforce.com" | "www.salesforce.com" | "help.salesforce.com" => {
                return Err(Error::input(
                    Field::LoginUrl,
                    "That's Salesforce's public website, not your org. Use login.salesforce.com, \
                     or copy the address from the tab where you are signed in to Salesforce.",
                ));
            }
            _ => {}
        }
        const MAPPED_SUFFIXES: [&str; 3] = [
            ".my.salesforce.com",
            ".lightning.force.com",
            ".my.salesforce-setup.com",
        ];
        for suffix in MAPPED_SUFFIXES {
            if let Some(name) = domain.strip_suffix(suffix) {
                return Self::my_domain(name);
            }
        }
        // Visualforce pages: NAME--c.vf.force.com, NAME--SBX--c.sandbox.vf.force.com, and the
        // other partitions (NAME--c.develop.vf.force.com is NAME.develop.my.salesforce.com).
        if let Some(rest) = domain.strip_suffix(".vf.force.com") {
            let (name, partition) = match rest.rsplit_once('.') {
                Some((name, partition)) => (name, Some(partition)),
                None => (rest, None),
            };
            if let Some((base, _package)) = name.rsplit_once("--") {
                let name = match partition {
                    Some(partition) => format!("{base}.{partition}"),
                    None => base.to_owned(),
                };
                return Self::my_domain(&name);
            }
        }
        // Classic instance hosts (na123.salesforce.com, cs42.salesforce.com).
        if let Some(instance) = domain.strip_suffix(".salesforce.com")
            && is_instance_name(instance)
        {
            return Ok(if instance.starts_with("cs") {
                Self::sandbox()
            } else {
                Self::production()
            });
        }
        Err(Error::input(Field::LoginUrl, NOT_SALESFORCE))
    }

    /// `name` is what precedes `.my.salesforce.com`: `acme`, `acme--uat.sandbox`, `acme.develop`.
    fn my_domain(name: &str) -> Result<Self> {
        let labels: Vec<&str> = name.split('.').collect();
        let valid_label = |label: &&str| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let known_qualifier = |q: &str| {
            matches!(
                q,
                "sandbox" | "develop" | "scratch" | "patch" | "trailblaze" | "demo" | "free"
            )
        };
        let ok = match labels.as_slice() {
            [org] => valid_label(org),
            [org, qualifier] => valid_label(org) && known_qualifier(qualifier),
            _ => false,
        };
        if !ok {
            return Err(Error::input(Field::LoginUrl, NOT_SALESFORCE));
        }
        let kind = if labels.get(1) == Some(&"sandbox") {
            HostKind::SandboxMyDomain
        } else {
            HostKind::MyDomain
        };
        Ok(Self {
            origin: format!("https://{name}.my.salesforce.com"),
            kind,
        })
    }

    /// The origin, without a trailing slash.
    #[must_use]
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// What kind of host it is.
    #[must_use]
    pub fn kind(&self) -> HostKind {
        self.kind
    }

    /// True for sandboxes (whose refresh tokens only work against sandbox hosts).
    #[must_use]
    pub fn is_sandbox(&self) -> bool {
        matches!(self.kind, HostKind::Sandbox | HostKind::SandboxMyDomain)
    }

    /// True for the generic login hosts, where client credentials are refused.
    #[must_use]
    pub fn is_generic_login(&self) -> bool {
        matches!(self.kind, HostKind::Production | HostKind::Sandbox)
    }

    /// `{origin}{path}`.
    #[must_use]
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }
}

/// Where Salesforce serves orgs' APIs: an instance URL must be under one of these.
const INSTANCE_SUFFIXES: [&str; 6] = [
    ".salesforce.com",
    ".force.com",
    ".salesforce-setup.com",
    ".cloudforce.com",
    ".salesforce.mil",
    ".sfcrmproducts.cn",
];

impl LoginHost {
    /// Checks an instance URL that came back from signing in at this host (the token answer's
    /// `instance_url`, SOAP's `serverUrl`) before any token is sent there: an https Salesforce
    /// origin, or a loopback one when this sign-in host is loopback itself. Answers the origin.
    pub fn instance_origin(&self, instance_url: &str) -> Result<String> {
        let refuse = |why: &str| {
            Err(Error::Salesforce {
                code: crate::error::Code::SalesforceError,
                message: "Salesforce's answer pointed sfconnect to an address that isn't a \
                          Salesforce org, so sfconnect stopped and sent nothing there. Check the \
                          login address; if it keeps happening, contact support with the detail \
                          below."
                    .into(),
                detail: format!("instance URL refused: {why}"),
            })
        };
        let Ok(url) = Url::parse(instance_url) else {
            return refuse("not a URL");
        };
        if !url.username().is_empty() || url.password().is_some() {
            return refuse("has user info");
        }
        if url.query().is_some() || url.fragment().is_some() {
            return refuse("has a query or fragment");
        }
        let loopback = match url.host() {
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            Some(Host::Domain(domain)) => domain == "localhost",
            None => false,
        };
        if self.kind == HostKind::Loopback {
            if !loopback {
                return refuse("a loopback sign-in must stay on loopback");
            }
        } else {
            if url.scheme() != "https" {
                return refuse("not https");
            }
            let Some(Host::Domain(domain)) = url.host() else {
                return refuse("not a domain name");
            };
            let domain = domain.to_ascii_lowercase();
            if domain.split('.').any(|label| label.starts_with("xn--"))
                || !INSTANCE_SUFFIXES
                    .iter()
                    .any(|suffix| domain.ends_with(suffix))
            {
                return refuse(&format!("{domain} is not a Salesforce domain"));
            }
        }
        Ok(url.origin().ascii_serialization())
    }
}

fn is_bare_name(input: &str) -> bool {
    !input.contains(['.', ':', '/', '@', '?', '#'])
}

fn is_instance_name(label: &str) -> bool {
    let letters = label.trim_end_matches(|c: char| c.is_ascii_digit());
    !letters.is_empty()
        && letters.len() < label.len()
        && letters.len() <= 3
        && letters.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
#[path = "tests/login_host.rs"]
mod tests;
