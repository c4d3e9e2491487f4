//! Tests of the risk register's rules, heat map and suggestions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;

use super::*;
use crate::wizard::{
    ClimateDecision, ContextItem, InterestedParty, IssueKind, OtherParty, OtherPartyKind, Service,
    WizardData,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn risk(id: i64, l: u8, i: u8) -> Risk {
    let rating = Rating {
        likelihood: l,
        impact: i,
    };
    Risk {
        id,
        owner_id: Some(1),
        ..Risk::new(
            RiskKind::Risk,
            &format!("Risk {id}"),
            SourceKind::Other,
            rating,
        )
    }
}

#[test]
fn criteria_are_checked() {
    let mut c = RiskCriteria::default();
    assert!(check_criteria(&c).is_ok());
    c.acceptance = 26;
    assert_eq!(
        check_criteria(&c).unwrap_err().code,
        "acceptance_out_of_range"
    );
    c.acceptance = 6;
    c.impact[2] = "  ".into();
    assert_eq!(check_criteria(&c).unwrap_err().code, "scale_words_required");
    c.impact.pop();
    assert_eq!(check_criteria(&c).unwrap_err().code, "scale_words_required");
}

#[test]
fn entries_are_checked() {
    assert!(check_risk(&risk(1, 3, 3)).is_ok());
    assert_eq!(
        check_risk(&risk(1, 0, 3)).unwrap_err().code,
        "rating_out_of_range"
    );
    let mut r = risk(1, 3, 3);
    r.residual = Some(Rating {
        likelihood: 6,
        impact: 1,
    });
    assert_eq!(check_risk(&r).unwrap_err().code, "rating_out_of_range");
    let mut r = risk(1, 3, 3);
    r.title = " ".into();
    assert_eq!(check_risk(&r).unwrap_err().code, "title_required");
    let mut r = risk(1, 3, 3);
    r.source = SourceKind::Supplier;
    assert_eq!(check_risk(&r).unwrap_err().code, "source_required");
    r.source_id = Some(4);
    r.review_on = Some("2027-02-30".into());
    assert_eq!(check_risk(&r).unwrap_err().code, "bad_date");
}

#[test]
fn heat_map_counts_open_risks_per_cell() {
    let mut treated = risk(2, 4, 5);
    treated.residual = Some(Rating {
        likelihood: 2,
        impact: 2,
    });
    let mut closed = risk(3, 5, 5);
    closed.status = RiskStatus::Closed;
    let mut opp = risk(4, 5, 5);
    opp.kind = RiskKind::Opportunity;
    let risks = [risk(1, 4, 5), treated, closed, opp, risk(5, 1, 1)];
    let c = RiskCriteria::default();
    let inherent = heat_map(&risks, &c, HeatMapBasis::Inherent);
    assert_eq!(inherent.cells[3][4], 2);
    assert_eq!(inherent.cells[0][0], 1);
    assert_eq!(inherent.total(), 3);
    assert_eq!(inherent.above_acceptance(), 2);
    let current = heat_map(&risks, &c, HeatMapBasis::Current);
    assert_eq!(current.cells[3][4], 1);
    assert_eq!(current.cells[1][1], 1);
    assert_eq!(current.above_acceptance(), 1);
}

#[test]
fn findings_flag_past_review_and_untreated_risks_above_acceptance() {
    let c = RiskCriteria::default(); // acceptance 6
    let mut past = risk(1, 1, 2);
    past.review_on = Some("2027-01-31".into());
    let high = risk(2, 3, 3); // 9 > 6, no action
    let mut treated = risk(3, 3, 3);
    treated.action_ids = vec![12];
    let mut residual_ok = risk(4, 5, 5);
    residual_ok.residual = Some(Rating {
        likelihood: 2,
        impact: 3,
    });
    let mut infosec_high = risk(5, 4, 4);
    infosec_high.infosec = true;
    let mut opp = risk(6, 5, 5);
    opp.kind = RiskKind::Opportunity;
    let mut closed = risk(7, 5, 5);
    closed.status = RiskStatus::Closed;
    closed.review_on = Some("2020-01-01".into());
    let risks = [past, high, treated, residual_ok, infosec_high, opp, closed];
    let f = findings(&risks, &c, d("2027-02-01"));
    let got: Vec<_> = f
        .iter()
        .map(|x| (x.risk_id, x.code, x.clause.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, RiskFindingCode::PastReview, "6.1"),
            (2, RiskFindingCode::AboveAcceptanceUntreated, "6.1"),
            (5, RiskFindingCode::AboveAcceptanceUntreated, "8.7.3.1"),
        ]
    );
    // On the review date itself it is not yet past.
    assert!(findings(&risks[..1], &c, d("2027-01-31")).is_empty());
    assert_eq!(infosec(&risks).len(), 1);
}

fn wizard() -> WizardData {
    WizardData {
        issues: vec![
            ContextItem {
                id: 1,
                kind: IssueKind::Internal,
                text: "Key knowledge sits with two engineers".into(),
            },
            ContextItem {
                id: 2,
                kind: IssueKind::External,
                text: "Ransomware attacks on small firms are rising".into(),
            },
            ContextItem {
                id: 3,
                kind: IssueKind::External,
                text: "Market demand for managed backup keeps growing".into(),
            },
        ],
        parties: vec![InterestedParty {
            id: 5,
            name: "Customers".into(),
            requirements: "Agreed response times".into(),
        }],
        climate: ClimateDecision {
            relevant: Some(true),
            rationale: "Office in a flood zone".into(),
        },
        services: vec![Service {
            id: 7,
            name: "Managed backup".into(),
            ..Service::default()
        }],
        other_parties: vec![OtherParty {
            id: 9,
            name: "CloudCo".into(),
            kind: OtherPartyKind::ExternalSupplier,
            provides: "Hosting".into(),
            services: vec![7],
            processes: Vec::new(),
        }],
        ..WizardData::default()
    }
}

#[test]
fn suggestions_come_from_issues_services_suppliers_parties_and_climate() {
    let data = wizard();
    let s = suggest(&data, &[]);
    let keys: Vec<_> = s.iter().map(|x| x.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "issue:1:key_person",
            "issue:2:security",
            "issue:3:growth",
            "service:7:outage",
            "service:7:data_loss",
            "supplier:9:failure",
            "party:5:requirements",
            "climate:physical",
        ]
    );
    let key_person = &s[0];
    assert_eq!(key_person.source, SourceKind::ContextIssue);
    assert_eq!(key_person.source_id, Some(1));
    assert!(key_person.title.contains("Key-person"));
    assert!(s[1].infosec);
    assert_eq!(s[2].kind, RiskKind::Opportunity);
    // Every suggestion makes a valid entry.
    for x in &s {
        check_risk(&x.to_risk()).unwrap();
    }
    // Adopted suggestions disappear.
    let adopted = s[0].to_risk();
    let again = suggest(&data, &[adopted]);
    assert_eq!(again.len(), s.len() - 1);
    assert!(again.iter().all(|x| x.key != "issue:1:key_person"));
}

#[test]
fn a_small_team_without_a_key_person_issue_gets_a_key_person_suggestion() {
    let mut data = wizard();
    data.issues.remove(0);
    data.profile.headcount = 6;
    let s = suggest(&data, &[]);
    assert!(s.iter().any(|x| x.key == "team:key_person"));
    data.profile.headcount = 40;
    assert!(
        !suggest(&data, &[])
            .iter()
            .any(|x| x.key == "team:key_person")
    );
}
