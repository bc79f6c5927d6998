//! Client credentials: the app signs in as its Run As user (My Domain address only); no
//! refresh token.

use super::SignedIn;
use crate::engine::{AppKeys, Engine, OnProgress, Progress, cancellable};
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::oauth::token;
use tokio_util::sync::CancellationToken;

impl Engine {
    /// Signs in with the app's client credentials.
    pub(super) async fn sign_in_client_credentials(
        &self,
        host: &LoginHost,
        app: &AppKeys,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<SignedIn> {
        events(Progress::SigningIn);
        let http = self.http.client_for(host.origin()).await?;
        let grant = token::client_credentials(http, host, &app.client_id, &app.client_secret);
        Ok(SignedIn::from(cancellable(cancel, grant).await?))
    }
}
