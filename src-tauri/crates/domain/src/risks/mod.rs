//! The risk and opportunity register (6.1); information-security risks (8.7.3.1) are a view of
//! it ([`infosec`]).
//!
//! The firm sets its criteria once ([`RiskCriteria`]: likelihood and impact scales 1–5 in
//! plain words and the acceptance level); each entry has a source, an owner, a rating before
//! and after treatment, a treatment whose actions live in the one action register (by action
//! id), a review date and a status. [`suggest`] seeds entries from the wizard's data,
//! [`heat_map`] counts entries per cell, and [`findings`] applies the rules: past its review
//! date; above the acceptance level with no treatment action.

mod suggest;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Refusal;

pub use suggest::{RiskSuggestion, suggest};

/// The clause risk findings belong to.
pub const CLAUSE: &str = "6.1";

/// The clause of information-security risks.
pub const INFOSEC_CLAUSE: &str = "8.7.3.1";

/// How the firm rates risks: the words for each step of the two scales and the highest score
/// (likelihood × impact) it accepts without treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskCriteria {
    /// Likelihood 1 to 5, in plain words (index 0 is 1).
    pub likelihood: Vec<String>,
    /// Impact 1 to 5, in plain words (index 0 is 1).
    pub impact: Vec<String>,
    /// The highest score (1–25) accepted without treatment.
    pub acceptance: u8,
}

impl Default for RiskCriteria {
    fn default() -> Self {
        let words = |w: [&str; 5]| w.iter().map(|s| (*s).to_owned()).collect();
        Self {
            likelihood: words([
                "Rare: not expected in the next five years",
                "Unlikely: could happen once in a few years",
                "Possible: about once a year",
                "Likely: several times a year",
                "Almost certain: monthly or more often",
            ]),
            impact: words([
                "Negligible: no customer notices",
                "Minor: one customer inconvenienced, no service level missed",
                "Moderate: a service level missed or a customer complaint",
                "Major: several customers affected, penalties or a lost contract",
                "Severe: the firm's survival or certification at stake",
            ]),
            acceptance: 6,
        }
    }
}

/// Why an entry or the criteria were refused: a [`Refusal`] with the code `title_required`,
/// `rating_out_of_range`, `acceptance_out_of_range`, `scale_words_required`, `bad_date` or
/// `source_required`.
pub type RiskProblem = Refusal;

fn problem(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::new(code, message)
}

/// Checks criteria before they are stored: five words per scale, acceptance 1–25.
pub fn check_criteria(c: &RiskCriteria) -> Result<(), RiskProblem> {
    for (name, scale) in [("likelihood", &c.likelihood), ("impact", &c.impact)] {
        if scale.len() != 5 || scale.iter().any(|w| w.trim().is_empty()) {
            return Err(problem(
                "scale_words_required",
                format!("Describe each of the five {name} steps in a few words."),
            ));
        }
    }
    if !(1..=25).contains(&c.acceptance) {
        return Err(problem(
            "acceptance_out_of_range",
            "The acceptance level is a score from 1 to 25 (likelihood × impact).",
        ));
    }
    Ok(())
}

/// A risk (a threat to the services or the SMS) or an opportunity (a chance to improve them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// Something that could go wrong.
    #[default]
    Risk,
    /// Something that could go better.
    Opportunity,
}

impl RiskKind {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Risk => "risk",
            Self::Opportunity => "opportunity",
        }
    }

    /// Parses [`RiskKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "risk" => Some(Self::Risk),
            "opportunity" => Some(Self::Opportunity),
            _ => None,
        }
    }
}

/// Where a risk or opportunity comes from (6.1 asks to consider the context, the parties and
/// the services).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An internal or external issue (4.1); `source_id` is the issue's id.
    ContextIssue,
    /// An interested party (4.2); `source_id` is the party's id.
    InterestedParty,
    /// A service (8.2); `source_id` is the service's id.
    Service,
    /// A supplier or other party (8.3.4); `source_id` is the other party's id.
    Supplier,
    /// Climate change (4.1, Amendment 1:2024).
    Climate,
    /// Anything else (a workshop, an audit, an incident).
    #[default]
    Other,
}

impl SourceKind {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ContextIssue => "context_issue",
            Self::InterestedParty => "interested_party",
            Self::Service => "service",
            Self::Supplier => "supplier",
            Self::Climate => "climate",
            Self::Other => "other",
        }
    }

    /// Parses [`SourceKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::ContextIssue,
            Self::InterestedParty,
            Self::Service,
            Self::Supplier,
            Self::Climate,
            Self::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Whether a source of this kind names a row (`source_id` required).
    pub fn needs_id(self) -> bool {
        !matches!(self, Self::Climate | Self::Other)
    }
}

/// A rating on the two scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rating {
    /// 1–5.
    pub likelihood: u8,
    /// 1–5.
    pub impact: u8,
}

impl Rating {
    /// Likelihood × impact (1–25).
    pub fn score(self) -> u8 {
        self.likelihood.saturating_mul(self.impact)
    }

    fn valid(self) -> bool {
        (1..=5).contains(&self.likelihood) && (1..=5).contains(&self.impact)
    }
}

/// What the firm does about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Make it less likely or less harmful (risks).
    Reduce,
    /// Stop doing what causes it (risks).
    Avoid,
    /// Share it: insurance, a contract (risks).
    Transfer,
    /// Live with it, knowingly (risks within the acceptance level).
    Accept,
    /// Act to realise it (opportunities).
    Pursue,
}

impl Treatment {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reduce => "reduce",
            Self::Avoid => "avoid",
            Self::Transfer => "transfer",
            Self::Accept => "accept",
            Self::Pursue => "pursue",
        }
    }

    /// Parses [`Treatment::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Reduce,
            Self::Avoid,
            Self::Transfer,
            Self::Accept,
            Self::Pursue,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// Where an entry stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Identified, not yet treated.
    #[default]
    Open,
    /// Treatment actions under way.
    Treating,
    /// Treated or accepted; monitored at each review.
    Monitored,
    /// No longer relevant.
    Closed,
}

impl RiskStatus {
    /// Stable text id.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Treating => "treating",
            Self::Monitored => "monitored",
            Self::Closed => "closed",
        }
    }

    /// Parses [`RiskStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Treating, Self::Monitored, Self::Closed]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Risk {
    /// Row id (0 for a new entry).
    pub id: i64,
    /// Risk or opportunity.
    pub kind: RiskKind,
    /// Short title.
    pub title: String,
    /// What could happen and why, in plain words.
    pub description: String,
    /// Where it comes from.
    pub source: SourceKind,
    /// The row of the source (issue, party, service or other party id).
    pub source_id: Option<i64>,
    /// The suggestion it was created from (hides that suggestion), if any.
    pub suggestion_key: Option<String>,
    /// Who owns it (person id).
    pub owner_id: Option<i64>,
    /// Rating before treatment.
    pub inherent: Rating,
    /// Rating after treatment (`None` until treated).
    pub residual: Option<Rating>,
    /// What the firm does about it.
    pub treatment: Option<Treatment>,
    /// The treatment in a sentence.
    pub treatment_note: String,
    /// Ids of the treatment actions in the one action register.
    pub action_ids: Vec<i64>,
    /// Next review, `YYYY-MM-DD`.
    pub review_on: Option<String>,
    /// Where it stands.
    pub status: RiskStatus,
    /// An information-security risk (8.7.3.1).
    pub infosec: bool,
}

impl Risk {
    /// A new entry (id 0) as first recorded: rated before treatment only, with no description,
    /// source row, suggestion, owner, treatment, actions or review date; open; not an
    /// information-security risk.
    pub fn new(kind: RiskKind, title: &str, source: SourceKind, inherent: Rating) -> Self {
        Self {
            id: 0,
            kind,
            title: title.to_owned(),
            description: String::new(),
            source,
            source_id: None,
            suggestion_key: None,
            owner_id: None,
            inherent,
            residual: None,
            treatment: None,
            treatment_note: String::new(),
            action_ids: Vec::new(),
            review_on: None,
            status: RiskStatus::Open,
            infosec: false,
        }
    }

    /// The rating that counts now: after treatment if rated, else before.
    pub fn current(&self) -> Rating {
        self.residual.unwrap_or(self.inherent)
    }
}

/// Parses an optional `YYYY-MM-DD` (blank is `None`).
pub fn parse_date(value: Option<&str>) -> Result<Option<NaiveDate>, RiskProblem> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .filter(|_| v.len() == 10)
            .map(Some)
            .ok_or_else(|| problem("bad_date", "Enter the review date as YYYY-MM-DD.")),
    }
}

/// Checks an entry before it is stored: a title, ratings within 1–5, a source row where the
/// source kind names one, a real review date.
pub fn check_risk(r: &Risk) -> Result<(), RiskProblem> {
    if r.title.trim().is_empty() {
        return Err(problem(
            "title_required",
            "Give the risk or opportunity a short title.",
        ));
    }
    if !r.inherent.valid() || r.residual.is_some_and(|x| !x.valid()) {
        return Err(problem(
            "rating_out_of_range",
            "Rate likelihood and impact from 1 to 5.",
        ));
    }
    if r.source.needs_id() && r.source_id.is_none() {
        return Err(problem(
            "source_required",
            format!(
                "Choose the {} this comes from, or make the source \"other\".",
                r.source.as_str().replace('_', " ")
            ),
        ));
    }
    parse_date(r.review_on.as_deref())?;
    Ok(())
}

/// The information-security risks (8.7.3.1): a filtered view of the one register.
pub fn infosec(risks: &[Risk]) -> Vec<&Risk> {
    risks
        .iter()
        .filter(|r| r.infosec && r.kind == RiskKind::Risk)
        .collect()
}

/// Which rating a heat map counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeatMapBasis {
    /// Before treatment.
    Inherent,
    /// After treatment (the inherent rating where no residual rating is set).
    Current,
}

/// Counts of entries per likelihood × impact cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeatMap {
    /// `cells[l - 1][i - 1]`: entries with likelihood `l` and impact `i`.
    pub cells: [[u32; 5]; 5],
    /// The acceptance level the map is drawn against.
    pub acceptance: u8,
}

impl HeatMap {
    /// Entries counted.
    pub fn total(&self) -> u32 {
        self.cells.iter().flatten().sum()
    }

    /// Entries in cells above the acceptance level.
    pub fn above_acceptance(&self) -> u32 {
        let mut n = 0;
        for (l, row) in self.cells.iter().enumerate() {
            for (i, count) in row.iter().enumerate() {
                if ((l + 1) * (i + 1)) as u32 > u32::from(self.acceptance) {
                    n += count;
                }
            }
        }
        n
    }
}

/// The 5 × 5 heat map of the risks (not opportunities) that are not closed.
pub fn heat_map(risks: &[Risk], criteria: &RiskCriteria, basis: HeatMapBasis) -> HeatMap {
    let mut cells = [[0u32; 5]; 5];
    for r in risks
        .iter()
        .filter(|r| r.kind == RiskKind::Risk && r.status != RiskStatus::Closed)
    {
        let rating = match basis {
            HeatMapBasis::Inherent => r.inherent,
            HeatMapBasis::Current => r.current(),
        };
        if rating.valid() {
            cells[usize::from(rating.likelihood - 1)][usize::from(rating.impact - 1)] += 1;
        }
    }
    HeatMap {
        cells,
        acceptance: criteria.acceptance,
    }
}

/// What a risk rule found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskFindingCode {
    /// The review date has passed.
    PastReview,
    /// Rated above the acceptance level with no treatment action.
    AboveAcceptanceUntreated,
}

/// A rule's finding, with a message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskFinding {
    /// What.
    pub code: RiskFindingCode,
    /// The entry it is about.
    pub risk_id: i64,
    /// The clause it belongs to (6.1, or 8.7.3.1 for information-security risks).
    pub clause: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// The rules on `today`, for entries that are not closed: past their review date; risks
/// whose current rating is above the acceptance level with no treatment action in the
/// action register. In register order.
pub fn findings(risks: &[Risk], criteria: &RiskCriteria, today: NaiveDate) -> Vec<RiskFinding> {
    let mut out = Vec::new();
    for r in risks.iter().filter(|r| r.status != RiskStatus::Closed) {
        let clause = if r.infosec && r.kind == RiskKind::Risk {
            INFOSEC_CLAUSE
        } else {
            CLAUSE
        };
        if let Ok(Some(review)) = parse_date(r.review_on.as_deref())
            && review < today
        {
            out.push(RiskFinding {
                code: RiskFindingCode::PastReview,
                risk_id: r.id,
                clause: clause.into(),
                message: format!(
                    "\"{}\" was due for review on {review}. Review its rating and treatment and \
                     set the next review date.",
                    r.title
                ),
            });
        }
        let score = r.current().score();
        if r.kind == RiskKind::Risk && score > criteria.acceptance && r.action_ids.is_empty() {
            out.push(RiskFinding {
                code: RiskFindingCode::AboveAcceptanceUntreated,
                risk_id: r.id,
                clause: clause.into(),
                message: format!(
                    "\"{}\" scores {score}, above the acceptance level of {}, and has no \
                     treatment action. Add an action to the action plan, or lower the rating \
                     once it is treated.",
                    r.title, criteria.acceptance
                ),
            });
        }
    }
    out
}

/// Everything the risk register screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskRegisterView {
    /// The firm's criteria.
    pub criteria: RiskCriteria,
    /// Every entry, in id order.
    pub risks: Vec<Risk>,
    /// Suggestions not adopted yet.
    pub suggestions: Vec<RiskSuggestion>,
    /// Heat map before treatment.
    pub heat_inherent: HeatMap,
    /// Heat map after treatment.
    pub heat_current: HeatMap,
    /// What the rules found on `today`.
    pub findings: Vec<RiskFinding>,
}

/// Builds the register view from the stored criteria and entries and the wizard's data.
pub fn register_view(
    criteria: RiskCriteria,
    risks: Vec<Risk>,
    data: &crate::wizard::WizardData,
    today: NaiveDate,
) -> RiskRegisterView {
    RiskRegisterView {
        suggestions: suggest(data, &risks),
        heat_inherent: heat_map(&risks, &criteria, HeatMapBasis::Inherent),
        heat_current: heat_map(&risks, &criteria, HeatMapBasis::Current),
        findings: findings(&risks, &criteria, today),
        criteria,
        risks,
    }
}
