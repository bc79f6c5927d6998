//! Start-up timing for `bench/run`: when the process started, and the line the first
//! interactive screen prints with where the time went.

/// When this process started (ms since the Unix epoch), for the start-up breakdown.
static STARTED_AT_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

/// When this process started (ms since the Unix epoch), as near `main` as `run` gets.
pub(crate) fn started_at_ms() -> f64 {
    *STARTED_AT_MS.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    })
}

/// The first screen is interactive: `bench/run` times launches by this line on stderr, and
/// reads where the time went from the page's own clock (`marks`: milliseconds since the Unix
/// epoch when the page began loading, when its HTML was parsed, when its state arrived).
pub(crate) fn first_screen_ready(marks: &std::collections::BTreeMap<String, f64>) {
    if std::env::var_os("SFCONNECT_REPORT_READY").is_none() {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let started = started_at_ms();
    let phases: Vec<String> = marks
        .iter()
        .map(|(name, at)| format!("{name}={:.0}", at - started))
        .collect();
    eprintln!(
        "sfconnect: first screen ready ({} ready={:.0} ms after start)",
        phases.join(" "),
        now - started
    );
}

/// The wizard couldn't start: the reason goes to the wizard's log (where the support report
/// reads it), to stderr, and, where a desktop launch has no terminal to show stderr (Windows;
/// release builds have no console), into a native message box, so the wizard never vanishes
/// without a word. Then the process ends with status 1.
pub(crate) fn fail(message: &str) -> ! {
    log_line("ERROR", message);
    eprintln!("sfconnect couldn't start: {message}");
    #[cfg(windows)]
    {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("sfconnect couldn't start")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1);
}

/// What the admin reads when the system's web view is missing (Windows without the `WebView2`
/// Runtime: older Windows 10, Server, LTSC, a copy without its installer).
pub(crate) const NO_WEBVIEW: &str = "sfconnect's window needs the Microsoft Edge WebView2 \
Runtime, and this computer doesn't have it. Install the \"Evergreen\" WebView2 Runtime from \
https://developer.microsoft.com/microsoft-edge/webview2/ (or ask your IT team to), then start \
sfconnect again. Nothing was changed; the command-line tool (sfconnect.exe) works without it.";

/// Whether the system's web view is there (always on Linux and macOS, whose builds link it).
pub(crate) fn webview_missing() -> bool {
    cfg!(windows) && tauri::webview_version().is_err()
}

/// Sends panics to the wizard's log too (a release build on Windows has no stderr), after the
/// default hook's report. sfconnect's panic messages hold no secret (secrets are redacting
/// newtypes whose `Debug` and `Display` say so).
pub(crate) fn log_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        log_line("ERROR", &format!("the wizard stopped unexpectedly: {info}"));
        default(info);
    }));
}

/// Appends one line, in tauri-plugin-log's format, to the wizard's log file: for what happens
/// before (or without) the log plugin.
fn log_line(level: &str, message: &str) {
    use std::io::Write;
    let Some(dir) = sfconnect_core::engine::wizard_log_dir() else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let file = dir.join(format!("{}.log", sfconnect_core::engine::WIZARD_LOG_NAME));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let when = sfconnect_core::engine::utc_time(now);
    let line = format!("[{when}][sfconnect_app][{level}] {message}\n");
    if let Ok(mut log) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
    {
        let _ = log.write_all(line.as_bytes());
    }
}
