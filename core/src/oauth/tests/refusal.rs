//! Unit tests of `refusal`.

use super::*;

#[test]
fn documented_errors_map_to_codes() {
    let cases = [
        (
            "invalid_client_id",
            "client identifier invalid",
            None,
            "unknown_client_id",
        ),
        (
            "invalid_client",
            "invalid client credentials",
            None,
            "wrong_client_secret",
        ),
        (
            "redirect_uri_mismatch",
            "redirect_uri must match configuration",
            None,
            "callback_url_mismatch",
        ),
        (
            "invalid_request",
            "missing required code challenge",
            None,
            "pkce_required",
        ),
        (
            "invalid_grant",
            "invalid code verifier",
            None,
            "pkce_mismatch",
        ),
        (
            "invalid_grant",
            "expired authorization code",
            None,
            "code_expired",
        ),
        (
            "invalid_grant",
            "invalid authorization code",
            None,
            "code_invalid",
        ),
        (
            "invalid_grant",
            "expired access/refresh token",
            None,
            "refresh_token_revoked",
        ),
        (
            "invalid_grant",
            "authentication failure",
            Some(Grant::Password),
            "login_failed",
        ),
        (
            "unsupported_grant_type",
            "grant type not supported",
            Some(Grant::Password),
            "password_flow_blocked",
        ),
        (
            "unsupported_grant_type",
            "grant type not supported",
            Some(Grant::ClientCredentials),
            "client_credentials_disabled",
        ),
        (
            "invalid_grant",
            "no client credentials user enabled",
            None,
            "run_as_user_missing",
        ),
        (
            "invalid_request",
            "request not supported on this domain",
            None,
            "my_domain_required",
        ),
        (
            "access_denied",
            "end-user denied authorization",
            None,
            "access_denied",
        ),
        (
            "invalid_client",
            "app must be installed into org",
            None,
            "app_not_installed",
        ),
        (
            "OAUTH_APPROVAL_ERROR_GENERIC",
            "An unexpected error has occured during authentication.",
            None,
            "app_not_installed",
        ),
        (
            "OAUTH_EC_APP_NOT_FOUND",
            "External client app is not installed in this org",
            None,
            "app_not_in_org",
        ),
        (
            "invalid_app_access",
            "user is not admin approved to access this app",
            Some(Grant::AuthorizationCode),
            "not_admin_approved",
        ),
        (
            "OAUTH_APP_ACCESS_DENIED",
            "user is not admin approved to access this app",
            None,
            "not_admin_approved",
        ),
        (
            "OAUTH_APP_BLOCKED",
            "this app is blocked by admin",
            None,
            "app_blocked",
        ),
        (
            "invalid_grant",
            "ip restricted or invalid login hours",
            Some(Grant::AuthorizationCode),
            "ip_restricted",
        ),
        (
            "invalid_grant",
            "inactive user",
            Some(Grant::RefreshToken),
            "inactive_user",
        ),
        ("something_new", "", None, "salesforce_error"),
    ];
    for (error, description, grant, code) in cases {
        let mapped = refusal(error, description, grant);
        assert_eq!(mapped.code(), code, "{error} {description}");
        assert!(
            !mapped.to_string().contains('_')
                || code == "salesforce_error"
                || mapped.to_string().contains("refresh_token"),
            "message should be plain language: {mapped}"
        );
    }
    let blocked = refusal("OAUTH_APP_BLOCKED", "this app is blocked by admin", None).to_string();
    assert!(blocked.contains("unblock"), "{blocked}");
    let not_approved = refusal(
        "OAUTH_APP_ACCESS_DENIED",
        "user is not admin approved",
        None,
    )
    .to_string();
    assert!(!not_approved.contains("unblock") && not_approved.contains("Permitted Users"));
    let other = refusal("access_denied", "some other reason", None).to_string();
    assert!(
        !other.contains("You chose Deny") && other.contains("some other reason"),
        "{other}"
    );
    let wrong_secret = refusal("invalid_client", "invalid client credentials", None).to_string();
    assert!(wrong_secret.starts_with("The Consumer Secret doesn't match this Consumer Key"));
    assert!(wrong_secret.contains("Manage Consumer Details"));
}

#[test]
fn soap_refusals_say_what_holds_in_every_org_now() {
    // Truth review 2, N50: Use Any API Auth is required in every org, not only new ones, and
    // Customerscore (the only SOAP user) has no browser sign-in to fall back to.
    let denied = fault_error("sf:INSUFFICIENT_ACCESS", "no Use Any API Auth").to_string();
    assert!(denied.contains("every org"), "{denied}");
    assert!(!denied.contains("new orgs require"), "{denied}");
    assert!(denied.contains("client credentials"), "{denied}");
    // Truth review 2, N4/N51: the password flow's end date is said.
    let rejected = refusal(
        "invalid_grant",
        "authentication failure",
        Some(Grant::Password),
    );
    assert!(
        rejected.to_string().contains("20 February 2027"),
        "{rejected}"
    );
}
