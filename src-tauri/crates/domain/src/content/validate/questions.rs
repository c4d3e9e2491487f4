//! Checks of the questions and of the blocking questions each requirement clause needs.

use super::*;

impl Checker<'_> {
    pub(super) fn check_questions(&mut self) {
        let lib = self.lib;
        let f = "questions.toml";
        for q in &lib.questions {
            let id = q.id.as_str();
            let expected = format!("Q-{}-", q.clause);
            let well_formed = id
                .strip_prefix(&expected)
                .is_some_and(|n| n.len() >= 2 && n.bytes().all(|b| b.is_ascii_digit()));
            if !well_formed {
                self.push(
                    ProblemKind::BadId,
                    f,
                    id,
                    format!("question id must be {expected}NN"),
                );
            }
            match lib.clause(&q.clause) {
                None => self.reference(f, id, "clause", Ref::Clause, &q.clause),
                Some(c) if c.kind != ClauseKind::Requirement => self.push(
                    ProblemKind::MissingReference,
                    f,
                    id,
                    format!("clause {} is not a requirement clause", q.clause),
                ),
                Some(_) => {}
            }
            self.text(f, id, "text", &q.text);
            self.texts(f, id, "evidence", &q.evidence, true);
            self.refs(f, id, "documents", Ref::Document, &q.documents);
            if !(1..=3).contains(&q.weight) {
                self.push(
                    ProblemKind::BadWeight,
                    f,
                    id,
                    format!("weight {} is outside 1..3", q.weight),
                );
            }
            if !(1..=2).contains(&q.stage) {
                self.push(
                    ProblemKind::BadStage,
                    f,
                    id,
                    format!("stage {} is not 1 or 2", q.stage),
                );
            }
        }
        let mut per_clause: BTreeMap<&str, usize> = BTreeMap::new();
        let mut per_top: BTreeMap<&str, usize> = BTreeMap::new();
        for q in &lib.questions {
            *per_clause.entry(q.clause.as_str()).or_default() += 1;
            *per_top.entry(top_level_of(&q.clause)).or_default() += 1;
        }
        for c in lib
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Requirement)
        {
            if !per_clause.contains_key(c.id.as_str()) {
                self.push(
                    ProblemKind::MissingQuestion,
                    f,
                    &c.id,
                    "requirement clause has no question",
                );
            }
        }
        self.check_blocking();
        for top in TOP_LEVEL {
            let n = per_top.get(top).copied().unwrap_or(0);
            if n < MIN_QUESTIONS_PER_CLAUSE {
                self.push(
                    ProblemKind::TooFewQuestions,
                    f,
                    top,
                    format!("clause {top} has {n} questions; at least {MIN_QUESTIONS_PER_CLAUSE} are needed"),
                );
            }
        }
    }

    /// The blocking policy (see `questions.toml`): every requirement clause has a blocking
    /// question unless it records why not; a blocking question has weight 3; and each document
    /// clause 7.5.4 lists is asked about by a blocking question of its own clause, so that the
    /// existence of each required document is one answer, not part of a roll-up.
    pub(super) fn check_blocking(&mut self) {
        let lib = self.lib;
        let f = "questions.toml";
        for c in lib
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Requirement)
        {
            let blocking = lib.questions_for(&c.id).filter(|q| q.blocking).count();
            match (&c.blocking_exempt, blocking) {
                (None, 0) => self.push(
                    ProblemKind::MissingBlocking,
                    "clauses.toml",
                    &c.id,
                    "requirement clause has no blocking question (add one, or record \
                     blocking_exempt with the reason its absence is not a major nonconformity)",
                ),
                (Some(reason), n) => {
                    self.text("clauses.toml", &c.id, "blocking_exempt", reason);
                    if n > 0 {
                        self.push(
                            ProblemKind::MissingBlocking,
                            "clauses.toml",
                            &c.id,
                            "clause is blocking_exempt but has a blocking question",
                        );
                    }
                }
                (None, _) => {}
            }
        }
        for q in lib.questions.iter().filter(|q| q.blocking && q.weight != 3) {
            self.push(
                ProblemKind::BadWeight,
                f,
                &q.id,
                "a blocking question is central to its clause: weight 3",
            );
        }
        let listed = lib
            .clause(SMS_DOCUMENTS_CLAUSE)
            .map(|c| c.documents.as_slice())
            .unwrap_or_default();
        for d in listed {
            let asked = lib
                .questions
                .iter()
                .any(|q| q.blocking && q.clause != SMS_DOCUMENTS_CLAUSE && q.documents.contains(d));
            if !asked {
                self.push(
                    ProblemKind::UnaskedDocument,
                    f,
                    d,
                    format!(
                        "{d} is listed by clause {SMS_DOCUMENTS_CLAUSE} but no blocking question \
                         of its own clause names it in documents"
                    ),
                );
            }
        }
    }
}
