//! The server run as its own process (`media-server-probe`), with its memory, threads, open files
//! and CPU time read from /proc, so an attack's cost is measured on the server alone.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use super::target;

/// The server in a process of its own; killed when dropped.
pub struct Probe {
    child: Child,
    _stdin: ChildStdin,
    pub origin: String,
}

impl Probe {
    pub fn start(media: &Path, options: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_media-server-probe"))
            .arg(media)
            .args(options)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the probe");
        let stdin = child.stdin.take().expect("stdin");
        let mut origin = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut origin).expect("origin");
        assert!(origin.starts_with("http://127.0.0.1:"), "the probe printed {origin:?}");
        Self { child, _stdin: stdin, origin: origin.trim().to_string() }
    }

    pub fn host(&self) -> String {
        target(&self.origin, Path::new("/")).0
    }

    fn proc_file(&self, name: &str) -> String {
        std::fs::read_to_string(format!("/proc/{}/{name}", self.child.id())).expect("read /proc")
    }

    fn status_field(&self, field: &str) -> u64 {
        self.proc_file("status")
            .lines()
            .find_map(|line| line.strip_prefix(field)?.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("{field} in /proc/<pid>/status"))
    }

    /// Resident memory in KiB.
    pub fn rss_kib(&self) -> u64 {
        self.status_field("VmRSS:")
    }

    pub fn threads(&self) -> u64 {
        self.status_field("Threads:")
    }

    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id())).expect("fd dir").count()
    }

    /// User plus system CPU time of every thread so far.
    pub fn cpu_time(&self) -> Duration {
        let stat = self.proc_file("stat");
        // Fields after the parenthesised command name start at field 3 (state).
        let fields: Vec<&str> = stat.rsplit_once(')').expect("stat").1.split_whitespace().collect();
        let ticks: u64 =
            fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
        Duration::from_secs_f64(ticks as f64 / rustix::param::clock_ticks_per_second() as f64)
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `condition` until it holds or `limit` passes; true if it held.
pub fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if started.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Memory growth allowed across an attack: the attacks must not leave the server bigger.
pub const RSS_SLACK_KIB: u64 = 4 * 1024;

/// Asserts the server's memory after an attack is within the slack of before, and says both.
pub fn assert_memory_flat(attack: &str, before_kib: u64, after_kib: u64) {
    eprintln!("{attack}: VmRSS {before_kib} KiB before, {after_kib} KiB after");
    assert!(
        after_kib <= before_kib + RSS_SLACK_KIB,
        "{attack}: the server grew from {before_kib} KiB to {after_kib} KiB"
    );
}
