//! `supplier_agreement`, `supplier_review`, `supplier_review_action`, `supplier_dispute`,
//! `supplier_none` (migration `0008_registers`): the supplier register built on the wizard's
//! other parties. Checks and rules are `ready20k_domain::suppliers`; this module owns the SQL.
//! Every write runs in one transaction and appends a `supplier_*` journal entry.

mod snap;
pub use snap::{SupplierRows, export_suppliers, import_suppliers};
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use ready20k_domain::suppliers::{
    Agreement, Dispute, DisputeStatus, NoneRecorded, SupplierFinding, SupplierRegister,
    SupplierReview, check_agreement, check_dispute, check_review, findings,
};
use ready20k_domain::wizard::OtherPartyKind;
use rusqlite::{Connection, OptionalExtension, params};

use crate::Project;
use crate::journal::write_in;
use crate::register_error::{
    ActionLinks, RegisterError, RegisterResult, known_actions, known_person,
};
use crate::rows;
use crate::wizard::services::list_other_parties;

fn known_party(conn: &Connection, id: i64) -> RegisterResult<OtherPartyKind> {
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM other_party WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    kind.as_deref()
        .and_then(OtherPartyKind::parse)
        .ok_or_else(|| {
            RegisterError::not_found(
                "party_not_found",
                format!("There is no supplier or other party {id}; reload."),
            )
        })
}

fn blank_none(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

const AGREEMENT_COLUMNS: &str = "id, party_id, contract_ref, start_on, end_on, notice_on, \
                                 service_levels, contacts, review_months, notes";

fn agreement_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Agreement, String)> {
    Ok((
        Agreement {
            id: r.get(0)?,
            party_id: r.get(1)?,
            contract_ref: r.get(2)?,
            start_on: r.get(3)?,
            end_on: r.get(4)?,
            notice_on: r.get(5)?,
            service_levels: r.get(6)?,
            contacts: Vec::new(),
            review_months: r.get(8)?,
            notes: r.get(9)?,
        },
        r.get(7)?,
    ))
}

/// Every agreement, in id order.
pub fn list_agreements(conn: &Connection) -> RegisterResult<Vec<Agreement>> {
    let agreements = rows::all(
        conn,
        &format!("SELECT {AGREEMENT_COLUMNS} FROM supplier_agreement ORDER BY id"),
        [],
        agreement_row,
    )?;
    agreements
        .into_iter()
        .map(|(mut a, contacts)| {
            a.contacts = serde_json::from_str(&contacts)?;
            Ok(a)
        })
        .collect()
}

/// The agreement with party `party_id`, if one is recorded.
pub fn get_agreement(conn: &Connection, party_id: i64) -> RegisterResult<Option<Agreement>> {
    let row = conn
        .query_row(
            &format!("SELECT {AGREEMENT_COLUMNS} FROM supplier_agreement WHERE party_id = ?1"),
            [party_id],
            agreement_row,
        )
        .optional()?;
    row.map(|(mut a, contacts)| {
        a.contacts = serde_json::from_str(&contacts)?;
        Ok(a)
    })
    .transpose()
}

/// Records or replaces the agreement with `a.party_id` (one per party); returns it as stored.
pub fn save_agreement(p: &mut Project, a: &Agreement) -> RegisterResult<Agreement> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut clean = a.clone();
    clean.contract_ref = a.contract_ref.trim().to_owned();
    clean.start_on = blank_none(a.start_on.as_deref());
    clean.end_on = blank_none(a.end_on.as_deref());
    clean.notice_on = blank_none(a.notice_on.as_deref());
    clean.service_levels = a.service_levels.trim().to_owned();
    clean.notes = a.notes.trim().to_owned();
    for c in &mut clean.contacts {
        c.name = c.name.trim().to_owned();
        c.role = c.role.trim().to_owned();
        c.email = c.email.trim().to_owned();
        c.phone = c.phone.trim().to_owned();
    }
    check_agreement(&clean)?;
    let party_id = clean.party_id;
    write_in(conn, now, "supplier_agreement_saved", |tx| {
        known_party(tx, party_id)?;
        tx.execute(
            "INSERT INTO supplier_agreement (party_id, contract_ref, start_on, end_on, notice_on,
                 service_levels, contacts, review_months, notes, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (party_id) DO UPDATE SET contract_ref = excluded.contract_ref,
                 start_on = excluded.start_on, end_on = excluded.end_on,
                 notice_on = excluded.notice_on, service_levels = excluded.service_levels,
                 contacts = excluded.contacts, review_months = excluded.review_months,
                 notes = excluded.notes, updated_at = excluded.updated_at",
            params![
                party_id,
                clean.contract_ref,
                clean.start_on,
                clean.end_on,
                clean.notice_on,
                clean.service_levels,
                serde_json::to_string(&clean.contacts)?,
                clean.review_months,
                clean.notes,
                now
            ],
        )?;
        Ok::<_, RegisterError>(((), format!("{party_id} {}", clean.contract_ref)))
    })?;
    get_agreement(conn, party_id)?.ok_or_else(|| {
        RegisterError::not_found("agreement_not_found", "The agreement was not saved; retry.")
    })
}

/// Removes the agreement with party `party_id`.
pub fn delete_agreement(p: &mut Project, party_id: i64) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write_in(conn, now, "supplier_agreement_removed", |tx| {
        let n = tx.execute(
            "DELETE FROM supplier_agreement WHERE party_id = ?1",
            [party_id],
        )?;
        if n == 0 {
            return Err(RegisterError::not_found(
                "agreement_not_found",
                format!("Party {party_id} has no agreement; reload."),
            ));
        }
        Ok(((), party_id.to_string()))
    })
}

/// A review's follow-up actions.
const REVIEW_LINKS: ActionLinks = ActionLinks {
    table: "supplier_review_action",
    owner: "review_id",
};

const REVIEW_COLUMNS: &str = "id, party_id, reviewed_on, rating, issues, reviewer_id";

fn review_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SupplierReview> {
    Ok(SupplierReview {
        id: r.get(0)?,
        party_id: r.get(1)?,
        reviewed_on: r.get(2)?,
        rating: r.get(3)?,
        issues: r.get(4)?,
        action_ids: Vec::new(),
        reviewer_id: r.get(5)?,
    })
}

/// Every review with its action ids, by date then id.
pub fn list_reviews(conn: &Connection) -> RegisterResult<Vec<SupplierReview>> {
    let reviews = rows::all(
        conn,
        &format!("SELECT {REVIEW_COLUMNS} FROM supplier_review ORDER BY reviewed_on, id"),
        [],
        review_row,
    )?;
    reviews
        .into_iter()
        .map(|mut r| {
            r.action_ids = REVIEW_LINKS.read(conn, r.id)?;
            Ok(r)
        })
        .collect()
}

/// One review.
pub fn get_review(conn: &Connection, id: i64) -> RegisterResult<SupplierReview> {
    let mut r = conn
        .query_row(
            &format!("SELECT {REVIEW_COLUMNS} FROM supplier_review WHERE id = ?1"),
            [id],
            review_row,
        )
        .optional()?
        .ok_or_else(|| {
            RegisterError::not_found(
                "review_not_found",
                format!("There is no supplier review {id}; reload."),
            )
        })?;
    r.action_ids = REVIEW_LINKS.read(conn, id)?;
    Ok(r)
}

/// Inserts (`r.id == 0`) or updates a performance review with its action links; returns it
/// as stored. The review is the record that marks the supplier's calendar review done.
pub fn save_review(p: &mut Project, r: &SupplierReview) -> RegisterResult<SupplierReview> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut clean = r.clone();
    clean.reviewed_on = r.reviewed_on.trim().to_owned();
    clean.issues = r.issues.trim().to_owned();
    clean.action_ids.sort_unstable();
    clean.action_ids.dedup();
    check_review(&clean)?;
    let id = write_in(conn, now, "supplier_review_saved", |tx| {
        known_party(tx, clean.party_id)?;
        known_person(tx, clean.reviewer_id)?;
        known_actions(tx, &clean.action_ids)?;
        if clean.id != 0 {
            get_review(tx, clean.id)?;
            REVIEW_LINKS.clear(tx, clean.id)?;
        }
        tx.execute(
            "INSERT INTO supplier_review (party_id, reviewed_on, rating, issues, reviewer_id,
                 created_at, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0))
             ON CONFLICT (id) DO UPDATE SET party_id = excluded.party_id,
                 reviewed_on = excluded.reviewed_on, rating = excluded.rating,
                 issues = excluded.issues, reviewer_id = excluded.reviewer_id",
            params![
                clean.party_id,
                clean.reviewed_on,
                clean.rating,
                clean.issues,
                clean.reviewer_id,
                now,
                clean.id
            ],
        )?;
        let id = rows::upserted_id(tx, clean.id);
        REVIEW_LINKS.insert(tx, id, &clean.action_ids)?;
        Ok::<_, RegisterError>((
            id,
            format!("{id} party {} on {}", clean.party_id, clean.reviewed_on),
        ))
    })?;
    get_review(conn, id)
}

const DISPUTE_COLUMNS: &str =
    "id, party_id, opened_on, description, status, resolved_on, resolution";

fn dispute_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Dispute> {
    let status: String = r.get(4)?;
    Ok(Dispute {
        id: r.get(0)?,
        party_id: r.get(1)?,
        opened_on: r.get(2)?,
        description: r.get(3)?,
        status: DisputeStatus::parse(&status).unwrap_or_default(),
        resolved_on: r.get(5)?,
        resolution: r.get(6)?,
    })
}

/// Every dispute, oldest first.
pub fn list_disputes(conn: &Connection) -> RegisterResult<Vec<Dispute>> {
    Ok(rows::all(
        conn,
        &format!("SELECT {DISPUTE_COLUMNS} FROM supplier_dispute ORDER BY opened_on, id"),
        [],
        dispute_row,
    )?)
}

/// Inserts (`d.id == 0`) or updates a dispute; returns it as stored.
pub fn save_dispute(p: &mut Project, d: &Dispute) -> RegisterResult<Dispute> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut clean = d.clone();
    clean.opened_on = d.opened_on.trim().to_owned();
    clean.description = d.description.trim().to_owned();
    clean.resolution = d.resolution.trim().to_owned();
    clean.resolved_on = blank_none(d.resolved_on.as_deref());
    check_dispute(&clean)?;
    let id = write_in(conn, now, "supplier_dispute_saved", |tx| {
        known_party(tx, clean.party_id)?;
        if clean.id != 0 {
            let n: i64 = tx.query_row(
                "SELECT count(*) FROM supplier_dispute WHERE id = ?1",
                [clean.id],
                |r| r.get(0),
            )?;
            if n == 0 {
                return Err(RegisterError::not_found(
                    "dispute_not_found",
                    format!("There is no dispute {}; reload.", clean.id),
                ));
            }
        }
        tx.execute(
            "INSERT INTO supplier_dispute (party_id, opened_on, description, status, resolved_on,
                 resolution, updated_at, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0))
             ON CONFLICT (id) DO UPDATE SET party_id = excluded.party_id,
                 opened_on = excluded.opened_on, description = excluded.description,
                 status = excluded.status, resolved_on = excluded.resolved_on,
                 resolution = excluded.resolution, updated_at = excluded.updated_at",
            params![
                clean.party_id,
                clean.opened_on,
                clean.description,
                clean.status.as_str(),
                clean.resolved_on,
                clean.resolution,
                now,
                clean.id
            ],
        )?;
        let id = rows::upserted_id(tx, clean.id);
        Ok((id, format!("{id} {}", clean.status.as_str())))
    })?;
    list_disputes(conn)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| RegisterError::not_found("dispute_not_found", "The dispute was not saved."))
}

/// The kinds recorded as "none", in kind order.
pub fn list_nones(conn: &Connection) -> RegisterResult<Vec<NoneRecorded>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, note, recorded_at FROM supplier_none ORDER BY kind")?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, note, recorded_at)| {
            OtherPartyKind::parse(&kind).map(|kind| NoneRecorded {
                kind,
                note,
                recorded_at,
            })
        })
        .collect())
}

/// Records that the firm has no party of `kind` (refused while parties of that kind are
/// listed), with a sentence saying why.
pub fn record_none(p: &mut Project, kind: OtherPartyKind, note: &str) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let note = note.trim().to_owned();
    write_in(conn, now, "supplier_none_recorded", |tx| {
        let listed: i64 = tx.query_row(
            "SELECT count(*) FROM other_party WHERE kind = ?1",
            [kind.as_str()],
            |r| r.get(0),
        )?;
        if listed > 0 {
            return Err(RegisterError::refused(
                "none_but_listed",
                format!(
                    "{listed} {} listed; remove them before recording that there are none.",
                    if listed == 1 {
                        format!("{} is", kind.label())
                    } else {
                        format!("{}s are", kind.label())
                    }
                ),
            ));
        }
        tx.execute(
            "INSERT INTO supplier_none (kind, note, recorded_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind) DO UPDATE SET note = excluded.note,
                 recorded_at = excluded.recorded_at",
            params![kind.as_str(), note, now],
        )?;
        Ok(((), kind.as_str().to_owned()))
    })
}

/// Withdraws a recorded "none" (for instance before adding the first party of that kind).
pub fn clear_none(p: &mut Project, kind: OtherPartyKind) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write_in(conn, now, "supplier_none_cleared", |tx| {
        tx.execute("DELETE FROM supplier_none WHERE kind = ?1", [kind.as_str()])?;
        Ok::<_, RegisterError>(((), kind.as_str().to_owned()))
    })
}

/// The whole register: the wizard's other parties with their agreements, reviews, disputes
/// and the recorded "none"s.
pub fn register(conn: &Connection) -> RegisterResult<SupplierRegister> {
    Ok(SupplierRegister {
        parties: list_other_parties(conn)?,
        agreements: list_agreements(conn)?,
        reviews: list_reviews(conn)?,
        disputes: list_disputes(conn)?,
        nones: list_nones(conn)?,
    })
}

/// The supplier rules on `today` (see `ready20k_domain::suppliers::findings`).
pub fn supplier_findings(
    conn: &Connection,
    today: NaiveDate,
) -> RegisterResult<Vec<SupplierFinding>> {
    Ok(findings(&register(conn)?, today))
}
