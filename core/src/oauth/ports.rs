//! Which loopback ports a browser sign-in may use: the ports registered in the app's Callback
//! URLs, or the default one, and the Callback URL each stands for. The listener itself is
//! [`super::loopback`].

use super::authorize::CALLBACK_PATH;
use crate::error::{Error, Field, Result};

/// The port registered by default as `http://localhost:7717/callback`.
pub const DEFAULT_PORT: u16 = 7717;

/// Checks ports given by the user: each must be a real port (1–65535) that can be registered
/// in a Callback URL.
pub fn check_ports(ports: &[u16]) -> Result<()> {
    if ports.contains(&0) {
        return Err(Error::input(
            Field::Port,
            format!(
                "Use the port from the Callback URL registered in the Salesforce app, for example \
                 {DEFAULT_PORT} for {}.",
                redirect_uri(DEFAULT_PORT)
            ),
        ));
    }
    Ok(())
}

/// The ports to try: the given ones, or the default port when none are given.
#[must_use]
pub fn ports_or_default(ports: &[u16]) -> Vec<u16> {
    if ports.is_empty() {
        vec![DEFAULT_PORT]
    } else {
        ports.to_vec()
    }
}

/// The redirect URI for a port.
#[must_use]
pub fn redirect_uri(port: u16) -> String {
    format!("http://localhost:{port}{CALLBACK_PATH}")
}
