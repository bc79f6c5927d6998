//! The sfconnect engine: connect a Salesforce org to CustomerOS, Customerscore or Airbyte.
//!
//! No UI lives here: the CLI and the desktop wizard both drive [`flow::Engine`], which
//! reports [`flow::Progress`] events, can be cancelled, and fails with an [`Error`] that
//! carries a stable code and a message saying what to do.

pub mod browser;
pub mod destination;
pub mod error;
pub mod flow;
pub mod http;
pub mod login_host;
pub mod oauth;
pub mod salesforce;
pub mod secret;
pub mod setup_pages;
pub mod store;

pub use error::{BoundaryError, Error, Field, Result};
pub use flow::{Engine, Method, Progress};
pub use login_host::LoginHost;
