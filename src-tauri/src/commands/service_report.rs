//! The monthly service report command: build one service's report for a month from the open
//! project with the dossier engine, ask where to save it, write it atomically and open it in
//! the system viewer. A thin adapter over `ready20k_dossier::build::service_report`.

use ready20k_domain::dossier::DossierSaved;
use ready20k_domain::records::{IssuedReport, ReportRequest, ServiceReportsView};
use ready20k_dossier::Rendered;
use ready20k_dossier::build::{ServiceReportOptions, render_service_report, service_report};
use ready20k_store::records;
use tauri::{AppHandle, State};

use super::dossier::{dashed, save_pdf, snapshot_today};
use super::{CmdError, CmdResult, blocking, with_project};
use crate::state::AppState;

/// "Northwind-IT-Managed-Workplace-service-report-2026-03": letters, digits and dashes.
fn file_stem(firm: &str, service: &str, month: &str) -> String {
    dashed(&format!("{firm} {service} service report {month}"))
}

/// Generates the monthly service report of `service` (catalogue name) for `month`
/// (`YYYY-MM`) of the open project, dated today; asks where to save it, saves it and opens
/// it in the system viewer (not in `e2e-hooks` builds). Errors: `unknown_service`,
/// `bad_month`, the dossier's rendering errors, `report_write_failed`.
#[tauri::command]
pub async fn service_report_generate(
    app: AppHandle,
    state: State<'_, AppState>,
    service: String,
    month: String,
) -> CmdResult<DossierSaved> {
    let (snap, today) = snapshot_today(&state)?;
    let opts = ServiceReportOptions {
        service,
        month,
        date: today,
    };
    let (model, rendered) = blocking(move || {
        let model =
            service_report(&snap, &opts).map_err(|e| CmdError::new(e.code(), e.to_string()))?;
        let rendered = ready20k_dossier::render(&model)?;
        Ok::<_, CmdError>((model, rendered))
    })
    .await??;
    let service = model
        .cover
        .details
        .iter()
        .find(|d| d.key == "Service")
        .map(|d| d.value.text())
        .unwrap_or_default();
    let suggested = file_stem(&model.meta.firm, &service, &model.meta.version);
    save_pdf(app, rendered, false, suggested, "report_write_failed").await
}

/// Issues the monthly service report of `service` (catalogue name) for `month` (`YYYY-MM`),
/// dated today, by person `issued_by`: the PDF, its SHA-256 and figures are stored as a record
/// and linked as evidence to the 8.3.3 and 9.4 questions. A re-issue is the next version.
/// Errors: `unknown_person`, `unknown_service`, `bad_month`, the renderer's codes.
#[tauri::command]
pub async fn service_report_issue(
    state: State<'_, AppState>,
    service: String,
    month: String,
    issued_by: i64,
) -> CmdResult<IssuedReport> {
    with_project(&state, |p| {
        let req = ReportRequest {
            service,
            month,
            date: p.clock().now().date_naive(),
            issued_by,
        };
        records::issue_service_report(p, &req, &render_service_report)
    })
}

/// The issued service reports (newest month first) and the people who may issue one.
#[tauri::command]
pub async fn service_report_list(state: State<'_, AppState>) -> CmdResult<ServiceReportsView> {
    with_project(&state, |p| records::service_reports_view(p.conn()))
}

/// Asks where to save issued report `id`'s stored PDF (byte for byte as issued), saves it and
/// opens it in the system viewer. Errors: `unknown_service_report`, `report_write_failed`.
#[tauri::command]
pub async fn service_report_save(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<DossierSaved> {
    let (report, pdf) = with_project(&state, |p| records::service_report_pdf(p.conn(), id))?;
    let firm = with_project(&state, |p| {
        ready20k_store::meta::export_header(p.conn()).map(|h| h.firm_name)
    })?;
    let suggested = format!(
        "{}-v{}",
        file_stem(&firm, &report.service, &report.month),
        report.version
    );
    let rendered = Rendered {
        pdf,
        pages: report.pages as usize,
        missing_glyphs: Vec::new(),
        substitutions: 0,
        font_packages: Vec::new(),
    };
    save_pdf(app, rendered, false, suggested, "report_write_failed").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_is_safe() {
        assert_eq!(
            file_stem("Northwind IT", "Managed Workplace", "2026-03"),
            "Northwind-IT-Managed-Workplace-service-report-2026-03"
        );
        assert_eq!(
            file_stem("../", "a/b", "2026-03"),
            "a-b-service-report-2026-03"
        );
    }
}
