//! Tests of the calendar assembled from a project: every kind of occurrence, completion
//! records, and document review dates that move when the document is re-approved.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::TimeZone;
use ready20k_domain::assessment::NewEvidence;
use ready20k_domain::calendar::{OccurrenceKind, OccurrenceStatus, add_months};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::suppliers::{Agreement, SupplierReview};
use ready20k_domain::wizard::OtherPartyKind;

use super::*;
use crate::assessment::evidence::add_location;
use crate::documents::{approve_version, document_view, issue_version, save_draft, start_document};
use crate::register_error::testing::party;
use crate::testing;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    let d = day(s);
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
}

/// The people and the supplier the calendar tests name.
struct Ids {
    ann: i64,
    bob: i64,
    party: i64,
}

type Firm = testing::Firm<Ids>;

/// Three people: Ann top management, Bob SMS manager and supplier manager; one supplier.
fn firm() -> Firm {
    let staff: &[(&str, &[&str])] = &[
        ("Ann Lee", &["ROLE-TM"]),
        ("Bob Ray", &["ROLE-SMSM", "ROLE-SUP"]),
    ];
    testing::firm("2027-01-10T09:00:00+00:00", "", staff, |c, ids| Ids {
        ann: ids[0],
        bob: ids[1],
        party: party(c, "CloudCo", OtherPartyKind::ExternalSupplier),
    })
}

/// Bob owns the restore test, first due on 31 January 2027, every `frequency`.
fn restore_test_for_bob(f: &mut Firm, frequency: Frequency) {
    let bob = f.ids.bob;
    save_duty_setting(
        &mut f.p,
        &DutySetting {
            duty_id: "DUTY-RESTORE-TEST".into(),
            anchor_on: Some("2027-01-31".into()),
            frequency: Some(frequency),
            owner_id: Some(bob),
            active: true,
        },
    )
    .unwrap();
}

/// The calendar on `today`, shown from 1 January 2027 (so done occurrences before `today`
/// are listed).
fn view(f: &Firm, today: &str, months: u32) -> CalendarView {
    calendar(f.p.conn(), at(today), Some(day("2027-01-01")), months).unwrap()
}

/// The id of the question bank's first question.
fn first_question() -> String {
    crate::assessment::library().unwrap().questions[0]
        .id
        .clone()
}

#[test]
fn the_duty_list_is_scheduled_from_the_project_start_for_the_firms_size() {
    let f = firm();
    let v = view(&f, "2027-01-10", 13);
    assert_eq!(v.time_zone, "UTC");
    assert_eq!(v.today, day("2027-01-10"));
    let lib = try_library().unwrap();
    for duty in &lib.duties {
        let first = v
            .occurrences
            .iter()
            .find(|o| o.duty_id == duty.id)
            .unwrap_or_else(|| panic!("{} missing", duty.id));
        assert_eq!(first.kind, OccurrenceKind::Duty);
        assert_eq!(first.status, OccurrenceStatus::Due);
        // A three-person firm: the micro band's frequency; first due one interval after the
        // project was created (2027-01-10).
        let expected = ready20k_domain::calendar::sources::default_anchor(
            day("2027-01-10"),
            duty.frequency.micro,
        );
        assert_eq!(first.due, expected, "{}", duty.id);
        assert_eq!(first.id, format!("{}@{expected}", duty.id));
    }
    let mgmt = v
        .occurrences
        .iter()
        .find(|o| o.duty_id == "DUTY-MGMT-REVIEW")
        .unwrap();
    assert_eq!(mgmt.owner, "Ann Lee");
    assert_eq!(mgmt.clause, "9.3");
    // Stable across runs.
    assert_eq!(view(&f, "2027-01-10", 13), v);
}

#[test]
fn duty_choices_move_switch_off_and_reassign_duties() {
    let mut f = firm();
    restore_test_for_bob(&mut f, Frequency::Monthly);
    save_duty_setting(
        &mut f.p,
        &DutySetting {
            duty_id: "DUTY-TEAM-MEETING".into(),
            anchor_on: None,
            frequency: None,
            owner_id: None,
            active: false,
        },
    )
    .unwrap();
    let v = view(&f, "2027-01-10", 4);
    let restore: Vec<_> = v
        .occurrences
        .iter()
        .filter(|o| o.duty_id == "DUTY-RESTORE-TEST")
        .map(|o| (o.due.to_string(), o.owner.clone()))
        .collect();
    assert_eq!(
        restore,
        [
            ("2027-01-31".to_owned(), "Bob Ray".to_owned()),
            ("2027-02-28".to_owned(), "Bob Ray".to_owned()),
            ("2027-03-31".to_owned(), "Bob Ray".to_owned()),
            ("2027-04-30".to_owned(), "Bob Ray".to_owned()),
        ]
    );
    assert!(
        v.occurrences
            .iter()
            .all(|o| o.duty_id != "DUTY-TEAM-MEETING")
    );
    let bad = DutySetting {
        duty_id: "DUTY-NOPE".into(),
        anchor_on: None,
        frequency: None,
        owner_id: None,
        active: true,
    };
    assert_eq!(
        save_duty_setting(&mut f.p, &bad).unwrap_err().code(),
        "duty_not_found"
    );
}

#[test]
fn a_restore_test_is_done_only_with_a_record_and_the_overdue_count_drops() {
    let mut f = firm();
    let bob = f.ids.bob;
    restore_test_for_bob(&mut f, Frequency::Quarterly);
    let occ = "DUTY-RESTORE-TEST@2027-01-31";
    let before = view(&f, "2027-02-05", 12);
    let overdue_before = before.overview.overdue;
    assert!(overdue_before >= 1);
    let o = before.occurrences.iter().find(|o| o.id == occ).unwrap();
    assert_eq!(o.status, OccurrenceStatus::Overdue);

    let c = &mut f.p;
    let done = NewCompletion {
        occurrence_id: occ.into(),
        done_on: "2027-02-03".into(),
        person_id: Some(bob),
        evidence_id: None,
        note: String::new(),
    };
    assert_eq!(
        complete(c, &done, None).unwrap_err().code(),
        "record_required"
    );
    assert_eq!(
        complete(c, &done, Some(("restore.pdf", b"log")))
            .unwrap_err()
            .code(),
        "note_required"
    );
    let wrong_day = NewCompletion {
        occurrence_id: "DUTY-RESTORE-TEST@2027-02-01".into(),
        note: "Restored".into(),
        ..done.clone()
    };
    assert_eq!(
        complete(c, &wrong_day, Some(("r.txt", b"x")))
            .unwrap_err()
            .code(),
        "occurrence_not_found"
    );
    let with_note = NewCompletion {
        note: "Restored the CRM database to a scratch server; 14 min.".into(),
        ..done.clone()
    };
    let rec = complete(c, &with_note, Some(("restore.log", b"restore ok\n"))).unwrap();
    assert_eq!(rec.series_id, "DUTY-RESTORE-TEST");
    assert_eq!(rec.due_on, "2027-01-31");
    assert_eq!(
        rec.sha256.as_deref(),
        Some(sha256_hex(b"restore ok\n").as_str())
    );
    assert_eq!(
        read_completion_file(c.conn_mut(), occ).unwrap(),
        ("restore.log".to_owned(), b"restore ok\n".to_vec())
    );
    assert_eq!(
        complete(c, &with_note, Some(("again.log", b"x")))
            .unwrap_err()
            .code(),
        "already_done"
    );

    let after = view(&f, "2027-02-05", 12);
    assert_eq!(after.overview.overdue, overdue_before - 1);
    assert_eq!(after.findings.len() as u32, after.overview.overdue);
    assert!(before.findings.iter().any(|x| x.occurrence_id == occ));
    assert!(after.findings.iter().all(|x| x.occurrence_id != occ));
    let o = after.occurrences.iter().find(|o| o.id == occ).unwrap();
    assert_eq!(o.status, OccurrenceStatus::Done);
    assert_eq!(o.completion.as_ref().unwrap().record, "File restore.log");

    // Undo: overdue again. Then done with evidence instead.
    undo_completion(&mut f.p, occ).unwrap();
    assert_eq!(view(&f, "2027-02-05", 12).overview.overdue, overdue_before);
    let c = &mut f.p;
    let q = first_question();
    let ev = add_location(
        c,
        &NewEvidence {
            title: "Restore test log".into(),
            location: Some("SharePoint/IT/restore".into()),
            questions: vec![q],
            ..NewEvidence::default()
        },
    )
    .unwrap();
    let by_evidence = NewCompletion {
        evidence_id: Some(ev.id),
        ..done.clone()
    };
    complete(c, &by_evidence, None).unwrap();
    assert_eq!(
        read_completion_file(c.conn_mut(), occ).unwrap_err().code(),
        "file_not_found"
    );
    let o = view(&f, "2027-02-05", 12)
        .occurrences
        .into_iter()
        .find(|o| o.id == occ)
        .unwrap();
    assert_eq!(o.completion.unwrap().record, format!("Evidence {}", ev.id));
    // Evidence that completes a duty cannot be deleted under it.
    assert!(crate::assessment::evidence::delete_evidence(&mut f.p, ev.id).is_err());
}

#[test]
fn document_reviews_move_when_the_document_is_reapproved() {
    let mut f = firm();
    let (ann, bob) = (f.ids.ann, f.ids.bob);
    let c = &mut f.p;
    let id = start_document(c, "DOC-SM-POLICY", None, None).unwrap();
    let rev = document_view(c.conn_mut(), "DOC-SM-POLICY", day("2027-01-10"))
        .unwrap()
        .draft
        .unwrap()
        .revision;
    let v1 = issue_version(c, id, "First issue", false, rev).unwrap();
    approve_version(c, v1.id, ann, "1.0", &keep(&v1.body)).unwrap();
    let reviews = |f: &Firm, today: &str| {
        view(f, today, 36)
            .occurrences
            .into_iter()
            .filter(|o| o.kind == OccurrenceKind::DocumentReview)
            .map(|o| (o.id, o.status))
            .collect::<Vec<_>>()
    };
    let months = document_view(f.p.conn(), "DOC-SM-POLICY", day("2027-01-10"))
        .unwrap()
        .review_months;
    let first = add_months(day("2027-01-10"), months).unwrap();
    let got = reviews(&f, "2027-01-10");
    assert_eq!(got[0].0, format!("doc-review:DOC-SM-POLICY@{first}"));
    assert_eq!(got[0].1, OccurrenceStatus::Due);
    // A day after the review date it is overdue; marking it done by hand is refused.
    let late = first.succ_opt().unwrap().to_string();
    assert_eq!(reviews(&f, &late)[0].1, OccurrenceStatus::Overdue);
    let err = complete(
        &mut f.p,
        &NewCompletion {
            occurrence_id: got[0].0.clone(),
            done_on: late.clone(),
            note: "Reviewed".into(),
            ..NewCompletion::default()
        },
        Some(("r.txt", b"x")),
    )
    .unwrap_err();
    assert_eq!(err.code(), "done_elsewhere");

    // Re-approved (a new version on the day after the review date): the review moves on.
    let reapproved_at = format!("{late}T10:00:00+00:00");
    f.clock
        .set(FixedClock::at_rfc3339(&reapproved_at).unwrap().0);
    let c = &mut f.p;
    let draft = document_view(c.conn_mut(), "DOC-SM-POLICY", day(&late))
        .unwrap()
        .draft
        .unwrap();
    let body = format!("{}\n\nReviewed without change of substance.\n", draft.body);
    let rev = save_draft(c, id, &body, Some(bob), draft.revision)
        .unwrap()
        .revision;
    let v2 = issue_version(c, id, "Annual review", false, rev).unwrap();
    approve_version(c, v2.id, ann, "1.1", &keep(&v2.body)).unwrap();
    let next = add_months(day(&late), months).unwrap();
    let got = reviews(&f, &late);
    assert_eq!(
        got[0],
        (
            format!("doc-review:DOC-SM-POLICY@{next}"),
            OccurrenceStatus::Due
        )
    );
    assert!(got.iter().all(|(id, _)| !id.ends_with(&first.to_string())));
}

#[test]
fn evidence_and_supplier_dates_appear_with_their_records() {
    let mut f = firm();
    let party = f.ids.party;
    let c = &mut f.p;
    let q = first_question();
    let ev = add_location(
        c,
        &NewEvidence {
            title: "ISO 27001 certificate of CloudCo".into(),
            location: Some("Contracts folder".into()),
            review_on: Some("2027-03-01".into()),
            expires_on: Some("2027-09-30".into()),
            questions: vec![q.clone()],
            ..NewEvidence::default()
        },
    )
    .unwrap();
    let a = crate::suppliers::save_agreement(
        c,
        &Agreement {
            party_id: party,
            contract_ref: "CC-1".into(),
            start_on: Some("2026-06-01".into()),
            end_on: Some("2028-05-31".into()),
            notice_on: Some("2027-11-30".into()),
            review_months: 12,
            ..Agreement::default()
        },
    )
    .unwrap();
    crate::suppliers::save_review(
        c,
        &SupplierReview {
            party_id: party,
            reviewed_on: "2027-01-09".into(),
            rating: 4,
            ..SupplierReview::default()
        },
    )
    .unwrap();
    let v = view(&f, "2027-01-10", 13);
    let find = |id: &str| {
        v.occurrences
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let review = find(&format!("evidence-review:{}@2027-03-01", ev.id));
    assert_eq!(review.kind, OccurrenceKind::EvidenceReview);
    assert_eq!(review.owner, "Bob Ray");
    let clause = &crate::assessment::library()
        .unwrap()
        .questions
        .iter()
        .find(|x| x.id == q)
        .unwrap()
        .clause;
    assert_eq!(&review.clause, clause);
    assert_eq!(
        find(&format!("evidence-expiry:{}@2027-09-30", ev.id)).kind,
        OccurrenceKind::EvidenceExpiry
    );
    let done = find(&format!("supplier-review:{party}@2027-01-09"));
    assert_eq!(done.status, OccurrenceStatus::Done);
    let next = find(&format!("supplier-review:{party}@2028-01-09"));
    assert_eq!(next.status, OccurrenceStatus::Due);
    assert_eq!(next.owner, "Bob Ray");
    let notice = find(&format!("notice:{}@2027-11-30", a.id));
    assert_eq!(notice.kind, OccurrenceKind::ContractNotice);
    // With agreements recorded, per-supplier reviews replace the duty list's generic one.
    assert!(
        v.occurrences
            .iter()
            .all(|o| o.duty_id != SUPPLIER_REVIEW_DUTY)
    );
    // A contract notice date can be marked done with a note and a file.
    complete(
        &mut f.p,
        &NewCompletion {
            occurrence_id: notice.id.clone(),
            done_on: "2027-01-10".into(),
            note: "Renewal agreed for two more years".into(),
            ..NewCompletion::default()
        },
        Some(("renewal.pdf", b"%PDF-1.4")),
    )
    .unwrap();
    let v = view(&f, "2027-01-10", 13);
    assert!(
        v.occurrences
            .iter()
            .any(|o| o.id == notice.id && o.status == OccurrenceStatus::Done)
    );
}

#[test]
fn bad_windows_and_occurrence_ids_are_refused() {
    let mut f = firm();
    let err = calendar(f.p.conn(), at("2027-01-10"), None, 0).unwrap_err();
    assert_eq!(err.code(), "bad_calendar_window");
    let err = complete(
        &mut f.p,
        &NewCompletion {
            occurrence_id: "no-date".into(),
            done_on: "2027-01-10".into(),
            note: "x".into(),
            ..NewCompletion::default()
        },
        Some(("a", b"b")),
    )
    .unwrap_err();
    assert_eq!(err.code(), "bad_occurrence");
    let err = undo_completion(&mut f.p, "DUTY-X@2027-01-01").unwrap_err();
    assert_eq!(err.code(), "completion_not_found");
}

#[test]
fn today_is_the_firms_local_date_from_its_business_hours() {
    let mut f = firm();
    restore_test_for_bob(&mut f, Frequency::Quarterly);
    // 20:00 UTC on 31 January is already 1 February in Auckland.
    let evening = Utc.with_ymd_and_hms(2027, 1, 31, 20, 0, 0).unwrap();
    let status = |f: &Firm| {
        let v = calendar(f.p.conn(), evening, Some(day("2027-01-01")), 3).unwrap();
        let o = v
            .occurrences
            .iter()
            .find(|o| o.id == "DUTY-RESTORE-TEST@2027-01-31")
            .unwrap()
            .status;
        (v.today, v.time_zone, o)
    };
    assert_eq!(
        status(&f),
        (day("2027-01-31"), "UTC".to_owned(), OccurrenceStatus::Due)
    );
    let hours = ready20k_domain::records::BusinessHours {
        time_zone: "Pacific/Auckland".into(),
        ..Default::default()
    };
    crate::records::set_business_hours(&mut f.p, &hours).unwrap();
    assert_eq!(
        status(&f),
        (
            day("2027-02-01"),
            "Pacific/Auckland".to_owned(),
            OccurrenceStatus::Overdue
        )
    );
}

/// The approver keeps every unresolved item of `body` explicitly (issue 17).
fn keep(body: &str) -> Vec<String> {
    ready20k_domain::documents::unresolved::distinct_texts(
        &ready20k_domain::documents::unresolved::unresolved_in(body),
    )
}
