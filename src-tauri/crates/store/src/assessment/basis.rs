//! [`record_basis`]: the registers and records the verdict reads, gathered from the project's
//! tables as the same plain data the dossier gathers from a snapshot
//! (`RecordBasis::from_snapshot`), so both judge a project with one computation
//! (`ready20k_domain::scoring::inputs_for`).

use chrono::{DateTime, NaiveDate, Utc};
use ready20k_domain::audits::audit_facts;
use ready20k_domain::calendar::CompletionRef;
use ready20k_domain::calendar::project::{ProjectDates, assemble};
use ready20k_domain::calendar::sources::DutyChoice;
use ready20k_domain::content::Library;
use ready20k_domain::records::RecordKind;
use ready20k_domain::reviews::review_facts;
use ready20k_domain::scoring::{RecordBasis, open_nonconformities};
use ready20k_domain::wizard::WizardData;
use rusqlite::Connection;

use crate::register_error::RegisterError;
use crate::{Result, StoreError, audits, calendar, documents, reviews, risks, suppliers};

fn reg(e: RegisterError) -> StoreError {
    match e {
        RegisterError::Store(s) => s,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// Every (kind, month) with at least one imported operating record.
fn ticket_months(conn: &Connection) -> Result<Vec<(RecordKind, u32)>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT kind, month FROM ticket ORDER BY kind, month")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, month) = row?;
        if let (Some(kind), Ok(month)) = (RecordKind::parse(&kind), u32::try_from(month)) {
            out.push((kind, month));
        }
    }
    out.sort();
    Ok(out)
}

/// The day the calendar starts: the project's creation date (UTC).
fn calendar_start(conn: &Connection, today: NaiveDate) -> Result<NaiveDate> {
    let created: String =
        conn.query_row("SELECT created_at FROM project WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    Ok(DateTime::parse_from_rfc3339(&created)
        .map(|t| t.with_timezone(&Utc).date_naive())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(created.get(..10)?, "%Y-%m-%d").ok())
        .unwrap_or(today))
}

/// The registers and records of the project on `today`, for the verdict.
pub fn record_basis(
    conn: &Connection,
    lib: &Library,
    data: &WizardData,
    today: NaiveDate,
) -> Result<RecordBasis> {
    let choices: Vec<DutyChoice> = calendar::list_duty_settings(conn)
        .map_err(reg)?
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
    let completions: Vec<CompletionRef> = calendar::list_completions(conn)
        .map_err(reg)?
        .iter()
        .filter_map(calendar::Completion::to_ref)
        .collect();
    let docs = documents::records::list_documents(conn)?;
    let evidence = super::evidence::list_evidence(conn)?;
    let register = suppliers::register(conn).map_err(reg)?;
    let (series, done) = assemble(
        ProjectDates {
            lib,
            data,
            start: calendar_start(conn, today)?,
            choices: &choices,
            docs: &docs,
            evidence: &evidence,
            suppliers: &register,
            completions,
        },
        today,
    );
    // The audit and review facts once their registers hold anything (until then the answers
    // decide), as `audit_register` and `review_register` read a snapshot.
    let programme = audits::get_programme(conn).map_err(reg)?;
    let audit_list = audits::list_audits(conn).map_err(reg)?;
    let audit = (programme.is_some() || !audit_list.is_empty())
        .then(|| audit_facts(lib, programme.as_ref(), &audit_list));
    let review_list = reviews::list_reviews(conn).map_err(reg)?;
    let review = (!review_list.is_empty()).then(|| review_facts(&review_list));
    let ncs = audits::list_ncs(conn).map_err(reg)?;
    let actions = super::actions::list_actions(conn)?;
    Ok(RecordBasis {
        ticket_months: ticket_months(conn)?,
        risks: risks::list_risks(conn).map_err(reg)?,
        series,
        done,
        audit,
        review,
        nonconformities: open_nonconformities(&actions, &ncs),
    })
}
