//! `wizard_progress`: the current step and the steps finished with "Next".

use ready20k_domain::wizard::{StepId, WizardProgress};
use rusqlite::{Connection, OptionalExtension, params};

use super::{from_json, write};
use crate::{Result, StoreError};

/// Where the user is (the first step until anything is saved).
pub fn get_progress(conn: &Connection) -> Result<WizardProgress> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT current_step, completed FROM wizard_progress WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((current, completed)) = row else {
        return Ok(WizardProgress::default());
    };
    let mut steps: Vec<StepId> = from_json(&completed)?
        .iter()
        .filter_map(|s| StepId::parse(s))
        .collect();
    steps.sort();
    steps.dedup();
    Ok(WizardProgress {
        current: StepId::parse(&current).unwrap_or(StepId::Profile),
        completed: steps,
    })
}

fn save(conn: &mut Connection, now: &str, p: &WizardProgress, detail: String) -> Result<()> {
    let completed: Vec<&str> = p.completed.iter().map(|s| s.as_str()).collect();
    let completed = serde_json::to_string(&completed).map_err(StoreError::from)?;
    write(conn, now, "wizard_progress", |tx| {
        tx.execute(
            "INSERT INTO wizard_progress (id, current_step, completed, updated_at)
             VALUES (1, ?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET current_step = ?1, completed = ?2, updated_at = ?3",
            params![p.current.as_str(), completed, now],
        )?;
        Ok(((), detail))
    })
}

/// Moves to `step` (back, a click in the step list, or resuming).
pub fn update_current(conn: &mut Connection, now: &str, step: StepId) -> Result<()> {
    let mut p = get_progress(conn)?;
    p.current = step;
    save(conn, now, &p, format!("at {}", step.as_str()))
}

/// Marks `step` finished and moves to `next` ("Next").
pub fn complete_step(conn: &mut Connection, now: &str, step: StepId, next: StepId) -> Result<()> {
    let mut p = get_progress(conn)?;
    if !p.completed.contains(&step) {
        p.completed.push(step);
        p.completed.sort();
    }
    p.current = next;
    save(conn, now, &p, format!("completed {}", step.as_str()))
}
