//! The dossier built from a project: [`build`] turns a [`ProjectSnapshot`] and the content
//! library into a [`Dossier`] model, ready for [`crate::render`].
//!
//! Pure: no IO and no clock; "today" is [`DossierOptions::date`], so the same project and the
//! same date give the same model (and the same PDF bytes). Every figure comes from the same
//! domain rules the app uses (scoring, document register, SoD checks, RACI, action plan).

mod convert;
mod documents;
mod facts;
mod issued;
mod markdown;
mod operating;
mod sections;
mod service_report;
mod table;
mod util;

use chrono::NaiveDate;
use ready20k_domain::content::Library;
use ready20k_domain::snapshot::ProjectSnapshot;

use crate::model::Dossier;

pub use documents::{ApprovedDocument, approved_documents};
/// The scorecard the dossier prints (the app's judgement of the same project).
pub use facts::scorecard;
pub use issued::render_service_report;
pub use markdown::blocks as markdown_blocks;
pub use service_report::{
    ServiceReportError, ServiceReportOptions, service_report, service_report_with_figures,
};

/// Which dossier to print (the domain's pack type, shared with the app and the CLI).
pub use ready20k_domain::dossier::DossierPack as Pack;

/// How to build the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierOptions {
    /// The dossier's date: "today" for every status (overdue actions, expired evidence,
    /// reviews due) and the date printed on the cover.
    pub date: NaiveDate,
    /// Which pack.
    pub pack: Pack,
    /// Dossier version; `None` derives it from the date (`YYYY.MM.DD`).
    pub version: Option<String>,
}

impl DossierOptions {
    /// The full pack on `date`.
    pub fn full(date: NaiveDate) -> Self {
        Self {
            date,
            pack: Pack::Full,
            version: None,
        }
    }
}

/// Builds the dossier model of a project.
pub fn build(snapshot: &ProjectSnapshot, content: &Library, opts: &DossierOptions) -> Dossier {
    let f = facts::Facts::new(snapshot, content, opts);
    sections::dossier(&f)
}

/// Whether the dossier of this project would carry the DRAFT watermark: some required
/// document has no approved version.
pub fn is_draft(snapshot: &ProjectSnapshot, content: &Library, date: NaiveDate) -> bool {
    facts::Facts::new(snapshot, content, &DossierOptions::full(date)).draft()
}
