//! The self-assessment's tables (migration `0005_assessment`), one module per table group:
//! [`answers`], [`evidence`], [`actions`], [`snapshots`]; [`review`] holds the answers marked
//! "review this" after the question bank changed (migration `0006_question_bank`).
//!
//! Reads take a `&Connection`; every write takes `&mut Connection`, runs in its own
//! transaction and appends an `assessment_*` entry to the journal. [`scorecard`] scores the
//! stored answers with the embedded question bank, which is what the scorecard screen, the
//! CLI and the dossier show.

pub mod actions;
pub mod answers;
pub mod basis;
pub mod evidence;
pub(crate) mod record_evidence;
pub mod review;
pub mod settings;
pub mod snapshots;

use chrono::NaiveDate;
use std::collections::BTreeMap;

use ready20k_domain::assessment::{
    self, AssessmentView, EvidenceEntry, LinkableDocument, ScorecardView,
};
use ready20k_domain::content::{Library, try_library};
use ready20k_domain::scoring::{
    MaturityLevel, Scorecard, VerdictInputs, inputs_for, rules_change, score, score_project,
};
use rusqlite::{Connection, Transaction};

use crate::documents;
use crate::wizard::{people, services};
use crate::{Result, StoreError};

/// The embedded content library, or an error the UI can show.
pub fn library() -> Result<&'static Library> {
    try_library().map_err(|e| StoreError::Content(format!("The question bank is broken: {e}")))
}

/// What the verdicts need besides the answers on `today`: setup errors and separation of
/// duties from the wizard data, the operating period from the scoring settings, and the
/// registers and records ([`basis::record_basis`]).
pub fn verdict_inputs(conn: &Connection, today: NaiveDate) -> Result<VerdictInputs> {
    let lib = library()?;
    let data = crate::wizard::load(conn)?;
    let settings = settings::scoring_settings(conn)?;
    let basis = basis::record_basis(conn, lib, today)?;
    Ok(inputs_for(lib, data, &settings, &basis, today))
}

/// Scores the stored answers on `today` (evidence past its expiry date no longer counts, and
/// each kind of evidence carries a claim only so far), judged with [`verdict_inputs`].
pub fn scorecard(conn: &Connection, today: NaiveDate) -> Result<Scorecard> {
    let lib = library()?;
    let answers = answers::list_answers(conn)?;
    let evidence = evidence::list_evidence(conn)?;
    let map = assessment::scoring_answers(&answers, &evidence, today);
    Ok(score_project(lib, &map, &verdict_inputs(conn, today)?))
}

/// The newest approved version of every document in the register, as evidence can link it.
pub fn linkable_documents(conn: &Connection) -> Result<Vec<LinkableDocument>> {
    let approved = documents::approved_documents(conn)?;
    Ok(approved
        .into_iter()
        .map(|d| LinkableDocument {
            document_id: d.key,
            title: d.title,
            version: d.version.id,
            version_label: d.version.number.to_string(),
        })
        .collect())
}

/// Everything the assessment screen shows.
pub fn view(conn: &Connection, today: NaiveDate) -> Result<AssessmentView> {
    let lib = library()?;
    let documents = linkable_documents(conn)?;
    let answers = answers::list_answers(conn)?;
    let evidence = evidence::list_evidence(conn)?;
    let map = assessment::scoring_answers(&answers, &evidence, today);
    let card = score(&lib.questions, &map);
    Ok(AssessmentView {
        today: today.format("%Y-%m-%d").to_string(),
        scale: MaturityLevel::scale().to_vec(),
        sections: assessment::sections(lib),
        effective_levels: assessment::effective_levels(lib, &answers, &evidence, today),
        answers,
        evidence: evidence
            .into_iter()
            .map(|e| EvidenceEntry {
                status: assessment::evidence_status(&e, today),
                evidence: e,
            })
            .collect(),
        people: people::list_people(conn)?,
        other_parties: services::list_other_parties(conn)?,
        documents,
        clause_scores: card
            .clauses
            .into_iter()
            .map(|(id, c)| (id, c.score))
            .collect(),
        review: review::list_review(conn)?,
    })
}

/// Labels and rules versions of the stored snapshots (version 1 for scorecards stored
/// before rules were versioned), in id order.
pub fn snapshot_rules(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT label, coalesce(json_extract(scorecard, '$.rules'), 1) FROM snapshot ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Everything the scorecard screen shows on `today`.
pub fn scorecard_view(conn: &Connection, today: NaiveDate) -> Result<ScorecardView> {
    let lib = library()?;
    let answers = answers::list_answers(conn)?;
    let evidence = evidence::list_evidence(conn)?;
    let map = assessment::scoring_answers(&answers, &evidence, today);
    let inputs = verdict_inputs(conn, today)?;
    let card = score_project(lib, &map, &inputs);
    let clause_titles = card
        .clauses
        .keys()
        .filter_map(|id| lib.clause(id).map(|c| (id.clone(), c.title.clone())))
        .collect();
    let plan = assessment::plan(&actions::list_actions(conn)?, &lib.questions, &card, today);
    let rules_change = rules_change(lib, &map, &inputs, &card, &snapshot_rules(conn)?);
    Ok(ScorecardView {
        today: today.format("%Y-%m-%d").to_string(),
        scorecard: card,
        clause_titles,
        plan,
        snapshots: snapshots::list_snapshots(conn)?,
        people: people::list_people(conn)?,
        settings: settings::scoring_settings(conn)?,
        target_date: crate::wizard::load(conn)?.profile.target_date,
        rules_change,
    })
}

/// Clause scores (0..=100) keyed by clause id, on `today`.
pub fn clause_scores(conn: &Connection, today: NaiveDate) -> Result<BTreeMap<String, f64>> {
    Ok(scorecard(conn, today)?
        .clauses
        .into_iter()
        .map(|(id, c)| (id, c.score))
        .collect())
}

pub(crate) use crate::journal::write;

/// `Invalid` unless `id` is a question of the bank.
pub(crate) fn known_question(id: &str) -> Result<()> {
    if library()?.question(id).is_some() {
        Ok(())
    } else {
        Err(StoreError::UnknownReference(format!(
            "There is no question {id} in the question bank."
        )))
    }
}

/// `Invalid` unless `id` is a current person (or absent).
pub(crate) fn known_person(tx: &Transaction<'_>, id: Option<i64>) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM person WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if n == 0 {
        return Err(StoreError::UnknownReference(format!(
            "Person {id} is not on the people list; pick someone from the setup wizard's list."
        )));
    }
    Ok(())
}

/// A checked `YYYY-MM-DD` date (or none).
pub(crate) fn date(text: Option<&str>, what: &str) -> Result<Option<String>> {
    assessment::normalise_date(text, what).map_err(|e| StoreError::InvalidDate(e.message))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod tests;
