//! A minimal W3C WebDriver client over plain HTTP, enough to drive the wizard through
//! `tauri-driver` + `WebKitWebDriver`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub struct Driver {
    http: reqwest::Client,
    base: String,
    session: String,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    /// Starts a session for the app at `application`, retrying while the driver starts.
    pub async fn start(port: u16, application: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let body = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application}
        }}});
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match http
                .post(format!("{base}/session"))
                .json(&body)
                .send()
                .await
            {
                Ok(response) => {
                    let value: Value = response.json().await.unwrap();
                    let session = value["value"]["sessionId"]
                        .as_str()
                        .unwrap_or_else(|| panic!("no session: {value}"))
                        .to_owned();
                    return Self {
                        http,
                        base,
                        session,
                    };
                }
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await
                }
                Err(err) => panic!("tauri-driver never answered: {err}"),
            }
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{}", self.base, self.session, path);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let value: Value = request.send().await.unwrap().json().await.unwrap();
        value["value"].clone()
    }

    /// Finds an element by CSS selector, waiting up to 20 s for it to exist.
    pub async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let value = self
                .call(
                    reqwest::Method::POST,
                    "/element",
                    Some(json!({"using": "css selector", "value": css})),
                )
                .await;
            if let Some(id) = value[ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(Instant::now() < deadline, "no element {css}: {value}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs a script in the page and returns its result.
    pub async fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    /// Visible text of the first match ("" when absent).
    pub async fn text(&self, css: &str) -> String {
        let value = self
            .script(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                json!([css]),
            )
            .await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the element's text contains `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = self.text(css).await;
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed {expected:?}; it shows {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until this screen is the one shown.
    pub async fn wait_screen(&self, screen: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let shown = self
                .script("const s = document.querySelector('section[data-screen]:not([hidden])'); return s ? s.dataset.screen : '';", json!([]))
                .await;
            if shown == screen {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "screen {screen} never appeared (showing {shown})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/click"),
            Some(json!({})),
        )
        .await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/clear"),
            Some(json!({})),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// The page's whole visible text.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// Waits until the page has painted its latest changes (two frames and a moment).
    pub async fn settle(&self) {
        let settle = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));";
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": settle, "args": []})),
        )
        .await;
    }

    pub async fn quit(&self) {
        let _ = self
            .http
            .delete(format!("{}/session/{}", self.base, self.session))
            .send()
            .await;
    }
}
