//! Each approved document of the demo firm exported on its own: Word structure (styles,
//! numbering, tables, header and footer fields), PDF and Markdown, and the Word files opened
//! and converted by LibreOffice.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use ready20k_domain::documents::export::DocFormat;
use ready20k_dossier::build::{ApprovedDocument, approved_documents};
use ready20k_dossier::export::{self, ExportedFile};

use crate::demo::{date, library, snapshot};
use crate::tool;

fn demo_documents() -> Vec<ApprovedDocument> {
    approved_documents(snapshot(), library(), date())
}

/// The text of one part of a `.docx` package.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The part names of a `.docx` package.
fn parts(docx: &[u8]) -> BTreeSet<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    zip.file_names().map(str::to_owned).collect()
}

/// XML-escaped text as it appears in a part.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn export_all(format: DocFormat) -> Vec<ExportedFile> {
    demo_documents()
        .iter()
        .map(|d| export::export(d, format).unwrap())
        .collect()
}

#[test]
fn every_approved_demo_document_exports_in_every_format_with_a_unique_safe_name() {
    let docs = demo_documents();
    assert!(
        docs.len() >= 5,
        "the demo firm has approved documents: {}",
        docs.len()
    );
    for format in DocFormat::ALL {
        let files = export_all(format);
        let names: BTreeSet<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(names.len(), docs.len(), "unique names: {names:?}");
        for (f, d) in files.iter().zip(&docs) {
            assert!(
                f.file_name
                    .starts_with(&format!("{} {}", d.key, d.title.replace('/', "-"))),
                "{}",
                f.file_name
            );
            assert!(
                f.file_name
                    .ends_with(&format!(" v{}.{}", d.version, format.as_str())),
                "{}",
                f.file_name
            );
            assert!(!f.file_name.contains(['/', '\\', ':']), "{}", f.file_name);
            match format {
                DocFormat::Docx => assert_eq!(&f.bytes[..2], b"PK", "{}", f.file_name),
                DocFormat::Pdf => assert_eq!(&f.bytes[..5], b"%PDF-", "{}", f.file_name),
                DocFormat::Md => {
                    let text = String::from_utf8(f.bytes.clone()).unwrap();
                    assert!(text.starts_with(&format!("# {}\n", d.title)), "{text}");
                    assert!(
                        text.contains(&format!("| Reference | {} |", d.key)),
                        "{text}"
                    );
                    assert!(text.contains(&format!("| Version | {} |", d.version)));
                    assert!(text.contains("| Approved by |"), "{text}");
                }
            }
        }
    }
}

#[test]
fn docx_has_heading_styles_numbering_tables_and_page_fields() {
    let docs = demo_documents();
    let mut saw_numbering = false;
    let mut saw_body_table = false;
    for d in &docs {
        let bytes = export::docx(d).unwrap();
        let names = parts(&bytes);
        for required in [
            "[Content_Types].xml",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/header1.xml",
            "word/footer1.xml",
        ] {
            assert!(
                names.contains(required),
                "{}: {required} in {names:?}",
                d.key
            );
        }
        let body = part(&bytes, "word/document.xml");
        // The title, then the control block: a table holding the reference, version,
        // owner, approval and next review.
        assert!(body.contains(r#"<w:pStyle w:val="Title" />"#), "{}", d.key);
        assert!(body.contains(&xml(&d.title)), "{}", d.key);
        assert!(body.contains("<w:tbl>"), "{}", d.key);
        for label in [
            "Reference",
            "Version",
            "Owner",
            "Approved by",
            "Next review",
        ] {
            assert!(
                body.contains(&format!(">{label}</w:t>")),
                "{}: control row {label}",
                d.key
            );
        }
        assert!(body.contains(&format!(">{}</w:t>", d.key)), "{}", d.key);
        // Headings of the text use the built-in heading styles.
        assert!(
            body.contains(r#"<w:pStyle w:val="Heading1" />"#),
            "{}: no Heading1",
            d.key
        );
        let styles = part(&bytes, "word/styles.xml");
        assert!(
            styles.contains(r#"w:styleId="Heading1""#) && styles.contains("heading 1"),
            "{}",
            d.key
        );
        saw_numbering |= body.contains("<w:numPr>");
        saw_body_table |= body.matches("<w:tbl>").count() > 1;
        // Header: firm, id and version; footer: "Page {PAGE} of {NUMPAGES}".
        let header = part(&bytes, "word/header1.xml");
        assert!(header.contains(&xml(&d.firm)), "{header}");
        assert!(header.contains(&d.key), "{header}");
        assert!(
            header.contains(&format!("Version {}", d.version)),
            "{header}"
        );
        let footer = part(&bytes, "word/footer1.xml");
        let page = footer.find("PAGE</w:instrText>").expect("PAGE field");
        let of = footer
            .find(">of<")
            .or_else(|| footer.find(" of "))
            .expect("of");
        let pages = footer
            .find("NUMPAGES</w:instrText>")
            .expect("NUMPAGES field");
        assert!(footer.contains(">Page </w:t>"), "{footer}");
        assert!(page < of && of < pages, "{footer}");
        let numbering = part(&bytes, "word/numbering.xml");
        assert!(
            numbering.contains(r#"<w:numFmt w:val="bullet" />"#),
            "{numbering}"
        );
        assert!(
            numbering.contains(r#"<w:numFmt w:val="decimal" />"#),
            "{numbering}"
        );
    }
    assert!(saw_numbering, "some demo document has a list");
    assert!(saw_body_table, "some demo document has a table in its text");
}

#[test]
fn docx_maps_markdown_structure() {
    let mut d = demo_documents().remove(0);
    d.body = format!("# {}\n\n", d.title)
        + "## Purpose\n\nPlain **bold** *italic* `code` and \
              [a link](https://example.org).\n\n### Detail\n\n- one\n  - nested\n- two\n\n\
              3. three\n4. four\n\n| Col A | Col B |\n|---|---|\n| a1 | b1 |\n\n> quoted\n";
    let bytes = export::docx(&d).unwrap();
    let body = part(&bytes, "word/document.xml");
    // "## Purpose" is the top heading of the text: Heading1; "###" Heading2.
    let h1 = body.find(r#"<w:pStyle w:val="Heading1" />"#).unwrap();
    assert!(body[h1..].contains(">Purpose</w:t>"));
    assert!(body.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(body.contains("<w:b />"), "bold run");
    assert!(body.contains("<w:i />"), "italic run");
    assert!(body.contains("Courier New"), "code run");
    assert!(body.contains("<w:hyperlink"), "link");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("https://example.org"), "{rels}");
    // Nested bullets at level 1; the numbered list starts at 3.
    assert!(
        body.contains(r#"<w:ilvl w:val="1" />"#),
        "nested list level"
    );
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(
        numbering.contains(r#"<w:startOverride w:val="3" />"#),
        "{numbering}"
    );
    assert!(body.contains(">Col A</w:t>") && body.contains(">b1</w:t>"));
    assert!(body.contains(r#"<w:pStyle w:val="Quote" />"#));
    assert_eq!(
        body.matches(&format!(">{}</w:t>", xml(&d.title))).count(),
        1,
        "the title is printed once"
    );
}

#[test]
fn pdf_of_one_document_holds_its_control_facts_and_text() {
    let d = demo_documents().remove(0);
    let file = export::export(&d, DocFormat::Pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &file.bytes).unwrap();
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        d.title.as_str(),
        d.key.as_str(),
        "Approved by",
        "Next review",
    ] {
        assert!(flat.contains(needle), "{needle} in {flat}");
    }
}

/// Runs LibreOffice headless: every `.docx` in `dir` to PDF in `out` (one process).
fn soffice_to_pdf(files: &[std::path::PathBuf], out: &Path, profile: &Path) {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(out)
    .args(files);
    let res = cmd.output().unwrap_or_else(|e| {
        panic!(
            "LibreOffice (soffice) is required for this test; make test installs it \
             (apt-get install libreoffice-writer-nogui): {e}"
        )
    });
    assert!(
        res.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn docx_files_open_in_libreoffice_with_their_text_and_page_numbers() {
    let docs = demo_documents();
    let dir = tempfile::tempdir().unwrap();
    let (src, out, profile) = (
        dir.path().join("docx"),
        dir.path().join("pdf"),
        dir.path().join("profile"),
    );
    std::fs::create_dir_all(&src).unwrap();
    let mut files = Vec::new();
    for d in &docs {
        let f = export::export(d, DocFormat::Docx).unwrap();
        let p = src.join(&f.file_name);
        std::fs::write(&p, &f.bytes).unwrap();
        files.push(p);
    }
    let started = Instant::now();
    soffice_to_pdf(&files, &out, &profile);
    eprintln!(
        "LibreOffice converted {} documents in {} ms",
        files.len(),
        started.elapsed().as_millis()
    );
    for (d, docx) in docs.iter().zip(&files) {
        let mut name = docx.file_stem().unwrap().to_os_string();
        name.push(".pdf");
        let pdf = out.join(name);
        assert!(pdf.exists(), "{} was not converted", docx.display());
        let pdf = pdf.to_str().unwrap();
        let info = tool("pdfinfo", &[pdf]);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        // A page holds at most ~4 KB of text; the control block and title need a page.
        let bound = 2 + d.body.len() / 1_200;
        assert!(
            (1..=bound).contains(&pages),
            "{}: {pages} pages for {} bytes of text",
            d.key,
            d.body.len()
        );
        let text = tool("pdftotext", &[pdf, "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&d.title), "{}: title in {flat}", d.key);
        assert!(flat.contains(&d.key), "{}: id", d.key);
        assert!(
            flat.contains(&format!("Page 1 of {pages}")),
            "{}: {flat}",
            d.key
        );
        assert!(flat.contains("Approved by"), "{}: control block", d.key);
        let blocks = d.blocks();
        let heading = blocks.iter().find_map(|b| match b {
            ready20k_domain::documents::markdown::Block::Heading { runs, .. } => {
                Some(ready20k_domain::documents::markdown::runs_text(runs))
            }
            _ => None,
        });
        if let Some(h) = heading {
            let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&h), "{}: heading {h}", d.key);
        }
        let cell = blocks.iter().find_map(|b| match b {
            ready20k_domain::documents::markdown::Block::Table { rows, .. } => rows
                .first()
                .and_then(|r| r.first())
                .map(|c| ready20k_domain::documents::markdown::runs_text(c)),
            _ => None,
        });
        if let Some(c) = cell {
            let first_word = c.split_whitespace().next().unwrap_or_default();
            assert!(flat.contains(first_word), "{}: table cell {c}", d.key);
        }
    }
}
