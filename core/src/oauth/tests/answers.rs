//! Unit tests of `answers`.

use super::*;
use http_body_util::BodyExt;

#[tokio::test]
async fn the_page_after_allow_claims_no_success_before_the_exchange() {
    let request = Request::get("/done").body(()).unwrap();
    let response = route(&request, |_| unreachable!("not the callback"));
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("Return to sfconnect to finish"), "{text}");
    assert!(!text.contains("Connected"), "{text}");
}
