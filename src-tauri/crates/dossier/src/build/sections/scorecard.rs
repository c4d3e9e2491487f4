//! Section 5: Ready20k's readiness estimate: the overall figures, clause scores and charts,
//! the two stage verdicts (what the auditor checks, each cap with why and what lifts it, the
//! main gaps), the open setup errors, and the frozen scorecards over time.

use ready20k_domain::scoring::{
    Cap, CapCode, CheckStatus, Gap, READY_THRESHOLD, StageResult, round1,
};

use super::{clause_title, level_label, stage_line, verdict_label};
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{bullets, h3, note, or_dash, p, pct, plural, sec, short_date, warning};
use crate::model::{
    BarChart, BarItem, Block, Cell, KeyValue, Paragraph, RadarChart, Run, Section, Tone,
};

/// Most gaps listed under each stage verdict (the compliance matrix and the action plan list
/// the rest).
const MAX_REASONS: usize = 15;

/// The first word of a clause title (radar axis labels).
fn first_word(s: &str) -> &str {
    s.split([' ', ',']).next().unwrap_or(s)
}

/// Weighted mean score of the requirement clauses under `prefix` (e.g. `8.5`).
fn group_score(f: &Facts<'_>, prefix: &str) -> Option<f64> {
    let dotted = format!("{prefix}.");
    let (mut sum, mut weight) = (0.0, 0u32);
    for (id, s) in &f.scorecard.clauses {
        if (id == prefix || id.starts_with(&dotted)) && s.weight > 0 {
            sum += s.score * f64::from(s.weight);
            weight += s.weight;
        }
    }
    (weight > 0).then(|| sum / f64::from(weight))
}

/// Why a stage verdict is capped, in words.
pub(super) fn cap_text(f: &Facts<'_>, c: &Cap) -> String {
    let n = c.questions.len();
    match c.code {
        CapCode::BlockingBelowMinimum => format!(
            "{} below the minimum level: likely major nonconformities (score capped at {:.0} %).",
            plural(n, "blocking question is", "blocking questions are"),
            c.limit
        ),
        CapCode::BlockingNotOperated => format!(
            "{} in use but not yet operated for a full cycle with records (score capped at \
             {:.0} %).",
            plural(n, "blocking question is", "blocking questions are"),
            c.limit
        ),
        CapCode::WeakClause => {
            let clause = c.clause.clone().unwrap_or_default();
            format!(
                "Clause {clause} ({}) scores below half: auditors sample every clause (score \
                 capped at {:.0} %).",
                clause_title(f, &clause),
                c.limit
            )
        }
        CapCode::NoQuestions => "The stage has no questions to judge.".to_owned(),
        // The gate, floor, setup and conflict caps state their own reason.
        _ => format!("{} Score capped at {:.0} %.", c.reason.trim(), c.limit),
    }
}

/// The gaps of a stage: clause, question, answered and required level, impact.
pub(super) fn gap_table(gaps: &[Gap], caption: String) -> Block {
    rows(gaps)
        .col("Clause", 0.8, |g| {
            Cell::runs(vec![Run::bold(g.clause.clone())])
        })
        .col("Question", 4.2, |g| {
            let mut q = vec![Run::plain(g.text.clone())];
            if g.evidence_missing {
                q.push(Run::italic(" — evidence missing"));
            }
            Cell::runs(q)
        })
        .col("Answered", 1.3, |g| {
            Cell::text(
                g.answered_level
                    .map_or_else(|| "Unanswered".to_owned(), level_label),
            )
        })
        .col("Required", 1.3, |g| Cell::text(level_label(g.required)))
        .centered("Impact", 0.9, |g| {
            if g.blocking {
                Cell::toned("Blocking", Tone::Bad)
            } else {
                Cell::text(g.impact.to_string())
            }
        })
        .compact()
        .caption(caption)
}

/// What the auditor checks at a stage, with where the firm stands.
fn check_table(s: &StageResult) -> Block {
    rows(&s.checks)
        .col("Check", 1.6, |c| Cell::runs(vec![Run::bold(c.topic.clone())]))
        .col("What the auditor looks at", 4.2, |c| {
            // The registers and records the check read follow, in italics.
            let mut runs = vec![Run::plain(c.looks_at.clone())];
            runs.extend(c.records.iter().map(|r| Run::italic(format!(" {r}"))));
            Cell::runs(runs)
        })
        .centered("Status", 1.2, |c| match c.status {
            CheckStatus::Met => Cell::toned("Met", Tone::Good),
            CheckStatus::Limited => Cell::toned("Gap", Tone::Warn),
            CheckStatus::Failed => Cell::toned("Not met", Tone::Bad),
        })
        .compact()
        .caption("Ready20k's reading of the audit stage: a gap limits the verdict to nearly ready, an unmet check to not ready")
}

/// Every cap of a stage: its effect, why it applies and what would lift it.
fn cap_table(f: &Facts<'_>, caps: &[Cap]) -> Block {
    rows(caps)
        .col("Effect", 1.2, |c| {
            if c.hard {
                Cell::toned("Not ready", Tone::Bad)
            } else {
                Cell::toned("At most nearly ready", Tone::Warn)
            }
        })
        .col("Why", 3.4, |c| Cell::text(cap_reason(f, c)))
        .col("What lifts it", 2.6, |c| Cell::text(c.lift.clone()))
        .compact()
        .caption(plural(
            caps.len(),
            "cap on the verdict",
            "caps on the verdict",
        ))
}

/// The reason a cap states, or (for scorecards stored before caps carried one) the text
/// derived from its code.
fn cap_reason(f: &Facts<'_>, c: &Cap) -> String {
    if c.reason.trim().is_empty() {
        cap_text(f, c)
    } else {
        c.reason.trim().to_owned()
    }
}

/// 5.1 and 5.2: a stage verdict, its score, what the auditor checks, what limits it and what
/// lifts it, and its main gaps.
fn stage_section(f: &Facts<'_>, title: &str, s: &StageResult, what: &str) -> Section {
    let mut blocks = vec![Block::KeyValue(vec![
        KeyValue {
            key: "Verdict".into(),
            value: Paragraph::from_runs(vec![Run::bold(verdict_label(s.verdict))]),
        },
        KeyValue::new(
            "Score",
            if (s.capped_score - s.score).abs() > 0.05 {
                format!(
                    "{} (capped from {})",
                    pct(round1(s.capped_score)),
                    pct(round1(s.score))
                )
            } else {
                pct(round1(s.capped_score))
            },
        ),
        KeyValue::new("What it judges", what),
    ])];
    if !s.checks.is_empty() {
        blocks.push(h3("What the auditor checks"));
        blocks.push(check_table(s));
    }
    if !s.caps.is_empty() {
        blocks.push(h3("Why the verdict is limited, and what lifts it"));
        blocks.push(cap_table(f, &s.caps));
    }
    if s.reasons.is_empty() {
        blocks.push(p(
            "Every question of this stage reaches the required level.",
        ));
    } else {
        blocks.push(h3("Main gaps"));
        let shown = &s.reasons[..s.reasons.len().min(MAX_REASONS)];
        let caption = if s.reasons.len() > shown.len() {
            format!(
                "The {} largest of {} gaps; the compliance matrix lists every requirement",
                shown.len(),
                s.reasons.len()
            )
        } else {
            plural(s.reasons.len(), "gap", "gaps")
        };
        blocks.push(gap_table(shown, caption));
    }
    sec(title, blocks, Vec::new())
}

/// Readiness by clause (bars), the readiness profile (radar) and clause 8 in detail (bars).
pub(super) fn charts(f: &Facts<'_>) -> (BarChart, RadarChart, BarChart) {
    let tops: Vec<(String, String, f64)> = (4..=10)
        .map(|n| {
            let id = n.to_string();
            let score = f.scorecard.clauses.get(&id).map_or(0.0, |c| c.score);
            (id.clone(), clause_title(f, &id), score)
        })
        .collect();
    let target = READY_THRESHOLD as f32;
    let bars = BarChart {
        title: format!("Readiness by clause (target {target:.0} %)"),
        items: tops
            .iter()
            .map(|(n, t, v)| BarItem {
                label: format!("{n}  {t}"),
                value: round1(*v) as f32,
                target: Some(target),
            })
            .collect(),
    };
    let radar = RadarChart {
        title: "Readiness profile".into(),
        axes: tops
            .iter()
            .map(|(n, t, _)| format!("{n} {}", first_word(t)))
            .collect(),
        values: tops.iter().map(|t| round1(t.2) as f32).collect(),
        target: Some(vec![target; tops.len()]),
    };
    let ops = BarChart {
        title: "Clause 8 in detail".into(),
        items: f
            .lib
            .clauses
            .iter()
            .filter(|c| c.id.starts_with("8.") && c.id.matches('.').count() == 1)
            .filter_map(|c| {
                group_score(f, &c.id).map(|v| BarItem {
                    label: format!("{} {}", c.id, c.title),
                    value: round1(v) as f32,
                    target: Some(target),
                })
            })
            .collect(),
    };
    (bars, radar, ops)
}

/// Section 5.
pub(super) fn scorecard(f: &Facts<'_>) -> Section {
    let sc = &f.scorecard;
    let mut blocks = vec![
        p(
            "Ready20k's estimate of readiness, computed from the self-assessment: each question \
             is answered on a maturity scale from 0 (absent) to 5 (measured and improving) and \
             counts only as far as its evidence carries it: a linked document supports level 3 \
             at most, level 4 needs a record, level 5 measurements over time. Clause scores \
             show how close the answers are, weight for weight, to level 4 (operated for a \
             full cycle with records), the level certification needs. The verdicts follow \
             what a certification auditor checks at each stage, not the score alone.",
        ),
        note(
            "Ready20k's estimate, not an audit result",
            "Certification bodies do not score: they raise nonconformities. The scores and \
             verdicts below are Ready20k's estimate to help plan the work; the audit decides.",
        ),
    ];
    if sc.provisional {
        blocks.push(warning(
            "Provisional",
            format!(
                "Only {} of {} questions are answered; unanswered questions count as level 0.",
                sc.answered, sc.questions
            ),
        ));
    }
    blocks.push(Block::KeyValue(vec![
        KeyValue::new("Overall readiness", pct(round1(sc.overall))),
        KeyValue::new("Stage 1 (documentation)", stage_line(&sc.stage1)),
        KeyValue::new("Stage 2 (implementation)", stage_line(&sc.stage2)),
        KeyValue::new("Maturity index", format!("{:.1} of 5", sc.maturity_index)),
        KeyValue::new(
            "Questions answered",
            format!("{} of {}", sc.answered, sc.questions),
        ),
    ]));
    let (bars, radar, ops) = charts(f);
    blocks.push(Block::BarChart(bars));
    blocks.push(clause_table(f));
    blocks.push(Block::RadarChart(radar));
    if !ops.items.is_empty() {
        blocks.push(Block::BarChart(ops));
    }
    let mut subs = vec![
        stage_section(
            f,
            "Stage 1 verdict",
            &sc.stage1,
            "Whether the SMS is documented: the stage 1 questions against level 2 (approved \
             document).",
        ),
        stage_section(
            f,
            "Stage 2 verdict",
            &sc.stage2,
            "Whether the SMS is implemented and operated: every question against level 4 \
             (operated with records).",
        ),
    ];
    if let Some(setup) = setup_errors(f) {
        subs.push(setup);
    }
    if let Some(progress) = progress(f) {
        subs.push(progress);
    }
    sec("Readiness scorecard", blocks, subs)
}

/// Clause scores 4 to 10 with the documented, implemented and operated views.
fn clause_table(f: &Facts<'_>) -> Block {
    let view = |v: Option<f64>| Cell::text(v.map_or_else(|| "—".to_owned(), |x| pct(round1(x))));
    let clauses = (4..=10).map(|n| {
        let id = n.to_string();
        let c = f.scorecard.clauses.get(&id).cloned().unwrap_or_default();
        (id, c)
    });
    rows(clauses)
        .centered("Clause", 0.85, |(id, _)| {
            Cell::runs(vec![Run::bold(id.clone())])
        })
        .col("Title", 2.2, |(id, _)| Cell::text(clause_title(f, id)))
        .centered("Score", 0.8, |(_, c)| {
            let tone = if c.score >= READY_THRESHOLD {
                Tone::Good
            } else if c.score >= 50.0 {
                Tone::Warn
            } else {
                Tone::Bad
            };
            Cell::toned(pct(round1(c.score)), tone)
        })
        .centered("Documented", 1.3, |(_, c)| view(c.views.documented))
        .centered("Implemented", 1.35, |(_, c)| view(c.views.implemented))
        .centered("Operated", 1.15, |(_, c)| view(c.views.operated))
        .centered("Answered", 1.15, |(_, c)| {
            Cell::text(format!("{} / {}", c.answered, c.questions))
        })
        .caption(
            "Clause scores and readiness views (shares of the question weight at level 2, 3 \
             and 4)",
        )
}

/// The setup errors still open (none: no subsection): what the setup wizard would refuse in
/// this project. Listed here rather than printed as if settled, because the scope and the
/// dossier's other sections are built from the same data.
fn setup_errors(f: &Facts<'_>) -> Option<Section> {
    let caps = f.setup_errors();
    if caps.is_empty() {
        return None;
    }
    Some(sec(
        "Open setup errors",
        vec![
            warning(
                "The setup data is not consistent yet",
                format!(
                    "{} in the project would be refused by the setup wizard. Until {} fixed, \
                     the scope and the statements built from the setup data in this dossier \
                     are not reliable, and Stage 1 is not ready.",
                    plural(caps.len(), "entry", "entries"),
                    if caps.len() == 1 { "it is" } else { "they are" }
                ),
            ),
            bullets(caps),
        ],
        Vec::new(),
    ))
}

/// 5.3: the frozen scorecards, oldest first (none: no subsection).
fn progress(f: &Facts<'_>) -> Option<Section> {
    let history = &f.snap.assessment.snapshots;
    if history.is_empty() {
        return None;
    }
    let stage = |verdict: &str, score: f64| {
        Cell::text(format!("{} ({})", stage_word(verdict), pct(round1(score))))
    };
    let table = rows(history)
        .col("Date", 1.1, |s| Cell::text(short_date(&s.taken_at)))
        .col("Snapshot", 2.2, |s| Cell::text(or_dash(&s.label)))
        .centered("Overall", 0.9, |s| Cell::text(pct(round1(s.overall))))
        .col("Stage 1", 1.4, |s| stage(&s.stage1, s.stage1_score))
        .col("Stage 2", 1.4, |s| stage(&s.stage2, s.stage2_score))
        .centered("Answered", 1.1, |s| {
            Cell::text(format!("{} / {}", s.answered, s.questions))
        })
        .caption("Frozen scorecards");
    Some(sec("Progress over time", vec![table], Vec::new()))
}

/// How a frozen verdict reads.
fn stage_word(s: &str) -> &'static str {
    match s {
        "ready" => "Ready",
        "nearly_ready" => "Nearly ready",
        _ => "Not ready",
    }
}
