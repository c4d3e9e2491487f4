//! `new` and `info`: create and inspect project files.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::SystemClock;
use ready20k_store::Project;

use crate::Failure;

/// Arguments of `ready20k-cli new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Path of the project file to create (refuses to overwrite).
    pub file: PathBuf,
    /// The firm's name.
    #[arg(long)]
    pub firm: String,
}

/// Arguments of `ready20k-cli info`.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Path of the project file.
    pub file: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Creates a project file.
pub fn new(args: NewArgs) -> Result<(), Failure> {
    let project = Project::create(&args.file, &args.firm, Arc::new(SystemClock))?;
    println!(
        "Created {} for {}",
        project.path().display(),
        project.firm_name()?
    );
    project.close()?;
    Ok(())
}

/// Prints a project's summary.
pub fn info(args: InfoArgs) -> Result<(), Failure> {
    let project = Project::open(&args.file, Arc::new(SystemClock))?;
    let info = project.info()?;
    if args.json {
        let text =
            serde_json::to_string_pretty(&info).map_err(|e| Failure::usage(e.to_string()))?;
        println!("{text}");
    } else {
        println!("File:           {}", info.path);
        println!("Firm:           {}", info.firm_name);
        println!("Schema version: {}", info.schema_version);
        println!("Created:        {}", info.created_at);
        for c in &info.counts {
            println!("  {:<24} {}", c.table, c.rows);
        }
    }
    project.close()?;
    Ok(())
}
