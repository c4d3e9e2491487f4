//! Tests of the risk register's storage.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_domain::risks::{HeatMapBasis, RiskFindingCode, heat_map};
use ready20k_domain::wizard::{ContextItem, IssueKind};

use super::*;
use crate::assessment::actions::save_action;
use crate::register_error::testing::{person, project};
use crate::wizard::context;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn action(c: &mut Project, title: &str) -> i64 {
    save_action(c, &Action::new(ActionSource::Other, title))
        .unwrap()
        .id
}

#[test]
fn criteria_default_until_saved_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    assert_eq!(get_criteria(c.conn_mut()).unwrap(), RiskCriteria::default());
    let mut mine = RiskCriteria {
        acceptance: 8,
        ..RiskCriteria::default()
    };
    mine.likelihood[0] = "  Hardly ever  ".into();
    save_criteria(c, &mine).unwrap();
    let got = get_criteria(c.conn_mut()).unwrap();
    assert_eq!(got.acceptance, 8);
    assert_eq!(got.likelihood[0], "Hardly ever");
    mine.acceptance = 0;
    let err = save_criteria(c, &mine).unwrap_err();
    assert_eq!(err.code(), "acceptance_out_of_range");
    assert_eq!(
        get_criteria(c.conn_mut()).unwrap().acceptance,
        8,
        "nothing written"
    );
}

#[test]
fn a_suggestion_becomes_a_rated_treated_risk_on_the_heat_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let ann = person(c, "Ann Lee");
    let issue = context::insert_issue(
        c,
        IssueKind::Internal,
        "Key knowledge sits with two engineers",
    )
    .unwrap();
    let key = format!("issue:{issue}:key_person");
    let before = view(c.conn_mut(), day("2027-01-10")).unwrap();
    assert!(before.suggestions.iter().any(|s| s.key == key));

    let mut r = adopt_suggestion(c, &key, Some(ann)).unwrap();
    assert_eq!(r.source, SourceKind::ContextIssue);
    assert_eq!(r.source_id, Some(issue));
    assert_eq!(r.owner_id, Some(ann));
    assert_eq!(
        adopt_suggestion(c, &key, None).unwrap_err().code(),
        "suggestion_not_found"
    );

    // Untreated above the acceptance level: a finding.
    let v = view(c.conn_mut(), day("2027-01-10")).unwrap();
    assert!(v.suggestions.iter().all(|s| s.key != key));
    assert!(
        v.findings
            .iter()
            .any(|f| f.risk_id == r.id && f.code == RiskFindingCode::AboveAcceptanceUntreated)
    );
    assert_eq!(v.heat_inherent.cells[2][3], 1);

    // Treat it: an action in the one register, a residual rating, a review date.
    let a = action(c, "Write runbooks; name deputies");
    r.treatment = Some(Treatment::Reduce);
    r.action_ids = vec![a, a];
    r.residual = Some(Rating {
        likelihood: 2,
        impact: 2,
    });
    r.review_on = Some("2027-06-30".into());
    r.status = RiskStatus::Treating;
    let saved = save_risk(c, &r).unwrap();
    assert_eq!(saved.action_ids, vec![a]);
    assert_eq!(saved.treatment, Some(Treatment::Reduce));
    let v = view(c.conn_mut(), day("2027-01-10")).unwrap();
    assert!(v.findings.is_empty());
    assert_eq!(v.heat_current.cells[1][1], 1);
    assert_eq!(v.heat_current.cells[2][3], 0);
    assert_eq!(
        heat_map(&v.risks, &v.criteria, HeatMapBasis::Inherent).total(),
        1
    );
    // Past the review date: a finding.
    let v = view(c.conn_mut(), day("2027-07-01")).unwrap();
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].code, RiskFindingCode::PastReview);

    // Survives a reopen as stored.
    assert_eq!(get_risk(c.conn_mut(), r.id).unwrap(), saved);
}

#[test]
fn bad_entries_are_refused_with_codes_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let rating = Rating {
        likelihood: 2,
        impact: 4,
    };
    let base = Risk {
        source_id: Some(99),
        ..Risk::new(
            RiskKind::Risk,
            "Server room floods",
            SourceKind::Climate,
            rating,
        )
    };
    let ok = save_risk(c, &base).unwrap();
    assert_eq!(ok.source_id, None, "a climate source names no row");

    let cases: Vec<(Risk, &str)> = vec![
        (
            Risk {
                owner_id: Some(42),
                ..base.clone()
            },
            "unknown_person",
        ),
        (
            Risk {
                action_ids: vec![77],
                ..base.clone()
            },
            "unknown_action",
        ),
        (
            Risk {
                source: SourceKind::Service,
                source_id: Some(5),
                ..base.clone()
            },
            "unknown_source",
        ),
        (
            Risk {
                inherent: Rating {
                    likelihood: 6,
                    impact: 1,
                },
                ..base.clone()
            },
            "rating_out_of_range",
        ),
        (
            Risk {
                id: 999,
                ..base.clone()
            },
            "risk_not_found",
        ),
    ];
    for (r, code) in cases {
        assert_eq!(save_risk(c, &r).unwrap_err().code(), code);
    }
    assert_eq!(list_risks(c.conn_mut()).unwrap().len(), 1);
    delete_risk(c, ok.id).unwrap();
    assert!(list_risks(c.conn_mut()).unwrap().is_empty());
    assert_eq!(delete_risk(c, ok.id).unwrap_err().code(), "risk_not_found");
}

#[test]
fn deleting_an_action_unlinks_it_from_the_risk() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = project(&dir);
    let c = &mut p;
    let item = ContextItem {
        id: 0,
        kind: IssueKind::External,
        text: "Ransomware".into(),
    };
    let issue = context::insert_issue(c, item.kind, &item.text).unwrap();
    let a = action(c, "Offline backups");
    let r = adopt_suggestion(c, &format!("issue:{issue}:security"), None).unwrap();
    assert!(r.infosec);
    let mut r2 = r.clone();
    r2.action_ids = vec![a];
    save_risk(c, &r2).unwrap();
    c.conn()
        .execute("DELETE FROM action WHERE id = ?1", [a])
        .unwrap();
    assert!(get_risk(c.conn_mut(), r.id).unwrap().action_ids.is_empty());
}
