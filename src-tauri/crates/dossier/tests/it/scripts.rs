//! A firm whose name, scope, services and people are written in Japanese, Chinese, Hebrew,
//! Arabic and Hindi: every character is printed from an installed font (embedded and
//! subset), complex scripts are shaped, and the text can be extracted again.

use ready20k_domain::snapshot::ProjectSnapshot;
use ready20k_dossier::build::{DossierOptions, build};
use ready20k_dossier::layout::{self, Document, TextRun};
use ready20k_dossier::model::{Block, Paragraph};
use ready20k_dossier::{FontSources, render, render_with};

use crate::demo::{library, snapshot};
use crate::{texts, tool};

const FIRM: &str = "さくら情報サービス株式会社";
const SCOPE_ZH: &str = "为客户提供托管工作站和网络服务";
const SERVICES: [&str; 4] = [
    "托管工作站服务",
    "שירות גיבוי ושחזור",
    "خدمة الدعم الفني",
    "प्रबंधित नेटवर्क सेवा",
];
const PEOPLE: [&str; 5] = [
    "山田 花子",
    "王 小明",
    "דוד כהן",
    "محمد العلي",
    "प्रिया शर्मा",
];

fn multiscript() -> ProjectSnapshot {
    let mut snap = snapshot().clone();
    snap.project.firm_name = FIRM.into();
    if let Some(p) = snap.wizard.profile.as_mut() {
        p.legal_name = FIRM.into();
        p.trading_name = FIRM.into();
    }
    if let Some(s) = snap.wizard.scope.as_mut() {
        s.text = format!("{FIRM}: {SCOPE_ZH}. {} — {}.", SERVICES[2], SERVICES[3]);
        s.edited = true;
    }
    for (s, name) in snap.wizard.services.iter_mut().zip(SERVICES) {
        s.name = name.into();
    }
    for (p, name) in snap.wizard.people.iter_mut().zip(PEOPLE) {
        p.name = name.into();
    }
    snap
}

/// Whitespace-free text, so that line breaks and spacing chosen by the extractor don't matter.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_script_prints_from_installed_fonts_and_extracts_again() {
    let m = build(
        &multiscript(),
        library(),
        &DossierOptions::full(crate::demo::date()),
    );
    let r = render(&m).unwrap();
    assert!(
        r.missing_glyphs.is_empty(),
        "missing {:?}: install {:?}",
        r.missing_glyphs,
        r.font_packages
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scripts.pdf");
    std::fs::write(&path, &r.pdf).unwrap();
    if let Some(out) = std::env::var_os("SCRIPTS_PDF_OUT") {
        std::fs::write(out, &r.pdf).unwrap();
    }
    let p = path.to_str().unwrap();
    let check = tool("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );

    // The characters come back out (the shaped runs carry their text as /ActualText).
    // pdftotext writes each right-to-left word in visual order (reversed).
    let text = squeeze(&tool("pdftotext", &[p, "-"]));
    for s in [FIRM, SCOPE_ZH].iter().chain(&SERVICES).chain(&PEOPLE) {
        for word in s.split_whitespace() {
            let reversed: String = word.chars().rev().collect();
            assert!(
                text.contains(word) || text.contains(&reversed),
                "{word} not found in the extracted text"
            );
        }
    }

    // The installed faces are embedded as subsets next to DejaVu.
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<Vec<&str>> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    for family in ["NotoSansCJK", "NotoSansArabic", "NotoSansDevanagari"] {
        let row = rows
            .iter()
            .find(|c| c[0].contains(family))
            .unwrap_or_else(|| panic!("{family} not embedded:\n{fonts}"));
        let n = row.len();
        assert_eq!((row[n - 5], row[n - 4]), ("yes", "yes"), "{fonts}");
        assert!(
            row[0].chars().nth(6) == Some('+'),
            "not tagged as a subset: {}",
            row[0]
        );
    }
}

#[test]
fn without_installed_fonts_the_missing_glyphs_name_the_package() {
    let m = build(
        &multiscript(),
        library(),
        &DossierOptions::full(crate::demo::date()),
    );
    let r = render_with(&m, FontSources::EmbeddedOnly).unwrap();
    assert!(r.missing_glyphs.contains(&'さ'));
    assert!(r.missing_glyphs.contains(&'प'));
    assert!(r.font_packages.contains(&"fonts-noto-cjk"));
    assert!(r.font_packages.contains(&"fonts-noto-core"));
    // Hebrew and Arabic are in DejaVu: never reported.
    assert!(!r.missing_glyphs.iter().any(|c| "דוד خدمة".contains(*c)));
}

/// The lines of the body of `page` whose text contains one of `words`: (left, right) edges
/// by baseline.
fn line_edges(doc: &Document, page: usize, words: &[&str]) -> Vec<(f32, f32)> {
    let body = doc.page_body(page);
    let runs: Vec<&TextRun> = texts(&doc.pages[page])
        .filter(|t| t.y > body.y && t.y < body.bottom())
        .collect();
    let mut ys: Vec<f32> = runs
        .iter()
        .filter(|t| words.iter().any(|w| t.text.contains(w)))
        .map(|t| t.y)
        .collect();
    ys.dedup();
    ys.iter()
        .map(|y| {
            let on: Vec<&&TextRun> = runs.iter().filter(|t| t.y == *y).collect();
            let left = on.iter().map(|t| t.x).fold(f32::MAX, f32::min);
            let right = on.iter().map(|t| t.x + t.width).fold(0.0, f32::max);
            (left, right)
        })
        .collect()
}

#[test]
fn right_to_left_paragraphs_are_right_aligned_on_the_page() {
    let hebrew = "שירות גיבוי ושחזור לכל הלקוחות שלנו בכל יום בשבוע, כולל סופי שבוע וחגים, \
                  עם בדיקת שחזור חודשית ודוח לכל לקוח"
        .repeat(3);
    let arabic = "نقدم خدمة الدعم الفني لجميع العملاء في المكتب وعن بعد طوال أيام الأسبوع ".repeat(3);
    let english = "Backup and restore for every customer, every day of the week. ".repeat(4);
    let mut d = crate::layout::tiny(vec![
        Block::Paragraph(Paragraph::plain(&hebrew)),
        Block::Paragraph(Paragraph::plain(&arabic)),
        Block::Paragraph(Paragraph::plain(&english)),
    ]);
    d.cover.firm = "שירותי מחשוב צפון בע\"מ".into();
    let doc = layout::layout(&d).unwrap();
    let body = doc.page_body(1);
    for (what, words) in [
        ("Hebrew", ["שירות", "בשבוע"]),
        ("Arabic", ["الفني", "العملاء"]),
    ] {
        let edges = line_edges(&doc, 1, &words);
        assert!(!edges.is_empty(), "{what} paragraph not found");
        for (left, right) in &edges {
            assert!(
                (right - body.right()).abs() < 0.05,
                "{what}: {right} vs {}",
                body.right()
            );
            assert!(*left >= body.x - 0.01, "{what}: {left}");
        }
        // Lines of different lengths: they share the right edge, not the left one.
        let lefts: Vec<f32> = edges.iter().map(|e| e.0).collect();
        assert!(
            lefts.iter().any(|l| (l - body.x).abs() > 1.0),
            "{what}: {lefts:?}"
        );
    }
    let english_edges = line_edges(&doc, 1, &["Backup", "customer"]);
    assert!(english_edges.iter().all(|(l, _)| (l - body.x).abs() < 0.01));
    // The cover's firm name, a right-to-left paragraph too, ends at the right margin
    // where the (English) title starts at the left one.
    let cover: Vec<&TextRun> = texts(&doc.pages[0]).collect();
    let firm_y = cover.iter().find(|t| t.text.contains("צפון")).unwrap().y;
    let firm_right = cover
        .iter()
        .filter(|t| t.y == firm_y)
        .map(|t| t.x + t.width)
        .fold(0.0, f32::max);
    assert!((firm_right - body.right()).abs() < 0.05, "{firm_right}");
    let title = cover.iter().find(|t| t.text == "Layout").unwrap();
    assert!((title.x - body.x).abs() < 0.01, "{}", title.x);
}
