//! Everything the sections print, computed once from the snapshot with the domain rules.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ready20k_domain::assessment::{self, Action, AnswerRecord, Evidence, PlannedAction};
use ready20k_domain::content::{DocumentKind, Library};
use ready20k_domain::documents::{self, DocStatus, Register, RegisterEntry};
use ready20k_domain::scoring::{self, Scorecard};
use ready20k_domain::snapshot::{DocumentSnap, ProjectSnapshot, VersionSnap};
use ready20k_domain::wizard::WizardData;
use ready20k_domain::wizard::raci::{RaciMatrix, raci};
use ready20k_domain::wizard::scope::effective_statement;
use ready20k_domain::wizard::sod::{SodReport, sod_of};

use super::DossierOptions;
use super::convert;

/// The project as the dossier sees it.
pub struct Facts<'a> {
    /// The snapshot.
    pub snap: &'a ProjectSnapshot,
    /// The content library.
    pub lib: &'a Library,
    /// Options (date, pack).
    pub opts: &'a DossierOptions,
    /// Wizard data (current people).
    pub data: WizardData,
    /// Every person ever recorded, by id.
    pub names: BTreeMap<i64, String>,
    /// The scorecard on the dossier date.
    pub scorecard: Scorecard,
    /// Evidence rows (without content).
    pub evidence: Vec<Evidence>,
    /// The ordered action plan.
    pub plan: Vec<PlannedAction>,
    /// The document register on the dossier date.
    pub register: Register,
    /// Separation-of-duties findings.
    pub sod: SodReport,
    /// The RACI matrix.
    pub raci: RaciMatrix,
    /// The scope statement in force.
    pub scope: String,
}

/// The scorecard of a snapshot on `today`, judged like the app judges the project: with its
/// setup errors, separation-of-duties conflicts, scoring settings, registers and records.
pub fn scorecard(snap: &ProjectSnapshot, lib: &Library, today: NaiveDate) -> Scorecard {
    let (data, answers, evidence) = answered(snap);
    scorecard_with(snap, lib, &data, &answers, &evidence, today)
}

/// The snapshot's wizard data, answers and evidence as the domain reads them.
fn answered(snap: &ProjectSnapshot) -> (WizardData, Vec<AnswerRecord>, Vec<Evidence>) {
    let data = convert::wizard_data(&snap.wizard);
    let answers = snap
        .assessment
        .answers
        .iter()
        .map(convert::answer)
        .collect();
    let evidence = snap
        .assessment
        .evidence
        .iter()
        .map(convert::evidence)
        .collect();
    (data, answers, evidence)
}

fn scorecard_with(
    snap: &ProjectSnapshot,
    lib: &Library,
    data: &WizardData,
    answers: &[AnswerRecord],
    evidence: &[Evidence],
    today: NaiveDate,
) -> Scorecard {
    let scoring_answers = assessment::scoring_answers(answers, evidence, today);
    let settings = scoring::ScoringSettings::from_pairs(
        snap.settings
            .iter()
            .map(|s| (s.key.as_str(), s.value.as_str())),
    );
    let basis = scoring::RecordBasis::from_snapshot(snap, lib, data, today);
    let inputs = scoring::inputs_for(lib, data.clone(), &settings, &basis, today);
    scoring::score_project(lib, &scoring_answers, &inputs)
}

impl<'a> Facts<'a> {
    /// Computes the facts.
    pub fn new(snap: &'a ProjectSnapshot, lib: &'a Library, opts: &'a DossierOptions) -> Self {
        let today = opts.date;
        let (data, answers, evidence) = answered(snap);
        let scorecard = scorecard_with(snap, lib, &data, &answers, &evidence, today);
        let actions: Vec<Action> = snap
            .assessment
            .actions
            .iter()
            .map(convert::action)
            .collect();
        let plan = assessment::plan(&actions, &lib.questions, &scorecard, today);
        let summaries: Vec<_> = snap.documents.iter().map(convert::doc_summary).collect();
        let register = documents::register(lib, &data, &summaries, today);
        let sod = sod_of(lib, &data);
        let raci = raci(lib, &data);
        let scope = effective_statement(&data);
        Self {
            names: convert::names(&snap.wizard),
            snap,
            lib,
            opts,
            data,
            scorecard,
            evidence,
            plan,
            register,
            sod,
            raci,
            scope,
        }
    }

    /// The reasons of the open setup errors (what the setup wizard would refuse in this
    /// project), as the Stage 1 verdict lists them; empty when the setup data is consistent.
    pub fn setup_errors(&self) -> Vec<String> {
        self.scorecard
            .stage1
            .caps
            .iter()
            .filter(|c| c.code == scoring::CapCode::SetupError)
            .map(|c| c.reason.trim().to_owned())
            .collect()
    }

    /// The firm's name: trading name, else legal name, else the project's name.
    pub fn firm(&self) -> String {
        let n = self.data.firm_name();
        if n.is_empty() {
            self.snap.project.firm_name.trim().to_owned()
        } else {
            n.to_owned()
        }
    }

    /// The firm's legal name (or [`Facts::firm`]).
    pub fn legal_name(&self) -> String {
        let n = self.data.profile.legal_name.trim();
        if n.is_empty() {
            self.firm()
        } else {
            n.to_owned()
        }
    }

    /// Name of a person by id (removed people too).
    pub fn person(&self, id: Option<i64>) -> String {
        id.and_then(|i| self.names.get(&i).cloned())
            .unwrap_or_default()
    }

    /// Names of the holders of a role, joined ("A and B"), or an empty string.
    pub fn holders(&self, role: &str) -> String {
        ready20k_domain::wizard::scope::join_and(&self.data.holder_names(role))
    }

    /// The name of a library role (its id when unknown).
    pub fn role_name(&self, role: &str) -> String {
        self.lib
            .role(role)
            .map_or_else(|| role.to_owned(), |r| r.name.clone())
    }

    /// Register entries of required documents (not records) and records.
    pub fn required(&self) -> impl Iterator<Item = &RegisterEntry> {
        self.register.entries.iter().filter(|e| e.required)
    }

    /// Required documents (kind document) without an approved version.
    pub fn unapproved_required_documents(&self) -> Vec<&RegisterEntry> {
        self.required()
            .filter(|e| e.kind == DocumentKind::Document && e.approved_version.is_none())
            .collect()
    }

    /// Whether the dossier is a draft (some required document is not approved).
    pub fn draft(&self) -> bool {
        !self.unapproved_required_documents().is_empty()
    }

    /// Documents with an approved version, in register order (library documents first, then
    /// the firm's own), each with that version.
    pub fn approved_documents(&self) -> Vec<(&DocumentSnap, &VersionSnap)> {
        let mut out = Vec::new();
        for e in &self.register.entries {
            let Some(doc) = self.snap.documents.iter().find(|d| d.doc_key == e.key) else {
                continue;
            };
            if let Some(v) = convert::approved_version(doc) {
                out.push((doc, v));
            }
        }
        out
    }

    /// The register entry of a document key.
    pub fn entry(&self, key: &str) -> Option<&RegisterEntry> {
        self.register.entries.iter().find(|e| e.key == key)
    }

    /// Whether a register status counts as approved.
    pub fn is_approved(status: DocStatus) -> bool {
        matches!(
            status,
            DocStatus::Approved | DocStatus::DueForReview | DocStatus::Overdue
        )
    }

    /// Evidence ids supporting questions of `clause`.
    pub fn evidence_for_clause(&self, clause: &str) -> Vec<&Evidence> {
        self.evidence
            .iter()
            .filter(|e| {
                e.questions.iter().any(|q| {
                    self.lib
                        .question(q)
                        .is_some_and(|question| question.clause == clause)
                })
            })
            .collect()
    }

    /// The clause of an evidence item: the clauses of its questions, distinct, in order.
    pub fn evidence_clauses(&self, e: &Evidence) -> Vec<String> {
        let mut out: Vec<String> = e
            .questions
            .iter()
            .filter_map(|q| self.lib.question(q).map(|q| q.clause.clone()))
            .collect();
        out.sort_by(|a, b| scoring::clause_order(a, b));
        out.dedup();
        out
    }
}
