//! Scores the full embedded question bank with a mixed answer set.
//!
//! `cargo bench -p ready20k-domain --bench scoring`

#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ready20k_domain::content;
use ready20k_domain::scoring::{Answer, MaturityLevel, score};

/// A deterministic mix: every level, evidence on two answers in three, one in eight unanswered.
fn mixed_answers(questions: &[content::Question]) -> BTreeMap<String, Answer> {
    questions
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 8 != 7)
        .map(|(i, q)| {
            let level = MaturityLevel::ALL[(i * 7 + 3) % MaturityLevel::ALL.len()];
            (q.id.clone(), Answer::new(level, i % 3 != 0))
        })
        .collect()
}

fn bench_scoring(c: &mut Criterion) {
    let questions = &content::library().questions;
    let answers = mixed_answers(questions);
    c.bench_function(
        &format!("score full bank ({} questions)", questions.len()),
        |b| b.iter(|| score(black_box(questions), black_box(&answers))),
    );
}

criterion_group!(benches, bench_scoring);
criterion_main!(benches);
