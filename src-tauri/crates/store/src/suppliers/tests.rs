//! Tests of the supplier register's storage.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ready20k_domain::suppliers::{Contact, SupplierFindingCode};

use super::*;
use crate::register_error::testing::{party, project};
use crate::wizard::services::delete_other_party;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn agreements_reviews_disputes_and_nones_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let cloud = party(c, "CloudCo", OtherPartyKind::ExternalSupplier);
    let a = save_agreement(
        c,
        &Agreement {
            party_id: cloud,
            contract_ref: " CC-1 ".into(),
            start_on: Some("2026-02-01".into()),
            end_on: Some("2028-01-31".into()),
            notice_on: Some("2027-10-31".into()),
            service_levels: "99.9 % uptime".into(),
            contacts: vec![Contact {
                name: "Dana".into(),
                role: "Account manager".into(),
                email: "dana@cloudco.example".into(),
                phone: String::new(),
            }],
            review_months: 12,
            ..Agreement::default()
        },
    )
    .unwrap();
    assert_eq!(a.contract_ref, "CC-1");
    assert_eq!(a.contacts[0].name, "Dana");
    // One agreement per party: saving again replaces it.
    let mut again = a.clone();
    again.review_months = 6;
    save_agreement(c, &again).unwrap();
    assert_eq!(list_agreements(c.conn_mut()).unwrap().len(), 1);
    assert_eq!(
        get_agreement(c.conn_mut(), cloud)
            .unwrap()
            .unwrap()
            .review_months,
        6
    );

    // Never reviewed, started 2026-02-01, every 6 months: overdue in January 2027.
    let codes = |c: &Connection, d: &str| {
        supplier_findings(c, day(d))
            .unwrap()
            .into_iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert!(codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::ReviewOverdue));
    let r = save_review(
        c,
        &SupplierReview {
            party_id: cloud,
            reviewed_on: "2027-01-09".into(),
            rating: 4,
            issues: "Two late incident reports".into(),
            ..SupplierReview::default()
        },
    )
    .unwrap();
    assert!(r.id > 0);
    assert!(!codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::ReviewOverdue));
    assert!(codes(c.conn(), "2027-09-15").contains(&SupplierFindingCode::NoticeApproaching));

    let dsp = save_dispute(
        c,
        &Dispute {
            party_id: cloud,
            opened_on: "2027-01-05".into(),
            description: "Credit for the December outage".into(),
            ..Dispute::default()
        },
    )
    .unwrap();
    assert!(codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::DisputeOpen));
    let mut settled = dsp.clone();
    settled.status = DisputeStatus::Resolved;
    assert_eq!(
        save_dispute(c, &settled).unwrap_err().code(),
        "resolution_required"
    );
    settled.resolved_on = Some("2027-01-08".into());
    settled.resolution = "Credit note received".into();
    save_dispute(c, &settled).unwrap();
    assert!(!codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::DisputeOpen));

    // Explicit "none" for internal suppliers and customers; refused for external ones.
    assert!(codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::KindUnrecorded));
    record_none(c, OtherPartyKind::InternalSupplier, "Not part of a group").unwrap();
    record_none(c, OtherPartyKind::Customer, "Customers provide nothing").unwrap();
    assert_eq!(
        record_none(c, OtherPartyKind::ExternalSupplier, "")
            .unwrap_err()
            .code(),
        "none_but_listed"
    );
    assert!(!codes(c.conn(), "2027-01-10").contains(&SupplierFindingCode::KindUnrecorded));
    clear_none(c, OtherPartyKind::Customer).unwrap();
    assert_eq!(list_nones(c.conn_mut()).unwrap().len(), 1);

    let reg = register(c.conn_mut()).unwrap();
    assert_eq!(reg.parties.len(), 1);
    assert_eq!(reg.reviews.len(), 1);
    assert_eq!(reg.disputes[0].status, DisputeStatus::Resolved);

    // Removing the party in the wizard removes its register entries.
    delete_other_party(c, cloud).unwrap();
    let reg = register(c.conn_mut()).unwrap();
    assert!(reg.agreements.is_empty() && reg.reviews.is_empty() && reg.disputes.is_empty());
}

#[test]
fn bad_supplier_input_is_refused_with_codes() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let cloud = party(c, "CloudCo", OtherPartyKind::ExternalSupplier);
    let ok = Agreement {
        party_id: cloud,
        review_months: 12,
        ..Agreement::default()
    };
    let cases = [
        (
            Agreement {
                party_id: 999,
                ..ok.clone()
            },
            "party_not_found",
        ),
        (
            Agreement {
                start_on: Some("2027-13-01".into()),
                ..ok.clone()
            },
            "bad_date",
        ),
        (
            Agreement {
                review_months: 48,
                ..ok.clone()
            },
            "review_months_out_of_range",
        ),
    ];
    for (a, code) in cases {
        assert_eq!(save_agreement(c, &a).unwrap_err().code(), code);
    }
    assert!(list_agreements(c.conn_mut()).unwrap().is_empty());
    let review = SupplierReview {
        party_id: cloud,
        reviewed_on: "2027-01-09".into(),
        rating: 3,
        ..SupplierReview::default()
    };
    for (r, code) in [
        (
            SupplierReview {
                reviewer_id: Some(5),
                ..review.clone()
            },
            "unknown_person",
        ),
        (
            SupplierReview {
                action_ids: vec![3],
                ..review.clone()
            },
            "unknown_action",
        ),
        (
            SupplierReview {
                rating: 0,
                ..review.clone()
            },
            "rating_out_of_range",
        ),
        (
            SupplierReview {
                id: 8,
                ..review.clone()
            },
            "review_not_found",
        ),
    ] {
        assert_eq!(save_review(c, &r).unwrap_err().code(), code);
    }
    assert!(list_reviews(c.conn_mut()).unwrap().is_empty());
}
