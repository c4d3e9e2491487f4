//! `ready20k-cli`: headless Ready20k for consultants, scripts, CI and benchmarks.
//!
//! Exit codes: 0 success, 1 a check that found problems, 2 bad input or an error
//! (message on stderr; no file is left half-written).

mod calendar_cmd;
mod content_cmd;
mod demo_cmd;
mod docs_cmd;
mod dossier_cmd;
mod export_cmd;
mod import_cmd;
mod project_cmd;
mod records_cmd;
mod scorecard_cmd;
mod service_report_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc: the dossier and the record imports allocate many small, short-lived values
/// (layout lines, PDF operations), where the system allocator spent about a quarter of the
/// dossier's time in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Ready20k: ISO/IEC 20000-1:2018 readiness, from the command line.
#[derive(Debug, Parser)]
#[command(name = "ready20k-cli", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty project file for a firm.
    New(project_cmd::NewArgs),
    /// Show a project's schema version, firm name and row counts.
    Info(project_cmd::InfoArgs),
    /// Print (--json) or check (--check) the embedded ISO/IEC 20000-1 content library.
    Content(content_cmd::ContentArgs),
    /// Print a project's readiness scorecard: overall, per clause, Stage 1 and 2 verdicts.
    Scorecard(scorecard_cmd::ScorecardArgs),
    /// Export a project as one JSON file (the versioned project snapshot).
    Export(export_cmd::ExportArgs),
    /// Create a new project file from an exported JSON file (validated completely first).
    Import(import_cmd::ImportArgs),
    /// Create the sample project "Northwind Managed IT Ltd".
    Demo(demo_cmd::DemoArgs),
    /// Print a project's certification dossier (PDF): full pack, stage 1 pack or summary.
    Dossier(dossier_cmd::DossierArgs),
    /// Write every approved document as a file to hand over: Word (.docx, the default),
    /// PDF or Markdown, with its document-control facts.
    Docs(docs_cmd::DocsArgs),
    /// The SMS calendar: every recurring duty with owner, due date and status (--json), or an
    /// iCalendar file for the user's own calendar (--ics -o FILE).
    Calendar(calendar_cmd::CalendarArgs),
    /// Operating records: import ticket/change exports, business hours, SLA report.
    Records(records_cmd::RecordsArgs),
}

/// A failure the CLI reports: message to stderr and the given exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code: 1 for failed checks, 2 for bad input and errors.
    pub code: u8,
    /// What to print on stderr.
    pub message: String,
}

impl Failure {
    /// Bad input or an error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<ready20k_store::StoreError> for Failure {
    fn from(e: ready20k_store::StoreError) -> Self {
        Self::usage(format!("error [{}]: {e}", e.code()))
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::New(args) => project_cmd::new(args),
        Command::Info(args) => project_cmd::info(args),
        Command::Content(args) => content_cmd::content(args),
        Command::Scorecard(args) => scorecard_cmd::scorecard(args),
        Command::Dossier(args) => dossier_cmd::dossier(args),
        Command::Docs(args) => docs_cmd::docs(args),
        Command::Export(args) => export_cmd::export(args),
        Command::Import(args) => import_cmd::import_json(args),
        Command::Demo(args) => demo_cmd::demo(args),
        Command::Calendar(args) => calendar_cmd::calendar_cmd(args),
        Command::Records(args) => records_cmd::records(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}
