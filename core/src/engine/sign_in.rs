//! Phase one by method: the browser sign-in, client credentials, the password grant or SOAP
//! login; then who signed in and what will sync.

use super::checks::require_secret;
use super::wait::wait_for_code;
use super::{Engine, Method, OnProgress, Progress, SignInRequest, cancellable};
use crate::error::{Code, Error, Field, Result};
use crate::oauth::authorize::WebSignIn;
use crate::oauth::loopback::LoopbackListener;
use crate::oauth::ports::redirect_uri;
use crate::oauth::{soap, token};
use crate::salesforce::{self, Counts, Identity};
use crate::secret::{AccessToken, RefreshToken, SecurityToken};
use tokio_util::sync::CancellationToken;

/// The outcome of signing in, before verification.
pub(super) struct SignedIn {
    pub(super) access_token: AccessToken,
    pub(super) refresh_token: Option<RefreshToken>,
    pub(super) instance_url: String,
    pub(super) soap_identity: Option<Identity>,
}

impl Engine {
    /// Signs in by the request's method (browser, client credentials, password or SOAP).
    pub(super) async fn sign_in(
        &self,
        request: &mut SignInRequest,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        let http = &self.http;
        let host = &request.login;
        let at_host = host.origin();
        let from_tokens = |t: token::TokenSet| SignedIn {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            instance_url: t.instance_url,
            soap_identity: None,
        };
        let signed_in = match request.method {
            Method::Web => {
                let secret = require_secret(request.client_secret.as_ref())?.clone();
                let inputs = std::mem::take(&mut request.sign_in);
                let listener = match LoopbackListener::bind(&inputs.ports).await {
                    Ok(listener) => Some(listener),
                    // Only when the admin chose to paste from a browser elsewhere (none opened
                    // here) may the listener be skipped. Otherwise the browser would be sent to
                    // a port someone else holds, who could show it any page they like.
                    Err(Error::PortInUse { .. })
                        if inputs.paste.is_some() && !inputs.open_browser =>
                    {
                        None
                    }
                    Err(err) => return Err(err),
                };
                let port = listener
                    .as_ref()
                    .map(LoopbackListener::port)
                    .or_else(|| inputs.ports.first().copied())
                    .unwrap_or(crate::oauth::ports::DEFAULT_PORT);
                let sign_in = WebSignIn::new(
                    host.clone(),
                    &request.client_id,
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
                let tokens = cancellable(
                    cancel,
                    token::exchange_code(http.client_for(at_host).await?, &sign_in, &secret, &code),
                )
                .await?;
                if tokens.refresh_token.is_none() {
                    return Err(Error::Salesforce {
                        code: Code::NoRefreshToken,
                        message: "Salesforce didn't give a refresh token. Add the scope Perform \
                                  requests at any time (refresh_token, offline_access) to the \
                                  app, save, and sign in again."
                            .into(),
                        detail: format!("scope: {}", tokens.scope.clone().unwrap_or_default()),
                    });
                }
                from_tokens(tokens)
            }
            Method::ClientCredentials => {
                events(Progress::SigningIn);
                let secret = require_secret(request.client_secret.as_ref())?;
                from_tokens(
                    cancellable(
                        cancel,
                        token::client_credentials(
                            http.client_for(at_host).await?,
                            host,
                            &request.client_id,
                            secret,
                        ),
                    )
                    .await?,
                )
            }
            Method::Password => {
                events(Progress::SigningIn);
                let username = request
                    .username
                    .clone()
                    .filter(|u| !u.trim().is_empty())
                    .ok_or_else(|| {
                        Error::input(
                            Field::Username,
                            "Enter the Salesforce username (it looks like an email address).",
                        )
                    })?;
                let password = request
                    .password
                    .clone()
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| {
                        Error::input(
                            Field::Password,
                            "Enter the Salesforce password (set SFCONNECT_PASSWORD when running \
                             without a terminal).",
                        )
                    })?;
                let token = request
                    .security_token
                    .clone()
                    .unwrap_or_else(|| SecurityToken::new(""));
                if request.client_id.is_empty() {
                    let session = cancellable(
                        cancel,
                        soap::login(
                            http.client_for(at_host).await?,
                            host,
                            username.trim(),
                            &password,
                            &token,
                        ),
                    )
                    .await?;
                    SignedIn {
                        access_token: session.session_id,
                        refresh_token: None,
                        instance_url: session.instance_url,
                        soap_identity: Some(Identity {
                            org_id: session.org_id,
                            username: session.username,
                            name: session.full_name,
                            email: String::new(),
                            org_name: session.org_name,
                        }),
                    }
                } else {
                    let secret = require_secret(request.client_secret.as_ref())?;
                    from_tokens(
                        cancellable(
                            cancel,
                            token::password(
                                http.client_for(at_host).await?,
                                host,
                                &request.client_id,
                                secret,
                                username.trim(),
                                &password,
                                &token,
                            ),
                        )
                        .await?,
                    )
                }
            }
        };
        Ok(signed_in)
    }

    /// Who signed in, and what will sync.
    pub(super) async fn verify(
        &self,
        signed_in: &SignedIn,
        cancel: &CancellationToken,
    ) -> Result<(Identity, Counts)> {
        let http = self.http.client_for(&signed_in.instance_url).await?;
        let instance = signed_in.instance_url.trim_end_matches('/');
        let token = &signed_in.access_token;
        // Who signed in and the record counts are asked at once (one round trip, not two);
        // an identity failure is reported first, as it is the more telling one.
        let identity = async {
            match &signed_in.soap_identity {
                Some(identity) => Ok(identity.clone()),
                None => salesforce::identity(http, instance, token).await,
            }
        };
        let (identity, counts) = cancellable(cancel, async {
            Ok(tokio::join!(
                identity,
                salesforce::counts(http, instance, token)
            ))
        })
        .await?;
        Ok((identity?, counts?))
    }
}
