//! The desktop wizard end to end in a real window, one scenario per module (the harness is
//! `common/gui.rs`): `tauri-driver` + `WebKitWebDriver` under Xvfb drive the real app against
//! the simulators. Saves a screenshot of every screen into docs/screenshots/.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../common/mod.rs"]
mod common;

mod airbyte;
mod cloud;
mod customeros;
mod demo;
mod deny;
mod failed_handoff;
mod layout;
mod paste;
mod resume;
mod rotation;
mod updates;
