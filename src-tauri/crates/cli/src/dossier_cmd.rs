//! `dossier`: print a project's certification dossier as PDF.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use ready20k_domain::clock::{Clock, SystemClock};
use ready20k_domain::dossier::DossierPack;
use ready20k_dossier::build::{DossierOptions, build};
use ready20k_store::Project;
use ready20k_store::snapshot::{self, ProjectSnapshot};

use crate::Failure;

/// Parses `--pack` into the one pack type; `--help` lists each id with what it holds.
fn pack_parser() -> impl TypedValueParser<Value = DossierPack> {
    PossibleValuesParser::new(
        DossierPack::ALL.map(|p| PossibleValue::new(p.as_str()).help(p.description())),
    )
    .try_map(|s| DossierPack::parse(&s).ok_or("unknown pack"))
}

/// Arguments of `ready20k-cli dossier`.
#[derive(Debug, Args)]
#[command(
    after_help = "The same project and the same --date give a byte-identical PDF. \
    The file is written to a temporary file beside the output and renamed into place, so \
    an existing output is never left half-written."
)]
pub struct DossierArgs {
    /// Project file (.r20k) or a project export (.json, from `ready20k-cli export`).
    pub file: PathBuf,
    /// Where to write the PDF.
    #[arg(short, long, value_name = "OUT.pdf")]
    pub out: PathBuf,
    /// The dossier's date (YYYY-MM-DD): "today" for every status and the date on the cover.
    /// Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Which pack to print.
    #[arg(long, value_parser = pack_parser(), default_value = "full")]
    pub pack: DossierPack,
    /// Dossier version printed on the cover (default: the date as YYYY.MM.DD).
    #[arg(long, value_name = "TEXT")]
    pub version: Option<String>,
}

/// Reads the project: a JSON export or a project file.
pub(crate) fn load(path: &Path) -> Result<ProjectSnapshot, Failure> {
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let bytes = fs::read(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Failure::usage(format!(
                "{} is not a Ready20k project export: {e}",
                path.display()
            ))
        })
    } else {
        let project = Project::open(path, Arc::new(SystemClock))?;
        let snap = snapshot::collect(&project)?;
        project.close()?;
        Ok(snap)
    }
}

/// Writes `bytes` to `out` atomically (see `ready20k_store::atomic`).
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Failure> {
    ready20k_store::atomic::write_file(out, bytes)
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", out.display())))
}

/// The `--date` argument (YYYY-MM-DD), or today.
pub(crate) fn date_arg(date: Option<&str>) -> Result<chrono::NaiveDate, Failure> {
    match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Failure::usage(format!(
                "--date must be a date like 2026-03-12; got \"{d}\""
            ))
        }),
        None => Ok(SystemClock.now().date_naive()),
    }
}

/// Builds, renders and writes the dossier.
pub fn dossier(args: DossierArgs) -> Result<(), Failure> {
    let date = date_arg(args.date.as_deref())?;
    let library = ready20k_domain::content::try_library()
        .map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    let snap = load(&args.file)?;
    let opts = DossierOptions {
        date,
        pack: args.pack,
        version: args.version,
    };
    let model = build(&snap, library, &opts);
    let rendered = ready20k_dossier::render(&model)
        .map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    write_atomically(&args.out, &rendered.pdf)?;
    println!(
        "Wrote {}: {} pages, {} bytes{}",
        args.out.display(),
        rendered.pages,
        rendered.pdf.len(),
        if model.watermark.is_some() {
            " (DRAFT: some required documents are not approved)"
        } else {
            ""
        }
    );
    if !rendered.missing_glyphs.is_empty() {
        let chars: String = rendered.missing_glyphs.iter().take(40).collect();
        eprintln!(
            "warning: {} characters have no glyph in the embedded or installed fonts and were \
             printed as '?': {chars}\n  fonts that cover them: apt-get install {}",
            rendered.substitutions,
            rendered.font_packages.join(" ")
        );
    }
    Ok(())
}
