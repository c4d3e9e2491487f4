//! Annex A: the documented information the standard requires, with its status in the
//! document register.

use ready20k_domain::content::DocumentKind;
use ready20k_domain::documents::{DocStatus, RegisterEntry};
use ready20k_domain::scoring::clause_order;

use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{p, plural, sec};
use crate::model::{Block, Cell, KeyValue, Run, Section, Tone};

/// The registers and records Ready20k itself keeps for a document key, in a few words
/// ("15 risks and opportunities"), when the project has any.
fn kept(f: &Facts<'_>, key: &str) -> Option<String> {
    let r = &f.snap.registers;
    let tickets = |kind: &str| {
        f.snap
            .records
            .tickets
            .iter()
            .filter(|t| t.kind == kind)
            .count()
    };
    let n = |count: usize, one: &str, many: &str| (count > 0).then(|| plural(count, one, many));
    match key {
        "DOC-RISK" => n(
            r.risks.len(),
            "risk or opportunity",
            "risks and opportunities",
        ),
        "REC-SUPPLIER-REVIEWS" => n(
            r.supplier_reviews.len(),
            "supplier review",
            "supplier reviews",
        ),
        "REC-INCIDENTS" => n(tickets("incident"), "incident record", "incident records"),
        "REC-SERVICE-REQUESTS" => n(tickets("request"), "request record", "request records"),
        "REC-CHANGES" => n(tickets("change"), "change record", "change records"),
        "REC-AUDIT-PROGRAMME" => f.snap.audits.programme.as_ref().map(|_| {
            plural(
                f.snap.audits.audits.len(),
                "audit planned",
                "audits planned",
            )
        }),
        "REC-AUDIT-RESULTS" => n(
            f.snap.audits.reports.len(),
            "audit report",
            "audit report versions",
        ),
        "REC-MGMT-REVIEW" => n(
            f.snap
                .reviews
                .reviews
                .iter()
                .filter(|r| r.status == "approved")
                .count(),
            "approved review minutes",
            "approved review minutes",
        ),
        "REC-NC-CA" => n(
            f.snap.audits.nonconformities.len(),
            "recorded finding",
            "recorded findings",
        ),
        "DOC-SM-OBJECTIVES" => n(
            f.snap.objectives.objectives.len(),
            "objective with its KPIs",
            "objectives with their KPIs",
        ),
        _ => None,
    }
}

/// Approved or kept in Ready20k (0), in preparation (1) or missing (2), with its mark and
/// tone.
fn standing(f: &Facts<'_>, e: &RegisterEntry) -> (&'static str, Tone, usize) {
    if e.approved_version.is_some() || kept(f, &e.key).is_some() {
        ("✓", Tone::Good, 0)
    } else if matches!(e.status, DocStatus::Missing) {
        ("✗", Tone::Bad, 2)
    } else {
        ("•", Tone::Warn, 1)
    }
}

/// Annex A.
pub(super) fn checklist(f: &Facts<'_>) -> Section {
    let mut entries: Vec<&RegisterEntry> = f.required().collect();
    let mut count = [0usize; 3];
    for e in &entries {
        count[standing(f, e).2] += 1;
    }
    let clause = |e: &RegisterEntry| e.clauses.first().cloned().unwrap_or_default();
    entries.sort_by(|a, b| clause_order(&clause(a), &clause(b)));
    let table = rows(entries)
        .centered("", 0.35, |e| {
            let (mark, tone, _) = standing(f, e);
            Cell::toned(mark, tone)
        })
        .col("Reference", 2.6, |e| Cell::mono(e.key.clone()))
        .col("Document or record", 3.0, |e| {
            Cell::runs(vec![
                Run::plain(e.title.clone()),
                Run::italic(match (e.kind, e.expected) {
                    (DocumentKind::Record, true) => " (record; expected, not mandatory)",
                    (DocumentKind::Record, false) => " (record)",
                    _ => "",
                }),
            ])
        })
        .col("Clause", 0.8, |e| Cell::text(clause(e)))
        .centered("Version", 0.95, |e| {
            Cell::text(e.approved_version.clone().unwrap_or_else(|| "—".into()))
        })
        .centered("Status", 1.2, |e| {
            let text = match (&e.approved_version, e.status, kept(f, &e.key)) {
                (Some(_), s, _) if Facts::is_approved(s) => s.label().to_owned(),
                (Some(_), _, _) => "Approved; revision in review".to_owned(),
                (None, _, Some(k)) => format!("Kept in Ready20k: {k}"),
                (None, s, None) => s.label().to_owned(),
            };
            let tone = match e.status {
                DocStatus::Overdue => Tone::Bad,
                DocStatus::DueForReview => Tone::Warn,
                _ => standing(f, e).1,
            };
            Cell::toned(text, tone)
        })
        .caption("Documented information required by ISO/IEC 20000-1:2018");
    sec(
        "Required documents checklist",
        vec![
            p(
                "The documented information ISO/IEC 20000-1:2018 requires, with its status in \
                 the project's document register. Documents are maintained and approved; \
                 records are retained as evidence that something happened. A record marked \
                 \"expected\" is an activity the standard requires without saying its results \
                 must be retained; auditors still ask to see them.",
            ),
            Block::KeyValue(vec![KeyValue::new(
                "Summary",
                format!(
                    "{} approved, {} in preparation, {} missing",
                    count[0], count[1], count[2]
                ),
            )]),
            table,
        ],
        Vec::new(),
    )
}
