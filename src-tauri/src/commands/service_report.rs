//! The monthly service report command: build one service's report for a month from the open
//! project with the dossier engine, ask where to save it, write it atomically and open it in
//! the system viewer. A thin adapter over `ready20k_dossier::build::service_report`.

use ready20k_domain::dossier::DossierSaved;
use ready20k_dossier::build::{ServiceReportOptions, service_report};
use tauri::{AppHandle, State};

use super::dossier::{dashed, save_pdf, snapshot_today};
use super::{CmdError, CmdResult, blocking};
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
