//! The demo firm's internal audit programme (9.2): generated from the team, its first cycle
//! performed from 74 to 20 days ago (one audit about every six days), every checklist worked
//! through, every report issued and approved by top management. The change-management audit
//! (last, 20 days ago) found the minor nonconformity NC-01 already in the action register,
//! closed with a verified corrective action; two audits raised an opportunity for improvement.

use ready20k_domain::assessment::ActionSource;
use ready20k_domain::audits::{FindingGrade, LineInput, LineResult};

use super::Timeline;
use crate::register_error::RegisterError;
use crate::{Project, Result, StoreError, assessment, audits, wizard};

fn reg_err(e: RegisterError) -> StoreError {
    match e {
        RegisterError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// Opportunities for improvement: (audit area, clause prefix, what the auditor suggests).
const OFIS: [(&str, &str, &str); 2] = [
    (
        "IA-07",
        "8.6.1",
        "Incident priorities are applied well; consider showing the priority matrix in the \
         ticket form so new staff do not need to look it up.",
    ),
    (
        "IA-02",
        "7.5",
        "Document control works; consider a quarterly check that the copies on the shared \
         drive match the register's current versions.",
    ),
];

fn record(
    p: &mut Project,
    line_id: i64,
    result: LineResult,
    evidence: &str,
    notes: &str,
) -> Result<()> {
    audits::record_line(
        p,
        &LineInput {
            line_id,
            result,
            evidence_refs: evidence.into(),
            notes: notes.into(),
        },
    )
    .map_err(reg_err)?;
    Ok(())
}

pub(super) fn fill_audits(p: &mut Project, t: &Timeline) -> Result<()> {
    t.go(110, 0);
    audits::generate_programme(p).map_err(reg_err)?;
    let data = wizard::load(p.conn())?;
    let top = data
        .assignment("ROLE-TM")
        .and_then(|a| a.holders.first().copied());
    let nc01 = assessment::actions::list_actions(p.conn())?
        .into_iter()
        .find(|a| a.source == ActionSource::Audit);
    let mut first: Vec<_> = audits::list_audits(p.conn())
        .map_err(reg_err)?
        .into_iter()
        .filter(|a| a.cycle == 1)
        .collect();
    // Change management last: its finding is the one recorded 20 days ago.
    first.sort_by_key(|a| a.areas.iter().any(|x| x == "IA-06"));
    let n = i64::try_from(first.len()).unwrap_or(0);
    for (i, mut a) in first.into_iter().enumerate() {
        let days_ago = 20 + 6 * (n - 1 - i64::try_from(i).unwrap_or(0));
        t.go(days_ago + 7, 0);
        a.planned_on = t.date(-days_ago);
        a.performed_on = Some(t.date(-days_ago));
        let a = audits::save_audit(p, &a).map_err(reg_err)?;
        t.go(days_ago, 60);
        let lines = audits::start_audit(p, a.id).map_err(reg_err)?;
        // NC-01 is about reviews after emergency changes: the post-implementation review
        // question of 8.5.1.3 (or, if the bank words it differently, NC-01's own question).
        let pir_line = lines
            .iter()
            .find(|l| l.clause == "8.5.1.3" && l.prompt.contains("after they are made"))
            .or_else(|| {
                lines.iter().find(|l| {
                    nc01.as_ref()
                        .is_some_and(|x| x.question_id == l.question_id)
                })
            })
            .map(|l| l.id);
        let mut minor = false;
        let mut ofis = 0;
        for l in &lines {
            let ofi = OFIS.iter().find(|(area, clause, _)| {
                a.areas.iter().any(|x| x == area) && l.clause.starts_with(clause)
            });
            let nc = nc01.as_ref().filter(|_| !minor && Some(l.id) == pir_line);
            if let Some(action) = nc {
                audits::link_finding(p, l.id, action.id).map_err(reg_err)?;
                record(
                    p,
                    l.id,
                    LineResult::MinorNc,
                    "CHG-2291 and CHG-2304 (emergency changes, no review recorded)",
                    "Two of five sampled emergency changes had no post-implementation review.",
                )?;
                minor = true;
            } else if let Some((_, _, text)) = ofi.filter(|_| ofis == 0) {
                record(
                    p,
                    l.id,
                    LineResult::Ofi,
                    "Sampled records of last quarter",
                    text,
                )?;
                ofis += 1;
            } else {
                record(
                    p,
                    l.id,
                    LineResult::Conformity,
                    "Sampled records of last quarter",
                    "",
                )?;
            }
        }
        let summary = if minor {
            "Change management is defined and operated; approvals are recorded before \
             deployment. One minor nonconformity: emergency changes were not always reviewed \
             afterwards (NC-01)."
        } else if ofis > 0 {
            "The audited processes conform and are effective; one opportunity for improvement \
             is recorded."
        } else {
            "The audited processes conform and are effective; no findings."
        };
        t.go(days_ago - 1, 0);
        audits::issue_report(p, a.id, summary, a.auditor_ids.first().copied()).map_err(reg_err)?;
        if let Some(tm) = top {
            t.go(days_ago - 2, 0);
            audits::approve_report(p, a.id, tm).map_err(reg_err)?;
        }
        if minor && let Some(action) = &nc01 {
            let mut nc = audits::get_nc(p.conn(), action.id).map_err(reg_err)?;
            nc.grade = Some(FindingGrade::Minor);
            nc.verified_on = Some(t.date(-6));
            // Verified by someone other than the action's owner (SOD-07): the auditor, else
            // top management.
            nc.verified_by = a
                .auditor_ids
                .iter()
                .copied()
                .chain(top)
                .find(|who| Some(*who) != action.owner_id);
            nc.closed_on = Some(t.date(-5));
            t.go(5, 0);
            let current = assessment::actions::get_action(p.conn(), action.id)?;
            audits::save_nc(p, &current, &nc).map_err(reg_err)?;
        }
    }
    // Regenerated after the cycle: the next cycle follows the dates the audits were done on,
    // and change management (a finding) is audited twice.
    t.go(4, 0);
    audits::generate_programme(p).map_err(reg_err)?;
    let mut g = audits::get_programme(p.conn())
        .map_err(reg_err)?
        .unwrap_or_default();
    g.cycle_start = t.date(-74);
    g.notes = format!(
        "Cycle 1 was brought forward so that its results reach the management review before \
         the Stage 1 audit: ten audits, one about every six days from {} to {}, each by an \
         auditor who does not run the audited processes. From then on every area is audited \
         once a year, change management twice (it had a finding).",
        t.date(-74),
        t.date(-20)
    );
    audits::update_programme(p, &g).map_err(reg_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use ready20k_domain::assessment::ActionStatus;
    use ready20k_domain::audits::{AuditStatus, FindingGrade, NcStage, ReportState};
    use ready20k_domain::clock::FixedClock;

    use crate::audits;
    use crate::demo::create_demo;

    #[test]
    fn demo_completes_an_audit_cycle_with_a_closed_minor_nc_and_two_ofis() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at_date(2026, 9, 1).unwrap());
        let p = create_demo(&dir.path().join("d.r20k"), clock).unwrap();
        let view = audits::view_programme(&p).unwrap();
        let first: Vec<_> = view.rows.iter().filter(|r| r.audit.cycle == 1).collect();
        assert_eq!(first.len(), 10);
        assert!(first.iter().all(|r| r.audit.status == AuditStatus::Reported
            && r.report == ReportState::Approved
            && r.checked == r.lines
            && r.independence.is_acceptable()));
        assert_eq!(view.facts.performed, 10);
        let next: Vec<&str> = view
            .rows
            .iter()
            .filter(|r| r.audit.cycle == 2 && r.audit.areas.iter().any(|a| a == "IA-06"))
            .map(|r| r.audit.planned_on.as_str())
            .collect();
        assert_eq!(next, ["2027-02-12", "2027-08-12"]);
        let programme = view.programme.as_ref().unwrap();
        assert_eq!(programme.cycle_start, "2026-06-19");
        assert!(programme.notes.contains("brought forward"));
        assert!(view.facts.clauses_not_covered.is_empty());
        assert!(
            view.rows
                .iter()
                .any(|r| r.audit.cycle == 2 && r.audit.status == AuditStatus::Planned)
        );
        let changes = first
            .iter()
            .find(|r| r.audit.areas.iter().any(|a| a == "IA-06"))
            .unwrap();
        assert_eq!(changes.audit.performed_on.as_deref(), Some("2026-08-12"));
        let detail = audits::view_audit(&p, changes.audit.id).unwrap();
        let minor = detail
            .findings
            .iter()
            .find(|f| f.nc.grade == Some(FindingGrade::Minor))
            .unwrap();
        assert_eq!(minor.stage, NcStage::Closed);
        assert_eq!(minor.action.status, ActionStatus::Done);
        assert!(minor.action.title.starts_with("Internal audit NC-01"));
        assert!(minor.nc.verified_by.is_some() && minor.warning.is_none());
        assert!(
            detail
                .report
                .unwrap()
                .body
                .contains("Minor nonconformity (8.5.1.3)")
        );
        assert_eq!(minor.nc.requirement, "8.5.1.3");
        let ncs = audits::list_ncs(p.conn()).unwrap();
        assert_eq!(
            ncs.iter()
                .filter(|n| n.grade == Some(FindingGrade::Ofi))
                .count(),
            2
        );
        assert_eq!(
            ncs.iter()
                .filter(|n| n.grade == Some(FindingGrade::Minor))
                .count(),
            1
        );
    }
}
