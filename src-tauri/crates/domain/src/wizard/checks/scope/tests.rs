//! Tests of the scope guards and the generated statement.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::wizard::scope::generate_statement;
use crate::wizard::types::{FirmProfile, OtherParty, OtherPartyKind, ScopeStatement, Service};

fn svc(id: i64, name: &str, customers: &[&str]) -> Service {
    Service {
        id,
        name: name.into(),
        description: "Monitoring and support".into(),
        customers: customers.iter().map(|s| (*s).to_owned()).collect(),
        sla_targets: "P1 response 1 hour".into(),
        locations: vec!["Head office".into(), "Home working".into()],
        delivered_by_others: false,
        ..Service::default()
    }
}

fn data() -> WizardData {
    WizardData {
        profile: FirmProfile {
            legal_name: "Acme IT Ltd".into(),
            trading_name: "Acme IT".into(),
            headcount: 6,
            ..FirmProfile::default()
        },
        services: vec![
            svc(1, "Managed workplace", &["SME customers"]),
            svc(2, "Managed backup", &["SME customers", "Schools"]),
        ],
        ..WizardData::default()
    }
}

fn codes(d: &WizardData) -> Vec<IssueCode> {
    check_scope(d).into_iter().map(|i| i.code).collect()
}

#[test]
fn a_coherent_scope_has_no_errors_or_warnings() {
    let d = data();
    let issues = check_scope(&d);
    assert!(issues.iter().all(|i| i.level == Level::Info), "{issues:?}");
}

#[test]
fn generated_statement_names_firm_services_customers_locations() {
    let mut d = data();
    d.other_parties.push(OtherParty {
        id: 1,
        name: "CloudCo".into(),
        kind: OtherPartyKind::ExternalSupplier,
        provides: "hosting".into(),
        services: vec![2],
        processes: vec![],
    });
    let s = generate_statement(&d);
    assert!(s.starts_with("The service management system of Acme IT Ltd (trading as Acme IT)"));
    assert!(s.contains("the services Managed workplace and Managed backup"));
    assert!(s.contains("provided to SME customers and Schools"));
    assert!(s.contains("from Head office and Home working."));
    assert!(s.contains("CloudCo (hosting); Acme IT remains accountable"));
    assert!(check_scope(&d).iter().all(|i| i.level == Level::Info));
}

#[test]
fn no_services_is_an_error() {
    let mut d = data();
    d.services.clear();
    assert!(codes(&d).contains(&IssueCode::NoServices));
}

#[test]
fn service_without_customer_is_an_error() {
    let mut d = data();
    d.services[0].customers = vec!["  ".into()];
    let i = check_scope(&d);
    let hit = i
        .iter()
        .find(|i| i.code == IssueCode::ServiceWithoutCustomer)
        .unwrap();
    assert_eq!(hit.level, Level::Error);
    assert_eq!(hit.target.as_deref(), Some("service:1"));
    assert!(hit.message.contains("Add the customers"));
}

#[test]
fn missing_targets_and_locations_warn() {
    let mut d = data();
    d.services[0].sla_targets.clear();
    d.services[0].locations.clear();
    let c = codes(&d);
    assert!(c.contains(&IssueCode::ServiceWithoutTargets));
    assert!(c.contains(&IssueCode::ServiceWithoutLocation));
}

#[test]
fn resale_and_projects_are_too_broad() {
    let mut d = data();
    d.services.push(svc(3, "Hardware resale", &["Anyone"]));
    assert!(codes(&d).contains(&IssueCode::ScopeTooBroad));
    let mut d = data();
    d.services[0].description = "Ad-hoc project work".into();
    assert!(codes(&d).contains(&IssueCode::ScopeTooBroad));
    let mut d = data();
    for i in 0..11 {
        d.services
            .push(svc(10 + i, &format!("Service {i}"), &["SME customers"]));
    }
    assert!(codes(&d).contains(&IssueCode::ScopeTooBroad));
}

#[test]
fn one_service_for_one_customer_is_too_narrow() {
    let mut d = data();
    d.services.truncate(1);
    assert!(codes(&d).contains(&IssueCode::ScopeTooNarrow));
}

#[test]
fn vague_or_broad_edited_statement_warns() {
    let mut d = data();
    d.scope = ScopeStatement {
        text: "All IT services etc.".into(),
        edited: true,
    };
    let i = check_scope(&d);
    let vague = i
        .iter()
        .find(|i| i.code == IssueCode::ScopeTooVague)
        .unwrap();
    assert!(vague.message.contains("names none of your services"));
    assert!(vague.message.contains("\"etc\""));
    assert!(i.iter().any(|i| i.code == IssueCode::ScopeTooBroad));
    // "fetch" is not "etc".
    d.scope.text = "The SMS of Acme IT for Managed workplace and Managed backup provided to \
                    SME customers; we fetch data from home working."
        .into();
    assert!(!codes(&d).contains(&IssueCode::ScopeTooVague));
}

#[test]
fn excluding_a_requirement_is_refused() {
    let mut d = data();
    d.scope = ScopeStatement {
        text: "The SMS of Acme IT covering Managed workplace and Managed backup for SME \
               customers. Clause 8.4.1 budgeting is not applicable because prices are fixed."
            .into(),
        edited: true,
    };
    let i = check_scope(&d);
    let ex = i
        .iter()
        .find(|i| i.code == IssueCode::ExclusionAttempt)
        .unwrap();
    assert_eq!(ex.level, Level::Error);
    assert!(ex.message.contains("Narrow the scope instead"));
    assert!(ex.message.contains("8.4.1"));
    // Narrowing the scope by services is fine.
    d.scope.text = "The SMS of Acme IT covering Managed workplace and Managed backup for \
                    SME customers from Head office, excluding hardware resale."
        .into();
    assert!(!codes(&d).contains(&IssueCode::ExclusionAttempt));
    // Also caught in a service description.
    let mut d = data();
    d.services[0].description = "We exclude capacity management since it is cloud".into();
    assert!(codes(&d).contains(&IssueCode::ExclusionAttempt));
}

#[test]
fn other_parties_cannot_run_everything_or_leadership() {
    let mut d = data();
    let all: Vec<String> = processes().into_iter().map(|p| p.id).collect();
    d.other_parties.push(OtherParty {
        id: 7,
        name: "BigMSP".into(),
        kind: OtherPartyKind::ExternalSupplier,
        provides: "everything".into(),
        services: vec![1],
        processes: all,
    });
    let c = codes(&d);
    assert!(c.contains(&IssueCode::NonDelegableProcess));
    assert!(c.contains(&IssueCode::AllProcessesHandedOut));
    // Keeping incident management in-house and leadership out of the list fixes both.
    d.other_parties[0]
        .processes
        .retain(|p| p != "P-INC" && p != "P-LEAD");
    let c = codes(&d);
    assert!(!c.contains(&IssueCode::NonDelegableProcess));
    assert!(!c.contains(&IssueCode::AllProcessesHandedOut));
}

#[test]
fn services_mostly_by_others_and_internal_it() {
    let mut d = data();
    d.services[0].delivered_by_others = true;
    assert!(codes(&d).contains(&IssueCode::ServiceMostlyByOthers));
    assert!(!codes(&d).contains(&IssueCode::AllProcessesHandedOut));
    d.services[1].delivered_by_others = true;
    assert!(codes(&d).contains(&IssueCode::AllProcessesHandedOut));
    let mut d = data();
    d.services[0].name = "Internal IT for staff laptops".into();
    assert!(codes(&d).contains(&IssueCode::InternalItAsService));
}

#[test]
fn other_party_without_role_warns() {
    let mut d = data();
    d.other_parties.push(OtherParty {
        id: 2,
        name: "X".into(),
        kind: OtherPartyKind::Customer,
        provides: String::new(),
        services: vec![],
        processes: vec![],
    });
    assert!(codes(&d).contains(&IssueCode::OtherPartyWithoutRole));
}
