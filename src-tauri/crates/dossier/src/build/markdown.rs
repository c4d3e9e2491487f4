//! The documents module's neutral Markdown blocks as dossier model blocks.
//!
//! The mapping keeps the reading order and the emphasis; what the model cannot express is
//! flattened rather than dropped: nested lists become items marked with a dash, block quotes
//! become notes, code blocks become monospaced lines and links print their target after the
//! text (a printed page cannot be clicked).

use ready20k_domain::documents::markdown::{self as md, Block as MdBlock, Run as MdRun};

use crate::model::{Block, Callout, CalloutKind, Cell, Column, Paragraph, Run, Table};

/// Longest cell or paragraph text kept for a table cell (the rest is summarised).
const MAX_CELL_CHARS: usize = 4_000;

/// Converts a document body. `title` is the document title: a first heading that repeats it
/// is left out (the dossier prints the title itself).
pub fn blocks(markdown: &str, title: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for b in &body_blocks(markdown, title) {
        convert(b, &mut out);
    }
    out
}

/// The Markdown blocks of a document body without a first heading that repeats `title`
/// (every export prints the title itself).
pub(crate) fn body_blocks(markdown: &str, title: &str) -> Vec<MdBlock> {
    let mut parsed = md::to_blocks(markdown);
    if let Some(MdBlock::Heading { runs, .. }) = parsed.first()
        && same_title(&md::runs_text(runs), title)
    {
        parsed.remove(0);
    }
    parsed
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && (a == b || a.starts_with(&b) || b.starts_with(&a))
}

/// The model runs of Markdown runs.
fn runs(src: &[MdRun]) -> Vec<Run> {
    let mut out = Vec::with_capacity(src.len());
    for r in src {
        let text = if r.text == "\n" {
            " ".to_owned()
        } else {
            r.text.clone()
        };
        out.push(Run {
            text,
            bold: r.bold,
            italic: r.italic || r.placeholder,
            mono: r.code,
        });
        if let Some(link) = &r.link
            && !link.starts_with('#')
            && link.trim() != r.text.trim()
        {
            out.push(Run {
                text: format!(" ({link})"),
                mono: false,
                bold: false,
                italic: false,
            });
        }
    }
    // Merge neighbours with the same style (fewer, longer runs wrap and render faster).
    let mut merged: Vec<Run> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if last.bold == r.bold && last.italic == r.italic && last.mono == r.mono => {
                last.text.push_str(&r.text);
            }
            _ => merged.push(r),
        }
    }
    merged
}

fn paragraph(src: &[MdRun]) -> Paragraph {
    Paragraph::from_runs(runs(src))
}

/// The text of a block, for places that only take a paragraph (list items, table cells).
fn flat_paragraph(blocks: &[MdBlock]) -> Paragraph {
    let mut out: Vec<Run> = Vec::new();
    for b in blocks {
        let rs = match b {
            MdBlock::Heading { runs: r, .. } | MdBlock::Paragraph { runs: r } => runs(r),
            MdBlock::Code { text } => vec![Run::mono(text.clone())],
            MdBlock::Quote { blocks } => flat_paragraph(blocks).runs,
            MdBlock::List { .. } | MdBlock::Table { .. } | MdBlock::Rule => Vec::new(),
        };
        if rs.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Run::plain(" "));
        }
        out.extend(rs);
    }
    Paragraph::from_runs(out)
}

fn list_items(items: &[Vec<MdBlock>], depth: usize, out: &mut Vec<Paragraph>) {
    for item in items {
        let (lists, rest): (Vec<&MdBlock>, Vec<&MdBlock>) =
            item.iter().partition(|b| matches!(b, MdBlock::List { .. }));
        let rest: Vec<MdBlock> = rest.into_iter().cloned().collect();
        let mut p = flat_paragraph(&rest);
        if depth > 0 {
            p.runs
                .insert(0, Run::plain(format!("{}– ", "   ".repeat(depth - 1))));
        }
        if !p.text().trim().is_empty() {
            out.push(p);
        }
        for l in lists {
            if let MdBlock::List { items, .. } = l {
                list_items(items, depth + 1, out);
            }
        }
    }
}

fn cell(src: &[MdRun]) -> Cell {
    let mut rs = runs(src);
    let len: usize = rs.iter().map(|r| r.text.chars().count()).sum();
    if len > MAX_CELL_CHARS {
        let mut kept = 0;
        for r in &mut rs {
            let n = r.text.chars().count();
            if kept + n > MAX_CELL_CHARS {
                r.text = r.text.chars().take(MAX_CELL_CHARS - kept).collect();
                r.text.push('…');
                kept = MAX_CELL_CHARS;
            } else {
                kept += n;
            }
        }
        rs.retain(|r| !r.text.is_empty());
    }
    Cell::runs(rs)
}

fn convert(b: &MdBlock, out: &mut Vec<Block>) {
    match b {
        MdBlock::Heading { runs: r, .. } => {
            let text = md::runs_text(r).trim().to_owned();
            if !text.is_empty() {
                out.push(Block::Heading { text, level: 3 });
            }
        }
        MdBlock::Paragraph { runs: r } => {
            let p = paragraph(r);
            if !p.text().trim().is_empty() {
                out.push(Block::Paragraph(p));
            }
        }
        MdBlock::List { start, items } => {
            let mut paras = Vec::new();
            list_items(items, 0, &mut paras);
            if !paras.is_empty() {
                out.push(Block::BulletList {
                    ordered: start.is_some(),
                    items: paras,
                });
            }
        }
        MdBlock::Table { header, rows } => {
            let ncols = header
                .len()
                .max(rows.iter().map(Vec::len).max().unwrap_or(0));
            if ncols == 0 {
                return;
            }
            // Relative widths from the longest text in each column (bounded).
            let mut widths = vec![4.0f32; ncols];
            for row in std::iter::once(header).chain(rows.iter()) {
                for (i, c) in row.iter().enumerate() {
                    let n = md::runs_text(c).chars().count() as f32;
                    widths[i] = widths[i].max(n.clamp(4.0, 60.0));
                }
            }
            let columns = (0..ncols)
                .map(|i| {
                    let h = header.get(i).map(|c| md::runs_text(c)).unwrap_or_default();
                    Column::new(h, widths[i])
                })
                .collect();
            let rows = rows
                .iter()
                .map(|r| {
                    (0..ncols)
                        .map(|i| r.get(i).map(|c| cell(c)).unwrap_or_default())
                        .collect()
                })
                .collect();
            out.push(Block::Table(Table {
                columns,
                rows,
                caption: None,
                compact: ncols > 4,
            }));
        }
        MdBlock::Code { text } => {
            for line in text.lines() {
                out.push(Block::Paragraph(Paragraph::from_runs(vec![Run::mono(
                    if line.is_empty() { " " } else { line },
                )])));
            }
        }
        MdBlock::Quote { blocks } => {
            let mut body = Vec::new();
            for b in blocks {
                let p = flat_paragraph(std::slice::from_ref(b));
                if !p.text().trim().is_empty() {
                    body.push(p);
                }
            }
            if !body.is_empty() {
                out.push(Block::Callout(Callout {
                    kind: CalloutKind::Note,
                    title: None,
                    body,
                }));
            }
        }
        MdBlock::Rule => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn title_heading_is_dropped_and_structure_kept() {
        let b = blocks(
            "# Change policy\n\nIntro **bold** and `code`.\n\n## Scope\n\n- a\n  - nested\n- b\n\n\
             | A | B |\n|---|---|\n| 1 | 2 |\n\n> quoted\n",
            "Change policy",
        );
        assert!(matches!(&b[0], Block::Paragraph(p) if p.text() == "Intro bold and code."));
        assert!(matches!(&b[1], Block::Heading { text, level: 3 } if text == "Scope"));
        match &b[2] {
            Block::BulletList { ordered, items } => {
                assert!(!ordered);
                let texts: Vec<String> = items.iter().map(Paragraph::text).collect();
                assert_eq!(texts, vec!["a", "– nested", "b"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&b[3], Block::Table(t) if t.columns.len() == 2 && t.rows.len() == 1));
        assert!(matches!(&b[4], Block::Callout(_)));
    }

    #[test]
    fn links_print_their_target() {
        let b = blocks("See [the site](https://example.org).", "x");
        assert!(
            matches!(&b[0], Block::Paragraph(p) if p.text() == "See the site (https://example.org).")
        );
    }
}
