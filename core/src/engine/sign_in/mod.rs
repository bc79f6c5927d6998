//! Phase one by method, a file each: the browser sign-in, client credentials, the password
//! grant or SOAP login; then who signed in and what will sync.

mod client_credentials;
mod password;
mod web;

use super::{Credentials, Engine, OnProgress, SignInRequest, cancellable};
use crate::app_policies::{self, AppPolicies};
use crate::error::Result;
use crate::oauth::token;
use crate::salesforce::{self, Counts, Identity};
use crate::secret::{AccessToken, RefreshToken};
use tokio_util::sync::CancellationToken;

/// The outcome of signing in, before verification.
pub(super) struct SignedIn {
    pub(super) access_token: AccessToken,
    pub(super) refresh_token: Option<RefreshToken>,
    pub(super) instance_url: String,
    pub(super) soap_identity: Option<Identity>,
}

impl From<token::TokenSet> for SignedIn {
    fn from(tokens: token::TokenSet) -> Self {
        Self {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            instance_url: tokens.instance_url,
            soap_identity: None,
        }
    }
}

impl Engine {
    /// Signs in by the request's method, a file each: [`web`], [`client_credentials`],
    /// [`password`] (the password grant, or SOAP login without an app).
    pub(super) async fn sign_in(
        &self,
        request: &mut SignInRequest,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        let host = &request.login;
        match &mut request.credentials {
            Credentials::Web { app, browser } => {
                // The browser inputs (the paste channel) are used up by this sign-in.
                let browser = std::mem::take(browser);
                self.sign_in_web(host, app, browser, events, cancel).await
            }
            Credentials::ClientCredentials { app } => {
                self.sign_in_client_credentials(host, app, events, cancel)
                    .await
            }
            Credentials::Password {
                app,
                username,
                password,
                security_token,
            } => {
                let secrets = (username.as_str(), &*password, &*security_token);
                self.sign_in_password(host, app.as_ref(), secrets, events, cancel)
                    .await
            }
        }
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

    /// What the app's policies in Setup mean for the destination's own renewals.
    pub(super) async fn read_app_policies(
        &self,
        request: &SignInRequest,
        signed_in: &SignedIn,
        identity: &Identity,
        cancel: &CancellationToken,
    ) -> Result<AppPolicies> {
        let http = self.http.client_for(&signed_in.instance_url).await?;
        let kind = self.settings.load()?.app_kind;
        let destination = request.destination.display_name();
        cancellable(cancel, async {
            let app = app_policies::ForApp {
                kind,
                app_name: destination,
                destination,
                username: &identity.username,
            };
            Ok(
                app_policies::read(http, &signed_in.instance_url, &signed_in.access_token, app)
                    .await,
            )
        })
        .await
    }
}
