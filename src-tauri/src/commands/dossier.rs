//! The dossier command: build the PDF from the open project, ask where to save it, write it
//! atomically and open it in the system viewer. A thin adapter over `ready20k-dossier`.

use std::path::Path;

use chrono::NaiveDate;
use ready20k_domain::dossier::{DossierPack, DossierSaved};
use ready20k_domain::snapshot::ProjectSnapshot;
use ready20k_dossier::Rendered;
use ready20k_dossier::build::{DossierOptions, build};
use tauri::{AppHandle, State};

use super::{CmdError, CmdResult, blocking, with_project};
use crate::dialogs;
use crate::state::AppState;

/// `text` with every character that is not a letter or digit turned into a dash, runs of
/// dashes folded into one and dashes at either end dropped.
pub(super) fn dashed(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s.trim_matches('-').to_owned()
}

/// The snapshot of the open project and the project clock's date.
pub(super) fn snapshot_today(state: &AppState) -> CmdResult<(ProjectSnapshot, NaiveDate)> {
    with_project(state, |p| {
        ready20k_store::snapshot::collect(p).map(|snap| (snap, p.clock().now().date_naive()))
    })
}

/// Asks where to save `rendered` (suggesting `suggested`), writes it atomically and opens it
/// in the system viewer. Cancelling the picker returns the result unsaved; a failed write is
/// `write_code`.
pub(super) async fn save_pdf(
    app: AppHandle,
    rendered: Rendered,
    draft: bool,
    suggested: String,
    write_code: &'static str,
) -> CmdResult<DossierSaved> {
    let mut saved = DossierSaved {
        path: None,
        pages: u32::try_from(rendered.pages).unwrap_or(u32::MAX),
        bytes: rendered.pdf.len() as u64,
        draft,
        missing_glyphs: rendered
            .missing_glyphs
            .iter()
            .map(|c| c.to_string())
            .collect(),
        opened: false,
    };
    let picker = app.clone();
    let path = blocking(move || dialogs::pick_pdf_path(&picker, &suggested)).await?;
    let Some(path) = path else {
        return Ok(saved);
    };
    ready20k_store::atomic::write_file(&path, &rendered.pdf).map_err(|e| {
        CmdError::new(
            write_code,
            format!("Could not save {}: {e}", path.display()),
        )
    })?;
    saved.path = Some(path.display().to_string());
    saved.opened = open(&app, &path);
    Ok(saved)
}

/// A file name from the firm's name: letters, digits and dashes.
fn file_stem(firm: &str, pack: DossierPack) -> String {
    let s = dashed(firm);
    let kind = match pack {
        DossierPack::Full => "dossier",
        DossierPack::Stage1 => "stage1-pack",
        DossierPack::Summary => "summary",
    };
    if s.is_empty() {
        format!("iso20000-{kind}")
    } else {
        format!("{s}-iso20000-{kind}")
    }
}

/// Generates the chosen pack of the open project (dated today), asks where to save it,
/// saves it and opens it in the system viewer (not in `e2e-hooks` builds).
#[tauri::command]
pub async fn dossier_generate(
    app: AppHandle,
    state: State<'_, AppState>,
    pack_id: DossierPack,
) -> CmdResult<DossierSaved> {
    let (snap, today) = snapshot_today(&state)?;
    let library = ready20k_domain::content::try_library()?;
    let opts = DossierOptions {
        date: today,
        pack: pack_id,
        version: None,
    };
    // Layout takes a moment for a large project: keep it off the async workers.
    let (model, rendered) = blocking(move || {
        let model = build(&snap, library, &opts);
        let rendered = ready20k_dossier::render(&model);
        (model, rendered)
    })
    .await?;
    let rendered = rendered?;
    let suggested = file_stem(&model.meta.firm, pack_id);
    save_pdf(
        app,
        rendered,
        model.watermark.is_some(),
        suggested,
        "dossier_write_failed",
    )
    .await
}

/// Hands the PDF to the system viewer; `false` when that failed (the file is saved anyway).
#[cfg(not(feature = "e2e-hooks"))]
pub(super) fn open(app: &AppHandle, path: &Path) -> bool {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .is_ok()
}

/// E2E builds never start a viewer.
#[cfg(feature = "e2e-hooks")]
pub(super) fn open(_app: &AppHandle, _path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_is_safe() {
        assert_eq!(
            file_stem("Northwind Managed IT Ltd", DossierPack::Full),
            "Northwind-Managed-IT-Ltd-iso20000-dossier"
        );
        assert_eq!(file_stem("../..", DossierPack::Summary), "iso20000-summary");
    }
}
