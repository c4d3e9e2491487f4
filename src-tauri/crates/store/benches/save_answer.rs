//! Saves one self-assessment answer into a project file on disk: one transaction with the
//! upsert, the journal entry and the project's `updated_at`, committed with WAL +
//! `synchronous = FULL` (so each iteration includes the fsync).
//!
//! `cargo bench -p ready20k-store --bench save_answer`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ready20k_domain::assessment::AnswerRecord;
use ready20k_domain::clock::SystemClock;
use ready20k_domain::content::library;
use ready20k_domain::scoring::MaturityLevel;
use ready20k_store::Project;
use ready20k_store::assessment::answers;

fn bench_save_answer(c: &mut Criterion) {
    // On disk next to the target dir (not tmpfs), so the fsync is real.
    let dir = tempfile::tempdir_in(env!("CARGO_MANIFEST_DIR")).unwrap();
    let mut project = Project::create(
        &dir.path().join("bench.r20k"),
        "Bench IT",
        Arc::new(SystemClock),
    )
    .unwrap();
    let questions = &library().questions;
    let mut i = 0usize;
    c.bench_function("save one answer (WAL, synchronous=FULL)", |b| {
        b.iter(|| {
            let q = &questions[i % questions.len()];
            let level = MaturityLevel::ALL[i % MaturityLevel::ALL.len()];
            i += 1;
            let answer = AnswerRecord {
                question_id: q.id.clone(),
                level,
                note: "Checked with the service desk lead".into(),
                ..AnswerRecord::default()
            };
            black_box(answers::save_answer(&mut project, &answer).unwrap())
        })
    });
    project.close().unwrap();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(200);
    targets = bench_save_answer
}
criterion_main!(benches);
