//! The sfconnect engine: connect a Salesforce org to CustomerOS, Customerscore or Airbyte.
//!
//! No UI lives here: the CLI and the desktop wizard both drive [`Engine`], which reports
//! [`Progress`] events, can be cancelled, and fails with an [`Error`] that carries a stable
//! [`Code`] and a message saying what to do.
//!
//! # Where things happen
//!
//! | behaviour | where |
//! |---|---|
//! | login hosts: any pasted Salesforce address → the sign-in origin | [`login_host`] |
//! | the authorize URL, PKCE and state; reading a callback or a pasted address | [`oauth::authorize`], [`oauth::pkce`] |
//! | the loopback listener that catches the browser | [`oauth::loopback`] |
//! | the browser-or-paste race | `engine/wait.rs` |
//! | token exchange and the other grants; SOAP login | [`oauth::token`], [`oauth::soap`] |
//! | Salesforce's refusals in plain language | `oauth/refusal.rs` |
//! | who signed in, record counts, revoke | [`salesforce`] |
//! | hand-off to CustomerOS; Airbyte file; Customerscore fields | [`destination`], `engine/deliver.rs` |
//! | where secrets live (session memory vs keyring, per [`StorePolicy`]) | `engine/vault.rs`, [`store`] |
//! | the journal: finished steps, deliveries, where to resume | `engine/journal.rs`, [`store::Settings`] |
//! | progress events | [`Progress`] |
//! | cancellation | a [`tokio_util::sync::CancellationToken`] passed to each remote step |
//! | error codes and messages | [`error`] |
//!
//! # The two phases
//!
//! Phase one ([`Engine::sign_in_and_verify`]) signs in by a [`Method`], checks the org and
//! keeps the secrets; phase two (`deliver_*`) hands them to the destination.
//! [`Engine::connect`] runs both; the wizard runs them screen by screen, and
//! [`Engine::handoff`] retries phase two later without a new sign-in.

pub mod browser;
mod code;
#[cfg(feature = "demo")]
pub mod demo;
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

pub use engine::{Engine, Method, Progress, StorePolicy};
pub use error::{BoundaryError, Code, Error, Field, Result};
pub use login_host::LoginHost;
