//! The generated scope statement (reference §4.1) and the statement in force. The scope
//! guards that check it live in [`super::checks::scope`].

use super::types::WizardData;

pub use super::checks::scope::{check_scope, find_exclusion};

/// Joins `items` as "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The scope statement drafted from the profile, services and other parties, following the
/// pattern "The service management system of {firm} covering the design, transition,
/// delivery and improvement of {services} provided to {customers}, managed from
/// {locations}." A second sentence names other parties and keeps the firm accountable.
pub fn generate_statement(data: &WizardData) -> String {
    let p = &data.profile;
    let legal = p.legal_name.trim();
    let trading = p.trading_name.trim();
    let org = match (legal.is_empty(), trading.is_empty()) {
        (true, true) => "the firm".to_owned(),
        (false, true) => legal.to_owned(),
        (true, false) => trading.to_owned(),
        (false, false) if legal.eq_ignore_ascii_case(trading) => legal.to_owned(),
        (false, false) => format!("{legal} (trading as {trading})"),
    };
    let services: Vec<String> = data
        .services
        .iter()
        .map(|s| s.name.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let services = if services.is_empty() {
        "its services".to_owned()
    } else {
        format!("the services {}", join_and(&services))
    };
    let mut customers = data.all_customers();
    if customers.is_empty() {
        customers = super::types::distinct(p.customer_kinds.iter());
    }
    let customers = if customers.is_empty() {
        "its customers".to_owned()
    } else {
        join_and(&customers)
    };
    let locations = data.all_locations();
    let mut text = format!(
        "The service management system of {org} covering the design, transition, delivery and \
         improvement of {services} provided to {customers}"
    );
    if !locations.is_empty() {
        text.push_str(&format!(
            ", managed and delivered from {}",
            join_and(&locations)
        ));
    }
    text.push('.');
    let parties: Vec<String> = data
        .other_parties
        .iter()
        .filter(|o| !o.name.trim().is_empty())
        .map(|o| {
            if o.provides.trim().is_empty() {
                o.name.trim().to_owned()
            } else {
                format!("{} ({})", o.name.trim(), o.provides.trim())
            }
        })
        .collect();
    if !parties.is_empty() {
        let firm = if trading.is_empty() { legal } else { trading };
        let firm = if firm.is_empty() { "the firm" } else { firm };
        text.push_str(&format!(
            " Parts of these services are provided by other parties: {}; {firm} remains \
             accountable for them.",
            join_and(&parties)
        ));
    }
    text
}

/// The statement in force: the user's text when edited, else the generated one.
pub fn effective_statement(data: &WizardData) -> String {
    if data.scope.edited && !data.scope.text.trim().is_empty() {
        data.scope.text.clone()
    } else {
        generate_statement(data)
    }
}
