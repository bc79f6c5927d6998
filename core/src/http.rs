//! The one HTTP client configuration: no redirects (a secret never follows one to another
//! host), bounded waits, rustls with the platform's roots.

use crate::error::{Code, Error};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OnceCell, oneshot};

/// How long to wait for a connection.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long any single request may take in total.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The most of any answer that is read: every answer we expect is a few KiB.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// Builds the client every request to a real (HTTPS) host goes through.
pub(crate) fn client() -> Result<reqwest::Client, Error> {
    builder().build().map_err(|_| setup_failed())
}

/// The same client for plain-HTTP loopback addresses (the simulators): no TLS, so no root
/// certificates to load.
fn loopback_client() -> Result<reqwest::Client, Error> {
    builder()
        .tls_built_in_root_certs(false)
        .build()
        .map_err(|_| setup_failed())
}

fn builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .user_agent(concat!("sfconnect/", env!("CARGO_PKG_VERSION")))
}

fn setup_failed() -> Error {
    Error::Unreachable {
        code: Code::NetworkSetupFailed,
        message: "sfconnect couldn't set up secure connections on this computer (no TLS \
                  certificates found). Reinstall sfconnect or contact support."
            .into(),
    }
}

/// The engine's HTTP clients, built when first needed.
///
/// Building the HTTPS client reads the platform's root certificates (about 6 ms of CPU on
/// Debian, which keeps them in a bundle *and* a directory). [`Http::prewarm_for`] starts that on a
/// background thread as soon as the engine knows it will talk to an HTTPS host, so in a browser
/// sign-in it happens while the listener binds and the user is in the browser; the first
/// request waits for it if it is not done. Loopback HTTP addresses get a client without roots.
#[derive(Clone, Default)]
pub(crate) struct Http {
    secure: Arc<OnceCell<reqwest::Client>>,
    loopback: Arc<OnceCell<reqwest::Client>>,
    building: Arc<Mutex<Option<Building>>>,
    started: Arc<AtomicBool>,
}

/// The background build's answer, taken by the first caller.
type Building = oneshot::Receiver<Result<reqwest::Client, Error>>;

impl Http {
    /// Nothing built yet.
    #[must_use]
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Starts building the client for `url` on a background thread, if that is the HTTPS one
    /// and it isn't started yet.
    pub(crate) fn prewarm_for(&self, url: &str) {
        if is_plain(url) || self.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let (sender, receiver) = oneshot::channel();
        if let Ok(mut slot) = self.building.lock() {
            *slot = Some(receiver);
        }
        // If no thread can be started, the sender is dropped and the first use builds inline.
        let _ = std::thread::Builder::new()
            .name("http-client".into())
            .spawn(move || sender.send(client()));
    }

    /// The client for `url`: the loopback one for `http://` (only loopback hosts are ever
    /// accepted with it), else the HTTPS one. Reports a failure to build it.
    pub(crate) async fn client_for(&self, url: &str) -> Result<&reqwest::Client, Error> {
        if is_plain(url) {
            return self
                .loopback
                .get_or_try_init(|| async { loopback_client() })
                .await;
        }
        self.secure
            .get_or_try_init(|| async {
                let pending = self.building.lock().ok().and_then(|mut slot| slot.take());
                match pending {
                    Some(receiver) => receiver.await.unwrap_or_else(|_| client()),
                    None => client(),
                }
            })
            .await
    }
}

fn is_plain(url: &str) -> bool {
    url.starts_with("http://")
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("https_built", &self.secure.initialized())
            .field("loopback_built", &self.loopback.initialized())
            .finish()
    }
}

/// Which remote a failure is about.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Remote {
    /// Salesforce.
    Salesforce,
    /// CustomerOS.
    CustomerOs,
}

impl Remote {
    fn name(self) -> &'static str {
        match self {
            Remote::Salesforce => "Salesforce",
            Remote::CustomerOs => "CustomerOS",
        }
    }

    fn code(self) -> Code {
        match self {
            Remote::Salesforce => Code::SalesforceUnreachable,
            Remote::CustomerOs => Code::CustomerosUnreachable,
        }
    }
}

/// Maps a transport failure (no answer at all) to a plain message. The error's own text is
/// not used: it may carry a URL.
#[must_use]
pub(crate) fn unreachable(remote: Remote, address: &str, err: &reqwest::Error) -> Error {
    let name = remote.name();
    let message = if err.is_timeout() {
        format!(
            "{name} at {address} didn't answer within {} seconds. Check your internet connection \
             and try again; nothing was lost.",
            REQUEST_TIMEOUT.as_secs()
        )
    } else {
        format!(
            "Couldn't reach {name} at {address}. Check the address and your internet connection \
             (or proxy/VPN), then try again; nothing was lost."
        )
    };
    Error::Unreachable {
        code: remote.code(),
        message,
    }
}

/// Reads an answer's body, at most [`MAX_BODY`] bytes (a hostile or broken server could
/// otherwise stream gigabytes within the request timeout).
pub(crate) async fn body(
    mut response: reqwest::Response,
    remote: Remote,
    address: &str,
) -> Result<Vec<u8>, Error> {
    let too_large = || {
        let name = remote.name();
        let message = format!(
            "{name} at {address} sent an answer far larger than expected, so sfconnect stopped \
             reading it. Check the address and try again; nothing was lost."
        );
        let detail = format!("answer over {} KiB", MAX_BODY / 1024);
        match remote {
            Remote::Salesforce => Error::Salesforce {
                code: Code::SalesforceError,
                message,
                detail,
            },
            Remote::CustomerOs => Error::Destination {
                code: Code::CustomerosError,
                message,
                detail,
            },
        }
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| unreachable(remote, address, &e))?
    {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
#[path = "tests/http.rs"]
mod tests;
