//! `ready20k-cli`: headless Ready20k for consultants, scripts, CI and benchmarks.
//!
//! Exit codes: 0 success, 1 a check that found problems, 2 bad input or an error
//! (message on stderr; no file is left half-written).

mod content_cmd;
mod project_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}
