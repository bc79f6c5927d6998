//! OAuth with Salesforce: the browser sign-in and every grant we use.

pub mod loopback;
pub mod pkce;
pub mod sign_in;
pub mod soap;
pub mod token;
