//! Salesforce's dated changes follow the clock: every text that mentions one says "stops on …"
//! before its date and "stopped on … (use … instead)" from it, so a copy installed today stays
//! true afterwards. Checked on both sides of each date, through the table and through the
//! wizard's state with an injected clock.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use sfconnect_core::dated::{CHANGES, Change, Day};
use sfconnect_core::engine::{Clock, Engine};
use sfconnect_core::store::SettingsFile;

struct At(u64);

impl Clock for At {
    fn now_unix(&self) -> u64 {
        self.0
    }
}

/// Seconds since the epoch at midday UTC, `days` from the day.
fn unix(year: i64, month: u32, day: u32, days: i64) -> u64 {
    Day::ymd(year, month, day).plus(days).midday_unix()
}

#[test]
fn each_change_is_said_as_coming_before_its_date_and_as_done_from_it() {
    let rows = [
        (
            Change::PasswordFlowEnds,
            (2027, 2, 20),
            "switches",
            "switched",
        ),
        (
            Change::SoapLoginEnds,
            (2027, 7, 17),
            "stops working",
            "stopped working",
        ),
        (
            Change::UseAnyApiAuthEverywhere,
            (2026, 10, 17),
            "From Winter '27",
            "since Winter '27",
        ),
        (
            Change::ConnectedAppsEndOfSupport,
            (2027, 7, 17),
            "is moving",
            "planned to end",
        ),
    ];
    for (change, (y, m, d), coming, done) in rows {
        let day_before = Day::from_unix(unix(y, m, d, -1));
        let on_the_day = Day::from_unix(unix(y, m, d, 0));
        assert!(
            change.says(day_before).contains(coming),
            "{change:?} before"
        );
        assert!(
            change.says(on_the_day).contains(done),
            "{change:?} on the day"
        );
        assert_ne!(change.says(day_before), change.says(on_the_day));
        let row = change.row();
        assert!(!row.source.is_empty() && !row.when.is_empty());
        assert!(
            row.after.contains("instead")
                || row.after.contains("migrate")
                || row.after.contains("needs"),
            "{change:?}: after the date the text says what to do"
        );
    }
    assert_eq!(CHANGES.len(), rows.len(), "every dated claim is tested");
}

#[test]
fn the_password_flow_date_is_the_kb_date_with_no_extension() {
    let row = Change::PasswordFlowEnds.row();
    assert_eq!(row.on, Day::ymd(2027, 2, 20));
    assert!(row.source.contains("005461976"));
    assert!(row.before.contains("20 February 2027"));
}

#[test]
fn the_wizard_shows_the_texts_for_its_clock() {
    let dir = tempfile::tempdir().unwrap();
    for (now, expect) in [
        (
            unix(2026, 12, 2, 0),
            "switches the OAuth username-password flow off",
        ),
        (
            unix(2027, 3, 1, 0),
            "switched the OAuth username-password flow off",
        ),
    ] {
        let engine = Engine::builder(SettingsFile::at(dir.path().join("dated.json")))
            .clock(At(now))
            .build();
        let state = engine.wizard_state().unwrap();
        let password = state
            .dated
            .iter()
            .find(|d| d.change == Change::PasswordFlowEnds)
            .unwrap();
        assert!(password.text.contains(expect), "{}", password.text);
        assert_eq!(state.dated.len(), CHANGES.len());
    }
}
