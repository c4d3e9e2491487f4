//! The sections of the dossier, one file each, and the packs that combine them.

mod actions;
mod audits;
mod calendar;
mod catalogue;
mod checklist;
mod control;
mod cover;
mod evidence;
mod matrix;
mod policies;
mod records;
mod review;
mod risks;
mod roles;
mod scope;
mod scorecard;
mod summary;
mod suppliers;

pub(crate) use policies::{control_fields, policy_section};
pub(crate) use records::{changes_table, major_table};

use ready20k_domain::assessment::ActionStatus;
use ready20k_domain::content::DocumentKind;
use ready20k_domain::scoring::{MaturityLevel, StageResult, Verdict, round1};

use super::Pack;
use super::facts::Facts;
use super::util::{number, pct};
use crate::model::{Dossier, Tone};

/// The whole dossier.
pub fn dossier(f: &Facts<'_>) -> Dossier {
    let pack = f.opts.pack;
    let (front, mut body, mut annexes) = match pack {
        Pack::Summary => (Vec::new(), vec![summary::summary(f)], Vec::new()),
        Pack::Full | Pack::Stage1 => {
            // The SMS as designed, its registers and (full pack) how it is operated; the
            // full pack then adds how far it is implemented.
            let mut body = vec![
                scope::scope(f),
                catalogue::catalogue(f),
                roles::roles(f),
                policies::policies(f),
                risks::risks(f),
                suppliers::suppliers(f),
            ];
            if pack == Pack::Full {
                body.extend([calendar::calendar_section(f), records::records(f)]);
            }
            body.extend([
                audits::audits(f),
                review::review(f),
                audits::nonconformities(f),
            ]);
            if pack == Pack::Full {
                body.extend([
                    scorecard::scorecard(f),
                    matrix::matrix(f),
                    actions::actions(f),
                    evidence::evidence(f),
                ]);
            }
            (
                vec![control::document_control(f)],
                body,
                vec![checklist::checklist(f)],
            )
        }
    };
    number(&mut body, &mut annexes);
    let mut front = front;
    for s in &mut front {
        s.id = "document-control".into();
    }
    body.extend(annexes);
    Dossier {
        meta: cover::meta(f),
        cover: cover::cover(f),
        front,
        sections: body,
        watermark: f.draft().then(|| "DRAFT".to_owned()),
    }
}

/// The dossier version: the one asked for, else the date (`YYYY.MM.DD`).
fn version(f: &Facts<'_>) -> String {
    f.opts
        .version
        .clone()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| f.opts.date.format("%Y.%m.%d").to_string())
}

/// How a verdict reads in the dossier.
fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "Ready",
        Verdict::NearlyReady => "Nearly ready",
        Verdict::NotReady => "Not ready",
    }
}

/// The colour of a verdict.
fn verdict_tone(v: Verdict) -> Tone {
    match v {
        Verdict::Ready => Tone::Good,
        Verdict::NearlyReady => Tone::Warn,
        Verdict::NotReady => Tone::Bad,
    }
}

/// "Nearly ready — 72 %".
fn stage_line(s: &StageResult) -> String {
    format!(
        "{} — {}",
        verdict_label(s.verdict),
        pct(round1(s.capped_score))
    )
}

/// (approved, total) required documents (kind document).
fn document_counts(f: &Facts<'_>) -> (usize, usize) {
    let docs: Vec<_> = f
        .required()
        .filter(|e| e.kind == DocumentKind::Document)
        .collect();
    let approved = docs.iter().filter(|e| e.approved_version.is_some()).count();
    (approved, docs.len())
}

/// (open, overdue) actions.
fn action_counts(f: &Facts<'_>) -> (usize, usize) {
    let open = f
        .plan
        .iter()
        .filter(|a| a.action.status != ActionStatus::Done)
        .count();
    let overdue = f.plan.iter().filter(|a| a.overdue).count();
    (open, overdue)
}

/// "A, B and C".
fn join(items: &[String]) -> String {
    ready20k_domain::wizard::scope::join_and(items)
}

/// "2 Documented": a maturity level with its label.
fn level_label(l: MaturityLevel) -> String {
    format!("{} {}", l.value(), l.describe().label)
}

/// The short title of a library clause (empty when unknown).
fn clause_title(f: &Facts<'_>, id: &str) -> String {
    f.lib
        .clause(id)
        .map(|c| c.title.clone())
        .unwrap_or_default()
}
