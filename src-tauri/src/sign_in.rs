//! The sign-in waiting for the browser: at most one at a time. Starting another cancels the
//! older one, a finished attempt clears only itself, and a pasted address or "Open the link
//! again" reaches the attempt in progress.

use sfconnect_core::{Error, Field, Result};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// The sign-in in progress, if any.
#[derive(Debug, Default)]
pub struct SignIns {
    pending: Mutex<Option<Pending>>,
    attempts: AtomicU64,
}

/// One attempt, as [`SignIns::begin`] hands it out.
#[derive(Debug)]
pub struct Attempt {
    /// Which attempt: a finished older attempt never clears a newer one.
    pub id: u64,
    /// Cancelled by Cancel, by a newer attempt, or by leaving the connection.
    pub cancel: CancellationToken,
    /// Addresses the admin pasted from the browser.
    pub pasted: mpsc::Receiver<String>,
}

#[derive(Debug)]
struct Pending {
    id: u64,
    cancel: CancellationToken,
    paste: mpsc::Sender<String>,
    /// The sign-in link (no secret in it), once known.
    url: Option<String>,
}

impl SignIns {
    fn pending(&self) -> MutexGuard<'_, Option<Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts an attempt, cancelling any older one.
    pub fn begin(&self) -> Attempt {
        let id = self.attempts.fetch_add(1, Ordering::Relaxed);
        let cancel = CancellationToken::new();
        let (paste, pasted) = mpsc::channel(4);
        let new = Pending {
            id,
            cancel: cancel.clone(),
            paste,
            url: None,
        };
        if let Some(old) = self.pending().replace(new) {
            old.cancel.cancel();
        }
        Attempt { id, cancel, pasted }
    }

    /// Remembers attempt `id`'s sign-in link, for "Open the link again".
    pub fn remember_link(&self, id: u64, url: &str) {
        if let Some(pending) = self.pending().as_mut().filter(|p| p.id == id) {
            pending.url = Some(url.to_owned());
        }
    }

    /// Ends attempt `id` (and only it).
    pub fn end(&self, id: u64) {
        let mut pending = self.pending();
        if pending.as_ref().is_some_and(|p| p.id == id) {
            pending.take();
        }
    }

    /// Whether a sign-in is waiting for the browser (an update must not interrupt it).
    pub fn waiting(&self) -> bool {
        self.pending().is_some()
    }

    /// Cancels the sign-in in progress, if any.
    pub fn cancel(&self) {
        if let Some(pending) = self.pending().as_ref() {
            pending.cancel.cancel();
        }
    }

    /// Hands a pasted address to the sign-in in progress.
    pub fn paste(&self, address: String) -> Result<()> {
        let sender = self.pending().as_ref().map(|p| p.paste.clone());
        match sender {
            Some(sender) => sender.try_send(address).map_err(|_| not_waiting()),
            None => Err(not_waiting()),
        }
    }

    /// The sign-in link of the attempt in progress.
    pub fn link(&self) -> Option<String> {
        self.pending().as_ref().and_then(|p| p.url.clone())
    }
}

fn not_waiting() -> Error {
    Error::input(
        Field::RedirectUrl,
        "No sign-in is waiting. Press \"Sign in to Salesforce\" first, then paste the address.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finished older sign-in ends only its own attempt, never a newer one (security review
    /// #15): the newer attempt can still take a pasted address.
    #[test]
    fn an_older_attempt_never_ends_a_newer_one() {
        let sign_ins = SignIns::default();
        let older = sign_ins.begin();
        let mut newer = sign_ins.begin();
        assert!(
            older.cancel.is_cancelled(),
            "starting anew cancels the older attempt"
        );
        sign_ins.end(older.id);
        assert!(
            sign_ins
                .paste("http://localhost:7717/callback?code=x&state=y".into())
                .is_ok()
        );
        assert!(
            newer.pasted.try_recv().is_ok(),
            "the newer attempt still receives"
        );
        sign_ins.end(newer.id);
        assert!(
            sign_ins
                .paste("http://localhost:7717/callback".into())
                .is_err()
        );
    }
}
