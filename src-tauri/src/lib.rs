//! The Ready20k desktop shell: window, plugins, state and the Tauri commands.
//!
//! Commands are thin adapters (see `commands/`): parse arguments, run on the open project
//! with `commands::with_project` (one lock per command), call `ready20k-store` or
//! `ready20k-domain`, and map errors to `{code, message}` (`commands::CmdError`, serialised as
//! [`ready20k_domain::ErrorPayload`]).

mod commands;
mod dialogs;
mod launch;
mod state;

use tauri::Manager;

/// Builds and runs the app. Panics only at startup if the window system is unavailable.
pub fn run() {
    #[allow(clippy::expect_used)] // startup: without a window system there is nothing to do
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            launch::open_from_second_launch(app, args, &cwd);
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let data_dir = state::data_dir(app.handle())?;
            app.manage(state::AppState::new(data_dir));
            launch::open_from_command_line(app.handle());
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
            commands::app::app_validate_firm_name,
            commands::project::app_start,
            commands::project::project_new,
            commands::project::project_open,
            commands::project::project_open_demo,
            commands::project::project_info,
            commands::project::project_save_as,
            commands::project::project_close,
            commands::project::recent_forget,
            commands::overview::overview_load,
            commands::transfer::project_export_json,
            commands::transfer::project_import_json,
            commands::transfer::project_save_copy,
            commands::transfer::project_backups,
            commands::transfer::project_restore_backup,
            commands::wizard::wizard_load,
            commands::wizard::wizard_save_profile,
            commands::wizard::wizard_add_issue,
            commands::wizard::wizard_update_issue,
            commands::wizard::wizard_delete_issue,
            commands::wizard::wizard_save_party,
            commands::wizard::wizard_delete_party,
            commands::wizard::wizard_save_climate,
            commands::wizard::wizard_save_service,
            commands::wizard::wizard_delete_service,
            commands::wizard::wizard_save_other_party,
            commands::wizard::wizard_delete_other_party,
            commands::wizard::wizard_save_scope,
            commands::wizard::wizard_save_person,
            commands::wizard::wizard_delete_person,
            commands::wizard::wizard_restore_person,
            commands::wizard::wizard_import_preview,
            commands::wizard::wizard_validate_person,
            commands::wizard::wizard_import_people,
            commands::wizard::wizard_set_role,
            commands::wizard::wizard_record_mitigation,
            commands::wizard::wizard_clear_mitigation,
            commands::wizard::wizard_suggest_roles,
            commands::wizard::wizard_apply_suggestion,
            commands::wizard::wizard_goto,
            commands::wizard::wizard_complete_step,
            commands::documents::documents_register,
            commands::documents::documents_view,
            commands::documents::documents_start,
            commands::documents::documents_add_own,
            commands::documents::documents_save_draft,
            commands::documents::documents_preview,
            commands::documents::documents_redraft,
            commands::documents::documents_refresh,
            commands::documents::documents_issue,
            commands::documents::documents_approve,
            commands::documents::documents_set_review_date,
            commands::documents::documents_diff,
            commands::documents::documents_version_html,
            commands::documents::documents_attach,
            commands::documents::documents_export,
            commands::assessment::assessment_load,
            commands::assessment::assessment_save_answer,
            commands::assessment::assessment_clear_answer,
            commands::assessment::assessment_attach_file,
            commands::assessment::assessment_add_evidence,
            commands::assessment::assessment_update_evidence,
            commands::assessment::assessment_link_evidence,
            commands::assessment::assessment_unlink_evidence,
            commands::assessment::scorecard_load,
            commands::assessment::scorecard_save_settings,
            commands::assessment::action_save,
            commands::assessment::action_delete,
            commands::assessment::snapshot_take,
            commands::assessment::snapshot_delete,
            commands::assessment::snapshot_compare,
            commands::guide::guide_search,
            commands::guide::guide_clause,
            commands::dossier::dossier_generate,
            commands::service_report::service_report_generate,
            commands::service_report::service_report_issue,
            commands::service_report::service_report_list,
            commands::service_report::service_report_save,
            commands::registers::risks_load,
            commands::registers::risks_save_criteria,
            commands::registers::risks_adopt,
            commands::registers::risks_save,
            commands::registers::risks_delete,
            commands::registers::risks_add_action,
            commands::registers::suppliers_load,
            commands::registers::suppliers_save_agreement,
            commands::registers::suppliers_save_review,
            commands::registers::suppliers_save_dispute,
            commands::registers::suppliers_record_none,
            commands::registers::suppliers_clear_none,
            commands::calendar::calendar_load,
            commands::calendar::calendar_complete,
            commands::calendar::calendar_undo,
            commands::calendar::calendar_export_ics,
            commands::records::records_view,
            commands::records::records_pick_export,
            commands::records::records_preview,
            commands::records::records_import,
            commands::records::records_set_business_hours,
            commands::records::records_save_levels,
            commands::records::records_convert_sla,
            commands::records::records_attainment,
            commands::records::records_set_review,
            commands::objectives::objectives_view,
            commands::objectives::objectives_add,
            commands::objectives::objectives_update,
            commands::objectives::objectives_add_kpi,
            commands::objectives::objectives_record_value,
            commands::reviews::reviews_load,
            commands::reviews::review_detail,
            commands::reviews::review_save,
            commands::reviews::review_redraft_minutes,
            commands::reviews::review_add_action,
            commands::reviews::review_issue,
            commands::reviews::review_withdraw,
            commands::reviews::review_approve,
            commands::reviews::review_delete,
            commands::audits::audits_load,
            commands::audits::audits_generate,
            commands::audits::audit_save,
            commands::audits::audit_delete,
            commands::audits::audit_detail,
            commands::audits::audit_start,
            commands::audits::audit_record_line,
            commands::audits::audit_issue_report,
            commands::audits::audit_approve_report,
            commands::audits::nc_list,
            commands::audits::nc_save,
            commands::roadmap::roadmap_load,
        ])
        .build(tauri::generate_context!())
        .expect("error while running Ready20k")
        .run(launch::on_run_event);
}
