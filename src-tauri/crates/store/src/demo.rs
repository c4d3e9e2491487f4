//! [`create_demo`]: a complete, realistic sample firm ("Northwind Managed IT Ltd") for demos,
//! screenshots, the dossier and tests. Deterministic: the same clock gives the same project.
//!
//! The demo is built through the same store operations the app uses (wizard, documents,
//! assessment), along a timeline ending at the clock's "now": set-up about 120 days ago,
//! documents issued and approved about 90 days ago, a first assessment snapshot 45 days ago,
//! an internal audit 20 days ago and the current snapshot yesterday.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use ready20k_domain::assessment::{Action, ActionSource, ActionStatus, AnswerRecord, NewEvidence};
use ready20k_domain::clock::{Clock, FixedClock};
use ready20k_domain::content::library;
use ready20k_domain::scoring::MaturityLevel;
use ready20k_domain::wizard::sod::check_sod;
use ready20k_domain::wizard::suggest::suggest_roles;
use ready20k_domain::wizard::{
    ClimateDecision, FirmProfile, InterestedParty, IssueKind, OtherParty, OtherPartyKind, Person,
    Service, SodMitigation, StepId,
};

use crate::{Project, Result, StoreError, assessment, documents, wizard};

/// The demo firm's name.
pub const DEMO_FIRM: &str = "Northwind Managed IT Ltd";

/// Documents drafted, issued and approved in the demo (library document ids), in order.
const DEMO_DOCS: usize = 12;

fn doc_err(e: documents::DocError) -> StoreError {
    match e {
        documents::DocError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// A deterministic 64-bit hash (FNV-1a) used to vary the demo by question id.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The demo's final maturity level for a question: mostly implemented or operated, some gaps.
fn final_level(question_id: &str, blocking: bool) -> u8 {
    let level: u8 = match fnv(question_id) % 20 {
        0 => 1,
        1..=2 => 2,
        3..=8 => 3,
        9..=17 => 4,
        _ => 5,
    };
    if blocking { level.max(3) } else { level }
}

/// The level at the first (earlier) snapshot: one lower for most questions.
fn early_level(question_id: &str, final_level: u8) -> u8 {
    if fnv(&format!("early {question_id}")).is_multiple_of(3) {
        final_level
    } else {
        final_level.saturating_sub(1)
    }
}

struct Timeline {
    now: DateTime<Utc>,
}

impl Timeline {
    fn at(&self, days_ago: i64, minutes: i64) -> String {
        (self.now - Duration::days(days_ago) + Duration::minutes(minutes)).to_rfc3339()
    }

    fn date(&self, days_from_now: i64) -> String {
        (self.now + Duration::days(days_from_now))
            .date_naive()
            .to_string()
    }
}

/// Creates the demo project at `path` (refusing an existing file). The project is built in a
/// temporary file beside `path` and moved into place only when complete.
pub fn create_demo(path: &Path, clock: Arc<dyn Clock>) -> Result<Project> {
    let path = std::path::absolute(path)?;
    if path.exists() {
        return Err(StoreError::AlreadyExists {
            path: path.display().to_string(),
        });
    }
    let tmp = path.with_extension(format!("r20k-demo-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let t = Timeline { now: clock.now() };
    let start = Arc::new(FixedClock(t.now - Duration::days(120)));
    let built = Project::create(&tmp, DEMO_FIRM, start).and_then(|mut p| {
        fill(&mut p, &t)?;
        p.close()
    });
    let placed = built.and_then(|()| match std::fs::hard_link(&tmp, &path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::AlreadyExists {
            path: path.display().to_string(),
        }),
        Err(_) => std::fs::rename(&tmp, &path).map_err(StoreError::from),
    });
    for suffix in ["", "-wal", "-shm"] {
        let mut name = tmp.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
    placed?;
    Project::open(&path, clock)
}

fn fill(p: &mut Project, t: &Timeline) -> Result<()> {
    let people = fill_wizard(p, t)?;
    let approved = fill_documents(p, t)?;
    fill_assessment(p, t, &people, &approved)
}

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
fn fill_wizard(p: &mut Project, t: &Timeline) -> Result<Vec<i64>> {
    let c = p.conn_mut();
    let now = t.at(120, 10);
    wizard::profile::update_profile(
        c,
        &now,
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
        },
    )?;
    wizard::progress::complete_step(c, &now, StepId::Profile, StepId::Context)?;

    let now = t.at(119, 10);
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
        wizard::context::insert_issue(c, &now, kind, text)?;
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
            c,
            &now,
            &InterestedParty {
                id: 0,
                name: name.into(),
                requirements: req.into(),
            },
        )?;
    }
    wizard::profile::update_climate(
        c,
        &now,
        &ClimateDecision {
            relevant: Some(true),
            rationale: "Relevant: extreme weather can disrupt customer sites and our office; \
                        customers increasingly ask about the energy use of hosted services. \
                        Covered by continuity planning and supplier selection."
                .into(),
        },
    )?;
    wizard::progress::complete_step(c, &now, StepId::Context, StepId::Services)?;

    let now = t.at(118, 10);
    let mut services = Vec::new();
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
            c,
            &now,
            &Service {
                id: 0,
                name: name.into(),
                description: desc.into(),
                customers: vec!["Accountancy and legal practices".into(), "Charities".into()],
                sla_targets: sla.into(),
                locations: locs,
                delivered_by_others: others,
            },
        )?);
    }
    let hosting = services.get(1).copied().unwrap_or_default();
    let backup = services.get(2).copied().unwrap_or_default();
    wizard::services::save_other_party(
        c,
        &now,
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
        c,
        &now,
        &OtherParty {
            id: 0,
            name: "Severn Connect".into(),
            kind: OtherPartyKind::ExternalSupplier,
            provides: "Office connectivity and customer site broadband".into(),
            services: services.first().copied().into_iter().collect(),
            processes: vec![],
        },
    )?;
    wizard::profile::update_scope(c, &now, None)?;
    wizard::progress::complete_step(c, &now, StepId::Services, StepId::People)?;

    let now = t.at(117, 10);
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
    let ids = wizard::people::insert_people(c, &now, &staff)?;
    wizard::progress::complete_step(c, &now, StepId::People, StepId::Roles)?;

    let now = t.at(116, 10);
    let data = wizard::load(c)?;
    let suggestion = suggest_roles(library(), &data.people, data.profile.headcount)
        .map_err(StoreError::Invalid)?;
    wizard::roles::apply_suggestion(c, &now, &suggestion)?;
    // Record a compensating control for every conflict the suggestion left open.
    let data = wizard::load(c)?;
    let report = check_sod(
        library(),
        &data.people,
        &data.assignments,
        &data.mitigations,
        data.profile.headcount,
    );
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
            c,
            &now,
            &SodMitigation {
                rule_id: f.rule_id.clone(),
                person_id: f.person_id,
                text,
            },
        )?;
    }
    wizard::progress::complete_step(c, &now, StepId::Roles, StepId::Review)?;
    wizard::progress::complete_step(c, &now, StepId::Review, StepId::Review)?;
    Ok(ids)
}

/// Drafts, issues and approves library documents; returns (doc key, version id) of each
/// approved version.
fn fill_documents(p: &mut Project, t: &Timeline) -> Result<Vec<(String, i64, String)>> {
    let lib = library();
    let mut approved = Vec::new();
    let keys: Vec<&str> = lib
        .documents
        .iter()
        .filter(|d| d.required && !d.templates.is_empty())
        .map(|d| d.id.as_str())
        .take(DEMO_DOCS)
        .collect();
    for (n, key) in keys.into_iter().enumerate() {
        let minute = i64::try_from(n).unwrap_or(0) * 7;
        let c = p.conn_mut();
        let started = t.at(95, minute);
        let doc_id = documents::start_document(c, &started, key, None, None).map_err(doc_err)?;
        let issued = t.at(92, minute);
        let version = documents::issue_version(c, &issued, doc_id, "First issue", false, 1)
            .map_err(doc_err)?;
        let data = wizard::load(c)?;
        let doc = documents::records::get_document(c, doc_id)?;
        // The approver role's holders first, then its deputy; the rules decide.
        let mut candidates: Vec<i64> = data
            .assignment(&doc.approver_role)
            .map(|a| a.holders.iter().copied().chain(a.deputy).collect())
            .unwrap_or_default();
        candidates.extend(data.people.iter().map(|p| p.id));
        let when = t.at(90, minute);
        let number = version.number.to_string();
        for who in candidates {
            if documents::approve_version(c, &when, version.id, who, &number).is_ok() {
                approved.push((key.to_owned(), version.id, doc.title.clone()));
                break;
            }
        }
    }
    Ok(approved)
}

fn fill_assessment(
    p: &mut Project,
    t: &Timeline,
    people: &[i64],
    approved: &[(String, i64, String)],
) -> Result<()> {
    let lib = library();
    let owner = |q: &str| -> Option<i64> {
        let n = people.len().max(1) as u64;
        people.get((fnv(q) % n) as usize).copied()
    };
    let level = |v: u8| MaturityLevel::from_value(v).unwrap_or_default();
    let c = p.conn_mut();

    // First pass: the earlier state, frozen in a snapshot 45 days ago.
    let early = t.at(46, 0);
    for q in &lib.questions {
        let f = final_level(&q.id, q.blocking);
        assessment::answers::save_answer(
            c,
            &early,
            &AnswerRecord {
                question_id: q.id.clone(),
                level: level(early_level(&q.id, f)),
                note: String::new(),
                owner_id: owner(&q.id),
                target_date: None,
                other_party_id: None,
                other_party_control: String::new(),
                updated_at: String::new(),
            },
        )?;
    }
    let when = t.at(45, 0);
    let card = assessment::scorecard(c, chrono_date(&when)?)?;
    assessment::snapshots::take_snapshot(c, &when, "Baseline after document approval", &card)?;

    // Evidence: files, approved documents and locations.
    let qids: Vec<&str> = lib.questions.iter().map(|q| q.id.as_str()).collect();
    let pick = |seed: &str, n: usize| -> Vec<String> {
        let mut out: Vec<String> = (0..n)
            .filter_map(|i| {
                let k = fnv(&format!("{seed}{i}")) as usize % qids.len().max(1);
                qids.get(k).map(|s| (*s).to_owned())
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let when = t.at(30, 0);
    let files: [(&str, &str, String); 3] = [
        (
            "restore-test-q3.csv",
            "Quarterly restore test",
            "service,backup_date,restored_at,minutes,result\n\
             Cloud Hosting,2026-06-30,2026-07-01T09:10Z,42,pass\n\
             Managed Workplace,2026-06-30,2026-07-01T10:05Z,18,pass\n"
                .to_owned(),
        ),
        (
            "sla-report-august.md",
            "Monthly SLA report (August)",
            "# SLA report, August\n\n| Service | Target | Achieved |\n|---|---|---|\n\
             | Managed Workplace P1 resolution | 4 h | 3 h 12 min |\n\
             | Cloud Hosting availability | 99.9% | 99.96% |\n"
                .to_owned(),
        ),
        (
            "supplier-review-stratus.txt",
            "Supplier review: Stratus Cloud UK",
            "Supplier review meeting with Stratus Cloud UK.\nAttendees: M. Reid, P. Nair.\n\
             Availability 99.98% against 99.95% contract. No open escalations.\n"
                .to_owned(),
        ),
    ];
    for (name, title, body) in &files {
        assessment::evidence::add_file(
            c,
            &when,
            name,
            body.as_bytes(),
            &NewEvidence {
                title: (*title).into(),
                document_id: None,
                document_version: None,
                location: None,
                expires_on: None,
                review_on: Some(t.date(90)),
                questions: pick(name, 3),
            },
        )?;
    }
    for (key, version, title) in approved.iter().take(6) {
        let questions: Vec<String> = lib
            .questions
            .iter()
            .filter(|q| q.documents.iter().any(|d| d == key))
            .map(|q| q.id.clone())
            .collect();
        let questions = if questions.is_empty() {
            pick(key, 2)
        } else {
            questions
        };
        assessment::evidence::add_document(
            c,
            &when,
            &NewEvidence {
                title: title.clone(),
                document_id: Some(key.clone()),
                document_version: Some(*version),
                location: None,
                expires_on: None,
                review_on: None,
                questions,
            },
        )?;
    }
    for (title, loc) in [
        (
            "Incident and request records",
            "Ticket system (Halo), all tickets since January",
        ),
        (
            "Change records",
            "Ticket system, change module: RFCs with approvals and post-implementation reviews",
        ),
        (
            "Training records",
            "HR folder on SharePoint: /People/Training matrix.xlsx",
        ),
    ] {
        assessment::evidence::add_location(
            c,
            &when,
            &NewEvidence {
                title: title.into(),
                document_id: None,
                document_version: None,
                location: Some(loc.into()),
                expires_on: None,
                review_on: Some(t.date(180)),
                questions: pick(title, 3),
            },
        )?;
    }

    // Final answers (yesterday) and actions for the remaining gaps.
    let now = t.at(2, 0);
    let mut gaps = Vec::new();
    for q in &lib.questions {
        let f = final_level(&q.id, q.blocking);
        let note = if f < 3 {
            "Partly in place; records are not yet complete.".to_owned()
        } else {
            String::new()
        };
        assessment::answers::save_answer(
            c,
            &now,
            &AnswerRecord {
                question_id: q.id.clone(),
                level: level(f),
                note,
                owner_id: owner(&q.id),
                target_date: (f < 3).then(|| t.date(60)),
                other_party_id: None,
                other_party_control: String::new(),
                updated_at: String::new(),
            },
        )?;
        if f < 3 {
            gaps.push(q);
        }
    }
    for (i, q) in gaps.iter().enumerate() {
        let status = match i % 3 {
            0 => ActionStatus::Open,
            1 => ActionStatus::InProgress,
            _ => ActionStatus::Done,
        };
        assessment::actions::save_action(
            c,
            &now,
            &Action {
                id: 0,
                source: ActionSource::Gap,
                question_id: Some(q.id.clone()),
                title: format!("Close the gap on {} (clause {})", q.id, q.clause),
                owner_id: owner(&q.id),
                due: Some(t.date(30 + i64::try_from(i).unwrap_or(0) * 7)),
                status,
                ..Action::default_for_demo()
            },
        )?;
    }
    let audit_q = lib
        .questions
        .iter()
        .find(|q| q.clause.starts_with("8.5.1"))
        .or_else(|| lib.questions.first())
        .map(|q| q.id.clone());
    assessment::actions::save_action(
        c,
        &t.at(20, 0),
        &Action {
            id: 0,
            source: ActionSource::Audit,
            question_id: audit_q,
            title: "Internal audit NC-01: two emergency changes without post-implementation review"
                .into(),
            owner_id: people.get(1).copied(),
            due: Some(t.date(-5)),
            status: ActionStatus::Done,
            cause: "The emergency change procedure did not say who schedules the review, so \
                    reviews were forgotten after out-of-hours fixes."
                .into(),
            correction: "Both changes were reviewed retrospectively on the next working day."
                .into(),
            corrective_action: "Procedure updated: the change manager books the review when \
                                approving an emergency change; the ticket cannot close \
                                without it."
                .into(),
            verification: "Sample of all emergency changes in the following month: 3 of 3 \
                           reviewed within 5 working days (checked by the internal auditor)."
                .into(),
            created_at: String::new(),
            updated_at: String::new(),
        },
    )?;
    let when = t.at(1, 0);
    let card = assessment::scorecard(c, chrono_date(&when)?)?;
    assessment::snapshots::take_snapshot(c, &when, "Before stage 1 audit", &card)?;
    Ok(())
}

fn chrono_date(rfc3339: &str) -> Result<chrono::NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.date_naive())
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

trait DemoDefault {
    fn default_for_demo() -> Self;
}

impl DemoDefault for Action {
    fn default_for_demo() -> Self {
        Action {
            id: 0,
            source: ActionSource::Other,
            question_id: None,
            title: String::new(),
            owner_id: None,
            due: None,
            status: ActionStatus::Open,
            cause: String::new(),
            correction: String::new(),
            corrective_action: String::new(),
            verification: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::snapshot::{collect, to_json};

    fn clock() -> Arc<dyn Clock> {
        Arc::new(FixedClock::at_date(2026, 9, 1).unwrap())
    }

    #[test]
    fn demo_is_complete_and_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let p = create_demo(&dir.path().join("a.r20k"), clock()).unwrap();
        let s = collect(&p).unwrap();
        let w = &s.wizard;
        assert_eq!(s.project.firm_name, DEMO_FIRM);
        assert_eq!(w.people.iter().filter(|p| !p.external).count(), 6);
        assert_eq!(w.services.len(), 3);
        assert!(w.climate.as_ref().unwrap().relevant == Some(true));
        assert!(!w.role_holders.is_empty());
        assert_eq!(w.progress.as_ref().unwrap().completed.len(), 6);
        let approved = s
            .documents
            .iter()
            .filter(|d| d.versions.iter().any(|v| v.approval.is_some()))
            .count();
        assert!(approved >= 10, "only {approved} approved documents");
        assert_eq!(s.assessment.answers.len(), library().questions.len());
        let levels: std::collections::BTreeSet<u8> =
            s.assessment.answers.iter().map(|a| a.level).collect();
        assert!(levels.len() >= 3, "levels {levels:?}");
        assert!(s.assessment.evidence.len() >= 9);
        assert!(
            s.assessment
                .actions
                .iter()
                .any(|a| a.cause.len() > 10 && a.verification.len() > 10)
        );
        assert_eq!(s.assessment.snapshots.len(), 2);
        assert_ne!(
            s.assessment.snapshots[0].taken_at,
            s.assessment.snapshots[1].taken_at
        );
        // SoD: nothing left unresolved.
        let data = wizard::load(p.conn()).unwrap();
        let report = check_sod(
            library(),
            &data.people,
            &data.assignments,
            &data.mitigations,
            data.profile.headcount,
        );
        assert_eq!(report.unresolved_blocks, 0);
        let a = to_json(&s).unwrap();
        let q = create_demo(&dir.path().join("b.r20k"), clock()).unwrap();
        assert_eq!(a, to_json(&collect(&q).unwrap()).unwrap());
    }

    #[test]
    fn demo_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.r20k");
        std::fs::write(&path, b"keep").unwrap();
        assert!(create_demo(&path, clock()).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"keep");
    }
}
