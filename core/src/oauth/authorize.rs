//! One browser sign-in attempt: the authorize URL, and reading what comes back
//! (a loopback callback or an address pasted by the user).

use super::pkce::{Pkce, State};
use super::refusal::refusal;
use crate::error::{Error, Field, Result};
use crate::login_host::LoginHost;
use crate::secret::AuthCode;
use url::Url;

/// The scopes asked for unless configured otherwise.
pub const DEFAULT_SCOPE: &str = "api refresh_token web";

/// The path Salesforce redirects back to on the loopback listener.
pub const CALLBACK_PATH: &str = "/callback";

/// A pending authorization-code sign-in with PKCE and state.
#[derive(Debug, Clone)]
pub struct WebSignIn {
    host: LoginHost,
    client_id: String,
    redirect_uri: String,
    state: State,
    pkce: Pkce,
    authorize_url: Url,
}

/// What a callback carried, once its state is known to be ours.
#[derive(Debug)]
pub enum CallbackOutcome {
    /// The user approved: here is the code.
    Approved(AuthCode),
    /// Salesforce sent `error=` (the user chose Deny, or the app is misconfigured).
    Refused(Error),
}

/// Why a callback was not accepted (the wait continues).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackProblem {
    /// No state, or not ours: an old tab, another attempt, or a forgery.
    WrongState,
    /// Our state but neither `code` nor `error`.
    Incomplete,
}

impl WebSignIn {
    /// Starts an attempt for `redirect_uri` (`http://localhost:PORT/callback`).
    pub fn new(
        host: LoginHost,
        client_id: &str,
        redirect_uri: String,
        scope: &str,
    ) -> Result<Self> {
        let state = State::generate();
        let pkce = Pkce::generate();
        let mut authorize_url = Url::parse(&host.endpoint("/services/oauth2/authorize"))
            .map_err(|_| Error::input(Field::LoginUrl, "The Salesforce address can't be used."))?;
        authorize_url
            .query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("state", state.as_str())
            .append_pair("code_challenge", pkce.challenge())
            .append_pair("code_challenge_method", "S256")
            .append_pair("scope", scope);
        Ok(Self {
            host,
            client_id: client_id.to_owned(),
            redirect_uri,
            state,
            pkce,
            authorize_url,
        })
    }

    /// The address to open in the browser. It holds no secret.
    #[must_use]
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    /// The redirect URI, which must match the app's Callback URL exactly.
    #[must_use]
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The login host signed in at.
    #[must_use]
    pub fn host(&self) -> &LoginHost {
        &self.host
    }

    /// The Consumer Key used.
    #[must_use]
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The `state` this attempt expects back (it is in the authorize URL too: no secret).
    #[must_use]
    pub fn state(&self) -> &str {
        self.state.as_str()
    }

    /// The PKCE pair; the verifier goes in the token request.
    #[must_use]
    pub fn pkce(&self) -> &Pkce {
        &self.pkce
    }

    /// Reads a callback's query string (decoding it exactly once).
    pub fn read_callback(&self, query: &str) -> Result<CallbackOutcome, CallbackProblem> {
        let mut state = None;
        let mut code = None;
        let mut error = None;
        let mut description = String::new();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "state" if state.is_none() => state = Some(value.into_owned()),
                "state" => return Err(CallbackProblem::WrongState),
                "code" => code = Some(value.into_owned()),
                "error" => error = Some(value.into_owned()),
                "error_description" => description = value.into_owned(),
                _ => {}
            }
        }
        match state {
            Some(s) if self.state.matches(&s) => {}
            _ => return Err(CallbackProblem::WrongState),
        }
        if let Some(error) = error {
            return Ok(CallbackOutcome::Refused(refusal(
                &error,
                &description,
                None,
            )));
        }
        match code {
            Some(code) if !code.trim().is_empty() => {
                Ok(CallbackOutcome::Approved(AuthCode::new(code)))
            }
            _ => Err(CallbackProblem::Incomplete),
        }
    }

    /// Finishes from an address the user copied out of the browser (a browser on
    /// another machine, or a screen share). Returns the code or says what to paste.
    pub fn code_from_pasted(&self, pasted: &str) -> Result<AuthCode> {
        let pasted = pasted.trim();
        if pasted.is_empty() {
            return Err(paste_error(
                "Nothing was pasted. After you choose Allow in Salesforce, copy the whole address \
                 from the browser's address bar (it starts with http://localhost) and paste it here.",
            ));
        }
        let url = Url::parse(pasted).map_err(|_| {
            paste_error(
                "That isn't a web address. Copy the whole address from the browser's address bar \
                 after choosing Allow; it starts with http://localhost.",
            )
        })?;
        let expected = Url::parse(&self.redirect_uri).ok();
        let same_target = expected.as_ref().is_some_and(|expected| {
            url.scheme() == expected.scheme()
                && url.host_str() == expected.host_str()
                && url.port_or_known_default() == expected.port_or_known_default()
                && url.path() == expected.path()
        });
        if !same_target {
            return Err(paste_error(format!(
                "That address isn't the one Salesforce sends back to sfconnect. Paste the address \
                 that starts with {} (shown after you choose Allow).",
                self.redirect_uri
            )));
        }
        match self.read_callback(url.query().unwrap_or_default()) {
            Ok(CallbackOutcome::Approved(code)) => Ok(code),
            Ok(CallbackOutcome::Refused(error)) => Err(error),
            Err(CallbackProblem::WrongState) => Err(paste_error(
                "That address is from an older or different sign-in. Use \"Sign in\" again and \
                 paste the address you get this time.",
            )),
            Err(CallbackProblem::Incomplete) => Err(paste_error(
                "That address is missing the sign-in code. Copy the whole address, including \
                 everything after the question mark.",
            )),
        }
    }
}

fn paste_error(message: impl Into<String>) -> Error {
    Error::input(Field::RedirectUrl, message)
}

#[cfg(test)]
#[path = "tests/authorize.rs"]
mod tests;
