//! What the CLI prints: progress on stderr (a live line on a terminal, plain lines
//! otherwise), results on stdout (text, or one JSON object with `--json`).

use serde::Serialize;
use sfconnect_core::app_policies::{AppPolicies, Renewals};
use sfconnect_core::destination::{Destination, ProviderField};
use sfconnect_core::engine::Connected;
use sfconnect_core::salesforce::Counts;
use sfconnect_core::{Error, Progress};
use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Renders progress events on stderr.
#[derive(Debug)]
pub(crate) struct Reporter {
    terminal: bool,
    demo: bool,
    waiting_since: Mutex<Option<Instant>>,
}

impl Reporter {
    /// A reporter for this process's stderr.
    pub(crate) fn new(demo: bool) -> Arc<Self> {
        Arc::new(Self {
            terminal: std::io::stderr().is_terminal(),
            demo,
            waiting_since: Mutex::new(None),
        })
    }

    fn line(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r\x1b[2K");
        }
        let prefix = if self.demo { "[DEMO] " } else { "" };
        let _ = writeln!(err, "{prefix}{}", printable(text));
    }

    fn set_waiting(&self, waiting: bool) {
        let mut since = self
            .waiting_since
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *since = waiting.then(Instant::now);
    }

    /// Prints one event.
    pub(crate) fn event(&self, progress: Progress) {
        if !matches!(
            progress,
            Progress::WrongStateIgnored | Progress::PasteRejected { .. }
        ) {
            self.set_waiting(false);
        }
        match progress {
            Progress::Notice { message } => self.line(&format!("Note: {message}")),
            Progress::WaitingForApp {
                waited_secs,
                limit_secs,
            } => {
                // Said once, then every half minute: the check runs every few seconds.
                if waited_secs == 0 || waited_secs / 30 != waited_secs.saturating_sub(5) / 30 {
                    self.line(&format!(
                        "Salesforce doesn't know this app yet (a new or edited Connected App \
                         can take up to 10 minutes; an External Client App's changes apply at \
                         once, so check its Consumer Key if this lasts). sfconnect keeps checking \
                         and opens the sign-in by itself ({waited_secs} of {limit_secs} s; Ctrl-C \
                         cancels)."
                    ));
                }
            }
            Progress::Listening { redirect_uri } => {
                self.line(&format!("Ready to receive the sign-in at {redirect_uri}"));
            }
            Progress::BrowserSignIn { url, opened: true } => self.line(&format!(
                "Opened the Salesforce sign-in in your browser. If it didn't appear, open this link:\n  {url}"
            )),
            Progress::BrowserSignIn { url, opened: false } => self.line(&format!(
                "Open this link in a browser where you can sign in to Salesforce:\n  {url}"
            )),
            Progress::WaitingForBrowser { timeout_secs } => {
                if !self.terminal {
                    self.line(&format!(
                        "Waiting for you to choose Allow in Salesforce (up to {timeout_secs} s)…"
                    ));
                }
                self.set_waiting(true);
            }
            Progress::WrongStateIgnored => {
                self.line("Ignored a sign-in from an older or different attempt; still waiting.");
            }
            Progress::PasteRejected { error } => {
                self.line(&format!("{} Paste the address again:", error.message));
            }
            Progress::SigningIn => self.line("Signing in to Salesforce…"),
            Progress::Verifying => self.line("Checking the org…"),
            Progress::Verified { identity, counts } => {
                let org = match &identity.org_name {
                    Some(name) => format!("{name} ({})", identity.org_id),
                    None => identity.org_id.clone(),
                };
                self.line(&format!(
                    "✓ Signed in as {} ({}), org {org}",
                    identity.username, identity.name
                ));
                self.line(&format!(
                    "✓ Will sync (the records this user can see): {}",
                    counts_line(&counts)
                ));
            }
            Progress::AppPoliciesRead { policies } => {
                for line in policies_lines(&policies) {
                    self.line(&line);
                }
            }
            Progress::Stored if self.demo => self.line("✓ Secrets kept in memory (demo: the keyring is not touched)"),
            Progress::Stored => self.line("✓ Secrets kept in the system keyring"),
            Progress::NotStored { reason } => self.line(&format!("! Secrets not stored: {reason}")),
            Progress::HandingOff { destination } => self.line(&format!("Connecting {destination}…")),
            Progress::Finished => {}
        }
    }

    /// On a terminal, keeps a live "waiting … 12 s" line while the browser sign-in runs.
    pub(crate) fn spawn_ticker(self: &Arc<Self>) {
        if !self.terminal {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut tick = 0usize;
            loop {
                tokio::time::sleep(Duration::from_millis(120)).await;
                let since = *me
                    .waiting_since
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(since) = since {
                    tick = tick.wrapping_add(1);
                    let mut err = std::io::stderr().lock();
                    let _ = write!(
                        err,
                        "\r\x1b[2K{} Waiting for you to choose Allow in Salesforce… {} s (Ctrl-C cancels)",
                        frames[tick % frames.len()],
                        since.elapsed().as_secs()
                    );
                    let _ = err.flush();
                }
            }
        });
    }
}

/// "1,284 Accounts · 5,310 Contacts · …".
pub(crate) fn counts_line(counts: &Counts) -> String {
    let plural = |object: &str| match object {
        "Opportunity" => "Opportunities".to_owned(),
        other => format!("{other}s"),
    };
    let parts: Vec<String> = sfconnect_core::salesforce::SYNCED_OBJECTS
        .iter()
        .filter_map(|object| counts.get(*object).map(|n| (object, n)))
        .map(|(object, n)| match n {
            Some(n) => format!("{} {}", thousands(*n), plural(object)),
            None => format!("{}: not visible to this user", plural(object)),
        })
        .collect();
    parts.join(" · ")
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Prints a success: JSON on stdout, or a short summary.
pub(crate) fn connected(
    result: &Connected,
    json: bool,
    demo: bool,
    output_file: Option<&std::path::Path>,
) {
    if json {
        print_json(result);
        return;
    }
    let demo_tag = if demo { "DEMO — " } else { "" };
    say!("{demo_tag}Connected.");
    say!(
        "  Salesforce org   {} ({})",
        result.org_id,
        result.instance_url
    );
    say!("  Signed in as     {} ({})", result.username, result.name);
    match result.destination {
        Destination::Customeros => say!(
            "  CustomerOS       Salesforce is {}",
            result.destination_state
        ),
        Destination::Airbyte => {
            let file = output_file
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            say!("  Airbyte          configuration written to {file} (readable only by you)");
            if result.rotates == Some(true) {
                say!(
                    "                   Refresh Token Rotation is on: the connector renews the token on every sync and reports the new one (the Airbyte platform stores it; the file isn't rewritten, so if you run the connector yourself, keep the newest token it reports)."
                );
            }
        }
        Destination::Customerscore => {}
    }
    say!("  Will sync        {}", counts_line(&result.counts));
    say!(
        "  Secrets          {}",
        match (result.stored, demo) {
            (true, true) => "kept in memory for this demo only",
            (true, false) => "kept in the system keyring (service \"sfconnect\")",
            (false, _) => "not stored on this computer",
        }
    );
    if let (Some(mode), Some(fields)) = (result.provider_mode, &result.provider_fields) {
        say!();
        say!("In Customerscore: Settings → Providers → Salesforce, choose \"{mode}\", then enter:");
        print_fields(fields);
    }
}

/// Text for a terminal with every control character (C0, DEL, C1: escape sequences, OSC 52
/// clipboard writes, carriage returns that overwrite a line) and bidirectional override removed,
/// except line breaks. Everything shown in human-readable output passes through here, since
/// names, errors and details come from Salesforce or a user-supplied CustomerOS address.
/// (`--json` needs nothing: JSON escapes control characters.)
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

/// Prints any serialisable value as one JSON line on stdout.
pub(crate) fn print_json(value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(text) => println!("{text}"),
        Err(_) => println!(
            "{{\"status\":\"error\",\"code\":\"internal\",\"message\":\"Couldn't format the result.\"}}"
        ),
    }
}

/// A command that failed.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: Error,
    /// The engine that ran, when there was one: it records the failure, because it knows this
    /// run's secrets and so can redact them (a fresh engine only knows the keyring's).
    pub(crate) engine: Option<sfconnect_core::Engine>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self {
            error,
            engine: None,
        }
    }
}

/// Prints a failure: `{"status":"error","code","message"}` on stdout with `--json`, or the
/// message (and the service's own words, small) on stderr.
pub(crate) fn failed(failure: &Failure, json: bool) {
    let error = &failure.error;
    if json {
        #[derive(Serialize)]
        struct Failed<'a> {
            status: &'static str,
            code: sfconnect_core::Code,
            message: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            detail: Option<&'a str>,
        }
        print_json(&Failed {
            status: "error",
            code: error.code(),
            message: error.to_string(),
            detail: error.detail(),
        });
        return;
    }
    let terminal = std::io::stderr().is_terminal();
    let mut err = std::io::stderr().lock();
    if terminal {
        let _ = write!(err, "\r\x1b[2K");
    }
    let _ = writeln!(err, "Error: {}", printable(&error.to_string()));
    match error.detail() {
        Some(detail) => {
            let _ = writeln!(
                err,
                "  (code: {}; {}: {})",
                error.code(),
                error.detail_source(),
                printable(detail)
            );
        }
        None => {
            let _ = writeln!(err, "  (code: {})", error.code());
        }
    }
    drop(err);
}

/// Field labels and values, and how to see hidden ones.
fn print_fields(fields: &[ProviderField]) {
    for field in fields {
        say!("  {:<26} {}", field.label, field.value);
    }
    if fields
        .iter()
        .any(|f| f.secret && f.value == sfconnect_core::secret::MASK)
    {
        say!("(Secrets are hidden; add --show-secrets to print them.)");
    }
}

/// What sfconnect read in Setup about the app, as the lines `connect` prints.
fn policies_lines(policies: &AppPolicies) -> Vec<String> {
    let app = policies.app.as_deref().unwrap_or("the app");
    let destination = &policies.destination;
    let read = policies.read.join(" ");
    let fix = policies.fix.as_deref().unwrap_or_default();
    let why = policies.why.as_deref().unwrap_or_default();
    let page = policies
        .page_url
        .as_deref()
        .map(|url| format!(" The app's page in Setup: {url}"))
        .unwrap_or_default();
    match policies.renewals {
        Renewals::Work => vec![format!(
            "✓ Salesforce Setup: {app}'s policies let {destination} renew its access. {read}"
        )],
        Renewals::Expire => vec![
            format!("! Salesforce Setup: {app}'s policies end the sign-in: {why}"),
            format!("  To avoid it: {fix}{page}"),
        ],
        Renewals::Fail => vec![
            format!(
                "✗ Salesforce Setup: {app}'s policies will stop {destination}'s renewals. {read} {why}"
            ),
            format!("  Change one setting: {fix}{page}"),
        ],
        Renewals::Unknown => vec![format!(
            "! Salesforce Setup: couldn't tell whether {destination}'s renewals will work. {why}"
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let hostile =
            "Acme\x1b]52;c;cm0gLXJmIH4=\x07 Corp\r\x1b[2KConnected\u{9b}31m \u{202E}txt.exe\u{7f}";
        let shown = printable(hostile);
        assert_eq!(shown, "Acme]52;c;cm0gLXJmIH4= Corp[2KConnected31m txt.exe");
        assert_eq!(printable("two\nlines"), "two\nlines");
        assert_eq!(printable("Zoë Ñuñez — 東京"), "Zoë Ñuñez — 東京");
    }
}
