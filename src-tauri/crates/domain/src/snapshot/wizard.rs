//! Snapshot rows of the setup wizard's tables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Everything the setup wizard stores, including removed (soft-deleted) people.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WizardSnapshot {
    /// Step 1: the firm profile (absent until first saved).
    pub profile: Option<ProfileSnap>,
    /// Internal and external issues (4.1).
    pub issues: Vec<IssueSnap>,
    /// Interested parties and their requirements (4.2).
    pub interested_parties: Vec<InterestedPartySnap>,
    /// Whether climate change is a relevant issue (2024 amendment).
    pub climate: Option<ClimateSnap>,
    /// The service catalogue.
    pub services: Vec<ServiceSnap>,
    /// Suppliers, group companies and customers involved in the SMS (8.2.3, 8.2.4).
    pub other_parties: Vec<OtherPartySnap>,
    /// The scope statement (4.3).
    pub scope: Option<ScopeSnap>,
    /// People, including removed ones (`deleted_at` set).
    pub people: Vec<PersonSnap>,
    /// Who holds which library role.
    pub role_holders: Vec<RoleHolderSnap>,
    /// Deputies of roles.
    pub role_deputies: Vec<RoleDeputySnap>,
    /// Recorded separation-of-duties mitigations.
    pub sod_mitigations: Vec<MitigationSnap>,
    /// Wizard progress.
    pub progress: Option<ProgressSnap>,
}

/// The `firm_profile` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileSnap {
    /// Registered legal name.
    pub legal_name: String,
    /// Trading name.
    pub trading_name: String,
    /// Head office address.
    pub address: String,
    /// Sector.
    pub sector: String,
    /// Number of people.
    pub headcount: u32,
    /// Kinds of customers served.
    pub customer_kinds: Vec<String>,
    /// Target certification date (`YYYY-MM-DD`).
    pub target_date: Option<String>,
    /// Chosen certification body.
    pub certification_body: String,
    /// Ticketing (ITSM) system.
    #[serde(default)]
    pub itsm_system: String,
    /// Where controlled documents are kept.
    #[serde(default)]
    pub doc_repository: String,
    /// Normal support hours.
    #[serde(default)]
    pub support_hours: String,
    /// Risk acceptance level.
    #[serde(default)]
    pub risk_acceptance_level: String,
    /// Management-system certificates already held.
    #[serde(default)]
    pub certificates: Vec<CertificateSnap>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// A management-system certificate the firm already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateSnap {
    /// ISO/IEC 20000-1:2011.
    Iso20000_2011,
    /// ISO/IEC 27001.
    Iso27001,
    /// ISO 9001.
    Iso9001,
}

/// Internal or external issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueKindSnap {
    /// Internal issue.
    Internal,
    /// External issue.
    External,
}

/// One `context_issue` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueSnap {
    /// Row id.
    pub id: i64,
    /// Internal or external.
    pub kind: IssueKindSnap,
    /// The issue.
    pub text: String,
    /// Display order.
    pub position: i64,
}

/// One `interested_party` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestedPartySnap {
    /// Row id.
    pub id: i64,
    /// Name of the party.
    pub name: String,
    /// Their relevant requirements.
    pub requirements: String,
    /// Display order.
    pub position: i64,
}

/// The `climate_decision` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClimateSnap {
    /// Relevant (`true`), not relevant (`false`) or undecided (`null`).
    pub relevant: Option<bool>,
    /// Why.
    pub rationale: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `service` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSnap {
    /// Row id.
    pub id: i64,
    /// Catalogue name.
    pub name: String,
    /// What it is.
    pub description: String,
    /// Customers or customer kinds.
    pub customers: Vec<String>,
    /// Service level targets.
    pub sla_targets: String,
    /// Delivery locations.
    pub locations: Vec<String>,
    /// Whether other parties deliver part of it.
    pub delivered_by_others: bool,
    /// Display order.
    pub position: i64,
    /// Service hours.
    #[serde(default)]
    pub service_hours: String,
    /// Criticality to customers.
    #[serde(default)]
    pub criticality: String,
}

/// Kind of other party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OtherPartyKindSnap {
    /// An external supplier.
    ExternalSupplier,
    /// A group company acting as internal supplier.
    InternalSupplier,
    /// A customer acting as a supplier.
    Customer,
}

/// One `other_party` row with its links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherPartySnap {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind of party.
    pub kind: OtherPartyKindSnap,
    /// What they provide.
    pub provides: String,
    /// Display order.
    pub position: i64,
    /// Ids of the services they are involved in (see `wizard.services`).
    pub services: Vec<i64>,
    /// Ids of the processes they operate (the wizard's process list, e.g. `P-AVL`).
    pub processes: Vec<String>,
}

/// The `scope_statement` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeSnap {
    /// The statement text (empty: generated from the services).
    pub text: String,
    /// Whether the user edited it.
    pub edited: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One `person` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonSnap {
    /// Row id, referenced by roles, owners and approvals.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// E-mail address (may be empty).
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Contracted from outside the firm.
    pub external: bool,
    /// When added (RFC 3339).
    pub created_at: String,
    /// When removed (RFC 3339), if removed.
    pub deleted_at: Option<String>,
}

/// One `role_holder` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleHolderSnap {
    /// Library role id, e.g. `ROLE-TM`.
    pub role_id: String,
    /// Person id.
    pub person_id: i64,
    /// Order among the role's holders.
    pub position: i64,
}

/// One `role_deputy` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleDeputySnap {
    /// Library role id.
    pub role_id: String,
    /// Person id.
    pub person_id: i64,
}

/// One `sod_mitigation` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MitigationSnap {
    /// Library separation-of-duties rule id, e.g. `SOD-20`.
    pub rule_id: String,
    /// The person holding both roles.
    pub person_id: i64,
    /// The compensating arrangement.
    pub text: String,
    /// When recorded (RFC 3339).
    pub recorded_at: String,
}

/// A wizard step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepSnap {
    /// Firm profile.
    Profile,
    /// Context.
    Context,
    /// Services and scope.
    Services,
    /// People.
    People,
    /// Roles.
    Roles,
    /// Review.
    Review,
}

/// The `wizard_progress` row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressSnap {
    /// The step shown.
    pub current_step: StepSnap,
    /// Steps finished.
    pub completed: Vec<StepSnap>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}
