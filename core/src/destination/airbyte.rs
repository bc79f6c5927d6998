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
    check_target(path, replace)?;
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

/// Whether the configuration can be written at `path` (checked before anything is signed in or
/// refreshed for it): a file name in an existing folder, and not an existing file unless
/// `replace`.
pub fn check_target(path: &Path, replace: bool) -> Result<()> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(Error::input(
            Field::OutputFile,
            "Choose a file name for the Airbyte configuration, for example salesforce-source.json.",
        ));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::input(
            Field::OutputFile,
            format!(
                "The folder {} doesn't exist. Create it first, or choose another place for the \
                 Airbyte configuration.",
                folder.display()
            ),
        ));
    }
    if path.exists() && !replace {
        return Err(Error::input(
            Field::OutputFile,
            format!(
                "{} already exists, so nothing was written. Choose another file name, or confirm \
                 replacing it (CLI: --overwrite).",
                path.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests/airbyte.rs"]
mod tests;
