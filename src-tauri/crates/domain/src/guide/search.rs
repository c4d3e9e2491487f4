//! The command palette's search: clauses by number, title or words, and the app's screens by
//! name, ranked best first.
//!
//! Every word of the query must match somewhere. A clause number (`8.5`, `8.5.1.3`) matches
//! that clause first, then its sub-clauses in catalogue order. A word scores highest as the
//! start of a word of a screen's name or a clause's title, less inside a title, and least in
//! the clause's guidance text. Ties keep screens before clauses and each in its own order.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::within;
use crate::content::{Clause, Library};

/// Hits returned when the caller asks for no particular number.
pub const DEFAULT_LIMIT: usize = 12;

/// A screen of the app the palette can go to (the UI sends its list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScreenEntry {
    /// The UI's screen id, e.g. `scorecard`.
    pub id: String,
    /// Its name in the navigation, e.g. `Scorecard`.
    pub label: String,
}

/// What a palette hit opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A clause: its guide and its questions.
    Clause,
    /// A screen of the app.
    Screen,
}

/// One result of the palette, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaletteHit {
    /// Clause or screen.
    pub kind: HitKind,
    /// Clause number or screen id.
    pub id: String,
    /// Clause title or screen name.
    pub title: String,
    /// A line under the title: the clause's summary, or what the screen is.
    pub detail: String,
    /// Self-assessment questions on the clause and its sub-clauses (0 for screens).
    pub questions: u32,
}

/// Words that only say "a clause" and never narrow the search.
const NOISE: [&str; 4] = ["clause", "clauses", "iso", "§"];

/// The hits for `query`, at most `limit`. An empty query lists the screens, then the
/// top-level clauses.
pub fn search(
    lib: &Library,
    screens: &[ScreenEntry],
    query: &str,
    limit: usize,
) -> Vec<PaletteHit> {
    let lower = query.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_start_matches('§').trim_end_matches('.'))
        .filter(|t| !t.is_empty() && !NOISE.contains(t))
        .collect();
    // (score, order, hit): order keeps screens before clauses on a tie.
    let mut ranked: Vec<(u32, usize, PaletteHit)> = Vec::new();
    for (i, s) in screens.iter().enumerate() {
        let score = if tokens.is_empty() {
            Some(1)
        } else {
            all_tokens(&tokens, |t| {
                words_score(&s.label, t, 150, 90).max(exact(&s.id, t, 150))
            })
        };
        if let Some(score) = score {
            ranked.push((score, i, screen_hit(s)));
        }
    }
    for (i, c) in lib.clauses.iter().enumerate() {
        let score = if tokens.is_empty() {
            (c.parent().is_none()).then_some(1)
        } else {
            all_tokens(&tokens, |t| clause_score(c, t))
        };
        if let Some(score) = score {
            ranked.push((score, screens.len() + i, clause_hit(lib, c)));
        }
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(limit).map(|(_, _, h)| h).collect()
}

/// The sum of `score` over the tokens, or `None` when one of them matches nothing.
fn all_tokens(tokens: &[&str], score: impl Fn(&str) -> u32) -> Option<u32> {
    tokens.iter().try_fold(0, |sum, t| match score(t) {
        0 => None,
        s => Some(sum + s),
    })
}

/// How well token `t` matches clause `c` (0: not at all).
fn clause_score(c: &Clause, t: &str) -> u32 {
    if is_number(t) {
        return if c.id == t {
            1000
        } else if within(&c.id, t) {
            500
        } else {
            0
        };
    }
    let title = words_score(&c.title, t, 100, 60);
    if title > 0 {
        return title;
    }
    let text = [&c.summary, &c.small_firm]
        .into_iter()
        .chain(&c.evidence)
        .chain(&c.amendment);
    if text.into_iter().any(|s| words_score(s, t, 1, 1) > 0) {
        20
    } else {
        0
    }
}

/// A clause number or the start of one: digits and dots, starting with a digit.
fn is_number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `word` when a word of `text` starts with `t` (a bit more when it is the whole word),
/// `inside` when `t` occurs elsewhere in `text`, else 0. A plural `t` also matches its
/// singular (`changes` finds "change").
fn words_score(text: &str, t: &str, word: u32, inside: u32) -> u32 {
    let lower = text.to_lowercase();
    let singular = t.strip_suffix('s').filter(|s| s.len() >= 3);
    let mut best = 0;
    for w in lower.split(|c: char| !c.is_alphanumeric()) {
        for t in std::iter::once(t).chain(singular) {
            if w == t {
                return word + 20;
            }
            if w.starts_with(t) {
                best = word;
            }
        }
    }
    if best == 0 && lower.contains(t) {
        inside
    } else {
        best
    }
}

/// `score` when `id` is exactly `t`.
fn exact(id: &str, t: &str, score: u32) -> u32 {
    if id.eq_ignore_ascii_case(t) { score } else { 0 }
}

fn screen_hit(s: &ScreenEntry) -> PaletteHit {
    PaletteHit {
        kind: HitKind::Screen,
        id: s.id.clone(),
        title: s.label.clone(),
        detail: "Go to this screen".into(),
        questions: 0,
    }
}

fn clause_hit(lib: &Library, c: &Clause) -> PaletteHit {
    PaletteHit {
        kind: HitKind::Clause,
        id: c.id.clone(),
        title: c.title.clone(),
        detail: c.summary.clone(),
        questions: u32::try_from(
            lib.questions
                .iter()
                .filter(|q| within(&q.clause, &c.id))
                .count(),
        )
        .unwrap_or(u32::MAX),
    }
}
