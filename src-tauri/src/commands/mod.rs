//! Tauri commands, one module per feature area. Each is a thin adapter over the crates below:
//! parse arguments, run [`with_project`] (one lock of the open project per command), map the
//! crate's error to [`CmdError`] (`{code, message}` for the UI).

/// Declares commands that differ only by what they run on the open project. Each entry
/// `fn name(arg: Type, ..) -> Answer = run;` becomes a `#[tauri::command]` taking the window's
/// state and those arguments, and answering with `run`, a closure over the open project, run
/// by [`with_project`] (one lock).
macro_rules! project_commands {
    ($(
        $(#[$attr:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $answer:ty = $run:expr;
    )+) => {$(
        $(#[$attr])*
        #[tauri::command]
        pub async fn $name(
            state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> $crate::commands::CmdResult<$answer> {
            $crate::commands::with_project(&state, $run)
        }
    )+};
}

pub mod app;
pub mod assessment;
pub mod audits;
pub mod calendar;
pub mod documents;
pub mod dossier;
pub mod guide;
pub mod objectives;
pub mod overview;
pub mod project;
pub mod records;
pub mod registers;
pub mod reviews;
pub mod roadmap;
pub mod service_report;
pub mod transfer;
pub mod wizard;

use ready20k_domain::ErrorPayload;
use ready20k_domain::assessment::{Action, ActionSource};
use ready20k_store::Project;
use serde::Serialize;

use crate::state::AppState;

/// An error on its way to the UI: serialised exactly as [`ErrorPayload`] (`{code, message}`),
/// with the stable code of the crate error it came from. `?` converts every crate error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CmdError(pub ErrorPayload);

/// What every command returns.
pub type CmdResult<T> = Result<T, CmdError>;

impl CmdError {
    /// An error with a code of the shell's own.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self(ErrorPayload::new(code, message))
    }

    /// No project is open in this window.
    pub fn no_project() -> Self {
        Self::new("no_project", "No project is open.")
    }

    /// A background task panicked or was cancelled.
    fn background(e: impl std::fmt::Display) -> Self {
        Self::new("internal", format!("Background task failed: {e}"))
    }
}

impl From<ErrorPayload> for CmdError {
    fn from(e: ErrorPayload) -> Self {
        Self(e)
    }
}

/// Maps errors that expose a stable `code()` and a message for people (`Display`).
macro_rules! coded_errors {
    ($($ty:ty),+ $(,)?) => {$(
        impl From<$ty> for CmdError {
            fn from(e: $ty) -> Self {
                Self(ErrorPayload::new(e.code(), e.to_string()))
            }
        }
    )+};
}

coded_errors!(
    ready20k_store::StoreError,
    ready20k_store::documents::DocError,
    ready20k_domain::content::ContentError,
    &ready20k_domain::content::ContentError,
    ready20k_dossier::DossierError,
    ready20k_store::register_error::RegisterError,
);

impl From<std::io::Error> for CmdError {
    fn from(e: std::io::Error) -> Self {
        Self::new("io", format!("File error: {e}"))
    }
}

/// Runs `f` on the window's open project, holding its lock once for the whole command.
/// Fails with `no_project` when none is open; `f`'s error keeps its code.
pub fn with_project<T, E>(
    state: &AppState,
    f: impl FnOnce(&mut Project) -> Result<T, E>,
) -> CmdResult<T>
where
    E: Into<CmdError>,
{
    let mut guard = state.project();
    let project = guard.as_mut().ok_or_else(CmdError::no_project)?;
    f(project).map_err(Into::into)
}

/// A new action of the one action register, from `source`, with its owner and due date (a
/// blank date is none).
pub fn new_action(
    source: ActionSource,
    title: impl Into<String>,
    owner_id: Option<i64>,
    due: Option<String>,
) -> Action {
    Action {
        owner_id,
        due: due.filter(|d| !d.trim().is_empty()),
        ..Action::new(source, title)
    }
}

/// Runs blocking work (native dialogs, file reads, layout) off the async workers.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(CmdError::background)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_project_without_a_project_is_no_project() {
        let state = AppState::new(std::env::temp_dir().join("ready20k-shell-no-project"));
        let err = with_project(&state, |_| Ok::<_, CmdError>(())).unwrap_err();
        assert_eq!(err.0.code, "no_project");
    }

    #[test]
    fn crate_errors_keep_their_code() {
        let e: CmdError = ready20k_store::StoreError::AlreadyOpen { path: "x".into() }.into();
        assert_eq!(e.0.code, "already_open");
        assert!(e.0.message.contains('x'));
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "already_open");
    }

    #[test]
    fn with_project_runs_on_the_open_project() {
        let dir = tempfile_dir("ready20k-shell-with-project");
        let state = AppState::new(dir.clone());
        let path = dir.join("p.r20k");
        let _ = std::fs::remove_file(&path);
        let project = Project::create(&path, "Acme", state.clock.clone()).unwrap();
        *state.project() = Some(project);
        let firm = with_project(&state, |p| p.firm_name()).unwrap();
        assert_eq!(firm, "Acme");
        state.close_project();
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
