//! The firm's business hours and the clock that counts elapsed time on them: elapsed business
//! time between two instants in the firm's IANA time zone, correct across weekends and
//! daylight-saving changes (each day's window is placed in local time, then converted).

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SlaClock;

/// The firm's business hours as entered and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BusinessHours {
    /// Working days, ISO numbering: 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// Start of the working day, `HH:MM` local time.
    pub start: String,
    /// End of the working day, `HH:MM` local time (after `start`).
    pub end: String,
    /// IANA time zone, e.g. `Europe/London`.
    pub time_zone: String,
}

impl Default for BusinessHours {
    /// Monday to Friday, 09:00–17:00, UTC.
    fn default() -> Self {
        Self {
            days: vec![1, 2, 3, 4, 5],
            start: "09:00".into(),
            end: "17:00".into(),
            time_zone: "UTC".into(),
        }
    }
}

/// Why business hours were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BusinessHoursError {
    /// Not an IANA time zone name.
    #[error("{0} is not a time zone name; use an IANA name such as Europe/London.")]
    UnknownTimeZone(String),
    /// A time that is not `HH:MM`.
    #[error("{0} is not a time of day; write it as HH:MM, e.g. 09:00.")]
    BadTime(String),
    /// The day ends before it starts.
    #[error("The working day must end after it starts ({start}–{end}).")]
    EndBeforeStart {
        /// Start as given.
        start: String,
        /// End as given.
        end: String,
    },
    /// No working day, or a day number outside 1–7.
    #[error("Choose at least one working day (1 = Monday … 7 = Sunday).")]
    BadDays,
}

impl BusinessHoursError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownTimeZone(_) => "unknown_time_zone",
            Self::BadTime(_) => "bad_time",
            Self::EndBeforeStart { .. } => "end_before_start",
            Self::BadDays => "bad_days",
        }
    }
}

/// Business hours checked and ready to count with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkCalendar {
    tz: Tz,
    /// Bit `d - 1` set for ISO weekday `d`.
    days: u8,
    start: NaiveTime,
    end: NaiveTime,
}

fn parse_hhmm(s: &str) -> Result<NaiveTime, BusinessHoursError> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| BusinessHoursError::BadTime(s.to_owned()))
}

impl WorkCalendar {
    /// Checks `hours` and builds the calendar.
    pub fn new(hours: &BusinessHours) -> Result<Self, BusinessHoursError> {
        let tz = Tz::from_str(hours.time_zone.trim())
            .map_err(|_| BusinessHoursError::UnknownTimeZone(hours.time_zone.clone()))?;
        let start = parse_hhmm(&hours.start)?;
        let end = parse_hhmm(&hours.end)?;
        if end <= start {
            return Err(BusinessHoursError::EndBeforeStart {
                start: hours.start.clone(),
                end: hours.end.clone(),
            });
        }
        let mut days = 0u8;
        for &d in &hours.days {
            if !(1..=7).contains(&d) {
                return Err(BusinessHoursError::BadDays);
            }
            days |= 1 << (d - 1);
        }
        if days == 0 {
            return Err(BusinessHoursError::BadDays);
        }
        Ok(Self {
            tz,
            days,
            start,
            end,
        })
    }

    /// The firm's time zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Length of one working day in minutes.
    pub fn day_minutes(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes()).unwrap_or(0)
    }

    fn works_on(&self, date: NaiveDate) -> bool {
        let iso = date.weekday().number_from_monday();
        self.days & (1 << (iso - 1)) != 0
    }

    /// A local wall-clock time in the firm's zone as an instant. An ambiguous time (clocks
    /// going back) is the earlier instant; a time that does not exist (clocks going forward)
    /// is moved forward by the length of the gap, as the wall clock would show it.
    pub fn local_to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        if let Some(t) = self.tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        // Inside a gap: read the time with the offset in force just before the gap, which
        // lands as far past the gap's end as the time was past its start.
        for hours_back in 1..=48 {
            if let Some(before) = self
                .tz
                .from_local_datetime(&(local - Duration::hours(hours_back)))
                .earliest()
            {
                let offset = i64::from(before.offset().fix().local_minus_utc());
                return Utc.from_utc_datetime(&(local - Duration::seconds(offset)));
            }
        }
        Utc.from_utc_datetime(&local)
    }

    /// Seconds of business time between `from` and `to` (0 if `to` is not after `from`).
    pub fn business_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.business_seconds_capped(from, to, i64::MAX)
    }

    /// [`WorkCalendar::business_seconds`], but counting stops as soon as the total exceeds
    /// `cap`: the result is exact up to `cap` and otherwise some value above it. Enough to
    /// compare a long-open record with a target without walking every day since it opened.
    pub fn business_seconds_capped(&self, from: DateTime<Utc>, to: DateTime<Utc>, cap: i64) -> i64 {
        self.count(from, to, cap, |day| self.window(day))
    }

    /// A working day's window as instants.
    fn window(&self, day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.local_to_utc(day.and_time(self.start)),
            self.local_to_utc(day.and_time(self.end)),
        )
    }

    fn count(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        cap: i64,
        mut window: impl FnMut(NaiveDate) -> (DateTime<Utc>, DateTime<Utc>),
    ) -> i64 {
        if to <= from {
            return 0;
        }
        let first = from.with_timezone(&self.tz).date_naive();
        let last = to.with_timezone(&self.tz).date_naive();
        let mut total = 0;
        let mut day = first;
        while day <= last {
            if self.works_on(day) {
                let (open, close) = window(day);
                let (open, close) = (open.max(from), close.min(to));
                if close > open {
                    total += (close - open).num_seconds();
                }
                if total > cap {
                    break;
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        total
    }

    /// The month of an instant in the firm's time zone as `yyyy * 100 + mm`.
    pub fn month_key_of(&self, t: DateTime<Utc>) -> u32 {
        let local = t.with_timezone(&self.tz);
        u32::try_from(local.year()).unwrap_or(0) * 100 + local.month()
    }

    /// Seconds elapsed between `from` and `to` on `clock`.
    pub fn elapsed_seconds(&self, clock: SlaClock, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        match clock {
            SlaClock::TwentyFourSeven => (to - from).num_seconds().max(0),
            SlaClock::BusinessHours => self.business_seconds(from, to),
        }
    }

    /// The calendar month (`YYYY-MM`) of an instant in the firm's time zone.
    pub fn month_of(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%Y-%m").to_string()
    }
}

/// A [`WorkCalendar`] that remembers each day's business window: counting many records in a
/// row (an import) then converts each day's opening and closing time once.
#[derive(Debug)]
pub struct DayWindows<'c> {
    calendar: &'c WorkCalendar,
    days: HashMap<NaiveDate, (DateTime<Utc>, DateTime<Utc>)>,
}

impl<'c> DayWindows<'c> {
    /// An empty memo over `calendar`.
    pub fn new(calendar: &'c WorkCalendar) -> Self {
        Self {
            calendar,
            days: HashMap::new(),
        }
    }

    /// [`WorkCalendar::business_seconds`], memoised.
    pub fn business_seconds(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        let cal = self.calendar;
        let days = &mut self.days;
        cal.count(from, to, i64::MAX, |day| {
            *days.entry(day).or_insert_with(|| cal.window(day))
        })
    }

    /// Elapsed seconds on both clocks, `[24x7, business hours]`.
    pub fn elapsed(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> [i64; 2] {
        [
            (to - from).num_seconds().max(0),
            self.business_seconds(from, to),
        ]
    }

    /// The calendar.
    pub fn calendar(&self) -> &'c WorkCalendar {
        self.calendar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(tz: &str) -> WorkCalendar {
        WorkCalendar::new(&BusinessHours {
            days: vec![1, 2, 3, 4, 5],
            start: "09:00".into(),
            end: "17:30".into(),
            time_zone: tz.into(),
        })
        .unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn records_hours_same_day_inside_window() {
        let c = cal("Europe/London");
        // 2026-10-05 is a Monday; London is on BST (UTC+1): 09:12 local = 08:12Z.
        let s = c.business_seconds(utc("2026-10-05T08:12:00Z"), utc("2026-10-05T10:42:00Z"));
        assert_eq!(s, 150 * 60);
    }

    #[test]
    fn records_hours_cross_a_weekend() {
        let c = cal("Europe/London");
        // Friday 2026-10-09 16:30 BST to Monday 2026-10-12 10:00 BST:
        // Friday 16:30–17:30 = 60 min, Saturday and Sunday 0, Monday 09:00–10:00 = 60 min.
        let s = c.business_seconds(utc("2026-10-09T15:30:00Z"), utc("2026-10-12T09:00:00Z"));
        assert_eq!(s, 120 * 60);
        // On the 24x7 clock the same ticket took 65.5 hours.
        let f = c.elapsed_seconds(
            SlaClock::TwentyFourSeven,
            utc("2026-10-09T15:30:00Z"),
            utc("2026-10-12T09:00:00Z"),
        );
        assert_eq!(f, (65 * 60 + 30) * 60);
    }

    #[test]
    fn records_hours_cross_the_autumn_clock_change() {
        let c = cal("Europe/London");
        // Clocks go back on Sunday 2026-10-25 (BST -> GMT). Friday 2026-10-23 17:00 BST
        // (16:00Z) to Monday 2026-10-26 09:30 GMT (09:30Z): Friday 30 min + Monday 30 min.
        let s = c.business_seconds(utc("2026-10-23T16:00:00Z"), utc("2026-10-26T09:30:00Z"));
        assert_eq!(s, 60 * 60);
        // Wall-clock UTC difference is 65.5 h; a naive count in local time would say 64.5 h.
        let f = c.elapsed_seconds(
            SlaClock::TwentyFourSeven,
            utc("2026-10-23T16:00:00Z"),
            utc("2026-10-26T09:30:00Z"),
        );
        assert_eq!(f, (65 * 60 + 30) * 60);
    }

    #[test]
    fn records_hours_cross_the_spring_clock_change_in_new_york() {
        let c = cal("America/New_York");
        // Clocks go forward on Sunday 2026-03-08. Friday 2026-03-06 17:00 EST (22:00Z) to
        // Monday 2026-03-09 09:45 EDT (13:45Z): 30 min + 45 min.
        let s = c.business_seconds(utc("2026-03-06T22:00:00Z"), utc("2026-03-09T13:45:00Z"));
        assert_eq!(s, 75 * 60);
    }

    #[test]
    fn records_hours_capped_count_stops_early_but_stays_above_the_cap() {
        let c = cal("UTC");
        let (from, to) = (utc("2025-01-06T00:00:00Z"), utc("2026-01-05T00:00:00Z"));
        // 52 weeks of 5 × 510 minutes.
        assert_eq!(c.business_seconds(from, to), 52 * 5 * 510 * 60);
        let capped = c.business_seconds_capped(from, to, 600 * 60);
        assert!(capped > 600 * 60 && capped <= 2 * 510 * 60, "{capped}");
        assert_eq!(
            c.business_seconds_capped(from, utc("2025-01-06T10:00:00Z"), 600 * 60),
            3600
        );
    }

    #[test]
    fn records_hours_memoised_windows_agree() {
        let c = cal("Europe/London");
        let mut memo = DayWindows::new(&c);
        for (from, to) in [
            ("2026-10-09T15:30:00Z", "2026-10-12T09:00:00Z"),
            ("2026-10-23T16:00:00Z", "2026-10-26T09:30:00Z"),
            ("2026-10-23T14:00:00Z", "2026-10-27T09:00:00Z"),
        ] {
            let (from, to) = (utc(from), utc(to));
            assert_eq!(
                memo.business_seconds(from, to),
                c.business_seconds(from, to)
            );
            assert_eq!(memo.elapsed(from, to)[0], (to - from).num_seconds());
        }
        assert_eq!(c.month_key_of(utc("2026-09-30T23:30:00Z")), 202610);
    }

    #[test]
    fn records_hours_outside_hours_and_reversed_count_nothing() {
        let c = cal("UTC");
        // Saturday all day.
        assert_eq!(
            c.business_seconds(utc("2026-10-10T00:00:00Z"), utc("2026-10-11T23:59:00Z")),
            0
        );
        // Monday evening to Tuesday before opening.
        assert_eq!(
            c.business_seconds(utc("2026-10-05T18:00:00Z"), utc("2026-10-06T08:59:00Z")),
            0
        );
        assert_eq!(
            c.business_seconds(utc("2026-10-06T10:00:00Z"), utc("2026-10-05T10:00:00Z")),
            0
        );
        // One full working week: 5 × 8.5 h.
        assert_eq!(
            c.business_seconds(utc("2026-10-05T00:00:00Z"), utc("2026-10-12T00:00:00Z")),
            5 * 510 * 60
        );
    }

    #[test]
    fn records_hours_local_times_in_gaps_and_overlaps() {
        let c = cal("Europe/London");
        // 2026-03-29 01:30 does not exist in London (01:00 -> 02:00): read as 02:30 BST.
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        assert_eq!(c.local_to_utc(gap), utc("2026-03-29T01:30:00Z"));
        // 2026-10-25 01:30 happens twice: the earlier (BST) one is taken.
        let twice = NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        assert_eq!(c.local_to_utc(twice), utc("2026-10-25T00:30:00Z"));
        assert_eq!(c.month_of(utc("2026-10-31T23:30:00Z")), "2026-10");
        assert_eq!(c.month_of(utc("2026-09-30T23:30:00Z")), "2026-10");
    }

    #[test]
    fn records_hours_refuse_bad_settings() {
        let code = |h: BusinessHours| WorkCalendar::new(&h).unwrap_err().code();
        let d = BusinessHours::default;
        let zone = BusinessHours {
            time_zone: "Mars/Olympus".into(),
            ..d()
        };
        assert_eq!(code(zone), "unknown_time_zone");
        let early = BusinessHours {
            end: "08:00".into(),
            ..d()
        };
        assert_eq!(code(early), "end_before_start");
        assert_eq!(
            code(BusinessHours {
                days: vec![],
                ..d()
            }),
            "bad_days"
        );
        assert_eq!(
            code(BusinessHours {
                days: vec![8],
                ..d()
            }),
            "bad_days"
        );
        let am = BusinessHours {
            start: "9am".into(),
            ..d()
        };
        assert_eq!(code(am), "bad_time");
        assert_eq!(
            WorkCalendar::new(&BusinessHours::default())
                .unwrap()
                .day_minutes(),
            480
        );
    }
}
