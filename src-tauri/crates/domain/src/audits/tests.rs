#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]

use chrono::NaiveDate;

use super::*;
use crate::assessment::{Action, ActionSource};
use crate::content::{ClauseKind, library};
use crate::wizard::suggest::suggest_roles;
use crate::wizard::{Person, RoleAssignment, WizardData};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 10).unwrap()
}

/// A firm of `n` staff with the roles the wizard suggests for its size, target date a year on.
fn firm(n: usize) -> WizardData {
    let lib = library();
    let mut d = WizardData::default();
    d.people = (1..=n as i64)
        .map(|id| Person {
            id,
            name: format!("Person {id}"),
            job_title: if id == 1 { "Director" } else { "Engineer" }.into(),
            ..Person::default()
        })
        .collect();
    d.profile.headcount = n as u32;
    d.profile.target_date = Some("2028-01-15".into());
    let s = suggest_roles(lib, &d.people, n as u32).unwrap();
    // New people (a contracted auditor) get real ids.
    let mut map = Vec::new();
    for (i, p) in s.new_people.iter().enumerate() {
        let id = 1000 + i as i64;
        map.push((p.id, id));
        d.people.push(Person { id, ..p.clone() });
    }
    let fix = |id: i64| map.iter().find(|(o, _)| *o == id).map_or(id, |(_, n)| *n);
    d.assignments = s
        .assignments
        .iter()
        .map(|a| RoleAssignment {
            role_id: a.role_id.clone(),
            holders: a.holders.iter().map(|h| fix(*h)).collect(),
            deputy: a.deputy.map(fix),
        })
        .collect();
    d
}

#[test]
fn no_audit_is_left_to_its_own_process_owner_for_team_sizes_1_to_50() {
    let lib = library();
    for n in 1..=50 {
        let d = firm(n);
        let p = generate_programme(lib, &d, today(), &[]);
        assert!(!p.audits.is_empty(), "n={n}");
        for a in &p.audits {
            let ind = check_independence(&d, a);
            assert!(
                ind.is_acceptable(),
                "n={n} {}: {:?} {}",
                a.title,
                a.auditor_ids,
                ind.message
            );
            // The property itself, without the checker: a sole auditor runs nothing in scope.
            if let [only] = a.auditor_ids[..]
                && a.external_auditor.is_empty()
                && a.mitigation.is_empty()
            {
                let own = runs(&d, only);
                assert!(
                    audit_processes(a).iter().all(|x| !own.contains(x)),
                    "n={n} {}: person {only} audits their own process",
                    a.title
                );
            }
        }
        // Cycle 1 covers every clause 4–10 and every process, before the target date.
        let first: Vec<&Audit> = p.audits.iter().filter(|a| a.cycle == 1).collect();
        assert!(clauses_not_covered(lib, first.clone()).is_empty(), "n={n}");
        assert!(processes_not_covered(first.clone()).is_empty(), "n={n}");
        assert!(
            first.iter().all(|a| a.planned_on.as_str() < "2027-11-16"),
            "n={n}"
        );
        // From six people the team audits itself (cross-audits), without a contracted auditor.
        if n >= 6 {
            assert!(first.iter().all(|a| a.external_auditor.is_empty()), "n={n}");
        }
        // Then yearly: every cycle-1 audit again in cycle 2.
        assert_eq!(
            p.audits.iter().filter(|a| a.cycle == 2).count(),
            first.len()
        );
    }
}

#[test]
fn micro_firms_get_a_contracted_auditor_and_six_people_cross_audit() {
    let lib = library();
    let p = generate_programme(lib, &firm(3), today(), &[]);
    let first: Vec<&Audit> = p.audits.iter().filter(|a| a.cycle == 1).collect();
    assert_eq!(
        first.len(),
        4,
        "a micro firm audits in four combined sessions"
    );
    let p6 = generate_programme(lib, &firm(6), today(), &[]);
    let first6: Vec<&Audit> = p6.audits.iter().filter(|a| a.cycle == 1).collect();
    assert_eq!(first6.len(), lib.audit_areas.len());
    assert!(
        first6.iter().any(|a| !a.auditor_ids.is_empty()),
        "a six-person firm audits at least some areas itself"
    );
}

#[test]
fn an_auditor_who_runs_the_process_needs_a_split_or_a_mitigation() {
    let mut d = firm(8);
    let inc = d.assignment("ROLE-INC").unwrap().holders[0];
    let mut a = Audit {
        title: "8.6 Resolution and fulfilment".into(),
        clauses: vec!["8.6".into()],
        planned_on: "2027-03-01".into(),
        auditor_ids: vec![inc],
        ..Audit::default()
    };
    let ind = check_independence(&d, &a);
    assert_eq!(ind.state, IndependenceState::Conflict);
    assert!(ind.uncovered.iter().any(|p| p == "Incident management"));
    a.mitigation = "The director re-performs the incident sample.".into();
    assert_eq!(
        check_independence(&d, &a).state,
        IndependenceState::Mitigated
    );
    a.mitigation.clear();
    a.external_auditor = "Audit Partners Ltd".into();
    assert_eq!(
        check_independence(&d, &a).state,
        IndependenceState::Independent
    );
    a.external_auditor.clear();
    a.auditor_ids.clear();
    assert_eq!(
        check_independence(&d, &a).state,
        IndependenceState::NoAuditor
    );
    // A person with no role at all is independent.
    d.people.push(Person {
        id: 99,
        name: "New hire".into(),
        ..Person::default()
    });
    a.auditor_ids = vec![inc, 99];
    let split = check_independence(&d, &a);
    assert_eq!(split.state, IndependenceState::Independent);
    assert_eq!(split.conflicts.len(), 1, "the incident manager is named");
}

#[test]
fn clauses_with_findings_are_audited_twice_a_year_after_certification() {
    let lib = library();
    let d = firm(10);
    let p = generate_programme(lib, &d, today(), &["8.5.1.3".to_string()]);
    let changes: Vec<&Audit> = p
        .audits
        .iter()
        .filter(|a| a.cycle == 2 && a.clauses.iter().any(|c| c == "8.5"))
        .collect();
    assert_eq!(changes.len(), 2);
    let incidents = p
        .audits
        .iter()
        .filter(|a| a.cycle == 2 && a.clauses.iter().any(|c| c == "8.6"))
        .count();
    assert_eq!(incidents, 1);
}

#[test]
fn without_a_target_date_audits_start_soon_and_close_targets_pack_them() {
    let lib = library();
    let mut d = firm(10);
    d.profile.target_date = None;
    let p = generate_programme(lib, &d, today(), &[]);
    assert_eq!(p.audits[0].planned_on, "2027-01-24");
    assert!(p.programme.notes.contains("No target certification date"));
    d.profile.target_date = Some("2027-06-30".into());
    let p = generate_programme(lib, &d, today(), &[]);
    let first: Vec<&Audit> = p.audits.iter().filter(|a| a.cycle == 1).collect();
    assert!(first.iter().all(|a| a.planned_on.as_str() <= "2027-04-30"));
    assert!(p.programme.notes.contains("close"));
}

#[test]
fn every_requirement_clause_has_a_sampling_prompt_and_checklist_lines() {
    let lib = library();
    for c in lib
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement)
    {
        assert!(
            prompt_for(&c.id).is_some(),
            "{} has no sampling prompt",
            c.id
        );
    }
    let lines = checklist(lib, &["8.5".to_string()]);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l.clause.starts_with("8.5.")));
    assert!(
        lines
            .iter()
            .any(|l| l.sampling.contains("three changes from last quarter"))
    );
    let positions: Vec<u32> = lines.iter().map(|l| l.position).collect();
    assert_eq!(positions, (1..=lines.len() as u32).collect::<Vec<_>>());
    let q = lines.iter().filter(|l| l.question_id.is_some()).count();
    assert_eq!(
        q,
        lib.questions
            .iter()
            .filter(|q| q.clause.starts_with("8.5."))
            .count()
    );
}

#[test]
fn audit_facts_count_reported_audits_and_name_what_they_missed() {
    let lib = library();
    let mk = |clauses: &[&str], status| Audit {
        clauses: clauses.iter().map(|c| c.to_string()).collect(),
        status,
        ..Audit::default()
    };
    let programme = AuditProgramme::default();
    let none = audit_facts(lib, None, &[]);
    assert!(!none.programme && none.performed == 0);
    let audits = vec![
        mk(&["4", "5", "6", "7"], AuditStatus::Reported),
        mk(&["8"], AuditStatus::Reported),
        mk(&["9", "10"], AuditStatus::Planned),
    ];
    let f = audit_facts(lib, Some(&programme), &audits);
    assert!(f.programme);
    assert_eq!(f.performed, 2);
    assert_eq!(f.clauses_not_covered, vec!["9", "10"]);
    let partial = vec![mk(
        &["4", "5", "6", "7", "8", "10", "9.1"],
        AuditStatus::Reported,
    )];
    let f = audit_facts(lib, Some(&programme), &partial);
    assert_eq!(f.clauses_not_covered, vec!["9.2", "9.3", "9.4"]);
}

fn action() -> Action {
    Action {
        id: 7,
        owner_id: Some(2),
        ..Action::new(ActionSource::Audit, "Change approvals not recorded")
    }
}

#[test]
fn a_nonconformity_closes_only_after_correction_cause_action_and_verification() {
    let mut a = action();
    let mut nc = Nonconformity {
        action_id: 7,
        grade: Some(FindingGrade::Minor),
        requirement: "8.5.1.3".into(),
        ..Nonconformity::default()
    };
    assert_eq!(nc_stage(&a, &nc), NcStage::Raised);
    check_nc(&a, &nc).unwrap();
    nc.closed_on = Some("2027-03-01".into());
    assert_eq!(
        check_nc(&a, &nc).unwrap_err().code,
        "nc_correction_required"
    );
    a.correction = "Approved the two changes retrospectively.".into();
    assert_eq!(nc_stage(&a, &nc.clone().tap_open()), NcStage::Corrected);
    a.cause = "The ticket form let a change move on without approval.".into();
    a.corrective_action = "Approval made a required step in the ticket workflow.".into();
    assert_eq!(check_nc(&a, &nc).unwrap_err().code, "nc_not_verified");
    nc.verified_on = Some("2027-02-20".into());
    assert_eq!(
        check_nc(&a, &nc).unwrap_err().code,
        "nc_verification_required"
    );
    a.verification = "Sampled 10 changes since: all approved before deployment.".into();
    assert_eq!(
        check_nc(&a, &nc).unwrap_err().code,
        "nc_verification_incomplete"
    );
    nc.verified_by = Some(2);
    check_nc(&a, &nc).unwrap();
    assert!(self_verification(&a, &nc).is_some(), "SOD-07 warning");
    nc.verified_by = Some(3);
    assert!(self_verification(&a, &nc).is_none());
    nc.closed_on = Some("2027-02-01".into());
    assert_eq!(
        check_nc(&a, &nc).unwrap_err().code,
        "nc_closed_before_verified"
    );
    nc.closed_on = Some("2027-03-01".into());
    assert_eq!(nc_stage(&a, &nc), NcStage::Closed);
    nc.requirement.clear();
    assert_eq!(
        check_nc(&a, &nc).unwrap_err().code,
        "nc_requirement_required"
    );
    // An opportunity for improvement closes when decided.
    let ofi = Nonconformity {
        action_id: 8,
        grade: Some(FindingGrade::Ofi),
        closed_on: Some("2027-03-01".into()),
        ..Nonconformity::default()
    };
    check_nc(&action(), &ofi).unwrap();
}

trait TapOpen {
    fn tap_open(self) -> Self;
}

impl TapOpen for Nonconformity {
    fn tap_open(mut self) -> Self {
        self.closed_on = None;
        self
    }
}

#[test]
fn the_report_names_scope_auditors_and_findings() {
    let a = Audit {
        title: "8.5 Service design, build and transition".into(),
        clauses: vec!["8.5".into()],
        planned_on: "2027-03-01".into(),
        performed_on: Some("2027-03-02".into()),
        ..Audit::default()
    };
    let lines = checklist(library(), &a.clauses);
    let mut l = lines[0].clone();
    l.result = LineResult::MinorNc;
    l.evidence_refs = "CHG-1042, CHG-1050".into();
    let act = action();
    let body = report_body(
        &a,
        &["Ann".into()],
        &[l.clone()],
        &[ReportFinding {
            line: &l,
            grade: FindingGrade::Minor,
            action: Some(&act),
        }],
        "Change control works; approvals were missed twice.",
    );
    assert!(body.contains("Minor nonconformity (8.5"));
    assert!(body.contains("CHG-1042"));
    assert!(body.contains("Auditors: Ann"));
    assert!(body.contains("approvals were missed twice"));
}
