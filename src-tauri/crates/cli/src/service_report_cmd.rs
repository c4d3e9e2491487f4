//! `records service-report`: the monthly service report of one service as a PDF, made by the
//! dossier engine from the project's operating records; with `--issue --by <person>` it is
//! also stored in the project as a record (8.3.3, 9.4) and linked as evidence.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::{Clock, SystemClock};
use ready20k_domain::records::ReportRequest;
use ready20k_dossier::build::{ServiceReportOptions, render_service_report, service_report};
use ready20k_store::records;
use ready20k_store::{Project, snapshot, wizard};

use crate::Failure;

/// Arguments of `ready20k-cli records service-report`.
#[derive(Debug, Args)]
#[command(
    after_help = "The same project, service, month and --date give a byte-identical PDF. \
    The file is written to a temporary file beside the output and renamed into place. \
    With --issue the report is stored in the project as the next version of its service \
    and month, and --out (optional then) receives the stored PDF."
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
    #[arg(short, long, value_name = "OUT.pdf", required_unless_present = "issue")]
    out: Option<PathBuf>,
    /// The report's date (YYYY-MM-DD); records still open are measured up to it. Default:
    /// today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Issue the report: store it in the project as a record, linked as evidence.
    #[arg(long, requires = "by")]
    issue: bool,
    /// Who issues it: a person's name (case-insensitive) or id.
    #[arg(long, value_name = "PERSON")]
    by: Option<String>,
}

fn failed(code: &str, message: impl std::fmt::Display) -> Failure {
    Failure::usage(format!("error [{code}]: {message}"))
}

/// The id of the current person named `who` (name, case-insensitive, or id).
fn person(project: &Project, who: &str) -> Result<i64, Failure> {
    let data = wizard::load(project.conn())?;
    let who = who.trim();
    data.people
        .iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(who) || p.id.to_string() == who)
        .map(|p| p.id)
        .ok_or_else(|| {
            let names: Vec<&str> = data.people.iter().map(|p| p.name.as_str()).collect();
            failed(
                "unknown_person",
                format!(
                    "--by {who:?} is not on the team; the people are: {}",
                    names.join(", ")
                ),
            )
        })
}

/// Builds, renders and writes the report; with `--issue`, stores it first.
pub fn service_report_cmd(a: ServiceReportArgs) -> Result<(), Failure> {
    let date = match a.date.as_deref() {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            failed(
                "bad_date",
                format!("--date must be a date like 2026-03-31; got \"{d}\""),
            )
        })?,
        None => SystemClock.now().date_naive(),
    };
    let mut project = Project::open(&a.project, Arc::new(SystemClock))?;
    let (pdf, pages) = if a.issue {
        let issued_by = person(&project, a.by.as_deref().unwrap_or_default())?;
        let req = ReportRequest {
            service: a.service,
            month: a.month,
            date,
            issued_by,
        };
        let issued = records::issue_service_report(&mut project, &req, &render_service_report)?;
        let (_, pdf) = records::service_report_pdf(project.conn(), issued.id)?;
        project.close()?;
        println!(
            "Issued the {} report for {} as v{} by {} (sha256 {})",
            issued.service, issued.month, issued.version, issued.issued_by_name, issued.sha256
        );
        (pdf, issued.pages as usize)
    } else {
        let snap = snapshot::collect(&project)?;
        project.close()?;
        let opts = ServiceReportOptions {
            service: a.service,
            month: a.month,
            date,
        };
        let model = service_report(&snap, &opts).map_err(|e| failed(e.code(), e))?;
        let rendered = ready20k_dossier::render(&model).map_err(|e| failed(e.code(), e))?;
        (rendered.pdf, rendered.pages)
    };
    if let Some(out) = &a.out {
        ready20k_store::atomic::write_file(out, &pdf)
            .map_err(|e| failed("io", format!("cannot write {}: {e}", out.display())))?;
        println!(
            "Wrote {}: {pages} pages, {} bytes",
            out.display(),
            pdf.len()
        );
    }
    Ok(())
}
