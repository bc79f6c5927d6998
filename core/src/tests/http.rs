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
