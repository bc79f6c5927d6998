//! What the loopback listener serves: one HTTP request per connection, parsed by hyper;
//! idle connections evicted over the limit; the one callback with our state delivered, every
//! other request answered with a page that says what to do. The listener's life (bind, wait,
//! linger) is [`super::loopback`].

use super::answers;
use super::authorize::{CallbackOutcome, CallbackProblem, WebSignIn};
use crate::error::Result;
use crate::secret::AuthCode;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};
use tokio_util::sync::CancellationToken;

const MAX_CONNECTIONS: usize = 64;
/// A browser sends its request as soon as it connects.
const FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(2);
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);
const MAX_BUFFER: usize = 16 * 1024;

pub(super) struct Shared {
    pub(super) sign_in: WebSignIn,
    pub(super) port: u16,
    /// Taken by the one callback that finishes the sign-in, and sent at once.
    pub(super) result: Mutex<Option<oneshot::Sender<Result<AuthCode>>>>,
    pub(super) wrong_state: AtomicBool,
    pub(super) wrong_state_seen: Notify,
}

/// One open connection: how to end it, and a second handle on its socket to see whether it
/// has sent anything yet.
struct Open {
    id: u64,
    evict: CancellationToken,
    socket: Option<std::net::TcpStream>,
}

impl Open {
    /// Whether the client has sent nothing yet (a browser sends its request at once).
    fn is_idle(&self) -> bool {
        let Some(socket) = &self.socket else {
            return false;
        };
        // The socket is non-blocking (tokio's): no data yet is `WouldBlock`.
        matches!(socket.peek(&mut [0u8; 1]), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
    }
}

/// Open connections, oldest first.
#[derive(Default)]
pub(super) struct Connections {
    open: Mutex<VecDeque<Open>>,
    next_id: AtomicU64,
}

impl Connections {
    /// Registers a connection; over the limit, evicts the oldest one that has sent nothing
    /// (else the oldest), so idle sockets can't keep the browser's request out.
    fn admit(&self, stream: &TcpStream) -> (u64, CancellationToken) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let evict = CancellationToken::new();
        let socket = duplicate(stream);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.len() >= MAX_CONNECTIONS {
            let victim = open.iter().position(Open::is_idle).unwrap_or(0);
            if let Some(evicted) = open.remove(victim) {
                evicted.evict.cancel();
            }
        }
        open.push_back(Open {
            id,
            evict: evict.clone(),
            socket,
        });
        (id, evict)
    }

    fn close(&self, id: u64) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.retain(|other| other.id != id);
    }
}

/// A second handle on the same socket (for peeking only).
fn duplicate(stream: &TcpStream) -> Option<std::net::TcpStream> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        stream
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::net::TcpStream::from)
    }
    #[cfg(windows)]
    {
        use std::os::windows::io::AsSocket;
        stream
            .as_socket()
            .try_clone_to_owned()
            .ok()
            .map(std::net::TcpStream::from)
    }
}

pub(super) async fn accept_loop(
    socket: TcpListener,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
    connections: Arc<Connections>,
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
        let (id, evicted) = connections.admit(&stream);
        let connections = connections.clone();
        let serve = serve_connection(stream, shared.clone(), shutdown.clone(), evicted);
        tokio::spawn(async move {
            serve.await;
            connections.close(id);
        });
    }
}

async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    shutdown: CancellationToken,
    evicted: CancellationToken,
) {
    tokio::select! {
        readable = tokio::time::timeout(FIRST_BYTE_TIMEOUT, stream.readable()) => {
            if !matches!(readable, Ok(Ok(()))) {
                return;
            }
        }
        () = evicted.cancelled() => return,
        () = shutdown.cancelled() => return,
    }
    let service = hyper::service::service_fn(move |request| {
        let response = respond(&shared, &request);
        async move { Ok::<_, std::convert::Infallible>(response) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_buf_size(MAX_BUFFER)
        .keep_alive(false)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        () = evicted.cancelled() => {}
        () = shutdown.cancelled() => {}
        () = tokio::time::sleep(CONNECTION_LIFETIME) => {}
    }
}

fn respond<B>(shared: &Shared, request: &Request<B>) -> Response<Full<Bytes>> {
    answers::route(request, shared.port, |query| callback(shared, query))
}

fn already_finished() -> Response<Full<Bytes>> {
    answers::page(
        StatusCode::BAD_REQUEST,
        "Already finished",
        "This sign-in has already finished. Return to sfconnect.",
    )
}

fn callback(shared: &Shared, query: &str) -> Response<Full<Bytes>> {
    let finished = || {
        shared
            .result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none()
    };
    if finished() {
        return already_finished();
    }
    match shared.sign_in.read_callback(query) {
        Err(CallbackProblem::WrongState) => {
            shared.wrong_state.store(true, Ordering::SeqCst);
            shared.wrong_state_seen.notify_one();
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
            // Taking the sender is the one step that decides who finishes; sending cannot
            // block or be crowded out, and fails only if sfconnect stopped waiting.
            let Some(deliver) = shared
                .result
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
            else {
                return already_finished();
            };
            match outcome {
                CallbackOutcome::Approved(code) => {
                    if deliver.send(Ok(code)).is_err() {
                        return stopped_waiting();
                    }
                    let mut response = answers::empty(StatusCode::SEE_OTHER);
                    response
                        .headers_mut()
                        .insert(header::LOCATION, HeaderValue::from_static("/done"));
                    response
                }
                CallbackOutcome::Refused(error) => {
                    let text = format!("{error} Return to sfconnect to continue.");
                    if deliver.send(Err(error)).is_err() {
                        return stopped_waiting();
                    }
                    answers::page(StatusCode::OK, "Not connected", &text)
                }
            }
        }
    }
}

fn stopped_waiting() -> Response<Full<Bytes>> {
    answers::page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Too late",
        "sfconnect stopped waiting for this sign-in. Return to sfconnect and start it again.",
    )
}
