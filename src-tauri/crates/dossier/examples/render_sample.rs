//! Render the built-in sample dossier: `cargo run -p ready20k-dossier --example render_sample
//! [--release] -- [out.pdf]` (default `/tmp/dossier-sample.pdf`). Prints the page count, the
//! size, the missing glyphs and the median render time of 10 runs.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/dossier-sample.pdf".into());
    let d = ready20k_dossier::sample::sample();
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
