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
    let wrong_secret = refusal("invalid_client", "invalid client credentials", None).to_string();
    assert!(wrong_secret.starts_with("The Consumer Secret doesn't match this Consumer Key"));
    assert!(wrong_secret.contains("Manage Consumer Details"));
}
