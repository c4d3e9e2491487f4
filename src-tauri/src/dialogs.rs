//! Native file dialogs for project files. With the `e2e-hooks` feature, the paths come from
//! `READY20K_E2E_SAVE_PATH` / `READY20K_E2E_OPEN_PATH` instead, because native dialogs cannot
//! be driven by WebDriver.

use std::path::PathBuf;

use tauri::AppHandle;
#[cfg(not(feature = "e2e-hooks"))]
use tauri_plugin_dialog::DialogExt;

/// Asks where to save a project; `None` if the user cancelled.
pub fn pick_save_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = (app, suggested);
        std::env::var_os("READY20K_E2E_SAVE_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Save Ready20k project")
            .set_file_name(format!("{suggested}.r20k"))
            .add_filter("Ready20k project", &["r20k"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(with_extension)
    }
}

/// Asks which project to open; `None` if the user cancelled.
pub fn pick_open_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_OPEN_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Open Ready20k project")
            .add_filter("Ready20k project", &["r20k"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }
}

/// Asks which file to attach as evidence; `None` if the user cancelled. With `e2e-hooks`,
/// the path comes from `READY20K_E2E_EVIDENCE_PATH`.
pub fn pick_evidence_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_EVIDENCE_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Attach evidence")
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }
}

/// Asks where to save one exported document (`ext`: `docx`, `pdf` or `md`); `None` if the
/// user cancelled. With `e2e-hooks`, the path comes from `READY20K_E2E_EXPORT_PATH`.
pub fn pick_export_file(app: &AppHandle, suggested: &str, ext: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = (app, suggested, ext);
        std::env::var_os("READY20K_E2E_EXPORT_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Export the approved document")
            .set_file_name(suggested)
            .add_filter(ext.to_uppercase(), &[ext])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| {
                if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
                    p
                } else {
                    let mut s = p.into_os_string();
                    s.push(format!(".{ext}"));
                    PathBuf::from(s)
                }
            })
    }
}

/// Asks for the folder to export every approved document to; `None` if the user cancelled.
/// With `e2e-hooks`, the folder comes from `READY20K_E2E_EXPORT_DIR`.
pub fn pick_export_dir(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_EXPORT_DIR").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Export every approved document to a folder")
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
    }
}

/// Asks for a document of the firm's own (PDF, DOCX, Markdown); `None` if the user
/// cancelled. With `e2e-hooks`, the path comes from `READY20K_E2E_ATTACH_PATH`.
pub fn pick_document_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_ATTACH_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Use your own document")
            .add_filter("Documents", &["pdf", "docx", "md", "markdown"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }
}

/// Asks where to save the dossier PDF; `None` if the user cancelled. With `e2e-hooks`, the
/// path comes from `READY20K_E2E_PDF_PATH`.
pub fn pick_pdf_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = (app, suggested);
        std::env::var_os("READY20K_E2E_PDF_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Save the certification dossier")
            .set_file_name(format!("{suggested}.pdf"))
            .add_filter("PDF document", &["pdf"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| ensure_extension(p, "pdf"))
    }
}

/// Asks where to save the SMS calendar (`.ics`); `None` if the user cancelled. With
/// `e2e-hooks`, the path comes from `READY20K_E2E_ICS_PATH`.
pub fn pick_ics_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = (app, suggested);
        std::env::var_os("READY20K_E2E_ICS_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Export the SMS calendar")
            .set_file_name(format!("{suggested}.ics"))
            .add_filter("iCalendar", &["ics"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| ensure_extension(p, "ics"))
    }
}

/// Asks where to save a project's JSON export; `None` if the user cancelled. With
/// `e2e-hooks`, the path comes from `READY20K_E2E_JSON_SAVE_PATH`.
pub fn pick_json_save_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = (app, suggested);
        std::env::var_os("READY20K_E2E_JSON_SAVE_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Export the project as JSON")
            .set_file_name(format!("{suggested}.json"))
            .add_filter("Ready20k project export", &["json"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|p| ensure_extension(p, "json"))
    }
}

/// Asks which JSON export to import; `None` if the user cancelled. With `e2e-hooks`, the path
/// comes from `READY20K_E2E_JSON_OPEN_PATH`.
pub fn pick_json_open_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e-hooks")]
    {
        let _ = app;
        std::env::var_os("READY20K_E2E_JSON_OPEN_PATH").map(PathBuf::from)
    }
    #[cfg(not(feature = "e2e-hooks"))]
    {
        app.dialog()
            .file()
            .set_title("Import a Ready20k project export")
            .add_filter("Ready20k project export", &["json"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }
}

/// Adds `.<ext>` when the user typed a name without it (any case counts as having it).
#[cfg_attr(feature = "e2e-hooks", allow(dead_code))]
fn ensure_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path
    } else {
        path.with_extension(ext)
    }
}

/// Adds `.r20k` when the user typed a name without it.
#[cfg_attr(feature = "e2e-hooks", allow(dead_code))]
fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == "r20k") {
        path
    } else {
        path.with_extension("r20k")
    }
}
