#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use ready20k_domain::assessment::ActionStatus;
use ready20k_domain::audits::{
    Audit, AuditStatus, FindingGrade, LineInput, LineResult, NcStage, ReportState,
};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::wizard::suggest::suggest_roles;

use super::*;
use crate::register_error::testing;
use crate::wizard::{self, profile, roles};

/// A six-person firm with the suggested roles and a target date.
fn six_person_firm(dir: &tempfile::TempDir) -> Project {
    let mut p = testing::project(dir);
    for name in [
        "Dana Director",
        "Sam Manager",
        "Alex Account",
        "Lee Lead",
        "Kim Cloud",
        "Jo Desk",
    ] {
        testing::person(&mut p, name);
    }
    let mut prof = profile::get_profile(p.conn()).unwrap();
    prof.headcount = 6;
    prof.target_date = Some("2027-12-01".into());
    profile::update_profile(&mut p, &prof).unwrap();
    let data = wizard::load(p.conn()).unwrap();
    let s = suggest_roles(crate::assessment::library().unwrap(), &data.people, 6).unwrap();
    roles::apply_suggestion(&mut p, &s).unwrap();
    p
}

fn holder(p: &Project, role: &str) -> i64 {
    wizard::load(p.conn())
        .unwrap()
        .assignment(role)
        .unwrap()
        .holders[0]
}

fn code<T: std::fmt::Debug>(r: RegisterResult<T>) -> &'static str {
    r.unwrap_err().code()
}

/// Generates the programme and runs the change-management audit up to its findings.
fn audited(p: &mut Project) -> (i64, Vec<ready20k_domain::audits::AuditLine>) {
    let view = generate_programme(p).unwrap();
    assert!(view.programme.is_some());
    assert_eq!(view.conflicts, 0);
    assert!(view.clauses_not_covered.is_empty());
    assert!(view.processes_not_covered.is_empty());
    let audit = view
        .rows
        .iter()
        .find(|r| r.audit.cycle == 1 && r.audit.clauses == ["8.5"])
        .unwrap()
        .audit
        .clone();
    assert!(
        !audit.auditor_ids.is_empty(),
        "six people audit 8.5 themselves"
    );
    let lines = start_audit(p, audit.id).unwrap();
    assert!(lines.len() > 5);
    let rec = |p: &mut Project, i: usize, result, ev: &str| {
        record_line(
            p,
            &LineInput {
                line_id: lines[i].id,
                result,
                evidence_refs: ev.into(),
                notes: String::new(),
            },
        )
        .unwrap()
    };
    rec(p, 0, LineResult::Conformity, "Change procedure v2");
    let minor = rec(p, 1, LineResult::MinorNc, "CHG-1042, CHG-1050");
    rec(p, 2, LineResult::Ofi, "");
    assert!(minor.action_id.is_some());
    (audit.id, list_lines(p.conn(), audit.id).unwrap())
}

#[test]
fn an_audit_runs_from_programme_to_approved_report_and_closed_nonconformity() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let (id, lines) = audited(&mut p);
    let smsm = holder(&p, "ROLE-SMSM");
    let tm = holder(&p, "ROLE-TM");
    let v = view_audit(&p, id).unwrap();
    assert_eq!(v.row.audit.status, AuditStatus::InProgress);
    assert_eq!(
        (
            v.row.findings.minor,
            v.row.findings.ofi,
            v.row.findings.open
        ),
        (1, 1, 1)
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.nc.grade == Some(FindingGrade::Minor))
        .unwrap();
    assert_eq!(f.action.owner_id, Some(smsm));
    assert_eq!(f.action.due.as_deref(), Some("2027-02-09"));
    assert_eq!(f.nc.requirement, lines[1].clause);
    assert_eq!(f.nc.evidence, "CHG-1042, CHG-1050");
    assert_eq!(f.stage, NcStage::Raised);

    // Correction, corrective action, verification, closure: each step checked.
    let mut a = f.action.clone();
    let mut nc = f.nc.clone();
    nc.closed_on = Some("2027-01-10".into());
    assert_eq!(code(save_nc(&mut p, &a, &nc)), "nc_correction_required");
    nc.closed_on = None;
    a.correction = "Both changes approved retrospectively by the director.".into();
    let (a2, n2) = save_nc(&mut p, &a, &nc).unwrap();
    assert_eq!(
        ready20k_domain::audits::nc_stage(&a2, &n2),
        NcStage::Corrected
    );
    a.cause = "The ticket workflow allowed deployment without the approval step.".into();
    a.corrective_action = "Approval is now a required workflow state.".into();
    a.verification = "Sampled eight changes since: all approved before deployment.".into();
    nc.verified_on = Some("2027-01-10".into());
    nc.verified_by = Some(tm);
    nc.closed_on = Some("2027-01-10".into());
    let (a3, n3) = save_nc(&mut p, &a, &nc).unwrap();
    assert_eq!(a3.status, ActionStatus::Done);
    assert_eq!(n3.closed_on.as_deref(), Some("2027-01-10"));

    // Report: issued, re-issued, approved; then a record.
    assert_eq!(
        code(issue_report(&mut p, id, " ", Some(smsm))),
        "report_summary_required"
    );
    let r1 = issue_report(&mut p, id, "Change control works.", Some(smsm)).unwrap();
    assert_eq!(r1.version, 1);
    let r2 = issue_report(
        &mut p,
        id,
        "Change control works; two approvals missed.",
        None,
    )
    .unwrap();
    assert_eq!(r2.version, 2);
    assert!(r2.body.contains("Minor nonconformity (8.5"));
    assert!(r2.body.contains("two approvals missed"));
    let a = get_audit(p.conn(), id).unwrap();
    assert_eq!(a.status, AuditStatus::Reported);
    assert_eq!(a.performed_on.as_deref(), Some("2027-01-10"));
    let engineer = wizard::load(p.conn())
        .unwrap()
        .people
        .iter()
        .map(|x| x.id)
        .find(|x| {
            let d = wizard::load(p.conn()).unwrap();
            !["ROLE-TM", "ROLE-SMSM"]
                .iter()
                .any(|r| d.assignment(r).is_some_and(|h| h.holders.contains(x)))
        })
        .unwrap();
    assert_eq!(
        code(approve_report(&mut p, id, engineer)),
        "approver_not_management"
    );
    let approved = approve_report(&mut p, id, tm).unwrap();
    assert_eq!(approved.approved_by, Some(tm));
    assert_eq!(
        view_audit(&p, id).unwrap().row.report,
        ReportState::Approved
    );

    // Immutable once approved: the store refuses, and so does the file itself.
    let line = LineInput {
        line_id: lines[0].id,
        result: LineResult::MajorNc,
        evidence_refs: String::new(),
        notes: String::new(),
    };
    assert_eq!(code(record_line(&mut p, &line)), "audit_report_approved");
    assert_eq!(
        code(issue_report(&mut p, id, "Changed", None)),
        "audit_report_approved"
    );
    assert_eq!(
        code(approve_report(&mut p, id, tm)),
        "audit_report_approved"
    );
    assert_eq!(code(save_audit(&mut p, &a)), "audit_report_approved");
    assert_eq!(code(start_audit(&mut p, id)), "audit_report_approved");
    assert_eq!(code(delete_audit(&mut p, id)), "audit_reported");
    for sql in [
        "UPDATE audit_report SET summary = 'x'",
        "DELETE FROM audit_report",
        "UPDATE audit SET title = 'x'",
        "UPDATE audit_line SET notes = 'x'",
        "DELETE FROM audit",
    ] {
        let e = p.conn().execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("audit_report_approved"), "{sql}: {e}");
    }
    assert_eq!(get_report(p.conn(), id).unwrap().unwrap(), approved);

    let f = facts(p.conn()).unwrap();
    assert!(f.programme);
    assert_eq!(f.performed, 1);
    assert!(f.clauses_not_covered.contains(&"4".to_string()));
}

#[test]
fn an_auditor_who_runs_the_process_cannot_start_without_a_mitigation() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let inc = holder(&p, "ROLE-INC");
    let mut a = save_audit(
        &mut p,
        &Audit {
            title: "Incidents".into(),
            clauses: vec!["8.6".into()],
            planned_on: "2027-03-01".into(),
            auditor_ids: vec![inc],
            ..Audit::default()
        },
    )
    .unwrap();
    assert_eq!(a.cycle, 1);
    assert_eq!(code(start_audit(&mut p, a.id)), "audit_not_independent");
    assert_eq!(view_programme(&p).unwrap().conflicts, 1);
    a.mitigation = "The director re-performs half of the incident sample.".into();
    save_audit(&mut p, &a).unwrap();
    assert!(!start_audit(&mut p, a.id).unwrap().is_empty());
    assert_eq!(view_programme(&p).unwrap().conflicts, 0);
    assert_eq!(
        code(save_audit(
            &mut p,
            &Audit {
                clauses: vec!["11.2".into()],
                ..a.clone()
            }
        )),
        "unknown_clause"
    );
}

#[test]
fn regenerating_keeps_started_audits_and_does_not_plan_their_areas_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let (id, _) = audited(&mut p);
    let before = list_audits(p.conn()).unwrap().len();
    generate_programme(&mut p).unwrap();
    let after = list_audits(p.conn()).unwrap();
    // Nothing planned twice; one audit more: the area with a finding is audited twice a year.
    assert_eq!(after.len(), before + 1);
    assert_eq!(
        after
            .iter()
            .filter(|a| a.cycle == 1 && a.clauses == ["8.5"])
            .count(),
        1
    );
    assert!(after.iter().any(|a| a.id == id));
    // Cycle 2 now audits change management twice (a minor finding on 8.5).
    let changes = after
        .iter()
        .filter(|a| a.cycle == 2 && a.clauses == ["8.5"])
        .count();
    assert_eq!(changes, 2);
}

#[test]
fn the_snapshot_carries_the_audits_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let (id, _) = audited(&mut p);
    issue_report(&mut p, id, "Works.", None).unwrap();
    let tm = holder(&p, "ROLE-TM");
    approve_report(&mut p, id, tm).unwrap();
    let snap = crate::snapshot::collect(&p).unwrap();
    assert!(snap.audits.programme.is_some());
    assert_eq!(snap.audits.reports.len(), 1);
    assert_eq!(snap.audits.nonconformities.len(), 2);
    assert!(snap.audits.lines.iter().any(|l| l.result == "minor_nc"));
    let clock = Arc::new(FixedClock::at_rfc3339("2027-01-10T09:00:00+00:00").unwrap());
    let copy =
        crate::snapshot::import_snapshot(&snap, &dir.path().join("copy.r20k"), clock).unwrap();
    let again = crate::snapshot::collect(&copy).unwrap();
    assert_eq!(again.audits, snap.audits);
    assert_eq!(
        view_audit(&copy, id).unwrap().row.report,
        ReportState::Approved
    );
}

#[test]
fn import_refuses_dangling_audit_references() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let (id, _) = audited(&mut p);
    let mut snap = crate::snapshot::collect(&p).unwrap();
    snap.audits.lines[1].action_id = Some(9999);
    snap.audits.audits[0].auditor_ids.push(777);
    snap.audits.audits[0].clauses.push("11".into());
    snap.audits.nonconformities[0].grade = Some("critical".into());
    snap.audits
        .reports
        .push(ready20k_domain::snapshot::AuditReportSnap {
            audit_id: id,
            version: 1,
            summary: String::new(),
            body: "x".into(),
            issued_at: "2027-01-10T09:00:00+00:00".into(),
            issued_by: None,
            approved_at: None,
            approved_by: None,
        });
    let errors = crate::snapshot::validate(&snap, &crate::snapshot::Limits::default());
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    for want in [
        "/audits/lines/1/action_id",
        "/audits/audits/0/auditor_ids/",
        "/audits/audits/0/clauses/",
        "/audits/nonconformities/0/grade",
        "/audits/reports/0/audit_id",
    ] {
        assert!(
            paths.iter().any(|p| p.starts_with(want)),
            "{want} not in {paths:?}"
        );
    }
}

#[test]
fn an_approved_report_is_evidence_for_the_9_2_questions_and_keeps_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = six_person_firm(&dir);
    let (id, lines) = audited(&mut p);
    let tm = holder(&p, "ROLE-TM");
    let ours = |p: &Project| {
        crate::assessment::evidence::list_evidence(p.conn())
            .unwrap()
            .into_iter()
            .filter(|e| {
                e.location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("Ready20k internal audit report"))
            })
            .collect::<Vec<_>>()
    };
    issue_report(&mut p, id, "Works.", None).unwrap();
    assert!(ours(&p).is_empty(), "an issued report is not evidence yet");
    let approved = approve_report(&mut p, id, tm).unwrap();
    let ev = ours(&p);
    assert_eq!(ev.len(), 1);
    let e = &ev[0];
    assert_eq!(
        e.location.as_deref(),
        Some(format!("Ready20k internal audit report {id} v1").as_str())
    );
    assert_eq!(e.kind, ready20k_domain::assessment::EvidenceKind::Location);
    assert_eq!(Some(&e.added_at), approved.approved_at.as_ref());
    let day = &e.added_at[..10];
    assert!(e.title.contains(&format!("approved {day}")), "{}", e.title);
    assert_eq!(
        e.questions,
        ["Q-9.2-01", "Q-9.2-02", "Q-9.2-03", "Q-9.2-04"]
    );
    let today = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    assert_eq!(
        ready20k_domain::assessment::evidence_support(e, today),
        ready20k_domain::scoring::Support::Record
    );

    // A later version of the same audit's report updates the item instead of adding one.
    let v2 = ready20k_domain::audits::AuditReport {
        version: 2,
        approved_at: Some("2027-02-01T10:00:00+00:00".into()),
        ..approved
    };
    let same = evidence::link_report(p.conn(), &v2, "Change management").unwrap();
    let ev = ours(&p);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].id, same);
    assert_eq!(
        ev[0].location.as_deref(),
        Some(format!("Ready20k internal audit report {id} v2").as_str())
    );
    assert_eq!(ev[0].review_on.as_deref(), Some("2028-02-01"));
    assert_eq!(ev[0].questions.len(), 4);

    // The finding of the approved report stays in the register: a typed refusal.
    let finding = lines[1].action_id.unwrap();
    let err = crate::assessment::actions::delete_action(&mut p, finding).unwrap_err();
    assert_eq!(err.code(), "finding_of_approved_report");
    assert!(err.to_string().contains("Close it instead"), "{err}");
    assert!(crate::assessment::actions::get_action(p.conn(), finding).is_ok());
}
