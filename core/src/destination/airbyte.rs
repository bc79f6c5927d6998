//! Airbyte's Salesforce source: the values for its web app's form, and the configuration file
//! (for the connector's own CLI, `PyAirbyte` or Airbyte's API), written to a private file.

use super::{ProviderField, SalesforceCredentials};
use crate::error::{Error, Field, Result};
use std::path::Path;

/// Writes `{credentials: {auth_type: ClientManual, client_id, client_secret, refresh_token},
/// is_sandbox}` (source-salesforce 2.8.0 and later) to `path`,
/// readable by the owner only (mode 0600 on Unix). An existing file is replaced only when
/// `replace` says the user confirmed it.
pub fn write_config(
    path: &Path,
    credentials: &SalesforceCredentials,
    is_sandbox: bool,
    replace: bool,
) -> Result<()> {
    check_target(path, replace)?;
    // source-salesforce 2.8.0 and later: your own app's values under `credentials`, as
    // `ClientManual`. (A flat file is migrated to `Client`, which means Airbyte's own OAuth app:
    // a token issued to your app would then fail to refresh on Airbyte's platform.)
    let config = serde_json::json!({
        "credentials": {
            "auth_type": "ClientManual",
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret.expose(),
            "refresh_token": credentials.refresh_token.expose(),
        },
        "is_sandbox": is_sandbox,
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

/// The values for the Salesforce source form in Airbyte's web app (it takes fields, not a file),
/// in the form's order, secrets masked unless `show`. Airbyte's labels for them are close to
/// these (its form changes between versions).
#[must_use]
pub fn form_fields(credentials: &SalesforceCredentials, show: bool) -> Vec<ProviderField> {
    super::sign_in_fields(
        credentials,
        [
            "Client ID (the Consumer Key)",
            "Client Secret (the Consumer Secret)",
            "Refresh Token",
        ],
        show,
    )
}

/// Where those values go in Airbyte, and the form's other choice that matters here.
#[must_use]
pub fn form_place(is_sandbox: bool) -> &'static str {
    if is_sandbox {
        "Sources → New source → Salesforce, authenticating with your own app's values (not \
         Airbyte's own sign-in), with Sandbox turned on"
    } else {
        "Sources → New source → Salesforce, authenticating with your own app's values (not \
         Airbyte's own sign-in), with Sandbox left off"
    }
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
