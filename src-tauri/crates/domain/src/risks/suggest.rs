//! Suggested risks and opportunities, seeded from the wizard's data: its issues (words such as
//! "key knowledge", "ransomware", "growth"), its services, its suppliers, its interested
//! parties, the climate decision and the size of the team.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Rating, Risk, RiskKind, SourceKind};
use crate::wizard::{IssueKind, OtherPartyKind, WizardData};

/// A suggested entry; adopting it creates a [`Risk`] with `suggestion_key` set, which hides
/// the suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskSuggestion {
    /// Stable key, e.g. `issue:3:key_person`, `service:2:outage`, `supplier:4:failure`.
    pub key: String,
    /// Risk or opportunity.
    pub kind: RiskKind,
    /// Suggested title.
    pub title: String,
    /// Why it is suggested and what could happen.
    pub description: String,
    /// Where it comes from.
    pub source: SourceKind,
    /// The row of the source.
    pub source_id: Option<i64>,
    /// An information-security risk.
    pub infosec: bool,
    /// A starting rating (to be adjusted).
    pub inherent: Rating,
}

impl RiskSuggestion {
    /// The entry adopting this suggestion would create (no owner, open, no review date).
    pub fn to_risk(&self) -> Risk {
        Risk {
            description: self.description.clone(),
            source_id: self.source_id,
            suggestion_key: Some(self.key.clone()),
            infosec: self.infosec,
            ..Risk::new(self.kind, &self.title, self.source, self.inherent)
        }
    }
}

/// A theme recognised in an issue's words.
struct Theme {
    id: &'static str,
    words: &'static [&'static str],
    kind: RiskKind,
    infosec: bool,
    rating: (u8, u8),
    title: fn(&str) -> String,
}

const THEMES: &[Theme] = &[
    Theme {
        id: "key_person",
        words: &[
            "key knowledge",
            "key person",
            "key people",
            "only one",
            "two engineers",
            "one engineer",
            "single point",
            "depends on",
            "knowledge sits",
        ],
        kind: RiskKind::Risk,
        infosec: false,
        rating: (3, 4),
        title: |_| "Key-person dependency: knowledge held by too few people".into(),
    },
    Theme {
        id: "security",
        words: &[
            "ransomware",
            "phishing",
            "cyber",
            "security",
            "breach",
            "malware",
            "attack",
        ],
        kind: RiskKind::Risk,
        infosec: true,
        rating: (3, 5),
        title: |_| "Security incident compromises customer systems or data".into(),
    },
    Theme {
        id: "staffing",
        words: &["recruit", "hiring", "staff turnover", "skills", "shortage"],
        kind: RiskKind::Risk,
        infosec: false,
        rating: (3, 3),
        title: |_| "Not enough skilled staff to deliver the services".into(),
    },
    Theme {
        id: "compliance",
        words: &["regulation", "gdpr", "nis2", "legal", "law", "compliance"],
        kind: RiskKind::Risk,
        infosec: false,
        rating: (2, 4),
        title: |_| "A legal or regulatory requirement is missed".into(),
    },
    Theme {
        id: "growth",
        words: &["growth", "new customers", "demand", "market", "expand"],
        kind: RiskKind::Opportunity,
        infosec: false,
        rating: (3, 3),
        title: |_| "Win new customers with the certified service".into(),
    },
    Theme {
        id: "automation",
        words: &["automation", "automate", "new tool"],
        kind: RiskKind::Opportunity,
        infosec: false,
        rating: (3, 2),
        title: |_| "Automate routine work to improve service levels".into(),
    },
];

fn matches(text: &str, words: &[&str]) -> bool {
    let t = format!("{} ", text.to_lowercase());
    words.iter().any(|w| t.contains(w))
}

/// Suggestions from the wizard's data that no entry of `existing` has adopted yet (by
/// suggestion key), in a stable order: issues, services, suppliers, parties, climate, size.
pub fn suggest(data: &WizardData, existing: &[Risk]) -> Vec<RiskSuggestion> {
    let mut out = Vec::new();
    let mut key_person_seen = false;
    for issue in &data.issues {
        for theme in THEMES {
            if !matches(&issue.text, theme.words) {
                continue;
            }
            key_person_seen |= theme.id == "key_person";
            let side = match issue.kind {
                IssueKind::Internal => "internal",
                IssueKind::External => "external",
            };
            out.push(RiskSuggestion {
                key: format!("issue:{}:{}", issue.id, theme.id),
                kind: theme.kind,
                title: (theme.title)(&issue.text),
                description: format!("From the {side} issue \"{}\".", issue.text.trim()),
                source: SourceKind::ContextIssue,
                source_id: Some(issue.id),
                infosec: theme.infosec,
                inherent: Rating {
                    likelihood: theme.rating.0,
                    impact: theme.rating.1,
                },
            });
        }
    }
    for s in &data.services {
        out.push(RiskSuggestion {
            key: format!("service:{}:outage", s.id),
            kind: RiskKind::Risk,
            title: format!("{} is unavailable longer than agreed", s.name.trim()),
            description: format!(
                "An outage of {} breaks the service levels agreed with its customers{}.",
                s.name.trim(),
                if s.sla_targets.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", s.sla_targets.trim())
                }
            ),
            source: SourceKind::Service,
            source_id: Some(s.id),
            infosec: false,
            inherent: Rating {
                likelihood: 3,
                impact: 4,
            },
        });
        out.push(RiskSuggestion {
            key: format!("service:{}:data_loss", s.id),
            kind: RiskKind::Risk,
            title: format!("Customer data of {} is lost or disclosed", s.name.trim()),
            description: "Backups that do not restore, or access that is not removed in time, \
                          expose or lose customer data."
                .into(),
            source: SourceKind::Service,
            source_id: Some(s.id),
            infosec: true,
            inherent: Rating {
                likelihood: 2,
                impact: 5,
            },
        });
    }
    for p in &data.other_parties {
        let (title, description) = match p.kind {
            OtherPartyKind::Customer => (
                format!("{} does not provide its part of the service", p.name.trim()),
                format!(
                    "The customer provides {}; if it fails, our service levels suffer.",
                    non_empty(&p.provides, "part of the service")
                ),
            ),
            _ => (
                format!("{} fails to deliver", p.name.trim()),
                format!(
                    "{} provides {}; a failure or price change hits our services.",
                    p.name.trim(),
                    non_empty(&p.provides, "part of the service")
                ),
            ),
        };
        out.push(RiskSuggestion {
            key: format!("supplier:{}:failure", p.id),
            kind: RiskKind::Risk,
            title,
            description,
            source: SourceKind::Supplier,
            source_id: Some(p.id),
            infosec: false,
            inherent: Rating {
                likelihood: 2,
                impact: 4,
            },
        });
    }
    for p in &data.parties {
        if p.requirements.trim().is_empty() {
            continue;
        }
        out.push(RiskSuggestion {
            key: format!("party:{}:requirements", p.id),
            kind: RiskKind::Risk,
            title: format!("A requirement of {} is not met", p.name.trim()),
            description: format!("{} requires: {}", p.name.trim(), p.requirements.trim()),
            source: SourceKind::InterestedParty,
            source_id: Some(p.id),
            infosec: false,
            inherent: Rating {
                likelihood: 2,
                impact: 3,
            },
        });
    }
    if data.climate.relevant == Some(true) {
        out.push(RiskSuggestion {
            key: "climate:physical".into(),
            kind: RiskKind::Risk,
            title: "Extreme weather disrupts the office, data centre or staff travel".into(),
            description: format!(
                "The firm decided climate change is relevant: {}",
                data.climate.rationale.trim()
            ),
            source: SourceKind::Climate,
            source_id: None,
            infosec: false,
            inherent: Rating {
                likelihood: 2,
                impact: 3,
            },
        });
    }
    let team = data.people.iter().filter(|p| !p.external).count();
    let headcount = (data.profile.headcount as usize).max(team);
    if !key_person_seen && (1..=15).contains(&headcount) {
        out.push(RiskSuggestion {
            key: "team:key_person".into(),
            kind: RiskKind::Risk,
            title: "Key-person dependency: knowledge held by too few people".into(),
            description: format!(
                "With {headcount} people, absence or departure of one engineer can stop a \
                 service. Name deputies and write down how things are done."
            ),
            source: SourceKind::Other,
            source_id: None,
            infosec: false,
            inherent: Rating {
                likelihood: 3,
                impact: 4,
            },
        });
    }
    out.retain(|s| {
        !existing
            .iter()
            .any(|r| r.suggestion_key.as_deref() == Some(s.key.as_str()))
    });
    out
}

fn non_empty<'a>(s: &'a str, fallback: &'a str) -> &'a str {
    if s.trim().is_empty() {
        fallback
    } else {
        s.trim()
    }
}
