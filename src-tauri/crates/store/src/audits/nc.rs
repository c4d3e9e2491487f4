//! The nonconformity columns of `action` (10.1): grade, requirement, evidence, verification
//! date and verifier, closing date. The action's texts (correction, root cause, corrective
//! action, verification) are saved with them, checked together by `check_nc`.

use ready20k_domain::assessment::{Action, ActionStatus};
use ready20k_domain::audits::{FindingGrade, Nonconformity, check_nc};
use rusqlite::{Connection, OptionalExtension, ToSql};

use super::refused;
use crate::Project;
use crate::assessment::actions::plan;
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult, known_person};
use crate::rows;

const COLUMNS: &str = "id, nc_grade, requirement, nc_evidence, verified_on, verified_by, closed_on";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Nonconformity> {
    let grade: Option<String> = r.get(1)?;
    Ok(Nonconformity {
        action_id: r.get(0)?,
        grade: grade.as_deref().and_then(FindingGrade::parse),
        requirement: r.get(2)?,
        evidence: r.get(3)?,
        verified_on: r.get(4)?,
        verified_by: r.get(5)?,
        closed_on: r.get(6)?,
    })
}

/// The nonconformity fields of every action that has any, by action id.
pub fn list_ncs(conn: &Connection) -> RegisterResult<Vec<Nonconformity>> {
    Ok(rows::all(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM action
             WHERE nc_grade IS NOT NULL OR requirement <> '' OR nc_evidence <> ''
                OR verified_on IS NOT NULL OR verified_by IS NOT NULL OR closed_on IS NOT NULL
             ORDER BY id"
        ),
        [],
        row,
    )?)
}

/// The nonconformity fields of action `id` (all empty for a plain action).
pub fn get_nc(conn: &Connection, id: i64) -> RegisterResult<Nonconformity> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM action WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| {
        RegisterError::not_found(
            "action_not_found",
            format!("There is no action {id}; reload."),
        )
    })
}

/// Saves a finding: the action's title, owner, due date and texts with its nonconformity
/// fields, checked together (`check_nc`). A closing date closes the action (status done).
/// Returns both as stored.
pub fn save_nc(
    p: &mut Project,
    action: &Action,
    nc: &Nonconformity,
) -> RegisterResult<(Action, Nonconformity)> {
    let now = p.now();
    let id = action.id;
    get_nc(p.conn(), id)?;
    let mut a = action.clone();
    a.title = action.title.trim().to_owned();
    if a.title.is_empty() {
        return Err(RegisterError::refused(
            "action_title_required",
            "Give the finding a title: what was found.",
        ));
    }
    for t in [
        &mut a.cause,
        &mut a.correction,
        &mut a.corrective_action,
        &mut a.verification,
    ] {
        *t = t.trim().to_owned();
    }
    a.due = crate::assessment::date(action.due.as_deref(), "due date")?;
    let mut n = nc.clone();
    n.action_id = id;
    n.requirement = nc.requirement.trim().to_owned();
    n.evidence = nc.evidence.trim().to_owned();
    n.verified_on = crate::assessment::date(nc.verified_on.as_deref(), "verification date")?;
    n.closed_on = crate::assessment::date(nc.closed_on.as_deref(), "closing date")?;
    check_nc(&a, &n).map_err(refused)?;
    if n.closed_on.is_some() {
        a.status = ActionStatus::Done;
    }
    write_in::<_, RegisterError>(p.conn_mut(), &now, "action_nc_saved", |tx| {
        known_person(tx, a.owner_id)?;
        known_person(tx, n.verified_by)?;
        tx.execute(
            "UPDATE action SET title = ?2, owner_id = ?3, due = ?4, status = ?5, cause = ?6,
                 correction = ?7, corrective_action = ?8, verification = ?9, nc_grade = ?10,
                 requirement = ?11, nc_evidence = ?12, verified_on = ?13, verified_by = ?14,
                 closed_on = ?15, updated_at = ?16
             WHERE id = ?1",
            [&id as &dyn ToSql]
                .into_iter()
                .chain(plan(&a)?.iter().map(|v| v as &dyn ToSql))
                .chain([
                    &n.grade.map(FindingGrade::as_str) as &dyn ToSql,
                    &n.requirement,
                    &n.evidence,
                    &n.verified_on,
                    &n.verified_by,
                    &n.closed_on,
                    &now,
                ])
                .collect::<Vec<_>>()
                .as_slice(),
        )?;
        Ok(((), format!("{id} {}", a.title)))
    })?;
    Ok((
        crate::assessment::actions::get_action(p.conn(), id)?,
        get_nc(p.conn(), id)?,
    ))
}
