//! The demo firm's setup wizard: profile, context, services, people and roles.

use super::*;
use ready20k_domain::wizard::HeldCertificate;

fn person(name: &str, email: &str, title: &str) -> Person {
    Person {
        id: 0,
        name: name.into(),
        email: email.into(),
        job_title: title.into(),
        external: false,
    }
}

/// Fills the wizard; returns the ids of the six members of staff, in the order added.
pub(super) fn fill_wizard(p: &mut Project, t: &Timeline) -> Result<Vec<i64>> {
    t.go(120, 10);
    wizard::profile::update_profile(
        p,
        &FirmProfile {
            legal_name: DEMO_FIRM.into(),
            trading_name: "Northwind IT".into(),
            address: "4 Harbour Street, Bristol BS1 4XE, United Kingdom".into(),
            sector: "Managed IT services".into(),
            headcount: 6,
            customer_kinds: vec![
                "Accountancy and legal practices".into(),
                "Small manufacturers".into(),
                "Charities".into(),
            ],
            target_date: Some(t.date(150)),
            certification_body: "Albion Certification Services".into(),
            itsm_system: "Freshservice".into(),
            doc_repository: "the SharePoint site \"Northwind SMS\"".into(),
            support_hours: "Monday to Friday 08:00–18:00 UK time".into(),
            risk_acceptance_level:
                "a risk scoring 9 or less may be accepted by its owner; a higher score \
                needs treatment or the acceptance of top management"
                    .into(),
            // Holds ISO 9001, so the roadmap's reuse view has something to show.
            certificates: vec![HeldCertificate::Iso9001],
        },
    )?;
    wizard::progress::complete_step(p, StepId::Profile, StepId::Context)?;

    t.go(119, 10);
    for (kind, text) in [
        (
            IssueKind::Internal,
            "Six people: key knowledge sits with two senior engineers",
        ),
        (
            IssueKind::Internal,
            "Growth plan: two new managed service customers a quarter",
        ),
        (
            IssueKind::Internal,
            "Single ticketing and monitoring platform used for all services",
        ),
        (
            IssueKind::External,
            "Customers ask for ISO/IEC 20000-1 in tenders",
        ),
        (
            IssueKind::External,
            "Dependence on one cloud hosting provider and one connectivity carrier",
        ),
        (
            IssueKind::External,
            "Data protection law (UK GDPR) applies to customer data we handle",
        ),
    ] {
        wizard::context::insert_issue(p, kind, text)?;
    }
    for (name, req) in [
        (
            "Customers",
            "Agreed service levels met, clear reporting, data kept confidential",
        ),
        (
            "Staff",
            "Clear roles, manageable on-call rota, training on new tools",
        ),
        ("Suppliers", "Accurate orders and forecasts, timely payment"),
        (
            "Regulators",
            "UK GDPR compliance, breach notification within 72 hours",
        ),
        (
            "Owners",
            "Profitable growth and certification by the target date",
        ),
    ] {
        wizard::context::save_party(
            p,
            &InterestedParty {
                id: 0,
                name: name.into(),
                requirements: req.into(),
            },
        )?;
    }
    wizard::profile::update_climate(
        p,
        &ClimateDecision {
            relevant: Some(true),
            rationale: "Relevant: extreme weather can disrupt customer sites and our office; \
                        customers increasingly ask about the energy use of hosted services. \
                        Covered by continuity planning and supplier selection."
                .into(),
        },
    )?;
    wizard::progress::complete_step(p, StepId::Context, StepId::Services)?;

    t.go(118, 10);
    let mut services = Vec::new();
    let hours = |name: &str| match name {
        "Managed Workplace" => ("Monday to Friday 08:00–18:00 UK time", "High"),
        "Cloud Hosting" => (
            "24 × 7, monitored; support Monday to Friday 08:00–18:00",
            "High",
        ),
        _ => (
            "24 × 7 automated; support Monday to Friday 08:00–18:00",
            "Medium",
        ),
    };
    for (name, desc, sla, locs, others) in [
        (
            "Managed Workplace",
            "Service desk, device management and Microsoft 365 administration for office staff",
            "P1 response 30 min, resolution 4 h; 95% of requests fulfilled within 2 working days",
            vec!["Bristol office".to_owned(), "Customer sites".to_owned()],
            false,
        ),
        (
            "Cloud Hosting",
            "Hosted servers and line-of-business applications on our cloud tenancy",
            "99.9% monthly availability; restore from backup within 8 h",
            vec!["Cloud region UK South".to_owned()],
            true,
        ),
        (
            "Backup and Recovery",
            "Daily backup of servers and Microsoft 365 data with quarterly restore tests",
            "Daily backup success 98%; quarterly restore test report",
            vec![
                "Cloud region UK South".to_owned(),
                "Bristol office".to_owned(),
            ],
            true,
        ),
    ] {
        services.push(wizard::services::save_service(
            p,
            &Service {
                id: 0,
                name: name.into(),
                description: desc.into(),
                customers: vec!["Accountancy and legal practices".into(), "Charities".into()],
                sla_targets: sla.into(),
                locations: locs,
                delivered_by_others: others,
                service_hours: hours(name).0.into(),
                criticality: hours(name).1.into(),
            },
        )?);
    }
    let hosting = services.get(1).copied().unwrap_or_default();
    let backup = services.get(2).copied().unwrap_or_default();
    wizard::services::save_other_party(
        p,
        &OtherParty {
            id: 0,
            name: "Stratus Cloud UK Ltd".into(),
            kind: OtherPartyKind::ExternalSupplier,
            provides: "Cloud infrastructure (compute, storage, network) for hosting and backup"
                .into(),
            services: vec![hosting, backup],
            processes: vec!["P-AVL".into(), "P-CAP".into()],
        },
    )?;
    wizard::services::save_other_party(
        p,
        &OtherParty {
            id: 0,
            name: "Severn Connect".into(),
            kind: OtherPartyKind::ExternalSupplier,
            provides: "Office connectivity and customer site broadband".into(),
            services: services.first().copied().into_iter().collect(),
            processes: vec![],
        },
    )?;
    wizard::profile::update_scope(p, None)?;
    wizard::progress::complete_step(p, StepId::Services, StepId::People)?;

    t.go(117, 10);
    let staff = [
        person(
            "Eleanor Hart",
            "eleanor.hart@northwind-it.example",
            "Managing Director",
        ),
        person(
            "Marcus Reid",
            "marcus.reid@northwind-it.example",
            "Service Delivery Manager",
        ),
        person(
            "Priya Nair",
            "priya.nair@northwind-it.example",
            "Operations and Finance Manager",
        ),
        person(
            "Tom Whitfield",
            "tom.whitfield@northwind-it.example",
            "Senior Engineer",
        ),
        person(
            "Aisha Okafor",
            "aisha.okafor@northwind-it.example",
            "Service Desk Lead",
        ),
        person(
            "Daniel Brooks",
            "daniel.brooks@northwind-it.example",
            "Support Engineer",
        ),
    ];
    let ids = wizard::people::insert_people(p, &staff)?;
    wizard::progress::complete_step(p, StepId::People, StepId::Roles)?;

    t.go(116, 10);
    let data = wizard::load(p.conn())?;
    let suggestion = suggest_roles(library(), &data.people, data.profile.headcount)
        .map_err(|e| StoreError::Content(e.message))?;
    wizard::roles::apply_suggestion(p, &suggestion)?;
    // Record a compensating control for every conflict the suggestion left open.
    let data = wizard::load(p.conn())?;
    let report = sod_of(library(), &data);
    for f in report
        .findings
        .iter()
        .filter(|f| !f.resolved && f.mitigation_allowed)
    {
        let text = if f.suggested_mitigation.trim().is_empty() {
            format!(
                "{} and {} are reviewed monthly by the Managing Director; \
                 both are recorded in the ticket system.",
                f.role_a_name, f.role_b_name
            )
        } else {
            f.suggested_mitigation.clone()
        };
        wizard::roles::upsert_mitigation(
            p,
            &SodMitigation {
                rule_id: f.rule_id.clone(),
                person_id: f.person_id,
                text,
            },
        )?;
    }
    wizard::progress::complete_step(p, StepId::Roles, StepId::Review)?;
    wizard::progress::complete_step(p, StepId::Review, StepId::Review)?;
    Ok(ids)
}
