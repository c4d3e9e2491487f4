//! The Ready20k desktop shell: window, plugins, state and the Tauri commands.
//!
//! Commands are thin adapters (see `commands/`): parse arguments, call `ready20k-store` or
//! `ready20k-domain`, map errors to [`ready20k_domain::ErrorPayload`].

mod commands;
mod dialogs;
mod state;

use tauri::Manager;

/// Builds and runs the app. Panics only at startup if the window system is unavailable.
pub fn run() {
    #[allow(clippy::expect_used)] // startup: without a window system there is nothing to do
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = state::data_dir(app.handle())?;
            app.manage(state::AppState::new(data_dir));
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::Destroyed = event
                && let Some(state) = window.try_state::<state::AppState>()
            {
                state.close_project();
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_painted,
            commands::project::app_start,
            commands::project::project_new,
            commands::project::project_open,
            commands::project::project_open_demo,
            commands::project::project_info,
            commands::project::project_save_as,
            commands::project::project_close,
            commands::project::recent_forget,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Ready20k");
}
