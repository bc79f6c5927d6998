//! Earlier sign-ins of one connection. Signing in again gives Salesforce a new grant; the one it
//! replaces may still be held by a destination, so it is never dropped and never revoked behind
//! a destination's back: it is set aside (in the keyring, with the host and app that issued it)
//! and revoked once the new sign-in has been handed to the same place, or at Disconnect.

use super::Engine;
use crate::error::Result;
use crate::login_host::LoginHost;
use crate::oauth::revoke::{self, Revoked};
use crate::secret::{ClientSecret, RefreshToken};
use crate::store::{SecretName, SecretStore, Settings};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use zeroize::Zeroizing;

/// One earlier grant. Deliberately not `Debug`: it holds secrets.
#[derive(Serialize, Deserialize)]
struct EarlierSignIn {
    refresh_token: String,
    login_url: String,
    client_id: String,
    #[serde(default)]
    client_secret: Option<String>,
    /// Where it was handed (`customeros <url>`, `airbyte`), or none when it never was.
    #[serde(default)]
    delivered_to: Option<String>,
}

impl Drop for EarlierSignIn {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.refresh_token.zeroize();
        if let Some(secret) = &mut self.client_secret {
            secret.zeroize();
        }
    }
}

/// Where a hand-off of the kept sign-in goes now, as recorded with it ([`Settings::handed_to`]).
pub(super) fn hand_off_place(settings: &Settings) -> String {
    replaced_at(settings)
        .unwrap_or_else(|| settings.destination.unwrap_or_default().as_str().to_owned())
}

/// Where a new hand-off replaces what was there before: a CustomerOS workspace keeps one
/// Salesforce connection, so handing it the new sign-in replaces its old one. A file or
/// values pasted by hand replace nothing sfconnect can see (an Airbyte source may still run on
/// an earlier sign-in), so those earlier sign-ins wait for Disconnect.
fn replaced_at(settings: &Settings) -> Option<String> {
    (settings.destination == Some(crate::destination::Destination::Customeros)).then(|| {
        format!(
            "customeros {}",
            settings.customeros_url.as_deref().unwrap_or_default()
        )
    })
}

/// What revoking the earlier sign-ins did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Retired {
    /// Salesforce confirmed them revoked, or already invalid.
    pub(super) dead: u32,
    /// Still kept: Salesforce didn't confirm, or a destination may still use them.
    pub(super) kept: u32,
}

impl Engine {
    /// The earlier sign-ins kept (none when the keyring can't be read: then there is nothing
    /// sfconnect could revoke anyway).
    fn earlier(&self) -> Result<Vec<EarlierSignIn>> {
        Ok(self
            .kept_secret(SecretName::EarlierSignIns)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    fn keep_earlier(&self, list: &[EarlierSignIn], stored: bool) -> Result<()> {
        if list.is_empty() {
            self.session.delete(SecretName::EarlierSignIns)?;
            // Best effort: an entry the keyring keeps only lists tokens already dead.
            let _ = self.store.delete(SecretName::EarlierSignIns);
        } else {
            let text = Zeroizing::new(serde_json::to_string(list).unwrap_or_default());
            self.session.put(SecretName::EarlierSignIns, &text)?;
            if stored {
                self.store.put(SecretName::EarlierSignIns, &text)?;
            }
        }
        let count = u32::try_from(list.len()).unwrap_or(u32::MAX);
        self.update(|s| s.earlier_sign_ins = count)
    }

    /// Before a new sign-in replaces the kept one: set the kept grant aside, with its issuer
    /// and where it was handed.
    pub(super) fn set_aside_kept(&self, settings: &Settings) -> Result<()> {
        // A keyring that can't be read holds nothing this run could set aside.
        let (Some(refresh), Some(issuer)) = (
            self.kept_secret(SecretName::RefreshToken).ok().flatten(),
            settings.token_issuer.clone(),
        ) else {
            return Ok(());
        };
        let mut list = self.earlier()?;
        if list.iter().any(|e| e.refresh_token == *refresh) {
            return Ok(());
        }
        list.push(EarlierSignIn {
            refresh_token: refresh.to_string(),
            login_url: issuer.login_url,
            client_id: issuer.client_id,
            client_secret: self
                .kept_secret(SecretName::ClientSecret)
                .ok()
                .flatten()
                .map(|s| s.to_string()),
            delivered_to: settings.handed_to.clone(),
        });
        tracing::debug!(count = list.len(), "an earlier sign-in was set aside");
        self.keep_earlier(&list, settings.stored)
    }

    /// After the kept sign-in was handed over: revoke the earlier ones nobody else can hold
    /// now (never handed anywhere, or handed to the place that now has the new one).
    pub(super) async fn retire_replaced(&self, cancel: &CancellationToken) -> Result<Retired> {
        let settings = self.settings.load()?;
        let here = replaced_at(&settings);
        self.retire(&settings, cancel, |e| match &e.delivered_to {
            None => true,
            Some(to) => Some(to) == here.as_ref(),
        })
        .await
    }

    /// Revokes every earlier sign-in (Disconnect).
    pub(super) async fn retire_all(&self, cancel: &CancellationToken) -> Result<Retired> {
        let settings = self.settings.load()?;
        self.retire(&settings, cancel, |_| true).await
    }

    async fn retire(
        &self,
        settings: &Settings,
        cancel: &CancellationToken,
        revocable: impl Fn(&EarlierSignIn) -> bool,
    ) -> Result<Retired> {
        let list = self.earlier()?;
        if list.is_empty() {
            return Ok(Retired::default());
        }
        let mut still = Vec::new();
        let mut dead = 0;
        for earlier in list {
            if !revocable(&earlier) || cancel.is_cancelled() {
                still.push(earlier);
                continue;
            }
            match self.revoke_earlier(&earlier).await {
                Ok(Revoked::Now | Revoked::AlreadyDead) => dead += 1,
                Err(error) => {
                    tracing::debug!(
                        code = error.code().as_str(),
                        "an earlier sign-in stays kept"
                    );
                    still.push(earlier);
                }
            }
        }
        let kept = u32::try_from(still.len()).unwrap_or(u32::MAX);
        self.keep_earlier(&still, settings.stored)?;
        Ok(Retired { dead, kept })
    }

    async fn revoke_earlier(&self, earlier: &EarlierSignIn) -> Result<Revoked> {
        let login = LoginHost::parse(&earlier.login_url)?;
        let secret = earlier.client_secret.as_deref().map(ClientSecret::new);
        let client = revoke::Client {
            id: &earlier.client_id,
            secret: secret.as_ref(),
        };
        let token = RefreshToken::new(earlier.refresh_token.as_str());
        let http = self.http.client_for(login.origin()).await?;
        revoke::revoke(http, &login, &token, &client).await
    }

    /// The earlier sign-ins' secret values, for the support report's redaction.
    pub(super) fn earlier_secret_values(&self) -> Vec<Zeroizing<String>> {
        self.earlier()
            .unwrap_or_default()
            .iter()
            .flat_map(|e| {
                std::iter::once(Zeroizing::new(e.refresh_token.clone()))
                    .chain(e.client_secret.clone().map(Zeroizing::new))
            })
            .collect()
    }
}
