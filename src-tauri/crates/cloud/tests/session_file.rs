//! Two app processes saving the session file at once (the desktop app and the CLI, say) never
//! leave a half-written file for a reader, and no temp file is left behind. The writers are this
//! test binary run again as child processes.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cloud::session_file::{SessionFacts, SessionFile};
use cloud::KeychainBackend;

/// Set in a child process: the data dir it saves into.
const WRITER_DIR: &str = "NOCOMELON_SESSION_FILE_WRITER_DIR";
/// Set in a child process: which writer it is.
const WRITER_ID: &str = "NOCOMELON_SESSION_FILE_WRITER_ID";
const SAVES_PER_WRITER: usize = 300;

fn facts(writer: &str, round: usize) -> SessionFacts {
    SessionFacts {
        email: format!("writer-{writer}@example.org"),
        sub: format!("{writer}-{round}"),
        // Large enough that a write takes more than one syscall's worth of page.
        username: "u".repeat(64 * 1024),
        tokens_expire_at: 1_900_000_000,
        identity_id: Some(format!("eu-west-1:{writer}")),
        clock_skew_ms: 0,
        keychain: KeychainBackend::SecretService,
    }
}

fn spawn_writer(dir: &Path, id: &str) -> Child {
    Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "two_processes_saving_at_once_never_leave_a_half_written_file", "--nocapture"])
        .env(WRITER_DIR, dir)
        .env(WRITER_ID, id)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("a writer process starts")
}

#[test]
fn two_processes_saving_at_once_never_leave_a_half_written_file() {
    if let (Some(dir), Ok(id)) = (std::env::var_os(WRITER_DIR), std::env::var(WRITER_ID)) {
        let file = SessionFile::in_dir(Path::new(&dir));
        for round in 0..SAVES_PER_WRITER {
            file.save(&facts(&id, round)).expect("save");
        }
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = SessionFile::in_dir(dir.path());
    file.save(&facts("parent", 0)).expect("the first save");

    let mut writers = [spawn_writer(dir.path(), "a"), spawn_writer(dir.path(), "b")];
    let started = Instant::now();
    let mut reads = 0usize;
    while writers.iter_mut().any(|w| w.try_wait().expect("writer status").is_none()) {
        let text = std::fs::read_to_string(file.path()).expect("the file is always there");
        let read: SessionFacts = serde_json::from_str(&text).unwrap_or_else(|err| {
            panic!("read {reads} saw a half-written file ({err}), {} bytes", text.len())
        });
        assert_eq!(read.username.len(), 64 * 1024);
        reads += 1;
        assert!(started.elapsed() < Duration::from_secs(120), "the writers are too slow to test");
    }
    for writer in writers {
        let output = writer.wait_with_output().expect("writer output");
        assert!(output.status.success(), "a writer failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert!(reads > 0);

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the data dir")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["cloud-session.json"], "only the session file is left");
    let last = file.load().expect("a whole file");
    assert!(last.sub.ends_with(&format!("-{}", SAVES_PER_WRITER - 1)), "{}", last.sub);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file.path()).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
}
