//! Criterion benchmark of the demo firm's dossier, in process: `build` (snapshot -> model)
//! and `render` (model -> PDF bytes) for each pack. Run with
//! `cargo bench -p ready20k-dossier --bench dossier`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ready20k_domain::clock::FixedClock;
use ready20k_dossier::build::{DossierOptions, Pack, build};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.r20k");
    let clock = Arc::new(FixedClock::at_date(2026, 3, 12).unwrap());
    let project = ready20k_store::demo::create_demo(&path, clock).unwrap();
    let snap = ready20k_store::snapshot::collect(&project).unwrap();
    project.close().unwrap();
    let lib = ready20k_domain::content::try_library().unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    let mut g = c.benchmark_group("demo_dossier");
    g.sample_size(20);
    for pack in Pack::ALL {
        let opts = DossierOptions {
            date,
            pack,
            version: None,
        };
        g.bench_function(format!("build_{}", pack.as_str()), |b| {
            b.iter(|| build(&snap, lib, &opts))
        });
        let model = build(&snap, lib, &opts);
        g.bench_function(format!("render_{}", pack.as_str()), |b| {
            b.iter(|| ready20k_dossier::render(&model).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
