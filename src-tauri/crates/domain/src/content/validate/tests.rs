//! Unit tests of the content validation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::content::types::*;

const GOOD_BODY: &str =
    "{% include \"_control.md.j2\" %}\n{{ firm.name }}\n{% include \"_approval.md.j2\" %}\n";

fn s(v: &str) -> String {
    v.to_owned()
}

fn clause(id: &str, kind: ClauseKind) -> Clause {
    Clause {
        id: s(id),
        title: format!("Clause {id}"),
        kind,
        summary: s("What it asks."),
        small_firm: s("What it means."),
        evidence: if kind == ClauseKind::Requirement {
            vec![s("A record")]
        } else {
            vec![]
        },
        documents: vec![],
        amendment: None,
        blocking_exempt: None,
    }
}

fn question(clause: &str, n: u32) -> Question {
    Question {
        id: format!("Q-{clause}-{n:02}"),
        clause: s(clause),
        text: s("Do you?"),
        evidence: vec![s("Something")],
        weight: 2,
        blocking: false,
        stage: 1,
        documents: vec![],
        gate: None,
    }
}

/// A minimal library that validates clean: clauses 4–10 each with one requirement
/// sub-clause and three questions, one role, one document, one template.
fn good() -> Library {
    let mut lib = Library::default();
    for top in TOP_LEVEL {
        lib.clauses.push(clause(top, ClauseKind::Clause));
        let req = format!("{top}.1");
        lib.clauses.push(clause(&req, ClauseKind::Requirement));
        for n in 1..=3 {
            let mut q = question(&req, n);
            if n == 1 {
                q.blocking = true;
                q.weight = 3;
            }
            lib.questions.push(q);
        }
    }
    lib.roles.push(Role {
        id: s("ROLE-TM"),
        name: s("Top management"),
        description: s("Directs the firm."),
        responsibilities: vec![s("Approves policy")],
        clauses: vec![s("5.1")],
        needs_deputy: true,
    });
    lib.roles.push(Role {
        id: s("ROLE-IA"),
        name: s("Internal auditor"),
        ..lib.roles[0].clone()
    });
    lib.documents.push(Document {
        id: s("DOC-SCOPE"),
        name: s("Scope"),
        kind: DocumentKind::Document,
        required: true,
        expected: false,
        clauses: vec![s("4.1")],
        description: s("The scope."),
        owner_role: s("ROLE-TM"),
        templates: vec![s("TPL-01")],
        also_serves: vec![],
    });
    lib.templates.push(Template {
        id: s("TPL-01"),
        title: s("Scope statement"),
        kind: TemplateKind::Policy,
        clauses: vec![s("4.1")],
        documents: vec![s("DOC-SCOPE")],
        approver_role: s("ROLE-TM"),
        owner_role: s("ROLE-TM"),
        review_months: 12,
        body: s("templates/TPL-01.md.j2"),
        body_text: s(GOOD_BODY),
    });
    lib.sod_rules.push(SodRule {
        id: s("SOD-01"),
        role_a: s("ROLE-TM"),
        role_b: s("ROLE-IA"),
        activity_a: s("runs it"),
        activity_b: s("audits it"),
        severity: Severity::Block,
        rationale: s("self-review"),
        mitigation: s("external auditor"),
        mitigation_allowed: true,
        check: SodCheck::Role,
    });
    lib.crosswalks.clause_map.push(ClauseMapEntry {
        id: s("XW-2011-4.1"),
        from: s("4.1"),
        from_title: s("Management responsibility"),
        to: vec![s("5.1")],
        note: s("moved"),
    });
    lib.crosswalks.standard_map.push(StandardMapEntry {
        id: s("XW-DOC-SCOPE"),
        document: s("DOC-SCOPE"),
        standard: s("ISO/IEC 27001:2022"),
        clauses: vec![s("4.3")],
        note: s("same scope"),
    });
    lib
}

fn kinds(lib: &Library) -> Vec<ProblemKind> {
    validate(lib).into_iter().map(|p| p.kind).collect()
}

fn assert_finds(lib: &Library, kind: ProblemKind, id: &str) {
    let problems = validate(lib);
    assert!(
        problems.iter().any(|p| p.kind == kind && p.id == id),
        "expected {kind:?} on {id}, got {problems:#?}"
    );
}

#[test]
fn minimal_library_is_clean() {
    assert_eq!(validate(&good()), vec![]);
}

#[test]
fn duplicate_ids() {
    let mut lib = good();
    lib.roles.push(lib.roles[0].clone());
    lib.questions.push(lib.questions[0].clone());
    assert_finds(&lib, ProblemKind::DuplicateId, "ROLE-TM");
    assert_finds(&lib, ProblemKind::DuplicateId, "Q-4.1-01");
    assert_eq!(
        kinds(&lib)
            .iter()
            .filter(|k| **k == ProblemKind::DuplicateId)
            .count(),
        2
    );
}

#[test]
fn bad_ids() {
    let mut lib = good();
    lib.documents[0].id = s("REC-SCOPE");
    lib.documents[0].templates = vec![s("TPL-01")];
    lib.templates[0].documents.clear();
    lib.crosswalks.standard_map.clear();
    lib.questions[0].id = s("Q-4-01");
    lib.templates[0].id = s("T-1");
    lib.documents[0].templates = vec![s("T-1")];
    assert_finds(&lib, ProblemKind::BadId, "REC-SCOPE");
    assert_finds(&lib, ProblemKind::BadId, "Q-4-01");
    assert_finds(&lib, ProblemKind::BadId, "T-1");
}

#[test]
fn missing_references() {
    let mut lib = good();
    lib.questions[0].clause = s("4.9");
    lib.questions[0].id = s("Q-4.9-01");
    lib.documents[0].owner_role = s("ROLE-NOBODY");
    lib.templates[0].documents.push(s("DOC-NONE"));
    lib.sod_rules[0].role_b = s("ROLE-GHOST");
    lib.crosswalks.clause_map[0].to.push(s("11.1"));
    lib.clauses[1].documents.push(s("DOC-MISSING"));
    assert_finds(&lib, ProblemKind::MissingReference, "Q-4.9-01");
    assert_finds(&lib, ProblemKind::MissingReference, "DOC-SCOPE");
    assert_finds(&lib, ProblemKind::MissingReference, "TPL-01");
    assert_finds(&lib, ProblemKind::MissingReference, "SOD-01");
    assert_finds(&lib, ProblemKind::MissingReference, "XW-2011-4.1");
    assert_finds(&lib, ProblemKind::MissingReference, "4.1");
}

#[test]
fn question_on_a_group_is_refused() {
    let mut lib = good();
    lib.questions[0].clause = s("4");
    lib.questions[0].id = s("Q-4-01");
    assert_finds(&lib, ProblemKind::MissingReference, "Q-4-01");
}

#[test]
fn requirement_without_question() {
    let mut lib = good();
    lib.clauses.push(clause("4.2", ClauseKind::Requirement));
    assert_finds(&lib, ProblemKind::MissingQuestion, "4.2");
}

#[test]
fn top_level_clause_with_too_few_questions() {
    let mut lib = good();
    lib.questions.retain(|q| q.id != "Q-9.1-03");
    assert_eq!(kinds(&lib), vec![ProblemKind::TooFewQuestions]);
    assert_finds(&lib, ProblemKind::TooFewQuestions, "9");
}

#[test]
fn required_document_without_template() {
    let mut lib = good();
    lib.documents[0].templates.clear();
    assert_eq!(kinds(&lib), vec![ProblemKind::MissingTemplate]);
    // A recommended extra may have none.
    let mut lib = good();
    lib.documents.push(Document {
        id: s("RDOC-RACI"),
        required: false,
        templates: vec![],
        ..lib.documents[0].clone()
    });
    assert_eq!(validate(&lib), vec![]);
}

#[test]
fn empty_text() {
    let mut lib = good();
    lib.clauses[1].summary = s("  ");
    lib.roles[0].responsibilities.push(String::new());
    lib.sod_rules[0].mitigation.clear();
    lib.questions[0].evidence.clear();
    lib.clauses[3].evidence.clear();
    let problems = validate(&lib);
    let empty: Vec<_> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::EmptyText)
        .map(|p| &p.id)
        .collect();
    assert_eq!(empty, vec!["4.1", "5.1", "ROLE-TM", "SOD-01", "Q-4.1-01"]);
}

#[test]
fn weight_and_stage() {
    let mut lib = good();
    lib.questions[1].weight = 0;
    lib.questions[2].weight = 4;
    lib.questions[4].stage = 3;
    lib.questions[5].stage = 0;
    let k = kinds(&lib);
    assert_eq!(
        k.iter().filter(|k| **k == ProblemKind::BadWeight).count(),
        2
    );
    assert_eq!(k.iter().filter(|k| **k == ProblemKind::BadStage).count(), 2);
}

#[test]
fn clause_structure() {
    let mut lib = good();
    lib.clauses.push(clause("8.5.1.1", ClauseKind::Requirement));
    lib.questions.push(question("8.5.1.1", 1));
    lib.clauses.push(clause("6.2", ClauseKind::Group));
    lib.clauses.push(clause("7.1.1", ClauseKind::Requirement));
    lib.questions.push(question("7.1.1", 1));
    lib.clauses.retain(|c| c.id != "10");
    assert_finds(&lib, ProblemKind::BadStructure, "8.5.1.1");
    assert_finds(&lib, ProblemKind::BadStructure, "6.2");
    assert_finds(&lib, ProblemKind::BadStructure, "7.1.1");
    assert_finds(&lib, ProblemKind::BadStructure, "10");
}

#[test]
fn template_body_problems() {
    let mut lib = good();
    lib.templates[0].body_text.clear();
    assert_eq!(kinds(&lib), vec![ProblemKind::MissingBody]);

    let mut lib = good();
    lib.templates[0].body_text = s("{{ firm.name }}");
    assert_eq!(
        kinds(&lib),
        vec![ProblemKind::MissingBody, ProblemKind::MissingBody]
    );
}

#[test]
fn template_that_fails_to_render() {
    let mut lib = good();
    lib.templates[0].body_text = format!("{GOOD_BODY}{{{{ services[7].name }}}}");
    assert_finds(&lib, ProblemKind::RenderFailed, "TPL-01");
    let mut lib = good();
    lib.templates[0].body_text = format!("{GOOD_BODY}{{% for x in %}}");
    assert_finds(&lib, ProblemKind::RenderFailed, "TPL-01");
    let p = validate(&lib);
    assert!(p[0].message.contains("TPL-01"), "{}", p[0].message);
}

#[test]
fn template_with_unknown_variable() {
    let mut lib = good();
    lib.templates[0].body_text = format!(
        "{GOOD_BODY}{{% if climate.relevant %}}ok{{% else %}}{{{{ firm_name }}}}{{% endif %}}"
    );
    // The sample firm takes the first branch, so rendering succeeds; the variable check
    // still finds the unknown name in the other branch.
    assert_eq!(kinds(&lib), vec![ProblemKind::UnknownVariable]);
    assert!(validate(&lib)[0].message.contains("firm_name"));
}

#[test]
fn requirement_clause_without_blocking_question() {
    let mut lib = good();
    lib.questions[0].blocking = false;
    assert_eq!(kinds(&lib), vec![ProblemKind::MissingBlocking]);
    assert_finds(&lib, ProblemKind::MissingBlocking, "4.1");
    // A recorded reason exempts the clause ...
    lib.clauses[1].blocking_exempt = Some(s("explains how the others fit together"));
    assert_eq!(validate(&lib), vec![]);
    // ... but an empty reason does not, and an exempt clause cannot have a blocking one.
    lib.clauses[1].blocking_exempt = Some(s(" "));
    assert_eq!(kinds(&lib), vec![ProblemKind::EmptyText]);
    lib.clauses[1].blocking_exempt = Some(s("reason"));
    lib.questions[0].blocking = true;
    assert_finds(&lib, ProblemKind::MissingBlocking, "4.1");
}

#[test]
fn blocking_question_has_weight_three() {
    let mut lib = good();
    lib.questions[0].weight = 2;
    assert_eq!(kinds(&lib), vec![ProblemKind::BadWeight]);
    assert_finds(&lib, ProblemKind::BadWeight, "Q-4.1-01");
}

#[test]
fn each_document_of_7_5_4_is_asked_by_a_blocking_question_of_its_own_clause() {
    let mut lib = good();
    lib.clauses.push(clause("7.5", ClauseKind::Group));
    lib.clauses.push(clause("7.5.4", ClauseKind::Requirement));
    lib.clauses.last_mut().unwrap().documents = vec![s("DOC-SCOPE")];
    let mut roll_up = question("7.5.4", 1);
    roll_up.blocking = true;
    roll_up.weight = 3;
    roll_up.documents = vec![s("DOC-SCOPE")];
    lib.questions.push(roll_up);
    // Only the 7.5.4 question names the scope: not enough.
    assert_eq!(kinds(&lib), vec![ProblemKind::UnaskedDocument]);
    assert_finds(&lib, ProblemKind::UnaskedDocument, "DOC-SCOPE");
    // A non-blocking question of the scope's clause is not enough either.
    lib.questions[1].documents = vec![s("DOC-SCOPE")];
    assert_eq!(kinds(&lib), vec![ProblemKind::UnaskedDocument]);
    // The blocking question of its own clause is.
    lib.questions[0].documents = vec![s("DOC-SCOPE")];
    assert_eq!(validate(&lib), vec![]);
}

#[test]
fn only_a_required_record_can_be_expected() {
    let mut lib = good();
    lib.documents[0].expected = true;
    assert_eq!(kinds(&lib), vec![ProblemKind::BadStructure]);
    assert_finds(&lib, ProblemKind::BadStructure, "DOC-SCOPE");
    lib.documents[0].id = s("REC-SCOPE");
    lib.documents[0].kind = DocumentKind::Record;
    lib.templates[0].documents = vec![s("REC-SCOPE")];
    lib.crosswalks.standard_map.clear();
    assert_eq!(validate(&lib), vec![]);
}

fn duty(id: &str, micro: Frequency, small: Frequency, medium: Frequency) -> Duty {
    Duty {
        id: s(id),
        duty: s("Review access"),
        owner_role: s("ROLE-TM"),
        clauses: vec![s("4.1")],
        evidence: s("Review record"),
        mentions: vec![s("access review")],
        frequency: BandFrequency {
            micro,
            small,
            medium,
        },
    }
}

#[test]
fn duties_scale_down_and_audit_areas_cover_every_clause() {
    use Frequency::*;
    let mut lib = good();
    lib.duties
        .push(duty("DUTY-ACCESS", HalfYearly, Quarterly, Quarterly));
    assert_eq!(validate(&lib), vec![]);
    lib.duties[0].frequency.micro = Monthly;
    assert_eq!(kinds(&lib), vec![ProblemKind::BadDuty]);
    lib.duties[0].frequency.micro = Yearly;
    lib.duties[0].owner_role = s("ROLE-NOBODY");
    assert_eq!(kinds(&lib), vec![ProblemKind::MissingReference]);
    lib.duties[0].owner_role = s("ROLE-TM");
    lib.audit_areas.push(AuditArea {
        id: s("IA-01"),
        title: s("Clauses 4 to 9"),
        clauses: ["4", "5", "6", "7", "8", "9"].map(s).to_vec(),
        roles: vec![s("ROLE-TM")],
        micro_session: 1,
    });
    assert_finds(&lib, ProblemKind::BadDuty, "10.1");
    lib.audit_areas[0].clauses.push(s("10"));
    assert_eq!(validate(&lib), vec![]);
    lib.audit_areas[0].micro_session = 2;
    assert_finds(&lib, ProblemKind::BadDuty, "audit_area");
}

#[test]
fn a_template_with_another_frequency_for_a_duty_is_a_conflict() {
    use Frequency::*;
    let mut lib = good();
    lib.duties
        .push(duty("DUTY-ACCESS", HalfYearly, Quarterly, Quarterly));
    lib.templates[0].body_text = format!(
        "{GOOD_BODY}\nThe access review is done {{{{ duties[\"DUTY-ACCESS\"].every }}}}.\n"
    );
    assert_eq!(validate(&lib), vec![]);
    lib.templates[0].body_text = format!("{GOOD_BODY}\nThe access review is done monthly.\n");
    assert_finds(&lib, ProblemKind::FrequencyConflict, "TPL-01");
    let p = validate(&lib);
    assert!(p[0].message.contains("DUTY-ACCESS"), "{}", p[0].message);
}

#[test]
fn sod_rule_with_same_role_twice() {
    let mut lib = good();
    lib.sod_rules[0].role_b = s("ROLE-TM");
    assert_eq!(kinds(&lib), vec![ProblemKind::BadStructure]);
}
