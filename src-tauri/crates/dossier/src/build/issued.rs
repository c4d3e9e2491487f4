//! Issuing a monthly service report: the [`ReportRenderer`] the store calls to turn the
//! project into the report's PDF and the figures kept with it.
//!
//! [`ReportRenderer`]: ready20k_domain::records::ReportRenderer

use ready20k_domain::ErrorPayload;
use ready20k_domain::records::{RenderedReport, ReportRequest};
use ready20k_domain::snapshot::ProjectSnapshot;

use super::service_report::{ServiceReportOptions, service_report_with_figures};

/// Builds and renders the report `req` asks for. Errors carry the stable codes of
/// [`super::ServiceReportError`] and [`crate::DossierError`].
pub fn render_service_report(
    snap: &ProjectSnapshot,
    req: &ReportRequest,
) -> Result<RenderedReport, ErrorPayload> {
    let opts = ServiceReportOptions {
        service: req.service.clone(),
        month: req.month.clone(),
        date: req.date,
    };
    let (model, service_id, figures) = service_report_with_figures(snap, &opts)
        .map_err(|e| ErrorPayload::new(e.code(), e.to_string()))?;
    let rendered = crate::render(&model).map_err(|e| ErrorPayload::new(e.code(), e.to_string()))?;
    Ok(RenderedReport {
        service_id,
        pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
        pdf: rendered.pdf,
        figures,
    })
}
