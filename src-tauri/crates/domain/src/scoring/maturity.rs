//! The 0–5 maturity scale, the answer to a question, and the evidence rule that turns an
//! answered level into the *effective* level used for scoring.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::Question;

/// How far a firm has got with the topic of one question, on a 0–5 scale.
///
/// Serialised as its number (`0`..`5`), so the UI and the project file store a plain integer.
/// There is no "not applicable": every requirement of the standard applies, and an unanswered
/// question counts as [`MaturityLevel::Absent`].
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(try_from = "u8", into = "u8")]
#[ts(type = "0 | 1 | 2 | 3 | 4 | 5")]
#[repr(u8)]
pub enum MaturityLevel {
    /// 0: nothing exists and nothing is done.
    #[default]
    Absent = 0,
    /// 1: done informally or depends on one person; or only an unapproved draft exists.
    Initial = 1,
    /// 2: an approved, controlled document exists and owners are named; not yet in use.
    Documented = 2,
    /// 3: the documented way is in use; the first records exist.
    Implemented = 3,
    /// 4: run consistently for at least one full cycle with complete records and a review.
    Operated = 4,
    /// 5: measured against targets, reviewed and improved over more than one cycle.
    Improving = 5,
}

/// Label and plain-language description of one maturity level, for the answer picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct LevelDescription {
    /// The level described.
    pub level: MaturityLevel,
    /// Short label, e.g. `Documented`.
    pub label: &'static str,
    /// One sentence saying what the level means in practice.
    pub description: &'static str,
    /// The evidence the app asks for before the level fully counts.
    pub evidence_hint: &'static str,
}

impl MaturityLevel {
    /// All levels, lowest first.
    pub const ALL: [MaturityLevel; 6] = [
        Self::Absent,
        Self::Initial,
        Self::Documented,
        Self::Implemented,
        Self::Operated,
        Self::Improving,
    ];

    /// The level's number, 0..=5.
    pub const fn value(self) -> u8 {
        self as u8
    }

    /// The level with this number, or `None` above 5.
    pub const fn from_value(value: u8) -> Option<Self> {
        match value {
            0 => Some(Self::Absent),
            1 => Some(Self::Initial),
            2 => Some(Self::Documented),
            3 => Some(Self::Implemented),
            4 => Some(Self::Operated),
            5 => Some(Self::Improving),
            _ => None,
        }
    }

    /// Label, one-sentence description and evidence hint, in our own words.
    pub const fn describe(self) -> LevelDescription {
        let (label, description, evidence_hint) = match self {
            Self::Absent => (
                "Absent",
                "Nothing exists for this topic and nobody does it yet.",
                "Nothing needed.",
            ),
            Self::Initial => (
                "Initial",
                "It happens informally or depends on one person, or there is only an \
                 unapproved draft.",
                "A short note is enough.",
            ),
            Self::Documented => (
                "Documented",
                "An approved, controlled document says how it is done and who owns it, but it \
                 is not in use yet.",
                "Attach or link the approved document.",
            ),
            Self::Implemented => (
                "Implemented",
                "People work the documented way and the first records exist, covering a short \
                 period or with holes.",
                "Attach at least one example record.",
            ),
            Self::Operated => (
                "Operated with records",
                "It has run consistently for a full cycle (about three months for ongoing \
                 work) with complete records and at least one review.",
                "Attach a record sample and the review record.",
            ),
            Self::Improving => (
                "Measured and improving",
                "Results are measured against targets, reviewed, and improvements have been \
                 made and shown to work over more than one cycle.",
                "Attach a KPI trend or before-and-after evidence.",
            ),
        };
        LevelDescription {
            level: self,
            label,
            description,
            evidence_hint,
        }
    }

    /// The whole scale, lowest first, for the UI's answer picker.
    pub fn scale() -> [LevelDescription; 6] {
        Self::ALL.map(Self::describe)
    }
}

impl From<MaturityLevel> for u8 {
    fn from(level: MaturityLevel) -> Self {
        level.value()
    }
}

impl TryFrom<u8> for MaturityLevel {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::from_value(value).ok_or_else(|| format!("maturity level must be 0 to 5, got {value}"))
    }
}

impl std::fmt::Display for MaturityLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.value(), self.describe().label)
    }
}

/// How far the evidence attached to an answer can carry its claim. Ordered: each kind
/// supports everything the kinds before it support.
///
/// The evidence kinds decide how far a claim counts (see [`effective_level`]):
/// - [`Support::Document`]: a linked approved document, or a described location that is not a
///   dated record. It shows the way of working exists and is in use at most: level 3
///   ("implemented" is not "operated").
/// - [`Support::Record`]: a record: a file stored in the project, a dated record location
///   within its review period, or a record the project holds itself (audit reports, review
///   minutes, tickets, once those registers exist). Supports level 4, operated with records.
/// - [`Support::Measurements`]: measurements over time: records from at least two different
///   months. Supports level 5, measured and improving.
///
/// Expired evidence supports nothing ([`Support::None`]).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// No current evidence.
    #[default]
    None,
    /// A document (or an undated location): up to level 3.
    Document,
    /// A record: up to level 4.
    Record,
    /// Measurements over time: up to level 5.
    Measurements,
}

impl Support {
    /// The highest level this evidence supports for a question of `stage` (1 or 2).
    pub const fn ceiling(self, stage: u8) -> MaturityLevel {
        match self {
            Self::None => cap_without_evidence(stage),
            Self::Document => MaturityLevel::Implemented,
            Self::Record => MaturityLevel::Operated,
            Self::Measurements => MaturityLevel::Improving,
        }
    }

    /// What to attach so that `level` counts in full, or `None` when this support is enough
    /// (for a question of `stage`).
    pub fn needed_for(self, level: MaturityLevel, stage: u8) -> Option<Support> {
        [Self::None, Self::Document, Self::Record, Self::Measurements]
            .into_iter()
            .find(|s| s.ceiling(stage) >= level)
            .filter(|s| *s > self)
    }

    /// A few words for what this kind of evidence is, for reasons and hints.
    pub const fn label(self) -> &'static str {
        match self {
            Self::None => "no evidence",
            Self::Document => "a document",
            Self::Record => "a record",
            Self::Measurements => "measurements over time",
        }
    }
}

/// The firm's answer to one question.
///
/// A question with no answer is scored as `Answer::default()` (level 0, no evidence).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Answer {
    /// The level the firm claims.
    pub level: MaturityLevel,
    /// How far the current evidence attached to it carries the claim.
    #[serde(default)]
    pub support: Support,
}

impl Answer {
    /// An answer at `level`, with full support (measurements over time, so the claim counts
    /// as made) or with no evidence at all.
    pub const fn new(level: MaturityLevel, has_evidence: bool) -> Self {
        Self {
            level,
            support: if has_evidence {
                Support::Measurements
            } else {
                Support::None
            },
        }
    }

    /// An answer at `level` backed by evidence of kind `support`.
    pub const fn supported(level: MaturityLevel, support: Support) -> Self {
        Self { level, support }
    }

    /// Whether any current evidence is attached.
    pub fn has_evidence(&self) -> bool {
        self.support > Support::None
    }
}

/// The audit stage a question is mainly checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Stage {
    /// Stage 1: documentation and design.
    One,
    /// Stage 2: implementation and operation with records.
    Two,
}

impl Stage {
    /// The stage of a question: `stage = 1` is Stage 1, anything else is Stage 2 (the content
    /// validation only allows 1 and 2).
    pub(crate) fn of(question: &Question) -> Self {
        if question.stage == 1 {
            Self::One
        } else {
            Self::Two
        }
    }

    /// 1 or 2.
    pub(crate) fn number(self) -> u8 {
        match self {
            Self::One => 1,
            Self::Two => 2,
        }
    }
}

/// The highest level an answer *without* evidence can count for: 1 for a Stage 1 question,
/// 2 for a Stage 2 question (see [`effective_level`]).
pub const fn cap_without_evidence(stage: u8) -> MaturityLevel {
    if stage == 1 {
        MaturityLevel::Initial
    } else {
        MaturityLevel::Documented
    }
}

/// The level a question counts for in every score, gap and verdict.
///
/// **Evidence rule** (section 8.1 of the reference): an answer counts at its claimed level only
/// as far as its evidence carries it ([`Support::ceiling`]):
/// - without evidence a **Stage 1** question counts at most as level 1 (*Initial*): a Stage 1
///   question is about a document, and an unlinked document is treated like an unapproved
///   draft; a **Stage 2** question counts at most as level 2 (*Documented*);
/// - a document supports at most level 3 (*Implemented*);
/// - a record supports at most level 4 (*Operated*);
/// - measurements over time support level 5.
///
/// Unanswered questions count as level 0. The rule is monotone: raising the claimed level or
/// attaching stronger evidence never lowers the effective level.
pub fn effective_level(question: &Question, answer: Option<&Answer>) -> MaturityLevel {
    match answer {
        None => MaturityLevel::Absent,
        Some(a) => a.level.min(a.support.ceiling(question.stage)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(stage: u8) -> Question {
        Question {
            id: "Q-1".into(),
            clause: "4.1".into(),
            text: "t".into(),
            evidence: vec![],
            weight: 2,
            blocking: false,
            stage,
            documents: vec![],
            gate: None,
        }
    }

    #[test]
    fn levels_round_trip_as_numbers() {
        for level in MaturityLevel::ALL {
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, level.value().to_string());
            assert_eq!(serde_json::from_str::<MaturityLevel>(&json).unwrap(), level);
        }
        assert!(serde_json::from_str::<MaturityLevel>("6").is_err());
        assert!(serde_json::from_str::<MaturityLevel>("-1").is_err());
    }

    #[test]
    fn answer_evidence_defaults_to_none() {
        let a: Answer = serde_json::from_str(r#"{"level":3}"#).unwrap();
        assert_eq!(a, Answer::new(MaturityLevel::Implemented, false));
        assert!(!a.has_evidence());
    }

    #[test]
    fn evidence_kinds_decide_how_far_a_claim_counts() {
        use MaturityLevel::*;
        let s2 = question(2);
        let at = |support| effective_level(&s2, Some(&Answer::supported(Improving, support)));
        assert_eq!(at(Support::None), Documented);
        assert_eq!(at(Support::Document), Implemented);
        assert_eq!(at(Support::Record), Operated);
        assert_eq!(at(Support::Measurements), Improving);
        // A document at Stage 1 still supports up to 3; below the ceiling nothing changes.
        let s1 = question(1);
        assert_eq!(
            effective_level(&s1, Some(&Answer::supported(Operated, Support::Document))),
            Implemented
        );
        assert_eq!(
            effective_level(&s1, Some(&Answer::supported(Documented, Support::Document))),
            Documented
        );
        assert_eq!(
            Support::Document.needed_for(Operated, 2),
            Some(Support::Record)
        );
        assert_eq!(Support::Record.needed_for(Operated, 2), None);
        assert_eq!(
            Support::None.needed_for(Documented, 1),
            Some(Support::Document)
        );
        assert_eq!(Support::None.needed_for(Documented, 2), None);
    }

    #[test]
    fn every_level_has_a_distinct_label_and_a_sentence() {
        let scale = MaturityLevel::scale();
        for (i, d) in scale.iter().enumerate() {
            assert_eq!(usize::from(d.level.value()), i);
            assert!(d.description.ends_with('.'), "{}", d.label);
            assert!(!d.evidence_hint.is_empty());
            assert!(scale[..i].iter().all(|o| o.label != d.label));
        }
        assert_eq!(MaturityLevel::Implemented.to_string(), "3 (Implemented)");
    }

    #[test]
    fn evidence_rule_caps_by_stage() {
        use MaturityLevel::*;
        let s1 = question(1);
        let s2 = question(2);
        assert_eq!(effective_level(&s1, None), Absent);
        assert_eq!(
            effective_level(&s1, Some(&Answer::new(Improving, false))),
            Initial
        );
        assert_eq!(
            effective_level(&s1, Some(&Answer::new(Initial, false))),
            Initial
        );
        assert_eq!(
            effective_level(&s1, Some(&Answer::new(Documented, true))),
            Documented
        );
        assert_eq!(
            effective_level(&s2, Some(&Answer::new(Operated, false))),
            Documented
        );
        assert_eq!(
            effective_level(&s2, Some(&Answer::new(Documented, false))),
            Documented
        );
        assert_eq!(
            effective_level(&s2, Some(&Answer::new(Initial, false))),
            Initial
        );
        assert_eq!(
            effective_level(&s2, Some(&Answer::new(Improving, true))),
            Improving
        );
    }
}
