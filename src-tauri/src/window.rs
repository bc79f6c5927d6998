//! The main window: brought back after a sign-in or a second launch, drawn without GPU
//! compositing, fitted to the screen.

use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Manager, Runtime};

/// Whether a webview may show `url`: only the app's own pages (`tauri://localhost` on Linux and
/// macOS, `http(s)://tauri.localhost` on Windows). Links out go to the system browser through
/// the engine instead; a page script can't take the trusted window elsewhere.
pub(crate) fn is_our_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// A guard on every webview's navigation (security review 2, N6): anything but our own pages is
/// refused.
pub(crate) fn stay_on_our_pages<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("stay-on-our-pages")
        .on_navigation(|_webview, url| {
            let ours = is_our_page(url);
            if !ours {
                tracing::warn!(
                    scheme = url.scheme(),
                    "navigation away from the app refused"
                );
            }
            ours
        })
        .build()
}

/// Opens the main window from its configuration (`tauri.conf.json`, `"create": false`) with
/// a guard on new windows (security review 2, N6): `window.open` is refused. `WebView2` would
/// otherwise open the address in a popup of its own, outside the navigation guard; WebKitGTK
/// and `WKWebView` open nothing without a handler, so this is the same answer on every OS.
pub(crate) fn open_main<R: Runtime>(app: &tauri::App<R>) -> tauri::Result<tauri::WebviewWindow<R>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == "main")
        .cloned()
        .unwrap_or_default();
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_new_window(|url, _features| {
            tracing::warn!(scheme = url.scheme(), "a new window refused");
            tauri::webview::NewWindowResponse::Deny
        })
        .build()
}

/// Brings the wizard's window to the front (after Allow in the browser, the admin's next step
/// is here).
pub(crate) fn bring_back<R: Runtime>(app: &impl Manager<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// The wizard is a few static forms: WebKitGTK's GPU compositing buys it nothing, yet costs
/// about 70 MB in the web process and 100–200 ms before the first screen (and is the usual
/// cause of blank windows on some GPU drivers). Set before the page reaches the web process.
pub(crate) fn draw_without_gpu_compositing(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// The default window (1100×760) is taller than a laptop screen at 200 % (640×400) or than its
/// work area once a panel takes its share: shrink it to what the screen offers, and centre it.
pub(crate) fn fit_to_screen(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    let Some(monitor) = window.current_monitor()? else {
        return Ok(());
    };
    let area = *monitor.work_area();
    let size = window.outer_size()?;
    let fitted = tauri::PhysicalSize::new(
        size.width.min(area.size.width),
        size.height.min(area.size.height),
    );
    if fitted != size {
        window.set_size(fitted)?;
        // Centred by hand: `center()` can run before the new size lands and misplace it.
        let margin = |free: u32| i32::try_from(free / 2).unwrap_or(0);
        window.set_position(tauri::PhysicalPosition::new(
            area.position.x + margin(area.size.width - fitted.width),
            area.position.y + margin(area.size.height - fitted.height),
        ))?;
    }
    Ok(())
}

/// The admin said yes to closing the demo: the next close request goes through.
static DEMO_CLOSE_CONFIRMED: AtomicBool = AtomicBool::new(false);

/// Closing the window mid-demo asks first (walkthrough 2, L12): nothing of a demo is kept, so
/// a stray click on the close box would lose it all. A real setup resumes where it was, so it
/// closes at once.
pub(crate) fn ask_before_closing_the_demo<R: Runtime>(
    window: &tauri::Window<R>,
    event: &tauri::WindowEvent,
) {
    let tauri::WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let state = window.state::<crate::state::AppState>();
    if !state.in_demo() || DEMO_CLOSE_CONFIRMED.load(Ordering::SeqCst) {
        return;
    }
    api.prevent_close();
    let (window, script) = (window.clone(), state.dialog_script());
    tauri::async_runtime::spawn(async move {
        if crate::dialogs::confirm_closing_the_demo(window.app_handle(), script).await {
            DEMO_CLOSE_CONFIRMED.store(true, Ordering::SeqCst);
            let _ = window.close();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::is_our_page;

    #[test]
    fn only_our_own_pages_are_shown() {
        for ours in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ] {
            assert!(
                ours.parse::<tauri::Url>().is_ok_and(|u| is_our_page(&u)),
                "{ours}"
            );
        }
        for other in [
            "http://127.0.0.1:9/escape",
            "https://evil.example/?s=1",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "https://tauri.localhost.evil.example/",
        ] {
            assert!(
                other.parse::<tauri::Url>().is_ok_and(|u| !is_our_page(&u)),
                "{other}"
            );
        }
    }
}
