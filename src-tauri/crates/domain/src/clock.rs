//! Injected time. Every "now" in Ready20k comes from a [`Clock`], so tests and the dossier
//! are deterministic.

use std::sync::{Mutex, PoisonError};

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

    /// A fixed clock at an RFC 3339 instant; `None` if `rfc3339` is not one.
    pub fn at_rfc3339(rfc3339: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(rfc3339)
            .ok()
            .map(|t| Self(t.to_utc()))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A fixed clock that can be moved: it stays at one instant until [`SettableClock::set`]. For
/// a timeline built through the store (the demo firm) and tests where time passes.
#[derive(Debug)]
pub struct SettableClock(Mutex<DateTime<Utc>>);

impl SettableClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = at;
    }
}

impl Clock for SettableClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
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
        let t = FixedClock::at_rfc3339("2026-03-01T09:30:00+01:00").unwrap();
        assert_eq!(t.now().to_rfc3339(), "2026-03-01T08:30:00+00:00");
        assert!(FixedClock::at_rfc3339("2026-03-01").is_none());
    }

    #[test]
    fn settable_clock_stays_until_moved() {
        let start = FixedClock::at_date(2026, 3, 1).unwrap().0;
        let later = FixedClock::at_date(2026, 4, 1).unwrap().0;
        let c = SettableClock::new(start);
        assert_eq!(c.now(), start);
        assert_eq!(c.now(), start);
        c.set(later);
        assert_eq!(c.now(), later);
    }
}
