//! Unit tests of `app_check`.

use super::*;

#[test]
fn only_plausible_keys_are_waited_for() {
    let real =
        "3MVG9SimulatedOrg.sfconnectDemoKey_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5";
    assert!(looks_like_a_key(real));
    assert!(!looks_like_a_key("3MVG9UnknownKey"), "too short");
    assert!(!looks_like_a_key(&real.replace("3MVG", "4MVG")));
    assert!(!looks_like_a_key(&format!("{real} ")));
}

#[test]
fn a_long_wait_is_mentioned_and_a_short_one_is_not() {
    let full = crate::engine::requests::DEFAULT_APP_WAIT;
    let short = unknown_key(Duration::from_secs(5), full).to_string();
    assert!(short.contains("up to 10 minutes"), "{short}");
    assert!(!short.contains("checked for"), "{short}");
    let long = unknown_key(Duration::from_secs(600), full).to_string();
    assert!(long.contains("checked for 10 minutes"), "{long}");
}

/// Walkthrough 2, M2: an External Client App, or a Connected App whose Key was saved long ago,
/// isn't waited for, and the message says waiting won't help.
#[test]
fn a_key_that_cant_be_still_setting_up_says_so_at_once() {
    let now = unknown_key(Duration::ZERO, Duration::ZERO).to_string();
    assert!(now.contains("waiting won't help"), "{now}");
}
