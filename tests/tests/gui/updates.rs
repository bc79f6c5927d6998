//! Signed updates: the daily look offers a newer version with what is new; one signed by
//! another key is refused and nothing is installed; an older one is not offered; an oversized
//! manifest is not read; the daily look can be turned off.

use crate::common::gui::{ONE_WINDOW, relaunch};
use crate::common::{bin, free_port};
use serde_json::json;
use std::path::Path;

/// A loopback web server for the update test: serves whatever `files` holds now.
fn serve_files(
    files: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>,
) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body = files.lock().unwrap().get(&path).cloned();
            let mut stream = reader.into_inner();
            let head = match &body {
                Some(b) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_owned(),
            };
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body.unwrap_or_default());
        }
    });
    port
}

/// A minisign signature of `file` by a throwaway key (the Tauri CLI from npm signs it), as the
/// text a manifest carries.
fn signed_by_another_key(dir: &Path, file: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let key = dir.join("other.key");
    let run = |args: &[&str], env: &[(&str, String)]| {
        let out = std::process::Command::new("npx")
            .args(["--no-install", "tauri", "signer"])
            .args(args)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        &[
            "generate",
            "--ci",
            "-p",
            "other",
            "-w",
            key.to_str().unwrap(),
        ],
        &[],
    );
    let secret = std::fs::read_to_string(&key).unwrap();
    run(
        &["sign", file.to_str().unwrap()],
        &[
            ("TAURI_SIGNING_PRIVATE_KEY", secret),
            ("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "other".to_owned()),
        ],
    );
    std::fs::read_to_string(format!("{}.sig", file.display())).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_updates_are_offered_and_one_signed_by_another_key_is_refused() {
    let _one = ONE_WINDOW.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("sfconnect_9.9.9.bin");
    std::fs::write(&package, b"not sfconnect: a package signed by someone else").unwrap();
    let signature = signed_by_another_key(dir.path(), &package);
    let files = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
    let port = serve_files(files.clone());
    let manifest = |version: &str| {
        let entry =
            json!({"url": format!("http://127.0.0.1:{port}/package"), "signature": signature});
        json!({
            "version": version,
            "notes": "Faster sign-in.",
            "pub_date": "2026-11-28T12:00:00Z",
            // This test's app is not installed from a package, so its platform has no installer.
            "platforms": {"linux-x86_64": entry, "linux-x86_64-deb": entry},
        })
        .to_string()
        .into_bytes()
    };
    {
        let mut files = files.lock().unwrap();
        files.insert("/latest.json".to_owned(), manifest("9.9.9"));
        files.insert("/package".to_owned(), std::fs::read(&package).unwrap());
    }
    let app = bin("sfconnect-app");
    let before = std::fs::read(&app).unwrap();
    let url = format!("http://127.0.0.1:{port}/latest.json");
    let gui = relaunch(
        &bin("sim-browser"),
        free_port(),
        tempfile::tempdir().unwrap(),
        &[
            ("SFCONNECT_UPDATES", "on"),
            ("SFCONNECT_UPDATE_URL", url.as_str()),
        ],
    )
    .await;
    let d = &gui.driver;
    d.wait_screen("welcome").await;
    // The daily look, a moment after the first screen: what is new, installed only on OK.
    d.wait_text("#update-offer", "sfconnect 9.9.9 is available")
        .await;
    assert!(d.text("#update-offer").await.contains("Faster sign-in."));
    gui.shot("13-update-offer").await;
    d.click("#update-install").await;
    d.wait_text("#update-error .code", "update_rejected").await;
    let message = d.text("#update-error .message").await;
    assert!(
        message.contains("not signed by sfconnect's release key"),
        "{message}"
    );
    // The updater's own words go to the small support line, not into the admin's sentence.
    assert!(
        message.ends_with("may have been tampered with."),
        "{message}"
    );
    let support_line = d.text("#update-error .code").await;
    assert!(
        support_line.len() > "update_rejected · ".len(),
        "{support_line}"
    );
    gui.shot("13b-update-refused").await;
    assert_eq!(
        std::fs::read(&app).unwrap(),
        before,
        "nothing was installed over the app"
    );
    // A manifest offering an older version: nothing is offered.
    files
        .lock()
        .unwrap()
        .insert("/latest.json".to_owned(), manifest("0.0.1"));
    d.click("section[data-screen='welcome'] .check-updates")
        .await;
    d.wait_text(
        "section[data-screen='welcome'] .update-result",
        "You have the newest version",
    )
    .await;
    // A mirror answering a 2 MiB "manifest" (security review 2, N8): it is not read past 1 MiB
    // and the look says it couldn't look.
    let mut huge = manifest("9.9.9");
    huge.extend(std::iter::repeat_n(b' ', 2 * 1024 * 1024));
    files
        .lock()
        .unwrap()
        .insert("/latest.json".to_owned(), huge);
    d.click("section[data-screen='welcome'] .check-updates")
        .await;
    d.wait_text(
        "section[data-screen='welcome'] .update-result",
        "update_unavailable · the answer is over 1024 KiB",
    )
    .await;
    // Walkthrough 2, M7: the next look's answer replaces the failure, next to the button, and
    // a new offer is brought into view with its Install button.
    files
        .lock()
        .unwrap()
        .insert("/latest.json".to_owned(), manifest("9.9.9"));
    d.click("section[data-screen='welcome'] .check-updates")
        .await;
    d.wait_text(
        "section[data-screen='welcome'] .update-result",
        "sfconnect 9.9.9 is available: see the offer at the top.",
    )
    .await;
    assert!(
        !d.visible("section[data-screen='welcome'] .screen-error")
            .await
    );
    assert!(d.visible("#update-install").await);
    assert_eq!(d.focused().await, "update-install");
    gui.shot("13c-update-after-a-failed-look").await;
    // The daily look can be turned off (Check for updates keeps working).
    let daily = "section[data-screen='welcome'] .daily-update-check";
    assert_eq!(
        d.script(
            "return document.querySelector(arguments[0]).checked",
            json!([daily])
        )
        .await,
        true
    );
    d.click(daily).await;
    let preferences = gui
        .home
        .as_ref()
        .unwrap()
        .path()
        .join("sfconnect/preferences.app.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let saved = std::fs::read_to_string(&preferences).unwrap_or_default();
        if saved.contains("\"update_checks\": false") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not saved: {saved}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    gui.close().await;
}
