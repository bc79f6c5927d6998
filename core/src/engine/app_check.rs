//! Before the browser opens: does Salesforce know this app and its Callback URL?
//!
//! Salesforce checks the Consumer Key and the redirect URI before anyone signs in, and shows
//! its own error page for either (which never reaches our listener). An anonymous `GET` of the
//! authorize link (no cookies, no redirects followed) sees the same answer: `400` with
//! `invalid_client_id` or `redirect_uri_mismatch` in the page. A new or just-edited app is
//! unknown for up to ~10 minutes, so a key that looks right is re-checked until Salesforce
//! knows it. On a Callback URL mismatch one more anonymous `GET` asks whether the app has the
//! old CustomerOS guide's Callback URL, to say exactly what to add. Anything we don't recognise
//! lets the sign-in go ahead: never block on a guess.

use super::{Engine, OnProgress, Progress, cancellable};
use crate::error::{Code, Error, Result};
use crate::oauth::authorize::WebSignIn;
use crate::oauth::refusal::refusal;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// How often an unknown but plausible key is checked again.
const RECHECK: Duration = Duration::from_secs(5);
/// The most of Salesforce's error page that is read.
const PAGE_LIMIT: usize = 64 * 1024;
/// The Callback URL the old CustomerOS guide had admins enter.
const OLD_GUIDE_CALLBACK: &str = "https://login.salesforce.com/";

/// What the authorize link says without a session.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    /// Not an error we recognise: sign in.
    GoAhead,
    /// `invalid_client_id` ("client identifier invalid").
    UnknownKey,
    /// `redirect_uri_mismatch`.
    CallbackMismatch,
}

impl Engine {
    /// Waits (up to `limit`) until Salesforce knows the app, or says why the sign-in can't work.
    pub(super) async fn wait_for_app(
        &self,
        sign_in: &WebSignIn,
        limit: Duration,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<()> {
        let Ok(http) = self.http.client_for(sign_in.host().origin()).await else {
            return Ok(());
        };
        let started = Instant::now();
        loop {
            let answer = cancellable(cancel, async {
                Ok(ask(http, sign_in.authorize_url().as_str()).await)
            })
            .await?;
            match answer {
                Answer::GoAhead => return Ok(()),
                Answer::CallbackMismatch => {
                    let old_guide = cancellable(cancel, async {
                        Ok(has_old_guide_callback(http, sign_in).await)
                    })
                    .await?;
                    return Err(callback_mismatch(sign_in, old_guide));
                }
                Answer::UnknownKey => {
                    let waited = started.elapsed();
                    if !looks_like_a_key(sign_in.client_id()) || waited >= limit {
                        return Err(unknown_key(waited, limit));
                    }
                    events(Progress::WaitingForApp {
                        waited_secs: waited.as_secs(),
                        limit_secs: limit.as_secs(),
                    });
                    tokio::select! {
                        () = cancel.cancelled() => return Err(Error::Cancelled),
                        () = tokio::time::sleep(RECHECK.min(limit.saturating_sub(waited))) => {}
                    }
                }
            }
        }
    }
}

async fn ask(http: &reqwest::Client, url: &str) -> Answer {
    let Ok(mut response) = http.get(url).send().await else {
        return Answer::GoAhead;
    };
    if response.status().as_u16() != 400 {
        return Answer::GoAhead;
    }
    let mut page = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        page.extend_from_slice(&chunk);
        if page.len() >= PAGE_LIMIT {
            break;
        }
    }
    let page = String::from_utf8_lossy(&page).to_ascii_lowercase();
    if page.contains("invalid_client_id") || page.contains("client identifier invalid") {
        Answer::UnknownKey
    } else if page.contains("redirect_uri_mismatch") {
        Answer::CallbackMismatch
    } else {
        Answer::GoAhead
    }
}

/// Whether Salesforce takes the old guide's Callback URL for this app: it sends an anonymous
/// visitor on to its login page (a redirect) instead of an error page.
async fn has_old_guide_callback(http: &reqwest::Client, sign_in: &WebSignIn) -> bool {
    let mut url = sign_in.authorize_url().clone();
    let query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| {
            let value = if name == "redirect_uri" {
                OLD_GUIDE_CALLBACK.into()
            } else {
                value.into_owned()
            };
            (name.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(query);
    http.get(url)
        .send()
        .await
        .is_ok_and(|response| response.status().is_redirection())
}

/// Consumer Keys are one long run (about 85 characters) starting with `3MVG`.
fn looks_like_a_key(key: &str) -> bool {
    key.starts_with("3MVG")
        && key.len() >= 60
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

fn unknown_key(waited: Duration, limit: Duration) -> Error {
    if limit < super::requests::DEFAULT_APP_WAIT && waited < Duration::from_secs(60) {
        // An External Client App, or a Connected App whose Key was saved long ago: waiting
        // won't help (walkthrough 2, M2).
        return Error::Salesforce {
            code: Code::UnknownClientId,
            message: "Salesforce doesn't recognise this Consumer Key, and waiting won't help: \
                      this isn't an app Salesforce is still setting up (an External Client \
                      App's changes apply at once, and a Connected App's within about 10 \
                      minutes). Copy the Key again from this org's app, on its Consumer Key \
                      and Secret page, and paste it again."
                .into(),
            detail: "invalid_client_id: client identifier invalid".into(),
        };
    }
    let error = refusal("invalid_client_id", "client identifier invalid", None);
    if waited.as_secs() >= 60 {
        error.with_note(&format!(
            "sfconnect checked for {} minutes: if the app is new, check that you copied the key \
             from the right app and org.",
            waited.as_secs() / 60
        ))
    } else {
        error
    }
}

fn callback_mismatch(sign_in: &WebSignIn, old_guide: bool) -> Error {
    let callback = sign_in.redirect_uri();
    let message = if old_guide {
        format!(
            "This app was set up with the old CustomerOS guide: its Callback URL is \
             {OLD_GUIDE_CALLBACK}, which only works for copying a code out of the address bar. \
             Edit the app's OAuth settings and add {callback} as a second Callback URL (on its \
             own line; the old one can stay), save, wait a few minutes, and try again. The \
             browser was not opened."
        )
    } else {
        format!(
            "Salesforce refuses this sign-in before it starts: the app's Callback URL doesn't \
             match. In the app's OAuth settings, add exactly {callback} as a Callback URL (one \
             per line), save, wait a few minutes, and try again. The browser was not opened."
        )
    };
    let detail = if old_guide {
        format!("redirect_uri_mismatch; the app accepts {OLD_GUIDE_CALLBACK}")
    } else {
        "redirect_uri_mismatch: redirect_uri must match configuration".into()
    };
    Error::Salesforce {
        code: Code::CallbackUrlMismatch,
        message,
        detail,
    }
}

#[cfg(test)]
#[path = "tests/app_check.rs"]
mod tests;
