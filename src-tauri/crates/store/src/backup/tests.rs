#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{Duration, TimeZone};
use ready20k_domain::clock::{FixedClock, SettableClock};

use super::*;
use crate::testing::names;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, 30, 0).unwrap()
}

/// A project `acme.r20k` in `dir/work` and a backup root in `dir/appdata/backups`.
fn setup(dir: &Path, keep: usize) -> (Project, Backups) {
    let work = dir.join("work");
    fs::create_dir_all(&work).unwrap();
    let project = Project::create(
        &work.join("acme.r20k"),
        "Acme IT",
        Arc::new(FixedClock(start())),
    )
    .unwrap();
    (project, Backups::new(dir.join("appdata/backups"), keep))
}

#[test]
fn stamps_read_back_in_time_order_and_other_names_are_not_backups() {
    let a = Stamp::parse("20261207T093000.000Z.r20k").unwrap();
    let b = Stamp::parse("20261207T093000.000Z-2.r20k").unwrap();
    let c = Stamp::parse("20261207T093000.001Z.r20k").unwrap();
    assert!(a < b && b < c);
    assert_eq!(a.at, start());
    assert_eq!(b.file_name(), "20261207T093000.000Z-2.r20k");
    for other in [
        "origin.txt",
        "20261207T093000.000Z.r20k-wal",
        "20261207T093000.000Z-x.r20k",
        "20261207T093000.000Z-.r20k",
        "acme.r20k",
        ".20261207T093000.000Z.r20k.77.tmp",
    ] {
        assert_eq!(Stamp::parse(other), None, "{other}");
    }
}

#[test]
fn rotation_keeps_the_newest_and_lists_them_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (project, backups) = setup(dir.path(), 3);
    let clock = SettableClock::new(start());
    let mut taken = Vec::new();
    for hour in 0..5 {
        clock.set(start() + Duration::hours(hour));
        taken.push(backups.take(&project, &clock).unwrap());
    }
    let list = backups.list(project.path()).unwrap();
    let expected: Vec<_> = taken.iter().rev().take(3).cloned().collect();
    assert_eq!(list, expected);
    assert_eq!(list[0].taken_at, "2026-12-07T13:30:00+00:00");
    assert_eq!(list[2].taken_at, "2026-12-07T11:30:00+00:00");
    let folder = backups.folder_for(project.path()).unwrap();
    assert_eq!(
        names(&folder),
        [
            "20261207T113000.000Z.r20k",
            "20261207T123000.000Z.r20k",
            "20261207T133000.000Z.r20k",
            "origin.txt",
        ]
    );
    assert!(
        fs::read_to_string(folder.join(ORIGIN))
            .unwrap()
            .contains("acme.r20k")
    );
}

#[test]
fn pruning_removes_only_the_oldest_backups() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "20261201T000000.000Z.r20k",
        "20261203T000000.000Z.r20k",
        "20261202T000000.000Z-2.r20k",
        "20261202T000000.000Z.r20k",
        "origin.txt",
        "notes.r20k",
    ] {
        fs::write(dir.path().join(name), b"x").unwrap();
    }
    let removed = prune(dir.path(), 2).unwrap();
    let removed: Vec<_> = removed
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        removed,
        ["20261201T000000.000Z.r20k", "20261202T000000.000Z.r20k"]
    );
    assert_eq!(
        names(dir.path()),
        [
            "20261202T000000.000Z-2.r20k",
            "20261203T000000.000Z.r20k",
            "notes.r20k",
            "origin.txt"
        ]
    );
    assert!(prune(&dir.path().join("none"), 2).unwrap().is_empty());
}

#[test]
fn backups_within_one_millisecond_are_counted_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (project, backups) = setup(dir.path(), 5);
    let clock = FixedClock(start());
    let first = backups.take(&project, &clock).unwrap();
    project.rename_firm("Acme IT Two").unwrap();
    let second = backups.take(&project, &clock).unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.path.ends_with("20261207T093000.000Z-2.r20k"));
    assert_eq!(
        backups.list(project.path()).unwrap(),
        [second.clone(), first.clone()]
    );
    let firm = |p: &str| {
        let c = Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        c.query_row("SELECT firm_name FROM project", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
    };
    assert_eq!(firm(&first.path), "Acme IT");
    assert_eq!(firm(&second.path), "Acme IT Two");
}

#[test]
fn a_backup_is_a_complete_project_kept_outside_the_users_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (project, backups) = setup(dir.path(), 5);
    // A committed write that may still sit in the WAL is in the copy.
    project.rename_firm("Acme Managed Services").unwrap();
    let before = names(&dir.path().join("work"));
    let entry = backups.take(&project, &FixedClock(start())).unwrap();
    assert_eq!(names(&dir.path().join("work")), before);
    let path = PathBuf::from(&entry.path);
    assert!(path.starts_with(dir.path().join("appdata/backups")));
    assert_eq!(entry.bytes, fs::metadata(&path).unwrap().len());
    let folder = path.parent().unwrap();
    // Only the backup and the note: no WAL, no temporary file.
    assert_eq!(names(folder), ["20261207T093000.000Z.r20k", "origin.txt"]);
    let copy = Project::open(&path, Arc::new(FixedClock(start()))).unwrap();
    assert_eq!(copy.firm_name().unwrap(), "Acme Managed Services");
    assert_eq!(copy.info().unwrap().counts, project.info().unwrap().counts);
}

#[test]
fn projects_with_the_same_name_in_different_folders_keep_apart() {
    let dir = tempfile::tempdir().unwrap();
    let backups = Backups::new(dir.path().join("b"), 5);
    let a = backups.folder_for(Path::new("/one/acme.r20k")).unwrap();
    let b = backups.folder_for(Path::new("/two/acme.r20k")).unwrap();
    assert_ne!(a, b);
    let name = a.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("acme-") && name.len() == "acme-".len() + 16,
        "{name}"
    );
    let odd = backups
        .folder_for(Path::new("/x/Acme: IT/Ltd?.r20k"))
        .unwrap();
    assert!(
        odd.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("Ltd_-")
    );
}

#[test]
fn restoring_copies_a_known_backup_to_a_new_file_and_never_over_one() {
    let dir = tempfile::tempdir().unwrap();
    let (project, backups) = setup(dir.path(), 5);
    let entry = backups.take(&project, &FixedClock(start())).unwrap();
    project.rename_firm("Renamed later").unwrap();
    let clock: Arc<dyn Clock> = Arc::new(FixedClock(start()));

    let existing = dir.path().join("work/taken.r20k");
    fs::write(&existing, b"mine").unwrap();
    let err = backups
        .restore(
            project.path(),
            Path::new(&entry.path),
            &existing,
            clock.clone(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "already_exists");
    assert_eq!(fs::read(&existing).unwrap(), b"mine");

    let stranger = dir.path().join("work/other.r20k");
    fs::copy(&entry.path, &stranger).unwrap();
    let dest = dir.path().join("work/restored.r20k");
    let err = backups
        .restore(project.path(), &stranger, &dest, clock.clone())
        .unwrap_err();
    assert_eq!(err.code(), "not_allowed");
    assert!(!dest.exists());

    let restored = backups
        .restore(project.path(), Path::new(&entry.path), &dest, clock)
        .unwrap();
    assert_eq!(restored.firm_name().unwrap(), "Acme IT");
    assert_eq!(project.firm_name().unwrap(), "Renamed later");
    // The backup itself is unchanged and still listed.
    assert_eq!(backups.list(project.path()).unwrap(), [entry]);
}
