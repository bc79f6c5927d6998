//! Unit tests of `revoke`: a canned server answers each request in turn.

use super::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

type Seen = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Serves `answers` (status, JSON body) one per connection; returns its address and the
/// request bodies it sees.
async fn server(answers: Vec<(u16, &'static str)>) -> (String, Seen) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Seen::default();
    let record = seen.clone();
    tokio::spawn(async move {
        for (status, body) in answers {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let n = stream.read(&mut buf).await.unwrap();
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request);
                if let Some((head, rest)) = text.split_once("\r\n\r\n") {
                    let length = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap())
                        })
                        .unwrap_or(0);
                    if rest.len() >= length {
                        record.lock().unwrap().push(rest.to_owned());
                        break;
                    }
                }
            }
            let response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).await.unwrap();
        }
    });
    (url, seen)
}

/// Revokes against `answers` as app `3MVG9key` (with `secret`, if any); answers the outcome
/// and the request bodies the server saw.
async fn run(
    answers: Vec<(u16, &'static str)>,
    secret: Option<&str>,
) -> (Result<Revoked>, Vec<String>) {
    let (url, seen) = server(answers).await;
    let host = LoginHost::parse(&url).unwrap();
    let secret = secret.map(ClientSecret::new);
    let client = Client {
        id: "3MVG9key",
        secret: secret.as_ref(),
    };
    let result = revoke(
        &reqwest::Client::new(),
        &host,
        &RefreshToken::new("5Aep861live"),
        &client,
    )
    .await;
    let seen = seen.lock().unwrap().clone();
    (result, seen)
}

#[tokio::test]
async fn a_bare_revoke_that_salesforce_accepts_sends_no_secret() {
    let (result, seen) = run(vec![(200, "")], Some("s3cret")).await;
    assert_eq!(result.unwrap(), Revoked::Now);
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains("token=5Aep861live"), "{seen:?}");
    assert!(
        !seen[0].contains("s3cret"),
        "the secret is sent only when asked for"
    );
}

#[tokio::test]
async fn a_server_that_wants_client_authentication_gets_it_and_only_then_counts() {
    let (result, seen) = run(
        vec![
            (400, r#"{"error":"invalid_request","error_description":"no client authentication mechanism provided"}"#),
            (200, ""),
        ],
        Some("s3cret"),
    )
    .await;
    assert_eq!(result.unwrap(), Revoked::Now);
    assert_eq!(seen.len(), 2);
    assert!(seen[1].contains("client_id=3MVG9key") && seen[1].contains("client_secret=s3cret"));
}

#[tokio::test]
async fn only_200_or_invalid_token_count_as_revoked() {
    let (dead, _) = run(vec![(400, r#"{"error":"invalid_token"}"#)], Some("s")).await;
    assert_eq!(dead.unwrap(), Revoked::AlreadyDead);
    for answers in [
        vec![(400, r#"{"error":"unsupported_token_type"}"#)],
        vec![(503, "")],
        vec![
            (401, r#"{"error":"invalid_client"}"#),
            (401, r#"{"error":"invalid_client"}"#),
        ],
        vec![
            (400, r#"{"error":"invalid_request"}"#),
            (400, r#"{"error":"invalid_request"}"#),
        ],
    ] {
        let (result, _) = run(answers.clone(), Some("s")).await;
        let error = result.unwrap_err();
        assert_eq!(error.code(), "revoke_failed", "{answers:?}");
        assert!(error.to_string().contains("may still work"), "{error}");
    }
    // No secret kept: a server that insists on one cannot be told it was revoked.
    let (result, _) = run(vec![(401, r#"{"error":"invalid_client"}"#)], None).await;
    assert_eq!(result.unwrap_err().code(), "revoke_failed");
}
