//! Typed records of the content library, one struct per data file (see `content/README.md`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a clause catalogue entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ClauseKind {
    /// A top-level clause, 4 to 10.
    Clause,
    /// A heading whose content sits entirely in its children (no questions attach to it).
    Group,
    /// A sub-clause that carries requirements; questions attach here.
    Requirement,
}

/// One clause or sub-clause of ISO/IEC 20000-1:2018 clauses 4–10, described in our own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The clause number, e.g. `8.5.1.3`; the parent is derived from it.
    pub id: String,
    /// Short title, used as an identifier.
    pub title: String,
    /// Clause, group heading or requirement.
    pub kind: ClauseKind,
    /// Plain summary of what the clause asks for (1–3 sentences, our words).
    pub summary: String,
    /// What the clause means for a firm of 5–50 people.
    pub small_firm: String,
    /// Evidence an auditor typically asks for (at least one for requirements).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Ids of documents (`documents.toml`) this clause requires.
    #[serde(default)]
    pub documents: Vec<String>,
    /// What Amendment 1:2024 (climate action) adds here, if anything.
    #[serde(default)]
    pub amendment: Option<String>,
    /// Why this requirement clause has no blocking question, when it has none (its complete
    /// absence would not on its own be a major nonconformity). Validation refuses a
    /// requirement clause without a blocking question unless this is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub blocking_exempt: Option<String>,
}

impl Clause {
    /// The parent clause id (`8.5.1` for `8.5.1.3`), or `None` for a top-level clause.
    pub fn parent(&self) -> Option<&str> {
        self.id.rsplit_once('.').map(|(parent, _)| parent)
    }

    /// The top-level clause number (`8` for `8.5.1.3`).
    pub fn top_level(&self) -> &str {
        top_level_of(&self.id)
    }
}

/// The top-level clause number of a clause id (`"8"` for `"8.5.1.3"`).
pub fn top_level_of(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// Whether a document is kept current or retained as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// Maintained documented information (policy, plan, procedure, catalogue, agreement).
    Document,
    /// Retained documented information (evidence that something happened).
    Record,
}

/// A piece of documented information: required document or record, or a recommended extra.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// `DOC-…`, `REC-…` or `RDOC-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Document (maintain) or record (retain).
    pub kind: DocumentKind,
    /// `true` when the standard requires it; `false` for a commonly recommended extra.
    pub required: bool,
    /// For a required record: the standard asks for the activity but does not say the result
    /// must be retained as documented information. Shown as "expected" where mandatory
    /// documents are shown as "mandatory"; auditors still ask for it as evidence.
    #[serde(default)]
    pub expected: bool,
    /// Clauses it serves.
    pub clauses: Vec<String>,
    /// One or two sentences on what it is.
    pub description: String,
    /// Role that owns it.
    pub owner_role: String,
    /// Templates that draft it (a required document needs at least one).
    #[serde(default)]
    pub templates: Vec<String>,
    /// Clauses of other standards it also serves, e.g. `ISO/IEC 27001:2022 4.3`.
    #[serde(default)]
    pub also_serves: Vec<String>,
}

/// A role a small IT service firm assigns to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// `ROLE-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the role is for.
    pub description: String,
    /// What the holder does.
    pub responsibilities: Vec<String>,
    /// Clauses the role owns (primary accountability).
    pub clauses: Vec<String>,
    /// Whether a named deputy matters for this role.
    pub needs_deputy: bool,
}

/// How serious a separation-of-duties conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Refused unless an allowed mitigation is recorded.
    Block,
    /// Allowed with a recorded compensating control; shown in the readiness report.
    Warn,
    /// Advisory tip only.
    Info,
}

/// A separation-of-duties rule: one person should not hold both roles (or do both activities).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SodRule {
    /// `SOD-NN`.
    pub id: String,
    /// First role of the conflicting pair.
    pub role_a: String,
    /// Second role of the conflicting pair.
    pub role_b: String,
    /// What role A does, in plain words.
    pub activity_a: String,
    /// What role B does, in plain words.
    pub activity_b: String,
    /// Block, warn or info.
    pub severity: Severity,
    /// Why the combination is a problem.
    pub rationale: String,
    /// What a tiny firm can do instead.
    pub mitigation: String,
    /// Whether recording a mitigation resolves a block.
    pub mitigation_allowed: bool,
    /// How the rule is checked (default: on role holdings).
    #[serde(default)]
    pub check: SodCheck,
}

/// How a separation-of-duties rule is checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SodCheck {
    /// One person holds both roles.
    #[default]
    Role,
    /// A holder of `role_a` is accountable or responsible, through any other role, for a
    /// process (the RACI): nobody audits a process they own or operate. `role_b` names the
    /// typical such role.
    Process,
    /// An activity on records (a change, a review), checked when those records exist; never
    /// on role holdings.
    Record,
}

/// A self-assessment question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// `Q-<clause>-<nn>`.
    pub id: String,
    /// The requirement clause it checks.
    pub clause: String,
    /// The question, for a non-specialist.
    pub text: String,
    /// Evidence examples.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Weight 1..3 (3 = central to the requirement).
    pub weight: u8,
    /// Whether a "no" is likely a major nonconformity.
    pub blocking: bool,
    /// 1 = documented (Stage 1), 2 = implemented and operated (Stage 2).
    pub stage: u8,
    /// Documents that evidence it.
    #[serde(default)]
    pub documents: Vec<String>,
    /// The verdict gate this question anchors, if any (see [`Gate`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gate: Option<Gate>,
}

/// A fact a certification body checks before anything else, anchored on the question(s) that
/// ask about it. The verdict rules (`crate::scoring`) find these questions by this attribute,
/// never by id, so a question can be split or renumbered as long as its successors keep the
/// gate. When several questions carry a gate, all of them must reach the level the rule needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// An internal audit programme exists (9.2; a Stage 1 question).
    AuditProgramme,
    /// A full internal audit cycle over clauses 4 to 10 has been completed and reported (9.2;
    /// a Stage 2 question).
    AuditCycle,
    /// Management reviews are scheduled with dates (9.3; a Stage 1 question).
    ReviewSchedule,
    /// At least one management review has been held by top management (9.3; a Stage 2
    /// question).
    ReviewHeld,
}

impl Gate {
    /// Every gate.
    pub const ALL: [Gate; 4] = [
        Gate::AuditProgramme,
        Gate::AuditCycle,
        Gate::ReviewSchedule,
        Gate::ReviewHeld,
    ];

    /// The stage of the questions that carry it (1 or 2).
    pub const fn stage(self) -> u8 {
        match self {
            Gate::AuditProgramme | Gate::ReviewSchedule => 1,
            Gate::AuditCycle | Gate::ReviewHeld => 2,
        }
    }

    /// The clause of the questions that carry it.
    pub const fn clause(self) -> &'static str {
        match self {
            Gate::AuditProgramme | Gate::AuditCycle => "9.2",
            Gate::ReviewSchedule | Gate::ReviewHeld => "9.3",
        }
    }
}

/// What sort of document a template drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TemplateKind {
    /// A policy (statement of intent, approved by top management).
    Policy,
    /// A procedure (how a process runs).
    Procedure,
    /// A plan.
    Plan,
    /// A register (list kept current).
    Register,
    /// A record form (minutes, report).
    Record,
}

/// A document template: metadata from `templates.toml` plus its minijinja Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// `TPL-NN`.
    pub id: String,
    /// Title of the drafted document.
    pub title: String,
    /// Policy, procedure, plan, register or record.
    pub kind: TemplateKind,
    /// Clauses the template addresses.
    pub clauses: Vec<String>,
    /// Documents it drafts.
    pub documents: Vec<String>,
    /// Role that approves the drafted document.
    pub approver_role: String,
    /// Role that owns the drafted document.
    pub owner_role: String,
    /// Review interval in months.
    pub review_months: u32,
    /// Path of the body relative to the content directory, e.g. `templates/TPL-03.md.j2`.
    pub body: String,
    /// The body text (minijinja Markdown), filled in when the library is loaded.
    #[serde(default)]
    pub body_text: String,
}

/// One entry of the 2011 -> 2018 clause map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClauseMapEntry {
    /// `XW-2011-<clause>`.
    pub id: String,
    /// Clause number in ISO/IEC 20000-1:2011.
    pub from: String,
    /// Short title of the 2011 clause.
    pub from_title: String,
    /// Clause ids of the 2018 edition that take it over.
    pub to: Vec<String>,
    /// What changed, in plain words.
    pub note: String,
}

/// A document that also serves a clause of another management-system standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StandardMapEntry {
    /// `XW-<document id>[-<suffix>]`.
    pub id: String,
    /// The document id.
    pub document: String,
    /// The other standard, e.g. `ISO/IEC 27001:2022`.
    pub standard: String,
    /// Clause numbers of the other standard.
    pub clauses: Vec<String>,
    /// How far it serves, in plain words.
    pub note: String,
}

/// The crosswalks: old-edition clause map and other-standard document map.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Crosswalks {
    /// ISO/IEC 20000-1:2011 -> 2018.
    #[serde(default)]
    pub clause_map: Vec<ClauseMapEntry>,
    /// Documents that serve ISO/IEC 27001:2022 or ISO 9001:2015 too.
    #[serde(default)]
    pub standard_map: Vec<StandardMapEntry>,
}

/// How often a recurring duty is done. Ordered from most to least often.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    HalfYearly,
    /// Once a year.
    Yearly,
}

impl Frequency {
    /// Every frequency, most often first.
    pub const ALL: [Frequency; 5] = [
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::HalfYearly,
        Frequency::Yearly,
    ];

    /// The interval in months (0 for weekly).
    pub const fn months(self) -> u32 {
        match self {
            Frequency::Weekly => 0,
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
        }
    }

    /// After a verb: "reviewed every quarter".
    pub const fn every(self) -> &'static str {
        match self {
            Frequency::Weekly => "every week",
            Frequency::Monthly => "every month",
            Frequency::Quarterly => "every quarter",
            Frequency::HalfYearly => "every six months",
            Frequency::Yearly => "once a year",
        }
    }

    /// As an adjective before a noun: "a quarterly review".
    pub const fn adjective(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "six-monthly",
            Frequency::Yearly => "yearly",
        }
    }

    /// In a table cell: "Quarterly".
    pub const fn label(self) -> &'static str {
        match self {
            Frequency::Weekly => "Weekly",
            Frequency::Monthly => "Monthly",
            Frequency::Quarterly => "Quarterly",
            Frequency::HalfYearly => "Every six months",
            Frequency::Yearly => "Yearly",
        }
    }
}

/// Firm size bands that duty frequencies are scaled by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SizeBand {
    /// 1–5 people.
    Micro,
    /// 6–15 people.
    Small,
    /// 16–50 people (and more).
    Medium,
}

impl SizeBand {
    /// The band of a firm with `headcount` people (0 counts as micro).
    pub const fn of(headcount: u32) -> SizeBand {
        match headcount {
            0..=5 => SizeBand::Micro,
            6..=15 => SizeBand::Small,
            _ => SizeBand::Medium,
        }
    }

    /// For people: "3–5 people".
    pub const fn label(self) -> &'static str {
        match self {
            SizeBand::Micro => "up to 5 people",
            SizeBand::Small => "6 to 15 people",
            SizeBand::Medium => "16 people or more",
        }
    }
}

/// A duty's default frequency per firm size band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BandFrequency {
    /// 1–5 people.
    pub micro: Frequency,
    /// 6–15 people.
    pub small: Frequency,
    /// 16–50 people.
    pub medium: Frequency,
}

impl BandFrequency {
    /// The frequency for a band.
    pub const fn get(self, band: SizeBand) -> Frequency {
        match band {
            SizeBand::Micro => self.micro,
            SizeBand::Small => self.small,
            SizeBand::Medium => self.medium,
        }
    }
}

/// A recurring SMS duty with its default frequency (`duties.toml`): the one place templates,
/// the SMS calendar and the audit programme take "how often" from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    /// `DUTY-…`.
    pub id: String,
    /// What is done, in plain words.
    pub duty: String,
    /// Role that does it.
    pub owner_role: String,
    /// Clauses it serves.
    pub clauses: Vec<String>,
    /// The record that shows it was done.
    pub evidence: String,
    /// Lower-case phrases naming the duty in template text (for the consistency check).
    pub mentions: Vec<String>,
    /// Default frequency per firm size band.
    pub frequency: BandFrequency,
}

/// One area of the default internal audit programme (`duties.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditArea {
    /// `IA-NN`.
    pub id: String,
    /// What is audited, e.g. `8.3 Relationship and agreement`.
    pub title: String,
    /// Clauses covered (a clause covers its sub-clauses).
    pub clauses: Vec<String>,
    /// Roles that run the area (an auditor holding one of them is not independent).
    pub roles: Vec<String>,
    /// The session a micro firm audits this area in (areas sharing one are audited together).
    pub micro_session: u32,
}

/// The data protection law of a group of countries (`data_protection.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DataProtectionRegime {
    /// `DP-…`.
    pub id: String,
    /// Country names (and common short forms) as they end an address.
    pub countries: Vec<String>,
    /// The law, e.g. `the UK GDPR and the Data Protection Act 2018`.
    pub law: String,
    /// The regulator to notify.
    pub authority: String,
    /// When a breach must be notified.
    pub breach_notice: String,
}

/// The whole content library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Library {
    /// Clauses 4–10, in catalogue order.
    pub clauses: Vec<Clause>,
    /// Required documents and records, then recommended extras.
    pub documents: Vec<Document>,
    /// Role catalogue.
    pub roles: Vec<Role>,
    /// Separation-of-duties rules.
    pub sod_rules: Vec<SodRule>,
    /// Self-assessment questions.
    pub questions: Vec<Question>,
    /// Document templates with their bodies.
    pub templates: Vec<Template>,
    /// Crosswalks to the 2011 edition and other standards.
    pub crosswalks: Crosswalks,
    /// Recurring SMS duties with their default frequencies.
    #[serde(default)]
    pub duties: Vec<Duty>,
    /// Areas of the default internal audit programme.
    #[serde(default)]
    pub audit_areas: Vec<AuditArea>,
    /// Data protection regimes by country.
    #[serde(default)]
    pub data_protection: Vec<DataProtectionRegime>,
}

impl Library {
    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The separation-of-duties rule with this id.
    pub fn sod_rule(&self, id: &str) -> Option<&SodRule> {
        self.sod_rules.iter().find(|r| r.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The template with this id.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The duty with this id.
    pub fn duty(&self, id: &str) -> Option<&Duty> {
        self.duties.iter().find(|d| d.id == id)
    }

    /// Questions attached to a clause (exactly that id).
    pub fn questions_for<'a>(&'a self, clause: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions.iter().filter(move |q| q.clause == clause)
    }

    /// Direct children of a clause, in catalogue order.
    pub fn children<'a>(&'a self, clause: &'a str) -> impl Iterator<Item = &'a Clause> {
        self.clauses
            .iter()
            .filter(move |c| c.parent() == Some(clause))
    }
}
