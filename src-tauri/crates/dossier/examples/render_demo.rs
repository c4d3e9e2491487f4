//! Render the demo firm's dossier: `cargo run -p ready20k-dossier --example render_demo
//! [--release] -- [out.pdf] [full|stage1|summary]` (default `/tmp/dossier-demo.pdf`, the full
//! pack). Creates the demo project in a temporary directory, builds the pack dated 12 March
//! 2026 and prints the page count, the size, the missing glyphs and the median render time of
//! 10 runs.

use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use ready20k_domain::clock::FixedClock;
use ready20k_dossier::build::{DossierOptions, Pack, build};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .unwrap_or_else(|| "/tmp/dossier-demo.pdf".into());
    let pack = match args.next() {
        Some(p) => Pack::parse(&p).ok_or_else(|| format!("unknown pack {p:?}"))?,
        None => Pack::Full,
    };
    let dir = tempfile::tempdir()?;
    let clock = Arc::new(FixedClock::at_date(2026, 3, 12).ok_or("bad date")?);
    let project = ready20k_store::demo::create_demo(&dir.path().join("demo.r20k"), clock)?;
    let snap = ready20k_store::snapshot::collect(&project)?;
    project.close()?;
    let lib = ready20k_domain::content::try_library().map_err(|e| e.to_string())?;
    let date = NaiveDate::from_ymd_opt(2026, 3, 12).ok_or("bad date")?;
    let d = build(
        &snap,
        lib,
        &DossierOptions {
            date,
            pack,
            version: None,
        },
    );
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..10 {
        let t = Instant::now();
        let r = ready20k_dossier::render(&d)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(r);
    }
    times.sort_by(f64::total_cmp);
    let r = last.ok_or("no render")?;
    std::fs::write(&out, &r.pdf)?;
    println!(
        "{out}: {} pages, {} bytes, median {:.1} ms (min {:.1}, max {:.1}); missing glyphs {:?} ({} replaced)",
        r.pages,
        r.pdf.len(),
        (times[4] + times[5]) / 2.0,
        times[0],
        times[9],
        r.missing_glyphs,
        r.substitutions
    );
    Ok(())
}
