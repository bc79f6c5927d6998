//! `sim-browser URL`: plays the user's browser for tests. Set `BROWSER` to this program:
//! it follows the authorize redirect to the loopback callback and on to the success page,
//! like a browser whose user presses Allow. Exits 0 when the final page answered 2xx.

fn main() {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: sim-browser URL");
        std::process::exit(2)
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(_) => std::process::exit(1),
    };
    let code = runtime.block_on(async move {
        let Ok(client) = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::limited(10))
            .build()
        else {
            return 1;
        };
        match client.get(&url).send().await {
            Ok(response) if response.status().is_success() => 0,
            Ok(response) => {
                eprintln!(
                    "sim-browser: {} answered {}",
                    response.url().path(),
                    response.status()
                );
                1
            }
            Err(err) => {
                eprintln!("sim-browser: {err}");
                1
            }
        }
    });
    std::process::exit(code)
}
