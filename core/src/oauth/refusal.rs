//! Salesforce's refusals in plain language: OAuth `error` / `error_description` pairs from
//! the authorize redirect and the token endpoint, and SOAP `login()` faults. A leaf: the
//! sign-in modules depend on it, never the other way round.

use crate::dated::{Change, Day};
use crate::error::{Code, Error};

/// Which grant a request used; it changes what a refusal means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grant {
    /// Authorization code + PKCE (browser sign-in).
    AuthorizationCode,
    /// Refresh token.
    RefreshToken,
    /// OAuth username-password.
    Password,
    /// Client credentials.
    ClientCredentials,
}

pub(crate) fn not_my_domain(origin: &str) -> Error {
    Error::Salesforce {
        code: Code::MyDomainRequired,
        message: format!(
            "Client credentials only work with your org's own address, not {origin}. Enter your \
             My Domain address, for example https://acme.my.salesforce.com (Setup → My Domain \
             shows it)."
        ),
        detail: "request not supported on this domain".into(),
    }
}

const APP_NOT_INSTALLED: &str = "This org doesn't have the app installed, or your user may \
    not use an app that isn't: sign in to the org where you created the app. Otherwise an admin \
    must install it, or give your user Approve Uninstalled Connected Apps (standard System \
    Administrators have it).";

/// Where the Key and Secret are: the recommended External Client App's place first (walkthrough
/// 2, L4), then an older Connected App's.
const APP_PLACE: &str = "Setup → External Client App Manager → your app → Settings → OAuth \
    Settings → Consumer Key and Secret (for a Connected App: App Manager → your app → View → \
    Manage Consumer Details)";

/// Maps a Salesforce OAuth error (`error`, `error_description`) to what the user should do.
pub(crate) fn refusal(error: &str, description: &str, grant: Option<Grant>) -> Error {
    let detail = if description.is_empty() {
        error.to_owned()
    } else {
        format!("{error}: {description}")
    };
    let desc = description.to_ascii_lowercase();
    let (code, message): (Code, String) = match (error, desc.as_str(), grant) {
        (_, d, _) if d.contains("request not supported on this domain") => {
            return not_my_domain("login.salesforce.com or test.salesforce.com");
        }
        ("access_denied", d, _) if d.is_empty() || d.contains("end-user denied") => (
            Code::AccessDenied,
            "You chose Deny in Salesforce, so nothing was connected. Start the sign-in again and \
             choose Allow."
                .into(),
        ),
        ("access_denied", _, _) => (
            Code::AccessDenied,
            format!(
                "Salesforce refused the sign-in: {description}. Nothing was connected; fix that \
                 in Salesforce and start the sign-in again."
            ),
        ),
        ("invalid_client_id", _, _) => (
            Code::UnknownClientId,
            format!(
                "Salesforce doesn't recognise this Consumer Key. Copy it again from {APP_PLACE}. \
                 (A new or just-edited Connected App can take up to 10 minutes before Salesforce \
                 accepts it; an External Client App's changes apply at once.)"
            ),
        ),
        ("invalid_client" | "OAUTH_APPROVAL_ERROR_GENERIC", d, _)
            if d.contains("must be installed") || error == "OAUTH_APPROVAL_ERROR_GENERIC" =>
        {
            (Code::AppNotInstalled, APP_NOT_INSTALLED.into())
        }
        // At the token endpoint this means the secret; on the sign-in page, the app's install.
        ("invalid_client", d, _) if grant.is_some() || d.contains("invalid client credentials") => (
            Code::WrongClientSecret,
            format!("The Consumer Secret doesn't match this Consumer Key. Copy it again from {APP_PLACE}."),
        ),
        ("invalid_client", _, None) => (Code::AppNotInstalled, APP_NOT_INSTALLED.into()),
        ("OAUTH_EC_APP_NOT_FOUND", _, _) => (
            Code::AppNotInOrg,
            "This External Client App doesn't exist in the org you signed in to. Sign in with the \
             My Domain address of the org where you created it, or create the app in this org \
             (a sandbox and production each need their own)."
                .into(),
        ),
        ("redirect_uri_mismatch", _, _) => (
            Code::CallbackUrlMismatch,
            format!(
                "The app's Callback URL doesn't match. In the app's OAuth settings, set Callback \
                 URL to exactly {} (or the port sfconnect shows), save, wait a few minutes, and \
                 sign in again.",
                crate::oauth::ports::redirect_uri(crate::oauth::ports::DEFAULT_PORT)
            ),
        ),
        ("invalid_request", d, _) if d.contains("code challenge") => (
            Code::PkceRequired,
            "Salesforce requires PKCE for this app but didn't receive it. Sign in again; if it \
             keeps happening, contact support with the detail below."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("code verifier") => (
            Code::PkceMismatch,
            "Salesforce rejected the sign-in's PKCE check (the code was issued for a different \
             attempt). Sign in again from the start."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("expired authorization code") => (
            Code::CodeExpired,
            "The sign-in code expired before it was used. Sign in again; it only takes a moment."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("invalid authorization code") => (
            Code::CodeInvalid,
            "That sign-in code was already used or isn't valid. Sign in again to get a fresh one."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("expired access/refresh token") => (
            Code::RefreshTokenRevoked,
            "Salesforce no longer accepts this connection: it was revoked or has expired. Sign in \
             again to create a new one."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("no client credentials user") => (
            Code::RunAsUserMissing,
            "The app has no Run As user for client credentials. Open the app's Policies tab → \
             Edit → OAuth Policies → OAuth Flows and External Client App Enhancements, and choose \
             a Run As (Username): an API Only integration user is best (for a Connected App: \
             Manage → Edit Policies → Client Credentials Flow → Run As). Then try again."
                .into(),
        ),
        ("invalid_grant", d, _) if d.contains("inactive user") => (
            Code::InactiveUser,
            "This Salesforce user is inactive. Sign in as an active admin user.".into(),
        ),
        ("invalid_grant", d, _) if d.contains("ip restricted") => (
            Code::IpRestricted,
            "Salesforce blocked the sign-in by IP restrictions or login hours on your profile. \
             Sign in from an allowed network or within your login hours, or set the app's IP \
             Relaxation to \"Relax IP restrictions\" (or \"Enforce IP restrictions, but relax for \
             refresh tokens\", so CustomerOS can refresh from its servers)."
                .into(),
        ),
        ("invalid_app_access" | "OAUTH_APP_ACCESS_DENIED", _, _)
        | ("invalid_grant", _, _)
            if error != "invalid_grant" || desc.contains("not admin approved") =>
        {
            (
                Code::NotAdminApproved,
                "Your user isn't allowed to use this app: its Permitted Users are \"Admin approved \
                 users are pre-authorized\" and your profile or permission set isn't added. Add \
                 it to the app (External Client App: Policies tab → App Policies), or set \
                 Permitted Users to \"All users can self-authorize\" (Connected App: \"All users \
                 may self-authorize\"), then sign in again."
                    .into(),
            )
        }
        ("invalid_grant", _, Some(Grant::Password)) => (
            Code::LoginFailed,
            format!(
                "Salesforce rejected the username, password or security token. Check all three \
                 (the security token comes by email after Settings → Reset My Security Token). \
                 Orgs created since Summer '23 also block this sign-in method unless \"Allow \
                 OAuth Username-Password Flows\" is on in Setup → OAuth and OpenID Connect \
                 Settings, and External Client Apps never allow it (it needs an existing \
                 Connected App). {} Setup → Login History shows the real reason.",
                Change::PasswordFlowEnds.says(Day::today())
            ),
        ),
        ("unsupported_grant_type", _, Some(Grant::Password)) => (
            Code::PasswordFlowBlocked,
            "Salesforce doesn't accept this sign-in method at this address. Use your org's My \
             Domain https:// address; if it still fails, the org or app doesn't allow the \
             username-password flow: use the browser sign-in or client credentials instead."
                .into(),
        ),
        ("unsupported_grant_type", _, Some(Grant::ClientCredentials)) => (
            Code::ClientCredentialsDisabled,
            "Client credentials aren't enabled for this app. In the app's settings, under Flow \
             Enablement (or OAuth Policies), turn on Enable Client Credentials Flow and choose a \
             Run As user."
                .into(),
        ),
        ("inactive_user", _, _) => (
            Code::InactiveUser,
            "This Salesforce user is inactive. Sign in as an active admin user.".into(),
        ),
        ("inactive_org", _, _) => (
            Code::InactiveOrg,
            "This Salesforce org is locked or inactive. Check the org with your Salesforce admin."
                .into(),
        ),
        ("rate_limit_exceeded", _, _) => (
            Code::RateLimited,
            "Salesforce is limiting sign-ins for this user right now. Wait a few minutes and try \
             again."
                .into(),
        ),
        ("invalid_scope", _, _) => (
            Code::InvalidScope,
            "The app doesn't allow the requested access. Add the scopes Manage user data via APIs \
             (api), Manage user data via Web browsers (web) and Perform requests at any time \
             (refresh_token, offline_access) to the app, save, and sign in again."
                .into(),
        ),
        ("OAUTH_APP_BLOCKED", _, _) => (
            Code::AppBlocked,
            "This app is blocked in your org. In Setup → Connected Apps OAuth Usage (for an \
             External Client App: External Client App OAuth Usage), unblock it, then sign in again."
                .into(),
        ),
        _ => (
            Code::SalesforceError,
            "Salesforce refused the request. Check the app's settings against the steps in \
             sfconnect and try again; if it keeps happening, contact support with the detail \
             below."
                .into(),
        ),
    };
    Error::Salesforce {
        code,
        message,
        detail,
    }
}

/// Maps a SOAP `login()` fault (`faultcode`, `faultstring`) to what the user should do.
pub(crate) fn fault_error(fault: &str, message: &str) -> Error {
    let code_name = fault.rsplit(':').next().unwrap_or(fault);
    let (code, text): (Code, String) = match code_name {
        "INVALID_LOGIN" => (
            Code::LoginFailed,
            "Salesforce rejected the username, password or security token. Check all three; a new \
             security token comes by email after Settings → Reset My Security Token."
                .into(),
        ),
        "LOGIN_MUST_USE_SECURITY_TOKEN" => (
            Code::SecurityTokenRequired,
            "This network needs the security token too. Get it from Settings → Reset My Security \
             Token (it arrives by email) and enter it."
                .into(),
        ),
        "INVALID_OPERATION_WITH_EXPIRED_PASSWORD" => (
            Code::PasswordExpired,
            "The Salesforce password has expired. Sign in to Salesforce in the browser, set a new \
             password, then try again."
                .into(),
        ),
        "API_DISABLED_FOR_ORG" => (
            Code::ApiDisabledForOrg,
            "This org's Salesforce edition doesn't include API access (Professional Edition \
             needs the API add-on), so nothing can sync from it. Ask your Salesforce account \
             executive about API access."
                .into(),
        ),
        "API_CURRENTLY_DISABLED" => (
            Code::ApiDisabled,
            "API access is turned off for this user. Ask your Salesforce admin for the API \
             Enabled permission."
                .into(),
        ),
        "INSUFFICIENT_ACCESS" => (
            Code::InsufficientAccess,
            format!(
                "This user may not sign in this way. {} Ask your Salesforce admin to add it, or \
                 use client credentials.",
                Change::UseAnyApiAuthEverywhere.says(Day::today())
            ),
        ),
        "UNSUPPORTED_API_VERSION" | "INVALID_OPERATION" => (
            Code::SoapLoginUnavailable,
            format!(
                "This org doesn't allow sign-in with username, password and security token. {} \
                 Use client credentials instead; in an org created since Winter '26 an admin can \
                 turn login() on in Setup → User Interface → Enable SOAP API login() (that page \
                 can't turn it off again; the related Release Update's test run switches it on \
                 and off).",
                Change::SoapLoginEnds.says(Day::today())
            ),
        ),
        _ => (
            Code::SalesforceError,
            "Salesforce refused the sign-in. Check the details and try again; if it keeps \
             happening, contact support with the detail below."
                .into(),
        ),
    };
    Error::Salesforce {
        code,
        message: text,
        detail: format!("{fault}: {message}"),
    }
}

#[cfg(test)]
#[path = "tests/refusal.rs"]
mod tests;
