//! Unit tests of `loopback`.

use super::*;
use crate::login_host::LoginHost;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn raw(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0; 4096];
    let n = stream.read(&mut buf).await.unwrap();
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

fn get(port: u16, path: &str) -> String {
    get_as(&format!("localhost:{port}"), path)
}

fn get_as(host: &str, path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
}

async fn setup() -> (LoopbackListener, WebSignIn) {
    setup_lingering(Duration::ZERO).await
}

async fn setup_lingering(linger: Duration) -> (LoopbackListener, WebSignIn) {
    let listener = LoopbackListener::bind(&[0])
        .await
        .unwrap()
        .with_linger(linger);
    let sign_in = WebSignIn::new(
        LoginHost::parse("http://127.0.0.1:1").unwrap(),
        "key",
        listener.redirect_uri(),
        "api",
    )
    .unwrap();
    (listener, sign_in)
}

#[tokio::test]
async fn survives_strays_then_accepts_the_real_callback() {
    let (listener, sign_in) = setup().await;
    let port = listener.port();
    let state = sign_in.state().to_owned();
    let cancel = CancellationToken::new();
    let wrong_seen = Arc::new(AtomicBool::new(false));
    let flag = wrong_seen.clone();
    let waiting = tokio::spawn({
        let sign_in = sign_in.clone();
        async move {
            listener
                .wait(&sign_in, Duration::from_secs(10), &cancel, || {
                    flag.store(true, Ordering::SeqCst);
                })
                .await
        }
    });
    assert!(
        raw(port, &get(port, "/favicon.ico"))
            .await
            .starts_with("HTTP/1.1 404")
    );
    assert!(
        raw(port, &get(port, "/apple-touch-icon-precomposed.png"))
            .await
            .starts_with("HTTP/1.1 404")
    );
    assert!(
        raw(port, &get(port, "/other"))
            .await
            .starts_with("HTTP/1.1 404")
    );
    // No Private-Network-Access opt-in: a top-level redirect is never preflighted.
    let preflight = raw(
        port,
        &format!(
            "OPTIONS /callback HTTP/1.1\r\nHost: localhost:{port}\r\nAccess-Control-Request-Method: GET\r\n\
             Access-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n"
        ),
    )
    .await;
    assert!(preflight.starts_with("HTTP/1.1 405"), "{preflight}");
    assert!(
        !preflight
            .to_ascii_lowercase()
            .contains("access-control-allow-private-network"),
        "{preflight}"
    );
    // A DNS-rebound page names its own host: turned away before any state is looked at, even
    // with the right state.
    for host in [
        "rebound.attacker.example:PORT".replace("PORT", &port.to_string()),
        "localhost".into(),
        "127.0.0.1:1".into(),
    ] {
        let misdirected = raw(
            port,
            &get_as(&host, &format!("/callback?code=stolen&state={state}")),
        )
        .await;
        assert!(
            misdirected.starts_with("HTTP/1.1 421"),
            "{host}: {misdirected}"
        );
    }
    let post = raw(
        port,
        &format!(
            "POST /callback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    )
    .await;
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    assert!(
        raw(port, &get(port, "/callback?code=x&state=forged"))
            .await
            .starts_with("HTTP/1.1 400")
    );
    assert!(
        raw(port, &get(port, "/callback?code=x"))
            .await
            .starts_with("HTTP/1.1 400")
    );
    let _ = raw(port, "\x16\x03\x01 junk that is not http\r\n\r\n").await;
    let ok = raw(
        port,
        &get(port, &format!("/callback?code=aPrx%3D%3D&state={state}")),
    )
    .await;
    assert!(ok.starts_with("HTTP/1.1 303"), "{ok}");
    assert!(ok.contains("location: /done"), "{ok}");
    let code = waiting.await.unwrap().unwrap();
    assert_eq!(code.expose(), "aPrx==");
    assert!(wrong_seen.load(Ordering::SeqCst));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        TcpStream::connect(("127.0.0.1", port)).await.is_err(),
        "port closed afterwards"
    );
}

#[tokio::test]
async fn error_callback_ends_the_wait() {
    let (listener, sign_in) = setup().await;
    let port = listener.port();
    let state = sign_in.state().to_owned();
    let cancel = CancellationToken::new();
    let waiting = tokio::spawn({
        let sign_in = sign_in.clone();
        async move {
            listener
                .wait(&sign_in, Duration::from_secs(10), &cancel, || {})
                .await
        }
    });
    let page = raw(port, &get(port, &format!("/callback?error=access_denied&error_description=end-user+denied+authorization&state={state}"))).await;
    assert!(page.contains("You chose Deny"), "{page}");
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "access_denied");
}

#[tokio::test]
async fn timeout_reports_wrong_state() {
    let (listener, sign_in) = setup().await;
    let port = listener.port();
    let cancel = CancellationToken::new();
    let waiting = tokio::spawn({
        let sign_in = sign_in.clone();
        async move {
            listener
                .wait(&sign_in, Duration::from_millis(800), &cancel, || {})
                .await
        }
    });
    raw(port, &get(port, "/callback?code=x&state=old")).await;
    let err = waiting.await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            Error::TimedOut {
                saw_wrong_state: true,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn cancel_stops_and_closes() {
    let (listener, sign_in) = setup().await;
    let port = listener.port();
    let cancel = CancellationToken::new();
    let waiting = tokio::spawn({
        let (sign_in, cancel) = (sign_in.clone(), cancel.clone());
        async move {
            listener
                .wait(&sign_in, Duration::from_secs(30), &cancel, || {})
                .await
        }
    });
    cancel.cancel();
    assert_eq!(waiting.await.unwrap().unwrap_err().code(), "cancelled");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}

#[tokio::test]
async fn busy_port_is_named_and_next_port_is_used() {
    let holder = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let busy = holder.local_addr().unwrap().port();
    let err = LoopbackListener::bind(&[busy]).await.unwrap_err();
    assert_eq!(err.code(), "port_in_use");
    assert!(err.to_string().contains(&busy.to_string()));
    let listener = LoopbackListener::bind(&[busy, 0]).await.unwrap();
    assert_ne!(listener.port(), busy);
}

/// "Try again" right after Deny: the finished sign-in's result page lingers on the port, and
/// the new attempt takes the port over at once instead of failing with "port in use".
#[tokio::test]
async fn a_new_attempt_takes_over_from_a_lingering_one() {
    let (listener, sign_in) = setup_lingering(Duration::from_secs(3)).await;
    let port = listener.port();
    let state = sign_in.state().to_owned();
    let waiting = tokio::spawn({
        let sign_in = sign_in.clone();
        async move {
            listener
                .wait(
                    &sign_in,
                    Duration::from_secs(10),
                    &CancellationToken::new(),
                    || {},
                )
                .await
        }
    });
    let denied = format!(
        "/callback?error=access_denied&error_description=end-user+denied+authorization&state={state}"
    );
    raw(port, &get(port, &denied)).await;
    assert!(waiting.await.unwrap().is_err());
    // The result page still lingers (3 s by default) …
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_ok());
    // … and a new attempt gets the port anyway.
    let again = LoopbackListener::bind(&[port]).await;
    assert!(again.is_ok(), "{again:?}");
}

/// A port Windows reserves (WSAEACCES) or a privileged one is "taken", like one in use: the
/// admin gets the same "pick another port" message, not an unexplained failure.
#[test]
fn a_reserved_port_reads_like_a_busy_one() {
    use std::io::{Error as IoError, ErrorKind};
    assert!(port_taken(&IoError::from(ErrorKind::AddrInUse)));
    assert!(port_taken(&IoError::from(ErrorKind::PermissionDenied)));
    // A reserved port as the system reports it: WSAEACCES on Windows, EACCES elsewhere.
    let reserved = if cfg!(windows) { 10_013 } else { 13 };
    assert!(port_taken(&IoError::from_raw_os_error(reserved)));
    assert!(!port_taken(&IoError::from(ErrorKind::AddrNotAvailable)));
    let message = Error::PortInUse { ports: vec![7717] }.to_string();
    assert!(
        message.contains("in use (or reserved by the system)"),
        "{message}"
    );
}
