//! `ready20k-cli docs`: every approved document of the demo firm as .docx, PDF or Markdown,
//! and clear refusals of bad input.

use crate::{cli, cli_ok, demo_project, path_arg};

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn docs_writes_every_approved_document_in_each_format() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = demo_project(tmp.path());
    let mut counts = Vec::new();
    for (format, magic) in [
        ("docx", b"PK".as_slice()),
        ("pdf", b"%PDF-".as_slice()),
        ("md", b"# ".as_slice()),
    ] {
        let out = tmp.path().join(format).join("nested");
        let o = cli_ok(&[
            "docs",
            path_arg(&demo),
            "-o",
            path_arg(&out),
            "--format",
            format,
        ]);
        let stdout = String::from_utf8_lossy(&o.stdout);
        let files = names(&out);
        assert!(files.len() >= 5, "{files:?}");
        assert!(
            files
                .iter()
                .any(|f| f == &format!("DOC-SM-POLICY Service management policy v1.0.{format}")),
            "{files:?}"
        );
        for f in &files {
            assert!(f.ends_with(&format!(".{format}")), "{f}");
            assert!(stdout.contains(f.as_str()), "{f} not reported: {stdout}");
            let bytes = std::fs::read(out.join(f)).unwrap();
            assert!(bytes.starts_with(magic), "{f}");
        }
        assert!(
            stdout.contains(&format!("{} approved documents as .{format}", files.len())),
            "{stdout}"
        );
        counts.push(files.len());
    }
    assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
    // The default format is .docx; --only writes one document.
    let one = tmp.path().join("one");
    cli_ok(&[
        "docs",
        path_arg(&demo),
        "-o",
        path_arg(&one),
        "--only",
        "DOC-SM-POLICY",
    ]);
    assert_eq!(
        names(&one),
        vec!["DOC-SM-POLICY Service management policy v1.0.docx"]
    );
}

#[test]
fn docs_refuses_bad_input_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let demo = demo_project(tmp.path());
    let a_file = tmp.path().join("a-file.txt");
    std::fs::write(&a_file, "x").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["docs", path_arg(&demo), "-o", path_arg(&a_file)],
            "not a folder",
        ),
        (
            vec!["docs", path_arg(&demo), "-o", "out", "--format", "odt"],
            "odt",
        ),
        (
            vec!["docs", path_arg(&demo), "-o", "out", "--only", "DOC-NOPE"],
            "no approved document DOC-NOPE",
        ),
        (
            vec!["docs", path_arg(&demo), "-o", "out", "--date", "12/03/2026"],
            "--date",
        ),
        (vec!["docs", "/nonexistent/x.r20k", "-o", "out"], "error"),
    ];
    for (args, needle) in cases {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    // A new project has nothing approved.
    let empty = tmp.path().join("empty.r20k");
    cli_ok(&["new", path_arg(&empty), "--firm", "Empty Ltd"]);
    let out = cli(&[
        "docs",
        path_arg(&empty),
        "-o",
        path_arg(&tmp.path().join("e")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no approved document yet"));
}
