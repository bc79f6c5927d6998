//! Airbyte's source-salesforce configuration, written to a private file.

use super::SalesforceCredentials;
use crate::error::{Error, Field, Result};
use std::path::Path;

/// Writes `{client_id, client_secret, refresh_token, is_sandbox, auth_type}` to `path`,
/// readable by the owner only (mode 0600 on Unix).
pub fn write_config(
    path: &Path,
    credentials: &SalesforceCredentials,
    is_sandbox: bool,
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
    crate::fs::write_private(path, text.as_bytes()).map_err(|e| Error::File {
        message: format!(
            "Couldn't write {}: {}. Choose a folder you can write to.",
            path.display(),
            e.kind()
        ),
    })
}

#[cfg(test)]
#[path = "tests/airbyte.rs"]
mod tests;
