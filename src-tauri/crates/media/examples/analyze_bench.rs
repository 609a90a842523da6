//! Prints how long ingest and analysis take on each fixture drawing, plus how fast a
//! decompression bomb is refused. Run with
//! `cargo run -p media --release --example analyze_bench [-- <runs>]`.

use std::time::{Duration, Instant};

use media::{analyze, ingest_bytes, IngestLimits};

const FIXTURES: [&str; 5] =
    ["garlic-photo.png", "bug-six-arms.png", "pig.png", "boy-purple.png", "girl-pencil.png"];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(5).max(1);
    let dir = fixtures::drawings_dir();
    let limits = IngestLimits::default();
    println!("median of {runs} runs (release build recommended)");
    println!(
        "{:<18} {:>11} {:>11} {:>11} {:>12}  figure",
        "fixture", "source", "ingest ms", "analyze ms", "analyzed at"
    );
    for name in FIXTURES {
        let path = dir.join(name);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!(
                    "cannot read {}: {error} (the fixture drawings are part of the repository)",
                    path.display()
                );
                std::process::exit(1);
            }
        };
        let mut ingest_times = Vec::new();
        let mut ingested = None;
        for _ in 0..runs {
            let start = Instant::now();
            let result = ingest_bytes(&bytes, &limits);
            ingest_times.push(start.elapsed());
            ingested = Some(result);
        }
        let ingested = match ingested {
            Some(Ok(ingested)) => ingested,
            Some(Err(error)) => {
                eprintln!("{name} was refused: {error}");
                std::process::exit(1);
            }
            None => {
                eprintln!("{name} was not run");
                std::process::exit(1);
            }
        };
        let mut analyze_times = Vec::new();
        let mut found = None;
        for _ in 0..runs {
            let start = Instant::now();
            let result = analyze(&ingested.image);
            analyze_times.push(start.elapsed());
            found = Some(result);
        }
        let figure =
            found.map(|f| format!("found={} box={:?}", f.found, f.analysis.figure_box)).unwrap_or_default();
        println!(
            "{:<18} {:>11} {:>11.1} {:>11.1} {:>12}  {}",
            name,
            format!("{} KB", bytes.len() / 1024),
            ms(median(ingest_times)),
            ms(median(analyze_times)),
            format!("{}x{}", ingested.image.width(), ingested.image.height()),
            figure
        );
    }
    // A real 30000 x 30000 PNG of zeros, a few hundred kilobytes on disk.
    let bomb = hostile_files::png::zeros(30_000, 30_000);
    let mut bomb_times = Vec::new();
    let mut code = "";
    for _ in 0..runs {
        let start = Instant::now();
        let result = ingest_bytes(&bomb, &limits);
        bomb_times.push(start.elapsed());
        code = result.err().map_or("accepted!", |error| error.code());
    }
    println!(
        "30000x30000 PNG bomb ({} bytes): refused as {code} in {:.3} ms",
        bomb.len(),
        ms(median(bomb_times))
    );
}
