//! Input lines read from the other modules' own views: audit results (9.2) and objectives
//! with their KPIs (6.2, 9.1).

use crate::audits::{Audit, AuditLine, AuditRecords, AuditStatus, LineResult};
use crate::objectives::{ObjectivesView, Trend};

fn count(lines: &[&AuditLine], r: LineResult) -> usize {
    lines.iter().filter(|l| l.result == r).count()
}

/// One line per audit performed since `since` (all when `None`) with its findings and the
/// state of its report, then one per audit still planned; `None` when the project records no
/// audit at all.
pub fn audit_lines(records: &AuditRecords, since: Option<&str>) -> Option<Vec<String>> {
    if records.audits.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for a in &records.audits {
        let lines: Vec<&AuditLine> = records
            .lines
            .iter()
            .filter(|l| l.audit_id == a.id)
            .collect();
        let report = records.reports.iter().find(|r| r.audit_id == a.id);
        let Some(done) = a.performed_on.as_deref() else {
            continue;
        };
        if since.is_some_and(|s| done <= s) {
            continue;
        }
        let report = match report {
            Some(r) if r.approved_at.is_some() => "report approved",
            Some(_) => "report issued, not yet approved",
            None if a.status == AuditStatus::Reported => "reported",
            None => "no report yet",
        };
        out.push(format!(
            "{} (clauses {}), performed {done}: {} conformities, {} major and {} minor \
             nonconformities, {} opportunities for improvement, {} lines not checked; {report}",
            a.title,
            a.clauses.join(", "),
            count(&lines, LineResult::Conformity),
            count(&lines, LineResult::MajorNc),
            count(&lines, LineResult::MinorNc),
            count(&lines, LineResult::Ofi),
            count(&lines, LineResult::NotChecked),
        ));
    }
    let planned: Vec<&Audit> = records
        .audits
        .iter()
        .filter(|a| a.performed_on.is_none())
        .collect();
    if out.is_empty() {
        out.push("No audit performed in the period".to_owned());
    }
    if let Some(next) = planned
        .iter()
        .min_by(|a, b| a.planned_on.cmp(&b.planned_on))
    {
        out.push(format!(
            "{} audits of the programme still to do; next: {} on {}",
            planned.len(),
            next.title,
            next.planned_on
        ));
    }
    Some(out)
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// One line per objective and per KPI with its latest value against the target.
pub fn kpi_lines(view: &ObjectivesView) -> Vec<String> {
    let mut out = Vec::new();
    for o in &view.objectives {
        out.push(format!(
            "Objective: {} (owner {}): {}",
            o.objective.text,
            if o.objective.owner.trim().is_empty() {
                "not set"
            } else {
                o.objective.owner.trim()
            },
            if o.on_track {
                "on track"
            } else {
                "not on track"
            }
        ));
        for k in &o.kpis {
            let latest = match k.points.last() {
                Some(p) => format!("{} {} in {}", number(p.value), k.kpi.unit, p.period),
                None => "no value yet".to_owned(),
            };
            let met = match k.met {
                Some(true) => "target met",
                Some(false) => "target missed",
                None => "not measured",
            };
            let trend = match k.trend {
                Trend::Unknown => "",
                Trend::Improving => ", improving",
                Trend::Steady => ", steady",
                Trend::Worsening => ", worsening",
            };
            out.push(format!(
                "KPI {}: {latest} (target {} {}): {met}{trend}",
                k.kpi.name,
                number(k.kpi.target),
                k.kpi.unit
            ));
        }
    }
    out
}
