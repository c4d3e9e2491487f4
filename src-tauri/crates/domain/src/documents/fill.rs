//! Filling templates from the wizard's answers.
//!
//! [`fill_context`] builds the strict [`TemplateContext`] from a [`WizardData`]. Nothing is left
//! undefined: a value the wizard does not have yet becomes a visible placeholder such as
//! `«firm address»`, so strict rendering in [`crate::content::render`] stays strict and a
//! draft never reads "undefined" or an empty gap. Alongside the context it returns the
//! *filled values*, a flat map `key -> text` (e.g. `roles.ROLE-TM.holder -> "Ann Lee"`), which a
//! draft keeps as a snapshot; [`changed_values`] compares that snapshot with today's values
//! after wizard edits and [`refresh_body`] applies the changes to a draft's text.
//!
//! Numbers cannot hold a placeholder: the headcount falls back to the number of people
//! entered, and the document review interval to the template's review period. Duty frequencies
//! (and with them the audit and management review intervals), the audit programme and the data
//! protection regime come from the content library via
//! [`complete_context`](crate::content::complete_context): scaled to the headcount, planned back
//! from the profile's target date, and chosen by the country the address ends with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::render::{
    ClimateDecision, DocControl, FirmProfile, OtherPartyEntry, RoleAssignment as CtxRole,
    ServiceEntry, TemplateSettings,
};
use crate::content::{ContentError, Library, Template, TemplateContext, complete_context, render};
use crate::wizard::WizardData;
use crate::wizard::scope::effective_statement;

/// Opening mark of a placeholder.
pub const OPEN: char = '«';
/// Closing mark of a placeholder.
pub const CLOSE: char = '»';

/// Default audit and management review intervals, in months.
pub const DEFAULT_CYCLE_MONTHS: u32 = 12;

/// A visible placeholder: `«label»`.
pub fn placeholder(label: &str) -> String {
    format!("{OPEN}{label}{CLOSE}")
}

/// Whether `text` is exactly one placeholder.
pub fn is_placeholder(text: &str) -> bool {
    text.starts_with(OPEN) && text.ends_with(CLOSE) && text.matches(OPEN).count() == 1
}

/// Document control data that is not in the wizard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    /// Document id, e.g. `DOC-SM-POLICY`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version label the draft will become, e.g. `1.0`.
    pub version: String,
    /// Review interval in months.
    pub review_months: u32,
    /// Role that owns it.
    pub owner_role: String,
    /// Role that approves it.
    pub approver_role: String,
}

impl DocInfo {
    /// Document control data for drafting `document_id` from `template`.
    pub fn for_template(document_id: &str, title: &str, template: &Template) -> Self {
        Self {
            id: document_id.to_owned(),
            title: title.to_owned(),
            version: "1.0".to_owned(),
            review_months: template.review_months,
            owner_role: template.owner_role.clone(),
            approver_role: template.approver_role.clone(),
        }
    }
}

/// A placeholder left in a draft, for the "still to fill" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlaceholderUse {
    /// The placeholder as it appears, e.g. `«firm address»`.
    pub text: String,
    /// How many times it appears in the draft.
    pub count: u32,
    /// Where to fill it in: the wizard step, or "the document" for text to write here.
    pub hint: String,
}

/// A context with its flat filled values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The context to render with.
    pub context: TemplateContext,
    /// `key -> text` of every value taken from the wizard (placeholders included).
    pub values: BTreeMap<String, String>,
}

struct Values(BTreeMap<String, String>);

impl Values {
    /// Records `value` under `key`, or a placeholder `«label»` when it is empty.
    fn text(&mut self, key: &str, value: &str, label: &str) -> String {
        let v = value.trim();
        let out = if v.is_empty() {
            placeholder(label)
        } else {
            v.to_owned()
        };
        self.0.insert(key.to_owned(), out.clone());
        out
    }
}

fn join(names: &[String]) -> String {
    crate::wizard::scope::join_and(names)
}

/// Builds the template context for `doc` from the wizard's answers; see the module docs.
pub fn fill_context(lib: &Library, data: &WizardData, project_firm: &str, doc: &DocInfo) -> Filled {
    let mut v = Values(BTreeMap::new());
    let trading = if data.firm_name().is_empty() {
        project_firm
    } else {
        data.firm_name()
    };
    let name = v.text("firm.name", trading, "firm name");
    let legal_name = v.text(
        "firm.legal_name",
        &data.profile.legal_name,
        "legal name of the firm",
    );
    let address = v.text("firm.address", &data.profile.address, "firm address");
    let sector = v.text("firm.sector", &data.profile.sector, "business sector");
    let headcount = if data.profile.headcount > 0 {
        data.profile.headcount
    } else {
        u32::try_from(data.people.iter().filter(|p| !p.external).count()).unwrap_or(0)
    };
    v.0.insert("firm.headcount".into(), headcount.to_string());

    let mut roles = BTreeMap::new();
    for role in &lib.roles {
        let holders = data.holder_names(&role.id);
        let holder = v.text(
            &format!("roles.{}.holder", role.id),
            &join(&holders),
            &format!("{} (not assigned yet)", role.name),
        );
        let deputy = data.deputy_name(&role.id).unwrap_or_default();
        v.0.insert(format!("roles.{}.deputy", role.id), deputy.clone());
        roles.insert(
            role.id.clone(),
            CtxRole {
                name: role.name.clone(),
                holder,
                deputy,
            },
        );
    }
    let top_management = data.holder_names("ROLE-TM");
    v.0.insert("top_management".into(), join(&top_management));

    let service_owner = join(&data.holder_names("ROLE-SO"));
    let services = data
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let k = |f: &str| format!("services.{}.{f}", s.id);
            let sname = v.text(&k("name"), &s.name, "service name");
            ServiceEntry {
                id: format!("SVC-{:02}", i + 1),
                description: v.text(
                    &k("description"),
                    &s.description,
                    &format!("description of {sname}"),
                ),
                owner: v.text(&k("owner"), &service_owner, &format!("owner of {sname}")),
                customers: v.text(
                    &k("customers"),
                    &s.customers.join(", "),
                    &format!("customers of {sname}"),
                ),
                hours: v.text(
                    &k("hours"),
                    &s.service_hours,
                    &format!("service hours of {sname}"),
                ),
                criticality: v.text(
                    &k("criticality"),
                    &s.criticality,
                    &format!("criticality of {sname}"),
                ),
                sla: v.text(
                    &k("sla"),
                    &s.sla_targets,
                    &format!("service levels of {sname}"),
                ),
                name: sname,
            }
        })
        .collect();
    let other_parties = data
        .other_parties
        .iter()
        .map(|p| {
            let k = |f: &str| format!("other_parties.{}.{f}", p.id);
            let pname = v.text(&k("name"), &p.name, "party name");
            OtherPartyEntry {
                kind: p.kind.label().to_owned(),
                provides: v.text(
                    &k("provides"),
                    &p.provides,
                    &format!("what {pname} provides"),
                ),
                name: pname,
            }
        })
        .collect();
    let customers = data.all_customers();
    v.0.insert("customers".into(), customers.join(", "));
    let locations = data.all_locations();
    v.0.insert("locations".into(), locations.join(", "));
    let scope_statement = v.text(
        "scope_statement",
        &effective_statement(data),
        "scope statement (complete the services step of the setup wizard)",
    );

    let owner = v.text(
        "doc.owner",
        &join(&data.holder_names(&doc.owner_role)),
        &format!("owner: {}", role_name(lib, &doc.owner_role)),
    );
    let approver = v.text(
        "doc.approver",
        &join(&data.holder_names(&doc.approver_role)),
        &format!("approver: {}", role_name(lib, &doc.approver_role)),
    );
    let settings = TemplateSettings {
        review_cycle_months: doc.review_months,
        audit_cycle_months: DEFAULT_CYCLE_MONTHS,
        mr_interval_months: DEFAULT_CYCLE_MONTHS,
        itsm_system: v.text(
            "settings.itsm_system",
            &data.profile.itsm_system,
            "ticketing system",
        ),
        doc_repository: v.text(
            "settings.doc_repository",
            &data.profile.doc_repository,
            "document repository",
        ),
        service_hours: v.text(
            "settings.service_hours",
            &data.profile.support_hours,
            "service hours",
        ),
        risk_acceptance_level: v.text(
            "settings.risk_acceptance_level",
            &data.profile.risk_acceptance_level,
            "risk acceptance level",
        ),
    };
    let climate = ClimateDecision {
        relevant: data.climate.relevant.unwrap_or(false),
        rationale: v.text(
            "climate.rationale",
            &data.climate.rationale,
            "climate decision (context step of the setup wizard)",
        ),
    };
    let mut context = TemplateContext {
        firm: FirmProfile {
            name,
            legal_name,
            address,
            sector,
            headcount,
        },
        scope_statement,
        services,
        customers,
        locations,
        other_parties,
        roles,
        top_management,
        doc: DocControl {
            id: doc.id.clone(),
            title: doc.title.clone(),
            version: format!("{} (draft)", doc.version),
            owner,
            approver,
            effective_date: "the date of approval (see the approval record)".into(),
            next_review_date: format!("{} months after approval", doc.review_months),
        },
        settings,
        climate,
        objectives: Vec::new(),
        duties: BTreeMap::new(),
        duty_list: Vec::new(),
        audit_programme: Vec::new(),
        audit_note: String::new(),
        data_protection: Default::default(),
    };
    // Duties scaled to the headcount, the audit programme planned back from the target date,
    // and the data protection law of the country the address ends with.
    let target = data
        .profile
        .target_date
        .as_deref()
        .and_then(super::parse_date);
    complete_context(lib, &mut context, target);
    Filled {
        context,
        values: v.0,
    }
}

fn role_name(lib: &Library, id: &str) -> String {
    lib.role(id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

/// Where a placeholder gets filled, from its text.
fn hint(text: &str) -> String {
    let t = text.to_ascii_lowercase();
    let step = if t.contains("not assigned") || t.contains("owner:") || t.contains("approver:") {
        "Setup wizard: roles"
    } else if t.contains("firm") || t.contains("sector") {
        "Setup wizard: firm profile"
    } else if t.contains("climate") {
        "Setup wizard: context"
    } else if t.contains("service") || t.contains("scope") || t.contains("provides") {
        "Setup wizard: services"
    } else {
        "Write it in the document"
    };
    step.to_owned()
}

/// Placeholders still in `body`, in first-seen order with counts.
pub fn placeholders_in(body: &str) -> Vec<PlaceholderUse> {
    let mut out: Vec<PlaceholderUse> = Vec::new();
    for (piece, is_ph) in super::markdown::split_placeholders(body) {
        if !is_ph {
            continue;
        }
        if let Some(p) = out.iter_mut().find(|p| p.text == piece) {
            p.count += 1;
        } else {
            out.push(PlaceholderUse {
                text: piece.to_owned(),
                count: 1,
                hint: hint(piece),
            });
        }
    }
    out
}

/// Renders `template` for `doc` from the wizard's answers: the draft text and its values.
pub fn draft_from_template(
    lib: &Library,
    data: &WizardData,
    project_firm: &str,
    template: &Template,
    doc: &DocInfo,
) -> Result<(String, BTreeMap<String, String>), ContentError> {
    let filled = fill_context(lib, data, project_firm, doc);
    let body = render(template, &filled.context)?;
    Ok((body, filled.values))
}

/// A filled value that changed in the wizard since the draft was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueChange {
    /// Key, e.g. `roles.ROLE-TM.holder`.
    pub key: String,
    /// What it is, for people ("Top management: holder").
    pub label: String,
    /// The value the draft was filled with.
    pub old: String,
    /// Today's value.
    pub new: String,
    /// How often the old value occurs in the draft.
    pub occurrences: u32,
    /// Whether [`refresh_body`] can replace it safely (text of 3+ characters, not a bare
    /// number); otherwise the change is listed for the author to check by hand.
    pub refreshable: bool,
}

/// Human label of a value key.
pub fn key_label(lib: &Library, data: &WizardData, key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    match parts.as_slice() {
        ["roles", role, field] => format!("{}: {field}", role_name(lib, role)),
        ["services", id, field] => {
            let name = id
                .parse::<i64>()
                .ok()
                .and_then(|id| data.services.iter().find(|s| s.id == id))
                .map_or("A removed service", |s| s.name.as_str());
            format!("Service \"{name}\": {field}")
        }
        ["other_parties", id, field] => {
            let name = id
                .parse::<i64>()
                .ok()
                .and_then(|id| data.other_parties.iter().find(|s| s.id == id))
                .map_or("A removed party", |s| s.name.as_str());
            format!("Other party \"{name}\": {field}")
        }
        _ => key.replace(['.', '_'], " "),
    }
}

/// Non-overlapping occurrences of `needle` in `hay` that stand alone as words (the characters
/// either side are not letters or digits). Byte offsets.
fn word_matches(hay: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if alone(before) && alone(after) {
            out.push(start);
            from = end;
        } else {
            from = start + needle.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

fn refreshable(old: &str) -> bool {
    is_placeholder(old)
        || (old.chars().count() >= 3 && !old.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Values that differ between the draft's `snapshot` and `current`, limited to those whose
/// old value appears in `body` (a value the author already edited away is not news).
/// Values that are new since the snapshot (a new service) are not listed: there is nothing in
/// the draft to replace; re-drafting from the template brings them in.
pub fn changed_values(
    lib: &Library,
    data: &WizardData,
    snapshot: &BTreeMap<String, String>,
    current: &BTreeMap<String, String>,
    body: &str,
) -> Vec<ValueChange> {
    let mut out = Vec::new();
    for (key, old) in snapshot {
        let new = current.get(key).cloned().unwrap_or_default();
        if *old == new || old.trim().is_empty() {
            continue;
        }
        let occurrences = u32::try_from(word_matches(body, old).len()).unwrap_or(u32::MAX);
        if occurrences == 0 {
            continue;
        }
        out.push(ValueChange {
            key: key.clone(),
            label: key_label(lib, data, key),
            old: old.clone(),
            refreshable: refreshable(old) && !new.trim().is_empty(),
            new,
            occurrences,
        });
    }
    // Longer values first so that replacing one never cuts into another.
    out.sort_by(|a, b| b.old.len().cmp(&a.old.len()).then(a.key.cmp(&b.key)));
    out
}

/// Replaces, in `body`, the old value of each refreshable change whose key is in `keys`
/// with its new value (whole words only). Returns the new body and the keys applied.
pub fn refresh_body(body: &str, changes: &[ValueChange], keys: &[String]) -> (String, Vec<String>) {
    let mut text = body.to_owned();
    let mut applied = Vec::new();
    for c in changes {
        if !c.refreshable || !keys.contains(&c.key) {
            continue;
        }
        let hits = word_matches(&text, &c.old);
        if hits.is_empty() {
            // An identical value (same person in two roles) already replaced it.
            applied.push(c.key.clone());
            continue;
        }
        let mut next = String::with_capacity(text.len());
        let mut last = 0;
        for start in hits {
            next.push_str(&text[last..start]);
            next.push_str(&c.new);
            last = start + c.old.len();
        }
        next.push_str(&text[last..]);
        text = next;
        applied.push(c.key.clone());
    }
    (text, applied)
}

/// Sets the version in the document control table (`| Version | … |` row) to `label`.
/// The first such row is changed; a body without one is returned unchanged.
pub fn stamp_version(body: &str, label: &str) -> String {
    let mut done = false;
    let mut out: Vec<String> = Vec::new();
    for line in body.split('\n') {
        let t = line.trim();
        if !done && t.starts_with("| Version |") && t.ends_with('|') {
            out.push(format!("| Version | {label} |"));
            done = true;
        } else {
            out.push(line.to_owned());
        }
    }
    out.join("\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::content::library;
    use crate::wizard::{FirmProfile as WProfile, Person, RoleAssignment, Service};

    fn data() -> WizardData {
        WizardData {
            profile: WProfile {
                legal_name: "Acme IT Ltd".into(),
                trading_name: "Acme IT".into(),
                headcount: 5,
                ..WProfile::default()
            },
            services: vec![Service {
                id: 7,
                name: "Managed backup".into(),
                customers: vec!["SMEs".into()],
                ..Service::default()
            }],
            people: vec![
                Person {
                    id: 1,
                    name: "Ann Lee".into(),
                    ..Person::default()
                },
                Person {
                    id: 2,
                    name: "Bob Ray".into(),
                    ..Person::default()
                },
            ],
            assignments: vec![
                RoleAssignment {
                    role_id: "ROLE-TM".into(),
                    holders: vec![1],
                    deputy: None,
                },
                RoleAssignment {
                    role_id: "ROLE-SMSM".into(),
                    holders: vec![2],
                    deputy: None,
                },
            ],
            ..WizardData::default()
        }
    }

    fn policy() -> (&'static Template, DocInfo) {
        let t = library().template("TPL-03").unwrap();
        (t, DocInfo::for_template("DOC-SM-POLICY", &t.title, t))
    }

    #[test]
    fn every_template_fills_from_an_empty_wizard_with_visible_placeholders() {
        let lib = library();
        for t in &lib.templates {
            let doc = DocInfo::for_template("DOC-X", &t.title, t);
            let (body, _) =
                draft_from_template(lib, &WizardData::default(), "Acme", t, &doc).unwrap();
            assert!(!body.contains("undefined"), "{}", t.id);
            let ph = placeholders_in(&body);
            assert!(
                ph.iter().any(|p| p.text == "«legal name of the firm»"),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn wizard_values_fill_the_policy_and_unknowns_are_listed() {
        let lib = library();
        let (t, doc) = policy();
        let (body, values) = draft_from_template(lib, &data(), "Acme", t, &doc).unwrap();
        assert!(body.contains("Acme IT Ltd"));
        assert!(body.contains("Ann Lee"));
        assert!(body.contains("Managed backup"));
        assert_eq!(values["roles.ROLE-TM.holder"], "Ann Lee");
        assert_eq!(values["services.7.name"], "Managed backup");
        let ph: Vec<String> = placeholders_in(&body).into_iter().map(|p| p.text).collect();
        assert!(ph.contains(&"«ticketing system»".to_owned()), "{ph:?}");
        assert!(!ph.iter().any(|p| p.contains("Acme")));
    }

    #[test]
    fn changes_after_wizard_edits_are_found_and_refreshed() {
        let lib = library();
        let (t, doc) = policy();
        let before = data();
        let (body, snapshot) = draft_from_template(lib, &before, "Acme", t, &doc).unwrap();
        // The author edits the draft, then the wizard changes: new top-management holder,
        // renamed service, an address filled in.
        let body = body.replace(
            "## 1. Purpose and scope",
            "## 1. Purpose and scope (edited)",
        );
        let mut after = before.clone();
        after.people[0].name = "Cleo Park".into();
        after.services[0].name = "Backup and restore".into();
        after.profile.address = "1 High Street".into();
        let current = fill_context(lib, &after, "Acme", &doc).values;
        let changes = changed_values(lib, &after, &snapshot, &current, &body);
        let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
        assert!(keys.contains(&"roles.ROLE-TM.holder"), "{keys:?}");
        assert!(keys.contains(&"services.7.name"));
        let tm = changes
            .iter()
            .find(|c| c.key == "roles.ROLE-TM.holder")
            .unwrap();
        assert_eq!((tm.old.as_str(), tm.new.as_str()), ("Ann Lee", "Cleo Park"));
        assert!(tm.refreshable);
        assert_eq!(tm.label, "Top management: holder");
        let all: Vec<String> = changes.iter().map(|c| c.key.clone()).collect();
        let (refreshed, applied) = refresh_body(&body, &changes, &all);
        assert_eq!(
            applied.len(),
            changes.iter().filter(|c| c.refreshable).count()
        );
        assert!(refreshed.contains("Cleo Park"));
        assert!(!refreshed.contains("Ann Lee"));
        assert!(refreshed.contains("Backup and restore"));
        assert!(refreshed.contains("(edited)"), "author's edits are kept");
        // After refreshing against the new snapshot there is nothing left to refresh.
        assert!(changed_values(lib, &after, &current, &current, &refreshed).is_empty());
    }

    #[test]
    fn refresh_replaces_whole_words_only_and_skips_numbers() {
        let c = |key: &str, old: &str, new: &str| ValueChange {
            key: key.into(),
            label: key.into(),
            old: old.into(),
            new: new.into(),
            occurrences: 1,
            refreshable: refreshable(old),
        };
        let changes = vec![c("a", "Ann", "Bea"), c("n", "6", "7")];
        let keys = vec!["a".to_owned(), "n".to_owned()];
        let (out, applied) = refresh_body("Ann, Annabel and 6 people", &changes, &keys);
        assert_eq!(out, "Bea, Annabel and 6 people");
        assert_eq!(applied, vec!["a"]);
    }

    #[test]
    fn stamp_version_changes_the_control_row_only() {
        let body = "# T\n\n| Version | 1.0 (draft) |\n\nText | Version | x |";
        assert_eq!(
            stamp_version(body, "1.1"),
            "# T\n\n| Version | 1.1 |\n\nText | Version | x |"
        );
        assert_eq!(stamp_version("no table", "2.0"), "no table");
    }
}
