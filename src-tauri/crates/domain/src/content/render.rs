//! Filling templates: the variable context every template receives and rendering with minijinja.
//!
//! Rendering is strict: an unknown or missing variable is an error, never an empty string.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ContentError;
use super::duties::{
    AuditSlot, DataProtectionEntry, DutyEntry, audit_programme, data_protection, duty_entries,
};
use super::types::{Library, Template};

/// The document control partial included at the top of every template.
pub const CONTROL_PARTIAL: &str = include_str!("../../content/templates/_control.md.j2");
/// The approval partial included at the end of every template.
pub const APPROVAL_PARTIAL: &str = include_str!("../../content/templates/_approval.md.j2");
/// The sample firm used to check that every template renders.
const SAMPLE_CONTEXT: &str = include_str!("../../content/sample_context.json");

/// The firm profile (`firm.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct FirmProfile {
    /// Trading name.
    pub name: String,
    /// Legal name.
    pub legal_name: String,
    /// Postal address.
    pub address: String,
    /// Business sector.
    pub sector: String,
    /// People in the firm.
    pub headcount: u32,
}

/// An in-scope service (`services[]`); every field is a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ServiceEntry {
    /// Service id, e.g. `SVC-01`.
    pub id: String,
    /// Catalogue name.
    pub name: String,
    /// What the service is.
    pub description: String,
    /// Service owner's name.
    pub owner: String,
    /// Customers or customer groups.
    pub customers: String,
    /// Service hours.
    pub hours: String,
    /// Criticality rating.
    pub criticality: String,
    /// Headline service levels.
    pub sla: String,
}

/// A supplier or other party (`other_parties[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OtherPartyEntry {
    /// Name of the party.
    pub name: String,
    /// "external supplier", "internal supplier" or "customer acting as a supplier".
    pub kind: String,
    /// What it provides or operates.
    pub provides: String,
}

/// Who holds a role (`roles["ROLE-…"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoleAssignment {
    /// Role name.
    pub name: String,
    /// Person holding the role.
    pub holder: String,
    /// Deputy; may be empty.
    pub deputy: String,
}

/// Document control data of the document being drafted (`doc.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DocControl {
    /// Document id.
    pub id: String,
    /// Document title.
    pub title: String,
    /// Version label.
    pub version: String,
    /// Owner's name.
    pub owner: String,
    /// Approver's name.
    pub approver: String,
    /// Effective date (ISO 8601).
    pub effective_date: String,
    /// Next review date (ISO 8601).
    pub next_review_date: String,
}

/// Intervals, tools and thresholds (`settings.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateSettings {
    /// Standard document review interval in months.
    pub review_cycle_months: u32,
    /// Internal audit cycle in months.
    pub audit_cycle_months: u32,
    /// Management review interval in months.
    pub mr_interval_months: u32,
    /// Ticketing / ITSM software.
    pub itsm_system: String,
    /// Where controlled documents live.
    pub doc_repository: String,
    /// Default service hours.
    pub service_hours: String,
    /// Risk acceptance threshold.
    pub risk_acceptance_level: String,
}

/// The Amendment 1:2024 climate decision (`climate.*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClimateDecision {
    /// Whether climate change is a relevant issue.
    pub relevant: bool,
    /// Why.
    pub rationale: String,
}

/// A service management objective (`objectives[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveEntry {
    /// Objective.
    pub name: String,
    /// Measure.
    pub kpi: String,
    /// Target value.
    pub target: String,
    /// Owner's name.
    pub owner: String,
}

/// Everything a template may use; exactly the variable table of `content/README.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TemplateContext {
    /// Firm profile.
    pub firm: FirmProfile,
    /// The scope statement text.
    pub scope_statement: String,
    /// In-scope services.
    pub services: Vec<ServiceEntry>,
    /// Customers or customer groups in scope.
    pub customers: Vec<String>,
    /// Sites, remote working, data centres, cloud regions.
    pub locations: Vec<String>,
    /// Suppliers and other parties.
    pub other_parties: Vec<OtherPartyEntry>,
    /// Role id -> holder and deputy.
    pub roles: BTreeMap<String, RoleAssignment>,
    /// Names of top management.
    pub top_management: Vec<String>,
    /// Document control data.
    pub doc: DocControl,
    /// Intervals, tools and thresholds.
    pub settings: TemplateSettings,
    /// Climate decision.
    pub climate: ClimateDecision,
    /// Service management objectives.
    pub objectives: Vec<ObjectiveEntry>,
    /// Recurring duties by id, with this firm's frequencies (see [`complete_context`]).
    #[serde(default)]
    pub duties: BTreeMap<String, DutyEntry>,
    /// The same duties as a list, in the library's order (the SMS calendar).
    #[serde(default)]
    pub duty_list: Vec<DutyEntry>,
    /// The default internal audit programme, ending before the target certification date.
    #[serde(default)]
    pub audit_programme: Vec<AuditSlot>,
    /// How the audit programme was planned.
    #[serde(default)]
    pub audit_note: String,
    /// The data protection regime of the firm's country.
    #[serde(default)]
    pub data_protection: DataProtectionEntry,
}

/// Fills the parts of `ctx` that come from the library rather than from the firm: the duties
/// (scaled to `ctx.firm.headcount`, owners from `ctx.roles`), the audit programme (planned back
/// from `target_date`) and the data protection regime (from the country in `ctx.firm.address`).
pub fn complete_context(lib: &Library, ctx: &mut TemplateContext, target_date: Option<NaiveDate>) {
    let list = duty_entries(lib, ctx.firm.headcount, &ctx.roles);
    ctx.duties = list.iter().map(|d| (d.id.clone(), d.clone())).collect();
    ctx.duty_list = list;
    // The intervals in settings are the same duties, so that no document says otherwise.
    for (id, slot) in [
        ("DUTY-MGMT-REVIEW", &mut ctx.settings.mr_interval_months),
        ("DUTY-AUDIT-CYCLE", &mut ctx.settings.audit_cycle_months),
    ] {
        if let Some(d) = ctx.duties.get(id) {
            *slot = d.months.max(1);
        }
    }
    let (programme, note) = audit_programme(lib, ctx.firm.headcount, target_date);
    ctx.audit_programme = programme;
    ctx.audit_note = note;
    ctx.data_protection = data_protection(lib, &ctx.firm.address);
}

/// Top-level variables of [`TemplateContext`] with, for the structured ones, their fields.
const CONTEXT_VARIABLES: &[(&str, &[&str])] = &[
    (
        "firm",
        &["name", "legal_name", "address", "sector", "headcount"],
    ),
    ("scope_statement", &[]),
    ("services", &[]),
    ("customers", &[]),
    ("locations", &[]),
    ("other_parties", &[]),
    ("roles", &[]),
    ("top_management", &[]),
    (
        "doc",
        &[
            "id",
            "title",
            "version",
            "owner",
            "approver",
            "effective_date",
            "next_review_date",
        ],
    ),
    (
        "settings",
        &[
            "review_cycle_months",
            "audit_cycle_months",
            "mr_interval_months",
            "itsm_system",
            "doc_repository",
            "service_hours",
            "risk_acceptance_level",
        ],
    ),
    ("climate", &["relevant", "rationale"]),
    ("objectives", &[]),
    ("duties", &[]),
    ("duty_list", &[]),
    ("audit_programme", &[]),
    ("audit_note", &[]),
    (
        "data_protection",
        &["country", "law", "authority", "breach_notice"],
    ),
];

/// Names minijinja provides itself (global functions) that a template may use.
const ENGINE_GLOBALS: &[&str] = &["range", "dict", "namespace", "debug", "loop"];

/// The sample firm (`content/sample_context.json`) used to check templates, completed from
/// the embedded library (duties, audit programme, data protection).
pub fn sample_context() -> Result<TemplateContext, ContentError> {
    let mut ctx = sample_context_raw()?;
    if let Ok(lib) = super::try_library() {
        complete_context(lib, &mut ctx, None);
    }
    Ok(ctx)
}

/// The sample firm completed from `lib`.
pub fn sample_context_for(lib: &Library) -> Result<TemplateContext, ContentError> {
    let mut ctx = sample_context_raw()?;
    complete_context(lib, &mut ctx, None);
    Ok(ctx)
}

fn sample_context_raw() -> Result<TemplateContext, ContentError> {
    serde_json::from_str(SAMPLE_CONTEXT).map_err(|e| ContentError::SampleContext {
        message: e.to_string(),
    })
}

/// Maps an include name to a partial: accepts `_control`, `_control.md.j2` and
/// `templates/_control.md.j2` (same for `_approval`).
fn partial(name: &str) -> Option<&'static str> {
    let base = name.strip_prefix("templates/").unwrap_or(name);
    let base = base.strip_suffix(".md.j2").unwrap_or(base);
    match base {
        "_control" => Some(CONTROL_PARTIAL),
        "_approval" => Some(APPROVAL_PARTIAL),
        _ => None,
    }
}

/// A strict Markdown environment that can include the partials.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_loader(|name| Ok(partial(name).map(str::to_owned)));
    env
}

fn render_error(template: &str, e: &minijinja::Error) -> ContentError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    ContentError::Render {
        template: template.to_owned(),
        message,
    }
}

/// Renders a template body with the given context. Errors carry the template id.
pub fn render(template: &Template, ctx: &TemplateContext) -> Result<String, ContentError> {
    render_source(&template.id, &template.body_text, ctx)
}

/// Renders minijinja Markdown `source`, naming it `name` in errors.
pub fn render_source(
    name: &str,
    source: &str,
    ctx: &TemplateContext,
) -> Result<String, ContentError> {
    let env = environment();
    let tmpl = env
        .template_from_named_str(name, source)
        .map_err(|e| render_error(name, &e))?;
    tmpl.render(Value::from(Serde(ctx)))
        .map_err(|e| render_error(name, &e))
}

/// Variables a template body uses that the context does not provide, sorted.
///
/// Strict rendering only catches the branches the sample firm takes; this checks every branch.
/// Returns a render error if the body does not parse.
pub fn unknown_variables(name: &str, source: &str) -> Result<Vec<String>, ContentError> {
    let env = environment();
    let tmpl = env
        .template_from_named_str(name, source)
        .map_err(|e| render_error(name, &e))?;
    let mut unknown = BTreeSet::new();
    for var in tmpl.undeclared_variables(true) {
        let mut parts = var.splitn(3, '.');
        let top = parts.next().unwrap_or_default();
        let field = parts.next();
        if ENGINE_GLOBALS.contains(&top) {
            continue;
        }
        match CONTEXT_VARIABLES.iter().find(|(n, _)| *n == top) {
            None => {
                unknown.insert(top.to_owned());
            }
            Some((_, fields)) => {
                if let Some(field) = field
                    && !fields.is_empty()
                    && !fields.contains(&field)
                {
                    unknown.insert(format!("{top}.{field}"));
                }
            }
        }
    }
    Ok(unknown.into_iter().collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn tpl(body: &str) -> Template {
        Template {
            id: "TPL-99".into(),
            title: "Test".into(),
            kind: super::super::types::TemplateKind::Policy,
            clauses: vec!["4.3".into()],
            documents: vec![],
            approver_role: "ROLE-TM".into(),
            owner_role: "ROLE-SMSM".into(),
            review_months: 12,
            body: "templates/TPL-99.md.j2".into(),
            body_text: body.into(),
        }
    }

    #[test]
    fn sample_context_parses() {
        let ctx = sample_context().unwrap();
        assert_eq!(ctx.firm.name, "Northwind Managed IT");
        assert_eq!(ctx.roles["ROLE-TM"].holder, "Alex Morgan");
        assert!(!ctx.services.is_empty());
    }

    #[test]
    fn renders_with_partials_and_roles() {
        let ctx = sample_context().unwrap();
        let body = "{% include \"_control.md.j2\" %}\nScope: {{ scope_statement }}\n\
                    {% for s in services %}- {{ s.name }}\n{% endfor %}\
                    TM: {{ roles[\"ROLE-TM\"].holder }}\n{% include \"templates/_approval.md.j2\" %}";
        let out = render(&tpl(body), &ctx).unwrap();
        assert!(out.starts_with("# Service management policy"));
        assert!(out.contains("| Organisation | Northwind Managed IT Ltd |"));
        assert!(out.contains("- Managed hosting"));
        assert!(out.contains("TM: Alex Morgan"));
        assert!(out.contains("## Approval"));
    }

    #[test]
    fn unknown_variable_is_an_error_carrying_the_template_id() {
        let ctx = sample_context().unwrap();
        let err = render(&tpl("Hello {{ firm_name }}"), &ctx).unwrap_err();
        match err {
            ContentError::Render { template, message } => {
                assert_eq!(template, "TPL-99");
                assert!(message.contains("undefined"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(render(&tpl("{{ firm.nickname }}"), &ctx).is_err());
        assert!(render(&tpl("{% include \"_missing.md.j2\" %}"), &ctx).is_err());
        assert!(render(&tpl("{% if %}"), &ctx).is_err());
    }

    #[test]
    fn unknown_variables_checks_every_branch() {
        let src = "{% if climate.relevant %}{{ climate.rationale }}{% else %}{{ clmate }}{% endif %}\
                   {{ firm.nickname }}{% for o in objectives %}{{ o.name }}{{ loop.index }}{% endfor %}\
                   {{ settings.review_cycle_months }}{% for i in range(3) %}{{ i }}{% endfor %}";
        assert_eq!(
            unknown_variables("x", src).unwrap(),
            vec!["clmate", "firm.nickname"]
        );
        assert!(
            unknown_variables("x", "{{ doc.title }} {{ roles['ROLE-TM'].holder }}")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn partials_use_only_known_variables() {
        assert!(
            unknown_variables("_control", CONTROL_PARTIAL)
                .unwrap()
                .is_empty()
        );
        assert!(
            unknown_variables("_approval", APPROVAL_PARTIAL)
                .unwrap()
                .is_empty()
        );
    }
}
