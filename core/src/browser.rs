//! Opening the authorize URL in the user's browser.

use std::process::{Command, Stdio};

/// Opens a URL somewhere a person can approve it.
pub trait BrowserOpener: Send + Sync {
    /// Opens `url`; an error means "show the link to the user instead".
    fn open(&self, url: &str) -> Result<(), String>;
}

/// `$BROWSER URL` when `BROWSER` is set, else the system's default browser.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemBrowser;

impl BrowserOpener for SystemBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        match std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
            Some(program) => {
                let mut child = Command::new(&program)
                    .arg(url)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .map_err(|e| {
                        format!("couldn't start {}: {}", program.to_string_lossy(), e.kind())
                    })?;
                // Reap it in the background so it never lingers as a zombie.
                std::thread::spawn(move || child.wait());
                Ok(())
            }
            None => open::that_detached(url)
                .map_err(|e| format!("no browser could be opened: {}", e.kind())),
        }
    }
}

/// Opens nothing: the link is shown for the user to open anywhere (`--no-browser`).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoBrowser;

impl BrowserOpener for NoBrowser {
    fn open(&self, _url: &str) -> Result<(), String> {
        Err("opening a browser was turned off".into())
    }
}
