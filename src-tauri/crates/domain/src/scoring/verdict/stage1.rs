//! Stage 1 rules: the documentation-and-readiness verdict and its caps.

use super::*;

/// Stage 1 (documentation and readiness): what a Stage 1 auditor judges.
///
/// - Score `R1 = S(Stage 1 questions, T = 2)`: weighted attainment of level 2.
/// - Hard [`CapCode::BlockingBelowMinimum`]: any blocking Stage 1 question below level 2.
/// - Hard [`CapCode::SetupError`]: each open setup error (scope, services, profile).
/// - Hard [`CapCode::NoAuditProgramme`] / [`CapCode::NoReviewScheduled`]: the internal audit
///   programme or the dated management review schedule is missing (the questions with gate
///   `audit_programme` / `review_schedule` below level 2, or the registers' facts).
/// - Soft [`CapCode::AuditNotPerformed`] / [`CapCode::ReviewNotHeld`]: planned, but no audit
///   performed / no review held yet (gate `audit_cycle` / `review_held` below
///   [`PERFORMED_LEVEL`]).
/// - Soft [`CapCode::MissingDocumentedInformation`]: a requirement clause whose questions name
///   a required maintained document, with no answer of the clause at level 2 or more with
///   evidence.
pub(crate) fn stage1(cx: &Context<'_>, stage1_tally: &Tally) -> StageResult {
    let mut gaps: Vec<Gap> = cx
        .items
        .iter()
        .filter(|s| s.stage == Stage::One)
        .filter_map(|s| s.gap(STAGE1_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let blocking = blocking_ids(&gaps, |_| true);
    if !blocking.is_empty() {
        caps.push(cap(
            CapCode::BlockingBelowMinimum,
            blocking.clone(),
            format!(
                "{} blocking Stage 1 question(s) are below level 2 (approved, in place and \
                 linked){}: a Stage 1 auditor looks for these first.",
                blocking.len(),
                ids_list(&blocking)
            ),
            "Approve each document or decision, put it in place and link it as evidence \
             (level 2 or more)."
                .into(),
        ));
    }
    for e in &cx.inputs.setup_errors {
        caps.push(cap(
            CapCode::SetupError,
            Vec::new(),
            format!("Setup, {}: {}", e.step_label, e.message),
            format!(
                "Fix it in the setup wizard ({} step); the scope statement and the dossier use \
                 this data.",
                e.step_label
            ),
        ));
    }
    audit_and_review_stage1(cx, &mut caps, &mut gaps);
    for (clause, items) in cx.by_clause() {
        let docs = cx.required_documents(&items);
        if docs.is_empty() || items.iter().any(|s| s.documented()) {
            continue;
        }
        let ids: Vec<String> = items.iter().map(|s| s.question.id.clone()).collect();
        caps.push(with_clause(
            cap(
                CapCode::MissingDocumentedInformation,
                ids,
                format!(
                    "Clause {} calls for documented information ({}) and none is in place: no \
                     answer of the clause is at level 2 or more with evidence attached.",
                    cx.clause_name(clause),
                    docs.join(", ")
                ),
                "Write and approve the document, then link it to one of the clause's \
                 questions."
                    .into(),
            ),
            clause,
        ));
    }
    let mut result = judge(
        stage1_tally.attainment(STAGE1_REQUIRED),
        caps,
        gaps,
        STAGE1_CHECKS,
    );
    let (audit, review) = records::register_lines(cx);
    for (topic, lines) in [
        ("Internal audit planned and under way", audit),
        ("Management review planned and under way", review),
    ] {
        if let Some(check) = result.checks.iter_mut().find(|c| c.topic == topic) {
            check.records = lines;
        }
    }
    result
}

/// A planned-and-performed pair of facts at Stage 1: whether the plan exists and whether the
/// activity has been performed, each `None` when unknown, with the questions behind them.
struct PlanFacts<'a> {
    planned: Option<bool>,
    performed: Option<bool>,
    plan_gate: Option<GateState<'a>>,
    done_gate: Option<GateState<'a>>,
}

impl<'a> PlanFacts<'a> {
    fn from_answers(plan_gate: Option<GateState<'a>>, done_gate: Option<GateState<'a>>) -> Self {
        Self {
            planned: plan_gate.as_ref().map(|g| g.level >= STAGE1_REQUIRED),
            performed: done_gate.as_ref().map(|g| g.level >= PERFORMED_LEVEL),
            plan_gate,
            done_gate,
        }
    }

    fn plan_ids(&self) -> Vec<String> {
        self.plan_gate
            .as_ref()
            .map(|g| g.below(STAGE1_REQUIRED))
            .unwrap_or_default()
    }

    fn done_ids(&self) -> Vec<String> {
        self.done_gate
            .as_ref()
            .map(|g| g.below(PERFORMED_LEVEL))
            .unwrap_or_default()
    }

    /// Pushes the hard cap (nothing planned) or the soft cap (planned, nothing performed).
    fn apply(
        &self,
        caps: &mut Vec<Cap>,
        gaps: &mut Vec<Gap>,
        missing: (CapCode, &str, &str),
        not_done: (CapCode, &str, &str),
    ) {
        if self.planned == Some(false) {
            let ids = self.plan_ids();
            caps.push(cap(
                missing.0,
                ids.clone(),
                format!("{}{}{}", missing.1, ids_list(&ids), STAGE1_WHY),
                missing.2.to_owned(),
            ));
            if let Some(g) = &self.plan_gate {
                gaps.extend(g.gaps(STAGE1_REQUIRED));
            }
        } else if self.planned == Some(true) && self.performed == Some(false) {
            let ids = self.done_ids();
            caps.push(cap(
                not_done.0,
                ids.clone(),
                format!("{}{}{}", not_done.1, ids_list(&ids), STAGE1_WHY),
                not_done.2.to_owned(),
            ));
            if let Some(g) = &self.done_gate {
                gaps.extend(g.gaps(PERFORMED_LEVEL));
            }
        }
    }
}

const STAGE1_WHY: &str = ": a Stage 1 auditor checks that internal audits and management \
                          reviews are planned and being performed.";

/// The Stage 1 internal-audit and management-review caps.
fn audit_and_review_stage1(cx: &Context<'_>, caps: &mut Vec<Cap>, gaps: &mut Vec<Gap>) {
    let audit = match &cx.inputs.audit {
        Some(f) => PlanFacts {
            planned: Some(f.programme),
            performed: Some(f.performed > 0),
            plan_gate: None,
            done_gate: None,
        },
        None => PlanFacts::from_answers(cx.gate(Gate::AuditProgramme), cx.gate(Gate::AuditCycle)),
    };
    audit.apply(
        caps,
        gaps,
        (
            CapCode::NoAuditProgramme,
            "There is no internal audit programme",
            "Approve an audit programme that covers clauses 4 to 10 and every service over one \
             cycle, with the auditors named, and link it.",
        ),
        (
            CapCode::AuditNotPerformed,
            "Internal audits are planned but none has been performed yet",
            "Perform the first audits of the programme and link their reports.",
        ),
    );
    let review = match &cx.inputs.review {
        Some(f) => PlanFacts {
            planned: Some(f.next_planned.is_some() || f.held > 0),
            performed: Some(f.held > 0),
            plan_gate: None,
            done_gate: None,
        },
        None => PlanFacts::from_answers(cx.gate(Gate::ReviewSchedule), cx.gate(Gate::ReviewHeld)),
    };
    review.apply(
        caps,
        gaps,
        (
            CapCode::NoReviewScheduled,
            "No management review is scheduled with a date",
            "Put dated management reviews (at least yearly) in the service management plan or \
             calendar and link it.",
        ),
        (
            CapCode::ReviewNotHeld,
            "Management reviews are scheduled but none has been held yet",
            "Hold the first management review with top management and link the minutes.",
        ),
    );
}
