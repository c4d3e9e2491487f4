use super::*;

fn point(period: &str, value: f64, recorded: &str) -> KpiPoint {
    KpiPoint {
        period: period.into(),
        value,
        recorded_at: Some(recorded.into()),
        note: String::new(),
    }
}

fn month(m: &str, resolution: Option<f64>, incidents: u64) -> MonthMeasures {
    MonthMeasures {
        month: m.into(),
        incidents,
        incidents_response_met_pct: None,
        incidents_resolution_met_pct: resolution,
        requests: 0,
        requests_fulfilled_met_pct: None,
        changes: 0,
        changes_failed: 0,
        changes_emergency: 0,
        changes_self_approved: 0,
    }
}

#[test]
fn objectives_direction_decides_met_and_trend() {
    let pts = vec![point("2026-09", 90.0, "a"), point("2026-10", 96.0, "b")];
    assert_eq!(
        evaluate(Direction::AtLeast, 95.0, &pts),
        (Some(true), Trend::Improving)
    );
    assert_eq!(
        evaluate(Direction::AtMost, 95.0, &pts),
        (Some(false), Trend::Worsening)
    );
    assert_eq!(
        evaluate(Direction::AtLeast, 95.0, &pts[..1]),
        (Some(false), Trend::Unknown)
    );
    assert_eq!(
        evaluate(Direction::AtLeast, 1.0, &[]),
        (None, Trend::Unknown)
    );
    let flat = vec![point("2026-09", 4.0, "a"), point("2026-10", 4.0, "b")];
    assert_eq!(
        evaluate(Direction::AtMost, 4.0, &flat),
        (Some(true), Trend::Steady)
    );
}

#[test]
fn objectives_latest_recorded_value_of_a_period_counts() {
    let values = vec![
        point("2026-10", 3.0, "2026-11-01T09:00:00Z"),
        point("2026-09", 4.0, "2026-11-01T09:01:00Z"),
        point("2026-10", 3.5, "2026-11-02T09:00:00Z"),
    ];
    let out = latest_per_period(values);
    let got: Vec<(&str, f64)> = out.iter().map(|p| (p.period.as_str(), p.value)).collect();
    assert_eq!(got, vec![("2026-09", 4.0), ("2026-10", 3.5)]);
}

#[test]
fn objectives_measured_points_skip_months_without_a_value() {
    let months = vec![
        month("2026-08", None, 0),
        month("2026-09", Some(80.0), 5),
        month("2026-10", Some(100.0), 2),
    ];
    let pts = measured_points(Measure::IncidentsResolutionMetPct, &months);
    assert_eq!(
        pts.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![80.0, 100.0]
    );
    assert!(pts.iter().all(|p| p.recorded_at.is_none()));
    let counts = measured_points(Measure::Incidents, &months);
    assert_eq!(counts.len(), 3);
}

#[test]
fn objectives_inputs_are_checked() {
    let mut o = ObjectiveInput {
        text: " ".into(),
        owner: String::new(),
        due: None,
    };
    assert_eq!(o.validate().unwrap_err().code, "objective_text_empty");
    o.text = "Resolve P1s fast".into();
    o.due = Some("2027-13-01".into());
    assert_eq!(o.validate().unwrap_err().code, "bad_date");
    o.due = Some("2027-03-31".into());
    assert!(o.validate().is_ok());
    assert_eq!(validate_value("2026-1", 1.0).unwrap(), "2026-01");
    assert_eq!(
        validate_value("Oct 2026", 1.0).unwrap_err().code,
        "bad_month"
    );
    assert_eq!(
        validate_value("2026-10", f64::NAN).unwrap_err().code,
        "kpi_value_invalid"
    );
    assert_eq!(validate_value(" 2026-10 ", 4.2).unwrap(), "2026-10");
    for m in Measure::ALL {
        assert_eq!(Measure::parse(m.as_str()), Some(m));
    }
}
