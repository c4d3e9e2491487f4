//! The demo firm's self-assessment: answers that improve over time, evidence, actions and
//! scorecard snapshots.

use super::*;

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

pub(super) fn fill_assessment(
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

    // First pass: the earlier state, frozen in a snapshot 45 days ago.
    t.go(46, 0);
    for q in &lib.questions {
        let f = final_level(&q.id, q.blocking);
        assessment::answers::save_answer(
            p,
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
    t.go(45, 0);
    let card = assessment::scorecard(p.conn_mut(), chrono_date(&when)?)?;
    assessment::snapshots::take_snapshot(p, "Baseline after document approval", &card)?;

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
    t.go(30, 0);
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
            p,
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
            p,
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
            p,
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
    t.go(2, 0);
    let mut gaps = Vec::new();
    for q in &lib.questions {
        let f = final_level(&q.id, q.blocking);
        let note = if f < 3 {
            "Partly in place; records are not yet complete.".to_owned()
        } else {
            String::new()
        };
        assessment::answers::save_answer(
            p,
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
            p,
            &Action {
                question_id: Some(q.id.clone()),
                owner_id: owner(&q.id),
                due: Some(t.date(30 + i64::try_from(i).unwrap_or(0) * 7)),
                status,
                ..Action::new(
                    ActionSource::Gap,
                    format!("Close the gap on {} (clause {})", q.id, q.clause),
                )
            },
        )?;
    }
    let audit_q = lib
        .questions
        .iter()
        .find(|q| q.clause.starts_with("8.5.1"))
        .or_else(|| lib.questions.first())
        .map(|q| q.id.clone());
    t.go(20, 0);
    assessment::actions::save_action(
        p,
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
    t.go(1, 0);
    let card = assessment::scorecard(p.conn_mut(), chrono_date(&when)?)?;
    assessment::snapshots::take_snapshot(p, "Before stage 1 audit", &card)?;
    Ok(())
}
