//! Unit tests of the CSV export reader.

use super::*;
use crate::records::BusinessHours;

fn calendar() -> WorkCalendar {
    WorkCalendar::new(&BusinessHours {
        time_zone: "Europe/London".into(),
        ..BusinessHours::default()
    })
    .unwrap()
}

fn preview(preset: Preset, text: &str) -> Result<ImportPreview, ImportError> {
    let services = vec![
        (1, "Managed Workplace".to_owned()),
        (2, "Cloud Hosting".to_owned()),
    ];
    let map = BTreeMap::new();
    parse_export(
        text.as_bytes(),
        &ImportContext {
            preset,
            calendar: calendar(),
            services: &services,
            service_map: &map,
        },
    )
}

const HEADER: &str = "id,kind,service,priority,opened,responded,resolved,requester,approver,implementer,change_type,outcome,title\n";

#[test]
fn records_import_every_reject_reason() {
    let body = "\
,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,no id
A1,problem,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,bad kind
A2,incident,Managed Workplace,P9,2026-10-05T09:12,,,,,,,,bad priority
A3,incident,Managed Workplace,P1,,,,,,,,,no opened
A4,incident,Managed Workplace,P1,yesterday,,,,,,,,bad date
A5,incident,Managed Workplace,P1,2026-10-05T09:12,2026-10-05T09:00,,,,,,,early response
A6,incident,Managed Workplace,P1,2026-10-05T09:12,,2026-10-04T09:00,,,,,,early resolve
A7,change,Managed Workplace,P3,2026-10-05T09:12,,,,,,urgent,,bad change type
A8,change,Managed Workplace,P3,2026-10-05T09:12,,,,,,normal,meh,bad outcome
A9,incident,Managed Workplace,P1,2026-10-05T09:12
A10,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,good
A10,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,again
";
    let mut text = format!("{HEADER}{body}");
    text.push_str("A11,incident,Managed Workplace,P1,2026-10-05T09:12,,,,,,,,caf\u{e9}\n");
    let mut bytes = text.into_bytes();
    // Break the UTF-8 of the last row's é.
    let n = bytes.len();
    bytes[n - 3] = 0xFF;
    let services = vec![(1, "Managed Workplace".to_owned())];
    let map = BTreeMap::new();
    let p = parse_export(
        &bytes,
        &ImportContext {
            preset: Preset::Ready20k,
            calendar: calendar(),
            services: &services,
            service_map: &map,
        },
    )
    .unwrap();
    let codes: Vec<(u64, &str)> = p
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.code()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (2, "missing_id"),
            (3, "unknown_kind"),
            (4, "unknown_priority"),
            (5, "missing_opened"),
            (6, "bad_date"),
            (7, "responded_before_opened"),
            (8, "resolved_before_opened"),
            (9, "unknown_change_type"),
            (10, "unknown_outcome"),
            (11, "wrong_field_count"),
            (13, "duplicate_id"),
            (14, "not_utf8"),
        ]
    );
    assert_eq!(
        p.rejected[10].reason,
        RejectReason::DuplicateId { first_line: 12 }
    );
    assert_eq!(p.summary.accepted, 1);
    assert_eq!(p.summary.rows, 13);
    for r in &p.rejected {
        assert!(!r.reason.message().is_empty());
    }
}

#[test]
fn records_import_ready20k_times_and_services() {
    let text = format!(
        "\u{feff}{HEADER}\
I1,incident,managed workplace,P1,2026-10-05T09:12,2026-10-05T09:30,2026-10-05T11:00+01:00,Ann,,Bob,,,Mail down
C1,change,Cloud Hosting,P3,2026-10-05T09:12Z,,2026-10-05T10:00:00Z,Ann,Ann,Bob,emergency,rolled_back,Patch
R1,request,Payroll,P4,2026-10-05 09:12,,,Ann,,,,,\"New laptop, 14\"\"\"\n"
    );
    let p = preview(Preset::Ready20k, &text).unwrap();
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    let t = &p.tickets;
    // Local London time in October is BST (UTC+1).
    assert_eq!(t[0].opened.to_rfc3339(), "2026-10-05T08:12:00+00:00");
    assert_eq!(
        t[0].resolved.unwrap().to_rfc3339(),
        "2026-10-05T10:00:00+00:00"
    );
    assert_eq!(t[0].service_id, Some(1));
    assert_eq!(t[1].opened.to_rfc3339(), "2026-10-05T09:12:00+00:00");
    assert!(t[1].self_approved());
    assert_eq!(t[1].outcome, Some(ChangeOutcome::RolledBack));
    assert_eq!(t[2].service_id, None);
    assert_eq!(t[2].title, "New laptop, 14\"");
    assert_eq!(p.unmatched_services, vec!["Payroll".to_owned()]);
    assert_eq!(p.summary.no_service, 1);
}

#[test]
fn records_import_whole_file_errors() {
    assert_eq!(preview(Preset::Jira, "").unwrap_err().code(), "empty_file");
    let e = preview(Preset::Jira, "Summary,Status\nx,Open\n").unwrap_err();
    assert_eq!(e.code(), "missing_column");
    assert!(e.to_string().contains("Issue key"));
}

#[test]
fn records_import_delays_and_matching() {
    assert_eq!(parse_delay("1 hours 5 minutes"), Some(3900));
    assert_eq!(parse_delay("2 days"), Some(172_800));
    assert_eq!(parse_delay("00:20:00"), Some(1200));
    assert_eq!(parse_delay("soon"), None);
    let s = vec![(1, "Managed Workplace".to_owned())];
    assert_eq!(match_service("Managed Workplace > Email", &s), Some(1));
    assert_eq!(match_service("MW", &s), None);
    assert_eq!(match_service("", &s), None);
}

#[test]
fn records_import_fast_iso_path_reads_what_the_general_path_reads() {
    for v in [
        "2026-10-05T09:12+01:00",
        "2026-10-05T09:12:30+01:00",
        "2026-10-05 09:12:30-05:30",
        "2026-10-05 09:12+0100",
        "2026-10-05T09:12Z",
        "2026-10-05T09:12:07Z",
        "2026-10-05 09:12 UTC",
        "2026-03-29T01:30+00:00",
        "2024-02-29T23:59:59-00:00",
    ] {
        let fast = values::absolute_iso(v);
        assert!(fast.is_some(), "{v}");
        assert_eq!(fast, values::absolute_general(v), "{v}");
    }
    for v in [
        "2026-10-05T09:12",
        "2026-10-05T09:12:30.5Z",
        "2026-02-30T09:12Z",
        "2026-10-05T24:00Z",
        "2026-10-05T09:12+24:00",
        "2026-10-05T09:12+1",
        "05/Oct/26 9:12 AM",
        "2026-1x-05T09:12Z",
    ] {
        assert_eq!(values::absolute_iso(v), None, "{v}");
    }
}
