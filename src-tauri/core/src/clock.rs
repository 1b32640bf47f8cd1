//! The one source of time for the core: today's date for deadlines, export dates and snapshot
//! names, and the moment stored with every change, snapshot, activity line, backup and bundle.
//! A fixed clock makes everything the core writes reproducible (the same bytes twice).

use chrono::{DateTime, NaiveDate, Utc};

/// Today's date and the time as the operations see them.
#[derive(Debug, Clone, Copy, Default)]
pub enum Clock {
    /// The user's clock.
    #[default]
    Local,
    /// A fixed day, at midnight UTC (tests, reproducible runs).
    Fixed(NaiveDate),
}

impl Clock {
    /// Today, as a local date.
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::Local => chrono::Local::now().date_naive(),
            Clock::Fixed(day) => day,
        }
    }

    /// Now.
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::Local => Utc::now(),
            Clock::Fixed(day) => day.and_time(chrono::NaiveTime::MIN).and_utc(),
        }
    }
}

/// A moment as the store keeps it: UTC, RFC 3339 with milliseconds.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_says_the_same() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let c = Clock::Fixed(day);
        assert_eq!(c.today(), day);
        assert_eq!(stamp(c.now()), "2026-03-01T00:00:00.000Z");
        assert_eq!(c.now(), c.now());
    }
}
