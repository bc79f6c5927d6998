//! Driving the wizard through `tauri-driver` + `WebKitWebDriver` with `fantoccini` (a
//! maintained W3C WebDriver client), plus the waits these tests need.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub(crate) struct Driver {
    client: Client,
}

impl Driver {
    /// Starts a session for the app at `application`, retrying while the driver starts.
    pub(crate) async fn start(port: u16, application: &str) -> Self {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": application }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            // A new session starts the app; if that app quits at once (it found an instance
            // still on its way out and handed over to it), the session never answers: ask again.
            let attempt = tokio::time::timeout(
                Duration::from_secs(20),
                ClientBuilder::native()
                    .capabilities(capabilities.clone())
                    .connect(&url),
            )
            .await;
            match attempt {
                Ok(Ok(client)) => return Self { client },
                _ if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Ok(Err(err)) => panic!("tauri-driver never answered: {err}"),
                Err(_) => panic!("the app's WebDriver session never started"),
            }
        }
    }

    /// Finds an element by CSS selector, waiting up to 20 s for it to exist.
    pub(crate) async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    /// Runs a script in the page and returns its result.
    pub(crate) async fn script(&self, script: &str, args: Value) -> Value {
        let args = args.as_array().cloned().unwrap_or_default();
        self.client.execute(script, args).await.unwrap()
    }

    /// Visible text of the first match ("" when absent).
    pub(crate) async fn text(&self, css: &str) -> String {
        let value = self
            .script(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                json!([css]),
            )
            .await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Whether the first match is on screen (`innerText` can't tell: a hidden element's is its
    /// text all the same).
    pub(crate) async fn visible(&self, css: &str) -> bool {
        self.script(
            "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0;",
            json!([css]),
        )
        .await
            == json!(true)
    }

    /// Waits until the element's text contains `expected`.
    pub(crate) async fn wait_text(&self, css: &str, expected: &str) -> String {
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
    pub(crate) async fn wait_screen(&self, screen: &str) {
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

    /// Clicks the first match, scrolled to the middle of the window first as a person would
    /// (WebDriver's own scroll leaves it at an edge, under the pinned action bar).
    pub(crate) async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.script(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'center' })",
            json!([element]),
        )
        .await;
        element.click().await.unwrap();
    }

    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Presses a key (e.g. `Key::Right`) with focus on the first match, as a keyboard would.
    pub(crate) async fn press(&self, css: &str, key: fantoccini::key::Key) {
        self.find(css)
            .await
            .send_keys(&key.to_string())
            .await
            .unwrap();
    }

    /// The id of the focused element ("" for none or the page itself).
    pub(crate) async fn focused(&self) -> String {
        let id = self
            .script(
                "return document.activeElement ? document.activeElement.id : ''",
                json!([]),
            )
            .await;
        id.as_str().unwrap_or_default().to_owned()
    }

    /// Controls on the screen in view that a mouse can't reach: each one (but those folded in a
    /// closed `<details>`, which `WebKit` still gives boxes) is scrolled to, and
    /// something else (a sticky header, a bar) covering its centre, or it lying outside the
    /// window, is named. Also names a page wider than the window, a pinned header taller than a
    /// quarter of it, and an action bar (Back / the next step) not in view at the top.
    pub(crate) async fn unreachable_controls(&self) -> Vec<String> {
        let check = "const out = []; \
            const root = document.documentElement; \
            if (root.scrollWidth > innerWidth + 1) out.push(`page is ${root.scrollWidth}px wide in a ${innerWidth}px window`); \
            const scope = [document.querySelector('header'), document.querySelector('section[data-screen]:not([hidden])')]; \
            for (const el of scope.flatMap((s) => [...s.querySelectorAll('button, input, a[href], [tabindex=\"0\"]')])) { \
              if (el.getClientRects().length === 0 || el.disabled) continue; \
              const folded = el.closest('details:not([open])'); \
              if (folded && !folded.querySelector(':scope > summary').contains(el)) continue; \
              el.scrollIntoView({ block: 'center', inline: 'center' }); \
              const r = el.getBoundingClientRect(); \
              const x = r.left + r.width / 2, y = r.top + r.height / 2; \
              const name = el.id || el.textContent.trim().slice(0, 30) || el.outerHTML.slice(0, 60); \
              if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) { out.push(`${name}: outside the window`); continue; } \
              const hit = document.elementFromPoint(x, y); \
              const label = el.labels && el.labels[0]; \
              if (!(hit && (el.contains(hit) || hit.contains(el) || (label && label.contains(hit))))) \
                out.push(`${name}: covered by ${hit ? (hit.id || hit.tagName) : 'nothing'}`); \
            } \
            scrollTo(0, 0); \
            const header = document.querySelector('header'); \
            const pinned = ['sticky', 'fixed'].includes(getComputedStyle(header).position); \
            if (pinned && header.offsetHeight > innerHeight / 4) out.push(`the pinned header takes ${header.offsetHeight}px of ${innerHeight}px`); \
            const bar = scope[1].querySelector('.actions.bar'); \
            if (bar && bar.getClientRects().length > 0) { \
              const r = bar.getBoundingClientRect(); \
              if (r.top < 0 || r.bottom > innerHeight + 1) out.push(`the action bar is not in view without scrolling (${Math.round(r.top)}–${Math.round(r.bottom)} of ${innerHeight}px)`); \
            } \
            return out;";
        let found = self.script(check, json!([])).await;
        serde_json::from_value(found).unwrap()
    }

    /// The window's inner size in CSS pixels, and the device pixel ratio.
    pub(crate) async fn viewport(&self) -> (f64, f64, f64) {
        let v = self
            .script(
                "return [innerWidth, innerHeight, devicePixelRatio]",
                json!([]),
            )
            .await;
        (
            v[0].as_f64().unwrap(),
            v[1].as_f64().unwrap(),
            v[2].as_f64().unwrap(),
        )
    }

    /// Resizes the window (CSS pixels).
    pub(crate) async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// The page's whole visible text.
    pub(crate) async fn page_text(&self) -> String {
        self.text("body").await
    }

    /// Waits until the page has painted its latest changes (two frames and a moment).
    pub(crate) async fn settle(&self) {
        let settle = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));";
        self.client.execute_async(settle, Vec::new()).await.unwrap();
    }

    /// What axe-core (the accessibility engine from npm, injected into this real `WebKit` page)
    /// finds wrong with the page as it is now: one line per violation and element, empty when
    /// none. WCAG 2.x A and AA rules plus axe's best practices.
    pub(crate) async fn accessibility_violations(&self) -> Vec<String> {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let source = AXE.get_or_init(|| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (scripts/setup runs npm ci)", path.display()))
        });
        let loaded = self
            .script("return typeof window.axe === 'object'", json!([]))
            .await;
        if loaded != json!(true) {
            // Defined as a page global: the script runs as the body of a function.
            let install = format!("{source}\nwindow.axe = axe; return true;");
            self.script(&install, json!([])).await;
        }
        let run = "const done = arguments[arguments.length - 1]; \
                   axe.run(document, { resultTypes: ['violations'] }).then( \
                     (r) => done(r.violations.flatMap((v) => v.nodes.map((n) => \
                       `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`))), \
                     (e) => done([`axe failed: ${e}`]));";
        let found = self.client.execute_async(run, Vec::new()).await.unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// Ends the session (the driver closes the app's window).
    pub(crate) async fn quit(&self) {
        let _ = self.client.clone().close().await;
    }
}

/// The processes below `root` (children, grandchildren, …), read from `/proc`.
pub(crate) fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "pid (comm) state ppid …": comm may hold spaces, so read after the last ')'.
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// Waits (up to 15 s) until no process runs `program`: the app is single-instance per desktop
/// session, so a copy still exiting would take over the next launch.
pub(crate) fn wait_until_none_runs(program: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let running = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                entry
                    .file_name()
                    .to_str()
                    .and_then(|name| name.parse::<u32>().ok())
                    .is_some_and(|pid| runs(pid, program))
            })
    };
    while running() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether `pid` runs `program`.
pub(crate) fn runs(pid: u32, program: &std::path::Path) -> bool {
    std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == program)
}

/// Sends `signal` to each of `pids`, then waits (up to 10 s) until they are gone.
pub(crate) fn kill_and_wait(pids: &[u32], signal: &str) {
    for pid in pids {
        let _ = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|pid| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            // A zombie is gone for our purposes: it holds no window and no port.
            .is_ok_and(|stat| {
                stat.rsplit_once(')')
                    .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
            })
    }) && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
}
