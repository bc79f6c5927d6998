//! Unit tests of `answers`.

use super::*;
use http_body_util::BodyExt;

#[tokio::test]
async fn the_page_after_allow_claims_no_success_before_the_exchange() {
    let request = Request::get("/done")
        .header(header::HOST, "localhost:7717")
        .body(())
        .unwrap();
    let response = route(&request, 7717, |_| unreachable!("not the callback"));
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("Return to sfconnect to finish"), "{text}");
    assert!(!text.contains("Connected"), "{text}");
}

#[test]
fn only_our_own_host_and_port_are_answered() {
    for (host, ours) in [
        ("localhost:7717", true),
        ("LOCALHOST:7717", true),
        ("127.0.0.1:7717", true),
        ("[::1]:7717", true),
        ("localhost", false),
        ("localhost:7718", false),
        ("rebound.attacker.example:7717", false),
        ("localhost.attacker.example:7717", false),
    ] {
        let request = Request::get("/nothing-here")
            .header(header::HOST, host)
            .body(())
            .unwrap();
        let status = route(&request, 7717, |_| unreachable!()).status();
        assert_eq!(status == StatusCode::NOT_FOUND, ours, "{host}: {status}");
    }
    let twice = Request::get("/nothing-here")
        .header(header::HOST, "localhost:7717")
        .header(header::HOST, "evil.example:7717")
        .body(())
        .unwrap();
    assert_eq!(
        route(&twice, 7717, |_| unreachable!()).status(),
        StatusCode::MISDIRECTED_REQUEST
    );
    let none = Request::get("/nothing-here").body(()).unwrap();
    assert_eq!(
        route(&none, 7717, |_| unreachable!()).status(),
        StatusCode::MISDIRECTED_REQUEST
    );
}
