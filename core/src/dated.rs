//! Salesforce's dated changes, in one table, each with its date and source. A text that
//! mentions one asks [`Change::says`] with today's date: before the date it says what will
//! happen, after it what happened and what to use instead, so a copy installed today stays true
//! after the change. Dates given only as a release ("Summer '27") switch once that release has
//! reached every org (mid-July for a summer release).

use serde::Serialize;

/// A calendar day, as days since 1970-01-01 (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(i64);

impl Day {
    /// The day `year-month-day` (a proleptic Gregorian date; Howard Hinnant's
    /// `days_from_civil`).
    #[must_use]
    pub const fn ymd(year: i64, month: u32, day: u32) -> Day {
        let y = if month <= 2 { year - 1 } else { year };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// `days` later (earlier when negative).
    #[must_use]
    pub const fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }

    /// Seconds since the epoch at midday UTC on this day.
    #[must_use]
    pub fn midday_unix(self) -> u64 {
        u64::try_from(self.0 * 86_400 + 43_200).unwrap_or(0)
    }

    /// The day that `unix` seconds fall on.
    #[must_use]
    pub fn from_unix(unix: u64) -> Day {
        Day(i64::try_from(unix / 86_400).unwrap_or(i64::MAX))
    }

    /// Today, by the system clock.
    #[must_use]
    pub fn today() -> Day {
        Day::from_unix(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        )
    }
}

/// A dated change the product talks about (the JSON spelling names it for the wizard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The OAuth username-password flow ends for Connected Apps in every org.
    PasswordFlowEnds,
    /// SOAP `login()` stops for every API version.
    SoapLoginEnds,
    /// SOAP `login()` needs the Use Any API Auth permission in every org.
    UseAnyApiAuthEverywhere,
    /// Connected Apps reach end of support.
    ConnectedAppsEndOfSupport,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Dated {
    /// Which change.
    pub change: Change,
    /// The first day the "after" text is said.
    pub on: Day,
    /// The date as Salesforce gives it.
    pub when: &'static str,
    /// Where Salesforce says so.
    pub source: &'static str,
    /// Said before `on`.
    pub before: &'static str,
    /// Said from `on`.
    pub after: &'static str,
}

/// Every dated claim the product makes, with its source.
pub const CHANGES: [Dated; 4] = [
    Dated {
        change: Change::PasswordFlowEnds,
        on: Day::ymd(2027, 2, 20),
        when: "20 February 2027",
        source: "Salesforce KB 005461976 (retiring the OAuth 2.0 Username-Password Flow for \
                 Connected Apps; no extension or exception)",
        before: "Salesforce switches the OAuth username-password flow off in every org on 20 \
                 February 2027, with no extension.",
        after: "Salesforce switched the OAuth username-password flow off in every org on 20 \
                February 2027: use client credentials or the browser sign-in instead.",
    },
    Dated {
        change: Change::SoapLoginEnds,
        on: Day::ymd(2027, 7, 17),
        when: "Summer '27",
        source: "SOAP API Developer Guide, login(): removed from API v65.0, off by default in \
                 orgs created in Winter '26 or later, retired for every version in Summer '27",
        before: "SOAP login() is gone from API version 65.0, is off by default in orgs created \
                 since Winter '26, and stops working for every API version in Summer '27.",
        after: "SOAP login() stopped working for every API version in Summer '27: use client \
                credentials or the browser sign-in instead.",
    },
    Dated {
        change: Change::UseAnyApiAuthEverywhere,
        on: Day::ymd(2026, 10, 17),
        when: "Winter '27",
        source: "Salesforce release note \"Assign Use Any API Auth Permission for SOAP \
                 login()\" (all API-enabled editions; enforced with Winter '27)",
        before: "From Winter '27 every user who signs in with SOAP login() needs the Use Any API \
                 Auth permission, in every org.",
        after: "Every user who signs in with SOAP login() needs the Use Any API Auth permission \
                (required in every org since Winter '27).",
    },
    Dated {
        change: Change::ConnectedAppsEndOfSupport,
        on: Day::ymd(2027, 7, 17),
        when: "Summer '27 (planned)",
        source: "Salesforce KB 005228017 (long-term end of support for connected apps); the \
                 release update \"Migrate All Connected Apps to External Client Apps\" \
                 (Summer '27, as summarised by third parties)",
        before: "Salesforce is moving Connected Apps to end of support (planned for Summer '27): \
                 prefer migrating this one to an External Client App (Migrate to External Client \
                 App on its page).",
        after: "Salesforce planned to end support for Connected Apps in Summer '27: migrate this \
                one to an External Client App (Migrate to External Client App on its page).",
    },
];

impl Change {
    /// Its row of [`CHANGES`].
    #[must_use]
    pub fn row(self) -> &'static Dated {
        // Every variant has a row: `every_change_has_one_row` checks it.
        CHANGES
            .iter()
            .find(|row| row.change == self)
            .unwrap_or(&CHANGES[0])
    }

    /// What to say about it on `today`.
    #[must_use]
    pub fn says(self, today: Day) -> &'static str {
        let row = self.row();
        if today < row.on {
            row.before
        } else {
            row.after
        }
    }
}

/// A dated text as the wizard shows it (`data-dated` elements).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DatedText {
    /// Which change.
    pub change: Change,
    /// What to say about it today.
    pub text: &'static str,
}

/// Every dated text for `today`, for the wizard.
#[must_use]
pub fn texts(today: Day) -> Vec<DatedText> {
    CHANGES
        .iter()
        .map(|row| DatedText {
            change: row.change,
            text: row.change.says(today),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_calendar_days() {
        assert_eq!(Day::ymd(1970, 1, 1), Day(0));
        assert_eq!(Day::ymd(2000, 3, 1), Day(11_017));
        assert_eq!(Day::from_unix(1_795_863_467), Day::ymd(2026, 11, 28));
    }

    #[test]
    fn every_change_has_one_row() {
        for change in [
            Change::PasswordFlowEnds,
            Change::SoapLoginEnds,
            Change::UseAnyApiAuthEverywhere,
            Change::ConnectedAppsEndOfSupport,
        ] {
            assert_eq!(CHANGES.iter().filter(|r| r.change == change).count(), 1);
        }
    }
}
