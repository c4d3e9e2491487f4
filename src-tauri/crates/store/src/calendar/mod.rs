//! `calendar_duty`, `calendar_completion`, `calendar_completion_file` (migration
//! `0008_registers`): the SMS calendar's choices per duty and the records that mark
//! occurrences done, and [`calendar`], which assembles the calendar from the duty list and the
//! project's dates with the engine of `ready20k_domain::calendar`.
//!
//! An occurrence is done only with a record: a piece of evidence, or a note with a file kept
//! here with its SHA-256. Document reviews are done by re-approving the document (its next
//! review date moves) and supplier reviews by recording the review.

mod snap;
pub use snap::{export_completions, export_duties, import_calendar};
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use ready20k_domain::calendar::project::{self, ProjectDates};
use ready20k_domain::calendar::sources::DutyChoice;
use ready20k_domain::calendar::{
    CalendarFinding, CalendarOverview, CompletionRef, Occurrence, Series, Window, findings,
    occurrences, overview, today_in,
};
use ready20k_domain::content::{Frequency, try_library};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::Project;
use crate::assessment::evidence::{list_evidence, sha256_hex};
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult, known_person};
use crate::table_row::{self, TableRow};
use crate::{StoreError, documents, suppliers};

/// The largest file attached to a completion, in bytes (50 MiB, as for evidence).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The duty of the duty list that per-supplier reviews replace once agreements are recorded.
pub use ready20k_domain::calendar::project::SUPPLIER_REVIEW_DUTY;

/// The project's choice for one duty, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutySetting {
    /// Duty id of the duty list.
    pub duty_id: String,
    /// First due date, `YYYY-MM-DD` (default: one interval after the calendar's start).
    pub anchor_on: Option<String>,
    /// Frequency other than the default for the firm's size.
    pub frequency: Option<Frequency>,
    /// The person who does it (default: the holders of the duty's owner role).
    pub owner_id: Option<i64>,
    /// `false`: the duty does not apply.
    pub active: bool,
}

fn frequency_text(f: Frequency) -> &'static str {
    match f {
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        Frequency::Quarterly => "quarterly",
        Frequency::HalfYearly => "half_yearly",
        Frequency::Yearly => "yearly",
    }
}

fn parse_frequency(s: &str) -> Option<Frequency> {
    Frequency::ALL.into_iter().find(|f| frequency_text(*f) == s)
}

fn parse_day(text: &str, what: &str) -> RegisterResult<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| {
            RegisterError::refused("bad_date", format!("Enter the {what} as YYYY-MM-DD."))
        })
}

/// Every stored duty choice, by duty id.
pub fn list_duty_settings(conn: &Connection) -> RegisterResult<Vec<DutySetting>> {
    let mut stmt = conn.prepare_cached(
        "SELECT duty_id, anchor_on, frequency, owner_id, active FROM calendar_duty
         ORDER BY duty_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let frequency: Option<String> = r.get(2)?;
        Ok(DutySetting {
            duty_id: r.get(0)?,
            anchor_on: r.get(1)?,
            frequency: frequency.as_deref().and_then(parse_frequency),
            owner_id: r.get(3)?,
            active: r.get::<_, i64>(4)? != 0,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores the project's choice for a duty of the duty list.
pub fn save_duty_setting(p: &mut Project, s: &DutySetting) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let lib =
        try_library().map_err(|e| RegisterError::refused("content_invalid", e.to_string()))?;
    if lib.duty(&s.duty_id).is_none() {
        return Err(RegisterError::not_found(
            "duty_not_found",
            format!("There is no duty {} in the duty list.", s.duty_id),
        ));
    }
    let anchor = match s
        .anchor_on
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        Some(a) => Some(parse_day(a, "first due date")?.to_string()),
        None => None,
    };
    write_in(conn, now, "calendar_duty_saved", |tx| {
        known_person(tx, s.owner_id)?;
        tx.execute(
            "INSERT INTO calendar_duty (duty_id, anchor_on, frequency, owner_id, active, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (duty_id) DO UPDATE SET anchor_on = excluded.anchor_on,
                 frequency = excluded.frequency, owner_id = excluded.owner_id,
                 active = excluded.active, updated_at = excluded.updated_at",
            params![
                s.duty_id,
                anchor,
                s.frequency.map(frequency_text),
                s.owner_id,
                s.active,
                now
            ],
        )?;
        Ok::<_, RegisterError>(((), s.duty_id.clone()))
    })
}

/// A completion record as stored: the `calendar_completion` row of the snapshot (the file's
/// bytes are read with [`read_completion_file`]; `content_base64` is `None` here).
pub use ready20k_domain::snapshot::CalendarCompletionSnap as Completion;

/// What marks an occurrence done: evidence already in the project, or a note with a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCompletion {
    /// The occurrence (`<series id>@<due date>`).
    pub occurrence_id: String,
    /// When the work was done, `YYYY-MM-DD`.
    pub done_on: String,
    /// Who did it.
    pub person_id: Option<i64>,
    /// Evidence in the project that shows it was done.
    pub evidence_id: Option<i64>,
    /// A note (required with a file).
    pub note: String,
}

/// Every completion record, by occurrence id.
pub fn list_completions(conn: &Connection) -> RegisterResult<Vec<Completion>> {
    Ok(table_row::export(conn)?)
}

/// One completion record, if the occurrence is done.
pub fn get_completion(
    conn: &Connection,
    occurrence_id: &str,
) -> RegisterResult<Option<Completion>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {} FROM calendar_completion WHERE occurrence_id = ?1",
                Completion::COLUMNS.join(", ")
            ),
            [occurrence_id],
            Completion::read,
        )
        .optional()?)
}

/// Splits `<series id>@<YYYY-MM-DD>`.
fn split_occurrence(id: &str) -> RegisterResult<(String, NaiveDate)> {
    let bad = || {
        RegisterError::refused(
            "bad_occurrence",
            format!("{id} is not a calendar occurrence; reload the calendar."),
        )
    };
    let (series, due) = id.rsplit_once('@').ok_or_else(bad)?;
    if series.is_empty() {
        return Err(bad());
    }
    let due = parse_day(due, "due date").map_err(|_| bad())?;
    Ok((series.to_owned(), due))
}

/// Marks an occurrence done with a record: `c.evidence_id` (evidence in the project) or
/// `file` (its name and bytes, kept with its SHA-256) with a note. Refused without a record,
/// for an occurrence the calendar does not have, for a series done by other records
/// (document and supplier reviews), or when it is already done. Returns the stored record.
pub fn complete(
    p: &mut Project,
    c: &NewCompletion,
    file: Option<(&str, &[u8])>,
) -> RegisterResult<Completion> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let (series_id, due) = split_occurrence(c.occurrence_id.trim())?;
    let done_on = parse_day(&c.done_on, "date it was done")?;
    let note = c.note.trim().to_owned();
    let file = match file {
        Some((name, bytes)) => {
            let name = name.trim();
            if name.is_empty() {
                return Err(RegisterError::refused("bad_file", "The file has no name."));
            }
            if bytes.len() > MAX_FILE_BYTES {
                return Err(RegisterError::refused(
                    "file_too_large",
                    format!(
                        "{name} is larger than {} MB; describe where it is kept as evidence instead.",
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                ));
            }
            Some((name.to_owned(), bytes))
        }
        None => None,
    };
    match (&c.evidence_id, &file) {
        (None, None) => {
            return Err(RegisterError::refused(
                "record_required",
                "A duty is done only with a record: attach evidence, or a file with a note.",
            ));
        }
        (None, Some(_)) if note.is_empty() => {
            return Err(RegisterError::refused(
                "note_required",
                "Say in a sentence what was done and what the file shows.",
            ));
        }
        _ => {}
    }
    if series_id.starts_with("doc-review:") || series_id.starts_with("supplier-review:") {
        return Err(RegisterError::refused(
            "done_elsewhere",
            if series_id.starts_with("doc-review:") {
                "A document review is done by approving the reviewed document; its next review \
                 date then moves on."
            } else {
                "A supplier review is done by recording the review in the supplier register."
            },
        ));
    }
    let today = done_on;
    let series = all_series(conn, today)?;
    if !series.iter().any(|s| s.id == series_id && s.falls_on(due)) {
        return Err(RegisterError::not_found(
            "occurrence_not_found",
            format!("The calendar has no {series_id} due on {due}; reload the calendar."),
        ));
    }
    let occurrence_id = c.occurrence_id.trim().to_owned();
    write_in(conn, now, "calendar_done", |tx| {
        known_person(tx, c.person_id)?;
        if let Some(e) = c.evidence_id {
            let n: i64 = tx.query_row("SELECT count(*) FROM evidence WHERE id = ?1", [e], |r| {
                r.get(0)
            })?;
            if n == 0 {
                return Err(RegisterError::refused(
                    "unknown_evidence",
                    format!("There is no evidence {e}; reload."),
                ));
            }
        }
        if get_completion(tx, &occurrence_id)?.is_some() {
            return Err(RegisterError::refused(
                "already_done",
                format!("{occurrence_id} is already marked done; undo that first."),
            ));
        }
        let (name, size, sha) = match &file {
            Some((name, bytes)) => (
                Some(name.clone()),
                Some(bytes.len() as i64),
                Some(sha256_hex(bytes)),
            ),
            None => (None, None, None),
        };
        tx.execute(
            "INSERT INTO calendar_completion (occurrence_id, series_id, due_on, done_on,
                 person_id, evidence_id, note, file_name, size, sha256, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                occurrence_id,
                series_id,
                due.to_string(),
                done_on.to_string(),
                c.person_id,
                c.evidence_id,
                note,
                name,
                size,
                sha,
                now
            ],
        )?;
        if let Some((_, bytes)) = &file {
            tx.execute(
                "INSERT INTO calendar_completion_file (occurrence_id, content) VALUES (?1, ?2)",
                params![occurrence_id, bytes],
            )?;
        }
        Ok(((), format!("{occurrence_id} on {done_on}")))
    })?;
    get_completion(conn, &occurrence_id)?.ok_or_else(|| {
        RegisterError::not_found("occurrence_not_found", "The record was not saved; retry.")
    })
}

/// Withdraws the record of a done occurrence (it becomes due or overdue again).
pub fn undo_completion(p: &mut Project, occurrence_id: &str) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write_in(conn, now, "calendar_done_undone", |tx| {
        let n = tx.execute(
            "DELETE FROM calendar_completion WHERE occurrence_id = ?1",
            [occurrence_id],
        )?;
        if n == 0 {
            return Err(RegisterError::not_found(
                "completion_not_found",
                format!("{occurrence_id} is not marked done."),
            ));
        }
        Ok(((), occurrence_id.to_owned()))
    })
}

/// The file attached to a completion: its name and bytes, checked against the stored SHA-256.
pub fn read_completion_file(
    conn: &Connection,
    occurrence_id: &str,
) -> RegisterResult<(String, Vec<u8>)> {
    let c = get_completion(conn, occurrence_id)?.ok_or_else(|| {
        RegisterError::not_found(
            "completion_not_found",
            format!("{occurrence_id} is not marked done."),
        )
    })?;
    let (Some(name), Some(sha)) = (c.file_name, c.sha256) else {
        return Err(RegisterError::not_found(
            "file_not_found",
            format!("The record of {occurrence_id} has no file."),
        ));
    };
    let bytes: Vec<u8> = conn.query_row(
        "SELECT content FROM calendar_completion_file WHERE occurrence_id = ?1",
        [occurrence_id],
        |r| r.get(0),
    )?;
    if sha256_hex(&bytes) != sha {
        return Err(StoreError::Corrupt {
            path: name,
            detail: "the stored file does not match its SHA-256".into(),
        }
        .into());
    }
    Ok((name, bytes))
}

/// The firm's IANA time zone (from its business hours; `UTC` until set).
pub fn firm_time_zone(conn: &Connection) -> RegisterResult<String> {
    let has_settings: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'record_settings'",
        [],
        |r| r.get(0),
    )?;
    if has_settings == 0 {
        return Ok("UTC".into());
    }
    let hours = crate::records::get_business_hours(conn)
        .map_err(|e| RegisterError::refused(e.code(), e.to_string()))?;
    Ok(hours.time_zone)
}

/// The day the calendar starts: the project's creation date (UTC).
fn calendar_start(conn: &Connection) -> RegisterResult<NaiveDate> {
    let created: String =
        conn.query_row("SELECT created_at FROM project WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    DateTime::parse_from_rfc3339(&created)
        .map(|t| t.with_timezone(&Utc).date_naive())
        .or_else(|_| parse_day(created.get(..10).unwrap_or(""), "project date"))
        .map_err(|_| {
            RegisterError::Store(StoreError::Invalid(format!(
                "The project's creation time {created} is not a date."
            )))
        })
}

/// Every series of the project: the duty list (with the project's choices), document review
/// dates, evidence dates, supplier reviews and contract notice dates. `today` anchors a
/// supplier review that has neither a start date nor a review yet.
fn all_series(conn: &Connection, today: NaiveDate) -> RegisterResult<Vec<Series>> {
    Ok(assemble(conn, today)?.0)
}

/// Every series of the project and every record marking an occurrence done (what the
/// calendar and the verdict's record basis are computed from).
pub(crate) fn assemble(
    conn: &Connection,
    today: NaiveDate,
) -> RegisterResult<(Vec<Series>, Vec<CompletionRef>)> {
    let lib =
        try_library().map_err(|e| RegisterError::refused("content_invalid", e.to_string()))?;
    let data = crate::wizard::load(conn)?;
    let register = suppliers::register(conn)?;
    let choices: Vec<DutyChoice> = list_duty_settings(conn)?
        .into_iter()
        .map(|s| DutyChoice {
            anchor: s
                .anchor_on
                .as_deref()
                .and_then(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()),
            frequency: s.frequency,
            owner: s
                .owner_id
                .and_then(|id| data.person(id))
                .map(|p| p.name.clone()),
            active: s.active,
            duty_id: s.duty_id,
        })
        .collect();
    let docs = documents::records::list_documents(conn)?;
    let evidence = list_evidence(conn)?;
    let completions = list_completions(conn)?
        .iter()
        .filter_map(Completion::to_ref)
        .collect();
    Ok(project::assemble(
        ProjectDates {
            lib,
            data: &data,
            start: calendar_start(conn)?,
            choices: &choices,
            docs: &docs,
            evidence: &evidence,
            suppliers: &register,
            completions,
        },
        today,
    ))
}

/// The calendar as the screens, the CLI and the export show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    /// The firm's local date the statuses are computed on.
    pub today: NaiveDate,
    /// The firm's time zone.
    pub time_zone: String,
    /// First day shown.
    pub from: NaiveDate,
    /// First day no longer shown.
    pub until: NaiveDate,
    /// Occurrences due in the window, and earlier ones still outstanding.
    pub occurrences: Vec<Occurrence>,
    /// Counts for the overview (this month, next month, overdue).
    pub overview: CalendarOverview,
    /// Every overdue occurrence as a finding for its clause (the verdict's and the reminder's
    /// feed), whatever window is shown.
    pub findings: Vec<CalendarFinding>,
}

/// The calendar at `now`: `months` months from `from` (default: the firm's today), with
/// statuses on the firm's local date.
pub fn calendar(
    conn: &Connection,
    now: DateTime<Utc>,
    from: Option<NaiveDate>,
    months: u32,
) -> RegisterResult<CalendarView> {
    let time_zone = firm_time_zone(conn)?;
    let today = today_in(now, &time_zone)?;
    let from = from.unwrap_or(today);
    let window = Window::months(from, months)?;
    let (series, done) = assemble(conn, today)?;
    let occ = occurrences(&series, &done, window, today);
    // The overview and the findings always count from today, whatever window is shown.
    let current = occurrences(&series, &done, Window::months(today, 2)?, today);
    let overview = overview(&current, today);
    let findings = findings(&current);
    Ok(CalendarView {
        today,
        time_zone,
        from,
        until: window.until,
        occurrences: occ,
        overview,
        findings,
    })
}
