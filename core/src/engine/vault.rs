//! Where secrets live. Every secret goes into this session's memory (so delivery works even
//! without a keyring) and, per [`StorePolicy`], into the OS keyring. Reads look in this
//! session's memory first, then the keyring. Every secret write in the engine goes through here.

use super::{Credentials, Engine, OnProgress, Progress, SignInRequest, StorePolicy};
use crate::destination::SalesforceCredentials;
use crate::error::{Code, Error, Field, Result};
use crate::secret::{
    ApiKey, ClientSecret, Password, RefreshToken, RevealableSecret, SecurityToken,
};
use crate::store::{SecretName, SecretStore, Settings};
use zeroize::Zeroizing;

/// A secret type and the name it is kept under: putting a refresh token under the Consumer
/// Secret's name does not compile.
pub(super) trait Kept {
    /// The name it is kept under.
    const NAME: SecretName;
    /// The value, for the store.
    fn value(&self) -> &str;
}

macro_rules! kept_as {
    ($($type:ty => $name:ident),+ $(,)?) => {$(
        impl Kept for $type {
            const NAME: SecretName = SecretName::$name;
            fn value(&self) -> &str {
                self.expose()
            }
        }
    )+};
}

kept_as! {
    ClientSecret => ClientSecret,
    RefreshToken => RefreshToken,
    ApiKey => CustomerOsApiKey,
    Password => Password,
    SecurityToken => SecurityToken,
}

/// What happened in the keyring.
enum Keyring {
    /// Everything is in it.
    Stored,
    /// The policy said not to.
    Skipped,
    /// It refused (only under [`StorePolicy::Store`]: `Require` fails instead).
    Refused(Error),
}

impl Engine {
    /// Keeps one secret per `policy`; answers whether the keyring has it.
    fn keep<S: Kept>(&self, secret: &S, policy: StorePolicy) -> Result<bool> {
        self.session.put(S::NAME, secret.value())?;
        match self.put_in_keyring(&[(S::NAME, secret.value())], policy)? {
            Keyring::Stored => Ok(true),
            Keyring::Skipped | Keyring::Refused(_) => Ok(false),
        }
    }

    fn put_in_keyring(
        &self,
        values: &[(SecretName, &str)],
        policy: StorePolicy,
    ) -> Result<Keyring> {
        if policy == StorePolicy::Skip {
            return Ok(Keyring::Skipped);
        }
        match values
            .iter()
            .try_for_each(|(name, value)| self.store.put(*name, value))
        {
            Ok(()) => Ok(Keyring::Stored),
            Err(err) if policy == StorePolicy::Require => Err(err),
            Err(err) => Ok(Keyring::Refused(err)),
        }
    }

    /// Keeps what a sign-in produced: everything in this session, and the refresh token and
    /// Consumer Secret in the keyring per the request's policy. Answers whether they are stored.
    pub(super) fn keep_sign_in(
        &self,
        request: &SignInRequest,
        refresh: Option<&RefreshToken>,
        events: OnProgress<'_>,
    ) -> Result<bool> {
        let mut session: Vec<(SecretName, &str)> = Vec::new();
        if let Some(refresh) = refresh {
            session.push(entry(refresh));
        }
        if let Some(secret) = request.client_secret() {
            session.push(entry(secret));
        }
        if let Credentials::Password {
            password,
            security_token,
            ..
        } = &request.credentials
        {
            session.push(entry(password));
            session.push(entry(security_token));
        }
        session
            .iter()
            .try_for_each(|(name, value)| self.session.put(*name, value))?;
        // Without a refresh token there is nothing worth keeping across runs.
        let Some(refresh) = refresh else {
            return Ok(false);
        };
        let mut lasting = vec![entry(refresh)];
        if let Some(secret) = request.client_secret() {
            lasting.push(entry(secret));
        }
        match self.put_in_keyring(&lasting, request.store)? {
            Keyring::Stored => {
                events(Progress::Stored);
                Ok(true)
            }
            Keyring::Skipped => Ok(false),
            Keyring::Refused(err) => {
                events(Progress::NotStored {
                    reason: format!(
                        "{err} The connection will still be set up, but sfconnect can't retry or \
                         disconnect it later without signing in again."
                    ),
                });
                Ok(false)
            }
        }
    }

    /// Keeps a refresh token per `policy`; answers whether the keyring has it.
    pub(super) fn keep_refresh_token(
        &self,
        token: &RefreshToken,
        policy: StorePolicy,
    ) -> Result<bool> {
        self.keep(token, policy)
    }

    /// Keeps the Consumer Secret typed into the wizard; answers whether the keyring has it.
    pub(super) fn keep_client_secret(&self, secret: &ClientSecret) -> Result<bool> {
        self.keep(secret, StorePolicy::Store)
    }

    /// Keeps the CustomerOS API key: in the keyring too when the sign-in is stored there
    /// (best effort: the hand-off doesn't depend on it).
    pub(super) fn keep_api_key(&self, key: &ApiKey, settings: &Settings) -> Result<()> {
        let policy = if settings.stored {
            StorePolicy::Store
        } else {
            StorePolicy::Skip
        };
        self.keep(key, policy).map(drop)
    }

    /// Reads a secret from this session's memory, else the keyring.
    pub(super) fn kept_secret(&self, name: SecretName) -> Result<Option<Zeroizing<String>>> {
        match self.session.get(name)? {
            Some(value) => Ok(Some(value)),
            None => self.store.get(name),
        }
    }

    /// The Consumer Key and Secret and the refresh token, from this session or the keyring.
    pub(super) fn kept_credentials(&self, settings: &Settings) -> Result<SalesforceCredentials> {
        let nothing = || Error::NotConnected {
            message: "No Salesforce sign-in is kept on this computer. Sign in first (`sfconnect \
                      connect`, or the wizard's Sign in step)."
                .into(),
        };
        let refresh = self
            .kept_secret(SecretName::RefreshToken)?
            .ok_or_else(nothing)?;
        let secret = self
            .kept_secret(SecretName::ClientSecret)?
            .ok_or_else(nothing)?;
        // The app the token belongs to, even if a later sign-in chose another one.
        let client_id = settings
            .token_issuer
            .as_ref()
            .map(|issuer| issuer.client_id.clone())
            .or_else(|| settings.client_id.clone())
            .ok_or_else(nothing)?;
        Ok(SalesforceCredentials {
            client_id,
            client_secret: ClientSecret::new(secret.as_str()),
            refresh_token: RefreshToken::new(refresh.as_str()),
        })
    }

    /// The kept Consumer Secret, if any.
    pub(super) fn kept_client_secret(&self) -> Result<Option<ClientSecret>> {
        Ok(self
            .kept_secret(SecretName::ClientSecret)?
            .map(|s| ClientSecret::new(s.as_str())))
    }

    /// Reads the kept CustomerOS API key, if any.
    pub(super) fn stored_api_key_for(
        &self,
        base: &str,
        settings: &Settings,
    ) -> Result<Option<ApiKey>> {
        let Some(key) = self.kept_secret(SecretName::CustomerOsApiKey)? else {
            return Ok(None);
        };
        if settings.api_key_for.as_deref() != Some(base) {
            let entered_for = settings
                .api_key_for
                .as_deref()
                .map_or_else(String::new, |other| format!(" was entered for {other} and"));
            return Err(Error::input(
                Field::ApiKey,
                format!(
                    "Enter the CustomerOS API key for {base}. The saved key{entered_for} is only \
                     ever sent to the address it was entered for."
                ),
            ));
        }
        Ok(Some(ApiKey::new(key.as_str())))
    }

    /// Whether this session or the keyring holds a secret (never its value).
    #[must_use]
    pub fn kept(&self, name: SecretName) -> bool {
        self.kept_secret(name).ok().flatten().is_some()
    }

    /// A kept secret's value, for an explicit "Show" or "Copy" by the user.
    pub fn reveal(&self, name: SecretName) -> Result<Zeroizing<String>> {
        self.kept_secret(name)?.ok_or_else(|| Error::NotConnected {
            message: "That value isn't kept any more. Go back and enter it again.".into(),
        })
    }

    /// A kept secret to show on screen at the admin's request. The refresh token is only ever
    /// copied (for pasting into Airbyte's form), never shown.
    pub fn show(&self, secret: RevealableSecret) -> Result<Zeroizing<String>> {
        if secret == RevealableSecret::RefreshToken {
            return Err(Error::Local {
                code: Code::RefreshTokenNotShown,
                message: "The refresh token is never shown on screen: use Copy.".into(),
                detail: String::new(),
            });
        }
        self.reveal(secret.into())
    }

    /// Puts a secret in this session's memory only (demo mode pre-fills with it).
    pub fn keep_for_session(&self, name: SecretName, value: &str) -> Result<()> {
        self.session.put(name, value)
    }

    /// Forgets every secret this session holds in memory.
    pub(super) fn forget_session(&self) -> Result<()> {
        SecretName::SESSION
            .into_iter()
            .try_for_each(|name| self.session.delete(name))
    }

    /// Removes every secret from the keyring.
    pub(super) fn forget_stored(&self) -> Result<()> {
        SecretName::KEYRING
            .into_iter()
            .try_for_each(|name| self.store.delete(name))
    }

    /// Removes every secret from the keyring but `keep` (and from this session, so `keep`
    /// alone is read from the keyring afterwards).
    pub(super) fn forget_stored_except(&self, keep: SecretName) -> Result<()> {
        SecretName::KEYRING
            .into_iter()
            .filter(|&name| name != keep)
            .try_for_each(|name| self.store.delete(name))
    }
}

fn entry<S: Kept>(secret: &S) -> (SecretName, &str) {
    (S::NAME, secret.value())
}
