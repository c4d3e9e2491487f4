//! Save As writes a consistent copy that opens with the same data, keeps the original open
//! and locked, and never overwrites a file that is not a Ready20k project.

use ready20k_store::{Project, journal};
use ready20k_tests::{
    create_project, files_starting_with, fixed_clock, journal_rows, sha256_file, sidecars,
};

#[test]
fn save_as_copies_the_data_and_keeps_the_original_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = create_project(dir.path(), "a.r20k", "Original Firm").unwrap();
    original.rename_firm("Renamed Firm").unwrap();
    for i in 0..50 {
        journal::insert(original.conn(), &original.now(), "note", &format!("n{i}")).unwrap();
    }
    let dest = dir.path().join("copy.r20k");
    let copy = original.save_as(&dest).unwrap();

    assert_eq!(copy.path(), std::path::absolute(&dest).unwrap());
    assert_eq!(copy.firm_name().unwrap(), "Renamed Firm");
    assert_eq!(
        journal_rows(copy.conn()).unwrap(),
        journal_rows(original.conn()).unwrap()
    );
    assert_eq!(copy.info().unwrap().counts, original.info().unwrap().counts);
    assert!(
        files_starting_with(dir.path(), "copy.r20k-saving")
            .unwrap()
            .is_empty()
    );

    // Both stay open and locked.
    assert_eq!(
        Project::open(&path, fixed_clock()).unwrap_err().code(),
        "already_open"
    );
    assert_eq!(
        Project::open(&dest, fixed_clock()).unwrap_err().code(),
        "already_open"
    );
    // And they are independent files.
    original.rename_firm("Only The Original").unwrap();
    assert_eq!(copy.firm_name().unwrap(), "Renamed Firm");
    copy.close().unwrap();

    let reopened = Project::open(&dest, fixed_clock()).unwrap();
    assert_eq!(reopened.firm_name().unwrap(), "Renamed Firm");
    assert_eq!(
        journal::list_by_kind(reopened.conn(), "note")
            .unwrap()
            .len(),
        50
    );
    reopened.close().unwrap();
    assert_eq!(original.firm_name().unwrap(), "Only The Original");
    original.close().unwrap();
}

#[test]
fn save_as_replaces_a_closed_project_but_not_an_open_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_, original) = create_project(dir.path(), "a.r20k", "Original Firm").unwrap();
    let (closed, other) = create_project(dir.path(), "old.r20k", "Old Firm").unwrap();
    other.close().unwrap();
    let copy = original.save_as(&closed).unwrap();
    assert_eq!(copy.firm_name().unwrap(), "Original Firm");

    // `copy` now holds old.r20k: saving over it again is refused and changes nothing.
    let before = sha256_file(&closed).unwrap();
    let err = original.save_as(&closed).unwrap_err();
    assert_eq!(err.code(), "already_open", "{err}");
    assert_eq!(copy.firm_name().unwrap(), "Original Firm");
    copy.close().unwrap();
    assert_eq!(sha256_file(&closed).unwrap(), before);
}

#[test]
fn save_as_refuses_a_file_that_is_not_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = create_project(dir.path(), "a.r20k", "Original Firm").unwrap();
    for (name, bytes) in [
        (
            "thesis.docx",
            b"PK\x03\x04 a word document, surely".to_vec(),
        ),
        ("empty.r20k", Vec::new()),
        ("notes.r20k", b"Do not overwrite me.\n".repeat(50)),
    ] {
        let dest = dir.path().join(name);
        std::fs::write(&dest, &bytes).unwrap();
        let err = original.save_as(&dest).unwrap_err();
        assert_eq!(err.code(), "not_allowed", "{name}: {err}");
        assert_eq!(std::fs::read(&dest).unwrap(), bytes, "{name} was modified");
        assert!(sidecars(&dest).is_empty());
    }
    // Onto itself is refused as well.
    assert_eq!(original.save_as(&path).unwrap_err().code(), "not_allowed");
    assert!(files_starting_with(dir.path(), "thesis.").unwrap().len() == 1);
    assert!(
        files_starting_with(dir.path(), "notes.r20k-")
            .unwrap()
            .is_empty()
    );
    // The original is still usable.
    original.rename_firm("Still Here").unwrap();
    original.close().unwrap();
}
