//! A process that panics leaves a readable report in the log folder. The test re-runs its own
//! binary as a process that installs the report and panics.

use std::process::Command;

const CRASH_INTO: &str = "DIAGNOSTICS_CRASH_INTO";

#[test]
fn a_panic_leaves_a_report_that_says_what_and_where() {
    if let Some(folder) = std::env::var_os(CRASH_INTO) {
        diagnostics::install_crash_reports(std::path::Path::new(&folder), "9.8.7");
        let drawings: Vec<u32> = Vec::new();
        // An out-of-range index: a bug a parent could meet.
        let _ = drawings[usize::from(drawings.is_empty())];
        return;
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let logs = folder.path().join("logs");
    let output = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "a_panic_leaves_a_report_that_says_what_and_where",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CRASH_INTO, &logs)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the crashing process runs");
    assert!(!output.status.success(), "the process crashed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("NoComelon stopped unexpectedly. A report is in"), "{stderr}");

    let reports: Vec<_> = std::fs::read_dir(&logs).expect("the log folder was made").flatten().collect();
    assert_eq!(reports.len(), 1, "one report");
    let name = reports[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with(diagnostics::CRASH_REPORT_PREFIX) && name.ends_with(".txt"), "{name}");
    let report = std::fs::read_to_string(reports[0].path()).expect("readable");
    assert!(report.starts_with("NoComelon 9.8.7 stopped unexpectedly."), "{report}");
    assert!(report.contains("index out of bounds"), "says what went wrong: {report}");
    assert!(report.contains("tests/crash_report.rs:"), "says where: {report}");
    assert!(report.contains("The steps that led there:"), "{report}");
}

#[test]
fn the_log_goes_to_a_dated_file_in_the_folder() {
    let folder = tempfile::tempdir().expect("temp dir");
    diagnostics::init_logging(Some(folder.path()));
    tracing::info!(drawing = "pig.png", "drawing stored");
    let files: Vec<_> = std::fs::read_dir(folder.path()).expect("folder").flatten().collect();
    assert_eq!(files.len(), 1, "one log file");
    let name = files[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with("nocomelon.") && name.ends_with(".log"), "{name}");
    let text = std::fs::read_to_string(files[0].path()).expect("readable");
    assert!(text.contains("drawing stored") && text.contains("pig.png"), "{text}");
}
