//! `demo`: writes the sample firm "Northwind Managed IT Ltd", with last month's service
//! reports issued (rendered by the dossier engine).

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::{Clock, FixedClock, SystemClock};
use ready20k_dossier::build::render_service_report;
use ready20k_store::demo::create_demo_with;

use crate::Failure;

/// Arguments of `ready20k-cli demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The project file to create (refuses to overwrite).
    pub file: PathBuf,
    /// Build the demo as of this date (`YYYY-MM-DD`) instead of today; the same date gives
    /// the same project.
    #[arg(long)]
    pub date: Option<String>,
}

/// Creates the demo project.
pub fn demo(args: DemoArgs) -> Result<(), Failure> {
    let clock: Arc<dyn Clock> = match &args.date {
        None => Arc::new(SystemClock),
        Some(d) => {
            let date = chrono_date(d).ok_or_else(|| {
                Failure::usage(format!("error [invalid]: --date {d:?} is not YYYY-MM-DD"))
            })?;
            Arc::new(date)
        }
    };
    let project = create_demo_with(&args.file, clock, Some(&render_service_report))?;
    let firm = project.firm_name()?;
    project.close()?;
    println!(
        "Created the demo project for {firm} in {}",
        args.file.display()
    );
    Ok(())
}

fn chrono_date(text: &str) -> Option<FixedClock> {
    let mut parts = text.trim().splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    FixedClock::at_date(y, m, d)
}
