use chrono::NaiveDate;

use super::*;
use crate::model::{Cover, Dossier, Meta};

fn doc(key: &str, title: &str, body: &str) -> ApprovedDocument {
    let date = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap_or_default();
    ApprovedDocument {
        key: key.into(),
        title: title.into(),
        firm: "Acme | IT".into(),
        version: "1.2".into(),
        approved_on: Some(date),
        control: vec![
            ("Reference".into(), key.into()),
            ("Version".into(), "1.2".into()),
            ("Changes".into(), "Split\nin two | lines".into()),
        ],
        body: body.into(),
        file_note: None,
        model: Dossier {
            meta: Meta {
                title: title.into(),
                firm: "Acme".into(),
                version: "1.2".into(),
                date,
                author: "Acme".into(),
                subject: String::new(),
            },
            cover: Cover {
                firm: "Acme".into(),
                scope_summary: String::new(),
                version_line: String::new(),
                date_line: String::new(),
                verdict: Vec::new(),
                details: Vec::new(),
                labels: None,
            },
            front: Vec::new(),
            sections: Vec::new(),
            watermark: None,
        },
    }
}

#[test]
fn file_names_are_safe_and_keep_id_title_and_version() {
    let d = doc("DOC-SMS-POLICY", "SMS policy", "");
    assert_eq!(
        file_name(&d, DocFormat::Docx),
        "DOC-SMS-POLICY SMS policy v1.2.docx"
    );
    let d = doc("OWN-1", "../Access: who/what?  \"now\"\t<x>|", "");
    let name = file_name(&d, DocFormat::Md);
    assert_eq!(name, "OWN-1 ..-Access- who-what- -now- -x-- v1.2.md");
    let d = doc("OWN-2", &"é".repeat(300), "");
    let name = file_name(&d, DocFormat::Pdf);
    assert!(name.chars().count() <= MAX_STEM_CHARS + 4, "{name}");
    assert!(
        name.ends_with(".pdf") && name.starts_with("OWN-2 éé"),
        "{name}"
    );
    let d = doc("", "...", "");
    let name = file_name(&d, DocFormat::Docx);
    assert!(!name.starts_with('.'), "{name}");
}

#[test]
fn markdown_has_title_control_table_and_text_once() {
    let d = doc(
        "DOC-X",
        "Change policy",
        "# Change policy\n\n## Scope\n\nAll changes.\n",
    );
    let md = markdown::write(&d);
    assert!(md.starts_with("# Change policy\n\n*Acme \\| IT · DOC-X · version 1.2*\n"));
    assert!(
        md.contains("| Reference | DOC-X |\n| Version | 1.2 |\n"),
        "{md}"
    );
    assert!(md.contains("| Changes | Split in two \\| lines |"), "{md}");
    assert!(md.ends_with("## Scope\n\nAll changes.\n"), "{md}");
    assert_eq!(md.matches("Change policy").count(), 1, "{md}");
    // A first heading that is not the title stays.
    let d = doc("DOC-X", "Change policy", "# Purpose\n\nWhy.\n");
    assert!(markdown::write(&d).contains("# Purpose\n\nWhy.\n"));
}

#[test]
fn a_version_issued_as_a_file_says_so_in_every_format() {
    let mut d = doc("DOC-X", "Own file", "");
    d.file_note = Some("This version was issued as the file x.pdf".into());
    assert!(markdown::write(&d).contains("issued as the file x.pdf"));
    let bytes = docx::write(&d).unwrap_or_default();
    assert_eq!(&bytes[..2], b"PK");
}
