//! Reading single cell values: times, durations and service names.

use super::*;

/// Reads a time: RFC 3339 or another absolute form first, then the preset's local formats in
/// the firm's time zone.
pub fn parse_time(value: &str, preset: Preset, calendar: &WorkCalendar) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Some(t) = absolute_iso(v).or_else(|| absolute_general(v)) {
        return Some(t);
    }
    for f in preset.date_formats() {
        if let Ok(n) = NaiveDateTime::parse_from_str(v, f) {
            return Some(calendar.local_to_utc(n));
        }
    }
    None
}

/// The general path of [`parse_time`] for absolute times: RFC 3339, a UTC time marked `Z` or
/// ` UTC` (seconds and fractions optional), or a time with an offset (`±HH:MM`, `±HHMM`).
pub(super) fn absolute_general(v: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Some(t.with_timezone(&Utc));
    }
    let zulu = v
        .strip_suffix('Z')
        .or_else(|| v.strip_suffix(" UTC"))
        .map(str::trim_end);
    if let Some(naive) = zulu {
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(n) = NaiveDateTime::parse_from_str(naive, f) {
                return Some(n.and_utc());
            }
        }
    }
    if v.len() > 16 && (v.contains('+') || v[10..].contains('-')) {
        for f in [
            "%Y-%m-%dT%H:%M%#z",
            "%Y-%m-%d %H:%M:%S%#z",
            "%Y-%m-%d %H:%M%#z",
        ] {
            if let Ok(t) = DateTime::parse_from_str(v, f) {
                return Some(t.with_timezone(&Utc));
            }
        }
    }
    None
}

/// The fast path of [`parse_time`] for the commonest absolute shape,
/// `YYYY-MM-DD[T ]HH:MM[:SS]` followed by `Z`, ` UTC`, `±HH:MM`, `±HHMM` or `±HH`, read
/// digit by digit (chrono's format parser tries each layout in turn and dominates large
/// imports). Anything else (fractions, local times, odd values) returns `None` and takes the
/// general path, which reads the same shapes to the same instant.
pub(super) fn absolute_iso(v: &str) -> Option<DateTime<Utc>> {
    let b = v.as_bytes();
    if b.len() < 17
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let mut rest = 16;
    let mut second = 0;
    if b[16] == b':' {
        second = num(17, 19)?;
        rest = 19;
    }
    let naive = chrono::NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?
        .and_hms_opt(num(11, 13)?, num(14, 16)?, second)?;
    let offset_s: i64 = match &b[rest..] {
        b"Z" | b" UTC" => 0,
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let at = rest + 1;
            let (h, m) = match tail.len() {
                2 => (num(at, at + 2)?, 0),
                4 => (num(at, at + 2)?, num(at + 2, at + 4)?),
                5 if tail[2] == b':' => (num(at, at + 2)?, num(at + 3, at + 5)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let s = i64::from(h * 3600 + m * 60);
            if *sign == b'-' { -s } else { s }
        }
        _ => return None,
    };
    Some((naive - Duration::seconds(offset_s)).and_utc())
}

/// Reads a duration such as GLPI's "1 days 2 hours 5 minutes" or `HH:MM:SS`, in seconds.
pub fn parse_delay(value: &str) -> Option<i64> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    let parts: Vec<&str> = v.split(':').collect();
    if parts.len() == 3 {
        let n: Vec<i64> = parts.iter().filter_map(|p| p.trim().parse().ok()).collect();
        if n.len() == 3 {
            return Some(n[0] * 3600 + n[1] * 60 + n[2]);
        }
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.is_empty() || !words.len().is_multiple_of(2) {
        return None;
    }
    let mut total = 0;
    for pair in words.chunks(2) {
        let n: i64 = pair[0].parse().ok()?;
        let unit = match pair[1].trim_end_matches('s') {
            "second" | "sec" => 1,
            "minute" | "min" => 60,
            "hour" | "h" => 3600,
            "day" => 86_400,
            _ => return None,
        };
        total += n * unit;
    }
    Some(total)
}

fn squash(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Matches a tool's service value to the catalogue by name: the whole value, then each part of
/// a `A > B` category path, then a catalogue name contained in the value.
pub fn match_service(value: &str, services: &[(i64, String)]) -> Option<i64> {
    let v = squash(value);
    if v.is_empty() {
        return None;
    }
    let by_name = |name: &str| {
        services
            .iter()
            .find(|(_, n)| squash(n) == name)
            .map(|(id, _)| *id)
    };
    by_name(&v)
        .or_else(|| v.split('>').find_map(|part| by_name(part.trim())))
        .or_else(|| {
            services
                .iter()
                .find(|(_, n)| !n.trim().is_empty() && v.contains(&squash(n)))
                .map(|(id, _)| *id)
        })
}
