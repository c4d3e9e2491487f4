//! Layout behaviour: outline and contents, printable area, repeated table headers, long
//! words, missing glyphs, charts, running header and footer. On the demo project's full
//! dossier where its data exercises the behaviour, on small hand-made models otherwise.

use chrono::NaiveDate;
use ready20k_domain::content::ClauseKind;
use ready20k_dossier::build::Pack;
use ready20k_dossier::layout::text::Metrics;
use ready20k_dossier::layout::{self, Colour, Document, FontKey, Prim, TextRun, palette};
use ready20k_dossier::model::{
    BarChart, BarItem, Block, Cell, Column, Cover, Dossier, KeyValue, Meta, Paragraph, RadarChart,
    Run, Section, Table,
};
use ready20k_dossier::render;

use crate::{demo, texts, tool};

/// The demo project's full dossier and its layout.
fn demo_full() -> (Dossier, Document) {
    let m = demo::model(Pack::Full);
    let doc = layout::layout(&m).unwrap();
    (m, doc)
}

/// A one-section dossier around `blocks` (the section is `s1`, on the third page after the
/// cover and the contents).
pub fn tiny(blocks: Vec<Block>) -> Dossier {
    let date = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    Dossier {
        meta: Meta {
            title: "Layout test".into(),
            firm: "Test Firm Ltd".into(),
            version: "1.0".into(),
            date,
            author: "Tester".into(),
            subject: "Layout".into(),
        },
        cover: Cover {
            firm: "Test Firm Ltd".into(),
            scope_summary: "Testing the layout.".into(),
            version_line: "Version 1.0".into(),
            date_line: "12 March 2026".into(),
            verdict: Vec::new(),
            details: Vec::new(),
            labels: None,
        },
        front: Vec::new(),
        sections: vec![Section {
            id: "s1".into(),
            number: Some("1".into()),
            title: "Only section".into(),
            level: 1,
            blocks,
            subsections: Vec::new(),
        }],
        watermark: None,
    }
}

/// Text runs inside the body area (not the running header or footer).
fn body_texts(doc: &Document, page: usize) -> impl Iterator<Item = &TextRun> {
    let body = doc.page_body(page);
    texts(&doc.pages[page]).filter(move |t| t.y > body.y && t.y < body.bottom())
}

/// Pages whose body shows the header cell `header` of a table (bold white text).
fn pages_with_header(doc: &Document, pages: std::ops::Range<usize>, header: &str) -> Vec<usize> {
    pages
        .filter(|&i| {
            texts(&doc.pages[i])
                .any(|t| t.text == header && t.font == FontKey::Bold && t.colour == Colour::WHITE)
        })
        .collect()
}

/// On each of `pages` after the first, the header row is the first thing in the body.
fn header_comes_first(doc: &Document, pages: &[usize], header: &str) {
    for &i in &pages[1..] {
        let first = body_texts(doc, i).map(|t| t.y).fold(f32::MAX, f32::min);
        let header_y = texts(&doc.pages[i]).find(|t| t.text == header).unwrap().y;
        assert!(
            (header_y - first).abs() < 0.01,
            "page {}: header at {header_y}, first text at {first}",
            i + 1
        );
    }
}

fn count_sections(sections: &[Section]) -> usize {
    sections
        .iter()
        .map(|s| 1 + count_sections(&s.subsections))
        .sum()
}

fn heading(s: &Section) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    }
}

#[test]
fn outline_follows_the_sections_in_page_order() {
    let (m, doc) = demo_full();
    let top: Vec<&str> = doc
        .outline
        .iter()
        .filter(|e| e.depth == 0)
        .map(|e| e.title.as_str())
        .collect();
    let mut expected: Vec<String> = m.front.iter().map(heading).collect();
    expected.push("Contents".into());
    expected.extend(m.sections.iter().map(heading));
    assert_eq!(top, expected);
    // Every section at every level has one entry, plus the contents.
    assert_eq!(
        doc.outline.len(),
        count_sections(&m.front) + 1 + count_sections(&m.sections)
    );
    let raci = doc
        .outline
        .iter()
        .find(|e| e.title == "3.3 RACI matrix")
        .unwrap();
    assert_eq!(raci.depth, 1);
    // Outline pages never go backwards, and each entry has its destination.
    assert!(doc.outline.windows(2).all(|w| w[0].page <= w[1].page));
    for e in &doc.outline {
        assert!(doc.dests.iter().any(|d| d.page == e.page && d.y == e.y));
    }
    assert_eq!(render(&m).unwrap().pages, doc.pages.len());
}

#[test]
fn contents_links_every_chapter_and_subsection_to_the_page_it_prints() {
    let (m, doc) = demo_full();
    let toc = doc.section_pages["toc"];
    let links: Vec<_> = doc.pages.iter().flat_map(|p| p.links.iter()).collect();
    let listed = m.sections.len()
        + m.sections
            .iter()
            .map(|s| s.subsections.len())
            .sum::<usize>();
    assert_eq!(links.len(), listed);
    for (i, page) in doc.pages.iter().enumerate() {
        for l in &page.links {
            // Links only on the contents pages, each to an existing destination.
            assert!(
                i >= toc && i < doc.section_pages["s1"],
                "link on page {}",
                i + 1
            );
            let dest = doc.dests.iter().find(|d| d.name == l.dest).unwrap();
            // The right-most text of the linked line is the page the section starts on.
            let number = texts(page)
                .filter(|t| t.y >= l.area.y && t.y <= l.area.bottom())
                .max_by(|a, b| (a.x + a.width).total_cmp(&(b.x + b.width)))
                .unwrap();
            assert_eq!(number.text, (dest.page + 1).to_string(), "{}", l.dest);
            assert!((number.x + number.width - doc.body.right()).abs() < 0.01);
            assert_eq!(doc.section_pages[&l.dest], dest.page);
        }
    }
}

#[test]
fn no_text_leaves_the_printable_area() {
    let (_, doc) = demo_full();
    let m = Metrics::load().unwrap();
    for (i, page) in doc.pages.iter().enumerate() {
        let a = doc.page_printable(i);
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
        // Body text (not header or footer) stays within the body width too (the cover has
        // its own margins).
        for t in body_texts(&doc, i) {
            assert!(
                t.x + t.width <= doc.page_body(i).right() + 0.5 || i == 0,
                "{:?}",
                t.text
            );
        }
    }
}

#[test]
fn the_compliance_matrix_repeats_its_header_and_prints_each_requirement_once() {
    let (m, doc) = demo_full();
    let id = |title: &str| {
        m.sections
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.id.clone())
            .unwrap()
    };
    let first = doc.section_pages[&id("Compliance matrix")];
    let next = doc.section_pages[&id("Action plan and corrective actions")];
    let pages = pages_with_header(&doc, first..next, "Requirement");
    assert!(pages.len() >= 3, "{pages:?}");
    assert_eq!(pages, (pages[0]..next).collect::<Vec<_>>());
    header_comes_first(&doc, &pages, "Requirement");
    // Every requirement row is printed exactly once (its bold clause number).
    let requirements: Vec<&str> = demo::library()
        .clauses
        .iter()
        .filter(|c| c.kind == ClauseKind::Requirement)
        .map(|c| c.id.as_str())
        .collect();
    assert!(requirements.len() > 50);
    for r in requirements {
        let n = (first..next)
            .flat_map(|i| texts(&doc.pages[i]))
            .filter(|t| t.font == FontKey::Bold && t.text == r)
            .count();
        assert_eq!(n, 1, "clause {r}");
    }
}

#[test]
fn a_row_taller_than_a_page_is_split_under_repeated_headers() {
    let tall: Vec<String> = (1..=500).map(|i| format!("line{i:03}")).collect();
    let mut rows: Vec<Vec<Cell>> = (1..=6)
        .map(|i| vec![Cell::text(format!("row{i}")), Cell::text("short")])
        .collect();
    rows.insert(3, vec![Cell::text("tall"), Cell::text(tall.join(" "))]);
    let d = tiny(vec![Block::Table(Table {
        columns: vec![Column::new("Name", 1.0), Column::new("Detail", 0.4)],
        rows,
        caption: Some("A very tall cell".into()),
        compact: false,
    })]);
    let doc = layout::layout(&d).unwrap();
    let n = doc.pages.len();
    let pages = pages_with_header(&doc, 0..n, "Detail");
    assert!(pages.len() >= 3, "{pages:?}");
    // The chapter starts after the cover (a single chapter has no contents page).
    let s1 = doc.section_pages["s1"];
    assert_eq!(pages, (s1..s1 + pages.len()).collect::<Vec<_>>());
    header_comes_first(&doc, &pages, "Detail");
    // Every line of the tall cell and every row is printed once, in order.
    let printed: Vec<String> = (s1..n)
        .flat_map(|i| body_texts(&doc, i))
        .map(|t| t.text.clone())
        .filter(|t| t.starts_with("line") || t.starts_with("row"))
        .collect();
    let mut expected: Vec<String> = (1..=3).map(|i| format!("row{i}")).collect();
    expected.extend(tall);
    expected.extend((4..=6).map(|i| format!("row{i}")));
    assert_eq!(printed, expected);
}

/// The monospaced runs of a laid-out dossier: their text joined, and the widest run.
fn mono_runs(d: &Dossier) -> (String, usize, f32) {
    let doc = layout::layout(d).unwrap();
    let runs: Vec<&TextRun> = doc
        .pages
        .iter()
        .flat_map(texts)
        .filter(|t| t.font == FontKey::Mono)
        .collect();
    let widest = runs.iter().map(|t| t.width).fold(0.0, f32::max);
    (
        runs.iter().map(|t| t.text.as_str()).collect(),
        runs.len(),
        widest,
    )
}

#[test]
fn very_long_words_are_broken_by_characters() {
    let hex: String = (0..5_000)
        .map(|i| char::from_digit((i * 7 + 3) % 16, 16).unwrap())
        .collect();
    let body_w = layout::layout(&tiny(Vec::new())).unwrap().body.w;
    // In a paragraph: printed completely and in order, each piece within the body width.
    let para = tiny(vec![Block::Paragraph(Paragraph::from_runs(vec![
        Run::mono(hex.clone()),
    ]))]);
    let (printed, pieces, widest) = mono_runs(&para);
    assert_eq!(printed, hex);
    assert!(pieces >= 40, "{pieces}");
    assert!(widest <= body_w + 0.01);
    // In a table cell: broken within its column (half the body width).
    let cell = tiny(vec![Block::Table(Table {
        columns: vec![Column::new("Item", 1.0), Column::new("SHA-256", 1.0)],
        rows: vec![vec![
            Cell::text("evidence"),
            Cell::mono(hex[..640].to_owned()),
        ]],
        caption: None,
        compact: true,
    })]);
    let (printed, pieces, widest) = mono_runs(&cell);
    assert_eq!(printed, hex[..640]);
    assert!(pieces >= 8, "{pieces}");
    assert!(widest <= body_w / 2.0 + 0.01);
}

#[test]
fn missing_glyphs_are_reported_not_hidden() {
    let cjk = "月次サービス報告書 服务管理体系认证";
    let covered = "שירות חודשי Μηνιαία Ежемесячный";
    let d = tiny(vec![
        Block::Paragraph(Paragraph::plain(format!("{covered} {cjk}"))),
        Block::KeyValue(vec![KeyValue::new("Japanese", cjk)]),
    ]);
    let r = ready20k_dossier::render_with(&d, ready20k_dossier::FontSources::EmbeddedOnly).unwrap();
    for c in ['サ', '報', '认', '证'] {
        assert!(r.missing_glyphs.contains(&c), "{c} not reported");
    }
    assert!(!r.missing_glyphs.iter().any(|c| covered.contains(*c)));
    // Each occurrence is counted: the CJK text is printed twice.
    let per_copy = cjk.chars().filter(|c| r.missing_glyphs.contains(c)).count();
    assert!(per_copy >= 10);
    assert_eq!(r.substitutions, 2 * per_copy);
}

#[test]
fn charts_clamp_values_and_draw_one_vertex_per_axis() {
    let d = tiny(vec![
        Block::BarChart(BarChart {
            title: "Bars".into(),
            items: [(-20.0, None), (50.0, Some(80.0)), (150.0, Some(80.0))]
                .into_iter()
                .enumerate()
                .map(|(i, (value, target))| BarItem {
                    label: format!("Bar {i}"),
                    value,
                    target,
                })
                .collect(),
        }),
        Block::RadarChart(RadarChart {
            title: "Radar".into(),
            axes: (1..=5).map(|i| format!("Axis {i}")).collect(),
            values: vec![10.0, 40.0, 250.0, f32::NAN, 60.0],
            target: Some(vec![80.0; 5]),
        }),
    ]);
    let doc = layout::layout(&d).unwrap();
    let page = &doc.pages[doc.section_pages["s1"]];
    let rects: Vec<(f32, Option<Colour>)> = page
        .prims
        .iter()
        .filter_map(|p| match p {
            Prim::Rect { w, h, fill, .. } if (*h - 9.0).abs() < 0.01 => Some((*w, *fill)),
            _ => None,
        })
        .collect();
    let track = rects
        .iter()
        .find(|r| r.1 == Some(palette::TRACK))
        .unwrap()
        .0;
    let bars: Vec<(f32, Option<Colour>)> = rects
        .iter()
        .copied()
        .filter(|r| r.1 != Some(palette::TRACK))
        .collect();
    // Nothing for a negative value, half the track below target, the full track above 100.
    assert_eq!(bars.len(), 2, "{bars:?}");
    assert!((bars[0].0 - track / 2.0).abs() < 0.01);
    assert_eq!(bars[0].1, Some(palette::TEAL_LIGHT));
    assert!((bars[1].0 - track).abs() < 0.01);
    assert_eq!(bars[1].1, Some(palette::TEAL));
    // The printed values ("50 %" is two runs).
    let runs: Vec<&str> = texts(page).map(|t| t.text.as_str()).collect();
    let shown: Vec<&str> = runs
        .windows(2)
        .filter(|w| w[1] == "%")
        .map(|w| w[0])
        .collect();
    assert!(shown.starts_with(&["0", "50", "100"]), "{shown:?}");
    // The radar: background, five rings, target and values, each with one point per axis;
    // the values stay inside the outer ring.
    let polygons: Vec<&Vec<(f32, f32)>> = page
        .prims
        .iter()
        .filter_map(|p| match p {
            Prim::Polygon { points, .. } => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(polygons.len(), 8);
    assert!(polygons.iter().all(|p| p.len() == 5));
    let centre = |p: &[(f32, f32)]| {
        let n = p.len() as f32;
        (
            p.iter().map(|q| q.0).sum::<f32>() / n,
            p.iter().map(|q| q.1).sum::<f32>() / n,
        )
    };
    let outer = polygons[0];
    let (cx, cy) = centre(outer);
    let radius = ((outer[0].0 - cx).powi(2) + (outer[0].1 - cy).powi(2)).sqrt();
    for (x, y) in polygons[7] {
        assert!(((x - cx).powi(2) + (y - cy).powi(2)).sqrt() <= radius + 0.01);
    }
}

/// The words of the text runs on a page that satisfy `keep`, left to right, top to bottom,
/// joined by single spaces.
fn words(page: &layout::Page, keep: impl Fn(&TextRun) -> bool) -> String {
    let mut runs: Vec<&TextRun> = texts(page).filter(|t| keep(t)).collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    runs.iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` with runs of whitespace as single spaces.
fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_page_but_the_cover_has_the_running_header_and_footer() {
    let (m, doc) = demo_full();
    let total = doc.pages.len();
    assert!(!words(&doc.pages[0], |_| true).contains("Page 1 of"));
    for (i, page) in doc.pages.iter().enumerate().skip(1) {
        let (top, bottom) = (doc.page_body(i).y, doc.page_body(i).bottom());
        let header = words(page, |t| t.y < top);
        let footer = words(page, |t| t.y > bottom);
        assert_eq!(
            header,
            spaced(&format!(
                "{} {}  ·  Version {}",
                m.meta.firm, m.meta.title, m.meta.version
            )),
            "page {}",
            i + 1
        );
        assert_eq!(
            footer,
            spaced(&format!(
                "Confidential  ·  {} Page {} of {total}",
                m.cover.date_line,
                i + 1
            )),
            "page {}",
            i + 1
        );
    }
}

#[test]
fn the_demo_pdf_passes_qpdf_with_its_metadata_and_subset_fonts() {
    let m = demo::model(Pack::Full);
    let r = render(&m).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.pdf");
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
    for line in [
        format!("Title:           {}", m.meta.title),
        format!("Author:          {}", m.meta.author),
        "CreationDate:    Thu Mar 12 00:00:00 2026".to_owned(),
        format!("Pages:           {}", r.pages),
    ] {
        assert!(info.contains(&line), "{line} not in {info}");
    }

    // The contents run from their own page to the page before section 1.
    let pages = layout::layout(&m).unwrap().section_pages;
    let (toc, last) = ((pages["toc"] + 1).to_string(), pages["s1"].to_string());
    let text = tool("pdftotext", &["-f", &toc, "-l", &last, p, "-"]);
    assert!(
        text.contains("Contents") && text.contains("Compliance matrix"),
        "{text}"
    );

    let raw = String::from_utf8_lossy(&r.pdf);
    assert!(!raw.contains("GTS_PDFX"));
}
