//! `risk_criteria`, `risk`, `risk_action` (migration `0008_registers`): the risk and
//! opportunity register. The rules (checks, heat map, findings, suggestions) are
//! `ready20k_domain::risks`; this module owns the SQL. Every write runs in one transaction and
//! appends a `risk_*` journal entry.

mod snap;
pub use snap::{export_criteria, export_risk_actions, export_risks, import_risks};
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use ready20k_domain::risks::{
    Rating, Risk, RiskCriteria, RiskKind, RiskRegisterView, RiskStatus, SourceKind, Treatment,
    check_criteria, check_risk, register_view, suggest,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Project;
use crate::journal::write_in;
use crate::register_error::{
    ActionLinks, RegisterError, RegisterResult, known_actions, known_person,
};
use crate::rows;

/// The firm's criteria; the defaults until it saves its own.
pub fn get_criteria(conn: &Connection) -> RegisterResult<RiskCriteria> {
    let row: Option<(String, String, u8)> = conn
        .query_row(
            "SELECT likelihood, impact, acceptance FROM risk_criteria WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        None => RiskCriteria::default(),
        Some((l, i, acceptance)) => RiskCriteria {
            likelihood: serde_json::from_str(&l)?,
            impact: serde_json::from_str(&i)?,
            acceptance,
        },
    })
}

/// Saves the criteria (checked by `check_criteria`; words trimmed).
pub fn save_criteria(p: &mut Project, c: &RiskCriteria) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let clean = RiskCriteria {
        likelihood: c.likelihood.iter().map(|w| w.trim().to_owned()).collect(),
        impact: c.impact.iter().map(|w| w.trim().to_owned()).collect(),
        acceptance: c.acceptance,
    };
    check_criteria(&clean)?;
    write_in(conn, now, "risk_criteria_saved", |tx| {
        tx.execute(
            "INSERT INTO risk_criteria (id, likelihood, impact, acceptance, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET likelihood = excluded.likelihood,
                 impact = excluded.impact, acceptance = excluded.acceptance,
                 updated_at = excluded.updated_at",
            params![
                serde_json::to_string(&clean.likelihood)?,
                serde_json::to_string(&clean.impact)?,
                clean.acceptance,
                now
            ],
        )?;
        Ok(((), format!("acceptance {}", clean.acceptance)))
    })
}

const COLUMNS: &str = "id, kind, title, description, source_kind, source_id, suggestion_key, \
                       owner_id, inherent_l, inherent_i, residual_l, residual_i, treatment, \
                       treatment_note, review_on, status, infosec";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Risk> {
    let kind: String = r.get(1)?;
    let source: String = r.get(4)?;
    let residual_l: Option<u8> = r.get(10)?;
    let residual_i: Option<u8> = r.get(11)?;
    let treatment: Option<String> = r.get(12)?;
    let status: String = r.get(15)?;
    Ok(Risk {
        id: r.get(0)?,
        kind: RiskKind::parse(&kind).unwrap_or_default(),
        title: r.get(2)?,
        description: r.get(3)?,
        source: SourceKind::parse(&source).unwrap_or_default(),
        source_id: r.get(5)?,
        suggestion_key: r.get(6)?,
        owner_id: r.get(7)?,
        inherent: Rating {
            likelihood: r.get(8)?,
            impact: r.get(9)?,
        },
        residual: residual_l
            .zip(residual_i)
            .map(|(likelihood, impact)| Rating { likelihood, impact }),
        treatment: treatment.as_deref().and_then(Treatment::parse),
        treatment_note: r.get(13)?,
        action_ids: Vec::new(),
        review_on: r.get(14)?,
        status: RiskStatus::parse(&status).unwrap_or_default(),
        infosec: r.get::<_, i64>(16)? != 0,
    })
}

/// A risk's treatment actions.
const LINKS: ActionLinks = ActionLinks {
    table: "risk_action",
    owner: "risk_id",
};

/// Every entry with its treatment action ids, in id order.
pub fn list_risks(conn: &Connection) -> RegisterResult<Vec<Risk>> {
    let risks = rows::all(
        conn,
        &format!("SELECT {COLUMNS} FROM risk ORDER BY id"),
        [],
        row,
    )?;
    risks
        .into_iter()
        .map(|mut r| {
            r.action_ids = LINKS.read(conn, r.id)?;
            Ok(r)
        })
        .collect()
}

/// One entry.
pub fn get_risk(conn: &Connection, id: i64) -> RegisterResult<Risk> {
    let mut r = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM risk WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or_else(|| {
            RegisterError::not_found("risk_not_found", format!("There is no risk {id}; reload."))
        })?;
    r.action_ids = LINKS.read(conn, id)?;
    Ok(r)
}

/// Refuses a source id that names no row of its kind.
fn known_source(conn: &Connection, kind: SourceKind, id: Option<i64>) -> RegisterResult<()> {
    let table = match kind {
        SourceKind::ContextIssue => "context_issue",
        SourceKind::InterestedParty => "interested_party",
        SourceKind::Service => "service",
        SourceKind::Supplier => "other_party",
        SourceKind::Climate | SourceKind::Other => return Ok(()),
    };
    let Some(id) = id else { return Ok(()) };
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?;
    if n == 0 {
        return Err(RegisterError::refused(
            "unknown_source",
            format!(
                "The {} this comes from no longer exists; choose another source.",
                kind.as_str().replace('_', " ")
            ),
        ));
    }
    Ok(())
}

/// Inserts (`r.id == 0`) or updates an entry with its treatment action links; returns it as
/// stored. Checked by `check_risk`; the owner must be a current person, the source and the
/// actions must exist.
pub fn save_risk(p: &mut Project, r: &Risk) -> RegisterResult<Risk> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut clean = r.clone();
    clean.title = r.title.trim().to_owned();
    clean.description = r.description.trim().to_owned();
    clean.treatment_note = r.treatment_note.trim().to_owned();
    clean.review_on = r
        .review_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    if !clean.source.needs_id() {
        clean.source_id = None;
    }
    clean.action_ids.sort_unstable();
    clean.action_ids.dedup();
    check_risk(&clean)?;
    let id = write_in(conn, now, "risk_saved", |tx| {
        known_person(tx, clean.owner_id)?;
        known_source(tx, clean.source, clean.source_id)?;
        known_actions(tx, &clean.action_ids)?;
        let residual = clean.residual;
        if clean.id != 0 {
            get_risk(tx, clean.id)?;
            LINKS.clear(tx, clean.id)?;
        }
        tx.execute(
            "INSERT INTO risk (kind, title, description, source_kind, source_id,
                 suggestion_key, owner_id, inherent_l, inherent_i, residual_l, residual_i,
                 treatment, treatment_note, review_on, status, infosec, created_at, updated_at,
                 id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?17, nullif(?18, 0))
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                 description = excluded.description, source_kind = excluded.source_kind,
                 source_id = excluded.source_id, suggestion_key = excluded.suggestion_key,
                 owner_id = excluded.owner_id, inherent_l = excluded.inherent_l,
                 inherent_i = excluded.inherent_i, residual_l = excluded.residual_l,
                 residual_i = excluded.residual_i, treatment = excluded.treatment,
                 treatment_note = excluded.treatment_note, review_on = excluded.review_on,
                 status = excluded.status, infosec = excluded.infosec,
                 updated_at = excluded.updated_at",
            params![
                clean.kind.as_str(),
                clean.title,
                clean.description,
                clean.source.as_str(),
                clean.source_id,
                clean.suggestion_key,
                clean.owner_id,
                clean.inherent.likelihood,
                clean.inherent.impact,
                residual.map(|x| x.likelihood),
                residual.map(|x| x.impact),
                clean.treatment.map(Treatment::as_str),
                clean.treatment_note,
                clean.review_on,
                clean.status.as_str(),
                clean.infosec,
                now,
                clean.id,
            ],
        )
        .map_err(|e| duplicate_suggestion(e, clean.suggestion_key.as_deref()))?;
        let id = rows::upserted_id(tx, clean.id);
        LINKS.insert(tx, id, &clean.action_ids)?;
        Ok::<_, RegisterError>((
            id,
            format!("{id} {} {}", clean.status.as_str(), clean.title),
        ))
    })?;
    get_risk(conn, id)
}

fn duplicate_suggestion(e: rusqlite::Error, key: Option<&str>) -> RegisterError {
    match (&e, key) {
        (rusqlite::Error::SqliteFailure(f, _), Some(k))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            RegisterError::refused(
                "suggestion_already_adopted",
                format!("The suggestion {k} is already in the register."),
            )
        }
        _ => e.into(),
    }
}

/// Removes an entry (its action links go with it; the actions stay in the action plan).
pub fn delete_risk(p: &mut Project, id: i64) -> RegisterResult<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    write_in(conn, now, "risk_removed", |tx| {
        let r = get_risk(tx, id)?;
        tx.execute("DELETE FROM risk WHERE id = ?1", [id])?;
        Ok::<_, RegisterError>(((), format!("{id} {}", r.title)))
    })
}

/// Adds the suggestion `key` (see `ready20k_domain::risks::suggest`) to the register, owned by
/// `owner_id`; returns the new entry.
pub fn adopt_suggestion(p: &mut Project, key: &str, owner_id: Option<i64>) -> RegisterResult<Risk> {
    let data = crate::wizard::load(p.conn())?;
    let existing = list_risks(p.conn())?;
    let s = suggest(&data, &existing)
        .into_iter()
        .find(|s| s.key == key)
        .ok_or_else(|| {
            RegisterError::not_found(
                "suggestion_not_found",
                format!("There is no open suggestion {key}; it may already be in the register."),
            )
        })?;
    let mut r = s.to_risk();
    r.owner_id = owner_id;
    save_risk(p, &r)
}

/// Everything the register screen shows on `today`.
pub fn view(conn: &Connection, today: NaiveDate) -> RegisterResult<RiskRegisterView> {
    let data = crate::wizard::load(conn)?;
    Ok(register_view(
        get_criteria(conn)?,
        list_risks(conn)?,
        &data,
        today,
    ))
}
