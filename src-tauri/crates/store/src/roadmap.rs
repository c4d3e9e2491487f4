//! The certification roadmap of a project ([`ready20k_domain::roadmap`]), from the facts the
//! scorecard judges with (one [`verdict_inputs`](crate::assessment::verdict_inputs) read) and
//! the document register.

use chrono::NaiveDate;
use ready20k_domain::assessment::scoring_answers;
use ready20k_domain::roadmap::{Roadmap, RoadmapFacts, roadmap};
use ready20k_domain::scoring::score_project;
use rusqlite::Connection;

use crate::assessment::{answers, evidence, library, settings, verdict_inputs};
use crate::documents::{self, DocResult};

/// The roadmap of the project on `today`.
pub fn view(conn: &Connection, today: NaiveDate) -> DocResult<Roadmap> {
    let lib = library()?;
    let inputs = verdict_inputs(conn, today)?;
    let answers = answers::list_answers(conn)?;
    let evidence = evidence::list_evidence(conn)?;
    let card = score_project(lib, &scoring_answers(&answers, &evidence, today), &inputs);
    let profile = crate::wizard::profile::get_profile(conn)?;
    let settings = settings::scoring_settings(conn)?;
    let register = documents::register(conn, today)?;
    let facts = RoadmapFacts {
        profile: &profile,
        settings: &settings,
        inputs: &inputs,
        scorecard: &card,
        documents: &register,
    };
    Ok(roadmap(lib, &facts, today))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::Arc;

    use ready20k_domain::clock::{Clock, FixedClock};
    use ready20k_domain::roadmap::{RoadmapStatus, RoadmapStepKind};
    use ready20k_domain::wizard::HeldCertificate;

    use super::*;

    #[test]
    fn the_demo_roadmap_reads_its_registers_and_its_iso_9001_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let clock: Arc<dyn Clock> =
            Arc::new(FixedClock::at_rfc3339("2026-12-07T10:00:00Z").unwrap());
        let p = crate::demo::create_demo(&dir.path().join("demo.r20k"), clock.clone()).unwrap();
        let today = clock.now().date_naive();
        let r = view(p.conn(), today).unwrap();
        let status = |k: RoadmapStepKind| r.steps.iter().find(|s| s.kind == k).unwrap().status;
        // The demo keeps six months of records and has a reported audit cycle and a review.
        assert_eq!(
            status(RoadmapStepKind::Operate),
            RoadmapStatus::Done,
            "{r:#?}"
        );
        assert_eq!(status(RoadmapStepKind::InternalAudit), RoadmapStatus::Done);
        assert_eq!(
            status(RoadmapStepKind::ManagementReview),
            RoadmapStatus::Done
        );
        assert_eq!(r.reuse.held, [HeldCertificate::Iso9001]);
        assert!(!r.reuse.reusable.is_empty());
        assert!(
            r.reuse
                .reusable
                .iter()
                .flat_map(|d| &d.links)
                .all(|l| l.standard.starts_with("ISO 9001"))
        );
    }
}
