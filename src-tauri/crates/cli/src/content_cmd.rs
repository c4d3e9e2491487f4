//! `content`: print or check the embedded ISO/IEC 20000-1:2018 content library.

use clap::Args;
use ready20k_domain::content::{self, Library, ProblemKind, Severity};

use crate::Failure;

/// Arguments of `ready20k-cli content`.
#[derive(Debug, Args)]
pub struct ContentArgs {
    /// Print the whole library as one JSON object.
    #[arg(long, conflicts_with = "check")]
    pub json: bool,
    /// Validate the library; exit 1 and list every problem on stderr if any.
    #[arg(long)]
    pub check: bool,
}

/// Prints the library (`--json`), validates it (`--check`) or prints a summary.
pub fn content(args: ContentArgs) -> Result<(), Failure> {
    let lib =
        content::try_library().map_err(|e| Failure::usage(format!("error [{}]: {e}", e.code())))?;
    if args.json {
        let text = serde_json::to_string_pretty(lib).map_err(|e| Failure::usage(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if args.check {
        let problems = content::validate(lib);
        if problems.is_empty() {
            println!("content ok: {}", summary(lib));
            return Ok(());
        }
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {p}", kind_label(p.kind)))
            .collect();
        return Err(Failure {
            code: 1,
            message: format!(
                "{}\ncontent check failed: {} problem(s)",
                lines.join("\n"),
                problems.len()
            ),
        });
    }
    println!("{}", summary(lib));
    Ok(())
}

fn kind_label(kind: ProblemKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// One line with the counts per part of the library.
fn summary(lib: &Library) -> String {
    let required = lib.documents.iter().filter(|d| d.required).count();
    let sev = |s: Severity| lib.sod_rules.iter().filter(|r| r.severity == s).count();
    format!(
        "{} clauses, {} documents ({} required, {} recommended), {} roles, {} SoD rules \
         ({} block, {} warn, {} info), {} questions, {} templates, {} clause map and {} \
         standard map entries",
        lib.clauses.len(),
        lib.documents.len(),
        required,
        lib.documents.len() - required,
        lib.roles.len(),
        lib.sod_rules.len(),
        sev(Severity::Block),
        sev(Severity::Warn),
        sev(Severity::Info),
        lib.questions.len(),
        lib.templates.len(),
        lib.crosswalks.clause_map.len(),
        lib.crosswalks.standard_map.len(),
    )
}
