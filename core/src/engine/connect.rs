//! Signing in and verifying (phase one), then delivering to the destination (phase two).
//! The CLI runs both in one go with [`Engine::connect`]; the wizard calls them step by step.

use super::sign_in::SignedIn;
use super::{
    ConnectRequest, Connected, DestinationRequest, Engine, Method, OnProgress, Progress,
    SignInRequest, Verified,
};
use crate::app_policies::AppPolicies;
use crate::destination::Destination;
use crate::error::Result;
use crate::oauth::soap;
use crate::salesforce::{Counts, Identity};
use crate::store::{Settings, Step, TokenIssuer};
use tokio_util::sync::CancellationToken;

const SANDBOX_NOTICE: &str = "This is a sandbox. Some CustomerOS versions renew their access \
    only at login.salesforce.com, which doesn't know sandboxes: then syncing stops once the first \
    access token expires (after the org's session timeout, 2 hours by default). If that happens, \
    connect your production org.";

impl Engine {
    /// Runs the whole flow: phase one, then delivery.
    pub async fn connect(
        &self,
        request: ConnectRequest,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Connected> {
        let ConnectRequest {
            mut sign_in,
            deliver,
        } = request;
        sign_in.destination = deliver.kind();
        if let DestinationRequest::Airbyte { path, replace } = &deliver {
            // Before signing in: a sign-in that can't be delivered would only be withdrawn.
            crate::destination::airbyte::check_target(path, *replace)?;
        }
        // Remember where it goes before signing in, so a failed hand-off can be retried.
        let remember_destination = |s: &mut Settings| super::deliver::remember(&deliver, s);
        let verified = self
            .sign_in_and_verify_remembering(sign_in, remember_destination, events, cancel)
            .await?;
        events(Progress::HandingOff {
            destination: deliver.kind().display_name().into(),
        });
        let delivered = match self.deliver(&deliver, events, cancel).await {
            Ok(delivered) => delivered,
            // Nothing on this computer keeps the new grant for a retry: withdraw it.
            Err(error) if !verified.stored => return Err(self.withdraw_kept(error).await),
            Err(error) => return Err(super::deliver::with_retry_note(error, true)),
        };
        events(Progress::Finished);
        Ok(Connected {
            org_id: verified.identity.org_id,
            username: verified.identity.username,
            name: verified.identity.name,
            instance_url: verified.instance_url,
            method: verified.method,
            destination: deliver.kind(),
            destination_state: delivered.state,
            counts: verified.counts,
            stored: verified.stored,
            rotates: self.settings.load()?.rotates,
            provider_fields: delivered.provider_fields,
            provider_mode: delivered.provider_mode,
        })
    }

    /// Phase one: validate, sign in, verify the org, keep the secrets (keyring per policy,
    /// and this session's memory always, so delivery works even without a keyring).
    pub async fn sign_in_and_verify(
        &self,
        request: SignInRequest,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Verified> {
        self.sign_in_and_verify_remembering(request, |_| {}, events, cancel)
            .await
    }

    /// [`Self::sign_in_and_verify`], also remembering `more` in the same settings write.
    async fn sign_in_and_verify_remembering(
        &self,
        mut request: SignInRequest,
        more: impl FnOnce(&mut Settings),
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Verified> {
        if request.method() == Method::Password {
            events(Progress::Notice {
                message: soap::retirement_notice(crate::dated::Day::from_unix(
                    self.clock.now_unix(),
                )),
            });
        }
        if request.destination == Destination::Customeros && request.login.is_sandbox() {
            events(Progress::Notice {
                message: SANDBOX_NOTICE.into(),
            });
        }
        self.remember_inputs(&request, more)?;
        self.http.prewarm_for(request.login.origin());

        let signed_in = self.sign_in(&mut request, events, cancel).await?;
        let kept = self
            .verify_and_keep(&request, &signed_in, events, cancel)
            .await;
        let (identity, counts, app_policies, stored) = match (kept, &signed_in.refresh_token) {
            (Ok(kept), _) => kept,
            (Err(error), None) => return Err(error),
            // A grant exists now: never leave it behind unknown.
            (Err(error), Some(refresh)) => {
                return Err(self.withdraw(&request, refresh, error).await);
            }
        };
        Ok(Verified {
            identity,
            instance_url: signed_in.instance_url,
            counts,
            app_policies,
            method: request.method(),
            stored,
        })
    }

    /// After signing in: who is it, what will sync; keep the secrets and record it all.
    async fn verify_and_keep(
        &self,
        request: &SignInRequest,
        signed_in: &SignedIn,
        events: OnProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<(Identity, Counts, Option<AppPolicies>, bool)> {
        events(Progress::Verifying);
        let (identity, counts) = self.verify(signed_in, cancel).await?;
        events(Progress::Verified {
            identity: identity.clone(),
            counts: counts.clone(),
        });
        let policies = match &signed_in.refresh_token {
            // Only a refresh token is renewed by the destination; a session has no policies to
            // read for it.
            Some(_) => Some(
                self.read_app_policies(request, signed_in, &identity, cancel)
                    .await?,
            ),
            None => None,
        };
        if let Some(policies) = &policies {
            events(Progress::AppPoliciesRead {
                policies: policies.clone(),
            });
        }
        if signed_in.refresh_token.is_some() {
            // The grant it replaces may be held by a destination: set aside, never dropped.
            self.set_aside_kept(&self.settings.load()?)?;
        }
        let stored = self.keep_sign_in(request, signed_in.refresh_token.as_ref(), events)?;
        let issuer = signed_in.refresh_token.as_ref().map(|_| TokenIssuer {
            login_url: request.login.origin().to_owned(),
            client_id: request.client_id().to_owned(),
        });
        self.update(|s| {
            s.identity = Some(identity.clone());
            s.instance_url = Some(signed_in.instance_url.clone());
            s.counts = Some(counts.clone());
            s.app_policies.clone_from(&policies);
            s.stored = stored;
            s.handoff_pending = issuer.is_some();
            if issuer.is_some() {
                s.token_issuer.clone_from(&issuer);
                s.rotates = None;
                s.handed_to = None;
            }
            s.last_step = Some(Step::Verified);
        })?;
        Ok((identity, counts, policies, stored))
    }
}
