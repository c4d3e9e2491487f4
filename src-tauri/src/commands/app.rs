//! App-level commands that are not about one project.

use std::time::{SystemTime, UNIX_EPOCH};

/// Called by the UI once the first screen has painted. With `READY20K_BENCH=1` it prints the
/// wall-clock time (ms since the Unix epoch) to stderr, so `scripts/bench-startup.sh` can
/// measure process start -> painted start screen; with `READY20K_BENCH=exit` it also exits.
#[tauri::command]
pub fn app_painted(app: tauri::AppHandle) {
    let Ok(mode) = std::env::var("READY20K_BENCH") else {
        return;
    };
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    eprintln!("READY20K_PAINTED {ms}");
    if mode == "exit" {
        app.exit(0);
    }
}

/// What is wrong with a firm name typed on the start screen (the rules `project_new`
/// enforces); empty when it can be used.
#[tauri::command]
pub fn app_validate_firm_name(firm_name: String) -> Vec<ready20k_domain::wizard::FieldError> {
    ready20k_domain::project::firm_name_errors(&firm_name)
}
