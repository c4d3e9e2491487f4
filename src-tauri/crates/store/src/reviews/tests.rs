use std::sync::Arc;

use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::reviews::{Attendee, InputKey, ReviewEdit, ReviewStatus};

use super::*;
use crate::register_error::testing::{person, project};

fn action(title: &str, owner: i64, due: &str) -> Action {
    serde_json::from_value(serde_json::json!({
        "source": "other", "title": title, "owner_id": owner, "due": due
    }))
    .unwrap()
}

fn edit(title: &str, held: Option<&str>, attendees: &[(i64, bool)]) -> ReviewEdit {
    ReviewEdit {
        title: title.into(),
        planned_on: Some("2027-01-08".into()),
        held_on: held.map(str::to_owned),
        attendees: attendees
            .iter()
            .map(|&(person_id, top_management)| Attendee {
                person_id,
                top_management,
            })
            .collect(),
        decisions: "Keep the SMS as it is; hire a second engineer.".into(),
        next_planned_on: Some("2027-07-08".into()),
        ..Default::default()
    }
}

#[test]
fn a_held_review_is_issued_with_frozen_inputs_and_approved_by_top_management() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let boss = person(&mut p, "Ann Boss");
    let sm = person(&mut p, "Sam Manager");
    let r = save_review(
        &mut p,
        &edit(
            "MR 2027-1",
            Some("2027-01-08"),
            &[(boss, true), (sm, false)],
        ),
    )
    .unwrap();
    assert_eq!(r.status, ReviewStatus::Draft);
    assert_eq!(r.attendees.len(), 2);
    assert!(r.inputs.is_none());

    // A decision becomes an action of the one register, with source management review.
    let r = add_action(
        &mut p,
        r.id,
        &action("Hire an engineer", boss, "2027-03-31"),
    )
    .unwrap();
    let actions = crate::assessment::actions::list_actions(p.conn()).unwrap();
    let decided = actions
        .iter()
        .find(|a| r.action_ids.contains(&a.id))
        .unwrap();
    assert_eq!(decided.source, ActionSource::ManagementReview);
    assert_eq!(decided.owner_id, Some(boss));

    // Live inputs name their source and say "no audits recorded" / "no data yet".
    let d = detail(&p, r.id).unwrap();
    assert!(!d.inputs_frozen);
    let audits = d
        .inputs
        .sections
        .iter()
        .find(|s| s.key == InputKey::Audits)
        .unwrap();
    assert!(audits.no_data && audits.empty_note == "No audits recorded");
    assert!(d.inputs.sections.iter().all(|s| !s.source.is_empty()));

    let issued = issue(&mut p, r.id).unwrap();
    assert_eq!(issued.status, ReviewStatus::Issued);
    assert!(issued.inputs.is_some());
    assert!(issued.minutes.contains("## B13. Decisions and actions"));
    assert!(
        issued
            .minutes
            .contains("| Hire an engineer | Ann Boss | 2027-03-31 |")
    );
    assert!(detail(&p, r.id).unwrap().inputs_frozen);
    assert_eq!(review_facts(p.conn()).unwrap().held, 0);

    let err = approve(&mut p, r.id, sm).unwrap_err();
    assert_eq!(err.code(), "approver_not_top_management");
    let approved = approve(&mut p, r.id, boss).unwrap();
    assert_eq!(approved.status, ReviewStatus::Approved);
    assert_eq!(approved.approved_by, Some(boss));
    assert!(approved.approved_at.is_some());
    let facts = review_facts(p.conn()).unwrap();
    assert_eq!(facts.held, 1);
    assert_eq!(facts.next_planned.as_deref(), Some("2027-07-08"));
    let screen = view(&p).unwrap();
    assert!(screen.reviews[0].counts);
}

#[test]
fn a_review_without_top_management_does_not_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let sm = person(&mut p, "Sam Manager");
    let r = save_review(
        &mut p,
        &edit("MR alone", Some("2027-01-08"), &[(sm, false)]),
    )
    .unwrap();
    issue(&mut p, r.id).unwrap();
    let err = approve(&mut p, r.id, sm).unwrap_err();
    assert_eq!(err.code(), "no_top_management");
    assert_eq!(review_facts(p.conn()).unwrap().held, 0);
    let row = &view(&p).unwrap().reviews[0];
    assert!(!row.counts);
    assert!(row.why_not.as_deref().unwrap().contains("top management"));
}

#[test]
fn approved_minutes_are_immutable() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let boss = person(&mut p, "Ann Boss");
    let r = save_review(&mut p, &edit("MR 1", Some("2027-01-08"), &[(boss, true)])).unwrap();
    issue(&mut p, r.id).unwrap();

    // Issued minutes are not edited either (withdraw first).
    let mut e = edit("MR 1 changed", Some("2027-01-08"), &[(boss, true)]);
    e.id = r.id;
    assert_eq!(save_review(&mut p, &e).unwrap_err().code(), "review_issued");
    approve(&mut p, r.id, boss).unwrap();
    let before = get_review(p.conn(), r.id).unwrap();

    for err in [
        save_review(&mut p, &e).unwrap_err(),
        redraft_minutes(&mut p, r.id).unwrap_err(),
        add_action(&mut p, r.id, &action("Late idea", boss, "2027-02-01")).unwrap_err(),
        withdraw(&mut p, r.id).unwrap_err(),
        approve(&mut p, r.id, boss).unwrap_err(),
        delete_review(&mut p, r.id).unwrap_err(),
    ] {
        assert_eq!(err.code(), "review_approved", "{err}");
    }
    // The file itself refuses a change behind the app's back.
    let raw = p.conn().execute(
        "UPDATE management_review SET minutes = 'rewritten' WHERE id = ?1",
        [r.id],
    );
    assert!(raw.unwrap_err().to_string().contains("review_approved"));
    let attendee = p.conn().execute(
        "DELETE FROM management_review_attendee WHERE review_id = ?1",
        [r.id],
    );
    assert!(attendee.is_err());
    assert_eq!(get_review(p.conn(), r.id).unwrap(), before);
}

#[test]
fn drafts_are_checked_withdrawn_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let boss = person(&mut p, "Ann Boss");
    let unheld = save_review(&mut p, &edit("MR planned", None, &[])).unwrap();
    assert_eq!(
        issue(&mut p, unheld.id).unwrap_err().code(),
        "review_not_held"
    );
    assert_eq!(
        approve(&mut p, unheld.id, boss).unwrap_err().code(),
        "review_not_issued"
    );
    assert_eq!(
        save_review(&mut p, &edit("MR", None, &[(999, true)]))
            .unwrap_err()
            .code(),
        "unknown_person"
    );
    assert_eq!(
        save_review(&mut p, &edit(" ", None, &[]))
            .unwrap_err()
            .code(),
        "title_required"
    );
    // A planned review that is not held yet is the next planned one.
    assert_eq!(
        review_facts(p.conn()).unwrap().next_planned.as_deref(),
        Some("2027-01-08")
    );
    let mut e = edit("MR held", Some("2027-01-09"), &[(boss, true)]);
    e.id = unheld.id;
    save_review(&mut p, &e).unwrap();
    let drafted = redraft_minutes(&mut p, unheld.id).unwrap();
    assert!(drafted.minutes.contains("TPL-28"));
    issue(&mut p, unheld.id).unwrap();
    let back = withdraw(&mut p, unheld.id).unwrap();
    assert_eq!(back.status, ReviewStatus::Draft);
    assert!(back.inputs.is_none());
    delete_review(&mut p, unheld.id).unwrap();
    assert!(list_reviews(p.conn()).unwrap().is_empty());
    assert_eq!(
        get_review(p.conn(), unheld.id).unwrap_err().code(),
        "review_not_found"
    );
}

#[test]
fn a_later_review_sees_the_actions_of_earlier_ones_and_the_period_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let boss = person(&mut p, "Ann Boss");
    let first = save_review(&mut p, &edit("MR 1", Some("2027-01-05"), &[(boss, true)])).unwrap();
    add_action(
        &mut p,
        first.id,
        &action("Hire an engineer", boss, "2027-01-09"),
    )
    .unwrap();
    issue(&mut p, first.id).unwrap();
    approve(&mut p, first.id, boss).unwrap();
    let second = save_review(&mut p, &edit("MR 2", None, &[(boss, true)])).unwrap();
    let inputs = collect_inputs(&p, second.id).unwrap();
    assert_eq!(inputs.since.as_deref(), Some("2027-01-05"));
    let prev = inputs
        .sections
        .iter()
        .find(|s| s.key == InputKey::PreviousActions)
        .unwrap();
    assert_eq!(
        prev.lines,
        vec!["Hire an engineer (owner Ann Boss, due 2027-01-09): overdue".to_owned()]
    );
}

/// "MR 1", held on 2027-01-05 by Ann Boss (top management) and Sam Manager, with an action
/// `decided` for Ann if given, issued and approved by Ann: (Ann, Sam, the review).
fn approved_first_review(p: &mut Project, decided: Option<&str>) -> (i64, i64, Review) {
    let boss = person(p, "Ann Boss");
    let sm = person(p, "Sam Manager");
    let r = save_review(
        p,
        &edit("MR 1", Some("2027-01-05"), &[(boss, true), (sm, false)]),
    )
    .unwrap();
    if let Some(title) = decided {
        add_action(p, r.id, &action(title, boss, "2027-03-01")).unwrap();
    }
    issue(p, r.id).unwrap();
    approve(p, r.id, boss).unwrap();
    (boss, sm, r)
}

#[test]
fn reviews_round_trip_through_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let (_, _, r) = approved_first_review(&mut p, Some("Hire"));
    save_review(&mut p, &edit("MR 2", None, &[])).unwrap();
    let snap = crate::snapshot::collect(&p).unwrap();
    assert_eq!(snap.reviews.reviews.len(), 2);
    assert_eq!(snap.reviews.attendees.len(), 2);
    assert_eq!(snap.reviews.actions.len(), 1);
    let clock = Arc::new(FixedClock::at_date(2027, 1, 10).unwrap());
    let copy =
        crate::snapshot::import_snapshot(&snap, &dir.path().join("copy.r20k"), clock).unwrap();
    let again = crate::snapshot::collect(&copy).unwrap();
    assert_eq!(again.reviews, snap.reviews);
    assert_eq!(
        get_review(copy.conn(), r.id).unwrap().status,
        ReviewStatus::Approved
    );
}

#[test]
fn import_refuses_reviews_with_broken_references() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let (_, sm, r) = approved_first_review(&mut p, None);
    let mut snap = crate::snapshot::collect(&p).unwrap();
    snap.reviews.reviews[0].approved_by = Some(sm);
    snap.reviews.attendees[0].person_id = 999;
    snap.reviews
        .actions
        .push(ready20k_domain::snapshot::LinkSnap {
            id: r.id,
            action_id: 77,
        });
    let problems: Vec<String> = crate::snapshot::validate(&snap, &Default::default())
        .iter()
        .map(ToString::to_string)
        .collect();
    for path in [
        "/reviews/reviews/0/approved_by",
        "/reviews/attendees/0/person_id",
        "/reviews/actions/0/action_id",
    ] {
        assert!(
            problems.iter().any(|m| m.contains(path)),
            "{path}: {problems:?}"
        );
    }
}
