//! `records`: operating records from the service desk — import ticket and change exports,
//! set business hours, convert free-text service levels, and print SLA attainment per service
//! and month.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use ready20k_domain::clock::SystemClock;
use ready20k_domain::records::{BusinessHours, Preset, Report};
use ready20k_store::Project;
use ready20k_store::records::{self, ImportOptions, RecordsError};

use crate::Failure;

/// Arguments of `ready20k-cli records`.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    #[command(subcommand)]
    command: RecordsCommand,
}

#[derive(Debug, Subcommand)]
enum RecordsCommand {
    /// Import a ticket/change CSV export (all or nothing unless --skip-bad-rows).
    Import(ImportArgs),
    /// Print SLA attainment and change measurements per service and month.
    Report(ReportArgs),
    /// Set the firm's business hours (used by business-hours service levels).
    Hours(HoursArgs),
    /// Convert each service's free-text SLA targets into structured targets where possible.
    ConvertSla(ProjectArg),
    /// Print one service's monthly service report (PDF): targets against results, trend,
    /// incidents and changes of note.
    ServiceReport(crate::service_report_cmd::ServiceReportArgs),
}

/// The export formats `--from` accepts.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Source {
    /// Jira Service Management issue CSV export.
    Jira,
    /// GLPI search-result CSV (`;`-separated).
    Glpi,
    /// iTop CSV export.
    Itop,
    /// Zammad ticket export.
    Zammad,
    /// Ready20k's documented CSV.
    Ready20k,
}

impl Source {
    fn preset(self) -> Preset {
        match self {
            Source::Jira => Preset::Jira,
            Source::Glpi => Preset::Glpi,
            Source::Itop => Preset::Itop,
            Source::Zammad => Preset::Zammad,
            Source::Ready20k => Preset::Ready20k,
        }
    }
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The project file.
    project: PathBuf,
    /// The CSV export.
    file: PathBuf,
    /// The tool the export comes from.
    #[arg(long = "from", value_enum)]
    from: Source,
    /// Import the good rows and list the rejected ones instead of importing nothing.
    #[arg(long)]
    skip_bad_rows: bool,
    /// Map a service value of the tool to a catalogue service: `VALUE=SERVICE NAME`, or
    /// `VALUE=` for "no service". Repeatable; remembered for later imports.
    #[arg(long = "map", value_name = "VALUE=SERVICE")]
    map: Vec<String>,
    /// Print the outcome as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The project file.
    project: PathBuf,
    /// First month, YYYY-MM.
    #[arg(long = "from")]
    from: Option<String>,
    /// Last month, YYYY-MM.
    #[arg(long = "to")]
    to: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct HoursArgs {
    /// The project file.
    project: PathBuf,
    /// Working days as ISO numbers, e.g. `1-5` or `1,2,3,4,5` (1 = Monday).
    #[arg(long, default_value = "1-5")]
    days: String,
    /// Start of the working day, HH:MM.
    #[arg(long, default_value = "09:00")]
    start: String,
    /// End of the working day, HH:MM.
    #[arg(long, default_value = "17:00")]
    end: String,
    /// IANA time zone, e.g. Europe/London.
    #[arg(long)]
    tz: String,
}

#[derive(Debug, Args)]
struct ProjectArg {
    /// The project file.
    project: PathBuf,
}

impl From<RecordsError> for Failure {
    fn from(e: RecordsError) -> Self {
        Failure::usage(format!("error [{}]: {e}", e.code()))
    }
}

fn open(path: &Path) -> Result<Project, Failure> {
    Ok(Project::open(path, Arc::new(SystemClock))?)
}

/// Runs a `records` subcommand.
pub fn records(args: RecordsArgs) -> Result<(), Failure> {
    match args.command {
        RecordsCommand::Import(a) => import(a),
        RecordsCommand::Report(a) => report(a),
        RecordsCommand::Hours(a) => hours(a),
        RecordsCommand::ConvertSla(a) => convert_sla(a),
        RecordsCommand::ServiceReport(a) => crate::service_report_cmd::service_report_cmd(a),
    }
}

fn parse_map(project: &Project, map: &[String]) -> Result<BTreeMap<String, Option<i64>>, Failure> {
    let services = records::list_service_levels(project.conn())?;
    let mut out = BTreeMap::new();
    for m in map {
        let Some((value, service)) = m.split_once('=') else {
            return Err(Failure::usage(format!(
                "error [bad_map]: --map {m:?} must be VALUE=SERVICE NAME (or VALUE= for no \
                 service)."
            )));
        };
        let service = service.trim();
        let id = if service.is_empty() {
            None
        } else {
            let found = services
                .iter()
                .find(|(_, name, _)| name.trim().eq_ignore_ascii_case(service))
                .map(|(id, _, _)| *id);
            match found {
                Some(id) => Some(id),
                None => {
                    let names: Vec<&str> = services.iter().map(|(_, n, _)| n.as_str()).collect();
                    return Err(Failure::usage(format!(
                        "error [unknown_service]: there is no service {service:?} in the \
                         catalogue (services: {}).",
                        names.join(", ")
                    )));
                }
            }
        };
        out.insert(value.trim().to_owned(), id);
    }
    Ok(out)
}

fn import(a: ImportArgs) -> Result<(), Failure> {
    let bytes = std::fs::read(&a.file).map_err(|e| {
        Failure::usage(format!("error [io]: cannot read {}: {e}", a.file.display()))
    })?;
    let mut project = open(&a.project)?;
    let service_map = parse_map(&project, &a.map)?;
    let opts = ImportOptions {
        preset: a.from.preset(),
        file_name: a
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        skip_bad_rows: a.skip_bad_rows,
        service_map,
    };
    let result = records::import_export(&mut project, &bytes, &opts);
    let outcome = match result {
        Ok(o) => o,
        Err(RecordsError::RowsRejected { count, first }) => {
            // List every rejected row, so the export can be fixed in one go.
            let preview = records::preview(project.conn(), &bytes, opts.preset, &opts.service_map)?;
            let mut message = format!(
                "error [rows_rejected]: {count} row(s) of {} were rejected, so nothing was \
                 imported. Fix them, or import the good rows with --skip-bad-rows:",
                a.file.display()
            );
            for r in &preview.rejected {
                message.push_str(&format!(
                    "\n  line {}: {}{} [{}]",
                    r.line,
                    if r.id.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", r.id)
                    },
                    r.reason.message(),
                    r.reason.code()
                ));
            }
            if preview.rejected.is_empty() {
                message.push_str(&format!(
                    "\n  line {}: {}",
                    first.line,
                    first.reason.message()
                ));
            }
            return Err(Failure::usage(message));
        }
        Err(e) => return Err(e.into()),
    };
    project.close()?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).map_err(|e| Failure::usage(e.to_string()))?
        );
        return Ok(());
    }
    let s = &outcome.preview.summary;
    println!(
        "Imported {} from {} ({}): {} added, {} updated, {} unchanged.",
        a.file.display(),
        opts.preset.label(),
        outcome.sha256,
        outcome.added,
        outcome.updated,
        outcome.unchanged
    );
    println!(
        "Rows: {} read, {} accepted ({} incidents, {} requests, {} changes), {} ignored, {} \
         rejected; {} without a service.",
        s.rows, s.accepted, s.incidents, s.requests, s.changes, s.ignored, s.rejected, s.no_service
    );
    for m in &outcome.preview.services {
        println!(
            "  service {:?} -> {} ({} row(s))",
            m.value,
            m.service.as_deref().unwrap_or("no service"),
            m.count
        );
    }
    for r in &outcome.preview.rejected {
        println!(
            "  skipped line {}: {} [{}]",
            r.line,
            r.reason.message(),
            r.reason.code()
        );
    }
    Ok(())
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_owned(), |p| format!("{p:.1}%"))
}

fn print_table(r: &Report) {
    println!("Months of records: {}", r.months_of_records);
    for s in &r.services {
        println!("\n{}", s.service);
        for (p, t) in &s.targets {
            println!(
                "  {} target: response {}, resolution {} ({})",
                p.as_str(),
                t.response_min.map_or("–".into(), |m| format!("{m} min")),
                t.resolution_min.map_or("–".into(), |m| format!("{m} min")),
                t.clock.as_str()
            );
        }
        println!(
            "  {:<8} {:>9} {:>9} {:>9} {:>8} {:>9} {:>7} {:>6} {:>9} {:>13}",
            "month",
            "incidents",
            "response",
            "resolved",
            "requests",
            "fulfilled",
            "changes",
            "failed",
            "emergency",
            "self-approved"
        );
        for m in &s.months {
            println!(
                "  {:<8} {:>9} {:>9} {:>9} {:>8} {:>9} {:>7} {:>6} {:>9} {:>13}",
                m.month,
                m.incidents,
                pct(m.incidents_response_met_pct),
                pct(m.incidents_resolution_met_pct),
                m.requests,
                pct(m.requests_fulfilled_met_pct),
                m.changes,
                m.changes_failed,
                m.changes_emergency,
                m.changes_self_approved
            );
        }
    }
}

fn report(a: ReportArgs) -> Result<(), Failure> {
    let from = a.from.as_deref().map(records::parse_month).transpose()?;
    let to = a.to.as_deref().map(records::parse_month).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Failure::usage(
            "error [bad_period]: --from must not be after --to.",
        ));
    }
    let project = open(&a.project)?;
    let r = records::report(project.conn(), project.clock().now(), from, to)?;
    project.close()?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(|e| Failure::usage(e.to_string()))?
        );
    } else {
        print_table(&r);
    }
    Ok(())
}

fn parse_days(text: &str) -> Result<Vec<u8>, Failure> {
    let bad = || {
        Failure::usage(format!(
            "error [bad_days]: --days {text:?} must list ISO day numbers, e.g. 1-5 or 1,2,3,4,5."
        ))
    };
    let mut days = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        if let Some((a, b)) = part.split_once('-') {
            let (a, b): (u8, u8) = (
                a.trim().parse().map_err(|_| bad())?,
                b.trim().parse().map_err(|_| bad())?,
            );
            if a > b {
                return Err(bad());
            }
            days.extend(a..=b);
        } else {
            days.push(part.parse().map_err(|_| bad())?);
        }
    }
    Ok(days)
}

fn hours(a: HoursArgs) -> Result<(), Failure> {
    let hours = BusinessHours {
        days: parse_days(&a.days)?,
        start: a.start,
        end: a.end,
        time_zone: a.tz,
    };
    let mut project = open(&a.project)?;
    records::set_business_hours(&mut project, &hours)?;
    project.close()?;
    println!(
        "Business hours: days {:?}, {}–{}, {}.",
        hours.days, hours.start, hours.end, hours.time_zone
    );
    Ok(())
}

fn convert_sla(a: ProjectArg) -> Result<(), Failure> {
    let mut project = open(&a.project)?;
    let services = records::list_service_levels(project.conn())?;
    for (id, name, _) in services {
        let parsed = records::convert_sla_text(&mut project, id)?;
        println!("{name}:");
        for c in &parsed.converted {
            println!("  converted: {c}");
        }
        if !parsed.levels.note.is_empty() {
            println!("  kept as a note: {}", parsed.levels.note);
        }
    }
    project.close()?;
    Ok(())
}
