//! The ingest memory benchmark: makes every case of the hostile-file corpus (and the paths that
//! aren't files) in a scratch folder, runs the real `nocomelon ingest` on each with a fresh data
//! folder, and prints each process's peak resident memory next to the 512 MB goal.
//!
//! ```sh
//! cargo build --release -p nocomelon-cli
//! cargo run --release -p hostile-files --example ingest_memory [-- path/to/nocomelon]
//! ```
//!
//! The kernel keeps one peak for all of a process's finished children, so each ingest is
//! started from a fresh copy of this program (`--measure`) whose only child it is.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use hostile_files::{corpus, memory, Expect};

/// Longer than any ingest takes; a case still running then is reported as hanging.
const DEADLINE: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        return match &args[1..] {
            [binary, file, data] => measure(Path::new(binary), Path::new(file), Path::new(data)),
            _ => {
                eprintln!("usage: ingest_memory --measure <nocomelon> <file> <data folder>");
                ExitCode::FAILURE
            }
        };
    }
    let binary = match args.first() {
        Some(path) => PathBuf::from(path),
        None => match sibling_binary() {
            Some(path) => path,
            None => {
                eprintln!("nocomelon not found next to this program; build it first: cargo build --release -p nocomelon-cli");
                return ExitCode::FAILURE;
            }
        },
    };
    run_all(&binary)
}

/// `target/<profile>/nocomelon`, next to `target/<profile>/examples/ingest_memory`.
fn sibling_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join(format!("nocomelon{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}

struct Row {
    name: String,
    expected: String,
    got: String,
    peak_kib: u64,
    millis: u128,
}

fn run_all(binary: &Path) -> ExitCode {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    println!(
        "nocomelon ingest on every hostile file ({}); peak resident memory per process",
        binary.display()
    );
    println!("{:<44} {:<20} {:<20} {:>10} {:>9}", "case", "expected", "got", "peak MiB", "ms");
    let mut rows = Vec::new();
    for case in corpus() {
        let file = scratch.path().join(case.name);
        if let Err(error) = std::fs::write(&file, case.bytes()) {
            eprintln!("could not write {}: {error}", file.display());
            return ExitCode::FAILURE;
        }
        rows.push(measured(binary, case.name, &file, case.expect, scratch.path()));
        let _ = std::fs::remove_file(&file);
    }
    #[cfg(unix)]
    {
        let picture =
            hostile_files::png::encode(image::DynamicImage::ImageRgb8(hostile_files::marked(96, 64)));
        let specials = hostile_files::special::make(&picture, (96, 64));
        for case in &specials.cases {
            rows.push(measured(binary, case.name, &case.path, case.expect, scratch.path()));
        }
    }
    summarize(&rows)
}

fn measured(binary: &Path, name: &str, file: &Path, expect: Expect, scratch: &Path) -> Row {
    let data = scratch.join("data");
    let _ = std::fs::remove_dir_all(&data);
    let expected = match expect {
        Expect::Accepted { .. } => "accepted".to_string(),
        Expect::Refused(code) => code.to_string(),
    };
    let output = std::env::current_exe().and_then(|me| {
        Command::new(me).arg("--measure").arg(binary).arg(file).arg(&data).stderr(Stdio::inherit()).output()
    });
    let line = output.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default();
    let mut fields = line.split_whitespace();
    let got = fields.next().unwrap_or("no answer").to_string();
    let peak_kib = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let millis = fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let row = Row { name: name.to_string(), expected, got, peak_kib, millis };
    let mark = if row.got == row.expected { "" } else { "  <- unexpected" };
    println!(
        "{:<44} {:<20} {:<20} {:>10.1} {:>9}{mark}",
        row.name,
        row.expected,
        row.got,
        row.peak_kib as f64 / 1024.0,
        row.millis
    );
    row
}

fn summarize(rows: &[Row]) -> ExitCode {
    let Some(worst) = rows.iter().max_by_key(|row| row.peak_kib) else {
        return ExitCode::FAILURE;
    };
    let unexpected = rows.iter().filter(|row| row.got != row.expected).count();
    let worst_mib = worst.peak_kib as f64 / 1024.0;
    println!(
        "worst case: {} at {worst_mib:.1} MiB; goal {} MiB ({}); {} of {} cases answered as expected",
        worst.name,
        memory::GOAL_MIB,
        if worst.peak_kib <= memory::GOAL_MIB * 1024 { "met" } else { "MISSED" },
        rows.len() - unexpected,
        rows.len()
    );
    if worst.peak_kib > memory::GOAL_MIB * 1024 || unexpected > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs one ingest as this process's only child and prints `answer peak_kib millis`.
fn measure(binary: &Path, file: &Path, data: &Path) -> ExitCode {
    let started = Instant::now();
    let child = Command::new(binary)
        .arg("ingest")
        .arg(file)
        .arg("--json")
        .env("NOCOMELON_DATA_DIR", data)
        .env_remove("NOCOMELON_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            eprintln!("could not start {}: {error}", binary.display());
            return ExitCode::FAILURE;
        }
    };
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                println!("hung {} {}", memory::children_peak_kib(), started.elapsed().as_millis());
                return ExitCode::SUCCESS;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => {
                eprintln!("waiting for nocomelon: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let millis = started.elapsed().as_millis();
    let mut stdout = String::new();
    if let Some(mut pipe) = child.stdout.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stdout);
    }
    println!("{} {} {millis}", answer(&stdout), memory::children_peak_kib());
    ExitCode::SUCCESS
}

/// "accepted", or the refusal's code, from the `--json` report.
fn answer(json: &str) -> String {
    let Some(at) = json.find("\"code\"") else {
        return if json.contains("\"id\"") { "accepted".into() } else { "no answer".into() };
    };
    json[at + 6..].split('"').nth(1).unwrap_or("no answer").to_string()
}
