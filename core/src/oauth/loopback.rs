//! The single-use loopback listener that catches the browser's redirect.
//!
//! It binds `localhost` (127.0.0.1 and `::1`) on the first free port of a list, answers
//! stray requests without giving up (favicons, other paths and methods, other `Host`s,
//! callbacks with the wrong state), accepts exactly one callback with our state, then closes.
//! HTTP is parsed by hyper, never by hand.
//!
//! Made to hold against a hostile local process (see `docs/security.md`):
//! - the accepted callback's result goes through a `oneshot` that is taken and sent in one
//!   step, so it cannot be dropped, and "finished" means "delivered";
//! - wrong-state callbacks only raise a flag; the waiter reports it at most once a second;
//! - one request per connection, and over the limit a new connection evicts the oldest one that
//!   has sent nothing (seen by peeking at its socket), so idle sockets cannot starve the browser.

use super::authorize::WebSignIn;
use super::loopback_http::{Connections, Shared, accept_loop};
use super::ports::{ports_or_default, redirect_uri};
use crate::error::{Error, Result};
use crate::secret::AuthCode;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio_util::sync::CancellationToken;

/// How long to wait for the browser unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

/// Wrong-state callbacks are reported at most this often, however many arrive.
const WRONG_STATE_REPORT_EVERY: Duration = Duration::from_secs(1);

/// A bound, not yet used listener.
#[derive(Debug)]
pub struct LoopbackListener {
    sockets: Vec<TcpListener>,
    port: u16,
    linger: Duration,
}

enum BindFailure {
    Busy,
    Other(std::io::Error),
}

impl LoopbackListener {
    /// Binds the first port of `ports` that is free on loopback (port 0 picks any free port).
    pub async fn bind(ports: &[u16]) -> Result<Self> {
        let ports = ports_or_default(ports);
        for &port in &ports {
            // Our own finished sign-in may still be showing its result page on this port: a
            // new attempt takes over at once (never "port in use" for "Try again").
            if end_lingering(port) {
                for _ in 0..25 {
                    if TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
                        .await
                        .is_ok()
                    {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
            match bind_port(port).await {
                Ok(listener) => return Ok(listener),
                Err(BindFailure::Busy) => {
                    tracing::info!(port, "loopback port busy");
                }
                Err(BindFailure::Other(err)) => {
                    tracing::warn!(port, kind = ?err.kind(), "loopback bind failed");
                }
            }
        }
        Err(Error::PortInUse { ports })
    }

    /// The port it listens on.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://localhost:PORT/callback`.
    #[must_use]
    pub fn redirect_uri(&self) -> String {
        redirect_uri(self.port)
    }

    /// How long the success page stays reachable after the callback (default 3 s).
    #[must_use]
    pub fn with_linger(mut self, linger: Duration) -> Self {
        self.linger = linger;
        self
    }

    /// Serves until one callback with our state arrives, the timeout passes, or `cancel`
    /// fires. `on_wrong_state` is told each time a callback with a foreign state is turned away.
    pub async fn wait(
        self,
        sign_in: &WebSignIn,
        timeout: Duration,
        cancel: &CancellationToken,
        on_wrong_state: impl Fn(),
    ) -> Result<AuthCode> {
        let (result, mut received) = oneshot::channel();
        let shared = Arc::new(Shared {
            sign_in: sign_in.clone(),
            port: self.port,
            result: Mutex::new(Some(result)),
            wrong_state: AtomicBool::new(false),
            wrong_state_seen: Notify::new(),
        });
        let shutdown = CancellationToken::new();
        // Dropping this wait (or leaving it any way but success) closes the port.
        let close_on_exit = shutdown.clone().drop_guard();
        let connections = Arc::new(Connections::default());
        for socket in self.sockets {
            tokio::spawn(accept_loop(
                socket,
                shared.clone(),
                shutdown.clone(),
                connections.clone(),
            ));
        }
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let mut saw_wrong_state = false;
        let mut quiet_until = tokio::time::Instant::now();
        let outcome = loop {
            tokio::select! {
                () = cancel.cancelled() => break Err(Error::Cancelled),
                () = &mut deadline => break Err(Error::TimedOut {
                    waited_secs: timeout.as_secs(),
                    // Also one that arrived while reports were paused.
                    saw_wrong_state: saw_wrong_state || shared.wrong_state.load(Ordering::SeqCst),
                }),
                delivered = &mut received => break delivered.unwrap_or(Err(Error::Cancelled)),
                // However many arrive, one report per second (a flood must not flood the
                // terminal, the wizard or its log).
                () = shared.wrong_state_seen.notified(), if tokio::time::Instant::now() >= quiet_until => {
                    if shared.wrong_state.swap(false, Ordering::SeqCst) {
                        saw_wrong_state = true;
                        tracing::info!("callbacks with a wrong or missing state ignored");
                        on_wrong_state();
                        quiet_until = tokio::time::Instant::now() + WRONG_STATE_REPORT_EVERY;
                    }
                }
                () = tokio::time::sleep_until(quiet_until), if tokio::time::Instant::now() < quiet_until => {}
            }
        };
        if outcome.is_ok() || matches!(outcome, Err(Error::Salesforce { .. })) {
            // Keep serving the "you can close this tab" page briefly, then close the port.
            let shutdown = close_on_exit.disarm();
            let linger = self.linger;
            lingering()
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((self.port, shutdown.clone()));
            tokio::spawn(async move {
                tokio::time::sleep(linger).await;
                shutdown.cancel();
            });
        }
        outcome
    }
}

/// Finished sign-ins still serving their result page, by port (this process only).
fn lingering() -> &'static Mutex<Vec<(u16, CancellationToken)>> {
    static LINGERING: std::sync::OnceLock<Mutex<Vec<(u16, CancellationToken)>>> =
        std::sync::OnceLock::new();
    LINGERING.get_or_init(|| Mutex::new(Vec::new()))
}

/// Closes our own lingering listener on `port`, if any; answers whether there was one.
fn end_lingering(port: u16) -> bool {
    let mut lingering = lingering().lock().unwrap_or_else(PoisonError::into_inner);
    lingering.retain(|(_, shutdown)| !shutdown.is_cancelled());
    let mut ended = false;
    for (_, shutdown) in lingering.iter().filter(|(p, _)| *p == port) {
        shutdown.cancel();
        ended = true;
    }
    ended
}

/// Whether a bind failed because the port isn't ours to take: in use, or refused with EACCES
/// (Windows reserves port ranges for Hyper-V and WSL and answers WSAEACCES; below 1024 on Unix).
/// Both get the same clear "pick another port" message.
fn port_taken(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::AddrInUse | std::io::ErrorKind::PermissionDenied
    )
}

async fn bind_port(port: u16) -> std::result::Result<LoopbackListener, BindFailure> {
    let classify = |err: std::io::Error| {
        if port_taken(&err) {
            BindFailure::Busy
        } else {
            BindFailure::Other(err)
        }
    };
    let mut sockets = Vec::new();
    let v4 = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await;
    let port = match &v4 {
        Ok(socket) => socket.local_addr().map_err(BindFailure::Other)?.port(),
        // Taken on 127.0.0.1: a browser resolving localhost there would never reach us.
        Err(err) if port_taken(err) => return Err(BindFailure::Busy),
        Err(_) => port,
    };
    let v4_error = match v4 {
        Ok(socket) => {
            sockets.push(socket);
            None
        }
        Err(err) => Some(err),
    };
    match TcpListener::bind(SocketAddr::from((Ipv6Addr::LOCALHOST, port))).await {
        Ok(socket) => sockets.push(socket),
        // Someone else owns ::1 on this port: a browser resolving localhost to ::1 would
        // reach them, not us.
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => return Err(BindFailure::Busy),
        Err(err) if sockets.is_empty() => return Err(classify(v4_error.unwrap_or(err))),
        Err(_) => {} // No IPv6 loopback on this machine: 127.0.0.1 alone is fine.
    }
    Ok(LoopbackListener {
        sockets,
        port,
        linger: Duration::from_secs(3),
    })
}

#[cfg(test)]
#[path = "tests/loopback.rs"]
mod tests;
