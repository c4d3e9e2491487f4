//! Where the time of a dossier goes, phase by phase, for a project file:
//! `cargo run --release -p ready20k-dossier --example profile_phases -- PROJECT.r20k [full|stage1|summary]`.
//! Prints the median of 10 runs of each phase in milliseconds: content library, project
//! snapshot, model, layout, and PDF writing (render minus layout).

use std::time::Instant;

use chrono::NaiveDate;
use ready20k_dossier::build::{DossierOptions, Pack, build};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or("usage: profile_phases PROJECT.r20k [pack]")?;
    let pack = match args.next() {
        Some(p) => Pack::parse(&p).ok_or_else(|| format!("unknown pack {p:?}"))?,
        None => Pack::Full,
    };
    let t = Instant::now();
    let lib = ready20k_domain::content::try_library().map_err(|e| e.to_string())?;
    let library_ms = ms(t);
    let mut snap_ms = Vec::new();
    let mut snap = None;
    for _ in 0..10 {
        let t = Instant::now();
        let clock = std::sync::Arc::new(ready20k_domain::clock::SystemClock);
        let project = ready20k_store::Project::open(std::path::Path::new(&file), clock)?;
        snap = Some(ready20k_store::snapshot::collect(&project)?);
        project.close()?;
        snap_ms.push(ms(t));
    }
    let snap = snap.ok_or("no snapshot")?;
    let opts = DossierOptions {
        date: NaiveDate::from_ymd_opt(2026, 3, 12).ok_or("bad date")?,
        pack,
        version: None,
    };
    let (mut build_ms, mut layout_ms, mut render_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut pages = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let d = build(&snap, lib, &opts);
        build_ms.push(ms(t));
        let t = Instant::now();
        let doc = ready20k_dossier::layout::layout(&d)?;
        layout_ms.push(ms(t));
        pages = doc.pages.len();
        let t = Instant::now();
        ready20k_dossier::render(&d)?;
        render_ms.push(ms(t));
    }
    let (l, r) = (median(layout_ms), median(render_ms));
    println!(
        "{pages} pages: library {library_ms:.1} ms (once), snapshot {:.1}, model {:.1}, \
         layout {l:.1}, pdf {:.1}, render total {r:.1}",
        median(snap_ms),
        median(build_ms),
        r - l
    );
    Ok(())
}
