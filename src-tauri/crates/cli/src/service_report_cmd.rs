//! `records service-report`: the monthly service report of one service as a PDF, made by the
//! dossier engine from the project's operating records.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::{Clock, SystemClock};
use ready20k_dossier::build::{ServiceReportOptions, service_report};
use ready20k_store::Project;
use ready20k_store::snapshot;

use crate::Failure;

/// Arguments of `ready20k-cli records service-report`.
#[derive(Debug, Args)]
#[command(
    after_help = "The same project, service, month and --date give a byte-identical PDF. \
    The file is written to a temporary file beside the output and renamed into place."
)]
pub struct ServiceReportArgs {
    /// The project file.
    project: PathBuf,
    /// The catalogue service (its name, case-insensitive).
    #[arg(long)]
    service: String,
    /// The month reported on, YYYY-MM.
    #[arg(long)]
    month: String,
    /// Where to write the PDF.
    #[arg(short, long, value_name = "OUT.pdf")]
    out: PathBuf,
    /// The report's date (YYYY-MM-DD); records still open are measured up to it. Default:
    /// today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
}

/// Builds, renders and writes the report.
pub fn service_report_cmd(a: ServiceReportArgs) -> Result<(), Failure> {
    let date = match a.date.as_deref() {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::usage(format!(
                "error [bad_date]: --date must be a date like 2026-03-31; got \"{d}\""
            ))
        })?,
        None => SystemClock.now().date_naive(),
    };
    let project = Project::open(&a.project, Arc::new(SystemClock))?;
    let snap = snapshot::collect(&project)?;
    project.close()?;
    let opts = ServiceReportOptions {
        service: a.service,
        month: a.month,
        date,
    };
    let model = service_report(&snap, &opts)
        .map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    let rendered = ready20k_dossier::render(&model)
        .map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    ready20k_store::atomic::write_file(&a.out, &rendered.pdf).map_err(|e| {
        Failure::usage(format!("error [io]: cannot write {}: {e}", a.out.display()))
    })?;
    println!(
        "Wrote {}: {} pages, {} bytes",
        a.out.display(),
        rendered.pages,
        rendered.pdf.len()
    );
    Ok(())
}
