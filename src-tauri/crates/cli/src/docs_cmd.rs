//! `docs`: write every approved document of a project as a Word, PDF or Markdown file.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use ready20k_domain::documents::export::DocFormat;
use ready20k_dossier::build::approved_documents;
use ready20k_dossier::export;

use crate::Failure;
use crate::dossier_cmd::{date_arg, load, write_atomically};

/// Parses `--format` into the one format type.
fn format_parser() -> impl TypedValueParser<Value = DocFormat> {
    PossibleValuesParser::new(DocFormat::ALL.map(|f| {
        PossibleValue::new(f.as_str()).help(match f {
            DocFormat::Docx => "Word document, to edit in Word or LibreOffice",
            DocFormat::Pdf => "PDF laid out like the dossier",
            DocFormat::Md => "Markdown: the approved text under a document-control table",
        })
    }))
    .try_map(|s| DocFormat::parse(&s).ok_or("unknown format"))
}

/// Arguments of `ready20k-cli docs`.
#[derive(Debug, Args)]
#[command(
    after_help = "Writes one file per approved policy, plan and procedure, named \
    \"<DOC-ID> <Title> v<version>.<ext>\", each with its document-control facts (version, \
    owner, approval, next review). Files are written to a temporary file and renamed into \
    place; existing files of the same name are replaced."
)]
pub struct DocsArgs {
    /// Project file (.r20k) or a project export (.json, from `ready20k-cli export`).
    pub file: PathBuf,
    /// Folder to write the files to (created when missing).
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,
    /// File format.
    #[arg(long, value_parser = format_parser(), default_value = "docx")]
    pub format: DocFormat,
    /// Only this document (its id, e.g. DOC-SMS-POLICY).
    #[arg(long, value_name = "DOC-ID")]
    pub only: Option<String>,
    /// "Today" for the document register (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

/// Writes the approved documents.
pub fn docs(args: DocsArgs) -> Result<(), Failure> {
    let date = date_arg(args.date.as_deref())?;
    if args.out.exists() && !args.out.is_dir() {
        return Err(Failure::usage(format!(
            "error [not_a_folder]: {} exists and is not a folder; -o takes the folder to \
             write the documents to",
            args.out.display()
        )));
    }
    let library = ready20k_domain::content::try_library()
        .map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    let snap = load(&args.file)?;
    let mut docs = approved_documents(&snap, library, date);
    if let Some(only) = args.only.as_deref().map(str::trim) {
        docs.retain(|d| d.key.eq_ignore_ascii_case(only));
        if docs.is_empty() {
            return Err(Failure::usage(format!(
                "error [not_approved]: {} has no approved document {only}",
                args.file.display()
            )));
        }
    }
    if docs.is_empty() {
        return Err(Failure::usage(format!(
            "error [no_approved_documents]: {} has no approved document yet; approve one in \
             the Policies screen first",
            args.file.display()
        )));
    }
    fs::create_dir_all(&args.out).map_err(|e| {
        Failure::usage(format!(
            "error [write_failed]: cannot create {}: {e}",
            args.out.display()
        ))
    })?;
    let started = Instant::now();
    let mut total = 0usize;
    for doc in &docs {
        let file = export::export(doc, args.format)
            .map_err(|e| Failure::usage(format!("error [{}]: {}: {e}", e.code(), doc.key)))?;
        let path = args.out.join(&file.file_name);
        write_atomically(&path, &file.bytes)?;
        total += file.bytes.len();
        println!("Wrote {} ({} bytes)", path.display(), file.bytes.len());
    }
    println!(
        "{} approved document{} as .{} in {}: {total} bytes in {} ms",
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        args.format.as_str(),
        args.out.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}
