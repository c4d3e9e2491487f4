#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::objectives::{Direction, KpiInput, KpiSource, Measure, ObjectiveInput, Trend};
use ready20k_domain::records::{IncidentReview, Preset, Priority, PriorityTarget, SlaClock};
use ready20k_domain::wizard::Service;
use tempfile::TempDir;

use super::*;
use crate::records::ImportOptions;
use crate::{Project, wizard};

const NOW: &str = "2026-11-02T12:00:00+00:00";

/// A project with one service (P1: resolve in 4 h, 24x7) and records over two months:
/// September one P1 met, October one P1 met and one missed; a self-approved change.
fn project() -> (TempDir, Project) {
    let dir = TempDir::new().unwrap();
    let at = DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc);
    let mut p = Project::create(
        &dir.path().join("p.r20k"),
        "Acme IT",
        Arc::new(FixedClock(at)),
    )
    .unwrap();
    wizard::services::save_service(
        &mut p,
        &Service {
            name: "Hosting".into(),
            ..Service::default()
        },
    )
    .unwrap();
    let id = service_id(&p);
    let levels = ready20k_domain::records::ServiceLevels::one_target(
        id,
        Priority::P1,
        PriorityTarget::within(30, 240, SlaClock::TwentyFourSeven),
    );
    records::save_service_levels(&mut p, &levels).unwrap();
    let csv = "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,change_type,outcome,title\n\
        I1,incident,Hosting,P1,2026-09-07T10:00Z,2026-09-07T10:10Z,2026-09-07T11:00Z,Ann,,Bob,,,Disk full\n\
        I2,incident,Hosting,P1,2026-10-05T10:00Z,2026-10-05T10:10Z,2026-10-05T11:00Z,Ann,,Bob,,,DNS\n\
        I3,incident,Hosting,P1,2026-10-12T10:00Z,2026-10-12T10:10Z,2026-10-12T20:00Z,Ann,,Bob,,,Outage\n\
        C1,change,Hosting,,2026-10-14T10:00Z,,2026-10-14T12:00Z,Bob,Bob,Bob,normal,success,Patch\n\
        C2,change,Hosting,,2026-10-15T10:00Z,,2026-10-15T12:00Z,Ann,Cy,Bob,normal,success,Upgrade\n";
    records::import_export(
        &mut p,
        csv.as_bytes(),
        &ImportOptions {
            preset: Preset::Ready20k,
            file_name: "r.csv".into(),
            skip_bad_rows: false,
            service_map: BTreeMap::new(),
        },
    )
    .unwrap();
    (dir, p)
}

fn service_id(p: &Project) -> i64 {
    p.conn()
        .query_row("SELECT id FROM service", [], |r| r.get(0))
        .unwrap()
}

fn objective(p: &mut Project) -> i64 {
    add_objective(
        p,
        &ObjectiveInput {
            text: "Restore hosting fast".into(),
            owner: "Ann".into(),
            due: Some("2027-03-31".into()),
        },
    )
    .unwrap()
}

/// A hand-entered "score" KPI named `name` under objective `o`, aiming at 4.0 or more.
fn score_kpi(p: &mut Project, o: i64, name: &str) -> i64 {
    add_kpi(
        p,
        &KpiInput {
            objective_id: o,
            name: name.into(),
            unit: "score".into(),
            target: 4.0,
            direction: Direction::AtLeast,
            source: KpiSource::Manual,
        },
    )
    .unwrap()
}

#[test]
fn objectives_measurement_kpi_reads_the_records_per_month() {
    let (_d, mut p) = project();
    let o = objective(&mut p);
    let service_id = service_id(&p);
    let k = add_kpi(
        &mut p,
        &KpiInput {
            objective_id: o,
            name: "P1 resolved in time".into(),
            unit: "%".into(),
            target: 95.0,
            direction: Direction::AtLeast,
            source: KpiSource::Measurement {
                measure: Measure::IncidentsResolutionMetPct,
                service_id,
            },
        },
    )
    .unwrap();
    let view = objectives_view(&p).unwrap();
    let kpi = &view.objectives[0].kpis[0];
    assert_eq!(kpi.id, k);
    assert_eq!(kpi.service.as_deref(), Some("Hosting"));
    let got: Vec<(&str, f64)> = kpi
        .points
        .iter()
        .map(|x| (x.period.as_str(), x.value))
        .collect();
    assert_eq!(got, vec![("2026-09", 100.0), ("2026-10", 50.0)]);
    assert_eq!((kpi.met, kpi.trend), (Some(false), Trend::Worsening));
    assert!(!view.objectives[0].on_track);
    let err = record_kpi_value(&mut p, k, "2026-10", 1.0, "").unwrap_err();
    assert_eq!(err.code(), "kpi_is_measured");
}

#[test]
fn objectives_manual_values_are_append_only_and_the_latest_counts() {
    let (_d, mut p) = project();
    let o = objective(&mut p);
    let k = score_kpi(&mut p, o, "Customer satisfaction");
    record_kpi_value(&mut p, k, "2026-09", 3.8, "survey").unwrap();
    record_kpi_value(&mut p, k, "2026-10", 3.9, "").unwrap();
    record_kpi_value(&mut p, k, "2026-10", 4.2, "corrected").unwrap();
    let view = objectives_view(&p).unwrap();
    let kpi = &view.objectives[0].kpis[0];
    let got: Vec<(&str, f64)> = kpi
        .points
        .iter()
        .map(|x| (x.period.as_str(), x.value))
        .collect();
    assert_eq!(got, vec![("2026-09", 3.8), ("2026-10", 4.2)]);
    assert_eq!(kpi.points[1].note, "corrected");
    assert_eq!(kpi.points[1].recorded_at.as_deref(), Some(NOW));
    assert_eq!((kpi.met, kpi.trend), (Some(true), Trend::Improving));
    assert!(view.objectives[0].on_track);
    // Stored values cannot be changed or removed.
    assert!(
        p.conn()
            .execute("UPDATE kpi_value SET value = 0", [])
            .is_err()
    );
    assert!(p.conn().execute("DELETE FROM kpi_value", []).is_err());
    assert_eq!(
        record_kpi_value(&mut p, k, "October", 1.0, "")
            .unwrap_err()
            .code(),
        "bad_month"
    );
    assert_eq!(
        record_kpi_value(&mut p, 999, "2026-10", 1.0, "")
            .unwrap_err()
            .code(),
        "unknown_kpi"
    );
}

#[test]
fn objectives_refuse_unknown_links_and_bad_input() {
    let (_d, mut p) = project();
    let input = |objective_id, source| KpiInput {
        objective_id,
        name: "x".into(),
        unit: String::new(),
        target: 1.0,
        direction: Direction::AtMost,
        source,
    };
    assert_eq!(
        add_kpi(&mut p, &input(42, KpiSource::Manual))
            .unwrap_err()
            .code(),
        "unknown_objective"
    );
    let o = objective(&mut p);
    let bad_service = KpiSource::Measurement {
        measure: Measure::Changes,
        service_id: 999,
    };
    assert_eq!(
        add_kpi(&mut p, &input(o, bad_service)).unwrap_err().code(),
        "unknown_service"
    );
    let empty = ObjectiveInput {
        text: "  ".into(),
        owner: String::new(),
        due: None,
    };
    assert_eq!(
        add_objective(&mut p, &empty).unwrap_err().code(),
        "objective_text_empty"
    );
    assert_eq!(
        update_objective(
            &mut p,
            77,
            &ObjectiveInput {
                text: "x".into(),
                ..empty
            }
        )
        .unwrap_err()
        .code(),
        "unknown_objective"
    );
}

#[test]
fn records_attainment_lists_self_approved_changes_and_major_incidents() {
    let (_d, mut p) = project();
    let a = records::attainment(&p, None, None).unwrap();
    assert_eq!(a.report.months_of_records, 2);
    let ids: Vec<&str> = a
        .self_approved
        .iter()
        .map(|r| r.external_id.as_str())
        .collect();
    assert_eq!(ids, vec!["C1"]);
    assert_eq!(a.self_approved[0].month, "2026-10");
    let majors: Vec<&str> = a
        .major_incidents
        .iter()
        .map(|m| m.record.external_id.as_str())
        .collect();
    assert_eq!(majors, vec!["I3", "I2", "I1"]);
    assert!(a.major_incidents.iter().all(|m| m.review.is_none()));
    let i3 = a.major_incidents[0].record.ticket_id;
    let review = IncidentReview {
        reviewed_on: "2026-10-20".into(),
        note: "Add a disk alert".into(),
    };
    records::set_incident_review(&mut p, i3, Some(&review)).unwrap();
    let a = records::attainment(&p, Some(202610), Some(202610)).unwrap();
    assert_eq!(a.major_incidents.len(), 2);
    assert_eq!(a.major_incidents[0].review.as_ref(), Some(&review));
    let c1 = a.self_approved[0].ticket_id;
    assert_eq!(
        records::set_incident_review(&mut p, c1, Some(&review))
            .unwrap_err()
            .code(),
        "not_major_incident"
    );
    let bad = IncidentReview {
        reviewed_on: "20 Oct".into(),
        note: String::new(),
    };
    assert_eq!(
        records::set_incident_review(&mut p, i3, Some(&bad))
            .unwrap_err()
            .code(),
        "bad_date"
    );
    records::set_incident_review(&mut p, i3, None).unwrap();
    assert!(
        records::attainment(&p, None, None).unwrap().major_incidents[0]
            .review
            .is_none()
    );
}

#[test]
fn objectives_round_trip_through_the_snapshot_tables() {
    let (_d, mut p) = project();
    let o = objective(&mut p);
    let k = score_kpi(&mut p, o, "CSAT");
    record_kpi_value(&mut p, k, "2026-10", 4.1, "").unwrap();
    let snap = export_objectives(p.conn()).unwrap();
    assert_eq!(
        (
            snap.objectives.len(),
            snap.kpis.len(),
            snap.kpi_values.len()
        ),
        (1, 1, 1)
    );
    let dir = TempDir::new().unwrap();
    let fresh = Project::create(&dir.path().join("q.r20k"), "Acme IT", p.clock().clone()).unwrap();
    import_objectives(fresh.conn(), &snap).unwrap();
    assert_eq!(export_objectives(fresh.conn()).unwrap(), snap);
}
