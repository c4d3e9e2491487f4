//! Operating-records commands: the settings view (business hours, service levels, kept
//! files), the import of a service-desk export (pick, preview, import), and the attainment
//! view with its flagged records. Thin adapters over `ready20k_store::records`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ready20k_domain::records::{
    Attainment, BusinessHours, ImportDone, ImportPreview, IncidentReview, ParsedSla, PickedExport,
    Preset, RecordsView, ServiceLevels,
};
use ready20k_store::records::{self, ImportOptions, RecordsError};
use tauri::{AppHandle, State};

use super::{CmdError, CmdResult, blocking, with_project};
use crate::state::AppState;

impl From<RecordsError> for CmdError {
    fn from(e: RecordsError) -> Self {
        Self(e.payload())
    }
}

/// Asks for a service-desk export (CSV); `None` if the user cancelled. With `e2e-hooks`, the
/// path comes from `READY20K_E2E_RECORDS_PATH`.
fn pick_export_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_RECORDS_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        use tauri_plugin_dialog::DialogExt;
        app.dialog()
            .file()
            .set_title("Import a service-desk export")
            .add_filter("CSV export", &["csv", "txt"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export.csv".into())
}

async fn read_export(path: String) -> CmdResult<Vec<u8>> {
    Ok(blocking(move || std::fs::read(path)).await??)
}

fn month(text: Option<&str>) -> Result<Option<u32>, RecordsError> {
    text.filter(|t| !t.trim().is_empty())
        .map(records::parse_month)
        .transpose()
}

/// Business hours, every service's levels and the kept files.
#[tauri::command]
pub async fn records_view(state: State<'_, AppState>) -> CmdResult<RecordsView> {
    with_project(&state, |p| records::records_view(p))
}

/// Asks for the export file; `None` if the user cancelled.
#[tauri::command]
pub async fn records_pick_export(app: AppHandle) -> CmdResult<Option<PickedExport>> {
    let picked = blocking(move || {
        let path = pick_export_path(&app)?;
        let size = std::fs::metadata(&path).map(|m| m.len());
        Some((path, size))
    })
    .await?;
    let Some((path, size)) = picked else {
        return Ok(None);
    };
    Ok(Some(PickedExport {
        file_name: file_name(&path),
        path: path.to_string_lossy().into_owned(),
        size: size?,
    }))
}

/// Reads the export at `path` with `preset` and the user's service choices; writes nothing.
#[tauri::command]
pub async fn records_preview(
    state: State<'_, AppState>,
    path: String,
    preset: Preset,
    service_map: BTreeMap<String, Option<i64>>,
) -> CmdResult<ImportPreview> {
    let bytes = read_export(path).await?;
    with_project(&state, |p| {
        records::preview(p.conn(), &bytes, preset, &service_map)
    })
}

/// Imports the export at `path`: all or nothing unless `skip_bad_rows`.
#[tauri::command]
pub async fn records_import(
    state: State<'_, AppState>,
    path: String,
    preset: Preset,
    service_map: BTreeMap<String, Option<i64>>,
    skip_bad_rows: bool,
) -> CmdResult<ImportDone> {
    let name = file_name(Path::new(&path));
    let bytes = read_export(path).await?;
    with_project(&state, |p| {
        let opts = ImportOptions {
            preset,
            file_name: name,
            skip_bad_rows,
            service_map,
        };
        let out = records::import_export(p, &bytes, &opts)?;
        Ok::<_, RecordsError>(ImportDone {
            source_id: out.source_id,
            sha256: out.sha256,
            added: out.added,
            updated: out.updated,
            unchanged: out.unchanged,
            rejected: out.preview.summary.rejected,
        })
    })
}

/// Saves the firm's business hours (every record's times are recomputed).
#[tauri::command]
pub async fn records_set_business_hours(
    state: State<'_, AppState>,
    hours: BusinessHours,
) -> CmdResult<RecordsView> {
    with_project(&state, |p| {
        records::set_business_hours(p, &hours)?;
        records::records_view(p)
    })
}

/// Saves one service's structured levels.
#[tauri::command]
pub async fn records_save_levels(
    state: State<'_, AppState>,
    levels: ServiceLevels,
) -> CmdResult<RecordsView> {
    with_project(&state, |p| {
        records::save_service_levels(p, &levels)?;
        records::records_view(p)
    })
}

/// Converts a service's free-text targets; returns what was read for the user to review.
#[tauri::command]
pub async fn records_convert_sla(
    state: State<'_, AppState>,
    service_id: i64,
) -> CmdResult<ParsedSla> {
    with_project(&state, |p| records::convert_sla_text(p, service_id))
}

/// Attainment per service and month over `from..=to` (`YYYY-MM`, either empty), with the
/// self-approved changes and major incidents behind the flags.
#[tauri::command]
pub async fn records_attainment(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> CmdResult<Attainment> {
    with_project(&state, |p| {
        let (from, to) = (month(from.as_deref())?, month(to.as_deref())?);
        records::attainment(p, from, to)
    })
}

/// Records (or with `None` removes) the review of a major incident.
#[tauri::command]
pub async fn records_set_review(
    state: State<'_, AppState>,
    ticket_id: i64,
    review: Option<IncidentReview>,
) -> CmdResult<()> {
    with_project(&state, |p| {
        records::set_incident_review(p, ticket_id, review.as_ref())
    })
}
