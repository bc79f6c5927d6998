//! The kept grant: the refresh token, with the login host and app that issued it. It is
//! refreshed once, before its first hand-off (keeping the newest token: Salesforce's Refresh
//! Token Rotation hands out a new one and kills the old), and afterwards only introspected,
//! because a destination then holds it too. Revoking happens at the issuer and counts only when
//! Salesforce confirms it; a grant obtained in a run that then fails is withdrawn, never
//! dropped.

use super::{
    Engine, OnProgress, Progress, SalesforceSays, SignInRequest, StorePolicy, cancellable,
};
use crate::destination::SalesforceCredentials;
use crate::error::{Code, Error, Result};
use crate::login_host::LoginHost;
use crate::oauth::introspect;
use crate::oauth::revoke::{self, Revoked};
use crate::oauth::token::{self, TokenSet};
use crate::secret::{ClientSecret, RefreshToken};
use crate::store::{SecretName, Settings, TokenIssuer};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long withdrawing a just-issued grant may take after the run itself failed.
const WITHDRAW_LIMIT: Duration = Duration::from_secs(15);

/// Who issued the kept refresh token: recorded with it, else (settings from before that was
/// recorded) the saved login address and Consumer Key.
pub(super) fn issuer(settings: &Settings) -> Result<TokenIssuer> {
    match &settings.token_issuer {
        Some(issuer) => Ok(issuer.clone()),
        None => Ok(TokenIssuer {
            login_url: settings.login_url.clone().unwrap_or_default(),
            client_id: settings.client_id.clone().unwrap_or_default(),
        }),
    }
}

impl Engine {
    /// Refreshes the kept sign-in at its issuer. A rotated refresh token replaces the old one
    /// where that was kept, before anything else uses it.
    async fn refresh_kept(
        &self,
        settings: &Settings,
        credentials: &SalesforceCredentials,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<TokenSet> {
        let login = LoginHost::parse(&issuer(settings)?.login_url)?;
        let tokens = cancellable(
            cancel,
            token::refresh(
                self.http.client_for(login.origin()).await?,
                &login,
                &credentials.client_id,
                &credentials.client_secret,
                &credentials.refresh_token,
            ),
        )
        .await?;
        if let Some(newest) = &tokens.refresh_token
            && newest.expose() != credentials.refresh_token.expose()
        {
            tracing::debug!("the refresh token was rotated; keeping the new one");
            self.keep_rotated(newest, settings, events)?;
        }
        Ok(tokens)
    }

    /// Before the first hand-off of a sign-in, refreshes it once: that proves the destination
    /// will be able to renew it, and shows whether Salesforce rotates this app's refresh tokens
    /// (a new one comes back; it replaces the kept one and is the one handed over). Never
    /// again afterwards: from then on a destination may hold the token, and with rotation on a
    /// refresh by sfconnect would kill the destination's copy.
    pub(super) async fn prepare_handover(
        &self,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<()> {
        if let Some(rotates) = self.refresh_before_handover(events, cancel).await? {
            self.update(|s| s.rotates = Some(rotates))?;
        }
        Ok(())
    }

    /// [`Self::prepare_handover`] without saving what it saw: whether Salesforce rotated the
    /// token (`None` when nothing was refreshed), for a caller that saves it with its own write.
    pub(super) async fn refresh_before_handover(
        &self,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Option<bool>> {
        let settings = self.settings.load()?;
        // Handed over before (also by a version that didn't record `rotates`): a destination
        // may hold it, so it is never refreshed again.
        let delivered = settings.handed_to.is_some()
            || (settings.destination_state.is_some() && !settings.handoff_pending);
        if settings.rotates.is_some() || delivered || !self.kept(SecretName::RefreshToken) {
            return Ok(None);
        }
        let credentials = self.kept_credentials(&settings)?;
        events(Progress::SigningIn);
        let tokens = self
            .refresh_kept(&settings, &credentials, events, cancel)
            .await?;
        let rotates = tokens
            .refresh_token
            .as_ref()
            .is_some_and(|newest| newest.expose() != credentials.refresh_token.expose());
        tracing::debug!(rotates, "refreshed once before the hand-off");
        Ok(Some(rotates))
    }

    /// Asks Salesforce whether the kept sign-in is active, by introspection: nothing is
    /// refreshed, so a copy a destination holds is never touched. An inactive token that a
    /// destination's own renewals replaced (rotation on) is [`SalesforceSays::Replaced`];
    /// any other inactive token is an error that says to sign in again.
    pub(super) async fn introspect_kept(
        &self,
        settings: &Settings,
        credentials: &SalesforceCredentials,
        cancel: &CancellationToken,
    ) -> Result<(SalesforceSays, Option<String>)> {
        let login = LoginHost::parse(&issuer(settings)?.login_url)?;
        let said = cancellable(
            cancel,
            introspect::introspect(
                self.http.client_for(login.origin()).await?,
                &login,
                &credentials.refresh_token,
                &credentials.client_id,
                &credentials.client_secret,
            ),
        )
        .await?;
        if said.active {
            return Ok((SalesforceSays::Active, said.username));
        }
        let destination = settings.destination.unwrap_or_default();
        let handed_over = !settings.handoff_pending && settings.destination_state.is_some();
        if settings.rotates == Some(true) && handed_over && destination.needs_refresh_token() {
            return Ok((SalesforceSays::Replaced, None));
        }
        Err(Error::Salesforce {
            code: Code::RefreshTokenRevoked,
            message: format!(
                "Salesforce says this sign-in is no longer active: it was revoked, ended by the \
                 app's refresh token policy, or the user lost access. {} can't sync with it \
                 either. Sign in again to reconnect.",
                destination.display_name()
            ),
            detail: "introspect: active=false".into(),
        })
    }

    /// Revokes the kept refresh token at its issuer: how Salesforce answered, or `None` when
    /// none is kept.
    pub(super) async fn revoke_kept(
        &self,
        settings: &Settings,
        cancel: &CancellationToken,
    ) -> Result<Option<Revoked>> {
        let Some(refresh) = self.kept_secret(SecretName::RefreshToken)? else {
            return Ok(None);
        };
        let issuer = issuer(settings)?;
        let login = LoginHost::parse(&issuer.login_url)?;
        let secret = self.kept_client_secret()?;
        let client = revoke::Client {
            id: &issuer.client_id,
            secret: secret.as_ref(),
        };
        let token = RefreshToken::new(refresh.as_str());
        let http = self.http.client_for(login.origin()).await?;
        let revoked = cancellable(cancel, revoke::revoke(http, &login, &token, &client)).await?;
        tracing::debug!(?revoked, "refresh token revoked");
        Ok(Some(revoked))
    }

    /// A run that obtained `refresh` failed with `error` afterwards: revoke the new grant (so
    /// nothing is left connected), or, if Salesforce won't confirm that, keep it so Disconnect
    /// can. Answers `error`, saying which happened.
    pub(super) async fn withdraw(
        &self,
        request: &SignInRequest,
        refresh: &RefreshToken,
        error: Error,
    ) -> Error {
        let login = &request.login;
        let client = revoke::Client {
            id: request.client_id(),
            secret: request.client_secret(),
        };
        let revoked = match self.http.client_for(login.origin()).await {
            Ok(http) => tokio::time::timeout(
                WITHDRAW_LIMIT,
                revoke::revoke(http, login, refresh, &client),
            )
            .await
            .unwrap_or(Err(Error::Cancelled)),
            Err(err) => Err(err),
        };
        match revoked {
            Ok(Revoked::Now | Revoked::AlreadyDead) => error.with_note(
                "The new Salesforce sign-in was withdrawn, so nothing is left connected.",
            ),
            Err(_) => {
                let kept = self.keep_orphan(request, refresh).is_ok();
                error.with_note(if kept {
                    "Salesforce didn't confirm withdrawing the new sign-in, so sfconnect kept it: \
                     Disconnect removes it."
                } else {
                    "Salesforce didn't confirm withdrawing the new sign-in: revoke it in \
                     Salesforce (Setup → Connected Apps OAuth Usage, or External Client App OAuth \
                     Usage)."
                })
            }
        }
    }

    /// A hand-off failed and nothing on this computer keeps the new grant for a retry (no
    /// keyring, or `--no-store`): revoke it, so no live grant is left that nobody holds.
    pub(super) async fn withdraw_kept(&self, error: Error) -> Error {
        let Ok(settings) = self.settings.load() else {
            return error;
        };
        let revoked = tokio::time::timeout(
            WITHDRAW_LIMIT,
            self.revoke_kept(&settings, &CancellationToken::new()),
        )
        .await
        .unwrap_or(Err(Error::Cancelled));
        match revoked {
            Ok(Some(_)) => {
                // This session still knows the values, so the failure's record is redacted.
                let _ = self.update(|s| {
                    s.handoff_pending = false;
                    s.token_issuer = None;
                });
                error.with_note(
                    "The new Salesforce sign-in couldn't be kept on this computer for a retry, so \
                     it was withdrawn: nothing is left connected. Sign in again to retry.",
                )
            }
            Ok(None) => error,
            Err(_) => error.with_note(
                "Salesforce didn't confirm withdrawing the new sign-in, and it couldn't be kept on \
                 this computer: revoke it in Salesforce (Setup → Connected Apps OAuth Usage, or \
                 External Client App OAuth Usage).",
            ),
        }
    }

    /// Keeps a grant that could not be withdrawn, with its issuer, so Disconnect finds it.
    fn keep_orphan(&self, request: &SignInRequest, refresh: &RefreshToken) -> Result<()> {
        let stored = self.keep_grant(refresh, request.client_secret())?;
        self.update(|s| {
            s.stored = s.stored || stored;
            s.token_issuer = Some(TokenIssuer {
                login_url: request.login.origin().to_owned(),
                client_id: request.client_id().to_owned(),
            });
        })
    }

    /// Keeps a refresh token (and the secret it needs) in this session and the keyring.
    fn keep_grant(&self, refresh: &RefreshToken, secret: Option<&ClientSecret>) -> Result<bool> {
        let mut stored = self.keep_refresh_token(refresh, StorePolicy::Store)?;
        if let Some(secret) = secret {
            stored &= self.keep_client_secret(secret)?;
        }
        Ok(stored)
    }

    /// A rotated refresh token goes where the old one was: this session, and the keyring when
    /// the sign-in is stored there.
    fn keep_rotated(
        &self,
        newest: &RefreshToken,
        settings: &Settings,
        events: OnProgress<'_>,
    ) -> Result<()> {
        let policy = if settings.stored {
            StorePolicy::Store
        } else {
            StorePolicy::Skip
        };
        let stored = self.keep_refresh_token(newest, policy)?;
        if settings.stored && !stored {
            events(Progress::NotStored {
                reason: "Salesforce replaced the sign-in's refresh token, and the system keyring \
                         refused the new one. This run goes on with it, but later runs on this \
                         computer can't use or revoke it: sign in again afterwards."
                    .into(),
            });
        }
        Ok(())
    }
}
