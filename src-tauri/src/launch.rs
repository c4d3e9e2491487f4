//! Projects handed to the app by the desktop: a `.r20k` path on the command line (a double-click
//! in a Linux or Windows file manager runs `ready20k FILE`), the same from a second launch while
//! the app runs (forwarded by the single-instance plugin), or a macOS "open document" event.
//! Each goes through the `project_open` command, so opening behaves as from the start screen.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager};

use crate::commands::project::project_open;
use crate::state::AppState;

/// The project among launch arguments (program name excluded): the first one that is not an
/// option. A `file://` URL becomes its path; a relative path is taken from `cwd`.
pub fn project_arg(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Option<PathBuf> {
    let arg = args
        .into_iter()
        .find(|a| !a.to_string_lossy().starts_with('-'))?;
    let path = match arg.to_str() {
        Some(url) if url.starts_with("file://") => {
            tauri::Url::parse(url).ok()?.to_file_path().ok()?
        }
        _ => PathBuf::from(arg),
    };
    Some(cwd.join(path))
}

/// Opens the project named on this process's command line, before the window asks what is
/// open (setup). Nothing happens without one.
pub fn open_from_command_line(app: &AppHandle) {
    let cwd = std::env::current_dir().unwrap_or_default();
    if let Some(path) = project_arg(std::env::args_os().skip(1), &cwd) {
        open(app, &path);
    }
}

/// A second launch (`args` with the program name first, as the single-instance plugin passes
/// them): opens its project in this window and reloads the page so it shows the project.
pub fn open_from_second_launch(app: &AppHandle, args: Vec<String>, cwd: &str) {
    let args = args.into_iter().skip(1).map(OsString::from);
    if let Some(path) = project_arg(args, Path::new(cwd)) {
        open_and_show(app, &path);
    }
}

/// Handles the run loop's events: on macOS a double-clicked document arrives as `Opened`.
pub fn on_run_event(app: &AppHandle, event: tauri::RunEvent) {
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "android"))]
    if let tauri::RunEvent::Opened { urls } = event
        && let Some(path) = urls.into_iter().find_map(|url| url.to_file_path().ok())
    {
        open_and_show(app, &path);
    }
    #[cfg(not(any(target_os = "macos", target_os = "ios", target_os = "android")))]
    let _ = (app, event);
}

/// [`open`], then reloads the window's page: the UI asks again what is open and shows it.
fn open_and_show(app: &AppHandle, path: &Path) {
    if open(app, path)
        && let Some(window) = app.get_webview_window("main")
    {
        let _ = window.reload();
    }
}

/// Opens `path` in the window through `project_open`. A failure (not a project, damaged, open
/// elsewhere, newer schema) is printed and shown in a message box; the start screen stays.
fn open(app: &AppHandle, path: &Path) -> bool {
    if app.try_state::<AppState>().is_none() {
        return false;
    }
    let Some(text) = path.to_str() else {
        let message = format!(
            "{} cannot be opened: its path is not valid UTF-8.",
            path.display()
        );
        report(app, &message, "invalid_path");
        return false;
    };
    let opened = tauri::async_runtime::block_on(project_open(
        app.clone(),
        app.state::<AppState>(),
        Some(text.to_owned()),
    ));
    match opened {
        Ok(_) => true,
        Err(e) => {
            report(app, &e.0.message, &e.0.code);
            false
        }
    }
}

/// Tells the user why a project did not open (the store's messages name the file).
fn report(app: &AppHandle, message: &str, code: &str) {
    eprintln!("ready20k: {message} [{code}]");
    #[cfg(not(feature = "e2e-hooks"))]
    {
        use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
        app.dialog()
            .message(message.to_owned())
            .title("Ready20k")
            .kind(MessageDialogKind::Error)
            .show(|_| {});
    }
    #[cfg(feature = "e2e-hooks")]
    let _ = app;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_first_argument_that_is_not_an_option_is_the_project() {
        let cwd = Path::new("/home/ann");
        assert_eq!(
            project_arg(args(&["--verbose", "acme.r20k", "other.r20k"]), cwd),
            Some(PathBuf::from("/home/ann/acme.r20k"))
        );
        assert_eq!(
            project_arg(args(&["/srv/p/acme.r20k"]), cwd),
            Some(PathBuf::from("/srv/p/acme.r20k"))
        );
        assert_eq!(project_arg(args(&["--flag"]), cwd), None);
        assert_eq!(project_arg(args(&[]), cwd), None);
    }

    #[test]
    fn a_file_url_becomes_its_path() {
        assert_eq!(
            project_arg(
                args(&["file:///home/ann/My%20Firm.r20k"]),
                Path::new("/tmp")
            ),
            Some(PathBuf::from("/home/ann/My Firm.r20k"))
        );
        assert_eq!(
            project_arg(args(&["file://not a url"]), Path::new("/tmp")),
            None
        );
    }
}
