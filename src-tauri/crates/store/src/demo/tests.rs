//! Tests of the demo project.

use super::*;
use crate::snapshot::{collect, to_json};
use ready20k_domain::clock::FixedClock;

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::at_date(2026, 9, 1).unwrap())
}

#[test]
fn demo_is_complete_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let p = create_demo(&dir.path().join("a.r20k"), clock()).unwrap();
    let s = collect(&p).unwrap();
    let w = &s.wizard;
    assert_eq!(s.project.firm_name, DEMO_FIRM);
    assert_eq!(w.people.iter().filter(|p| !p.external).count(), 6);
    assert_eq!(w.services.len(), 3);
    assert!(w.climate.as_ref().unwrap().relevant == Some(true));
    assert!(!w.role_holders.is_empty());
    assert_eq!(w.progress.as_ref().unwrap().completed.len(), 6);
    let approved = s
        .documents
        .iter()
        .filter(|d| d.versions.iter().any(|v| v.approval.is_some()))
        .count();
    assert!(approved >= 10, "only {approved} approved documents");
    assert_eq!(s.assessment.answers.len(), library().questions.len());
    let levels: std::collections::BTreeSet<u8> =
        s.assessment.answers.iter().map(|a| a.level).collect();
    assert!(levels.len() >= 3, "levels {levels:?}");
    assert!(s.assessment.evidence.len() >= 9);
    assert!(
        s.assessment
            .actions
            .iter()
            .any(|a| a.cause.len() > 10 && a.verification.len() > 10)
    );
    assert_eq!(s.assessment.snapshots.len(), 2);
    assert_ne!(
        s.assessment.snapshots[0].taken_at,
        s.assessment.snapshots[1].taken_at
    );
    // SoD: nothing left unresolved.
    let data = wizard::load(p.conn()).unwrap();
    let report = check_sod(
        library(),
        &data.people,
        &data.assignments,
        &data.mitigations,
        data.profile.headcount,
    );
    assert_eq!(report.unresolved_blocks, 0);
    let a = to_json(&s).unwrap();
    let q = create_demo(&dir.path().join("b.r20k"), clock()).unwrap();
    assert_eq!(a, to_json(&collect(&q).unwrap()).unwrap());
}

#[test]
fn demo_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.r20k");
    std::fs::write(&path, b"keep").unwrap();
    assert!(create_demo(&path, clock()).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"keep");
}
