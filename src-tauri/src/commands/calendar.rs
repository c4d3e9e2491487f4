//! SMS calendar commands: the calendar and its reminder, marking an occurrence done with a
//! record, and the `.ics` export. Thin adapters over `ready20k_store::calendar`.

use chrono::NaiveDate;
use ready20k_domain::calendar::ics::{IcsHeader, write_ics};
use ready20k_domain::screens::{self, CalendarScreen};
use ready20k_store::Project;
use ready20k_store::calendar::{self, NewCompletion};
use ready20k_store::register_error::{RegisterError, RegisterResult};
use tauri::{AppHandle, State};

use super::{CmdError, CmdResult, blocking, with_project};
use crate::dialogs;
use crate::state::AppState;

/// Months the calendar screen shows unless asked otherwise (this month and the next).
const DEFAULT_MONTHS: u32 = 2;

/// Months the `.ics` export covers.
const ICS_MONTHS: u32 = 12;

fn parse_from(from: Option<&str>) -> RegisterResult<Option<NaiveDate>> {
    from.map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            NaiveDate::parse_from_str(f, "%Y-%m-%d").map_err(|_| {
                RegisterError::refused("bad_date", "Enter the first day as YYYY-MM-DD.")
            })
        })
        .transpose()
}

fn screen(p: &Project, from: Option<NaiveDate>, months: u32) -> RegisterResult<CalendarScreen> {
    let view = calendar::calendar(p.conn(), p.clock().now(), from, months)?;
    let data = ready20k_store::wizard::load(p.conn())?;
    Ok(CalendarScreen {
        today: view.today.to_string(),
        time_zone: view.time_zone,
        from: view.from.to_string(),
        until: view.until.to_string(),
        reminder: screens::reminder(&view.occurrences, view.today),
        occurrences: view.occurrences,
        overview: view.overview,
        findings: view.findings,
        people: screens::people(&data),
    })
}

/// The calendar: `months` months (default 2) from `from` (default: the firm's today), with
/// overdue occurrences, the overview counts and the reminder.
#[tauri::command]
pub async fn calendar_load(
    state: State<'_, AppState>,
    from: Option<String>,
    months: Option<u32>,
) -> CmdResult<CalendarScreen> {
    with_project(&state, |p| {
        screen(
            p,
            parse_from(from.as_deref())?,
            months.unwrap_or(DEFAULT_MONTHS),
        )
    })
}

/// Marks an occurrence done. With `evidence_id`, that evidence is the record; otherwise the
/// user picks a file, kept with `note`. `None` when the file dialog was cancelled.
#[tauri::command]
pub async fn calendar_complete(
    app: AppHandle,
    state: State<'_, AppState>,
    occurrence_id: String,
    done_on: String,
    note: String,
    person_id: Option<i64>,
    evidence_id: Option<i64>,
) -> CmdResult<Option<CalendarScreen>> {
    let file = if evidence_id.is_some() {
        None
    } else {
        if note.trim().is_empty() {
            return Err(RegisterError::refused(
                "note_required",
                "Say in a sentence what was done and what the file shows.",
            )
            .into());
        }
        let picked = blocking(move || {
            let path = dialogs::pick_evidence_path(&app)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "record".into());
            Some(std::fs::read(&path).map(|bytes| (name, bytes)))
        })
        .await?;
        let Some(read) = picked else {
            return Ok(None);
        };
        Some(read?)
    };
    with_project(&state, |p| {
        let c = NewCompletion {
            occurrence_id,
            done_on,
            person_id,
            evidence_id,
            note,
        };
        calendar::complete(
            p,
            &c,
            file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
        )?;
        screen(p, None, DEFAULT_MONTHS).map(Some)
    })
}

/// Withdraws the record of a done occurrence (undo).
#[tauri::command]
pub async fn calendar_undo(
    state: State<'_, AppState>,
    occurrence_id: String,
) -> CmdResult<CalendarScreen> {
    with_project(&state, |p| {
        calendar::undo_completion(p, &occurrence_id)?;
        screen(p, None, DEFAULT_MONTHS)
    })
}

/// Writes the next twelve months (and what is overdue) as an `.ics` file where the user
/// chooses; answers with the path, `None` when cancelled.
#[tauri::command]
pub async fn calendar_export_ics(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let (text, suggested) = with_project(&state, |p| {
        let now = p.clock().now();
        let view = calendar::calendar(p.conn(), now, None, ICS_MONTHS)?;
        let info = p.info().map_err(RegisterError::from)?;
        let header = IcsHeader::for_project(&info.firm_name, &info.created_at, now);
        Ok::<_, RegisterError>((
            write_ics(&header, &view.occurrences),
            format!("{} SMS calendar", info.firm_name),
        ))
    })?;
    blocking(move || {
        let Some(path) = dialogs::pick_ics_path(&app, &suggested) else {
            return Ok(None);
        };
        let tmp = path.with_extension("ics.part");
        std::fs::write(&tmp, text.as_bytes())
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                CmdError::from(e)
            })?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await?
}
