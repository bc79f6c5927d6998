//! The one HTTP client configuration: no redirects (a secret never follows one to another
//! host), bounded waits, rustls with the platform's roots.

use crate::error::Error;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OnceCell, oneshot};

/// How long to wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long any single request may take in total.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds the client every request goes through.
pub fn client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .user_agent(concat!("sfconnect/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|_| Error::Unreachable {
            code: "network_setup_failed",
            message: "sfconnect couldn't set up secure connections on this computer (no TLS \
                      certificates found). Reinstall sfconnect or contact support."
                .into(),
        })
}

/// The engine's HTTP client, built on a background thread from the moment the program starts.
///
/// Building it reads the platform's root certificates (several milliseconds on Linux, which
/// keeps them in a bundle *and* a directory); in a browser sign-in that now happens while the
/// listener binds and the browser opens instead of before. The first request waits for it.
#[derive(Clone)]
pub struct Http {
    client: Arc<OnceCell<reqwest::Client>>,
    building: Arc<Mutex<Option<Building>>>,
}

/// The background build's answer, taken by the first caller.
type Building = oneshot::Receiver<Result<reqwest::Client, Error>>;

impl Http {
    /// Starts building [`client`] in the background.
    pub fn start() -> Self {
        let (sender, receiver) = oneshot::channel();
        // If no thread can be started, the sender is dropped and the first use builds inline.
        let _ = std::thread::Builder::new()
            .name("http-client".into())
            .spawn(move || sender.send(client()));
        Self {
            client: Arc::default(),
            building: Arc::new(Mutex::new(Some(receiver))),
        }
    }

    /// Wraps a client that is already built (tests).
    pub fn ready(client: reqwest::Client) -> Self {
        Self {
            client: Arc::new(OnceCell::new_with(Some(client))),
            building: Arc::default(),
        }
    }

    /// The client, once built; reports a failure to build it (no usable TLS roots).
    pub async fn client(&self) -> Result<&reqwest::Client, Error> {
        self.client
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

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("built", &self.client.initialized())
            .finish()
    }
}

/// Which remote a failure is about.
#[derive(Debug, Clone, Copy)]
pub enum Remote {
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

    fn code(self) -> &'static str {
        match self {
            Remote::Salesforce => "salesforce_unreachable",
            Remote::CustomerOs => "customeros_unreachable",
        }
    }
}

/// Maps a transport failure (no answer at all) to a plain message. The error's own text is
/// not used: it may carry a URL.
pub fn unreachable(remote: Remote, address: &str, err: &reqwest::Error) -> Error {
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
