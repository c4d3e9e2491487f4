#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ready20k_domain::clock::FixedClock;
use ready20k_domain::records::{
    BusinessHours, Preset, Priority, PriorityTarget, ServiceLevels, SlaClock,
};
use ready20k_domain::wizard::Service;
use sha2::Digest;
use tempfile::TempDir;

use super::*;
use crate::{Project, wizard};

const NOW: &str = "2026-11-02T12:00:00+00:00";

fn as_of() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

/// A project with two services, London business hours 09:00–17:00 and P1 targets.
fn project() -> (TempDir, Project) {
    let dir = TempDir::new().unwrap();
    let clock = Arc::new(FixedClock(as_of()));
    let mut p = Project::create(&dir.path().join("p.r20k"), "Acme IT", clock).unwrap();
    let c = &mut p;
    for (name, sla) in [
        (
            "Managed Workplace",
            "P1 response 30 min, resolution 4 h; 95% of requests fulfilled within 2 working days",
        ),
        ("Cloud Hosting", "99.9% monthly availability"),
    ] {
        wizard::services::save_service(
            c,
            &Service {
                name: name.into(),
                sla_targets: sla.into(),
                ..Service::default()
            },
        )
        .unwrap();
    }
    set_business_hours(
        c,
        &BusinessHours {
            days: vec![1, 2, 3, 4, 5],
            start: "09:00".into(),
            end: "17:00".into(),
            time_zone: "Europe/London".into(),
        },
    )
    .unwrap();
    (dir, p)
}

const HEADER: &str = "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,change_type,outcome,title\n";

fn opts(preset: Preset, skip: bool) -> ImportOptions {
    ImportOptions {
        preset,
        file_name: "export.csv".into(),
        skip_bad_rows: skip,
        service_map: BTreeMap::new(),
    }
}

fn count(p: &Project, table: &str) -> i64 {
    p.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Imports `text` with `preset` (all-or-nothing unless `skip`) at [`NOW`].
fn import(p: &mut Project, text: &str, preset: Preset, skip: bool) -> Result<ImportOutcome> {
    import_export(p, text.as_bytes(), &opts(preset, skip))
}

/// Previews a Ready20k export of `text` with no service choices.
fn preview_plain(p: &Project, text: &str) -> ready20k_domain::records::ImportPreview {
    preview(
        p.conn(),
        text.as_bytes(),
        Preset::Ready20k,
        &BTreeMap::new(),
    )
    .unwrap()
}

/// Service levels of `service_id` with only a P3 target: response 2 h, resolution 8 h, both
/// in business hours.
fn p3_levels(service_id: i64) -> ServiceLevels {
    ServiceLevels::one_target(
        service_id,
        Priority::P3,
        PriorityTarget::within(120, 480, SlaClock::BusinessHours),
    )
}

#[test]
fn records_reimport_adds_nothing_twice() {
    let (_d, mut p) = project();
    let first = format!(
        "{HEADER}I1,incident,Managed Workplace,P1,2026-10-05T09:12,2026-10-05T09:30,,Ann,,Bob,,,Mail down\n\
         I2,incident,Managed Workplace,P1,2026-10-06T09:12,2026-10-06T09:20,2026-10-06T10:00,Ann,,Bob,,,VPN\n"
    );
    let out = import(&mut p, &first, Preset::Ready20k, false).unwrap();
    assert_eq!((out.added, out.updated, out.unchanged), (2, 0, 0));
    let again = import(&mut p, &first, Preset::Ready20k, false).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    // Overlapping export: I1 now resolved, I2 unchanged, I3 new.
    let overlap = format!(
        "{HEADER}I1,incident,Managed Workplace,P1,2026-10-05T09:12,2026-10-05T09:30,2026-10-05T15:00,Ann,,Bob,,,Mail down\n\
         I2,incident,Managed Workplace,P1,2026-10-06T09:12,2026-10-06T09:20,2026-10-06T10:00,Ann,,Bob,,,VPN\n\
         I3,incident,Cloud Hosting,P2,2026-10-07T09:12,,,Ann,,Bob,,,Disk\n"
    );
    let o = import(&mut p, &overlap, Preset::Ready20k, false).unwrap();
    assert_eq!((o.added, o.updated, o.unchanged), (1, 1, 1));
    assert_eq!(count(&p, "ticket"), 3);
    // Every file is kept with its hash, even an identical one.
    let sources = list_sources(p.conn()).unwrap();
    assert_eq!(sources.len(), 3);
    assert_eq!(sources[0].sha256, sources[1].sha256);
    assert_eq!(sources[2].rows_added, 1);
    let kept: Vec<u8> = p
        .conn()
        .query_row(
            "SELECT bytes FROM record_source WHERE id = ?1",
            [sources[2].id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, overlap.as_bytes());
    let digest: String = sha2::Sha256::digest(overlap.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sources[2].sha256, digest);
    // The same ticket id from another tool is another ticket.
    let jira =
        "Summary,Issue key,Issue Type,Priority,Created\nMail,I1,Incident,High,05/Oct/26 9:12 AM\n";
    let j = import(&mut p, jira, Preset::Jira, false).unwrap();
    assert_eq!(j.added, 1);
    assert_eq!(count(&p, "ticket"), 4);
}

#[test]
fn records_import_leaves_the_check_constraints_on() {
    let (_d, mut p) = project();
    let csv = format!(
        "{HEADER}I1,incident,Managed Workplace,P1,2026-10-05T09:12,2026-10-05T09:30,,Ann,,Bob,,,Mail down\n"
    );
    import(&mut p, &csv, Preset::Ready20k, false).unwrap();
    // The import skips the ticket table's CHECKs for its own typed rows only; afterwards a
    // row that breaks them is refused again.
    let e = p
        .conn()
        .execute(
            "UPDATE ticket SET kind = 'outage', priority = 'P9' WHERE external_id = 'I1'",
            [],
        )
        .unwrap_err();
    assert!(e.to_string().contains("CHECK constraint failed"), "{e}");
    let checks: i64 = p
        .conn()
        .pragma_query_value(None, "ignore_check_constraints", |r| r.get(0))
        .unwrap();
    assert_eq!(checks, 0);
}

#[test]
fn records_all_or_nothing_and_skip_bad_rows() {
    let (_d, mut p) = project();
    let text = format!(
        "{HEADER}I1,incident,Managed Workplace,P1,2026-10-05T09:12,,,Ann,,Bob,,,ok\n\
         I2,incident,Managed Workplace,P7,2026-10-05T09:12,,,Ann,,Bob,,,bad priority\n\
         I3,incident,Managed Workplace,P1,2026-10-05T09:12,,,Ann,,Bob,,,ok\n"
    );
    let journal_before = count(&p, "journal");
    let e = import(&mut p, &text, Preset::Ready20k, false).unwrap_err();
    assert_eq!(e.code(), "rows_rejected");
    assert!(e.to_string().contains("line 3"), "{e}");
    assert_eq!(count(&p, "ticket"), 0);
    assert_eq!(count(&p, "record_source"), 0);
    assert_eq!(count(&p, "journal"), journal_before);
    let ok = import(&mut p, &text, Preset::Ready20k, true).unwrap();
    assert_eq!(ok.added, 2);
    assert_eq!(ok.preview.rejected.len(), 1);
    assert_eq!(ok.preview.rejected[0].line, 3);
    assert_eq!(list_sources(p.conn()).unwrap()[0].rows_rejected, 1);
    // Nothing importable at all.
    let bad = format!("{HEADER}I9,incident,x,P9,2026-10-05T09:12,,,,,,,,\n");
    let e = import(&mut p, &bad, Preset::Ready20k, true).unwrap_err();
    assert_eq!(e.code(), "nothing_to_import");
    let e = import(&mut p, "nonsense\n1\n", Preset::Jira, false).unwrap_err();
    assert_eq!(e.code(), "missing_column");
}

#[test]
fn records_service_choices_are_remembered() {
    let (_d, mut p) = project();
    let text = format!("{HEADER}I1,incident,Desk,P1,2026-10-05T09:12,,,Ann,,Bob,,,x\n");
    let preview_one = preview_plain(&p, &text);
    assert_eq!(preview_one.unmatched_services, vec!["Desk".to_owned()]);
    assert_eq!(preview_one.summary.no_service, 1);
    let workplace = list_service_levels(p.conn()).unwrap()[0].0;
    let mut o = opts(Preset::Ready20k, false);
    o.service_map.insert("Desk".into(), Some(workplace));
    import_export(&mut p, text.as_bytes(), &o).unwrap();
    let again = preview_plain(&p, &text);
    assert!(again.unmatched_services.is_empty());
    assert_eq!(
        again.services[0].service.as_deref(),
        Some("Managed Workplace")
    );
    let mut bad = opts(Preset::Ready20k, false);
    bad.service_map.insert("Desk".into(), Some(999));
    assert_eq!(
        import_export(&mut p, text.as_bytes(), &bad)
            .unwrap_err()
            .code(),
        "unknown_service"
    );
}

#[test]
fn records_levels_round_trip_and_convert_free_text() {
    let (_d, mut p) = project();
    let listed = list_service_levels(p.conn()).unwrap();
    assert_eq!(listed.len(), 2);
    // Never saved: no structure, the free text as the note.
    assert!(listed[0].2.targets.is_empty());
    assert!(listed[0].2.note.starts_with("P1 response 30 min"));
    let id = listed[0].0;
    let parsed = convert_sla_text(&mut p, id).unwrap();
    assert_eq!(parsed.converted.len(), 3);
    let after = &list_service_levels(p.conn()).unwrap()[0].2;
    assert_eq!(after.targets[&Priority::P1].response_min, Some(30));
    assert_eq!(after.targets[&Priority::P1].resolution_min, Some(240));
    assert_eq!(after.request_fulfilment.unwrap().minutes, 960);
    assert_eq!(
        after.note,
        "95% of requests fulfilled within 2 working days"
    );
    let hosting = listed[1].0;
    convert_sla_text(&mut p, hosting).unwrap();
    assert_eq!(
        list_service_levels(p.conn()).unwrap()[1].2.availability_pct,
        Some(99.9)
    );
    // Hand-entered levels replace what was there.
    let mut levels = p3_levels(id);
    save_service_levels(&mut p, &levels).unwrap();
    assert_eq!(list_service_levels(p.conn()).unwrap()[0].2, levels);
    levels.availability_pct = Some(0.0);
    assert_eq!(
        save_service_levels(&mut p, &levels).unwrap_err().code(),
        "invalid_service_levels"
    );
    levels.availability_pct = None;
    levels.service_id = 999;
    assert_eq!(
        save_service_levels(&mut p, &levels).unwrap_err().code(),
        "unknown_service"
    );
    assert_eq!(
        convert_sla_text(&mut p, 999).unwrap_err().code(),
        "unknown_service"
    );
}

#[test]
fn records_report_from_the_store_and_business_hours_change() {
    let (_d, mut p) = project();
    let id = list_service_levels(p.conn()).unwrap()[0].0;
    save_service_levels(&mut p, &p3_levels(id)).unwrap();
    // Friday 16:00 BST -> Monday 09:30 BST: 90 business minutes (met); resolved Monday
    // 16:00: 480 (met). The second is opened 00:30 BST on 1 October (30 September UTC).
    let text = format!(
        "{HEADER}I1,incident,Managed Workplace,P3,2026-10-09T16:00,2026-10-12T09:30,2026-10-12T16:00,Ann,,Bob,,,x\n\
         I2,incident,Managed Workplace,P3,2026-10-01T00:30,2026-10-01T12:00,2026-10-02T12:00,Ann,,Bob,,,y\n\
         C1,change,Managed Workplace,,2026-10-14T10:00,,2026-10-14T12:00,Ann,Bob,Bob,emergency,failed,z\n"
    );
    import(&mut p, &text, Preset::Ready20k, false).unwrap();
    let r = report(p.conn(), as_of(), None, None).unwrap();
    assert_eq!(r.months_of_records, 1);
    let oct = &r.services[0].months[0];
    assert_eq!(oct.month, "2026-10");
    assert_eq!(oct.incidents, 2);
    // I2: response 1 Oct 00:30 -> 12:00 BST: 180 business minutes (missed);
    // resolution 2 Oct 12:00: 480 + 180 = 660 (missed).
    assert_eq!(oct.incidents_response_met_pct, Some(50.0));
    assert_eq!(oct.incidents_resolution_met_pct, Some(50.0));
    assert_eq!(
        (
            oct.changes,
            oct.changes_failed,
            oct.changes_emergency,
            oct.changes_self_approved
        ),
        (1, 1, 1, 1)
    );
    // Moving the firm to UTC moves I2 (23:30 UTC on 30 September) into September.
    set_business_hours(
        &mut p,
        &BusinessHours {
            time_zone: "UTC".into(),
            ..BusinessHours::default()
        },
    )
    .unwrap();
    let r = report(p.conn(), as_of(), None, None).unwrap();
    assert_eq!(r.months_of_records, 2);
    assert_eq!(r.services[0].months[0].month, "2026-09");
    assert_eq!(r.services[0].months[0].incidents, 1);
    // The period filter.
    let r = report(p.conn(), as_of(), Some(202610), Some(202610)).unwrap();
    assert_eq!(r.months_of_records, 1);
    assert_eq!(r.services[0].months.len(), 1);
    assert_eq!(parse_month("2026-13").unwrap_err().code(), "bad_month");
    assert_eq!(
        set_business_hours(
            &mut p,
            &BusinessHours {
                time_zone: "Nowhere/Land".into(),
                ..BusinessHours::default()
            }
        )
        .unwrap_err()
        .code(),
        "unknown_time_zone"
    );
}

/// Migration 0015 rebuilds `ticket` with the report's columns first: every row and every
/// incident review survive it (the review's foreign key cascades on delete), and the review
/// still follows its ticket afterwards.
#[test]
fn records_migration_0015_keeps_tickets_and_reviews() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    crate::migrate::migrate_to(&mut conn, 14).unwrap();
    conn.execute_batch(
        "INSERT INTO record_source (id, source, file_name, size, sha256, bytes, imported_at,
             rows_read, rows_added, rows_updated, rows_rejected)
         VALUES (1, 'ready20k', 'a.csv', 1, printf('%064d', 0), x'00', '2026-10-07T00:00:00Z',
             2, 2, 0, 0);
         INSERT INTO ticket (id, source, external_id, source_file_id, kind, priority, opened,
             resolved, title, month, response_s, response_bs, resolution_s, resolution_bs)
         VALUES (7, 'ready20k', 'I-1', 1, 'incident', 'P1', '2026-10-05T08:00:00Z',
             '2026-10-05T09:00:00Z', 'Mail down', 202610, 3600, 1800, 3600, 1800);
         INSERT INTO ticket (id, source, external_id, source_file_id, kind, opened, approver,
             change_type, outcome, self_approved, month)
         VALUES (9, 'ready20k', 'C-1', 1, 'change', '2026-10-06T08:00:00Z', 'Ann', 'emergency',
             'failed', 1, 202610);
         INSERT INTO major_incident_review (ticket_id, reviewed_on, note, recorded_at)
         VALUES (7, '2026-10-06', 'Lessons', '2026-10-06T10:00:00Z');",
    )
    .unwrap();
    let rows = |conn: &rusqlite::Connection| -> Vec<String> {
        crate::rows::all(
            conn,
            "SELECT json_array(id, source, external_id, source_file_id, kind, service_value,
                 service_id, priority, opened, responded, resolved, requester, approver,
                 implementer, change_type, outcome, title, status, self_approved, month,
                 response_s, response_bs, resolution_s, resolution_bs) FROM ticket ORDER BY id",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = rows(&conn);
    crate::migrate::migrate_to(&mut conn, crate::migrate::LATEST).unwrap();
    assert_eq!(rows(&conn), before);
    let first: Vec<String> = crate::rows::all(
        &conn,
        "SELECT name FROM pragma_table_info('ticket') ORDER BY cid LIMIT 4",
        [],
        |r| r.get(0),
    )
    .unwrap();
    assert_eq!(first, ["id", "service_id", "month", "kind"]);
    let review = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM major_incident_review WHERE ticket_id = 7 AND note = 'Lessons'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(review(&conn), 1);
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    // The unique re-import key is still there.
    assert!(
        conn.execute(
            "INSERT INTO ticket (source, external_id, source_file_id, kind, opened, month)
             VALUES ('ready20k', 'I-1', 1, 'incident', '2026-10-05T08:00:00Z', 202610)",
            [],
        )
        .is_err()
    );
    conn.execute("DELETE FROM ticket WHERE id = 7", []).unwrap();
    assert_eq!(review(&conn), 0);
}

/// The report reads the packed columns of migration 0015: SQLite keeps them in step when a
/// service is removed (its records move to "No service"), and a stored value outside the
/// known codes is refused by name, not counted.
#[test]
fn records_report_reads_the_packed_columns() {
    let (_d, mut p) = project();
    let services = list_service_levels(p.conn()).unwrap();
    let (workplace, hosting) = (services[0].0, services[1].0);
    save_service_levels(&mut p, &p3_levels(workplace)).unwrap();
    let text = format!(
        "{HEADER}I1,incident,Managed Workplace,P3,2026-10-09T16:00,2026-10-12T09:30,2026-10-12T16:00,Ann,,Bob,,,x\n\
         R1,request,Cloud Hosting,P2,2026-10-13T10:00,,,Ann,,Bob,,,y\n\
         C1,change,Cloud Hosting,,2026-10-14T10:00,,2026-10-14T12:00,Ann,Ann,Bob,standard,rolled_back,z\n"
    );
    import(&mut p, &text, Preset::Ready20k, false).unwrap();
    let r = report(p.conn(), as_of(), None, None).unwrap();
    let oct = &r.services[0].months[0];
    assert_eq!(oct.incidents, 1);
    assert_eq!(oct.incidents_response_met_pct, Some(100.0));
    let hosting_oct = &r.services[1].months[0];
    assert_eq!(
        (
            hosting_oct.requests,
            hosting_oct.changes,
            hosting_oct.changes_failed,
            hosting_oct.changes_emergency,
            hosting_oct.changes_self_approved
        ),
        (1, 1, 1, 0, 1)
    );
    wizard::services::delete_service(&mut p, hosting).unwrap();
    let r = report(p.conn(), as_of(), None, None).unwrap();
    let none = r.services.last().unwrap();
    assert_eq!(none.service, ready20k_domain::records::measure::NO_SERVICE);
    assert_eq!((none.months[0].requests, none.months[0].changes), (1, 1));
    p.conn()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE ticket SET kind = 'outage' WHERE external_id = 'I1';
             PRAGMA ignore_check_constraints = OFF;",
        )
        .unwrap();
    let e = report(p.conn(), as_of(), None, None).unwrap_err();
    assert!(e.to_string().contains("outage"), "{e}");
}

/// Read in two halves on two connections, the report counts what one scan counts: the
/// records of both halves, open ones included, and the same months.
#[test]
fn records_report_in_two_halves_equals_one_scan() {
    let (_d, mut p) = project();
    let id = list_service_levels(p.conn()).unwrap()[0].0;
    save_service_levels(&mut p, &p3_levels(id)).unwrap();
    let mut text = HEADER.to_string();
    for i in 0..60 {
        let day = 1 + i % 28;
        let (kind, extra) = match i % 3 {
            0 => ("incident", ",Ann,,Bob,,,x"),
            1 => ("request", ",Ann,,Bob,,,y"),
            _ => ("change", ",Ann,Ann,Bob,emergency,failed,z"),
        };
        let month = if i % 2 == 0 { "09" } else { "10" };
        let resolved = if i % 5 == 0 {
            String::new()
        } else {
            format!("2026-{month}-{day:02}T15:00")
        };
        text.push_str(&format!(
            "T{i},{kind},Managed Workplace,P3,2026-{month}-{day:02}T09:00,,{resolved}{extra}\n"
        ));
    }
    import(&mut p, &text, Preset::Ready20k, false).unwrap();
    let one = report::report_split_from(p.conn(), as_of(), None, None, i64::MAX).unwrap();
    let two = report::report_split_from(p.conn(), as_of(), None, None, 1).unwrap();
    assert_eq!(one, two);
    assert_eq!(one.months_of_records, 2);
    let total: u64 = one.services[0]
        .months
        .iter()
        .map(|m| m.incidents + m.requests + m.changes)
        .sum();
    assert_eq!(total, 60);
    // Within a transaction the report stays on its own connection, and still counts the same.
    p.conn().execute_batch("BEGIN").unwrap();
    let inside = report::report_split_from(p.conn(), as_of(), None, None, 1).unwrap();
    p.conn().execute_batch("COMMIT").unwrap();
    assert_eq!(inside, one);
}
