//! Waiting for the browser's answer: the loopback listener and pasted addresses, whichever
//! comes first.

use super::{OnProgress, PasteInput, Progress};
use crate::error::{Error, Field, Result};
use crate::oauth::authorize::WebSignIn;
use crate::oauth::loopback::LoopbackListener;
use crate::secret::AuthCode;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Waits for the code from the listener (if any) or a pasted address (if any).
pub(super) async fn wait_for_code(
    sign_in: &WebSignIn,
    listener: Option<LoopbackListener>,
    paste: Option<PasteInput>,
    timeout: Duration,
    events: OnProgress<'_>,
    cancel: &CancellationToken,
) -> Result<AuthCode> {
    let stop = cancel.child_token();
    let listen = async {
        match listener {
            Some(listener) => {
                listener
                    .wait(sign_in, timeout, &stop, || {
                        events(Progress::WrongStateIgnored);
                    })
                    .await
            }
            None => tokio::select! {
                () = stop.cancelled() => Err(Error::Cancelled),
                () = tokio::time::sleep(timeout) => Err(Error::TimedOut {
                    waited_secs: timeout.as_secs(),
                    saw_wrong_state: false,
                }),
            },
        }
    };
    let pasted = async {
        match paste {
            Some(receiver) => read_pastes(sign_in, receiver, events).await,
            None => std::future::pending().await,
        }
    };
    let result = tokio::select! {
        result = listen => result,
        result = pasted => result,
    };
    stop.cancel();
    result
}

async fn read_pastes(
    sign_in: &WebSignIn,
    mut receiver: PasteInput,
    events: OnProgress<'_>,
) -> Result<AuthCode> {
    let mut last_problem = None;
    while let Some(text) = receiver.recv().await {
        match sign_in.code_from_pasted(&text) {
            Ok(code) => return Ok(code),
            Err(error @ Error::Input { .. }) => {
                events(Progress::PasteRejected {
                    error: error.to_boundary(),
                });
                last_problem = Some(error);
            }
            Err(refused) => return Err(refused),
        }
    }
    Err(last_problem.unwrap_or_else(|| {
        Error::input(
            Field::RedirectUrl,
            "Nothing was pasted. After you choose Allow in Salesforce, copy the whole address from \
             the browser's address bar (it starts with http://localhost) and paste it.",
        )
    }))
}
