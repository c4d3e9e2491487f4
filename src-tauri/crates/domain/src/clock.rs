//! Injected time. Every "now" in Ready20k comes from a [`Clock`], so tests and the dossier
//! are deterministic.

use chrono::{DateTime, TimeZone, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock frozen at one instant, for tests and reproducible output.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// A fixed clock at midnight UTC of the given date; `None` if the date is invalid.
    pub fn at_date(year: i32, month: u32, day: u32) -> Option<Self> {
        Utc.with_ymd_and_hms(year, month, day, 0, 0, 0)
            .single()
            .map(Self)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_returns_its_instant() {
        let c = FixedClock::at_date(2026, 3, 1).unwrap();
        assert_eq!(c.now().to_rfc3339(), "2026-03-01T00:00:00+00:00");
        assert!(FixedClock::at_date(2026, 2, 30).is_none());
    }
}
