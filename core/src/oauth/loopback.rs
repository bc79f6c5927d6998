//! The single-use loopback listener that catches the browser's redirect.
//!
//! It binds `localhost` (127.0.0.1 and `::1`) on the first free port of a list, answers
//! stray requests without giving up (favicons, Private-Network-Access preflights, other
//! paths and methods, callbacks with the wrong state), accepts exactly one callback with
//! our state, then closes. HTTP is parsed by hyper, never by hand.

use super::answers;
use super::authorize::{CALLBACK_PATH, CallbackOutcome, CallbackProblem, WebSignIn};
use crate::error::{Error, Result};
use crate::secret::AuthCode;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};
use tokio_util::sync::CancellationToken;

/// The port registered by default as `http://localhost:7717/callback`.
pub const DEFAULT_PORT: u16 = 7717;
/// How long to wait for the browser unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

const MAX_CONNECTIONS: usize = 64;
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);
const MAX_BUFFER: usize = 16 * 1024;

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
        let (events, mut received) = mpsc::channel(8);
        let shared = Arc::new(Shared {
            sign_in: sign_in.clone(),
            finished: AtomicBool::new(false),
            events,
        });
        let shutdown = CancellationToken::new();
        // Dropping this wait (or leaving it any way but success) closes the port.
        let close_on_exit = shutdown.clone().drop_guard();
        let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        for socket in self.sockets {
            tokio::spawn(accept_loop(
                socket,
                shared.clone(),
                shutdown.clone(),
                limit.clone(),
            ));
        }
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let mut saw_wrong_state = false;
        let outcome = loop {
            tokio::select! {
                () = cancel.cancelled() => break Err(Error::Cancelled),
                () = &mut deadline => break Err(Error::TimedOut {
                    waited_secs: timeout.as_secs(),
                    saw_wrong_state,
                }),
                event = received.recv() => match event {
                    Some(Event::WrongState) => {
                        saw_wrong_state = true;
                        on_wrong_state();
                    }
                    Some(Event::Finished(result)) => break result,
                    None => break Err(Error::Cancelled),
                },
            }
        };
        if outcome.is_ok() || matches!(outcome, Err(Error::Salesforce { .. })) {
            // Keep serving the "you can close this tab" page briefly, then close the port.
            let shutdown = close_on_exit.disarm();
            let linger = self.linger;
            tokio::spawn(async move {
                tokio::time::sleep(linger).await;
                shutdown.cancel();
            });
        }
        outcome
    }
}

/// Checks ports given by the user: each must be a real port (1–65535) that can be registered
/// in a Callback URL.
pub fn check_ports(ports: &[u16]) -> Result<()> {
    if ports.contains(&0) {
        return Err(Error::input(
            crate::error::Field::Port,
            "Use the port from the Callback URL registered in the Salesforce app, for example 7717 \
             for http://localhost:7717/callback.",
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

async fn bind_port(port: u16) -> std::result::Result<LoopbackListener, BindFailure> {
    let classify = |err: std::io::Error| match err.kind() {
        std::io::ErrorKind::AddrInUse | std::io::ErrorKind::PermissionDenied => BindFailure::Busy,
        _ => BindFailure::Other(err),
    };
    let mut sockets = Vec::new();
    let v4 = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await;
    let port = match &v4 {
        Ok(socket) => socket.local_addr().map_err(BindFailure::Other)?.port(),
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => return Err(BindFailure::Busy),
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

struct Shared {
    sign_in: WebSignIn,
    finished: AtomicBool,
    events: mpsc::Sender<Event>,
}

enum Event {
    WrongState,
    Finished(Result<AuthCode>),
}

async fn accept_loop(
    socket: TcpListener,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
    limit: Arc<Semaphore>,
) {
    loop {
        let stream = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = socket.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or similar: back off briefly, keep serving.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = limit.clone().try_acquire_owned() else {
            continue; // Too many open connections: drop this one, keep waiting.
        };
        tokio::spawn(serve_connection(
            stream,
            shared.clone(),
            shutdown.clone(),
            permit,
        ));
    }
}

async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
    _permit: tokio::sync::OwnedSemaphorePermit,
) {
    let service = hyper::service::service_fn(move |request| {
        let response = respond(&shared, &request);
        async move { Ok::<_, std::convert::Infallible>(response) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_buf_size(MAX_BUFFER)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        () = shutdown.cancelled() => {}
        () = tokio::time::sleep(CONNECTION_LIFETIME) => {}
    }
}

fn respond<B>(shared: &Shared, request: &Request<B>) -> Response<Full<Bytes>> {
    answers::route(request, |query| callback(shared, query))
}

fn callback(shared: &Shared, query: &str) -> Response<Full<Bytes>> {
    if shared.finished.load(Ordering::SeqCst) {
        return answers::page(
            StatusCode::BAD_REQUEST,
            "Already finished",
            "This sign-in has already finished. Return to sfconnect.",
        );
    }
    match shared.sign_in.read_callback(query) {
        Err(CallbackProblem::WrongState) => {
            tracing::info!("callback with a wrong or missing state ignored");
            let _ = shared.events.try_send(Event::WrongState);
            answers::page(
                StatusCode::BAD_REQUEST,
                "Out of date",
                "This sign-in link is from an older or different attempt, so it was ignored. \
                 Return to sfconnect and use the newest sign-in.",
            )
        }
        Err(CallbackProblem::Incomplete) => answers::page(
            StatusCode::BAD_REQUEST,
            "Incomplete",
            "This address is missing the sign-in code. Return to sfconnect and sign in again.",
        ),
        Ok(outcome) => {
            if shared.finished.swap(true, Ordering::SeqCst) {
                return answers::page(
                    StatusCode::BAD_REQUEST,
                    "Already finished",
                    "This sign-in has already finished. Return to sfconnect.",
                );
            }
            match outcome {
                CallbackOutcome::Approved(code) => {
                    let _ = shared.events.try_send(Event::Finished(Ok(code)));
                    let mut response = answers::empty(StatusCode::SEE_OTHER);
                    response
                        .headers_mut()
                        .insert(header::LOCATION, HeaderValue::from_static("/done"));
                    response
                }
                CallbackOutcome::Refused(error) => {
                    let text = format!("{error} Return to sfconnect to continue.");
                    let _ = shared.events.try_send(Event::Finished(Err(error)));
                    answers::page(StatusCode::OK, "Not connected", &text)
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "tests/loopback.rs"]
mod tests;
