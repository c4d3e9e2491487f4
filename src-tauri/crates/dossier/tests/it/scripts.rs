//! A firm whose name, scope, services and people are written in Japanese, Chinese, Hebrew,
//! Arabic and Hindi: every character is printed from an installed font (embedded and
//! subset), complex scripts are shaped, and the text can be extracted again.

use ready20k_domain::snapshot::ProjectSnapshot;
use ready20k_dossier::build::{DossierOptions, build};
use ready20k_dossier::{FontSources, render, render_with};

use crate::demo::{library, snapshot};
use crate::tool;

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
