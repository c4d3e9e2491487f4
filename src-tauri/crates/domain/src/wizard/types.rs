//! The wizard's data, as stored in the project file and sent to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The steps of the wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    /// 1. Firm profile.
    Profile,
    /// 2. Context: issues, interested parties, climate decision (4.1, 4.2).
    Context,
    /// 3. Services and scope (4.3, 8.2).
    Services,
    /// 4. People.
    People,
    /// 5. Role assignment with separation-of-duties checks.
    Roles,
    /// 6. Review.
    Review,
}

impl StepId {
    /// Every step, in order.
    pub const ALL: [StepId; 6] = [
        StepId::Profile,
        StepId::Context,
        StepId::Services,
        StepId::People,
        StepId::Roles,
        StepId::Review,
    ];

    /// Stable text id (`profile`, `context`, …), as stored in the project file.
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::Profile => "profile",
            StepId::Context => "context",
            StepId::Services => "services",
            StepId::People => "people",
            StepId::Roles => "roles",
            StepId::Review => "review",
        }
    }

    /// Parses [`StepId::as_str`].
    pub fn parse(s: &str) -> Option<StepId> {
        StepId::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Position in [`StepId::ALL`].
    fn index(self) -> usize {
        StepId::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }

    /// The step after this one; `None` for the last.
    pub fn next(self) -> Option<StepId> {
        StepId::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one; `None` for the first.
    pub fn previous(self) -> Option<StepId> {
        self.index()
            .checked_sub(1)
            .and_then(|i| StepId::ALL.get(i).copied())
    }
}

/// Step 1: who the firm is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FirmProfile {
    /// Registered legal name.
    pub legal_name: String,
    /// Trading name (may equal the legal name).
    pub trading_name: String,
    /// Postal address of the head office.
    pub address: String,
    /// Sector, e.g. "Managed IT services".
    pub sector: String,
    /// People in the firm (1–50 is the range the app is made for).
    pub headcount: u32,
    /// Kinds of customers, e.g. "Small businesses", "Public sector".
    pub customer_kinds: Vec<String>,
    /// Target certification date, `YYYY-MM-DD`, if chosen.
    pub target_date: Option<String>,
    /// Certification body, if chosen (optional).
    pub certification_body: String,
    /// Ticketing (ITSM) system the service desk logs work in, e.g. "Freshservice".
    #[serde(default)]
    pub itsm_system: String,
    /// Where controlled documents are kept, e.g. "SharePoint site 'SMS'".
    #[serde(default)]
    pub doc_repository: String,
    /// The firm's normal support hours, e.g. "Monday to Friday 08:00–18:00".
    #[serde(default)]
    pub support_hours: String,
    /// Risk score at or below which a risk may be accepted, e.g. "a score of 9 or less may be accepted by its owner".
    #[serde(default)]
    pub risk_acceptance_level: String,
    /// Management-system certificates the firm already holds (for the reuse and upgrade view).
    #[serde(default)]
    pub certificates: Vec<HeldCertificate>,
}

/// A management-system certificate a firm may already hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeldCertificate {
    /// ISO/IEC 20000-1:2011, the previous edition (an upgrade to 2018).
    Iso20000_2011,
    /// ISO/IEC 27001 (information security management).
    Iso27001,
    /// ISO 9001 (quality management).
    Iso9001,
}

impl HeldCertificate {
    /// Every certificate, in the order the profile lists them.
    pub const ALL: [HeldCertificate; 3] = [
        HeldCertificate::Iso20000_2011,
        HeldCertificate::Iso27001,
        HeldCertificate::Iso9001,
    ];

    /// The standard's name, e.g. `ISO/IEC 27001`.
    pub fn label(self) -> &'static str {
        match self {
            HeldCertificate::Iso20000_2011 => "ISO/IEC 20000-1:2011",
            HeldCertificate::Iso27001 => "ISO/IEC 27001",
            HeldCertificate::Iso9001 => "ISO 9001",
        }
    }
}

/// Whether a context issue comes from inside or outside the firm (4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Inside the firm: skills, tools, key people, finances.
    Internal,
    /// Outside: market, regulation, technology, suppliers, climate.
    External,
}

impl IssueKind {
    /// Stable text id as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Internal => "internal",
            IssueKind::External => "external",
        }
    }

    /// Parses [`IssueKind::as_str`].
    pub fn parse(s: &str) -> Option<IssueKind> {
        match s {
            "internal" => Some(IssueKind::Internal),
            "external" => Some(IssueKind::External),
            _ => None,
        }
    }
}

/// An internal or external issue relevant to the SMS (4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContextItem {
    /// Row id (0 for a new item).
    pub id: i64,
    /// Internal or external.
    pub kind: IssueKind,
    /// The issue in plain words.
    pub text: String,
}

/// An interested party and what it requires (4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InterestedParty {
    /// Row id (0 for a new party).
    pub id: i64,
    /// Who, e.g. "Customers".
    pub name: String,
    /// Their relevant requirements, in plain words.
    pub requirements: String,
}

/// The climate-change decision Amendment 1:2024 asks for (4.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClimateDecision {
    /// `Some(true)` relevant, `Some(false)` not relevant, `None` not decided yet.
    pub relevant: Option<bool>,
    /// Why (required either way).
    pub rationale: String,
}

/// A service catalogue entry (8.2.4) and candidate for the scope.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Service {
    /// Row id (0 for a new service).
    pub id: i64,
    /// Catalogue name.
    pub name: String,
    /// What the customer gets.
    pub description: String,
    /// Customers or customer groups it is provided to.
    pub customers: Vec<String>,
    /// Service level targets, e.g. "P1 response 1 h; 99.5 % availability".
    pub sla_targets: String,
    /// Where it is managed and delivered from.
    pub locations: Vec<String>,
    /// The firm's answer to "is it mostly delivered by someone else?".
    pub delivered_by_others: bool,
    /// Service hours, e.g. "Mon–Fri 08:00–18:00 UK time".
    #[serde(default)]
    pub service_hours: String,
    /// Criticality to customers, e.g. "High".
    #[serde(default)]
    pub criticality: String,
}

/// What kind of other party (8.2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OtherPartyKind {
    /// A supplier outside the firm.
    ExternalSupplier,
    /// Another part of a larger group, outside the SMS.
    InternalSupplier,
    /// A customer that provides part of the service (its network, licences, first line).
    Customer,
}

impl OtherPartyKind {
    /// Stable text id as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            OtherPartyKind::ExternalSupplier => "external_supplier",
            OtherPartyKind::InternalSupplier => "internal_supplier",
            OtherPartyKind::Customer => "customer",
        }
    }

    /// Parses [`OtherPartyKind::as_str`].
    pub fn parse(s: &str) -> Option<OtherPartyKind> {
        match s {
            "external_supplier" => Some(OtherPartyKind::ExternalSupplier),
            "internal_supplier" => Some(OtherPartyKind::InternalSupplier),
            "customer" => Some(OtherPartyKind::Customer),
            _ => None,
        }
    }

    /// Words used in documents ("external supplier", …).
    pub fn label(self) -> &'static str {
        match self {
            OtherPartyKind::ExternalSupplier => "external supplier",
            OtherPartyKind::InternalSupplier => "internal supplier",
            OtherPartyKind::Customer => "customer acting as a supplier",
        }
    }
}

/// A supplier or other party involved in the services (8.2.3, `DOC-OTHER-PARTIES`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OtherParty {
    /// Row id (0 for a new party).
    pub id: i64,
    /// Who.
    pub name: String,
    /// External supplier, internal supplier or customer.
    pub kind: OtherPartyKind,
    /// What they provide, in plain words.
    pub provides: String,
    /// Ids of the services they are involved in.
    pub services: Vec<i64>,
    /// Ids of the processes (see [`crate::wizard::processes`]) they operate, wholly or in part.
    pub processes: Vec<String>,
}

/// The scope statement: generated from the services unless the user edited it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeStatement {
    /// The text the user wrote; empty while the generated text is used.
    pub text: String,
    /// Whether `text` replaces the generated statement.
    pub edited: bool,
}

/// A member of staff, or an external person (contracted auditor, consultant).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    /// Row id (0 for a new person).
    pub id: i64,
    /// Full name.
    pub name: String,
    /// E-mail (unique among current people when given).
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Not on the firm's staff (consultant, contracted auditor). An external person counts as
    /// holding `ROLE-EXT` for the separation-of-duties rules.
    pub external: bool,
}

#[cfg(test)]
impl Person {
    /// A person with only an id and a name, for tests.
    pub(crate) fn named(id: i64, name: &str) -> Self {
        Self {
            id,
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Who holds a role, and who deputizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleAssignment {
    /// `ROLE-…` id from the content library.
    pub role_id: String,
    /// Person ids holding the role (one or more).
    pub holders: Vec<i64>,
    /// Person id of the named deputy, if any.
    pub deputy: Option<i64>,
}

/// A compensating control recorded for a separation-of-duties conflict of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SodMitigation {
    /// `SOD-NN`.
    pub rule_id: String,
    /// The person holding both roles.
    pub person_id: i64,
    /// What the firm does instead.
    pub text: String,
}

/// Where the user is in the wizard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WizardProgress {
    /// The step shown when the wizard opens.
    pub current: StepId,
    /// Steps the user finished with "Next" (their status is re-checked against the data).
    pub completed: Vec<StepId>,
}

impl Default for WizardProgress {
    fn default() -> Self {
        Self {
            current: StepId::Profile,
            completed: Vec::new(),
        }
    }
}

/// Everything the wizard stores, as loaded from the project file. This is also the input
/// for drafting documents (template context) and for the roles screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WizardData {
    /// Step 1.
    pub profile: FirmProfile,
    /// Step 2: internal and external issues.
    pub issues: Vec<ContextItem>,
    /// Step 2: interested parties.
    pub parties: Vec<InterestedParty>,
    /// Step 2: climate decision.
    pub climate: ClimateDecision,
    /// Step 3: service catalogue.
    pub services: Vec<Service>,
    /// Step 3: other parties.
    pub other_parties: Vec<OtherParty>,
    /// Step 3: the scope statement as edited (see [`ScopeStatement`]).
    pub scope: ScopeStatement,
    /// Step 4: current people (removed people are not listed).
    pub people: Vec<Person>,
    /// Step 5: role assignments (only roles with a holder or deputy).
    pub assignments: Vec<RoleAssignment>,
    /// Step 5: recorded mitigations.
    pub mitigations: Vec<SodMitigation>,
    /// Where the user is.
    pub progress: WizardProgress,
}

impl WizardData {
    /// The person with `id`, if current.
    pub fn person(&self, id: i64) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The assignment of `role_id`, if any.
    pub fn assignment(&self, role_id: &str) -> Option<&RoleAssignment> {
        self.assignments.iter().find(|a| a.role_id == role_id)
    }

    /// Names of the people holding `role_id`, in assignment order.
    pub fn holder_names(&self, role_id: &str) -> Vec<String> {
        self.assignment(role_id)
            .map(|a| {
                a.holders
                    .iter()
                    .filter_map(|id| self.person(*id))
                    .map(|p| p.name.clone())
            })
            .into_iter()
            .flatten()
            .collect()
    }

    /// Name of the deputy of `role_id`, if one is named.
    pub fn deputy_name(&self, role_id: &str) -> Option<String> {
        self.assignment(role_id)
            .and_then(|a| a.deputy)
            .and_then(|id| self.person(id))
            .map(|p| p.name.clone())
    }

    /// The name the firm trades under (trading name, else legal name).
    pub fn firm_name(&self) -> &str {
        if self.profile.trading_name.trim().is_empty() {
            self.profile.legal_name.trim()
        } else {
            self.profile.trading_name.trim()
        }
    }

    /// Distinct customers of all services, in first-seen order.
    pub fn all_customers(&self) -> Vec<String> {
        distinct(self.services.iter().flat_map(|s| s.customers.iter()))
    }

    /// Distinct locations of all services, in first-seen order.
    pub fn all_locations(&self) -> Vec<String> {
        distinct(self.services.iter().flat_map(|s| s.locations.iter()))
    }
}

/// Trimmed, non-empty, case-insensitively distinct strings in first-seen order.
pub fn distinct<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in items {
        let t = s.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_owned());
        }
    }
    out
}

/// How serious a wizard issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Must be fixed before the step counts as done.
    Error,
    /// Likely to cause an audit finding; fix or accept knowingly.
    Warning,
    /// A tip.
    Info,
}

/// What an issue is about. Stable codes the UI and tests can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field is empty.
    Required,
    /// A field's value is not valid (format, range).
    InvalidValue,
    /// Headcount outside 1–50 (the app still works, with a warning above 50).
    HeadcountOutOfRange,
    /// No internal issue or no external issue recorded.
    NoIssues,
    /// No interested parties recorded, or customers missing among them.
    NoParties,
    /// An interested party without requirements.
    PartyWithoutRequirements,
    /// The climate decision is missing or has no reason.
    ClimateUndecided,
    /// No service in the catalogue.
    NoServices,
    /// A service has no customer.
    ServiceWithoutCustomer,
    /// A service has no service level targets.
    ServiceWithoutTargets,
    /// A service has no location.
    ServiceWithoutLocation,
    /// The scope includes work that cannot be run as a managed service (resale, ad-hoc
    /// projects, "everything").
    ScopeTooBroad,
    /// The scope is one minor service for one customer.
    ScopeTooNarrow,
    /// The scope statement does not say which services, customers or locations.
    ScopeTooVague,
    /// The text tries to exclude a requirement of the standard.
    ExclusionAttempt,
    /// A service is mostly delivered by someone else.
    ServiceMostlyByOthers,
    /// Internal IT described as a customer service.
    InternalItAsService,
    /// Another party is named as operating a process that must stay in-house (clauses 4–5).
    NonDelegableProcess,
    /// Other parties operate every operational process.
    AllProcessesHandedOut,
    /// Another party with nothing recorded about what it does.
    OtherPartyWithoutRole,
    /// No people entered.
    NoPeople,
    /// Two people share an e-mail address, or an e-mail is malformed.
    BadEmail,
    /// Fewer people entered than the headcount.
    PeopleFewerThanHeadcount,
    /// A library role has no holder.
    RoleUnassigned,
    /// A role that needs a deputy has none.
    DeputyMissing,
    /// The deputy is also a holder of the role.
    DeputyIsHolder,
    /// A separation-of-duties conflict (see the SoD findings for details).
    SodConflict,
}

/// A form field a rule refuses, with the message to show beside it (people, firm name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field: `name`, `email`, `firm_name`.
    pub field: String,
    /// What is wrong: [`IssueCode::Required`], [`IssueCode::InvalidValue`] or
    /// [`IssueCode::BadEmail`].
    pub code: IssueCode,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: &str, code: IssueCode, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

/// Something the user should fix or know, with a message saying what is wrong and how to
/// fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Issue {
    /// The step it belongs to.
    pub step: StepId,
    /// What it is about.
    pub code: IssueCode,
    /// How serious.
    pub level: Level,
    /// What it points at: a field (`legal_name`), or a row (`service:3`, `person:2`,
    /// `role:ROLE-TM`); `None` for the step as a whole.
    pub target: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Issue {
    /// Builds an issue.
    pub fn new(
        step: StepId,
        code: IssueCode,
        level: Level,
        target: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            step,
            code,
            level,
            target,
            message: message.into(),
        }
    }
}
