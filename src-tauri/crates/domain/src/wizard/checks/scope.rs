//! Scope guards (reference §4.2 and §4.4) for the services step.
//!
//! Guards return [`Issue`]s for the services step. Errors must be fixed before the step counts
//! as done; warnings name a classic scoping mistake and say how to avoid it.

use crate::wizard::processes::processes;
use crate::wizard::scope::effective_statement;
use crate::wizard::types::{Issue, IssueCode, Level, StepId, WizardData};

const BROAD: &[&str] = &[
    "hardware resale",
    "resale",
    "reselling",
    "resell",
    "ad-hoc",
    "ad hoc",
    "one-off",
    "everything",
    "all services",
    "all our services",
    "all it services",
    "all activities",
    "whatever the customer",
];

/// Words that make a scope statement claim everything the firm does.
const STATEMENT_BROAD: &[&str] = &[
    "everything",
    "all services",
    "all our services",
    "all it services",
    "all activities",
];

const VAGUE: &[&str] = &[
    "etc",
    "and so on",
    "various",
    "miscellaneous",
    "general it",
    "other services",
    "as required",
];

const INTERNAL_IT: &[&str] = &[
    "internal it",
    "our own it",
    "own laptops",
    "staff laptops",
    "office it",
    "our email",
];

const EXCLUDE_WORDS: &[&str] = &[
    "exclud",
    "not applicable",
    "n/a",
    "does not apply",
    "do not apply",
    "except clause",
    "except for clause",
    "no need for",
    "we do not do",
    "we don't do",
    "not relevant",
];

/// Requirement words that make an exclusion sentence about the standard, not about services.
const REQUIREMENT_WORDS: &[&str] = &[
    "clause",
    "requirement",
    "capacity management",
    "continuity",
    "budget",
    "availability management",
    "supplier management",
    "change management",
    "problem management",
    "incident management",
    "release",
    "configuration management",
    "asset management",
    "information security",
    "internal audit",
    "management review",
    "design and transition",
    "service level management",
    "business relationship",
];

fn contains_any(haystack: &str, needles: &[&'static str]) -> Option<&'static str> {
    needles.iter().copied().find(|n| contains_word(haystack, n))
}

/// Whether `needle` occurs in lower-cased `haystack` at a word start (so "etc" does not match
/// "fetch"). Needles ending in a stem ("exclud") match any word continuation.
fn contains_word(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
        let at = from + pos;
        let before_ok = haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok {
            return true;
        }
        from = at + needle.len().max(1);
        if from >= haystack.len() {
            break;
        }
    }
    false
}

/// Whether `text` contains a clause number such as `8.7.2`.
fn has_clause_number(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
}

/// Finds a sentence in `text` that tries to exclude a requirement of the standard; returns it.
pub fn find_exclusion(text: &str) -> Option<String> {
    sentences(text).into_iter().find(|s| {
        let lower = s.to_lowercase();
        contains_any(&lower, EXCLUDE_WORDS).is_some()
            && (contains_any(&lower, REQUIREMENT_WORDS).is_some() || has_clause_number(&lower))
    })
}

/// Splits on sentence ends, keeping clause numbers like `8.7.2` together.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if (c == '.' && !(prev_digit && next_digit)) || c == ';' || c == '\n' {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_owned());
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

fn issue(code: IssueCode, level: Level, target: Option<String>, msg: String) -> Issue {
    Issue::new(StepId::Services, code, level, target, msg)
}

/// Runs every scope guard over the services, other parties and the statement in force.
pub fn check_scope(data: &WizardData) -> Vec<Issue> {
    let mut out = Vec::new();
    let services = &data.services;
    if services.is_empty() {
        out.push(issue(
            IssueCode::NoServices,
            Level::Error,
            None,
            "Add at least one service you provide to customers. Start with the managed, \
             recurring services customers buy you for."
                .into(),
        ));
    }
    for s in services {
        let t = Some(format!("service:{}", s.id));
        let name = s.name.trim();
        if name.is_empty() {
            out.push(issue(
                IssueCode::Required,
                Level::Error,
                t.clone(),
                "A service has no name. Give it the name used in your catalogue or contracts."
                    .into(),
            ));
        }
        let label = if name.is_empty() {
            "this service"
        } else {
            name
        };
        if s.customers.iter().all(|c| c.trim().is_empty()) {
            out.push(issue(
                IssueCode::ServiceWithoutCustomer,
                Level::Error,
                t.clone(),
                format!(
                    "\"{label}\" has no customer. Add the customers or customer group who \
                     receive it, or remove it: a service nobody receives cannot be in scope."
                ),
            ));
        }
        if s.sla_targets.trim().is_empty() {
            out.push(issue(
                IssueCode::ServiceWithoutTargets,
                Level::Warning,
                t.clone(),
                format!(
                    "\"{label}\" has no service level targets. Every service in scope needs an \
                     agreement with targets (8.3.3), e.g. \"P1 response within 1 hour; 99.5 % \
                     availability in business hours\"."
                ),
            ));
        }
        if s.locations.iter().all(|c| c.trim().is_empty()) {
            out.push(issue(
                IssueCode::ServiceWithoutLocation,
                Level::Warning,
                t.clone(),
                format!(
                    "\"{label}\" has no location. Say where it is managed and delivered from: \
                     office, home working, data centre or cloud region."
                ),
            ));
        }
        let text = format!("{} {}", s.name, s.description).to_lowercase();
        if let Some(word) = contains_any(&text, BROAD) {
            out.push(issue(
                IssueCode::ScopeTooBroad,
                Level::Warning,
                t.clone(),
                format!(
                    "\"{label}\" looks like {word} work, which you cannot run with SLAs, \
                     capacity and continuity plans. Keep managed, recurring services in scope \
                     and leave resale and ad-hoc projects out; extend the scope later."
                ),
            ));
        }
        if let Some(word) = contains_any(&text, INTERNAL_IT) {
            out.push(issue(
                IssueCode::InternalItAsService,
                Level::Warning,
                t.clone(),
                format!(
                    "\"{label}\" mentions {word}. Your own IT is a supporting component, not a \
                     customer service; remove it unless you sell it to customers."
                ),
            ));
        }
        if s.delivered_by_others {
            out.push(issue(
                IssueCode::ServiceMostlyByOthers,
                Level::Warning,
                t.clone(),
                format!(
                    "\"{label}\" is mostly delivered by someone else. Keep it in scope only if \
                     you run meaningful parts yourself (service desk, monitoring, change, \
                     service levels) and control the partner; otherwise take it out of scope."
                ),
            ));
        }
        if let Some(sentence) = find_exclusion(&format!("{}. {}", s.description, s.sla_targets)) {
            out.push(exclusion_issue(t.clone(), &sentence));
        }
    }
    if !services.is_empty() && services.iter().all(|s| s.delivered_by_others) {
        out.push(issue(
            IssueCode::AllProcessesHandedOut,
            Level::Error,
            None,
            "Every service is marked as mostly delivered by someone else. Conformity cannot be \
             claimed when other parties provide all services; keep in scope only services you \
             operate in meaningful part."
                .into(),
        ));
    }
    if services.len() > 10 {
        out.push(issue(
            IssueCode::ScopeTooBroad,
            Level::Warning,
            None,
            format!(
                "{} services are in scope. A first certification usually covers the few \
                 managed services customers buy you for; you can extend the scope later.",
                services.len()
            ),
        ));
    }
    let customers = data.all_customers();
    if services.len() == 1 && customers.len() == 1 {
        out.push(issue(
            IssueCode::ScopeTooNarrow,
            Level::Warning,
            None,
            "The scope is one service for one customer. Such a certificate has little market \
             value and certification bodies may question it; include the services customers \
             actually buy you for."
                .into(),
        ));
    }
    let locations = data.all_locations();
    if !locations.is_empty() {
        let all = locations.join(" ").to_lowercase();
        let covered = [
            "remote",
            "home",
            "cloud",
            "data cent",
            "datacent",
            "region",
            "customer",
        ]
        .iter()
        .any(|w| all.contains(w));
        if !covered {
            out.push(issue(
                IssueCode::ServiceWithoutLocation,
                Level::Info,
                None,
                "Check the locations: small firms often forget home working, customer sites \
                 and the data centres or cloud regions where service components run."
                    .into(),
            ));
        }
    }
    check_other_parties(data, &mut out);
    check_statement(data, &mut out);
    out
}

fn exclusion_issue(target: Option<String>, sentence: &str) -> Issue {
    issue(
        IssueCode::ExclusionAttempt,
        Level::Error,
        target,
        format!(
            "\"{sentence}\" tries to exclude a requirement. ISO/IEC 20000-1 allows no \
             exclusions: every requirement of clauses 4–10 applies. Narrow the scope instead \
             (take out the service you cannot run that process for) and run a light-weight \
             version of the process for the rest."
        ),
    )
}

fn check_other_parties(data: &WizardData, out: &mut Vec<Issue>) {
    let all = processes();
    for o in &data.other_parties {
        let t = Some(format!("other_party:{}", o.id));
        if o.name.trim().is_empty() {
            out.push(issue(
                IssueCode::Required,
                Level::Error,
                t.clone(),
                "Another party has no name. Name the supplier, group company or customer.".into(),
            ));
        }
        for pid in &o.processes {
            match all.iter().find(|p| &p.id == pid) {
                Some(p) if !p.delegable => out.push(issue(
                    IssueCode::NonDelegableProcess,
                    Level::Error,
                    t.clone(),
                    format!(
                        "{} cannot be operated by {}: clauses 4 and 5 (context, leadership, \
                         policy, scope, roles) must be met by your firm itself. A consultant may \
                         help draft documents; untick this process.",
                        p.name,
                        o.name.trim()
                    ),
                )),
                Some(_) => {}
                None => out.push(issue(
                    IssueCode::InvalidValue,
                    Level::Error,
                    t.clone(),
                    format!("Unknown process {pid}; untick it."),
                )),
            }
        }
        if o.provides.trim().is_empty() && o.services.is_empty() && o.processes.is_empty() {
            out.push(issue(
                IssueCode::OtherPartyWithoutRole,
                Level::Warning,
                t.clone(),
                format!(
                    "Say what {} provides or operates, and for which services; the other-parties \
                     register needs it.",
                    if o.name.trim().is_empty() {
                        "this party"
                    } else {
                        o.name.trim()
                    }
                ),
            ));
        }
    }
    let operational: Vec<_> = all.iter().filter(|p| p.operational).collect();
    let handed_out = |pid: &str| {
        data.other_parties
            .iter()
            .any(|o| o.processes.iter().any(|x| x == pid))
    };
    if operational.iter().all(|p| handed_out(&p.id)) {
        out.push(issue(
            IssueCode::AllProcessesHandedOut,
            Level::Error,
            None,
            "Other parties are recorded as operating every service management process. Your \
             firm keeps accountability and must operate a meaningful part itself (for example \
             service levels, change, incident or problem management); untick the processes \
             you run yourself."
                .into(),
        ));
    }
}

fn check_statement(data: &WizardData, out: &mut Vec<Issue>) {
    let statement = effective_statement(data);
    let lower = statement.to_lowercase();
    let t = Some("scope_statement".to_owned());
    if let Some(sentence) = find_exclusion(&statement) {
        out.push(exclusion_issue(t.clone(), &sentence));
    }
    if !data.scope.edited {
        return;
    }
    let words = statement.split_whitespace().count();
    let names_service = data
        .services
        .iter()
        .any(|s| !s.name.trim().is_empty() && lower.contains(&s.name.trim().to_lowercase()));
    let mut vague = Vec::new();
    if words < 12 {
        vague.push(format!("it has only {words} words"));
    }
    if !data.services.is_empty() && !names_service {
        vague.push("it names none of your services".to_owned());
    }
    if let Some(w) = contains_any(&lower, VAGUE) {
        vague.push(format!("it says \"{w}\""));
    }
    if !vague.is_empty() {
        out.push(issue(
            IssueCode::ScopeTooVague,
            Level::Warning,
            t.clone(),
            format!(
                "The scope statement is too vague: {}. Say which services (by catalogue name), \
                 for which customers and from which locations; or reset it to the generated \
                 text.",
                vague.join("; ")
            ),
        ));
    }
    if let Some(w) = contains_any(&lower, STATEMENT_BROAD) {
        out.push(issue(
            IssueCode::ScopeTooBroad,
            Level::Warning,
            t,
            format!(
                "The scope statement says \"{w}\". Scoping everything you do makes you show \
                 SLAs, capacity and continuity for all of it; name the managed services instead."
            ),
        ));
    }
}

#[cfg(test)]
mod tests;
