//! The inputs' shapes, checked before anything is sent anywhere.

use super::{AppKeys, Credentials, Method, SignInFields};
use crate::destination::Destination;
use crate::error::{Error, Field, Result};
use crate::secret::{ClientSecret, SecurityToken};

/// The typed credentials for `fields`, the first problem first: the method must fit the
/// destination, then the app's keys (none only for a password sign-in by SOAP), then the
/// username and password.
pub(super) fn credentials(fields: SignInFields, destination: Destination) -> Result<Credentials> {
    let SignInFields {
        method,
        client_id,
        client_secret,
        username,
        password,
        security_token,
        browser,
    } = fields;
    check_method_fits(method, destination)?;
    let soap = method == Method::Password && client_id.trim().is_empty();
    let app = if soap {
        None
    } else {
        Some(AppKeys {
            client_id: check_client_id(&client_id)?,
            client_secret: require_secret(client_secret.as_ref())?.clone(),
        })
    };
    Ok(match (method, app) {
        (Method::Web, Some(app)) => Credentials::Web { app, browser },
        (Method::ClientCredentials, Some(app)) => Credentials::ClientCredentials { app },
        // Only a password sign-in can be without an app (SOAP login).
        (_, app) => Credentials::Password {
            app,
            username: check_username(username.as_deref().unwrap_or_default())?,
            password: password.filter(|p| !p.is_empty()).ok_or_else(|| {
                Error::input(
                    Field::Password,
                    "Enter the Salesforce password (set SFCONNECT_PASSWORD when running without \
                     a terminal).",
                )
            })?,
            security_token: security_token.unwrap_or_else(|| SecurityToken::new("")),
        },
    })
}

/// Checks a Salesforce username: always shaped like an email address (Salesforce requires it),
/// so a password typed into the username field is refused before it is saved anywhere.
pub(super) fn check_username(username: &str) -> Result<String> {
    let username = username.trim();
    if username.is_empty() {
        return Err(Error::input(
            Field::Username,
            "Enter the Salesforce username (it looks like an email address).",
        ));
    }
    let looks_like_one = username.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && domain.contains('.') && !username.contains(char::is_whitespace)
    });
    if !looks_like_one {
        return Err(Error::input(
            Field::Username,
            "That isn't a Salesforce username: those look like an email address \
             (name@company.com). Check that the username and password aren't swapped.",
        ));
    }
    Ok(username.to_owned())
}

/// Checks a Consumer Key's shape; answers it trimmed.
pub fn check_client_id(client_id: &str) -> Result<String> {
    let key = client_id.trim();
    if key.is_empty() {
        return Err(Error::input(
            Field::ClientId,
            "Paste the Consumer Key from the app's Consumer Key and Secret page.",
        ));
    }
    // Never let a Secret pasted as the Key go into settings or a browser address.
    if looks_like_a_consumer_secret(key) {
        return Err(Error::input(
            Field::ClientId,
            "This looks like the Consumer Secret, not the Key. Put it in the Consumer Secret \
             field, and copy the Consumer Key (it usually starts with 3MVG) into this one. \
             Nothing was saved or sent.",
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

/// Salesforce's Consumer Secrets are 64 hex digits (older apps: a 19-digit number); a Key is
/// about 85 characters starting with `3MVG`, with letters of both cases, dots and underscores.
#[must_use]
pub(super) fn looks_like_a_consumer_secret(value: &str) -> bool {
    let value = value.trim();
    !value.starts_with("3MVG")
        && ((32..=128).contains(&value.len()) && value.chars().all(|c| c.is_ascii_hexdigit())
            || (15..=25).contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit()))
}

/// A Consumer Key: `3MVG…`, long.
#[must_use]
pub(super) fn looks_like_a_consumer_key(value: &str) -> bool {
    value.starts_with("3MVG") && value.len() >= 60
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
    if looks_like_a_consumer_key(secret.expose().trim()) {
        return Err(Error::input(
            Field::ClientSecret,
            "This is the Consumer Key, not the Secret. Put it in the Consumer Key field, and copy \
             the Consumer Secret (the other value on the same page) into this one.",
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
    if destination.methods().contains(&method) {
        return Ok(());
    }
    let name = destination.display_name();
    Err(Error::input(
        Field::Method,
        if destination.needs_refresh_token() {
            format!(
                "{name} needs a refresh token, which only the browser sign-in gives. Use --method web."
            )
        } else {
            format!(
                "{name} takes client credentials or username + password + security token, not a \
                 browser sign-in. Use --method client-credentials or --method password."
            )
        },
    ))
}

#[cfg(test)]
#[path = "tests/checks.rs"]
mod tests;
