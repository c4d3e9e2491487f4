//! Tests of the calendar: occurrences of every kind, month ends, time zones, statuses, the
//! overview and the iCalendar file (parsed back with the `icalendar` crate's parser).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use icalendar::Component as _;

use super::ics::{IcsHeader, escape_text, fold_line, write_ics};
use super::sources::{
    DutyChoice, DutyPlan, default_anchor, document_series, duty_plans, duty_series,
    evidence_series, supplier_series,
};
use super::*;
use crate::assessment::Evidence;
use crate::content::{DocumentKind, Frequency};
use crate::documents::DocRecord;
use crate::suppliers::{Agreement, SupplierReview};
use crate::test_support::{d, location_evidence};
use crate::wizard::{OtherParty, OtherPartyKind};

fn plan(id: &str, months: u32, anchor: &str) -> DutyPlan {
    let frequency = match months {
        0 => Frequency::Weekly,
        1 => Frequency::Monthly,
        3 => Frequency::Quarterly,
        6 => Frequency::HalfYearly,
        _ => Frequency::Yearly,
    };
    DutyPlan {
        id: id.into(),
        title: format!("Do {id}"),
        clause: "8.7.1".into(),
        owner: "Ann Lee".into(),
        frequency,
        anchor: d(anchor),
    }
}

fn dues(occ: &[Occurrence]) -> Vec<String> {
    occ.iter().map(|o| o.due.to_string()).collect()
}

#[test]
fn a_monthly_duty_on_the_31st_falls_on_the_last_day_of_shorter_months() {
    let series = duty_series(&[plan("DUTY-BACKUP-CHECK", 1, "2027-01-31")]);
    let w = Window::months(d("2027-01-01"), 6).unwrap();
    let occ = occurrences(&series, &[], w, d("2027-01-01"));
    assert_eq!(
        dues(&occ),
        [
            "2027-01-31",
            "2027-02-28",
            "2027-03-31",
            "2027-04-30",
            "2027-05-31",
            "2027-06-30"
        ]
    );
    // A leap year gets the 29th.
    let series = duty_series(&[plan("DUTY-X", 1, "2028-01-31")]);
    let occ = occurrences(
        &series,
        &[],
        Window::months(d("2028-02-01"), 1).unwrap(),
        d("2028-01-15"),
    );
    assert_eq!(dues(&occ), ["2028-02-29"]);
}

#[test]
fn quarterly_and_yearly_duties_recur_from_their_anchor_only() {
    let series = duty_series(&[
        plan("DUTY-RESTORE-TEST", 3, "2027-02-15"),
        plan("DUTY-MGMT-REVIEW", 12, "2027-11-30"),
    ]);
    let w = Window::months(d("2027-01-01"), 24).unwrap();
    let occ = occurrences(&series, &[], w, d("2027-01-01"));
    let restore: Vec<_> = occ
        .iter()
        .filter(|o| o.duty_id == "DUTY-RESTORE-TEST")
        .map(|o| o.due.to_string())
        .collect();
    assert_eq!(
        restore,
        [
            "2027-02-15",
            "2027-05-15",
            "2027-08-15",
            "2027-11-15",
            "2028-02-15",
            "2028-05-15",
            "2028-08-15",
            "2028-11-15"
        ]
    );
    let review: Vec<_> = occ
        .iter()
        .filter(|o| o.duty_id == "DUTY-MGMT-REVIEW")
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(
        review,
        ["DUTY-MGMT-REVIEW@2027-11-30", "DUTY-MGMT-REVIEW@2028-11-30"]
    );
    // Sorted by date then id.
    assert!(occ.windows(2).all(|p| p[0].due <= p[1].due));
}

#[test]
fn status_is_done_only_with_a_record_else_overdue_after_the_date() {
    let series = duty_series(&[plan("DUTY-ACCESS-REVIEW", 1, "2027-01-10")]);
    let done = CompletionRef {
        occurrence_id: "DUTY-ACCESS-REVIEW@2027-02-10".into(),
        done_on: d("2027-02-09"),
        record: "Evidence 4".into(),
    };
    let today = d("2027-03-20");
    let w = Window::months(d("2027-03-01"), 2).unwrap();
    let occ = occurrences(&series, &[done], w, today);
    let got: Vec<_> = occ
        .iter()
        .map(|o| (o.due.to_string(), o.status.as_str()))
        .collect();
    // January was missed and is still shown (overdue before the window); February is done and
    // before the window, so not shown; March has passed; April is due.
    assert_eq!(
        got,
        [
            ("2027-01-10".to_owned(), "overdue"),
            ("2027-03-10".to_owned(), "overdue"),
            ("2027-04-10".to_owned(), "due"),
        ]
    );
    // Due on the day itself is not overdue.
    assert_eq!(
        status_of(d("2027-03-20"), false, today),
        OccurrenceStatus::Due
    );
    assert_eq!(
        status_of(d("2027-03-19"), false, today),
        OccurrenceStatus::Overdue
    );
    assert_eq!(
        status_of(d("2027-03-19"), true, today),
        OccurrenceStatus::Done
    );
}

#[test]
fn today_is_the_firms_local_date() {
    // 23:30 UTC on 31 March is already 1 April in Berlin, still 31 March in New York.
    let now = Utc.with_ymd_and_hms(2027, 3, 31, 23, 30, 0).unwrap();
    assert_eq!(today_in(now, "Europe/Berlin").unwrap(), d("2027-04-01"));
    assert_eq!(today_in(now, "America/New_York").unwrap(), d("2027-03-31"));
    assert_eq!(today_in(now, "UTC").unwrap(), d("2027-03-31"));
    assert_eq!(
        today_in(now, "Mars/Olympus").unwrap_err().code(),
        "unknown_time_zone"
    );
    // A duty due on 31 March is overdue in Berlin at that instant, due in New York.
    let series = duty_series(&[plan("DUTY-X", 12, "2027-03-31")]);
    let w = Window::months(d("2027-03-01"), 1).unwrap();
    let berlin = occurrences(&series, &[], w, today_in(now, "Europe/Berlin").unwrap());
    let ny = occurrences(&series, &[], w, today_in(now, "America/New_York").unwrap());
    assert_eq!(berlin[0].status, OccurrenceStatus::Overdue);
    assert_eq!(ny[0].status, OccurrenceStatus::Due);
}

fn doc(key: &str, next: Option<&str>, months: u32) -> DocRecord {
    DocRecord {
        id: 1,
        key: key.into(),
        title: "Service management policy".into(),
        kind: DocumentKind::Document,
        clause: "5.2".into(),
        template_id: None,
        owner_role: "ROLE-SMS-OWNER".into(),
        approver_role: "ROLE-TOP".into(),
        review_months: months,
        next_review_date: next.map(str::to_owned),
    }
}

#[test]
fn document_reviews_follow_the_next_review_date_and_move_on_reapproval() {
    let owner = |role: &str| format!("holder of {role}");
    let before = document_series(&[doc("DOC-POLICY", Some("2027-03-01"), 12)], &owner);
    let w = Window::months(d("2027-01-01"), 24).unwrap();
    let occ = occurrences(&before, &[], w, d("2027-01-01"));
    assert_eq!(
        occ.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        [
            "doc-review:DOC-POLICY@2027-03-01",
            "doc-review:DOC-POLICY@2028-03-01"
        ]
    );
    assert_eq!(occ[0].kind, OccurrenceKind::DocumentReview);
    assert_eq!(occ[0].owner, "holder of ROLE-SMS-OWNER");
    assert_eq!(occ[0].clause, "5.2");
    // Re-approved on 2027-02-20: the store sets the next review to approval + 12 months.
    let after = document_series(&[doc("DOC-POLICY", Some("2028-02-20"), 12)], &owner);
    let occ = occurrences(&after, &[], w, d("2027-02-20"));
    assert_eq!(dues(&occ), ["2028-02-20"]);
    // Not yet approved: no review date, no occurrence.
    assert!(document_series(&[doc("DOC-NEW", None, 12)], &owner).is_empty());
}

fn evidence(id: i64, review: Option<&str>, expires: Option<&str>) -> Evidence {
    Evidence {
        expires_on: expires.map(str::to_owned),
        review_on: review.map(str::to_owned),
        ..location_evidence(
            id,
            "Backup restore report",
            "SharePoint",
            "2026-12-01T09:00:00Z",
            &[],
        )
    }
}

#[test]
fn evidence_review_and_expiry_dates_are_one_off_occurrences() {
    let series = evidence_series(
        &[
            evidence(7, Some("2027-02-01"), Some("2027-06-30")),
            evidence(8, None, None),
        ],
        None,
        "Ann Lee",
    );
    assert_eq!(series.len(), 2);
    let occ = occurrences(
        &series,
        &[],
        Window::months(d("2027-01-01"), 12).unwrap(),
        d("2027-01-01"),
    );
    let got: Vec<_> = occ.iter().map(|o| (o.id.as_str(), o.kind)).collect();
    assert_eq!(
        got,
        [
            (
                "evidence-review:7@2027-02-01",
                OccurrenceKind::EvidenceReview
            ),
            (
                "evidence-expiry:7@2027-06-30",
                OccurrenceKind::EvidenceExpiry
            ),
        ]
    );
    assert_eq!(occ[0].clause, "7.5");
}

fn party(id: i64, name: &str) -> OtherParty {
    OtherParty {
        id,
        name: name.into(),
        kind: OtherPartyKind::ExternalSupplier,
        provides: "Hosting".into(),
        services: Vec::new(),
        processes: Vec::new(),
    }
}

#[test]
fn supplier_reviews_are_done_with_the_review_and_the_next_one_follows_it() {
    let parties = [party(3, "CloudCo"), party(4, "NoAgreement Ltd")];
    let agreements = [Agreement {
        id: 9,
        party_id: 3,
        contract_ref: "CC-2026-01".into(),
        start_on: Some("2026-01-15".into()),
        end_on: Some("2028-01-14".into()),
        notice_on: Some("2027-10-15".into()),
        review_months: 6,
        ..Agreement::default()
    }];
    let reviews = [SupplierReview {
        id: 2,
        party_id: 3,
        reviewed_on: "2026-12-01".into(),
        rating: 4,
        ..SupplierReview::default()
    }];
    let today = d("2026-12-10");
    let (series, done) = supplier_series(&parties, &agreements, &reviews, "Bob", today);
    let occ = occurrences(
        &series,
        &done,
        Window::months(d("2026-12-01"), 13).unwrap(),
        today,
    );
    let got: Vec<_> = occ
        .iter()
        .map(|o| (o.id.as_str(), o.status.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("supplier-review:3@2026-12-01", "done"),
            ("supplier-review:3@2027-06-01", "due"),
            ("notice:9@2027-10-15", "due"),
            ("supplier-review:3@2027-12-01", "due"),
        ]
    );
    assert_eq!(
        occ[0].completion.as_ref().unwrap().record,
        "Supplier review 2"
    );
    assert!(occ[2].title.contains("CC-2026-01"));
    assert_eq!(occ[2].kind, OccurrenceKind::ContractNotice);
}

#[test]
fn occurrence_ids_are_stable_across_runs() {
    let series = duty_series(&[
        plan("DUTY-A", 1, "2027-01-05"),
        plan("DUTY-B", 3, "2027-01-05"),
    ]);
    let w = Window::months(d("2027-01-01"), 12).unwrap();
    let a = occurrences(&series, &[], w, d("2027-01-01"));
    let b = occurrences(&series, &[], w, d("2027-01-01"));
    assert_eq!(a, b);
    let mut ids: Vec<_> = a.iter().map(|o| o.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), a.len(), "ids are unique");
}

#[test]
fn window_is_checked() {
    assert_eq!(
        Window::months(d("2027-01-01"), 0).unwrap_err().code(),
        "bad_calendar_window"
    );
    assert!(Window::months(d("2027-01-01"), MAX_WINDOW_MONTHS + 1).is_err());
    let w = Window::months(d("2027-01-31"), 1).unwrap();
    assert_eq!(w.until, d("2027-02-28"));
}

#[test]
fn overview_counts_this_month_next_month_and_overdue() {
    let series = duty_series(&[
        plan("DUTY-M", 1, "2027-01-05"),
        plan("DUTY-Q", 3, "2027-03-25"),
    ]);
    let done = CompletionRef {
        occurrence_id: "DUTY-M@2027-02-05".into(),
        done_on: d("2027-02-05"),
        record: "note".into(),
    };
    let today = d("2027-03-10");
    let occ = occurrences(
        &series,
        &[done],
        Window::months(d("2027-03-01"), 12).unwrap(),
        today,
    );
    // Overdue: M Jan, M Mar (5th). This month: Q Mar 25. Next month: M Apr 5.
    assert_eq!(
        overview(&occ, today),
        CalendarOverview {
            this_month: 1,
            next_month: 1,
            overdue: 2,
        }
    );
}

#[test]
fn text_is_escaped_and_lines_are_folded_at_75_octets() {
    assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    let mut out = String::new();
    let long = format!("SUMMARY:{}", "é".repeat(60));
    fold_line(&long, &mut out);
    for l in out.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(l.len() <= 75, "{} octets: {l}", l.len());
    }
    assert_eq!(out.replace("\r\n ", "").trim_end(), long);
}

#[test]
fn ics_parses_with_a_real_icalendar_parser() {
    let mut series = duty_series(&[plan("DUTY-RESTORE-TEST", 3, "2027-01-31")]);
    series[0].title = "Restore test, quarterly; check backups\\restore \"all\" — øæå".repeat(2);
    series[0].owner = "Ann Lee, Bob Ng".into();
    let done = CompletionRef {
        occurrence_id: "DUTY-RESTORE-TEST@2027-01-31".into(),
        done_on: d("2027-01-30"),
        record: "Evidence 3".into(),
    };
    let today = d("2027-02-15");
    let occ = occurrences(
        &series,
        &[done],
        Window::months(d("2027-01-01"), 12).unwrap(),
        today,
    );
    let header = IcsHeader {
        name: "Northwind SMS duties".into(),
        uid_domain: "p20261201t090000z.ready20k".into(),
        stamp: Utc.with_ymd_and_hms(2027, 2, 15, 8, 30, 0).unwrap(),
    };
    let ics = write_ics(&header, &occ);
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets", line.len());
    }
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");

    // Raw parse: structure and property parameters.
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), occ.len());
    let start = events[0].find_prop("DTSTART").unwrap();
    assert_eq!(start.val.as_str(), "20270131");
    assert!(
        start
            .params
            .iter()
            .any(|p| p.key == "VALUE" && p.val.as_ref().map(|v| v.as_str()) == Some("DATE"))
    );
    assert_eq!(
        events[0].find_prop("DTSTAMP").unwrap().val.as_str(),
        "20270215T083000Z"
    );
    assert_eq!(events[0].components.len(), 0, "a done duty has no alarm");
    assert_eq!(events[1].components[0].name, "VALARM");

    // Typed parse: unescaped text, UIDs, dates.
    let typed: icalendar::Calendar = ics.parse().unwrap();
    let parsed: Vec<_> = typed.events().collect();
    assert_eq!(parsed.len(), occ.len());
    for (e, o) in parsed.iter().zip(&occ) {
        assert_eq!(e.get_summary(), Some(o.title.as_str()));
        assert_eq!(
            e.get_uid().map(str::to_owned),
            Some(format!("{}@p20261201t090000z.ready20k", o.id))
        );
        assert_eq!(e.get_start(), Some(icalendar::DatePerhapsTime::Date(o.due)));
    }
    assert!(
        parsed[0]
            .get_description()
            .unwrap()
            .contains("Owner: Ann Lee, Bob Ng. Status: done.\nDone on 2027-01-30")
    );
    assert_eq!(typed.get_name(), Some("Northwind SMS duties"));

    // Same data, same clock: the same bytes.
    assert_eq!(write_ics(&header, &occ), ics);
}

#[test]
fn weekly_duties_step_seven_days_and_series_know_their_dates() {
    let series = duty_series(&[plan("DUTY-W", 0, "2027-02-24")]);
    let occ = occurrences(
        &series,
        &[],
        Window::months(d("2027-02-01"), 1).unwrap(),
        d("2027-02-01"),
    );
    assert_eq!(dues(&occ), ["2027-02-24"]);
    let occ = occurrences(
        &series,
        &[],
        Window::months(d("2027-03-01"), 1).unwrap(),
        d("2027-02-01"),
    );
    assert_eq!(
        dues(&occ),
        [
            "2027-03-03",
            "2027-03-10",
            "2027-03-17",
            "2027-03-24",
            "2027-03-31"
        ]
    );
    assert!(series[0].falls_on(d("2027-03-10")));
    assert!(!series[0].falls_on(d("2027-03-11")));
    assert!(
        !series[0].falls_on(d("2027-02-17")),
        "nothing before the anchor"
    );
    let monthly = duty_series(&[plan("DUTY-M", 1, "2027-01-31")]);
    assert!(monthly[0].falls_on(d("2027-02-28")));
    assert!(monthly[0].falls_on(d("2027-03-31")));
    assert!(!monthly[0].falls_on(d("2027-03-28")));
}

#[test]
fn every_duty_of_the_duty_list_is_planned_for_the_firms_size() {
    let lib = crate::content::try_library().unwrap();
    assert!(!lib.duties.is_empty(), "the duty list is loaded");
    let owner = |role: &str| format!("holder of {role}");
    let start = d("2027-01-15");
    let micro = duty_plans(&lib.duties, 4, start, &[], &owner);
    assert_eq!(micro.len(), lib.duties.len());
    for (p, duty) in micro.iter().zip(&lib.duties) {
        assert_eq!(p.frequency, duty.frequency.micro, "{}", duty.id);
        assert_eq!(p.owner, format!("holder of {}", duty.owner_role));
        assert_eq!(Some(&p.clause), duty.clauses.first());
        assert_eq!(p.anchor, default_anchor(start, p.frequency));
        assert!(p.anchor > start);
    }
    let medium = duty_plans(&lib.duties, 30, start, &[], &owner);
    for (p, duty) in medium.iter().zip(&lib.duties) {
        assert_eq!(p.frequency, duty.frequency.medium, "{}", duty.id);
    }
    // A year and a day of the calendar has every duty at least once.
    let series = duty_series(&micro);
    let occ = occurrences(&series, &[], Window::months(start, 13).unwrap(), start);
    for duty in &lib.duties {
        assert!(
            occ.iter().any(|o| o.duty_id == duty.id),
            "{} has no occurrence in a year",
            duty.id
        );
    }

    // Choices: another anchor, frequency and owner; a duty switched off.
    let first = &lib.duties[0];
    let second = &lib.duties[1];
    let choices = [
        DutyChoice {
            duty_id: first.id.clone(),
            anchor: Some(d("2027-03-31")),
            frequency: Some(Frequency::Monthly),
            owner: Some("Ann Lee".into()),
            active: true,
        },
        DutyChoice {
            duty_id: second.id.clone(),
            active: false,
            ..DutyChoice::default()
        },
    ];
    let chosen = duty_plans(&lib.duties, 4, start, &choices, &owner);
    assert_eq!(chosen.len(), lib.duties.len() - 1);
    assert_eq!(chosen[0].anchor, d("2027-03-31"));
    assert_eq!(chosen[0].frequency, Frequency::Monthly);
    assert_eq!(chosen[0].owner, "Ann Lee");
    assert!(chosen.iter().all(|p| p.id != second.id));
}

#[test]
fn default_anchor_is_one_interval_after_the_start() {
    let start = d("2027-01-31");
    assert_eq!(default_anchor(start, Frequency::Weekly), d("2027-02-07"));
    assert_eq!(default_anchor(start, Frequency::Monthly), d("2027-02-28"));
    assert_eq!(default_anchor(start, Frequency::Quarterly), d("2027-04-30"));
    assert_eq!(
        default_anchor(start, Frequency::HalfYearly),
        d("2027-07-31")
    );
    assert_eq!(default_anchor(start, Frequency::Yearly), d("2028-01-31"));
}

#[test]
fn overdue_occurrences_become_findings_for_their_clause() {
    let series = duty_series(&[plan("DUTY-ACCESS-REVIEW", 1, "2027-01-10")]);
    let done = CompletionRef {
        occurrence_id: "DUTY-ACCESS-REVIEW@2027-01-10".into(),
        done_on: d("2027-01-10"),
        record: "Evidence 1".into(),
    };
    let occ = occurrences(
        &series,
        &[done],
        Window::months(d("2027-01-01"), 3).unwrap(),
        d("2027-03-01"),
    );
    let f = findings(&occ);
    assert_eq!(f.len(), 1, "January is done, March is not overdue yet");
    assert_eq!(f[0].occurrence_id, "DUTY-ACCESS-REVIEW@2027-02-10");
    assert_eq!(f[0].clause, "8.7.1");
    assert!(f[0].message.contains("2027-02-10") && f[0].message.contains("Ann Lee"));
}
