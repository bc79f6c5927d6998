//! OAuth with Salesforce: the browser sign-in and every grant we use.

mod answers;
pub mod authorize;
pub(crate) mod introspect;
pub mod loopback;
mod loopback_http;
pub mod pkce;
pub mod ports;
pub(crate) mod refusal;
pub(crate) mod revoke;
pub(crate) mod soap;
pub(crate) mod token;

use serde::{Deserialize, Serialize};

/// How to sign in to Salesforce.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Browser sign-in: authorization code + PKCE, gives a refresh token.
    #[default]
    Web,
    /// Client credentials (My Domain, Run As user); no refresh token.
    ClientCredentials,
    /// Username + password + security token (OAuth password grant or SOAP login).
    Password,
}

impl Method {
    /// Every method, for generated UI types.
    pub const ALL: [Method; 3] = [Method::Web, Method::ClientCredentials, Method::Password];

    /// Whether it signs in through an app made in Salesforce (a password sign-in can go by
    /// SOAP login without one).
    #[must_use]
    pub fn needs_app(self) -> bool {
        self != Method::Password
    }

    /// The `--method` value (also its JSON spelling).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Web => "web",
            Method::ClientCredentials => "client-credentials",
            Method::Password => "password",
        }
    }
}
