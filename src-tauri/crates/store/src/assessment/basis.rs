//! [`record_basis`]: the registers and records the verdict reads, gathered from the project's
//! tables as the same plain data the dossier gathers from a snapshot
//! (`RecordBasis::from_snapshot`), so both judge a project with one computation
//! (`ready20k_domain::scoring::inputs_for`).

use chrono::NaiveDate;
use ready20k_domain::audits::audit_facts;
use ready20k_domain::content::Library;
use ready20k_domain::records::RecordKind;
use ready20k_domain::reviews::review_facts;
use ready20k_domain::scoring::{RecordBasis, open_nonconformities};
use rusqlite::Connection;

use crate::register_error::RegisterError;
use crate::{Result, StoreError, audits, calendar, reviews, risks};

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

/// The registers and records of the project on `today`, for the verdict.
pub fn record_basis(conn: &Connection, lib: &Library, today: NaiveDate) -> Result<RecordBasis> {
    // The calendar exactly as the calendar screen assembles it.
    let (series, done) = calendar::assemble(conn, today).map_err(reg)?;
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
