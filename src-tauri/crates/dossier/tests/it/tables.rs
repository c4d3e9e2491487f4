//! Tables across pages: kept together or split with at least three rows on each side and
//! the caption with the last rows; identifiers never broken; wide tables on landscape pages;
//! no contents page for a single chapter.

use ready20k_dossier::layout::{self, Document};
use ready20k_dossier::model::{Block, Cell, Column, Paragraph, Table};
use ready20k_dossier::render;

use crate::layout::tiny;
use crate::{texts, tool};

fn table(rows: usize, cols: usize, caption: &str) -> Block {
    let mut columns = vec![Column::new("Id", 0.4)];
    columns.extend((1..cols).map(|c| Column::new(format!("Column {c}"), 1.0)));
    Block::Table(Table {
        columns,
        rows: (0..rows)
            .map(|r| {
                let mut row = vec![Cell::text(format!("SVC-{r:02}"))];
                row.extend((1..cols).map(|c| Cell::text(format!("r{r}c{c}"))));
                row
            })
            .collect(),
        caption: Some(caption.into()),
        compact: cols > 6,
    })
}

/// Pages (0-based) on which each text occurs.
fn pages_of(doc: &Document, text: &str) -> Vec<usize> {
    (0..doc.pages.len())
        .filter(|&i| texts(&doc.pages[i]).any(|t| t.text == text))
        .collect()
}

#[test]
fn split_tables_keep_three_rows_on_each_side_and_the_caption_with_the_last() {
    let n = 14;
    for filler in 0..45 {
        let mut blocks: Vec<Block> = (0..filler)
            .map(|i| Block::Paragraph(Paragraph::plain(format!("Filler line {i}."))))
            .collect();
        blocks.push(table(n, 4, "Captioned"));
        let doc = layout::layout(&tiny(blocks)).unwrap();
        let row_page: Vec<usize> = (0..n)
            .map(|r| pages_of(&doc, &format!("r{r}c1"))[0])
            .collect();
        let first = row_page[0];
        let on_first = row_page.iter().filter(|p| **p == first).count();
        assert!(
            on_first == n || (on_first >= 3 && n - on_first >= 3),
            "filler {filler}: {row_page:?}"
        );
        let caption = pages_of(&doc, "Captioned");
        assert_eq!(
            caption,
            vec![row_page[n - 1]],
            "filler {filler}: caption alone"
        );
    }
}

#[test]
fn identifiers_are_not_broken_inside_a_narrow_column() {
    let doc = layout::layout(&tiny(vec![table(3, 6, "Ids")])).unwrap();
    for r in 0..3 {
        assert!(
            !pages_of(&doc, &format!("SVC-{r:02}")).is_empty(),
            "SVC-{r:02} broken"
        );
    }
}

#[test]
fn a_wide_table_gets_a_landscape_page_and_the_text_after_it_a_portrait_one() {
    let before = Block::Paragraph(Paragraph::plain("Before"));
    let after = Block::Paragraph(Paragraph::plain("After"));
    let d = tiny(vec![before, table(20, 10, "Wide"), after]);
    let doc = layout::layout(&d).unwrap();
    let wide = pages_of(&doc, "r0c9");
    assert_eq!(wide.len(), 1, "one table, no part 2");
    assert!(doc.pages[wide[0]].landscape);
    assert!(!doc.pages[pages_of(&doc, "Before")[0]].landscape);
    let after = pages_of(&doc, "After")[0];
    assert!(after > wide[0] && !doc.pages[after].landscape);
    // The PDF page is turned, and its text is on the page.
    let r = render(&d).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.pdf");
    std::fs::write(&path, &r.pdf).unwrap();
    let p = path.to_str().unwrap();
    let n = (wide[0] + 1).to_string();
    let info = tool("pdfinfo", &["-f", &n, "-l", &n, p]);
    assert!(info.contains("841.89 x 595.276"), "{info}");
    let text = tool("pdftotext", &["-f", &n, "-l", &n, p, "-"]);
    assert!(text.contains("r19c9") && text.contains("Wide"), "{text}");
}

#[test]
fn a_single_chapter_has_no_contents_page() {
    let doc = layout::layout(&tiny(vec![Block::Paragraph(Paragraph::plain("Hi."))])).unwrap();
    assert!(!doc.section_pages.contains_key("toc"));
    assert!(doc.outline.iter().all(|e| e.title != "Contents"));
    assert_eq!(doc.pages.len(), 2, "cover and the chapter");
}
