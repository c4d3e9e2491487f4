//! `import`: a project JSON file -> a new project file, validated completely first.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use ready20k_domain::clock::SystemClock;
use ready20k_store::snapshot::{ImportErrors, import};

use crate::Failure;

/// Arguments of `ready20k-cli import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The JSON file written by `ready20k-cli export`.
    pub json: PathBuf,
    /// The project file to create (refuses to overwrite).
    pub file: PathBuf,
}

/// Imports a project JSON file into a new project file.
pub fn import_json(args: ImportArgs) -> Result<(), Failure> {
    let bytes = std::fs::read(&args.json).map_err(|e| {
        Failure::usage(format!(
            "error [io]: cannot read {}: {e}",
            args.json.display()
        ))
    })?;
    match import(&bytes, &args.file, Arc::new(SystemClock)) {
        Ok(project) => {
            let firm = project.firm_name()?;
            project.close()?;
            println!("Imported {firm} into {}", args.file.display());
            Ok(())
        }
        Err(ImportErrors::Invalid(list)) => {
            let mut message = format!(
                "error [invalid_import]: {} is not a valid Ready20k project; {} problem(s), \
                 nothing was written:",
                args.json.display(),
                list.len()
            );
            for p in &list {
                message.push_str(&format!("\n  {p}"));
            }
            Err(Failure::usage(message))
        }
        Err(ImportErrors::Store(e)) => Err(e.into()),
    }
}
