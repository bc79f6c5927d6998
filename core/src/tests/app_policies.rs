//! The verdicts on an External Client App's policies, and what may go into a query.

use super::*;

fn policy(ip: &str, refresh: &str) -> PolicyRecord {
    PolicyRecord {
        ip_relaxation_policy_type: Some(ip.into()),
        refresh_token_policy_type: Some(refresh.into()),
        refresh_token_validity_period: Some(90),
        refresh_token_validity_unit: Some("Days".into()),
        permitted_users_policy_type: Some("AllSelfAuthorized".into()),
    }
}

#[test]
fn the_defaults_let_the_destination_renew() {
    let verdict = judge(&policy("Enforce", "Infinite"), Some(Ok(0)), "CustomerOS");
    assert_eq!(verdict.renewals, Renewals::Work, "{verdict:?}");
    assert!(verdict.fix.is_none());
}

#[test]
fn login_ip_ranges_with_enforced_restrictions_name_ip_relaxation() {
    let verdict = judge(&policy("Enforce", "Infinite"), Some(Ok(2)), "CustomerOS");
    assert_eq!(verdict.renewals, Renewals::Fail);
    assert!(
        verdict
            .fix
            .as_deref()
            .unwrap()
            .contains("relax for refresh tokens")
    );
    assert!(verdict.read.iter().any(|r| r.contains("2 Login IP Ranges")));
    let relaxed = judge(
        &policy("Enforce_relaxrefresh", "Infinite"),
        None,
        "CustomerOS",
    );
    assert_eq!(relaxed.renewals, Renewals::Work, "{relaxed:?}");
}

#[test]
fn a_refresh_token_that_expires_at_once_fails_and_a_lifetime_expires() {
    let zero = judge(&policy("Bypass", "Zero"), None, "Airbyte");
    assert_eq!(zero.renewals, Renewals::Fail);
    assert!(zero.fix.as_deref().unwrap().contains("valid until revoked"));
    let lifetime = judge(&policy("Bypass", "SpecificLifetime"), None, "Airbyte");
    assert_eq!(lifetime.renewals, Renewals::Expire);
    assert!(
        lifetime.why.as_deref().unwrap().contains("90 days"),
        "{lifetime:?}"
    );
    let idle = judge(&policy("Bypass", "SpecificInactivity"), None, "Airbyte");
    assert_eq!(idle.renewals, Renewals::Work);
}

#[test]
fn unreadable_ranges_are_not_a_guess() {
    let verdict = judge(
        &policy("Enforce", "Infinite"),
        Some(Err("INVALID_TYPE".into())),
        "CustomerOS",
    );
    assert_eq!(verdict.renewals, Renewals::Unknown);
    assert!(verdict.why.as_deref().unwrap().contains("INVALID_TYPE"));
}

#[test]
fn only_plain_ids_go_into_a_query() {
    assert!(is_salesforce_id("0xIfj0000009EQLEA2"));
    assert!(!is_salesforce_id("0xI' OR Id != '"));
}
