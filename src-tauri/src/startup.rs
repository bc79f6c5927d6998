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
