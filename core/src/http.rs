//! The one HTTP client configuration: no redirects (a secret never follows one to another
//! host), bounded waits, rustls with the platform's roots.

use crate::error::Error;
use std::time::Duration;

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
