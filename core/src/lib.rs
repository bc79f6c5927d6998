//! The sfconnect engine: connect a Salesforce org to CustomerOS, Customerscore or Airbyte.
//!
//! No UI lives here: the CLI and the desktop wizard both drive [`Engine`], which reports
//! [`Progress`] events, can be cancelled, and fails with an [`Error`] that carries a stable
//! [`Code`] and a message saying what to do.
//!
//! Where each behaviour lives, in this crate and around it: the one map, in the README
//! ("Where things live"; a test keeps it complete).
//!
//! # The two phases
//!
//! Phase one ([`Engine::sign_in_and_verify`]) signs in by a [`Method`], checks the org and
//! keeps the secrets; phase two (`deliver_*`) hands them to the destination.
//! [`Engine::connect`] runs both; the wizard runs them screen by screen, and
//! [`Engine::handoff`] retries phase two later without a new sign-in.

pub mod app_policies;
pub mod browser;
mod code;
pub mod dated;
pub mod destination;
pub mod engine;
pub mod error;
pub(crate) mod fs;
pub(crate) mod http;
pub mod login_host;
pub mod oauth;
pub mod salesforce;
pub mod secret;
pub mod setup_pages;
pub mod store;
#[cfg(windows)]
pub mod windows;

pub use engine::{Engine, Method, Progress, StorePolicy};
pub use error::{BoundaryError, Code, Error, Field, Result};
pub use login_host::LoginHost;
