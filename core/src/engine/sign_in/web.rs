//! The browser sign-in: authorization code + PKCE, caught on the loopback listener (or pasted
//! from a browser elsewhere). The only method that gives a refresh token.

use super::SignedIn;
use crate::engine::wait::wait_for_code;
use crate::engine::{AppKeys, Engine, OnProgress, Progress, SignInInputs, cancellable};
use crate::error::{Code, Error, Result};
use crate::login_host::LoginHost;
use crate::oauth::authorize::WebSignIn;
use crate::oauth::loopback::LoopbackListener;
use crate::oauth::ports::{DEFAULT_PORT, redirect_uri};
use crate::oauth::token;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Signs in through the browser and exchanges the code; refuses an answer without a
    /// refresh token.
    pub(super) async fn sign_in_web(
        &self,
        host: &LoginHost,
        app: &AppKeys,
        inputs: SignInInputs,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        let listener = match LoopbackListener::bind(&inputs.ports).await {
            Ok(listener) => Some(listener),
            // Only when the admin chose to paste from a browser elsewhere (none opened here)
            // may the listener be skipped. Otherwise the browser would be sent to a port
            // someone else holds, who could show it any page they like.
            Err(Error::PortInUse { .. }) if inputs.paste.is_some() && !inputs.open_browser => None,
            Err(err) => return Err(err),
        };
        let port = listener
            .as_ref()
            .map(LoopbackListener::port)
            .or_else(|| inputs.ports.first().copied())
            .unwrap_or(DEFAULT_PORT);
        let sign_in = WebSignIn::new(
            host.clone(),
            &app.client_id,
            redirect_uri(port),
            &inputs.scope,
        )?;
        tracing::debug!(port, "listening for the sign-in");
        if listener.is_some() {
            events(Progress::Listening {
                redirect_uri: sign_in.redirect_uri().into(),
            });
        }
        self.wait_for_app(&sign_in, inputs.app_wait, events, cancel)
            .await?;
        let url = sign_in.authorize_url().to_string();
        let opened = inputs.open_browser && self.browser.open(&url).is_ok();
        tracing::debug!(opened, "browser sign-in started");
        events(Progress::BrowserSignIn { url, opened });
        events(Progress::WaitingForBrowser {
            timeout_secs: inputs.timeout.as_secs(),
        });
        let code = wait_for_code(
            &sign_in,
            listener,
            inputs.paste,
            inputs.timeout,
            events,
            cancel,
        )
        .await?;
        tracing::debug!("authorization code received");
        events(Progress::SigningIn);
        let http = self.http.client_for(host.origin()).await?;
        let exchange = token::exchange_code(http, &sign_in, &app.client_secret, &code);
        let tokens = cancellable(cancel, exchange).await?;
        if tokens.refresh_token.is_none() {
            return Err(Error::Salesforce {
                code: Code::NoRefreshToken,
                message: "Salesforce didn't give a refresh token. Add the scope Perform requests \
                          at any time (refresh_token, offline_access) to the app, save, and sign \
                          in again."
                    .into(),
                detail: format!("scope: {}", tokens.scope.clone().unwrap_or_default()),
            });
        }
        Ok(SignedIn::from(tokens))
    }
}
