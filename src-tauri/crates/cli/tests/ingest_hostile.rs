//! The real `nocomelon ingest` on every hostile file, light and heavy, and on paths that aren't
//! files: the right answer, a non-zero exit with the plain message for a refusal, never a hang,
//! and never more than 512 MB resident.
//!
//! The kernel charges a child with the peak memory of the process that started it (inherited
//! at exec), and this test process grows large making the heavy files. So each ingest is
//! started from a fresh copy of this test binary running only `one_ingest_stays_under_512_mb`,
//! whose sole child the ingest is; that copy checks the answer and the peak itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use hostile_files::{corpus, memory, Expect};

/// Far longer than any ingest takes in a debug build; a case still running then is hung.
const DEADLINE: Duration = Duration::from_secs(120);
/// Given to the fresh copy: the file to ingest, and the answer it must get.
const CASE_FILE: &str = "NOCOMELON_TEST_CASE_FILE";
const CASE_EXPECT: &str = "NOCOMELON_TEST_CASE_EXPECT";

/// Runs `nocomelon ingest <file> --json` in a fresh data folder, killing it at the deadline.
fn ingest(file: &Path) -> (Output, Duration) {
    let data = tempfile::tempdir().expect("data dir");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
        .arg("ingest")
        .arg(file)
        .arg("--json")
        .env("NOCOMELON_DATA_DIR", data.path())
        .env_remove("NOCOMELON_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nocomelon starts");
    while child.try_wait().expect("waiting for nocomelon").is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("nocomelon ingest {} still running after {DEADLINE:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (child.wait_with_output().expect("its output"), started.elapsed())
}

fn check(what: &str, expect: Expect, output: &Output) {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{what}: stdout is not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout))
    });
    match expect {
        Expect::Accepted { width, height } => {
            assert!(output.status.success(), "{what}: {}", String::from_utf8_lossy(&output.stderr));
            let size = (report["width"].as_u64(), report["height"].as_u64());
            assert_eq!(size, (Some(width.into()), Some(height.into())), "{what}");
        }
        Expect::Refused(code) => {
            assert!(!output.status.success(), "{what}: accepted instead of refused as {code}");
            assert_eq!(report["error"]["code"], code, "{what}: {report}");
            let message = report["error"]["message"].as_str().expect("a message");
            assert_eq!(
                String::from_utf8_lossy(&output.stderr).trim(),
                message,
                "{what}: the same words on stderr"
            );
        }
    }
}

fn expect_to_text(expect: Expect) -> String {
    match expect {
        Expect::Accepted { width, height } => format!("{width}x{height}"),
        Expect::Refused(code) => code.to_string(),
    }
}

fn expect_from_text(text: &str) -> Expect {
    let size = text.split_once('x').and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
    match size {
        Some((width, height)) => Expect::Accepted { width, height },
        // This copy of the binary checks one case and exits.
        None => Expect::Refused(String::leak(text.to_string())),
    }
}

#[test]
fn one_ingest_stays_under_512_mb() {
    let (Some(file), Ok(expect)) = (std::env::var_os(CASE_FILE), std::env::var(CASE_EXPECT)) else {
        // Started with the rest of the tests: measure the smallest picture the app takes, in a
        // fresh copy, as every case is (this process's other children would count here too).
        let scratch = tempfile::tempdir().expect("scratch");
        let case = corpus().into_iter().find(|case| case.name == "smallest.png").expect("the case");
        let file = scratch.path().join(case.name);
        std::fs::write(&file, case.bytes()).expect("write the case");
        measured(case.name, &file, case.expect);
        return;
    };
    let file = PathBuf::from(file);
    let (output, took) = ingest(&file);
    check(&file.display().to_string(), expect_from_text(&expect), &output);
    let peak = memory::children_peak_kib();
    println!("measured: peak {peak} KiB in {} ms", took.as_millis());
    if cfg!(unix) {
        assert!(peak > 0, "the peak was measured");
    }
    assert!(peak <= memory::GOAL_MIB * 1024, "{} reached {:.1} MiB", file.display(), peak as f64 / 1024.0);
}

/// Runs `one_ingest_stays_under_512_mb` in a fresh copy of this binary; its peak in KiB.
fn measured(what: &str, file: &Path, expect: Expect) -> u64 {
    let output = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "one_ingest_stays_under_512_mb", "--nocapture", "--test-threads=1"])
        .env(CASE_FILE, file)
        .env(CASE_EXPECT, expect_to_text(expect))
        .output()
        .expect("a copy of this test runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{what}:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let peak = stdout
        .lines()
        .find_map(|line| line.split("measured: peak ").nth(1)?.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{what}: no measurement in\n{stdout}"));
    println!("{what:<40} {:>8.1} MiB", peak as f64 / 1024.0);
    peak
}

#[test]
fn every_hostile_file_gets_its_answer_from_the_binary_within_512_mb() {
    let scratch = tempfile::tempdir().expect("scratch");
    let mut worst = (String::new(), 0);
    for case in corpus() {
        let file = scratch.path().join(case.name);
        std::fs::write(&file, case.bytes()).expect("write the case");
        let peak = measured(case.name, &file, case.expect);
        std::fs::remove_file(&file).expect("remove the case");
        if peak > worst.1 {
            worst = (case.name.to_string(), peak);
        }
    }
    #[cfg(unix)]
    {
        let picture =
            hostile_files::png::encode(image::DynamicImage::ImageRgb8(hostile_files::marked(96, 64)));
        let specials = hostile_files::special::make(&picture, (96, 64));
        for case in &specials.cases {
            measured(case.name, &case.path, case.expect);
        }
    }
    println!("worst: {} at {:.1} MiB", worst.0, worst.1 as f64 / 1024.0);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_with_the_message() {
    let picture = hostile_files::png::encode(image::DynamicImage::ImageRgb8(hostile_files::marked(96, 64)));
    let specials = hostile_files::special::make(&picture, (96, 64));
    let fifo = specials.cases.iter().find(|case| case.name == "a pipe").expect("the FIFO");
    let (output, took) = ingest(&fifo.path);
    assert!(!output.status.success());
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("pipe.png") && stderr.contains("isn't a file but a pipe"), "{stderr}");
}
