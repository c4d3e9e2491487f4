//! Stage 2 rules: the implementation-and-operation verdict and its caps.

use super::*;

/// Stage 2 (implementation and operation): every question counts.
///
/// - Score `R2 = S(all questions, T = 4)`: weighted attainment of level 4.
/// - Hard [`CapCode::BlockingBelowMinimum`]: any blocking question below level 3.
/// - Hard [`CapCode::UnaddressedClause`]: a requirement clause whose questions are all at
///   level 0–1 or whose score is under [`CLAUSE_FLOOR`].
/// - Hard [`CapCode::NoAuditCycle`]: no completed internal audit cycle over all clauses (gate
///   `audit_cycle` below [`AUDIT_CYCLE_LEVEL`], or clauses the audit records do not cover).
/// - Hard [`CapCode::NoManagementReview`]: no management review held (gate `review_held`
///   below [`REVIEW_HELD_LEVEL`], or no review record).
/// - Hard [`CapCode::AuditorIndependence`]: an internal auditor would audit their own work.
/// - Soft [`CapCode::BlockingNotOperated`]: any blocking question at level 3.
/// - Soft [`CapCode::WeakClause`]: any top-level clause scoring below
///   [`WEAK_CLAUSE_THRESHOLD`].
/// - Soft [`CapCode::OperatingPeriod`]: fewer months of records than the setting by the
///   planned Stage 2 date.
/// - Soft [`CapCode::SodConflict`]: any other open block-severity conflict.
/// - From the registers and records (rules version 3, see [`records`]): hard
///   [`CapCode::KeyPracticeWithoutRecords`], [`CapCode::DutyNotKept`],
///   [`CapCode::RiskRegisterNotReviewed`], [`CapCode::OpenMajorNonconformity`]; soft
///   [`CapCode::ClaimWithoutRecords`], [`CapCode::OverdueDuty`],
///   [`CapCode::RiskReviewOverdue`], [`CapCode::MinorNonconformityUnplanned`].
pub(crate) fn stage2<'c>(
    cx: &Context<'_>,
    all: &Tally,
    top_level: impl Iterator<Item = (&'c str, &'c ClauseScore)>,
    requirement: &BTreeMap<&str, ClauseScore>,
) -> StageResult {
    let gaps: Vec<Gap> = cx
        .items
        .iter()
        .filter_map(|s| s.gap(STAGE2_REQUIRED))
        .collect();
    let mut caps = Vec::new();
    let hard = blocking_ids(&gaps, |g| g.level < STAGE2_BLOCKING_MINIMUM);
    if !hard.is_empty() {
        caps.push(cap(
            CapCode::BlockingBelowMinimum,
            hard.clone(),
            format!(
                "{} practice(s) whose absence is a major nonconformity are not in use with \
                 records{}.",
                hard.len(),
                ids_list(&hard)
            ),
            "Bring each to level 3 or more (in use, with evidence linked), then to level 4.".into(),
        ));
    }
    let soft = blocking_ids(&gaps, |g| g.level >= STAGE2_BLOCKING_MINIMUM);
    if !soft.is_empty() {
        caps.push(cap(
            CapCode::BlockingNotOperated,
            soft.clone(),
            format!(
                "{} key practice(s) are in use but not yet operated for a full cycle with \
                 records{}.",
                soft.len(),
                ids_list(&soft)
            ),
            "Keep them running for a full cycle and link the records and the review (level 4)."
                .into(),
        ));
    }
    for (clause, items) in cx.by_clause() {
        // Questions attached to a top-level clause id have no requirement score of their own;
        // for them only the "all at 0–1" test applies.
        let score = requirement.get(clause).map(|c| c.score);
        let all_low = items.iter().all(|s| s.level <= MaturityLevel::Initial);
        let score = score.unwrap_or(CLAUSE_FLOOR);
        if !(all_low || score < CLAUSE_FLOOR) {
            continue;
        }
        let ids: Vec<String> = items.iter().map(|s| s.question.id.clone()).collect();
        let why = if all_low {
            "every question of it is at level 0 or 1".to_owned()
        } else {
            format!(
                "its score is {:.1}, under the floor of {CLAUSE_FLOOR:.0}",
                crate::scoring::round1(score)
            )
        };
        caps.push(with_clause(
            cap(
                CapCode::UnaddressedClause,
                ids,
                format!(
                    "Clause {} is wholly unaddressed: {why}. An auditor raises a major \
                     nonconformity for a requirement not addressed at all.",
                    cx.clause_name(clause)
                ),
                format!(
                    "Put the clause in place: at least one of its questions at level 2 or more \
                     and a clause score of {CLAUSE_FLOOR:.0} or more (Stage 2 then wants level \
                     4)."
                ),
            ),
            clause,
        ));
    }
    for (id, clause) in top_level {
        if clause.questions > 0 && clause.score < WEAK_CLAUSE_THRESHOLD {
            let mut in_clause: Vec<&Gap> = gaps
                .iter()
                .filter(|g| top_level_of(&g.clause) == id)
                .collect();
            in_clause.sort_by(|a, b| gap_order(a, b));
            let ids = in_clause
                .into_iter()
                .map(|g| g.question_id.clone())
                .collect();
            caps.push(with_clause(
                cap(
                    CapCode::WeakClause,
                    ids,
                    format!(
                        "Clause {} scores {:.1}, below {WEAK_CLAUSE_THRESHOLD:.0}: auditors \
                         sample every clause, and strong clauses do not hide a weak one.",
                        cx.clause_name(id),
                        crate::scoring::round1(clause.score)
                    ),
                    format!(
                        "Raise the clause's questions until it scores \
                         {WEAK_CLAUSE_THRESHOLD:.0} or more."
                    ),
                ),
                id,
            ));
        }
    }
    audit_and_review_stage2(cx, &mut caps);
    for conflict in &cx.inputs.sod {
        caps.push(sod_cap(conflict));
    }
    records::record_caps(cx, &mut caps);
    let mut result = judge(all.attainment(STAGE2_REQUIRED), caps, gaps, STAGE2_CHECKS);
    for (topic, lines) in records::check_records(cx) {
        if let Some(check) = result.checks.iter_mut().find(|c| c.topic == topic) {
            check.records = lines;
        }
    }
    result
}

fn sod_cap(c: &SodConflict) -> Cap {
    let (code, lift) = if c.independence {
        (
            CapCode::AuditorIndependence,
            format!(
                "Have someone who does not run those processes audit them (a colleague or a \
                 contracted external auditor), name them in the audit programme, and record \
                 that arrangement for {} under {} on the roles step.",
                c.person, c.rule_id
            ),
        )
    } else {
        (
            CapCode::SodConflict,
            format!(
                "Give one of the roles to someone else, or record the compensating arrangement \
                 for {} under {} where the rule allows one.",
                c.person, c.rule_id
            ),
        )
    };
    let mut cap = cap(
        code,
        Vec::new(),
        format!("{}: {}", c.rule_id, c.message),
        lift,
    );
    cap.rule = Some(c.rule_id.clone());
    cap.person = Some(c.person.clone());
    cap
}

/// The Stage 2 internal-audit, management-review and operating-period caps.
fn audit_and_review_stage2(cx: &Context<'_>, caps: &mut Vec<Cap>) {
    let audit_done = match &cx.inputs.audit {
        Some(f) => {
            let done = f.performed > 0 && f.clauses_not_covered.is_empty();
            if !done {
                let reason = if f.performed == 0 {
                    "The audit register holds no reported internal audit: Stage 2 needs a \
                     completed audit cycle over clauses 4 to 10."
                        .to_owned()
                } else {
                    format!(
                        "The reported audits in the audit register do not cover clause(s) {}: \
                         Stage 2 needs a completed audit cycle over clauses 4 to 10.",
                        f.clauses_not_covered.join(", ")
                    )
                };
                caps.push(cap(
                    CapCode::NoAuditCycle,
                    Vec::new(),
                    reason,
                    "Complete the audit programme's cycle (Internal audit): perform the \
                     remaining audits and issue their reports."
                        .into(),
                ));
            }
            Some(done)
        }
        None => cx.gate(Gate::AuditCycle).map(|g| {
            let done = g.level >= AUDIT_CYCLE_LEVEL;
            if !done {
                let ids = g.below(AUDIT_CYCLE_LEVEL);
                caps.push(cap(
                    CapCode::NoAuditCycle,
                    ids.clone(),
                    format!(
                        "No completed internal audit cycle over clauses 4 to 10 with records{}: \
                         a certification body will not hold Stage 2 without one.",
                        ids_list(&ids)
                    ),
                    "Complete a full internal audit of clauses 4 to 10, report the results to \
                     management and link the audit reports (level 4, with a record)."
                        .into(),
                ));
            }
            done
        }),
    };

    let review_done = match &cx.inputs.review {
        Some(f) => {
            if f.held == 0 {
                caps.push(cap(
                    CapCode::NoManagementReview,
                    Vec::new(),
                    "The review register holds no management review that counts (held, with \
                     top management attending and the minutes approved): Stage 2 needs at \
                     least one."
                        .into(),
                    "Hold a management review with top management after the internal audit, \
                     then issue and approve its minutes (Management review)."
                        .into(),
                ));
            }
            Some(f.held > 0)
        }
        None => cx.gate(Gate::ReviewHeld).map(|g| {
            let done = g.level >= REVIEW_HELD_LEVEL;
            if !done {
                let ids = g.below(REVIEW_HELD_LEVEL);
                caps.push(cap(
                    CapCode::NoManagementReview,
                    ids.clone(),
                    format!(
                        "No management review has been held{}: Stage 2 needs at least one, \
                         chaired by top management, with minutes.",
                        ids_list(&ids)
                    ),
                    "Hold a management review after the internal audit and link the minutes."
                        .into(),
                ));
            }
            done
        }),
    };

    let op = &cx.inputs.operating;
    let required = op.required_months;
    if let Some(months) = op.months {
        if months < required {
            let since = op.records_since.as_deref().unwrap_or("?");
            let until = op.until.as_deref().unwrap_or("?");
            let source = match (&op.records_span, op.since_from_records) {
                (Some((first, last)), true) => format!(
                    "The imported operating records run without a break from {since} \
                     (records {first} to {last})"
                ),
                (Some((first, last)), false) => format!(
                    "Records kept since {since} (scorecard settings; the imported operating \
                     records cover {first} to {last})"
                ),
                (None, _) => format!("Records kept since {since}"),
            };
            caps.push(cap(
                CapCode::OperatingPeriod,
                Vec::new(),
                format!(
                    "{source} give {months} month(s) of operation by {until}; certification \
                     bodies commonly expect {required} before Stage 2."
                ),
                match (op.reached_on(), op.since_from_records) {
                    (Some(d), true) => format!(
                        "Keep the processes running and import their records each month until \
                         {d}, or plan Stage 2 for then or later."
                    ),
                    (Some(d), false) => format!(
                        "Keep the processes running with records until {d}, or plan Stage 2 \
                         for then or later."
                    ),
                    (None, _) => "Keep the processes running with records for longer.".into(),
                },
            ));
        }
    } else if audit_done.is_some() || review_done.is_some() {
        // No start date: a full audit cycle and a review, both with records, stand for one
        // operated cycle of about three months (the maturity scale's level 4).
        let shown = audit_done != Some(false)
            && review_done != Some(false)
            && required <= MONTHS_PER_OPERATED_CYCLE;
        if !shown {
            caps.push(cap(
                CapCode::OperatingPeriod,
                Vec::new(),
                format!(
                    "No operating period of {required} month(s) with records is shown yet: no \
                     date is set since when records are kept, and the answers do not show a \
                     full cycle of {required} month(s) operated with records."
                ),
                "Enter since when your processes run with records (scorecard settings), or \
                 complete and record a full operating cycle with its internal audit and \
                 management review."
                    .into(),
            ));
        }
    }
}
