//! The executive summary (the summary pack): readiness at a glance, the main gaps and the
//! next steps.

use ready20k_domain::assessment::ActionStatus;
use ready20k_domain::scoring::{Gap, Verdict, round1};

use super::scorecard::{cap_text, charts, gap_table};
use super::{action_counts, document_counts, stage_line};
use crate::build::facts::Facts;
use crate::build::util::{bullets, note, or_dash, p, pct, plural, sec, short_date};
use crate::model::{Block, KeyValue, Paragraph, Run, Section};

/// The summary pack's only section.
pub(super) fn summary(f: &Facts<'_>) -> Section {
    let sc = &f.scorecard;
    let (approved, total) = document_counts(f);
    let (open, overdue) = action_counts(f);
    let mut glance = vec![
        p(format!(
            "This summary gives top management of {} Ready20k's estimate of how ready the \
             service management system is for ISO/IEC 20000-1:2018 certification, the main \
             gaps and the next steps. The full dossier contains the detail.",
            f.firm()
        )),
        Block::KeyValue(vec![
            KeyValue::new("Stage 1 audit (estimate)", stage_line(&sc.stage1)),
            KeyValue::new("Stage 2 audit (estimate)", stage_line(&sc.stage2)),
            KeyValue::new("Overall readiness", pct(round1(sc.overall))),
            KeyValue::new(
                "Required documents",
                format!("{approved} of {total} approved"),
            ),
            KeyValue::new("Open actions", format!("{open} open, {overdue} overdue")),
            KeyValue::new(
                "Self-assessment",
                format!("{} of {} questions answered", sc.answered, sc.questions),
            ),
        ]),
    ];
    let (bars, _, _) = charts(f);
    glance.push(Block::BarChart(bars));
    glance.push(note(
        "Ready20k's estimate, not an audit result",
        "Certification bodies do not score: they raise nonconformities. These figures help \
         plan the work; the audit decides.",
    ));

    let mut gaps = Vec::new();
    let caps: Vec<String> = sc
        .stage1
        .caps
        .iter()
        .chain(sc.stage2.caps.iter())
        .map(|c| cap_text(f, c))
        .collect();
    if !caps.is_empty() {
        gaps.push(bullets(caps));
    }
    let top: Vec<Gap> = if sc.stage1.verdict == Verdict::Ready {
        sc.stage2.reasons.iter().take(10).cloned().collect()
    } else {
        sc.stage1.reasons.iter().take(10).cloned().collect()
    };
    if top.is_empty() {
        gaps.push(p("No gaps remain against the stage requirements."));
    } else {
        let caption = if sc.stage1.verdict == Verdict::Ready {
            "The largest gaps before the stage 2 audit"
        } else {
            "The largest gaps before the stage 1 audit"
        };
        gaps.push(gap_table(&top, caption.into()));
    }

    let mut next = Vec::new();
    let unapproved = f.unapproved_required_documents();
    if !unapproved.is_empty() {
        next.push(format!(
            "Approve the {} still waiting: {}.",
            plural(unapproved.len(), "required document", "required documents"),
            unapproved
                .iter()
                .take(8)
                .map(|e| e.title.clone())
                .collect::<Vec<_>>()
                .join(", ")
                + if unapproved.len() > 8 { ", …" } else { "" }
        ));
    }
    for a in f
        .plan
        .iter()
        .filter(|a| a.action.status != ActionStatus::Done)
        .take(8)
    {
        let owner = f.person(a.action.owner_id);
        next.push(format!(
            "{}{}{}{}",
            a.action.title.trim(),
            if owner.is_empty() {
                String::new()
            } else {
                format!(" — {owner}")
            },
            a.action
                .due
                .as_deref()
                .map(|d| format!(", due {}", short_date(d)))
                .unwrap_or_default(),
            if a.overdue { " (overdue)" } else { "" }
        ));
    }
    let unresolved = f.sod.unresolved_blocks + f.sod.unresolved_warns;
    if unresolved > 0 {
        next.push(format!(
            "Record compensating controls for {}.",
            plural(
                unresolved as usize,
                "separation-of-duties conflict",
                "separation-of-duties conflicts"
            )
        ));
    }
    let next_blocks = if next.is_empty() {
        vec![p(
            "Nothing is outstanding: keep the records flowing and book the audit.",
        )]
    } else {
        vec![Block::BulletList {
            ordered: true,
            items: next.into_iter().map(Paragraph::plain).collect(),
        }]
    };

    let mut s = sec(
        "Executive summary",
        Vec::new(),
        vec![
            sec("Readiness at a glance", glance, Vec::new()),
            sec("Main gaps", gaps, Vec::new()),
            sec("Next steps", next_blocks, Vec::new()),
        ],
    );
    s.blocks.push(Block::Paragraph(Paragraph::from_runs(vec![
        Run::plain("Scope: "),
        Run::italic(or_dash(&f.scope)),
    ])));
    s
}
