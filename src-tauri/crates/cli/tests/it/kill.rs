//! Atomic writes under SIGKILL: `import` and `dossier` are killed while their output is being
//! written (the moment the temporary file appears beside the target), and the next run against
//! the same target leaves nothing but the target beside it.

use std::path::Path;
use std::process::{Command, Stdio};

/// How many runs may be tried until one is killed while writing.
const ATTEMPTS: usize = 60;

fn cli_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ready20k-cli"))
}

fn run_ok(args: &[&str]) {
    let out = cli_bin().args(args).output().expect("run ready20k-cli");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Files in `dir` other than `target`'s own name.
fn beside(dir: &Path, target: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != target)
        .collect();
    names.sort();
    names
}

/// Starts `args`, SIGKILLs it as soon as its temporary file appears beside `target` in `dir`, and
/// returns what was left beside it (empty when the run finished before writing was seen).
fn kill_while_writing(args: &[&str], dir: &Path, target: &str) -> Vec<String> {
    let mut child = cli_bin()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ready20k-cli");
    loop {
        // The temporary file itself (not only the writer's lock file) is there: data is being
        // written.
        if beside(dir, target).iter().any(|n| !n.ends_with(".lock")) {
            // Child::kill sends SIGKILL on unix.
            let _ = child.kill();
            let status = child.wait().unwrap();
            if status.code().is_some() {
                // It finished on its own between the look and the kill.
                return Vec::new();
            }
            return beside(dir, target);
        }
        if child.try_wait().unwrap().is_some() {
            return Vec::new();
        }
        std::thread::yield_now();
    }
}

/// Kills `args` until one kill lands while the output is written, then runs `next` and
/// checks that only the target is left.
fn killed_write_leaves_nothing(args: &[&str], next: &[&str], dir: &Path, target: &str) {
    let mut left = Vec::new();
    for _ in 0..ATTEMPTS {
        let _ = std::fs::remove_file(dir.join(target));
        left = kill_while_writing(args, dir, target);
        if !left.is_empty() {
            break;
        }
    }
    assert!(
        !left.is_empty(),
        "no kill landed while {args:?} was writing in {ATTEMPTS} runs"
    );
    assert!(
        left.iter().all(|n| n.starts_with(&format!(".{target}."))),
        "unexpected files beside {target}: {left:?}"
    );
    // The next run against the same target: whether it writes or refuses (the killed run may
    // have placed the file already), nothing else is left beside the target.
    let _ = cli_bin().args(next).output().expect("run ready20k-cli");
    assert_eq!(beside(dir, target), Vec::<String>::new());
    assert!(dir.join(target).exists());
}

#[test]
fn killed_import_and_dossier_leave_nothing_after_the_next_run() {
    let work = tempfile::tempdir().unwrap();
    let demo = work.path().join("demo.r20k");
    let json = work.path().join("demo.json");
    let demo_s = demo.to_str().unwrap();
    let json_s = json.to_str().unwrap();
    run_ok(&["demo", "--date", "2026-09-01", demo_s]);
    run_ok(&["export", demo_s, "-o", json_s]);

    let out = tempfile::tempdir().unwrap();
    let project = out.path().join("imported.r20k");
    let project_s = project.to_str().unwrap();
    let import = ["import", json_s, project_s];
    killed_write_leaves_nothing(&import, &import, out.path(), "imported.r20k");

    let pdfs = tempfile::tempdir().unwrap();
    let pdf = pdfs.path().join("dossier.pdf");
    let dossier = [
        "dossier",
        demo_s,
        "--date",
        "2026-09-01",
        "--out",
        pdf.to_str().unwrap(),
    ];
    killed_write_leaves_nothing(&dossier, &dossier, pdfs.path(), "dossier.pdf");
}
