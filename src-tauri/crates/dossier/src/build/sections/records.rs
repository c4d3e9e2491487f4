//! Operating records (8.3.3, 8.5.1, 8.6, 9.1): where the records come from (files kept with
//! their SHA-256), SLA attainment per service and month with its trend, the changes of note
//! (self-approved flagged, failed, emergency), the major incidents and the monthly service
//! reports issued.

use ready20k_domain::records::Priority;
use ready20k_domain::snapshot::{IncidentReviewSnap, ServiceReportSnap, TicketSnap};

use crate::build::facts::Facts;
use crate::build::operating::{
    Operating, measure_snapshot, month_of, months_back, months_table, service_name, targets_table,
    trend_chart,
};
use crate::build::table::rows;
use crate::build::util::{clip, note, opt_date, or_dash, p, plural, sec, warning};
use crate::model::{Block, Cell, KeyValue, Run, Section, Tone};

/// Months of records the dossier shows, ending with the dossier's month.
const MONTHS: u32 = 12;

/// Whether the change is worth an auditor's look: self-approved, failed or an emergency.
fn of_note(t: &TicketSnap) -> bool {
    t.kind == "change"
        && (t.self_approved
            || matches!(t.outcome.as_deref(), Some("failed" | "rolled_back"))
            || t.change_type.as_deref() == Some("emergency"))
}

fn change_flags(t: &TicketSnap) -> Cell {
    let mut runs = Vec::new();
    if t.self_approved {
        runs.push(Run::bold("Self-approved"));
    }
    match t.outcome.as_deref() {
        Some("failed") => runs.push(Run::plain("Failed")),
        Some("rolled_back") => runs.push(Run::plain("Rolled back")),
        _ => {}
    }
    if t.change_type.as_deref() == Some("emergency") {
        runs.push(Run::plain("Emergency"));
    }
    let mut out = Vec::new();
    for (i, r) in runs.into_iter().enumerate() {
        if i > 0 {
            out.push(Run::plain(", "));
        }
        out.push(r);
    }
    let tone = if t.self_approved {
        Tone::Bad
    } else {
        Tone::Warn
    };
    Cell::runs(out).with_tone(tone)
}

/// The changes of note (newest first) as a table.
pub(crate) fn changes_table(
    op: &Operating<'_>,
    changes: Vec<&TicketSnap>,
    caption: String,
) -> Block {
    rows(changes)
        .col("Change", 1.6, |t| {
            Cell::runs(vec![
                Run::mono(format!("{} ", t.external_id)),
                Run::plain(clip(t.title.trim(), 80)),
            ])
        })
        .col("Service", 1.1, |t| {
            Cell::text(service_name(&op.services, t.service_id))
        })
        .col("Opened", 0.9, |t| Cell::text(opt_date(Some(&t.opened))))
        .col("Requester", 0.95, |t| Cell::text(or_dash(&t.requester)))
        .col("Approver", 0.95, |t| Cell::text(or_dash(&t.approver)))
        .col("Implementer", 1.1, |t| Cell::text(or_dash(&t.implementer)))
        .col("Why listed", 1.4, |t| change_flags(t))
        .compact()
        .caption(caption)
}

/// The major incidents (P1) as a table.
/// Incidents as a table; with `reviews`, a column says whether each was reviewed (major
/// incidents, 8.6.1).
pub(crate) fn major_table(
    op: &Operating<'_>,
    majors: Vec<&TicketSnap>,
    reviews: Option<&[IncidentReviewSnap]>,
    caption: String,
) -> Block {
    let table = rows(majors)
        .col("Incident", 2.4, |t| {
            Cell::runs(vec![
                Run::mono(format!("{} ", t.external_id)),
                Run::plain(clip(t.title.trim(), 90)),
            ])
        })
        .col("Service", 1.2, |t| {
            Cell::text(service_name(&op.services, t.service_id))
        })
        .col("Opened", 0.95, |t| Cell::text(opt_date(Some(&t.opened))))
        .col("Resolved", 0.95, |t| match &t.resolved {
            Some(r) => Cell::text(opt_date(Some(r))),
            None => Cell::toned("Open", Tone::Warn),
        })
        .centered("Time to resolve", 0.9, |t| {
            Cell::text(t.resolution_s.map_or_else(
                || "—".into(),
                |s| crate::build::operating::minutes(u32::try_from(s / 60).ok()),
            ))
        });
    let table = match reviews {
        None => table,
        Some(reviews) => table.col("Review", 1.6, move |t| {
            match reviews.iter().find(|r| r.ticket_id == t.id) {
                Some(r) => Cell::runs(vec![
                    Run::plain(opt_date(Some(&r.reviewed_on))),
                    Run::italic(if r.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", clip(r.note.trim(), 120))
                    }),
                ]),
                None => Cell::toned("Not reviewed", Tone::Bad),
            }
        }),
    };
    table.compact().caption(caption)
}

/// Tickets of the months shown, newest first.
fn in_period<'a>(op: &Operating<'a>, from: u32, to: u32) -> Vec<&'a TicketSnap> {
    let mut v: Vec<&TicketSnap> = op
        .tickets
        .iter()
        .filter(|t| {
            let m = u32::try_from(t.month).unwrap_or(0);
            m >= from && m <= to
        })
        .collect();
    v.sort_by(|a, b| b.opened.cmp(&a.opened).then(b.id.cmp(&a.id)));
    v
}

/// The monthly service reports issued (8.3.3, 9.4), newest month first: each a record kept
/// whole in the project with its SHA-256.
fn issued_reports_table(list: &[ServiceReportSnap]) -> Block {
    let mut v: Vec<&ServiceReportSnap> = list.iter().collect();
    v.sort_by(|a, b| {
        (b.month.as_str(), a.service_name.as_str(), b.version).cmp(&(
            a.month.as_str(),
            b.service_name.as_str(),
            a.version,
        ))
    });
    rows(v)
        .col("Service", 1.8, |r| Cell::text(r.service_name.clone()))
        .centered("Month", 0.8, |r| Cell::text(r.month.clone()))
        .centered("Version", 0.6, |r| Cell::text(format!("v{}", r.version)))
        .col("Issued", 1.6, |r| {
            Cell::text(format!("{} by {}", r.issued_on, r.issued_by_name))
        })
        .col("SHA-256", 2.2, |r| Cell::mono(clip(&r.sha256, 24)))
        .compact()
        .caption("Monthly service reports issued (8.3.3, 9.4), kept as records with their SHA-256")
}

/// The operating records section.
pub(super) fn records(f: &Facts<'_>) -> Section {
    let to = month_of(f.opts.date);
    let from = months_back(to, MONTHS - 1);
    let op = measure_snapshot(f.snap, Some(from), Some(to), f.opts.date);
    let period = in_period(&op, from, to);
    let count = |kind: &str| period.iter().filter(|t| t.kind == kind).count();
    let mut blocks = vec![p(
        "The firm's own service-desk records, imported from its tool's exports and measured \
         against the structured service levels: incidents responded to and resolved within \
         target, requests fulfilled within target, and the changes — including those approved \
         by their own requester or implementer, which no role check can see. A record counts \
         in the month it was opened.",
    )];
    if op.tickets.is_empty() {
        blocks.push(note(
            "No operating records yet",
            "No ticket or change export has been imported. Auditors sample incidents, requests \
             and changes at Stage 2: import the service desk's exports to show the SMS \
             operating.",
        ));
        return sec("Operating records", blocks, Vec::new());
    }
    blocks.push(Block::KeyValue(vec![
        KeyValue::new(
            "Period",
            format!(
                "{} to {} ({} with records)",
                crate::build::operating::month_label(from),
                crate::build::operating::month_label(to),
                plural(op.report.months_of_records as usize, "month", "months")
            ),
        ),
        KeyValue::new(
            "Records",
            format!(
                "{} incidents, {} requests, {} changes",
                count("incident"),
                count("request"),
                count("change")
            ),
        ),
    ]));
    blocks.push(
        rows(&f.snap.records.sources)
            .col("File", 2.2, |s| Cell::text(s.file_name.clone()))
            .centered("Tool", 0.8, |s| Cell::text(s.source.clone()))
            .col("Imported", 1.0, |s| {
                Cell::text(opt_date(Some(&s.imported_at)))
            })
            .centered("Rows", 0.6, |s| Cell::text(s.rows_read.to_string()))
            .col("SHA-256", 2.6, |s| Cell::mono(clip(&s.sha256, 32)))
            .compact()
            .caption("Imported exports, kept whole in the project with their SHA-256"),
    );
    if !f.snap.records.service_reports.is_empty() {
        blocks.push(issued_reports_table(&f.snap.records.service_reports));
    }
    let mut subsections = Vec::new();
    for s in &op.report.services {
        let levels = op.services.iter().find(|(_, n, _)| *n == s.service);
        let mut sb = Vec::new();
        match levels {
            Some((_, name, l)) if !l.targets.is_empty() || l.request_fulfilment.is_some() => {
                sb.push(targets_table(name, l));
            }
            Some(_) => sb.push(p(
                "No structured service level targets are set for this service.",
            )),
            None => sb.push(p(
                "Records whose tool value maps to no catalogue service; measured without \
                 targets.",
            )),
        }
        let months: Vec<_> = s
            .months
            .iter()
            .filter(|m| m.incidents + m.requests + m.changes > 0)
            .cloned()
            .collect();
        if months.is_empty() {
            sb.push(p("No records in the period."));
        } else {
            sb.extend(months_table(&months, &s.service));
            if levels.is_some() {
                sb.extend(trend_chart(
                    &months,
                    format!("{}: service level attainment per month", s.service),
                ));
            }
        }
        subsections.push(sec(
            format!("SLA attainment: {}", s.service),
            sb,
            Vec::new(),
        ));
    }
    let changes: Vec<&TicketSnap> = period.iter().copied().filter(|t| of_note(t)).collect();
    let self_approved = changes.iter().filter(|t| t.self_approved).count();
    let mut cb = vec![p(format!(
        "Of the {} changes in the period, these were self-approved (approver is the requester \
         or the implementer), failed or rolled back, or made as emergency changes.",
        count("change")
    ))];
    if self_approved > 0 {
        cb.push(warning(
            "Self-approved changes",
            format!(
                "{} approved by {} own requester or implementer. Change approval must be \
                 independent of the person asking for or making the change (clause 8.5.1.3).",
                plural(self_approved, "change was", "changes were"),
                if self_approved == 1 { "its" } else { "their" }
            ),
        ));
    }
    if changes.is_empty() {
        cb.push(p("No change of note in the period."));
    } else {
        let n = changes.len();
        cb.push(changes_table(
            &op,
            changes,
            plural(n, "change of note", "changes of note"),
        ));
    }
    subsections.push(sec("Changes of note", cb, Vec::new()));
    let majors: Vec<&TicketSnap> = period
        .iter()
        .copied()
        .filter(|t| t.kind == "incident" && t.priority.as_deref() == Some(Priority::P1.as_str()))
        .collect();
    let mut mb = vec![p(
        "Incidents of the highest priority (P1) are handled as major incidents (clause \
         8.6.1): each should be reviewed once resolved, with what was learnt.",
    )];
    if majors.is_empty() {
        mb.push(p("No P1 incident in the period."));
    } else {
        let n = majors.len();
        mb.push(major_table(
            &op,
            majors,
            Some(&f.snap.objectives.incident_reviews),
            plural(n, "major incident", "major incidents"),
        ));
    }
    subsections.push(sec("Major incidents", mb, Vec::new()));
    sec("Operating records", blocks, subsections)
}
