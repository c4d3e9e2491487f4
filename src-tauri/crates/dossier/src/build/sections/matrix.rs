//! Section 6: the compliance matrix, every requirement of clauses 4 to 10 with its status,
//! evidence and documents.

use ready20k_domain::content::ClauseKind;
use ready20k_domain::documents::DocStatus;
use ready20k_domain::scoring::round1;

use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{clip, long_date, p, pct, sec};
use crate::model::{Block, Cell, KeyValue, Run, Section, Tone};

/// The firm's reference for a library document in a matrix cell: key and approved version.
fn doc_ref(f: &Facts<'_>, key: &str) -> (String, Tone) {
    match f.entry(key) {
        Some(e) => match (&e.approved_version, e.status) {
            (Some(v), _) => (format!("{key} v{v}"), Tone::Neutral),
            (None, DocStatus::Missing) => (format!("{key} (missing)"), Tone::Bad),
            (None, s) => (format!("{key} ({})", s.label().to_lowercase()), Tone::Warn),
        },
        None => (key.to_owned(), Tone::Neutral),
    }
}

/// Section 6.
pub(super) fn matrix(f: &Facts<'_>) -> Section {
    let mut requirements = Vec::new();
    let (mut met, mut partly, mut not_met, mut unassessed) = (0, 0, 0, 0);
    for c in f
        .lib
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement)
    {
        let score = f.scorecard.clauses.get(&c.id);
        let (label, tone, score_text) = match score {
            Some(s) if s.questions > 0 && s.answered == 0 => {
                unassessed += 1;
                ("Not assessed", Tone::Bad, "—".to_owned())
            }
            Some(s) if s.questions > 0 => {
                let text = pct(round1(s.score));
                if s.score >= 99.95 {
                    met += 1;
                    ("Met", Tone::Good, text)
                } else if s.score >= 50.0 {
                    partly += 1;
                    ("Partly met", Tone::Warn, text)
                } else {
                    not_met += 1;
                    ("Not met", Tone::Bad, text)
                }
            }
            _ => ("No questions", Tone::Neutral, "—".to_owned()),
        };
        requirements.push((c, label, tone, score_text));
    }
    let evidence = |id: &str| {
        let ev = f.evidence_for_clause(id);
        let text = if ev.is_empty() {
            "—".to_owned()
        } else {
            ev.iter()
                .map(|e| format!("E-{:03} {}", e.id, e.title.trim()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        Cell::text(clip(&text, 600))
    };
    let documents = |keys: &[String]| {
        if keys.is_empty() {
            return Cell::text("—");
        }
        let mut runs = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                runs.push(Run::plain(", "));
            }
            runs.push(Run::plain(doc_ref(f, k).0));
        }
        Cell::runs(runs)
    };
    sec(
        "Compliance matrix",
        vec![
            p(
                "Every requirement of clauses 4 to 10 with its status from the self-assessment, \
                 the evidence an auditor can inspect and the documents that control it. \
                 \"Met\" means every question of the requirement is operated with records \
                 (level 4 or above). Titles are short identifiers; refer to the standard for \
                 the exact wording.",
            ),
            Block::KeyValue(vec![KeyValue::new(
                "Summary",
                format!(
                    "{met} met, {partly} partly met, {not_met} not met, {unassessed} not \
                     assessed"
                ),
            )]),
            rows(requirements)
                .col("Clause", 0.85, |(c, ..)| {
                    Cell::runs(vec![Run::bold(c.id.clone())])
                })
                .col("Requirement", 2.2, |(c, ..)| Cell::text(c.title.clone()))
                .centered("Score", 0.75, |(.., score)| Cell::text(score.clone()))
                .centered("Status", 1.15, |(_, label, tone, _)| {
                    Cell::toned(*label, *tone)
                })
                .col("Evidence", 2.5, |(c, ..)| evidence(&c.id))
                .col("Documents", 2.1, |(c, ..)| documents(&c.documents))
                .compact()
                .caption(format!(
                    "Compliance matrix, assessed {}",
                    long_date(f.opts.date)
                )),
        ],
        Vec::new(),
    )
}
