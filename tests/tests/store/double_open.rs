//! A project is open in one place only: a second open, in this process or another, is refused
//! while the first holds it, and succeeds once it is closed.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use ready20k_store::Project;
use ready20k_tests::{HOLD_OPENED, HOLD_REFUSED_EXIT, create_project, fixed_clock};

fn spawn_hold(path: &Path) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kill-writer"))
        .arg("hold")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

fn first_line(out: &mut BufReader<ChildStdout>) -> String {
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    line.trim_end().to_string()
}

#[test]
fn second_open_in_the_same_process_is_refused_until_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = create_project(dir.path(), "p.r20k", "Lock Firm").unwrap();
    let err = Project::open(&path, fixed_clock()).unwrap_err();
    assert_eq!(err.code(), "already_open", "{err}");
    // Through another spelling of the same path too.
    let other = dir.path().join(".").join("p.r20k");
    assert_eq!(
        Project::open(&other, fixed_clock()).unwrap_err().code(),
        "already_open"
    );
    // The refused attempts did not disturb the first: it still writes.
    first.rename_firm("Lock Firm Two").unwrap();
    first.close().unwrap();

    let second = Project::open(&path, fixed_clock()).unwrap();
    assert_eq!(second.firm_name().unwrap(), "Lock Firm Two");
    // Dropping (not only closing) releases the lock as well.
    drop(second);
    let third = Project::open(&path, fixed_clock()).unwrap();
    assert_eq!(third.firm_name().unwrap(), "Lock Firm Two");
}

#[test]
fn another_process_is_refused_while_this_one_holds_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = create_project(dir.path(), "p.r20k", "Lock Firm").unwrap();
    let (mut child, mut out) = spawn_hold(&path);
    assert_eq!(first_line(&mut out), "already_open");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(i32::from(HOLD_REFUSED_EXIT)));
    project.close().unwrap();

    // Once closed here, the other process gets it.
    let (mut child, mut out) = spawn_hold(&path);
    assert_eq!(first_line(&mut out), HOLD_OPENED);
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}

#[test]
fn this_process_is_refused_while_another_holds_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = create_project(dir.path(), "p.r20k", "Lock Firm").unwrap();
    project.close().unwrap();
    let (mut child, mut out) = spawn_hold(&path);
    assert_eq!(first_line(&mut out), HOLD_OPENED);
    let err = Project::open(&path, fixed_clock()).unwrap_err();
    assert_eq!(err.code(), "already_open", "{err}");

    // A holder that dies without closing releases the lock too.
    child.kill().unwrap();
    child.wait().unwrap();
    let project = Project::open(&path, fixed_clock()).unwrap();
    assert_eq!(project.firm_name().unwrap(), "Lock Firm");
    project.close().unwrap();
}

#[test]
fn hold_mode_reports_other_refusals_by_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.r20k");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(b"just text, long enough to not matter")
        .unwrap();
    let (mut child, mut out) = spawn_hold(&path);
    assert_eq!(first_line(&mut out), "not_a_project");
    assert_eq!(
        child.wait().unwrap().code(),
        Some(i32::from(HOLD_REFUSED_EXIT))
    );
}
