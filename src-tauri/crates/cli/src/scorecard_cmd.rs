//! `scorecard`: the readiness scorecard of a project: overall, per-clause scores and both
//! stage verdicts with what the auditor checks, each cap with why and what lifts it, and the
//! gaps behind them.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::{Clock, SystemClock};
use ready20k_domain::scoring::{
    CheckStatus, Gap, Scorecard, StageResult, Verdict, clause_order, round1,
};
use ready20k_store::Project;
use ready20k_store::assessment;
use serde_json::{Map, Value, json};

use crate::Failure;

/// Arguments of `ready20k-cli scorecard`.
#[derive(Debug, Args)]
pub struct ScorecardArgs {
    /// Path of the project file.
    pub file: PathBuf,
    /// Print JSON (keys `overall`, `clauses`, `stage1`, `stage2`) instead of text.
    #[arg(long)]
    pub json: bool,
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "ready",
        Verdict::NearlyReady => "nearly_ready",
        Verdict::NotReady => "not_ready",
    }
}

fn reason_json(g: &Gap) -> Value {
    json!({
        "question_id": g.question_id,
        "clause": g.clause,
        "level": g.level.value(),
        "answered_level": g.answered_level.map(|l| l.value()),
        "required": g.required.value(),
        "evidence_missing": g.evidence_missing,
        "blocking": g.blocking,
        "impact": g.impact,
        "evidence_needed": g.evidence_needed,
        "text": g.text,
    })
}

fn stage_json(s: &StageResult) -> Value {
    json!({
        "verdict": verdict_name(s.verdict),
        "score": round1(s.score),
        "capped_score": round1(s.capped_score),
        "checks": s.checks,
        "caps": s.caps,
        "reasons": s.reasons.iter().map(reason_json).collect::<Vec<_>>(),
    })
}

/// The scorecard as the CLI's JSON: `overall`, `clauses` (clause id -> score), `rules` (the
/// verdict rules version), `stage1` and `stage2` (each with `verdict`, `checks`, `caps` with
/// `reason` and `lift`, and `reasons`). Scores are rounded to one decimal.
pub fn to_json(card: &Scorecard) -> Value {
    let clauses: Map<String, Value> = card
        .clauses
        .iter()
        .map(|(id, c)| (id.clone(), json!(round1(c.score))))
        .collect();
    json!({
        "overall": round1(card.overall),
        "rules": card.rules,
        "clauses": clauses,
        "stage1": stage_json(&card.stage1),
        "stage2": stage_json(&card.stage2),
    })
}

fn print_stage(name: &str, s: &StageResult) {
    println!(
        "{name}: {} ({:.1}/100{})",
        verdict_name(s.verdict).replace('_', " "),
        s.capped_score,
        if s.capped_score < s.score {
            format!(", {:.1} before caps", s.score)
        } else {
            String::new()
        }
    );
    for c in &s.checks {
        let mark = match c.status {
            CheckStatus::Met => "ok  ",
            CheckStatus::Limited => "gap ",
            CheckStatus::Failed => "FAIL",
        };
        println!("  [{mark}] {}: {}", c.topic, c.looks_at);
        for r in &c.records {
            println!("         {r}");
        }
    }
    if !s.caps.is_empty() {
        println!("  Why the verdict is limited:");
    }
    for c in &s.caps {
        println!(
            "  - {} {}",
            if c.hard {
                "[not ready]"
            } else {
                "[at most nearly ready]"
            },
            c.reason
        );
        println!("      To lift: {}", c.lift);
    }
    if !s.reasons.is_empty() {
        println!("  Gaps:");
    }
    for g in s.reasons.iter().take(10) {
        println!(
            "  - {}{} level {} of {}: {}",
            g.question_id,
            if g.blocking { " [blocking]" } else { "" },
            g.level.value(),
            g.required.value(),
            g.text
        );
    }
    if s.reasons.len() > 10 {
        println!("  … and {} more (see --json)", s.reasons.len() - 10);
    }
}

/// Prints the scorecard of a project.
pub fn scorecard(args: ScorecardArgs) -> Result<(), Failure> {
    let clock = Arc::new(SystemClock);
    let today = clock.now().date_naive();
    let project = Project::open(&args.file, clock)?;
    let card = assessment::scorecard(project.conn(), today)?;
    project.close()?;
    if args.json {
        let text = serde_json::to_string_pretty(&to_json(&card))
            .map_err(|e| Failure::usage(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    println!("Ready20k's estimate, not a certification body's verdict.");
    println!(
        "Overall readiness: {:.1}/100 ({} of {} questions answered{})",
        card.overall,
        card.answered,
        card.questions,
        if card.provisional {
            "; provisional"
        } else {
            ""
        }
    );
    let mut top: Vec<(&String, f64)> = card
        .clauses
        .iter()
        .filter(|(id, _)| !id.contains('.'))
        .map(|(id, c)| (id, c.score))
        .collect();
    top.sort_by(|a, b| clause_order(a.0, b.0));
    println!("Clauses:");
    for (id, score) in top {
        println!("  {id:>3}  {score:5.1}");
    }
    print_stage("Stage 1", &card.stage1);
    print_stage("Stage 2", &card.stage2);
    Ok(())
}
