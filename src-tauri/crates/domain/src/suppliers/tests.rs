//! Tests of the supplier register's checks and rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn party(id: i64, kind: OtherPartyKind) -> OtherParty {
    OtherParty {
        id,
        name: format!("Party {id}"),
        kind,
        provides: "Hosting".into(),
        services: Vec::new(),
        processes: Vec::new(),
    }
}

fn agreement(party_id: i64) -> Agreement {
    Agreement {
        id: party_id * 10,
        party_id,
        contract_ref: format!("C-{party_id}"),
        start_on: Some("2026-01-01".into()),
        end_on: Some("2027-12-31".into()),
        notice_on: Some("2027-09-30".into()),
        review_months: 12,
        ..Agreement::default()
    }
}

#[test]
fn agreements_reviews_and_disputes_are_checked() {
    assert!(check_agreement(&agreement(1)).is_ok());
    let mut a = agreement(1);
    a.end_on = Some("2025-01-01".into());
    assert_eq!(check_agreement(&a).unwrap_err().code, "dates_out_of_order");
    let mut a = agreement(1);
    a.notice_on = Some("2028-01-01".into());
    assert_eq!(check_agreement(&a).unwrap_err().code, "dates_out_of_order");
    let mut a = agreement(1);
    a.start_on = Some("01/02/2026".into());
    assert_eq!(check_agreement(&a).unwrap_err().code, "bad_date");
    let mut a = agreement(1);
    a.review_months = 0;
    assert_eq!(
        check_agreement(&a).unwrap_err().code,
        "review_months_out_of_range"
    );
    let mut a = agreement(1);
    a.contacts = vec![Contact::default()];
    assert_eq!(check_agreement(&a).unwrap_err().code, "name_required");

    let mut r = SupplierReview {
        party_id: 1,
        reviewed_on: "2026-06-01".into(),
        rating: 3,
        ..SupplierReview::default()
    };
    assert!(check_review(&r).is_ok());
    r.rating = 6;
    assert_eq!(check_review(&r).unwrap_err().code, "rating_out_of_range");
    r.rating = 3;
    r.reviewed_on = String::new();
    assert_eq!(check_review(&r).unwrap_err().code, "bad_date");

    let mut dsp = Dispute {
        party_id: 1,
        opened_on: "2026-05-01".into(),
        description: "Invoice disputed".into(),
        ..Dispute::default()
    };
    assert!(check_dispute(&dsp).is_ok());
    dsp.status = DisputeStatus::Resolved;
    assert_eq!(check_dispute(&dsp).unwrap_err().code, "resolution_required");
    dsp.resolved_on = Some("2026-04-01".into());
    dsp.resolution = "Credit note".into();
    assert_eq!(check_dispute(&dsp).unwrap_err().code, "dates_out_of_order");
    dsp.resolved_on = Some("2026-05-20".into());
    assert!(check_dispute(&dsp).is_ok());
}

#[test]
fn next_review_follows_the_latest_review_else_the_start() {
    let a = agreement(1);
    assert_eq!(next_review(&a, &[]), Some(d("2027-01-01")));
    let reviews = [
        SupplierReview {
            party_id: 1,
            reviewed_on: "2026-03-31".into(),
            rating: 4,
            ..SupplierReview::default()
        },
        SupplierReview {
            party_id: 2,
            reviewed_on: "2026-11-30".into(),
            rating: 4,
            ..SupplierReview::default()
        },
    ];
    assert_eq!(next_review(&a, &reviews), Some(d("2027-03-31")));
    let mut open = agreement(1);
    open.start_on = None;
    assert_eq!(next_review(&open, &[]), None);
}

#[test]
fn findings_cover_reviews_notice_dates_agreements_kinds_and_disputes() {
    let reg = SupplierRegister {
        parties: vec![
            party(1, OtherPartyKind::ExternalSupplier),
            party(2, OtherPartyKind::ExternalSupplier),
            party(3, OtherPartyKind::Customer),
        ],
        agreements: vec![agreement(1)],
        reviews: Vec::new(),
        disputes: vec![Dispute {
            id: 1,
            party_id: 2,
            opened_on: "2027-01-01".into(),
            description: "Late delivery".into(),
            ..Dispute::default()
        }],
        nones: Vec::new(),
    };
    // 2027-08-15: review due 2027-01-01 (overdue); notice 2027-09-30 is 46 days away.
    let f = findings(&reg, d("2027-08-15"));
    let got: Vec<_> = f.iter().map(|x| (x.party_id, x.code)).collect();
    assert_eq!(
        got,
        [
            (None, SupplierFindingCode::KindUnrecorded),
            (Some(1), SupplierFindingCode::ReviewOverdue),
            (Some(1), SupplierFindingCode::NoticeApproaching),
            (Some(2), SupplierFindingCode::NoAgreement),
            (Some(2), SupplierFindingCode::DisputeOpen),
        ]
    );
    assert!(f[0].message.contains("internal supplier"));
    assert!(f.iter().all(|x| x.clause == "8.3.4"));

    // A recorded "none" settles the kind; a review settles the overdue review; after the
    // notice date the contract runs on.
    let mut reg = reg;
    reg.nones.push(NoneRecorded {
        kind: OtherPartyKind::InternalSupplier,
        note: "We are not part of a group.".into(),
        recorded_at: "2027-01-01T00:00:00Z".into(),
    });
    reg.reviews.push(SupplierReview {
        party_id: 1,
        reviewed_on: "2027-08-01".into(),
        rating: 4,
        ..SupplierReview::default()
    });
    let f = findings(&reg, d("2027-10-01"));
    let got: Vec<_> = f.iter().map(|x| (x.party_id, x.code)).collect();
    assert_eq!(
        got,
        [
            (Some(1), SupplierFindingCode::NoticePassed),
            (Some(2), SupplierFindingCode::NoAgreement),
            (Some(2), SupplierFindingCode::DisputeOpen),
        ]
    );
    // Far from the notice date: nothing about it.
    let f = findings(&reg, d("2027-06-01"));
    assert!(f.iter().all(|x| x.party_id != Some(1)));
}
