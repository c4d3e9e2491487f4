//! Integration tests of the dossier engine against the built-in sample.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use ready20k_dossier::layout::text::Metrics;
use ready20k_dossier::layout::{self, Document, FontKey, Prim, TextRun};
use ready20k_dossier::{render, sample};

fn laid_out() -> Document {
    layout::layout(&sample::sample()).unwrap()
}

fn texts(page: &layout::Page) -> impl Iterator<Item = &TextRun> {
    page.prims.iter().filter_map(|p| match p {
        Prim::Text(t) => Some(t),
        _ => None,
    })
}

#[test]
fn rendering_is_deterministic() {
    let d = sample::sample();
    let a = render(&d).unwrap();
    let b = render(&d).unwrap();
    assert!(a.pdf == b.pdf, "two renders of the same model differ");
    assert!(a.pdf.starts_with(b"%PDF-1.7"));
}

#[test]
fn page_count_and_outline_are_stable() {
    let doc = laid_out();
    // Golden values for the sample: update deliberately when the sample or styles change.
    assert_eq!(doc.pages.len(), 21);
    let top: Vec<&str> = doc
        .outline
        .iter()
        .filter(|e| e.depth == 0)
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        top,
        vec![
            "Document control",
            "Contents",
            "1 Scope statement and context",
            "2 Service catalogue",
            "3 Roles and responsibilities",
            "4 Approved policies",
            "5 Readiness scorecard",
            "6 Compliance matrix",
            "7 Action plan",
            "8 Evidence register",
            "Annex A Required documents checklist",
        ]
    );
    assert_eq!(doc.outline.len(), 19);
    assert!(
        doc.outline
            .iter()
            .any(|e| e.depth == 1 && e.title == "3.2 RACI matrix")
    );
    // Outline pages never go backwards.
    assert!(doc.outline.windows(2).all(|w| w[0].page <= w[1].page));
    let r = render(&sample::sample()).unwrap();
    assert_eq!(r.pages, 21);
}

#[test]
fn contents_links_point_at_existing_destinations() {
    let doc = laid_out();
    let links: Vec<_> = doc.pages.iter().flat_map(|p| p.links.iter()).collect();
    assert_eq!(links.len(), 17);
    for l in links {
        assert!(
            doc.dests.iter().any(|d| d.name == l.dest),
            "no destination {}",
            l.dest
        );
    }
    // The contents prints the pages the second pass found.
    let s6 = doc.section_pages.get("s6").copied().unwrap();
    let toc_page = doc.section_pages.get("toc").copied().unwrap();
    let printed: Vec<String> = texts(&doc.pages[toc_page])
        .map(|t| t.text.clone())
        .collect();
    assert!(printed.contains(&(s6 + 1).to_string()));
}

#[test]
fn no_text_leaves_the_printable_area() {
    let doc = laid_out();
    let m = Metrics::load().unwrap();
    let a = doc.printable;
    for (i, page) in doc.pages.iter().enumerate() {
        for t in texts(page) {
            let top = t.y - m.ascender(t.font) * t.size;
            let bottom = t.y - m.descender(t.font) * t.size;
            assert!(
                t.x >= a.x - 0.01 && t.x + t.width <= a.right() + 0.01,
                "page {} text {:?} outside horizontally",
                i + 1,
                t.text
            );
            assert!(
                top >= a.y - 0.01 && bottom <= a.bottom() + 0.01,
                "page {} text {:?} outside vertically",
                i + 1,
                t.text
            );
        }
        // Body text (not header or footer) stays within the body width too.
        for t in texts(page).filter(|t| t.y > doc.body.y && t.y < doc.body.bottom()) {
            assert!(
                t.x + t.width <= doc.body.right() + 0.5 || i == 0,
                "{:?}",
                t.text
            );
        }
    }
}

#[test]
fn long_tables_repeat_their_header() {
    let doc = laid_out();
    let pages_with_header: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| texts(p).any(|t| t.text == "Sub-clause" && t.font == FontKey::Bold))
        .map(|(i, _)| i)
        .collect();
    assert!(pages_with_header.len() >= 3, "{pages_with_header:?}");
    // On continuation pages the header is the first thing in the body.
    for &i in &pages_with_header[1..] {
        let first_body_text = texts(&doc.pages[i])
            .filter(|t| t.y > doc.body.y && t.y < doc.body.bottom())
            .map(|t| t.y)
            .fold(f32::MAX, f32::min);
        let header_y = texts(&doc.pages[i])
            .find(|t| t.text == "Sub-clause")
            .unwrap()
            .y;
        assert!((header_y - first_body_text).abs() < 0.01);
    }
    // Every one of the 62 requirement rows is printed exactly once.
    let rows = doc
        .pages
        .iter()
        .flat_map(texts)
        .filter(|t| t.font == FontKey::Bold && t.text == "8.5.1.3")
        .count();
    assert_eq!(rows, 1);
}

#[test]
fn very_long_words_are_broken_by_characters() {
    let doc = laid_out();
    let pieces: Vec<&TextRun> = doc
        .pages
        .iter()
        .flat_map(texts)
        .filter(|t| {
            t.font == FontKey::Mono
                && t.text.len() > 70
                && t.text.chars().all(|c| c.is_ascii_hexdigit())
        })
        .collect();
    let total: usize = pieces.iter().map(|t| t.text.len()).sum();
    assert!(total >= 4900, "{total}");
    assert!(pieces.len() >= 40);
    for t in pieces {
        assert!(t.width <= doc.body.w + 0.01);
    }
}

#[test]
fn missing_glyphs_are_reported_not_hidden() {
    let r = render(&sample::sample()).unwrap();
    for c in ['サ', '報', '认', '证'] {
        assert!(r.missing_glyphs.contains(&c), "{c} not reported");
    }
    assert!(
        !r.missing_glyphs
            .iter()
            .any(|c| "שירותחודשיΜηνιαίαЕжемесячный".contains(*c))
    );
    assert_eq!(r.substitutions, 21);
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is required for this test (make test installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sample_pdf_passes_qpdf_and_embeds_subset_fonts() {
    let r = render(&sample::sample()).unwrap();
    let dir = std::env::temp_dir().join(format!("r20k-dossier-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sample.pdf");
    std::fs::write(&path, &r.pdf).unwrap();
    let p = path.to_str().unwrap();

    let check = tool("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );

    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object id
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{row}");
    }

    let info = tool("pdfinfo", &[p]);
    assert!(
        info.contains("Title:           ISO/IEC 20000-1 Certification Dossier"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Priya Raman, Service Manager"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Thu Mar 12 00:00:00 2026"),
        "{info}"
    );
    assert!(info.contains("Pages:           21"), "{info}");

    let text = tool("pdftotext", &["-f", "3", "-l", "3", p, "-"]);
    assert!(
        text.contains("Contents") && text.contains("Compliance matrix"),
        "{text}"
    );

    let raw = String::from_utf8_lossy(&r.pdf);
    assert!(!raw.contains("GTS_PDFX"));
    std::fs::remove_dir_all(&dir).unwrap();
}
