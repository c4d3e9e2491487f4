//! Each import preset against a sample export written from the tool's documentation (column
//! names, date formats, separators, quoting, BOM, line endings), then measured.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ready20k_domain::records::measure::TicketFacts;
use ready20k_domain::records::{
    BusinessHours, ChangeOutcome, ChangeType, ImportContext, ImportPreview, Preset, Priority,
    PriorityTarget, RecordKind, RejectReason, ServiceLevels, SlaClock, WorkCalendar, measure,
    parse_export,
};

fn calendar() -> WorkCalendar {
    WorkCalendar::new(&BusinessHours {
        days: vec![1, 2, 3, 4, 5],
        start: "09:00".into(),
        end: "17:30".into(),
        time_zone: "Europe/London".into(),
    })
    .unwrap()
}

fn catalogue() -> Vec<(i64, String)> {
    vec![
        (1, "Managed Workplace".into()),
        (2, "Cloud Hosting".into()),
        (3, "Backup and Recovery".into()),
    ]
}

fn load(preset: Preset, file: &str) -> ImportPreview {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records")
        .join(file);
    let bytes = std::fs::read(&path).unwrap();
    let services = catalogue();
    let map = BTreeMap::new();
    parse_export(
        &bytes,
        &ImportContext {
            preset,
            calendar: calendar(),
            services: &services,
            service_map: &map,
        },
    )
    .unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn find<'a>(p: &'a ImportPreview, id: &str) -> &'a ready20k_domain::records::Ticket {
    p.tickets.iter().find(|t| t.external_id == id).unwrap()
}

fn mapped<'a>(list: &'a [ready20k_domain::records::ValueMapping], value: &str) -> (&'a str, u64) {
    let m = list.iter().find(|m| m.value == value).unwrap();
    (m.maps_to.as_str(), m.count)
}

#[test]
fn records_jira_service_management_export() {
    let p = load(Preset::Jira, "jira-jsm.csv");
    let s = &p.summary;
    assert_eq!(
        (s.rows, s.accepted, s.rejected, s.ignored),
        (7, 5, 1, 1),
        "{:?}",
        p.rejected
    );
    assert_eq!(
        (s.incidents, s.requests, s.changes, s.no_service),
        (2, 1, 2, 1)
    );
    // The description of ITSM-101 spans two lines, so ITSM-107 starts on line 9.
    assert_eq!(p.rejected[0].line, 9);
    assert_eq!(p.rejected[0].id, "ITSM-107");
    assert_eq!(
        p.rejected[0].reason,
        RejectReason::BadDate {
            column: "Created".into(),
            value: "yesterday".into()
        }
    );
    let i = find(&p, "ITSM-101");
    assert_eq!(i.kind, RecordKind::Incident);
    assert_eq!(i.priority, Some(Priority::P1));
    assert_eq!(i.service_id, Some(1));
    // 9:12 AM London summer time.
    assert_eq!(i.opened, utc("2026-10-05T08:12:00Z"));
    assert_eq!(i.responded, Some(utc("2026-10-05T08:30:00Z")));
    assert_eq!(i.resolved, Some(utc("2026-10-05T11:30:00Z")));
    assert_eq!(i.requester, "Tom Baker");
    assert_eq!(i.implementer, "Priya Shah");
    let normal = find(&p, "ITSM-103");
    assert_eq!(normal.change_type, Some(ChangeType::Normal));
    assert_eq!(normal.outcome, Some(ChangeOutcome::Success));
    assert_eq!(normal.approver, "Marek Novak; Anna Clarke");
    assert!(normal.self_approved());
    let emergency = find(&p, "ITSM-104");
    assert_eq!(emergency.change_type, Some(ChangeType::Emergency));
    assert_eq!(emergency.outcome, Some(ChangeOutcome::Failed));
    assert!(!emergency.self_approved());
    assert_eq!(find(&p, "ITSM-102").kind, RecordKind::Request);
    assert_eq!(find(&p, "ITSM-102").priority, Some(Priority::P3));
    assert_eq!(find(&p, "ITSM-105").priority, Some(Priority::P4));
    assert_eq!(p.unmatched_services, vec!["Printing".to_owned()]);
    assert_eq!(mapped(&p.kinds, "Problem"), ("ignored", 1));
    assert_eq!(mapped(&p.priorities, "Highest"), ("P1", 2));
    assert_eq!(mapped(&p.statuses, "Waiting for support"), ("open", 1));
    let col = |f: &str| {
        p.columns
            .iter()
            .find(|c| serde_json::to_value(c.field).unwrap() == f)
            .and_then(|c| c.column.clone())
    };
    assert_eq!(col("service").as_deref(), Some("Component/s"));
    assert_eq!(col("opened").as_deref(), Some("Created"));
}

#[test]
fn records_glpi_search_export() {
    let p = load(Preset::Glpi, "glpi-tickets.csv");
    let s = &p.summary;
    assert_eq!(
        (s.rows, s.accepted, s.rejected),
        (5, 4, 1),
        "{:?}",
        p.rejected
    );
    assert_eq!((s.incidents, s.requests, s.no_service), (2, 2, 1));
    // 2042's requester cell spans two lines: 2045 is on line 7.
    assert_eq!(p.rejected[0].line, 7);
    assert_eq!(
        p.rejected[0].reason,
        RejectReason::UnknownPriority {
            value: "Urgent-ish".into()
        }
    );
    let vpn = find(&p, "2041");
    assert_eq!(vpn.priority, Some(Priority::P2));
    assert_eq!(vpn.service_id, Some(1));
    assert_eq!(vpn.requester, "Émilie Durand");
    assert_eq!(vpn.opened, utc("2026-10-06T07:47:00Z"));
    // "Take into account delay" of 25 minutes.
    assert_eq!(vpn.responded, Some(utc("2026-10-06T08:12:00Z")));
    assert_eq!(vpn.resolved, Some(utc("2026-10-06T14:10:00Z")));
    let share = find(&p, "2042");
    assert_eq!(share.kind, RecordKind::Request);
    assert_eq!(share.requester, "Julien Moreau\nClaire Bernard");
    assert_eq!(share.responded, Some(utc("2026-10-08T13:35:00Z")));
    assert_eq!(find(&p, "2043").priority, Some(Priority::P1));
    assert_eq!(find(&p, "2043").service_id, Some(2));
    assert_eq!(p.unmatched_services, vec!["Backups".to_owned()]);
    assert_eq!(mapped(&p.statuses, "Processing (assigned)"), ("open", 1));
}

#[test]
fn records_itop_export() {
    let p = load(Preset::Itop, "itop-tickets.csv");
    let s = &p.summary;
    assert_eq!(
        (s.rows, s.accepted, s.rejected),
        (5, 5, 0),
        "{:?}",
        p.rejected
    );
    assert_eq!(
        (s.incidents, s.requests, s.changes, s.no_service),
        (2, 1, 2, 0)
    );
    let mail = find(&p, "I-000231");
    assert_eq!(mail.priority, Some(Priority::P1));
    assert_eq!(mail.title, "Mail flow stopped for \"accounts@\" mailbox");
    assert_eq!(mail.responded, Some(utc("2026-10-05T08:20:00Z")));
    let upgrade = find(&p, "C-000233");
    assert_eq!(upgrade.change_type, Some(ChangeType::Normal));
    assert_eq!(upgrade.outcome, Some(ChangeOutcome::Success));
    assert!(upgrade.self_approved());
    let media = find(&p, "C-000234");
    assert_eq!(media.change_type, Some(ChangeType::Standard));
    assert_eq!(media.service_id, Some(3));
    assert!(!media.self_approved());
    assert_eq!(find(&p, "R-000232").kind, RecordKind::Request);
    assert_eq!(find(&p, "I-000235").resolved, None);
}

#[test]
fn records_zammad_export() {
    let p = load(Preset::Zammad, "zammad-tickets.csv");
    let s = &p.summary;
    assert_eq!((s.rows, s.accepted, s.rejected), (5, 4, 1));
    assert_eq!(
        (s.incidents, s.requests, s.changes, s.no_service),
        (2, 1, 1, 1)
    );
    assert_eq!(p.rejected[0].line, 6);
    assert_eq!(
        p.rejected[0].reason,
        RejectReason::DuplicateId { first_line: 5 }
    );
    let print = find(&p, "26100031");
    // Zammad writes UTC.
    assert_eq!(print.opened, utc("2026-10-05T08:12:00Z"));
    assert_eq!(print.priority, Some(Priority::P3));
    assert_eq!(p.unmatched_services, vec!["Service Desk".to_owned()]);
    assert_eq!(find(&p, "26100032").priority, Some(Priority::P4));
    assert_eq!(find(&p, "26100033").priority, Some(Priority::P2));
    let change = find(&p, "26100034");
    assert_eq!(change.kind, RecordKind::Change);
    assert_eq!(change.outcome, Some(ChangeOutcome::Success));
}

#[test]
fn records_ready20k_csv_measured_on_both_clocks() {
    let p = load(Preset::Ready20k, "ready20k.csv");
    assert_eq!(p.summary.accepted, 5, "{:?}", p.rejected);
    let mut mw = ServiceLevels {
        service_id: 1,
        ..ServiceLevels::default()
    };
    // P1 on the 24x7 clock, P3 and P4 on business hours (09:00–17:30, 510 min a day).
    mw.targets.insert(
        Priority::P1,
        PriorityTarget {
            response_min: Some(15),
            resolution_min: Some(240),
            clock: SlaClock::TwentyFourSeven,
        },
    );
    mw.targets.insert(
        Priority::P3,
        PriorityTarget {
            response_min: Some(60),
            resolution_min: Some(510),
            clock: SlaClock::BusinessHours,
        },
    );
    mw.targets.insert(
        Priority::P4,
        PriorityTarget {
            response_min: None,
            resolution_min: Some(1020),
            clock: SlaClock::BusinessHours,
        },
    );
    let services = vec![
        (1, "Managed Workplace".to_owned(), mw),
        (2, "Cloud Hosting".to_owned(), ServiceLevels::default()),
        (
            3,
            "Backup and Recovery".to_owned(),
            ServiceLevels::default(),
        ),
    ];
    let cal = calendar();
    let facts: Vec<TicketFacts> = p
        .tickets
        .iter()
        .map(|t| TicketFacts::from_ticket(t, &cal, utc("2026-11-01T00:00:00Z")))
        .collect();
    let r = measure(&facts, &services, None, None);
    assert_eq!(r.months_of_records, 1);
    let oct = &r.services[0].months[0];
    // INC-1 (P1, 24x7): response 18 min > 15 (missed); resolution 3 h 18 min (met).
    // INC-2 (P3, business hours): Friday 16:00 -> Monday 09:30 is 90 + 30 = 120 business
    // minutes to respond (missed, 60) and 90 + 420 = 510 to resolve (met exactly).
    assert_eq!(oct.incidents, 2);
    assert_eq!(oct.incidents_response_met_pct, Some(0.0));
    assert_eq!(oct.incidents_resolution_met_pct, Some(100.0));
    // REQ-1 (P4, business hours): Thursday 10:00 -> Monday 10:00 BST is 450 + 510 + 60 =
    // 1020 (met exactly).
    assert_eq!(oct.requests, 1);
    assert_eq!(oct.requests_fulfilled_met_pct, Some(100.0));
    let hosting = &r.services[1].months[0];
    assert_eq!(
        (
            hosting.changes,
            hosting.changes_failed,
            hosting.changes_emergency,
            hosting.changes_self_approved
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(hosting.incidents_response_met_pct, None);
}
