//! `sim-browser URL`: plays the user's browser for tests. Set `BROWSER` to this program:
//! it follows the authorize redirect to the loopback callback and on to the success page,
//! like a browser whose user presses Allow. Exits 0 when the final page answered 2xx.

fn main() {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: sim-browser URL");
        std::process::exit(2)
    };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        std::process::exit(1)
    };
    if let Err(problem) = runtime.block_on(sfconnect_sim::follow_like_a_browser(&url)) {
        eprintln!("sim-browser: {problem}");
        std::process::exit(1)
    }
}
