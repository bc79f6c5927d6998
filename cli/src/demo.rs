//! `--demo`: the whole flow against the simulators, started in this process.

use sfconnect_core::browser::BrowserOpener;
use sfconnect_sim::Sims;

/// Plays the user's browser in demo mode: follows the sign-in link (the simulated
/// Salesforce approves at once) back to our loopback listener.
#[derive(Debug, Default)]
pub struct SimulatedBrowser;

impl BrowserOpener for SimulatedBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        let url = url.to_owned();
        tokio::spawn(async move { sfconnect_sim::follow_like_a_browser(&url).await });
        Ok(())
    }
}

/// Starts the simulators with a callback on a free port (7717 when free).
pub async fn start(preferred: &[u16]) -> Result<(Sims, u16), sfconnect_core::Error> {
    let port = preferred
        .iter()
        .copied()
        .chain([sfconnect_core::oauth::loopback::DEFAULT_PORT, 0])
        .find_map(|p| {
            let v4 = std::net::TcpListener::bind(("127.0.0.1", p)).ok()?;
            v4.local_addr().ok().map(|a| a.port())
        })
        .unwrap_or(sfconnect_core::oauth::loopback::DEFAULT_PORT);
    let sims = sfconnect_sim::start(&[port])
        .await
        .map_err(|e| sfconnect_core::Error::File {
            message: format!(
                "Couldn't start the demo simulators on this computer ({}).",
                e.kind()
            ),
        })?;
    Ok((sims, port))
}
