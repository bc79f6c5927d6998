//! Username, password and security token: the OAuth password grant through an app, or SOAP
//! `login()` without one (both being retired by Salesforce: see `oauth/soap.rs`).

use super::SignedIn;
use crate::engine::{AppKeys, Engine, OnProgress, Progress, cancellable};
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::oauth::{soap, token};
use crate::salesforce::Identity;
use crate::secret::{Password, SecurityToken};
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Signs in with a username and password, through `app` when there is one.
    pub(super) async fn sign_in_password(
        &self,
        host: &LoginHost,
        app: Option<&AppKeys>,
        (username, password, token): (&str, &Password, &SecurityToken),
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        events(Progress::SigningIn);
        let http = self.http.client_for(host.origin()).await?;
        let Some(app) = app else {
            let login = soap::login(http, host, username, password, token);
            let session = cancellable(cancel, login).await?;
            return Ok(SignedIn {
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
            });
        };
        let grant = token::password(
            http,
            host,
            &app.client_id,
            &app.client_secret,
            username,
            password,
            token,
        );
        Ok(SignedIn::from(cancellable(cancel, grant).await?))
    }
}
