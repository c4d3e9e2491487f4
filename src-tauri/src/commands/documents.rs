//! Document drafting commands: register, drafts (autosave, preview, refresh), versions, diff,
//! approvals, review dates and the firm's own files. Each is a thin adapter over
//! `ready20k_store::documents`; mutations answer with the recomputed [`DocumentView`].
//! [`documents_export`] writes approved documents through `ready20k_dossier::export`.

use std::path::{Path, PathBuf};

use ready20k_domain::documents::export::{DocFormat, DocumentsExported};
use ready20k_domain::documents::{
    DocumentView, NewOwnDocument, Preview, Register, SavedDraft, TextDiffResult, preview,
};
use ready20k_dossier::build::approved_documents;
use ready20k_dossier::export;
use ready20k_store::Project;
use ready20k_store::documents::{self as docs, DocError, records};
use tauri::{AppHandle, State};

use super::{CmdError, CmdResult, blocking, with_project};
use crate::dialogs;
use crate::state::AppState;

/// The document view of row `id` after a change.
fn view_of(p: &Project, id: i64) -> Result<DocumentView, DocError> {
    let key = records::get_document(p.conn(), id)?.key;
    docs::document_view(p.conn(), &key, p.clock().now().date_naive())
}

/// The change `f` to document row `id`, then its view: one closure over the open project for
/// [`with_project`].
fn then_view<T>(
    id: i64,
    f: impl FnOnce(&mut Project) -> Result<T, DocError>,
) -> impl FnOnce(&mut Project) -> Result<DocumentView, DocError> {
    move |p| {
        f(p)?;
        view_of(p, id)
    }
}

/// The register with statuses for today.
#[tauri::command]
pub async fn documents_register(state: State<'_, AppState>) -> CmdResult<Register> {
    with_project(&state, |p| {
        docs::register(p.conn(), p.clock().now().date_naive())
    })
}

/// One document: draft, versions, approvers.
#[tauri::command]
pub async fn documents_view(state: State<'_, AppState>, key: String) -> CmdResult<DocumentView> {
    with_project(&state, |p| {
        docs::document_view(p.conn(), &key, p.clock().now().date_naive())
    })
}

/// Starts a library document from a template filled with the wizard's answers.
#[tauri::command]
pub async fn documents_start(
    state: State<'_, AppState>,
    key: String,
    template_id: Option<String>,
) -> CmdResult<DocumentView> {
    with_project(&state, |p| {
        let id = docs::start_document(p, &key, template_id.as_deref(), None)?;
        view_of(p, id)
    })
}

/// Adds a document of the firm's own.
#[tauri::command]
pub async fn documents_add_own(
    state: State<'_, AppState>,
    document: NewOwnDocument,
) -> CmdResult<DocumentView> {
    with_project(&state, |p| {
        let id = docs::add_own_document(p, &document)?;
        view_of(p, id)
    })
}

/// Autosaves a draft.
#[tauri::command]
pub async fn documents_save_draft(
    state: State<'_, AppState>,
    document_id: i64,
    body: String,
    author: Option<i64>,
    revision: i64,
) -> CmdResult<SavedDraft> {
    with_project(&state, |p| {
        docs::save_draft(p, document_id, &body, author, revision)
    })
}

/// Safe HTML preview of Markdown (no project needed).
#[tauri::command]
pub async fn documents_preview(markdown: String) -> CmdResult<Preview> {
    Ok(preview(&markdown))
}

project_commands! {
    /// Replaces the draft with a fresh fill of a template.
    fn documents_redraft(
        document_id: i64,
        template_id: Option<String>,
        revision: i64,
    ) -> DocumentView =
        then_view(document_id, |p| docs::redraft(p, document_id, template_id.as_deref(), revision));

    /// Applies wizard changes to the draft.
    fn documents_refresh(document_id: i64, keys: Vec<String>, revision: i64) -> DocumentView =
        then_view(document_id, |p| docs::refresh_draft(p, document_id, &keys, revision));

    /// Issues the draft as a new version.
    fn documents_issue(
        document_id: i64,
        summary: String,
        major: bool,
        revision: i64,
    ) -> DocumentView =
        then_view(document_id, |p| docs::issue_version(p, document_id, &summary, major, revision));
}

/// Approves a version as `approver`, who was shown version `seen`, keeping the placeholders
/// and template instructions listed in `keep` as they are (any other refuses the approval).
#[tauri::command]
pub async fn documents_approve(
    state: State<'_, AppState>,
    version_id: i64,
    approver: i64,
    seen: String,
    keep: Option<Vec<String>>,
) -> CmdResult<DocumentView> {
    with_project(&state, |p| {
        docs::approve_version(p, version_id, approver, &seen, &keep.unwrap_or_default())?;
        let doc = records::get_version(p.conn(), version_id)?.document_id;
        view_of(p, doc)
    })
}

project_commands! {
    /// Sets the next review date.
    fn documents_set_review_date(document_id: i64, date: String) -> DocumentView =
        then_view(document_id, |p| docs::set_review_date(p, document_id, &date));
}

/// Line diff between two versions.
#[tauri::command]
pub async fn documents_diff(
    state: State<'_, AppState>,
    old_id: i64,
    new_id: i64,
) -> CmdResult<TextDiffResult> {
    with_project(&state, |p| docs::diff_versions(p.conn(), old_id, new_id))
}

/// Safe HTML of an issued version.
#[tauri::command]
pub async fn documents_version_html(
    state: State<'_, AppState>,
    version_id: i64,
) -> CmdResult<String> {
    with_project(&state, |p| docs::version_html(p.conn(), version_id))
}

/// Asks for a file of the firm's own and makes it the draft. `None` if cancelled.
#[tauri::command]
pub async fn documents_attach(
    app: AppHandle,
    state: State<'_, AppState>,
    document_id: i64,
) -> CmdResult<Option<DocumentView>> {
    let picked = blocking(move || {
        let path = dialogs::pick_document_path(&app)?;
        let bytes = std::fs::read(&path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some((name, bytes))
    })
    .await?;
    let Some((name, bytes)) = picked else {
        return Ok(None);
    };
    let bytes = bytes.map_err(|e| CmdError::new("io", format!("Cannot read {name}: {e}")))?;
    let attach = then_view(document_id, |p| {
        docs::attach_file(p, document_id, &name, &bytes)
    });
    with_project(&state, attach).map(Some)
}

/// Exports approved documents in `format`: the one with `key` (asks where to save it) or,
/// without a key, every approved document (asks for a folder). Files are written
/// atomically; cancelling a picker answers with `dir: None` and no files.
#[tauri::command]
pub async fn documents_export(
    app: AppHandle,
    state: State<'_, AppState>,
    key: Option<String>,
    format: DocFormat,
) -> CmdResult<DocumentsExported> {
    let (snap, today) = super::dossier::snapshot_today(&state)?;
    let library = ready20k_domain::content::try_library()?;
    let only = key.clone();
    let docs = blocking(move || {
        let mut docs = approved_documents(&snap, library, today);
        if let Some(k) = &only {
            docs.retain(|d| &d.key == k);
        }
        docs
    })
    .await?;
    let Some(first) = docs.first() else {
        return Err(match key {
            Some(k) => CmdError::new(
                "document_not_approved",
                format!("{k} has no approved version to export yet."),
            ),
            None => CmdError::new(
                "no_approved_documents",
                "No document is approved yet: approve one before exporting.",
            ),
        });
    };
    let suggested = export::file_name(first, format);
    let one = key.is_some();
    let picked = blocking(move || {
        if one {
            dialogs::pick_export_file(&app, &suggested, format.as_str())
                .map(|p| (p.parent().map(Path::to_path_buf), Some(p)))
        } else {
            dialogs::pick_export_dir(&app).map(|d| (Some(d), None))
        }
    })
    .await?;
    let Some((dir, file)) = picked else {
        return Ok(DocumentsExported {
            dir: None,
            files: Vec::new(),
            bytes: 0,
        });
    };
    blocking(move || {
        let mut out = DocumentsExported {
            dir: dir.as_ref().map(|d| d.display().to_string()),
            files: Vec::new(),
            bytes: 0,
        };
        for d in &docs {
            let f = export::export(d, format)?;
            let path = match (&file, &dir) {
                (Some(p), _) => p.clone(),
                (None, Some(d)) => d.join(&f.file_name),
                (None, None) => PathBuf::from(&f.file_name),
            };
            ready20k_store::atomic::write_file(&path, &f.bytes).map_err(|e| {
                CmdError::new(
                    "export_write_failed",
                    format!("Could not save {}: {e}", path.display()),
                )
            })?;
            out.bytes += f.bytes.len() as u64;
            out.files.push(
                path.file_name()
                    .map_or(f.file_name, |n| n.to_string_lossy().into_owned()),
            );
        }
        Ok(out)
    })
    .await?
}
