//! The clause guide with the firm's own state: the register's statuses, the evidence linked
//! to the clause's questions and the answers given (see [`ready20k_domain::guide`]).

use chrono::NaiveDate;
use ready20k_domain::guide::{self, ClauseGuide};
use rusqlite::Connection;

use crate::assessment::{answers, evidence, library};
use crate::{Result, StoreError, documents};

/// The guide for clause `id` on `today`; `unknown_reference` when there is no such clause.
pub fn clause_guide(conn: &Connection, id: &str, today: NaiveDate) -> Result<ClauseGuide> {
    let register = documents::register(conn, today)?;
    let evidence = evidence::list_evidence(conn)?;
    let answers = answers::list_answers(conn)?;
    guide::guide(
        library()?,
        id,
        &register.entries,
        &evidence,
        &answers,
        today,
    )
    .ok_or_else(|| StoreError::UnknownReference(format!("There is no clause {id}.")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use ready20k_domain::assessment::NewEvidence;
    use ready20k_domain::clock::SystemClock;
    use ready20k_domain::documents::DocStatus;

    use super::*;
    use crate::Project;

    #[test]
    fn the_guide_shows_the_firms_evidence_and_document_status() {
        let dir = tempfile::tempdir().unwrap();
        let mut p =
            Project::create(&dir.path().join("g.r20k"), "Acme", Arc::new(SystemClock)).unwrap();
        let today = p.clock().now().date_naive();
        let empty = clause_guide(p.conn(), "8.5.1.3", today).unwrap();
        assert!(empty.firm_evidence.is_empty());
        assert_eq!(empty.documents[0].key, "REC-CHANGES");
        assert_eq!(empty.documents[0].status, DocStatus::Missing);

        crate::documents::start_document(&mut p, "REC-CHANGES", None, None).unwrap();
        evidence::add_location(
            &mut p,
            &NewEvidence {
                location: Some("Change calendar in the ticket system".into()),
                questions: vec!["Q-8.5.1.3-01".into()],
                ..NewEvidence::default()
            },
        )
        .unwrap();
        let g = clause_guide(p.conn(), "8.5.1.3", today).unwrap();
        assert_eq!(g.documents[0].status, DocStatus::Draft);
        assert_eq!(g.firm_evidence.len(), 1);
        assert_eq!(g.firm_evidence[0].questions, ["Q-8.5.1.3-01"]);
        // The parent heading sees it too; another clause does not.
        assert_eq!(
            clause_guide(p.conn(), "8.5", today)
                .unwrap()
                .firm_evidence
                .len(),
            1
        );
        assert!(
            clause_guide(p.conn(), "4.1", today)
                .unwrap()
                .firm_evidence
                .is_empty()
        );
        let err = clause_guide(p.conn(), "4.9", today).unwrap_err();
        assert_eq!(err.code(), "unknown_reference");
    }
}
