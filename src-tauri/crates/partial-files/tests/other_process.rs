//! Another process's half-written file is kept while that process lives and swept once it is
//! killed. The test re-runs its own binary as the writer.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

const WRITER_ROOT: &str = "PARTIAL_FILES_WRITER_ROOT";

fn be_a_writer(root: PathBuf) {
    partial_files::hold_lease(&root).expect("lease");
    let partial = root.join(partial_files::partial_name("storybook.mp4"));
    std::fs::write(&partial, b"half a video").expect("write");
    println!("writing {}", partial.display());
    std::thread::sleep(std::time::Duration::from_secs(120));
}

#[test]
fn a_live_writers_partial_file_survives_a_sweep_and_a_killed_ones_does_not() {
    if let Some(root) = std::env::var_os(WRITER_ROOT) {
        be_a_writer(PathBuf::from(root));
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let mut writer = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "a_live_writers_partial_file_survives_a_sweep_and_a_killed_ones_does_not"])
        .args(["--nocapture", "--test-threads=1"])
        .env(WRITER_ROOT, root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer starts");
    let mut lines = BufReader::new(writer.stdout.take().expect("stdout")).lines();
    let partial = loop {
        let line = lines.next().expect("the writer names its file").expect("readable");
        // The test harness may print the test's name on the same line, before the writer's.
        if let Some(at) = line.find("writing ") {
            break PathBuf::from(&line[at + "writing ".len()..]);
        }
    };

    assert_eq!(partial_files::sweep(root.path(), root.path()), 0);
    assert!(partial.exists(), "the writer is alive: its file must stay");

    writer.kill().expect("SIGKILL");
    writer.wait().expect("reaped");
    assert_eq!(partial_files::sweep(root.path(), root.path()), 1);
    assert!(!partial.exists(), "the writer is gone: its leftover is swept");
}
