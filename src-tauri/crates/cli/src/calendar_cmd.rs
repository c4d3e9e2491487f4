//! `calendar`: the SMS calendar of a project — every recurring duty of the duty list and the
//! project's own dates (document reviews, evidence dates, supplier reviews, contract notice
//! dates) — as JSON or as an RFC 5545 iCalendar file.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDate, SecondsFormat};
use clap::Args;
use ready20k_domain::calendar::ics::{IcsHeader, write_ics};
use ready20k_domain::calendar::{MAX_WINDOW_MONTHS, Occurrence};
use ready20k_domain::clock::{Clock, FixedClock, SystemClock};
use ready20k_store::Project;
use ready20k_store::calendar::{CalendarView, calendar};
use ready20k_store::register_error::RegisterError;
use serde_json::{Value, json};

use crate::Failure;

/// Arguments of `ready20k-cli calendar`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("format").required(true).args(["json", "ics"])))]
pub struct CalendarArgs {
    /// Path of the project file.
    pub file: PathBuf,
    /// First day shown, YYYY-MM-DD (default: today in the firm's time zone). Overdue duties
    /// from before it are listed too.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Months shown (1 to 120).
    #[arg(long, default_value_t = 12)]
    pub months: u32,
    /// Compute statuses as on this date instead of now (for scripts and reproducible output).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Print `{"duties": [...]}` with id, title, clause, owner, due and status.
    #[arg(long)]
    pub json: bool,
    /// Write an iCalendar (.ics) file to --output.
    #[arg(long, requires = "output")]
    pub ics: bool,
    /// Where --ics writes the file.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl From<RegisterError> for Failure {
    fn from(e: RegisterError) -> Self {
        Self::usage(format!("error [{}]: {e}", e.code()))
    }
}

fn parse_day(text: &str, what: &str) -> Result<NaiveDate, Failure> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| Failure::usage(format!("{what} must be a date as YYYY-MM-DD, not {t:?}.")))
}

fn occurrence_json(o: &Occurrence) -> Value {
    json!({
        "id": o.id,
        "title": o.title,
        "clause": o.clause,
        "owner": o.owner,
        "due": o.due.to_string(),
        "status": o.status.as_str(),
    })
}

/// The calendar as the CLI's JSON: `{"duties": [...]}` in due-date order.
pub fn to_json(view: &CalendarView) -> Value {
    json!({
        "duties": view.occurrences.iter().map(occurrence_json).collect::<Vec<_>>(),
    })
}

/// Prints or writes the calendar of a project.
pub fn calendar_cmd(args: CalendarArgs) -> Result<(), Failure> {
    if !(1..=MAX_WINDOW_MONTHS).contains(&args.months) {
        return Err(Failure::usage(format!(
            "--months must be 1 to {MAX_WINDOW_MONTHS}, not {}.",
            args.months
        )));
    }
    let from = args
        .from
        .as_deref()
        .map(|f| parse_day(f, "--from"))
        .transpose()?;
    let clock: Arc<dyn Clock> = match args.today.as_deref() {
        Some(t) => {
            let d = parse_day(t, "--today")?;
            Arc::new(FixedClock(
                d.and_hms_opt(12, 0, 0)
                    .ok_or_else(|| Failure::usage("--today is out of range."))?
                    .and_utc(),
            ))
        }
        None => Arc::new(SystemClock),
    };
    let now = clock.now();
    let project = Project::open(&args.file, clock)?;
    let view = calendar(project.conn(), now, from, args.months)?;
    let info = project.info()?;
    project.close()?;
    if args.json {
        let text = serde_json::to_string_pretty(&to_json(&view))
            .map_err(|e| Failure::usage(e.to_string()))?;
        let mut out = std::io::stdout().lock();
        return match writeln!(out, "{text}") {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::usage(format!("Could not print the calendar: {e}")))
            }
            _ => Ok(()),
        };
    }
    let Some(out) = args.output else {
        return Err(Failure::usage("--ics needs -o FILE."));
    };
    // UIDs scoped by the project's creation time: the same as the app's export.
    let header = IcsHeader::for_project(&info.firm_name, &info.created_at, now);
    let text = write_ics(&header, &view.occurrences);
    let tmp = out.with_extension("ics.part");
    std::fs::write(&tmp, text.as_bytes())
        .and_then(|()| std::fs::rename(&tmp, &out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Failure::usage(format!("Could not write {}: {e}", out.display()))
        })?;
    eprintln!(
        "Wrote {} duties ({} overdue) to {} (as of {}).",
        view.occurrences.len(),
        view.overview.overdue,
        out.display(),
        now.to_rfc3339_opts(SecondsFormat::Secs, true)
    );
    Ok(())
}
