//! Markdown output: the title, a document-control table and the approved text as written.

use crate::build::ApprovedDocument;

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The Markdown file of `doc`.
pub fn write(doc: &ApprovedDocument) -> String {
    let mut out = format!("# {}\n\n", cell(&doc.title));
    out.push_str(&format!(
        "*{} · {} · version {}*\n\n",
        cell(&doc.firm),
        doc.key,
        doc.version
    ));
    out.push_str("| Document control | |\n|---|---|\n");
    for (k, v) in &doc.control {
        out.push_str(&format!("| {} | {} |\n", cell(k), cell(v)));
    }
    out.push('\n');
    if let Some(note) = &doc.file_note {
        out.push_str(note);
        out.push('\n');
        return out;
    }
    // The text itself, without a first heading that repeats the title (printed above).
    let body = doc.body.trim_start();
    let body = match body.split_once('\n') {
        Some((first, rest)) if first.starts_with('#') && doc.blocks().len() < body_len(body) => {
            rest.trim_start()
        }
        _ => body,
    };
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

fn body_len(body: &str) -> usize {
    ready20k_domain::documents::markdown::to_blocks(body).len()
}
