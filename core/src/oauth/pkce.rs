//! PKCE (S256) and the `state` value, both from the OS-seeded CSPRNG.

use crate::secret::PkceVerifier;
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A PKCE verifier and its S256 challenge.
#[derive(Debug, Clone)]
pub struct Pkce {
    verifier: PkceVerifier,
    challenge: String,
}

impl Pkce {
    /// 32 random bytes (256 bits) → a 43-character verifier.
    #[must_use]
    pub fn generate() -> Self {
        let verifier = PkceVerifier::new(random_token(32));
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose().as_bytes()));
        Self {
            verifier,
            challenge,
        }
    }

    /// The verifier, sent only in the token request body.
    #[must_use]
    pub fn verifier(&self) -> &PkceVerifier {
        &self.verifier
    }

    /// The S256 challenge, sent in the authorize URL.
    #[must_use]
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

/// The anti-forgery `state` that must come back unchanged on the callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State(String);

impl State {
    /// 16 random bytes (128 bits).
    #[must_use]
    pub fn generate() -> Self {
        Self(random_token(16))
    }

    /// The value to put in the authorize URL.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Constant-time comparison with what came back.
    #[must_use]
    pub fn matches(&self, returned: &str) -> bool {
        self.0.as_bytes().ct_eq(returned.as_bytes()).into()
    }
}

fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
#[path = "tests/pkce.rs"]
mod tests;
