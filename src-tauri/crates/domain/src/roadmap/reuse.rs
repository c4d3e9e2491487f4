//! Reuse and upgrade: the 2011 -> 2018 crosswalk laid over the firm's register, and the
//! documents an ISO/IEC 27001 or ISO 9001 system can lend (from the content library's
//! [`Crosswalks`](crate::content::Crosswalks)).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RoadmapFacts;
use crate::content::{DocumentKind, Library};
use crate::documents::{DocStatus, Register};
use crate::scoring::round1;
use crate::wizard::{FirmProfile, HeldCertificate};

/// A 2018 clause with where the firm stands on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ClauseState {
    /// Clause id of the 2018 edition.
    pub clause: String,
    /// Its short title.
    pub title: String,
    /// The clause's score (0..=100, one decimal) when it has questions.
    pub score: Option<f64>,
    /// Questions answered of those the clause has.
    pub answered: u32,
    /// Questions the clause has.
    pub questions: u32,
    /// Required documents serving the clause, with their status.
    pub documents: Vec<(String, DocStatus)>,
}

/// One 2011 clause and the 2018 clauses that take it over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UpgradeRow {
    /// Clause number in the 2011 edition.
    pub from: String,
    /// Its short title.
    pub from_title: String,
    /// What changed, in plain words.
    pub note: String,
    /// The 2018 clauses, with the firm's state on each.
    pub to: Vec<ClauseState>,
}

/// A standard a document can also serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReuseLink {
    /// The other standard, e.g. `ISO/IEC 27001:2022`.
    pub standard: String,
    /// Its clause numbers.
    pub clauses: Vec<String>,
    /// How far it serves.
    pub note: String,
}

/// A required document, and what an existing system may lend to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReuseDocument {
    /// Library document id.
    pub document: String,
    /// Its title.
    pub title: String,
    /// Its status in the firm's register.
    pub status: DocStatus,
    /// The held standards it can start from (empty: write it for ISO/IEC 20000-1).
    pub links: Vec<ReuseLink>,
}

/// What the firm's existing certificates let it reuse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReuseView {
    /// Certificates the firm holds, in profile order.
    pub held: Vec<HeldCertificate>,
    /// For a 2011 certificate: every 2011 clause mapped onto the 2018 register.
    pub upgrade: Vec<UpgradeRow>,
    /// For ISO/IEC 27001 or ISO 9001: the required documents that can start from the
    /// existing system.
    pub reusable: Vec<ReuseDocument>,
    /// For ISO/IEC 27001 or ISO 9001: the required documents to write for ISO/IEC 20000-1.
    pub to_add: Vec<ReuseDocument>,
}

/// Whether a crosswalk's standard name belongs to a held certificate.
fn serves(held: &[HeldCertificate], standard: &str) -> bool {
    held.iter().any(|h| match h {
        HeldCertificate::Iso27001 => standard.starts_with("ISO/IEC 27001"),
        HeldCertificate::Iso9001 => standard.starts_with("ISO 9001"),
        HeldCertificate::Iso20000_2011 => false,
    })
}

fn status_of(reg: &Register, key: &str) -> DocStatus {
    reg.entries
        .iter()
        .find(|e| e.key == key)
        .map_or(DocStatus::Missing, |e| e.status)
}

fn clause_state(lib: &Library, f: &RoadmapFacts<'_>, clause: &str) -> ClauseState {
    let score = f.scorecard.clauses.get(clause);
    ClauseState {
        clause: clause.to_owned(),
        title: lib
            .clause(clause)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        score: score.filter(|s| s.questions > 0).map(|s| round1(s.score)),
        answered: score.map_or(0, |s| s.answered),
        questions: score.map_or(0, |s| s.questions),
        documents: f
            .documents
            .entries
            .iter()
            .filter(|e| e.required && !e.custom && e.clauses.iter().any(|c| c == clause))
            .map(|e| (e.title.clone(), e.status))
            .collect(),
    }
}

/// The reuse view for the certificates in `profile`.
pub fn reuse_view(lib: &Library, f: &RoadmapFacts<'_>, profile: &FirmProfile) -> ReuseView {
    let held: Vec<HeldCertificate> = HeldCertificate::ALL
        .into_iter()
        .filter(|c| profile.certificates.contains(c))
        .collect();
    let upgrade = if held.contains(&HeldCertificate::Iso20000_2011) {
        lib.crosswalks
            .clause_map
            .iter()
            .map(|e| UpgradeRow {
                from: e.from.clone(),
                from_title: e.from_title.clone(),
                note: e.note.clone(),
                to: e.to.iter().map(|c| clause_state(lib, f, c)).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let (mut reusable, mut to_add) = (Vec::new(), Vec::new());
    if held.iter().any(|h| *h != HeldCertificate::Iso20000_2011) {
        for doc in lib
            .documents
            .iter()
            .filter(|d| d.required && d.kind == DocumentKind::Document)
        {
            let links: Vec<ReuseLink> = lib
                .crosswalks
                .standard_map
                .iter()
                .filter(|e| e.document == doc.id && serves(&held, &e.standard))
                .map(|e| ReuseLink {
                    standard: e.standard.clone(),
                    clauses: e.clauses.clone(),
                    note: e.note.clone(),
                })
                .collect();
            let row = ReuseDocument {
                document: doc.id.clone(),
                title: doc.name.clone(),
                status: status_of(f.documents, &doc.id),
                links,
            };
            if row.links.is_empty() {
                to_add.push(row);
            } else {
                reusable.push(row);
            }
        }
    }
    ReuseView {
        held,
        upgrade,
        reusable,
        to_add,
    }
}
