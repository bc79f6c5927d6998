//! While a real sign-in waits, over a thousand hostile requests hit the loopback listener at
//! once; then the real callback arrives and wins. Memory stays bounded, nothing panics, the
//! port closes afterwards, and the listener is never reachable off loopback.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use rand::RngCore;
use sfconnect_core::LoginHost;
use sfconnect_core::oauth::authorize::WebSignIn;
use sfconnect_core::oauth::loopback::LoopbackListener;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.split_whitespace().nth(1).unwrap().parse().unwrap())
        })
        .unwrap_or(0)
}

/// One hostile client of kind `kind`; answers how it ended (never panics the test).
async fn hostile(port: u16, kind: usize, state: String) -> &'static str {
    let Ok(Ok(mut stream)) = tokio::time::timeout(
        Duration::from_secs(5),
        TcpStream::connect(("127.0.0.1", port)),
    )
    .await
    else {
        return "refused";
    };
    let big = "a".repeat(70 * 1024);
    let request: Vec<u8> = match kind % 14 {
        0 => {
            let mut junk = vec![0u8; 512];
            rand::rng().fill_bytes(&mut junk);
            junk
        }
        1 => b"GET /callb".to_vec(),
        2 => format!("GET /{big} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes(),
        3 => format!("GET /callback HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\n\r\n").into_bytes(),
        4 => {
            // A slow client: trickles a few bytes, then stalls until the server gives up.
            for byte in b"GET /call" {
                if stream.write_all(&[*byte]).await.is_err() {
                    return "closed";
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            Vec::new()
        }
        5 => b"GET /admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        6 => b"DELETE /callback HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        7 => b"OPTIONS /callback HTTP/1.1\r\nHost: x\r\nAccess-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n".to_vec(),
        8 => b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        9 => b"GET /callback?code=stolen&state=forged HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        10 => b"GET /callback?code=stolen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        11 => format!("GET /callback?code=x&state={state}&state={state} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        12 => b"SSH-2.0-OpenSSH_9.6\r\n".to_vec(),
        _ => vec![0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03],
    };
    if !request.is_empty() && stream.write_all(&request).await.is_err() {
        return "closed";
    }
    let mut buf = vec![0; 1024];
    match tokio::time::timeout(Duration::from_secs(8), stream.read(&mut buf)).await {
        Ok(Ok(0)) | Ok(Err(_)) => "closed",
        Ok(Ok(_)) => "answered",
        Err(_) => "stalled",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_hostile_requests_then_the_real_callback_wins() {
    let listener = LoopbackListener::bind(&[0])
        .await
        .unwrap()
        .with_linger(Duration::ZERO);
    let port = listener.port();
    let sign_in = WebSignIn::new(
        LoginHost::parse("http://127.0.0.1:1").unwrap(),
        "key",
        listener.redirect_uri(),
        "api",
    )
    .unwrap();
    let state = sign_in.state().to_owned();
    let cancel = CancellationToken::new();
    let waiting = tokio::spawn({
        let sign_in = sign_in.clone();
        async move {
            listener
                .wait(&sign_in, Duration::from_secs(120), &cancel, || {})
                .await
        }
    });

    let before = rss_kib();
    const STORM: usize = 1200;
    let mut clients = tokio::task::JoinSet::new();
    for kind in 0..STORM {
        let state = state.clone();
        clients.spawn(hostile(port, kind, state));
    }
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    let mut peak = before;
    while let Some(outcome) = clients.join_next().await {
        *outcomes.entry(outcome.unwrap()).or_default() += 1;
        peak = peak.max(rss_kib());
    }
    eprintln!(
        "listener storm: {STORM} hostile requests, outcomes {outcomes:?}, RSS before {} KiB, peak {} KiB (+{} KiB)",
        before,
        peak,
        peak.saturating_sub(before)
    );
    assert_eq!(outcomes.values().sum::<usize>(), STORM);
    assert!(!waiting.is_finished(), "no hostile request ended the wait");
    assert!(
        peak.saturating_sub(before) < 64 * 1024,
        "memory stays bounded"
    );

    // Now the browser's real callback.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let request =
        format!("GET /callback?code=aPrx%3D%3D&state={state} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0; 1024];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 303"));
    let code = waiting.await.unwrap().unwrap();
    assert_eq!(code.expose(), "aPrx==");

    // Replays find the door shut.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        TcpStream::connect(("127.0.0.1", port)).await.is_err(),
        "port closed after the one valid callback"
    );
}

#[tokio::test]
async fn never_reachable_off_loopback() {
    let listener = LoopbackListener::bind(&[0]).await.unwrap();
    let port = listener.port();
    let output = std::process::Command::new("hostname").arg("-I").output();
    let addresses: Vec<std::net::IpAddr> = output
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .filter_map(|a| a.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let others: Vec<_> = addresses.into_iter().filter(|a| !a.is_loopback()).collect();
    eprintln!("non-loopback addresses tried: {others:?}");
    for address in others {
        let attempt =
            tokio::time::timeout(Duration::from_secs(2), TcpStream::connect((address, port))).await;
        assert!(!matches!(attempt, Ok(Ok(_))), "reachable on {address}");
    }
    drop(listener);
}
