//! Unit tests of `preferences`.

use super::*;

#[test]
fn defaults_round_trip_and_a_day_between_looks() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = Preferences::load(dir.path());
    assert_eq!(fresh, Preferences::default());
    assert!(fresh.update_check_due(1_000));
    let looked = Preferences {
        update_checked_at: Some(1_000),
        ..fresh
    };
    looked.save(dir.path()).unwrap();
    let loaded = Preferences::load(dir.path());
    assert_eq!(loaded, looked);
    assert!(!loaded.update_check_due(1_000 + UPDATE_CHECK_EVERY_SECS - 1));
    assert!(loaded.update_check_due(1_000 + UPDATE_CHECK_EVERY_SECS));
    assert!(
        loaded.update_check_due(10),
        "a clock set back doesn't stop checks for good"
    );
    let off = Preferences {
        update_checks: false,
        ..loaded
    };
    assert!(!off.update_check_due(u64::MAX));
    assert!(super::super::profiles::check_name("preferences.app").is_err());
    std::fs::write(file(dir.path()), b"{not json").unwrap();
    assert_eq!(Preferences::load(dir.path()), Preferences::default());
}
