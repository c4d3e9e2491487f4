//! The rolling backup taken when a project is opened, on the demo firm: a consistent copy
//! through SQLite's backup API, made self-contained and placed atomically (with fsyncs), then
//! the rotation to the newest five.
//!
//! `cargo bench -p ready20k-store --bench rolling_backup`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ready20k_domain::clock::SystemClock;
use ready20k_store::backup::{Backups, KEEP};

fn bench_rolling_backup(c: &mut Criterion) {
    // On disk next to the target dir (not tmpfs), so the fsyncs are real.
    let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
    let demo =
        ready20k_store::demo::create_demo(&dir.path().join("demo.r20k"), Arc::new(SystemClock))
            .unwrap();
    let backups = Backups::new(dir.path().join("backups"), KEEP);
    let bytes = std::fs::metadata(demo.path()).unwrap().len();
    c.bench_function(&format!("rolling_backup_demo_{}KB", bytes / 1024), |b| {
        b.iter(|| backups.take(&demo, &SystemClock).unwrap())
    });
}

criterion_group!(benches, bench_rolling_backup);
criterion_main!(benches);
