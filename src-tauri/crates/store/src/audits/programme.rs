//! `audit_programme`: the programme header, and generating the default programme.

use chrono::{Datelike, Months, NaiveDate};
use ready20k_domain::audits::{
    Audit, AuditProgramme, AuditStatus, ProgrammeView, generate_programme as propose,
};
use ready20k_domain::snapshot::AuditProgrammeSnap;
use rusqlite::{Connection, params};

use super::{audit, list_audits, today};
use crate::Project;
use crate::journal::write_in;
use crate::register_error::{RegisterError, RegisterResult};
use crate::table_row;

/// The programme header, once generated.
pub fn get_programme(conn: &Connection) -> RegisterResult<Option<AuditProgramme>> {
    Ok(table_row::export::<AuditProgrammeSnap>(conn)?
        .pop()
        .map(AuditProgramme::from))
}

/// Clauses with past nonconformities, or with open gap actions: audited more often.
fn hot_clauses(conn: &Connection) -> RegisterResult<Vec<String>> {
    let lib = crate::assessment::library()?;
    let mut out: Vec<String> = crate::rows::all(
        conn,
        "SELECT requirement FROM action WHERE nc_grade IN ('major', 'minor') AND requirement <> ''",
        [],
        |r| r.get(0),
    )?;
    let gaps: Vec<String> = crate::rows::all(
        conn,
        "SELECT question_id FROM action
         WHERE source = 'gap' AND status <> 'done' AND question_id IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    out.extend(
        gaps.iter()
            .filter_map(|q| lib.question(q))
            .map(|q| q.clause.clone()),
    );
    out.sort();
    out.dedup();
    out.retain(|c| !c.is_empty());
    Ok(out)
}

/// Later cycles follow the audits actually done: a proposed later audit of areas a kept
/// cycle-1 audit covered is moved by as many months after the kept audit's date as the
/// proposal put it after its own cycle-1 audit.
fn follow_kept_dates(proposed: &mut [Audit], kept: &[Audit]) {
    let day = |a: &Audit| {
        let d = a.performed_on.as_deref().unwrap_or(&a.planned_on);
        NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
    };
    let firsts: Vec<(Vec<String>, Option<NaiveDate>)> = proposed
        .iter()
        .filter(|a| a.cycle == 1)
        .map(|a| (a.areas.clone(), day(a)))
        .collect();
    for a in proposed.iter_mut().filter(|a| a.cycle > 1) {
        let Some(done) = kept
            .iter()
            .find(|k| k.cycle == 1 && k.areas == a.areas)
            .and_then(day)
        else {
            continue;
        };
        let Some(Some(was)) = firsts
            .iter()
            .find(|(areas, _)| *areas == a.areas)
            .map(|f| f.1)
        else {
            continue;
        };
        let Some(planned) = day(a) else { continue };
        let months =
            (planned.year() - was.year()) * 12 + planned.month() as i32 - was.month() as i32;
        if let Some(moved) = u32::try_from(months)
            .ok()
            .and_then(|m| done.checked_add_months(Months::new(m)))
        {
            a.planned_on = moved.to_string();
        }
    }
    proposed.sort_by(|a, b| a.planned_on.cmp(&b.planned_on).then(a.cycle.cmp(&b.cycle)));
}

/// Generates the default programme from the project (team, roles, target date, past findings)
/// and stores it. Audits already started or reported stay; the planned ones are replaced, and
/// areas a kept audit of the first cycle covers are not planned again.
pub fn generate_programme(p: &mut Project) -> RegisterResult<ProgrammeView> {
    let now = p.now();
    let lib = crate::assessment::library()?;
    let data = crate::wizard::load(p.conn())?;
    let hot = hot_clauses(p.conn())?;
    let mut proposal = propose(lib, &data, today(p), &hot);
    let kept: Vec<_> = list_audits(p.conn())?
        .into_iter()
        .filter(|a| a.status != AuditStatus::Planned)
        .collect();
    follow_kept_dates(&mut proposal.audits, &kept);
    let covered = |areas: &[String], cycle: u32| {
        kept.iter()
            .any(|k| k.cycle == cycle && areas.iter().all(|x| k.areas.contains(x)))
    };
    let n = proposal.audits.len();
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_programme_generated", |tx| {
        tx.execute(
            "DELETE FROM audit WHERE status = 'planned'
             AND id NOT IN (SELECT audit_id FROM audit_report)",
            [],
        )?;
        for a in &proposal.audits {
            if !covered(&a.areas, a.cycle) {
                audit::put(tx, &now, a)?;
            }
        }
        let g = &proposal.programme;
        tx.execute(
            "INSERT INTO audit_programme (id, cycle_start, target_date, notes, generated_at,
                                          updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (id) DO UPDATE SET cycle_start = excluded.cycle_start,
                 target_date = excluded.target_date, notes = excluded.notes,
                 generated_at = excluded.generated_at, updated_at = excluded.updated_at",
            params![g.cycle_start, g.target_date, g.notes, now],
        )?;
        Ok(((), format!("{n} audits proposed")))
    })?;
    super::view_programme(p)
}

/// Saves the programme header as edited (cycle start, target date, notes); the programme must
/// have been generated.
pub fn update_programme(p: &mut Project, g: &AuditProgramme) -> RegisterResult<AuditProgramme> {
    let now = p.now();
    if get_programme(p.conn())?.is_none() {
        return Err(RegisterError::refused(
            "programme_not_generated",
            "Generate the audit programme first.",
        ));
    }
    let start = crate::assessment::date(Some(&g.cycle_start), "cycle start")?.ok_or_else(|| {
        RegisterError::refused("programme_start_required", "Give the cycle's first day.")
    })?;
    let target = crate::assessment::date(g.target_date.as_deref(), "target date")?;
    let notes = g.notes.trim().to_owned();
    write_in::<_, RegisterError>(p.conn_mut(), &now, "audit_programme_saved", |tx| {
        tx.execute(
            "UPDATE audit_programme SET cycle_start = ?1, target_date = ?2, notes = ?3,
                 updated_at = ?4 WHERE id = 1",
            params![start, target, notes, now],
        )?;
        Ok(((), format!("cycle from {start}")))
    })?;
    get_programme(p.conn())?.ok_or_else(|| super::not_found(1))
}
