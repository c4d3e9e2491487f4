//! The calendar as an RFC 5545 iCalendar file, so the duties appear in the user's own
//! calendar: one all-day `VEVENT` per occurrence with a `UID` that stays the same across
//! exports (re-importing updates events instead of duplicating them), `DTSTAMP` from the
//! injected clock, TEXT values escaped and lines folded at 75 octets, CRLF line ends.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{Occurrence, OccurrenceStatus};

/// What identifies the calendar and its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsHeader {
    /// The calendar's name (`X-WR-CALNAME`), e.g. "Northwind Managed IT Ltd — SMS duties".
    pub name: String,
    /// Right-hand side of every UID (`<occurrence id>@<uid_domain>`): stable for the project,
    /// different between projects, e.g. `p20261201t090000z.ready20k`.
    pub uid_domain: String,
    /// The time the file is written (from the injected clock).
    pub stamp: DateTime<Utc>,
}

impl IcsHeader {
    /// The header of a project's calendar: named after the firm, UIDs scoped by the project's
    /// creation time (so the app and the CLI write the same UIDs for the same project).
    pub fn for_project(firm_name: &str, created_at: &str, stamp: DateTime<Utc>) -> Self {
        let created: String = created_at
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Self {
            name: format!("{firm_name} — SMS duties"),
            uid_domain: format!("p{created}.ready20k"),
            stamp,
        }
    }
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (RFC 5545 3.1): no line longer than 75 octets, continuation lines
/// start with a space, never splitting a UTF-8 character. Each line ends with CRLF.
pub fn fold_line(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A UID-safe form of an occurrence id: letters, digits and `-._:@` kept, anything else `_`.
fn uid_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._:@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Writes `occurrences` as one VCALENDAR. Each event lasts the due day (`DTSTART;VALUE=DATE`,
/// `DTEND` the next day), says the clause, owner and status in its description, and reminds
/// a day before unless it is done.
pub fn write_ics(header: &IcsHeader, occurrences: &[Occurrence]) -> String {
    let mut out = String::new();
    let stamp = header.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut line = |l: String| fold_line(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Ready20k//SMS calendar//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("NAME:{}", escape_text(&header.name)));
    line(format!("X-WR-CALNAME:{}", escape_text(&header.name)));
    for o in occurrences {
        let end = o.due.checked_add_days(Days::new(1)).unwrap_or(o.due);
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:{}@{}",
            uid_part(&o.id),
            uid_part(&header.uid_domain)
        ));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", date_value(o.due)));
        line(format!("DTEND;VALUE=DATE:{}", date_value(end)));
        line(format!("SUMMARY:{}", escape_text(&o.title)));
        let owner = if o.owner.trim().is_empty() {
            "nobody named yet".to_owned()
        } else {
            o.owner.clone()
        };
        let mut description = format!(
            "Clause {}. Owner: {owner}. Status: {}.",
            o.clause,
            o.status.as_str()
        );
        if let Some(c) = &o.completion {
            description.push_str(&format!("\nDone on {}: {}.", c.done_on, c.record));
        }
        line(format!("DESCRIPTION:{}", escape_text(&description)));
        line(format!(
            "CATEGORIES:{}",
            escape_text(&format!("ISO 20000 {}", o.kind.as_str().replace('_', " ")))
        ));
        line("TRANSP:TRANSPARENT".into());
        if o.status != OccurrenceStatus::Done {
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            line(format!("DESCRIPTION:{}", escape_text(&o.title)));
            line("TRIGGER:-P1D".into());
            line("END:VALARM".into());
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_projects_header_names_the_firm_and_scopes_uids_by_its_creation_time() {
        let stamp = Utc.with_ymd_and_hms(2027, 2, 15, 8, 30, 0).unwrap();
        let a = IcsHeader::for_project("Northwind", "2026-12-01T09:00:00Z", stamp);
        assert_eq!(a.name, "Northwind — SMS duties");
        assert_eq!(a.uid_domain, "p20261201t090000z.ready20k");
        let later = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let again = IcsHeader::for_project("Northwind", "2026-12-01T09:00:00Z", later);
        assert_eq!(again.uid_domain, a.uid_domain, "stable across exports");
        let other = IcsHeader::for_project("Northwind", "2026-12-01T09:00:01Z", stamp);
        assert_ne!(other.uid_domain, a.uid_domain, "different projects differ");
    }
}
