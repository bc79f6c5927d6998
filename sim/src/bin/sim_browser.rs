//! `sim-browser URL`: plays the user's browser for tests. Set `BROWSER` to this program:
//! it follows the authorize redirect to the loopback callback and on to the success page,
//! like a browser whose user presses Allow (on the simulator's login and Allow pages too).
//! Exits 0 when the final page answered 2xx.
//!
//! `SIM_BROWSER_DENY_ONCE=FILE`: the first run (FILE doesn't exist yet: it is made) presses
//! Deny instead; later runs press Allow. A test's "Deny, then Try again".

use sfconnect_sim::Decision;

fn main() {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: sim-browser URL");
        std::process::exit(2)
    };
    let decision = match std::env::var_os("SIM_BROWSER_DENY_ONCE") {
        Some(marker) if std::fs::File::create_new(&marker).is_ok() => Decision::Deny,
        _ => Decision::Allow,
    };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        std::process::exit(1)
    };
    if let Err(problem) = runtime.block_on(sfconnect_sim::follow_deciding(&url, decision)) {
        eprintln!("sim-browser: {problem}");
        std::process::exit(1)
    }
}
