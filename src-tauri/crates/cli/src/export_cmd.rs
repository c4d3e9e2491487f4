//! `export`: a project file -> one JSON file (the versioned project snapshot).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::SystemClock;
use ready20k_store::Project;
use ready20k_store::snapshot::{CollectOptions, collect_with, to_json};

use crate::Failure;

/// Arguments of `ready20k-cli export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file to export.
    pub file: PathBuf,
    /// Where to write the JSON (`-` for standard output).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Include the change journal.
    #[arg(long)]
    pub journal: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Writes `bytes` to `dest` atomically (`ready20k_store::atomic`), so a failure leaves nothing
/// half-written.
fn write_atomically(dest: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    if dest.exists() && !force {
        return Err(Failure::usage(format!(
            "error [already_exists]: {} already exists; choose another name or pass --force",
            dest.display()
        )));
    }
    ready20k_store::atomic::write_file(dest, bytes)
        .map_err(|e| Failure::usage(format!("error [io]: cannot write {}: {e}", dest.display())))?;
    Ok(())
}

/// Exports a project as JSON.
pub fn export(args: ExportArgs) -> Result<(), Failure> {
    let project = Project::open(&args.file, Arc::new(SystemClock))?;
    let snap = collect_with(
        &project,
        CollectOptions {
            journal: args.journal,
        },
    )?;
    let bytes = to_json(&snap)?;
    project.close()?;
    if args.output.as_os_str() == "-" {
        std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| Failure::usage(format!("error [io]: {e}")))?;
    } else {
        write_atomically(&args.output, &bytes, args.force)?;
        eprintln!(
            "Exported {} to {}",
            args.file.display(),
            args.output.display()
        );
    }
    Ok(())
}
