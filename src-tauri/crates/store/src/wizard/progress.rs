//! `wizard_progress`: the current step and the steps finished with "Next".

use ready20k_domain::snapshot::{ProgressSnap, StepSnap};
use ready20k_domain::wizard::{StepId, WizardProgress};
use rusqlite::{Connection, OptionalExtension, params};

use super::{from_json, parse_kind, write};
use crate::Project;
use crate::Result;

/// The `wizard_progress` row as stored text: current step, completed steps, last change.
fn raw(conn: &Connection) -> Result<Option<(String, Vec<String>, String)>> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT current_step, completed, updated_at FROM wizard_progress WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(current, completed, at)| Ok((current, from_json(&completed)?, at)))
        .transpose()
}

/// The `wizard_progress` row, if saved; an unknown step is an error.
pub fn export_progress(conn: &Connection) -> Result<Option<ProgressSnap>> {
    let step = |s: &str| parse_kind("wizard step", s, StepSnap::parse);
    raw(conn)?
        .map(|(current, completed, updated_at)| {
            Ok(ProgressSnap {
                current_step: step(&current)?,
                completed: completed.iter().map(|s| step(s)).collect::<Result<_>>()?,
                updated_at,
            })
        })
        .transpose()
}

/// Writes the `wizard_progress` row (insert or replace) as given.
pub fn import_progress(conn: &Connection, p: &ProgressSnap) -> Result<()> {
    let completed: Vec<&str> = p.completed.iter().map(|s| s.as_str()).collect();
    conn.execute(
        "INSERT INTO wizard_progress (id, current_step, completed, updated_at)
         VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET current_step = ?1, completed = ?2, updated_at = ?3",
        params![
            p.current_step.as_str(),
            serde_json::to_string(&completed)?,
            p.updated_at
        ],
    )?;
    Ok(())
}

/// Where the user is (the first step until anything is saved; unknown steps are skipped).
pub fn get_progress(conn: &Connection) -> Result<WizardProgress> {
    let Some((current, completed, _)) = raw(conn)? else {
        return Ok(WizardProgress::default());
    };
    let mut steps: Vec<StepId> = completed.iter().filter_map(|s| StepId::parse(s)).collect();
    steps.sort();
    steps.dedup();
    Ok(WizardProgress {
        current: StepId::parse(&current).unwrap_or(StepId::Profile),
        completed: steps,
    })
}

fn save(conn: &mut Connection, now: &str, p: &WizardProgress, detail: String) -> Result<()> {
    let row = ProgressSnap {
        current_step: p.current.into(),
        completed: p.completed.iter().map(|s| (*s).into()).collect(),
        updated_at: now.to_owned(),
    };
    write(conn, now, "wizard_progress", |tx| {
        import_progress(tx, &row)?;
        Ok(((), detail))
    })
}

/// Moves to `step` (back, a click in the step list, or resuming).
pub fn update_current(p: &mut Project, step: StepId) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut p = get_progress(conn)?;
    p.current = step;
    save(conn, now, &p, format!("at {}", step.as_str()))
}

/// Marks `step` finished and moves to `next` ("Next").
pub fn complete_step(p: &mut Project, step: StepId, next: StepId) -> Result<()> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let mut p = get_progress(conn)?;
    if !p.completed.contains(&step) {
        p.completed.push(step);
        p.completed.sort();
    }
    p.current = next;
    save(conn, now, &p, format!("completed {}", step.as_str()))
}
