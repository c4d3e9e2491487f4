//! Section 8: the evidence register, each item with its clauses and SHA-256 fingerprint.

use ready20k_domain::assessment::{Evidence, EvidenceKind, EvidenceStatus, evidence_status};

use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{opt_date, or_dash, p, plural, sec, short_date};
use crate::model::{Cell, Run, Section};

/// The register's description of an evidence item (title, what it is, whether it expired or
/// is due for review) and its fingerprint (empty for a described location).
fn describe(f: &Facts<'_>, e: &Evidence) -> (Vec<Run>, String) {
    let mut name = vec![Run::plain(e.title.trim().to_owned())];
    let (hash, extra) = match e.kind {
        EvidenceKind::File => (
            e.sha256.clone().unwrap_or_default(),
            e.file_name.clone().map(|n| format!("File {n}")),
        ),
        EvidenceKind::Document => {
            let v = e.document_id.as_deref().and_then(|k| {
                f.snap
                    .documents
                    .iter()
                    .find(|d| d.doc_key == k)
                    .and_then(|d| d.versions.iter().find(|v| Some(v.id) == e.document_version))
            });
            (
                v.map(|v| v.sha256.clone()).unwrap_or_default(),
                Some(match (e.document_id.as_deref(), v) {
                    (Some(k), Some(v)) => format!("Document {k} v{}.{}", v.major, v.minor),
                    (Some(k), None) => format!("Document {k}"),
                    _ => "Document".to_owned(),
                }),
            )
        }
        EvidenceKind::Location => (
            String::new(),
            e.location.clone().map(|l| format!("Kept at: {l}")),
        ),
    };
    if let Some(x) = extra {
        name.push(Run::italic(format!(" — {}", x.trim())));
    }
    match evidence_status(e, f.opts.date) {
        EvidenceStatus::Expired => name.push(Run::bold(format!(
            " (expired {})",
            opt_date(e.expires_on.as_deref())
        ))),
        EvidenceStatus::ReviewDue => name.push(Run::bold(format!(
            " (review due {})",
            opt_date(e.review_on.as_deref())
        ))),
        EvidenceStatus::Current => {}
    }
    (name, hash)
}

/// Section 8.
pub(super) fn evidence(f: &Facts<'_>) -> Section {
    let mut blocks = vec![p(
        "Evidence is stored inside the project file with its SHA-256 fingerprint, computed when \
         it was added. An auditor can verify any copy they receive by computing its hash and \
         comparing it with the register. Approved documents are listed with the fingerprint of \
         the approved version; described locations have no file.",
    )];
    if f.evidence.is_empty() {
        blocks.push(p("No evidence has been recorded yet."));
    } else {
        let items = f.evidence.iter().map(|e| {
            let (name, hash) = describe(f, e);
            (e, name, hash)
        });
        blocks.push(
            rows(items)
                .col("ID", 0.65, |(e, ..)| Cell::mono(format!("E-{:03}", e.id)))
                .col("Evidence", 2.6, |(_, name, _)| Cell::runs(name.clone()))
                .col("Clause", 0.8, |(e, ..)| {
                    Cell::text(or_dash(&f.evidence_clauses(e).join(", ")))
                })
                .col("SHA-256", 2.7, |(.., hash)| {
                    if hash.is_empty() {
                        Cell::text("—")
                    } else {
                        Cell::mono(hash.clone())
                    }
                })
                .col("Added", 1.0, |(e, ..)| Cell::text(short_date(&e.added_at)))
                .compact()
                .caption(format!(
                    "Evidence register ({})",
                    plural(f.evidence.len(), "item", "items")
                )),
        );
    }
    sec("Evidence register", blocks, Vec::new())
}
