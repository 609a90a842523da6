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

/// A PNG header claiming 30000 x 30000 pixels, followed by a token of image data: what a bomb
/// looks like to the header check.
fn bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 13u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(b"IHDR");
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let crc = crc32(&ihdr[4..]);
    ihdr.extend_from_slice(&crc.to_be_bytes());
    png.extend(ihdr);
    png.extend_from_slice(&[0, 0, 0, 0, b'I', b'D', b'A', b'T', 0x35, 0xAF, 0x06, 0x1E]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
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
    let bomb = bomb();
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
