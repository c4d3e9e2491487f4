//! Internal audit (9.2) and the nonconformity register (10.1): the audit programme with every
//! audit's scope, dates, auditors and status; each issued audit report (latest version) with
//! its findings; and every graded finding with its correction, corrective action,
//! verification and closure.

use ready20k_domain::audits::{FindingGrade, LineResult};
use ready20k_domain::snapshot::{
    ActionSnap, AuditLineSnap, AuditReportSnap, AuditSnap, NonconformitySnap,
};

use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{clip, h3, opt_date, or_dash, p, plural, sec};
use crate::model::{Block, Cell, KeyValue, Paragraph, Run, Section, Tone};

fn status_cell(a: &AuditSnap) -> Cell {
    match a.status.as_str() {
        "reported" => Cell::toned("Reported", Tone::Good),
        "in_progress" => Cell::toned("In progress", Tone::Warn),
        _ => Cell::text("Planned"),
    }
}

/// The auditors of an audit: people by name, then the contracted auditor.
fn auditors(f: &Facts<'_>, a: &AuditSnap) -> String {
    let mut names: Vec<String> = a
        .auditor_ids
        .iter()
        .map(|id| f.person(Some(*id)))
        .filter(|n| !n.is_empty())
        .collect();
    if !a.external_auditor.trim().is_empty() {
        names.push(format!("{} (contracted)", a.external_auditor.trim()));
    }
    names.join(", ")
}

fn grade_cell(grade: Option<FindingGrade>) -> Cell {
    match grade {
        Some(FindingGrade::Major) => Cell::toned("Major NC", Tone::Bad),
        Some(FindingGrade::Minor) => Cell::toned("Minor NC", Tone::Warn),
        Some(FindingGrade::Ofi) => Cell::text("OFI"),
        None => Cell::text("—"),
    }
}

fn action<'a>(f: &'a Facts<'_>, id: Option<i64>) -> Option<&'a ActionSnap> {
    id.and_then(|id| f.snap.assessment.actions.iter().find(|a| a.id == id))
}

/// The programme: the cycle and every audit.
fn programme(f: &Facts<'_>) -> Vec<Block> {
    let a = &f.snap.audits;
    let mut blocks = vec![p(
        "The internal audit programme covers every clause of 4 to 10 and every SMS process \
         before the target certification date, then yearly. Nobody audits a process they own or \
         operate; where a small team cannot avoid it, the mitigation is recorded.",
    )];
    if let Some(pr) = &a.programme {
        let mut kv = vec![KeyValue::new(
            "Cycle starts",
            opt_date(Some(&pr.cycle_start)),
        )];
        if let Some(t) = pr.target_date.as_deref() {
            kv.push(KeyValue::new("Target certification", opt_date(Some(t))));
        }
        if !pr.notes.trim().is_empty() {
            kv.push(KeyValue::new("Notes", pr.notes.trim()));
        }
        blocks.push(Block::KeyValue(kv));
    }
    if a.audits.is_empty() {
        blocks.push(p("No internal audit has been planned yet."));
        return blocks;
    }
    let mut audits: Vec<&AuditSnap> = a.audits.iter().collect();
    audits.sort_by(|x, y| (x.cycle, &x.planned_on, x.id).cmp(&(y.cycle, &y.planned_on, y.id)));
    let done = audits.iter().filter(|x| x.status == "reported").count();
    blocks.push(
        rows(audits)
            .col("Audit", 2.2, |x| {
                Cell::runs(vec![Run::plain(x.title.trim().to_owned())])
            })
            .col("Clauses", 1.6, |x| {
                Cell::text(clip(&x.clauses.join(", "), 90))
            })
            .centered("Planned", 0.95, |x| {
                Cell::text(opt_date(Some(&x.planned_on)))
            })
            .centered("Performed", 0.95, |x| {
                Cell::text(opt_date(x.performed_on.as_deref()))
            })
            .col("Auditors", 1.5, |x| {
                let mut runs = vec![Run::plain(or_dash(&auditors(f, x)))];
                if !x.mitigation.trim().is_empty() {
                    runs.push(Run::italic(" — independence mitigated"));
                }
                Cell::runs(runs)
            })
            .centered("Status", 0.9, |x| status_cell(x))
            .compact()
            .caption(format!(
                "Audit programme ({}, {} reported)",
                plural(a.audits.len(), "audit", "audits"),
                done
            )),
    );
    blocks
}

/// The latest issued version of each audit's report, in audit order.
fn latest_reports<'a>(f: &'a Facts<'_>) -> Vec<(&'a AuditSnap, &'a AuditReportSnap)> {
    let mut out = Vec::new();
    let mut audits: Vec<&AuditSnap> = f.snap.audits.audits.iter().collect();
    audits.sort_by(|x, y| (&x.planned_on, x.id).cmp(&(&y.planned_on, y.id)));
    for a in audits {
        if let Some(r) = f
            .snap
            .audits
            .reports
            .iter()
            .filter(|r| r.audit_id == a.id)
            .max_by_key(|r| r.version)
        {
            out.push((a, r));
        }
    }
    out
}

fn findings_table(f: &Facts<'_>, lines: Vec<&AuditLineSnap>) -> Block {
    let n = lines.len();
    rows(lines)
        .centered("Clause", 0.7, |l| Cell::text(l.clause.clone()))
        .col("Finding", 3.2, |l| {
            let title = action(f, l.action_id).map_or(l.prompt.trim(), |a| a.title.trim());
            let mut runs = vec![Run::plain(title.to_owned())];
            if !l.notes.trim().is_empty() {
                runs.push(Run::italic(format!(" — {}", l.notes.trim())));
            }
            Cell::runs(runs)
        })
        .centered("Grade", 0.95, |l| {
            grade_cell(LineResult::parse(&l.result).and_then(LineResult::grade))
        })
        .col("Evidence", 1.6, |l| Cell::text(or_dash(&l.evidence_refs)))
        .centered("Action", 0.75, |l| {
            Cell::mono(
                l.action_id
                    .map_or_else(|| "—".into(), |a| format!("A-{a:02}")),
            )
        })
        .compact()
        .caption(plural(n, "finding", "findings"))
}

/// One subsection per audit report.
fn reports(f: &Facts<'_>) -> Vec<Section> {
    latest_reports(f)
        .into_iter()
        .map(|(a, r)| {
            let mut kv = vec![
                KeyValue::new(
                    "Issued",
                    format!(
                        "Version {} on {}{}",
                        r.version,
                        opt_date(Some(&r.issued_at)),
                        match f.person(r.issued_by) {
                            n if n.is_empty() => String::new(),
                            n => format!(" by {n}"),
                        }
                    ),
                ),
                KeyValue::new("Auditors", or_dash(&auditors(f, a))),
            ];
            kv.push(KeyValue {
                key: "Approved".into(),
                value: match &r.approved_at {
                    Some(at) => Paragraph::plain(format!(
                        "{}{}",
                        opt_date(Some(at)),
                        match f.person(r.approved_by) {
                            n if n.is_empty() => String::new(),
                            n => format!(" by {n}"),
                        }
                    )),
                    None => Paragraph::from_runs(vec![Run::bold("Not approved yet")]),
                },
            });
            let all: Vec<&AuditLineSnap> = f
                .snap
                .audits
                .lines
                .iter()
                .filter(|l| l.audit_id == a.id)
                .collect();
            let count = |r: LineResult| all.iter().filter(|l| l.result == r.as_str()).count();
            kv.insert(
                1,
                KeyValue::new(
                    "Scope and dates",
                    format!(
                        "Clauses {}; planned {}, performed {}",
                        a.clauses.join(", "),
                        opt_date(Some(&a.planned_on)),
                        opt_date(a.performed_on.as_deref())
                    ),
                ),
            );
            kv.push(KeyValue::new(
                "Checklist",
                format!(
                    "{} lines: {} conformity, {} minor, {} major, {} opportunities, {} not checked",
                    all.len(),
                    count(LineResult::Conformity),
                    count(LineResult::MinorNc),
                    count(LineResult::MajorNc),
                    count(LineResult::Ofi),
                    count(LineResult::NotChecked),
                ),
            ));
            if !a.mitigation.trim().is_empty() {
                kv.push(KeyValue::new("Independence", a.mitigation.trim()));
            }
            let mut blocks = vec![Block::KeyValue(kv)];
            if !r.summary.trim().is_empty() {
                blocks.push(h3("Conclusion"));
                blocks.push(p(r.summary.trim()));
            }
            let mut lines: Vec<&AuditLineSnap> = all
                .into_iter()
                .filter(|l| {
                    LineResult::parse(&l.result)
                        .and_then(LineResult::grade)
                        .is_some()
                })
                .collect();
            lines.sort_by_key(|l| (l.position, l.id));
            blocks.push(h3("Findings"));
            blocks.push(if lines.is_empty() {
                p("No findings.")
            } else {
                findings_table(f, lines)
            });
            sec(
                format!("Audit report: {}", a.title.trim()),
                blocks,
                Vec::new(),
            )
        })
        .collect()
}

/// The internal audit section: programme and reports.
pub(super) fn audits(f: &Facts<'_>) -> Section {
    let mut subsections = vec![sec("Audit programme", programme(f), Vec::new())];
    let reports = reports(f);
    if reports.is_empty() {
        subsections.push(sec(
            "Audit reports",
            vec![p("No audit report has been issued yet.")],
            Vec::new(),
        ));
    } else {
        subsections.extend(reports);
    }
    sec(
        "Internal audit",
        vec![p(
            "How the firm checks that its service management system conforms to its own \
             requirements and the standard's, and is effectively implemented (clause 9.2).",
        )],
        subsections,
    )
}

fn nc_status(f: &Facts<'_>, nc: &NonconformitySnap) -> Cell {
    if let Some(closed) = nc.closed_on.as_deref() {
        return Cell::toned(format!("Closed {}", opt_date(Some(closed))), Tone::Good);
    }
    let overdue = action(f, Some(nc.action_id))
        .and_then(|a| a.due.as_deref())
        .and_then(crate::build::convert::date_of)
        .is_some_and(|d| d < f.opts.date);
    if overdue {
        Cell::toned("Overdue", Tone::Bad)
    } else {
        Cell::toned("Open", Tone::Warn)
    }
}

/// The nonconformity register: every graded finding with its handling (10.1).
pub(super) fn nonconformities(f: &Facts<'_>) -> Section {
    let mut ncs: Vec<&NonconformitySnap> = f.snap.audits.nonconformities.iter().collect();
    ncs.sort_by_key(|n| {
        (
            n.closed_on.is_some(),
            FindingGrade::parse(n.grade.as_deref().unwrap_or("")).map_or(3, |g| g as u8),
            n.action_id,
        )
    });
    let open_major = ncs
        .iter()
        .filter(|n| n.closed_on.is_none() && n.grade.as_deref() == Some("major"))
        .count();
    let mut blocks = vec![p(
        "Every finding graded as a nonconformity or an opportunity for improvement — from \
         internal audits, management reviews, complaints, incidents or the gap assessment — is \
         an action in the one action register, with the requirement, the evidence, the \
         correction, the corrective action, the verification of its effectiveness and its \
         closure (clause 10.1).",
    )];
    if ncs.is_empty() {
        blocks.push(p("No nonconformity has been recorded yet."));
        return sec("Nonconformity register", blocks, Vec::new());
    }
    blocks.push(Block::KeyValue(vec![KeyValue::new(
        "Open",
        format!(
            "{} of {}, {} major",
            ncs.iter().filter(|n| n.closed_on.is_none()).count(),
            ncs.len(),
            open_major
        ),
    )]));
    let n = ncs.len();
    blocks.push(
        rows(ncs)
            .col("Finding", 2.1, |nc| {
                let title = action(f, Some(nc.action_id)).map_or("", |a| a.title.trim());
                Cell::runs(vec![
                    Run::mono(format!("A-{:02} ", nc.action_id)),
                    Run::plain(title.to_owned()),
                ])
            })
            .centered("Grade", 0.85, |nc| {
                grade_cell(nc.grade.as_deref().and_then(FindingGrade::parse))
            })
            .col("Requirement and evidence", 1.8, |nc| {
                Cell::runs(vec![
                    Run::plain(or_dash(&nc.requirement)),
                    Run::italic(if nc.evidence.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", nc.evidence.trim())
                    }),
                ])
            })
            .col("Correction and corrective action", 2.1, |nc| {
                let a = action(f, Some(nc.action_id));
                let corr = a.map_or(String::new(), |a| a.correction.trim().to_owned());
                let ca = a.map_or(String::new(), |a| a.corrective_action.trim().to_owned());
                Cell::text(match (corr.is_empty(), ca.is_empty()) {
                    (true, true) => "—".to_owned(),
                    (false, true) => corr,
                    (true, false) => ca,
                    (false, false) => format!("{corr} / {ca}"),
                })
            })
            .col("Verified", 1.2, |nc| {
                Cell::text(match (&nc.verified_on, f.person(nc.verified_by)) {
                    (None, _) => "—".to_owned(),
                    (Some(d), n) if n.is_empty() => opt_date(Some(d)),
                    (Some(d), n) => format!("{} by {n}", opt_date(Some(d))),
                })
            })
            .centered("Status", 1.0, |nc| nc_status(f, nc))
            .compact()
            .caption(plural(n, "recorded finding", "recorded findings")),
    );
    sec("Nonconformity register", blocks, Vec::new())
}
