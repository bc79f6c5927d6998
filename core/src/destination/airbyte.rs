//! Airbyte's source-salesforce configuration, written to a private file.

use super::SalesforceCredentials;
use crate::error::{Error, Field, Result};
use std::path::Path;

/// Writes `{client_id, client_secret, refresh_token, is_sandbox, auth_type}` to `path`,
/// readable by the owner only (mode 0600 on Unix). An existing file is replaced only when
/// `replace` says the user confirmed it.
pub fn write_config(
    path: &Path,
    credentials: &SalesforceCredentials,
    is_sandbox: bool,
    replace: bool,
) -> Result<()> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(Error::input(
            Field::OutputFile,
            "Choose a file name for the Airbyte configuration, for example salesforce-source.json.",
        ));
    }
    let config = serde_json::json!({
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret.expose(),
        "refresh_token": credentials.refresh_token.expose(),
        "is_sandbox": is_sandbox,
        "auth_type": "Client",
    });
    let text =
        zeroize::Zeroizing::new(serde_json::to_string_pretty(&config).unwrap_or_default() + "\n");
    let existing = if replace {
        crate::fs::Existing::Replace
    } else {
        crate::fs::Existing::Keep
    };
    crate::fs::write_user_file(
        path,
        text.as_bytes(),
        existing,
        "Choose another file name, or confirm replacing it (CLI: --overwrite).",
    )
}

#[cfg(test)]
#[path = "tests/airbyte.rs"]
mod tests;
