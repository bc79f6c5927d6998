//! The inputs' shapes, checked before anything is sent anywhere.

use super::Method;
use crate::destination::Destination;
use crate::error::{Error, Field, Result};
use crate::secret::ClientSecret;

/// Checks a Consumer Key's shape; answers it trimmed.
pub fn check_client_id(client_id: &str) -> Result<String> {
    let key = client_id.trim();
    if key.is_empty() {
        return Err(Error::input(
            Field::ClientId,
            "Paste the Consumer Key from the app's Consumer Key and Secret page.",
        ));
    }
    if !key.chars().all(|c| c.is_ascii_graphic()) || key.len() > 256 {
        return Err(Error::input(
            Field::ClientId,
            "That doesn't look like a Consumer Key (it is one long run of letters, digits, dots \
             and underscores, usually starting with 3MVG). Copy it again with the copy button in \
             Salesforce.",
        ));
    }
    Ok(key.to_owned())
}

/// The Consumer Secret, which every method but SOAP login needs.
pub(super) fn require_secret(secret: Option<&ClientSecret>) -> Result<&ClientSecret> {
    secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        Error::input(
            Field::ClientSecret,
            "Enter the Consumer Secret from the app's Consumer Key and Secret page (set \
             SFCONNECT_CLIENT_SECRET when running without a terminal).",
        )
    })
}

/// A Consumer Secret typed into the wizard: present, and without spaces or line breaks inside.
pub(super) fn check_client_secret(secret: &ClientSecret) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::input(
            Field::ClientSecret,
            "Paste the Consumer Secret from the same page as the Consumer Key.",
        ));
    }
    if secret
        .expose()
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::input(
            Field::ClientSecret,
            "The Consumer Secret contains spaces or line breaks inside it. Copy it again with \
             Salesforce's copy button.",
        ));
    }
    Ok(())
}

/// Checks that the method can serve the destination.
pub fn check_method_fits(method: Method, destination: Destination) -> Result<()> {
    let needs_refresh_token = matches!(destination, Destination::Customeros | Destination::Airbyte);
    match (method, destination) {
        (Method::Web, Destination::Customerscore) => Err(Error::input(
            Field::Option,
            "Customerscore takes client credentials or username + password + security token, not \
             a browser sign-in. Use --method client-credentials or --method password.",
        )),
        (Method::ClientCredentials | Method::Password, _) if needs_refresh_token => {
            Err(Error::input(
                Field::Option,
                format!(
                    "{} needs a refresh token, which only the browser sign-in gives. Use --method web.",
                    destination.display_name()
                ),
            ))
        }
        _ => Ok(()),
    }
}
