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
    assert_eq!(sod_of(library(), &data).unresolved_blocks, 0);
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

#[test]
fn demo_registers_are_filled_and_exactly_one_duty_is_overdue() {
    use ready20k_domain::calendar::OccurrenceStatus;
    use ready20k_domain::risks::RiskKind;
    let dir = tempfile::tempdir().unwrap();
    let p = create_demo(&dir.path().join("r.r20k"), clock()).unwrap();
    let now = clock().now();
    let today = now.date_naive();
    // Risk register: about fifteen risks and three opportunities, each owned, treated and
    // due for review later; nothing past review or untreated above the acceptance level.
    let view = crate::risks::view(p.conn(), today).unwrap();
    let n = |k| view.risks.iter().filter(|r| r.kind == k).count();
    assert_eq!((n(RiskKind::Risk), n(RiskKind::Opportunity)), (15, 3));
    assert!(view.risks.iter().all(|r| {
        r.owner_id.is_some()
            && r.treatment.is_some()
            && r.review_on
                .as_deref()
                .is_some_and(|d| d > today.to_string().as_str())
    }));
    assert!(view.risks.iter().any(|r| !r.action_ids.is_empty()));
    assert!(
        view.risks
            .iter()
            .any(|r| r.source != ready20k_domain::risks::SourceKind::Other)
    );
    assert_eq!(view.findings, vec![]);
    assert!(
        !view.suggestions.is_empty(),
        "suggestions left to adopt in the demo"
    );
    // Suppliers: every party has an agreement and one review; the kinds without parties
    // have an explicit "none".
    let reg = crate::suppliers::register(p.conn()).unwrap();
    assert!(!reg.parties.is_empty());
    for party in &reg.parties {
        assert!(
            reg.agreements
                .iter()
                .any(|a| a.party_id == party.id && !a.contract_ref.is_empty())
        );
        assert_eq!(
            reg.reviews
                .iter()
                .filter(|r| r.party_id == party.id)
                .count(),
            1
        );
    }
    assert_eq!(reg.nones.len(), 2);
    // Calendar: some done (with a kept file), some due, exactly one overdue: a restore test.
    let cal = crate::calendar::calendar(p.conn(), now, None, 2).unwrap();
    assert_eq!(cal.overview.overdue, 1);
    let overdue: Vec<_> = cal
        .occurrences
        .iter()
        .filter(|o| o.status == OccurrenceStatus::Overdue)
        .collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].duty_id, "DUTY-RESTORE-TEST");
    assert!(cal.overview.this_month + cal.overview.next_month > 0);
    let done = crate::calendar::list_completions(p.conn()).unwrap();
    assert!(done.len() > 10, "{} completions", done.len());
    assert!(
        done.iter()
            .all(|c| c.file_name.is_some() && !c.note.is_empty())
    );
    let (_, bytes) =
        crate::calendar::read_completion_file(p.conn(), &done[0].occurrence_id).unwrap();
    assert!(!bytes.is_empty());
}

/// Issue 17: every document the demo drafts is approved, and none of them still holds a
/// placeholder or template instruction (approval refuses them unless kept, and the demo keeps
/// none).
#[test]
fn demo_approved_documents_hold_no_placeholder_or_instruction() {
    use ready20k_domain::documents::unresolved::unresolved_in;
    let dir = tempfile::tempdir().unwrap();
    let p = create_demo(&dir.path().join("a.r20k"), clock()).unwrap();
    let s = collect(&p).unwrap();
    let mut open = Vec::new();
    let mut approved = 0;
    for d in &s.documents {
        for v in d.versions.iter() {
            for u in unresolved_in(&v.body) {
                open.push(format!("{} {}:{} {}", d.doc_key, u.line, u.column, u.text));
            }
            if let Some(a) = &v.approval {
                approved += 1;
                assert!(a.kept.is_empty(), "{} kept {:?}", d.doc_key, a.kept);
            }
        }
    }
    assert!(open.is_empty(), "{} open:\n{}", open.len(), open.join("\n"));
    assert_eq!(approved, DEMO_DOCS);
}
