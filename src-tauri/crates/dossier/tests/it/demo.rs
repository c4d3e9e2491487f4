//! The dossier of the demo project: golden text and structure, packs, watermark, robustness.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use ready20k_domain::clock::FixedClock;
use ready20k_domain::snapshot::ProjectSnapshot;
use ready20k_dossier::build::{DossierOptions, Pack, build, is_draft};
use ready20k_dossier::model::Dossier;
use ready20k_dossier::{layout, render};
use ready20k_store::snapshot;

use crate::tool;

/// The dossier date of every golden file.
pub fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()
}

/// The demo project as of the dossier date (built once per test binary).
pub fn snapshot() -> &'static ProjectSnapshot {
    static SNAP: OnceLock<ProjectSnapshot> = OnceLock::new();
    SNAP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.r20k");
        let clock = Arc::new(FixedClock::at_date(2026, 3, 12).unwrap());
        let project = ready20k_store::demo::create_demo(&path, clock).unwrap();
        let snap = snapshot::collect(&project).unwrap();
        project.close().unwrap();
        snap
    })
}

pub fn library() -> &'static ready20k_domain::content::Library {
    ready20k_domain::content::try_library().unwrap()
}

pub fn model(pack: Pack) -> Dossier {
    build(
        snapshot(),
        library(),
        &DossierOptions {
            date: date(),
            pack,
            version: None,
        },
    )
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file, or rewrites it with `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\n  golden: {a}\n  actual: {b}", i + 1))
            .unwrap_or_else(|| "the files differ in length".into());
        panic!(
            "{} differs from the golden file ({first}). If the change is intended, \
             regenerate with UPDATE_GOLDEN=1 and review the diff.",
            path.display()
        );
    }
}

/// Renders a pack to a temporary PDF and returns (tempdir, path, bytes).
fn pdf(pack: Pack) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let r = render(&model(pack)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.pdf", pack.as_str()));
    std::fs::write(&path, &r.pdf).unwrap();
    (dir, path, r.pdf)
}

/// Outline (indented, with 1-based pages), page count and fonts: the structure golden.
fn structure(pack: Pack, path: &Path) -> String {
    let m = model(pack);
    let doc = layout::layout(&m).unwrap();
    let mut s = format!("pages: {}\n", doc.pages.len());
    s.push_str(&format!(
        "watermark: {}\n",
        m.watermark.as_deref().unwrap_or("none")
    ));
    s.push_str("outline:\n");
    for e in &doc.outline {
        s.push_str(&format!(
            "{}{} ... {}\n",
            "  ".repeat(e.depth + 1),
            e.title,
            e.page + 1
        ));
    }
    s.push_str("fonts:\n");
    let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
    for row in fonts.lines().skip(2) {
        let c: Vec<&str> = row.split_whitespace().collect();
        let n = c.len();
        s.push_str(&format!(
            "  {} emb={} sub={} uni={}\n",
            c[0],
            c[n - 5],
            c[n - 4],
            c[n - 3]
        ));
    }
    s
}

fn check_pack(pack: Pack) {
    let (_dir, path, bytes) = pdf(pack);
    let p = path.to_str().unwrap();
    let check = tool("qpdf", &["--check", p]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let text = tool("pdftotext", &[p, "-"]);
    golden(&format!("demo-{}.txt", pack.as_str()), &text);
    golden(
        &format!("demo-{}.structure.txt", pack.as_str()),
        &structure(pack, &path),
    );
}

#[test]
fn full_pack_matches_golden_text_and_structure() {
    check_pack(Pack::Full);
}

#[test]
fn stage1_pack_matches_golden_text_and_structure() {
    check_pack(Pack::Stage1);
}

#[test]
fn summary_pack_matches_golden_text_and_structure() {
    check_pack(Pack::Summary);
}

#[test]
fn full_pack_has_every_part_and_the_estimate_label() {
    let m = model(Pack::Full);
    let top: Vec<String> = m
        .sections
        .iter()
        .map(|s| format!("{} {}", s.number.clone().unwrap_or_default(), s.title))
        .collect();
    assert_eq!(
        top,
        vec![
            "1 Scope statement and context",
            "2 Service catalogue",
            "3 Roles and responsibilities",
            "4 Approved policies and procedures",
            "5 Risks and opportunities",
            "6 Suppliers and agreements",
            "7 SMS calendar",
            "8 Operating records",
            "9 Internal audit",
            "10 Management review",
            "11 Nonconformity register",
            "12 Readiness scorecard",
            "13 Compliance matrix",
            "14 Action plan and corrective actions",
            "15 Evidence register",
            "Annex A Required documents checklist",
        ]
    );
    assert_eq!(m.front[0].title, "Document control");
    assert!(
        m.cover
            .verdict
            .iter()
            .any(|v| v.label.contains("Ready20k's estimate"))
    );
    // Only approved versions are printed: every policy subsection has an approval line.
    let policies = &m.sections[3].subsections;
    assert!(!policies.is_empty());
    for s in policies {
        let ok = s.blocks.iter().any(|b| match b {
            ready20k_dossier::model::Block::KeyValue(kv) => {
                kv.iter().any(|k| k.key == "Approved by")
            }
            _ => false,
        });
        assert!(ok, "{} has no approval block", s.title);
    }
}

#[test]
fn watermark_follows_unapproved_required_documents() {
    let snap = snapshot();
    let lib = library();
    let draft = is_draft(snap, lib, date());
    assert_eq!(model(Pack::Full).watermark.is_some(), draft);
    // The demo leaves some required documents unapproved.
    assert!(draft);
    // Approving every version of every required document (as data) removes it... and
    // creating the missing ones is not possible as data alone, so check the reverse: a
    // project with no documents at all is a draft too.
    let mut empty = snap.clone();
    empty.documents.clear();
    assert!(is_draft(&empty, lib, date()));
    // The watermark is in the PDF (drawn translucent on every page).
    let r = render(&model(Pack::Full)).unwrap();
    let raw = String::from_utf8_lossy(&r.pdf);
    assert!(raw.contains("GSWMK"));
}

#[test]
fn same_project_and_date_give_identical_bytes() {
    let a = render(&model(Pack::Full)).unwrap();
    let b = render(&model(Pack::Full)).unwrap();
    assert!(a.pdf == b.pdf);
    let other = build(
        snapshot(),
        library(),
        &DossierOptions {
            date: date().succ_opt().unwrap(),
            pack: Pack::Full,
            version: None,
        },
    );
    assert!(render(&other).unwrap().pdf != a.pdf);
}

#[test]
fn hostile_documents_are_laid_out_or_reported_never_a_panic() {
    let mut snap = snapshot().clone();
    // A 5,000-character word, right-to-left and CJK text, and a 10 MB body.
    let word: String = "x".repeat(5_000);
    let mut big = String::with_capacity(10_500_000);
    big.push_str("# Huge register\n\n");
    big.push_str(&format!(
        "{word}\n\nשלום עולם — مرحبا بالعالم\n\n服务管理体系认证 月次サービス報告書\n\n"
    ));
    let line = "| Item | Detail of the item, long enough to wrap in a narrow column |\n";
    big.push_str("| A | B |\n|---|---|\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(line);
    }
    let doc = snap
        .documents
        .iter_mut()
        .find(|d| d.versions.iter().any(|v| v.approval.is_some()))
        .unwrap();
    let v = doc
        .versions
        .iter_mut()
        .rev()
        .find(|v| v.approval.is_some())
        .unwrap();
    v.body = big;
    let title = doc.title.clone();
    let m = build(&snap, library(), &DossierOptions::full(date()));
    let r = ready20k_dossier::render_with(&m, ready20k_dossier::FontSources::EmbeddedOnly).unwrap();
    assert!(r.pages > 60 && r.pages < 400, "{} pages", r.pages);
    // CJK has no glyph in the embedded fonts: reported, not hidden, with the package to get.
    assert!(r.missing_glyphs.contains(&'服'));
    assert!(r.substitutions > 0);
    assert!(r.font_packages.contains(&"fonts-noto-cjk"));
    // The long text is shortened with a notice.
    let policy = m.sections[3]
        .subsections
        .iter()
        .find(|s| s.title == title)
        .unwrap();
    assert!(policy.blocks.iter().any(|b| matches!(
        b,
        ready20k_dossier::model::Block::Callout(c)
            if c.title.as_deref() == Some("Document shortened in this dossier")
    )));
    // The 5,000-character word is printed completely (broken by characters).
    let doc = layout::layout(&m).unwrap();
    let xs: usize = doc
        .pages
        .iter()
        .flat_map(crate::texts)
        .filter(|t| !t.text.is_empty() && t.text.chars().all(|c| c == 'x'))
        .map(|t| t.text.len())
        .sum();
    assert!(xs >= 5_000, "{xs}");
}

#[test]
fn an_empty_project_still_prints() {
    let mut snap = snapshot().clone();
    snap.wizard = Default::default();
    snap.documents.clear();
    snap.assessment = Default::default();
    for pack in Pack::ALL {
        let m = build(
            &snap,
            library(),
            &DossierOptions {
                date: date(),
                pack,
                version: Some("0.1".into()),
            },
        );
        let r = render(&m).unwrap();
        assert!(r.pages >= 2);
        assert_eq!(m.meta.version, "0.1");
        assert_eq!(m.cover.firm, snap.project.firm_name);
    }
}

/// A project whose setup data the wizard would refuse lists the open errors in the scorecard
/// section (instead of printing them as settled), and Stage 1 is not ready because of them.
#[test]
fn open_setup_errors_are_listed_in_the_scorecard_section() {
    fn find<'a>(
        s: &'a [ready20k_dossier::model::Section],
        title: &str,
    ) -> Option<&'a ready20k_dossier::model::Section> {
        s.iter().find_map(|x| {
            (x.title == title)
                .then_some(x)
                .or_else(|| find(&x.subsections, title))
        })
    }
    let mut snap = snapshot().clone();
    snap.wizard = Default::default();
    let m = build(&snap, library(), &DossierOptions::full(date()));
    let setup = find(&m.sections, "Open setup errors").expect("an open setup errors section");
    assert!(setup.blocks.len() >= 2);
    // The demo project itself has no setup error: no such section.
    let m = build(snapshot(), library(), &DossierOptions::full(date()));
    assert!(find(&m.sections, "Open setup errors").is_none());
}

/// A scope that excludes a requirement (possible in an imported or hand-edited project) is not
/// printed as settled: the scope section and the scorecard list the setup error; the demo's own
/// consistent scope carries no such warning.
#[test]
fn an_unsettled_scope_is_flagged_not_printed_as_settled() {
    let clean = format!("{:?}", model(Pack::Full));
    assert!(!clean.contains("This scope is not settled"));
    assert!(!clean.contains("Open setup errors"));

    let mut snap = snapshot().clone();
    let scope = snap
        .wizard
        .scope
        .as_mut()
        .expect("the demo has a scope statement");
    scope.text = format!(
        "{} The SMS excludes clause 8.4.1 as not applicable.",
        scope.text
    );
    scope.edited = true;
    let dossier = build(
        &snap,
        library(),
        &DossierOptions {
            date: date(),
            pack: Pack::Full,
            version: None,
        },
    );
    let scope_section = format!("{:?}", dossier.sections[0]);
    assert!(
        scope_section.contains("This scope is not settled"),
        "{scope_section}"
    );
    assert!(scope_section.contains("8.4.1"));
    assert!(format!("{:?}", dossier).contains("Open setup errors"));
}
