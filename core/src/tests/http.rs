//! Unit tests of `http`.

use super::*;

#[tokio::test]
async fn loopback_addresses_never_load_the_platform_roots() {
    let http = Http::new();
    http.prewarm_for("http://127.0.0.1:1234");
    http.client_for("http://127.0.0.1:1234").await.unwrap();
    assert!(http.loopback.initialized());
    assert!(!http.secure.initialized(), "no HTTPS client was needed");
    assert!(
        !http.started.load(Ordering::SeqCst),
        "nor started in the background"
    );
}

#[tokio::test]
async fn prewarm_builds_the_https_client_once_in_the_background() {
    let http = Http::new();
    http.prewarm_for("https://acme.my.salesforce.com");
    http.prewarm_for("https://acme.my.salesforce.com");
    let first = http
        .client_for("https://acme.my.salesforce.com")
        .await
        .unwrap() as *const _;
    let again = http
        .client_for("https://acme.my.salesforce.com")
        .await
        .unwrap() as *const _;
    assert_eq!(first, again, "one client, built once");
    assert!(!http.loopback.initialized());
}

#[tokio::test]
async fn without_prewarm_the_first_https_request_builds_it() {
    let http = Http::new();
    http.client_for("https://login.salesforce.com")
        .await
        .unwrap();
    assert!(http.secure.initialized());
}

/// A server that answers every connection with `head` then `body_len` bytes of `x`, as fast as
/// it can (chunked when `head` says so).
async fn streaming_server(head: &'static str, body_len: usize, chunked: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let block = vec![b'x'; 64 * 1024];
                let mut sent = 0;
                while sent < body_len {
                    let part = &block[..block.len().min(body_len - sent)];
                    let framed = if chunked {
                        let mut framed = format!("{:x}\r\n", part.len()).into_bytes();
                        framed.extend_from_slice(part);
                        framed.extend_from_slice(b"\r\n");
                        framed
                    } else {
                        part.to_vec()
                    };
                    if stream.write_all(&framed).await.is_err() {
                        return;
                    }
                    sent += part.len();
                }
                if chunked {
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                }
            });
        }
    });
    address
}

#[tokio::test]
async fn answers_over_a_mebibyte_are_not_read() {
    let client = loopback_client().unwrap();
    // Endless-looking chunked answer: stopped after 1 MiB.
    let chunked = streaming_server(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n",
        64 * 1024 * 1024,
        true,
    )
    .await;
    let response = client.get(&chunked).send().await.unwrap();
    let err = body(response, Remote::CustomerOs, &chunked)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::CustomerosError);
    assert!(
        err.to_string().contains("far larger than expected"),
        "{err}"
    );

    // A declared length over the cap is refused before reading.
    let declared = streaming_server(
        "HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n",
        0,
        false,
    )
    .await;
    let response = client.get(&declared).send().await.unwrap();
    let err = body(response, Remote::Salesforce, &declared)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::SalesforceError);

    // A normal answer is read whole.
    let small = streaming_server(
        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
        1000,
        false,
    )
    .await;
    let response = client.get(&small).send().await.unwrap();
    assert_eq!(
        body(response, Remote::Salesforce, &small)
            .await
            .unwrap()
            .len(),
        1000
    );
}
