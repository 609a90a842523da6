//! Running one external program under supervision: cancel kills it promptly, its stderr tail is
//! kept for the logs, ffmpeg's `-progress` output becomes a number the caller can report, and a
//! stream of raw frames is handed over one at a time instead of gathered whole.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::AvError;

/// How much of a program's stderr is kept for the logs.
const STDERR_TAIL_BYTES: usize = 4096;
const LONGEST_POLL: Duration = Duration::from_millis(20);

/// What happens to the child's stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stdout {
    /// Keep it (ffprobe's JSON).
    Collect,
    /// Parse ffmpeg's `-progress pipe:1` lines.
    FfmpegProgress,
}

pub(crate) struct Supervised {
    child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<String>>,
    out_time_us: Arc<AtomicI64>,
}

pub(crate) struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr_tail: String,
}

/// Starts `command` with piped stdout/stderr (and stdin, returned for the caller to write to,
/// when `with_stdin`).
pub(crate) fn spawn(
    command: &mut Command,
    stdout: Stdout,
    with_stdin: bool,
) -> std::io::Result<(Supervised, Option<ChildStdin>)> {
    spawn_reading(command, with_stdin, move |pipe, out_time| match stdout {
        Stdout::Collect => {
            let mut bytes = Vec::new();
            let _ = BufReader::new(pipe).read_to_end(&mut bytes);
            bytes
        }
        Stdout::FfmpegProgress => {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if let Some(us) = parse_out_time_us(&line) {
                    out_time.store(us, Ordering::Relaxed);
                }
            }
            Vec::new()
        }
    })
}

/// Starts `command` with `read_stdout` reading its stdout on a thread of its own (what it returns
/// becomes [`Finished::stdout`]; it may store ffmpeg's output time in the counter it is given).
fn spawn_reading(
    command: &mut Command,
    with_stdin: bool,
    read_stdout: impl FnOnce(ChildStdout, &AtomicI64) -> Vec<u8> + Send + 'static,
) -> std::io::Result<(Supervised, Option<ChildStdin>)> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    if with_stdin {
        command.stdin(Stdio::piped());
    }
    let mut child = command.spawn()?;
    let stdin = child.stdin.take();
    let out_time_us = Arc::new(AtomicI64::new(0));
    let stdout_thread = child.stdout.take().map(|pipe| {
        let out_time = Arc::clone(&out_time_us);
        std::thread::spawn(move || read_stdout(pipe, &out_time))
    });
    let stderr_thread = child.stderr.take().map(|pipe| std::thread::spawn(move || read_tail(pipe)));
    let supervised = Supervised { child, stdout: stdout_thread, stderr: stderr_thread, out_time_us };
    Ok((supervised, stdin))
}

fn parse_out_time_us(line: &str) -> Option<i64> {
    line.strip_prefix("out_time_us=")?.trim().parse().ok()
}

fn read_tail(mut pipe: impl Read) -> String {
    let mut tail: Vec<u8> = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match pipe.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(read) => {
                tail.extend_from_slice(&buffer[..read]);
                if tail.len() > 2 * STDERR_TAIL_BYTES {
                    tail.drain(..tail.len() - STDERR_TAIL_BYTES);
                }
            }
        }
    }
    if tail.len() > STDERR_TAIL_BYTES {
        tail.drain(..tail.len() - STDERR_TAIL_BYTES);
    }
    String::from_utf8_lossy(&tail).trim().to_owned()
}

impl Supervised {
    /// The output time ffmpeg last reported through `-progress`, in seconds.
    pub fn out_time_sec(&self) -> f64 {
        self.out_time_us.load(Ordering::Relaxed).max(0) as f64 / 1e6
    }

    /// Waits for the program, calling `tick` while it runs. When `cancel` becomes true the program
    /// is killed and `AvError::Cancelled` returned.
    pub fn wait(mut self, cancel: &AtomicBool, mut tick: impl FnMut(&Self)) -> Result<Finished, AvError> {
        let mut pause = Duration::from_millis(1);
        let status = loop {
            if cancel.load(Ordering::Relaxed) {
                self.kill();
                return Err(AvError::Cancelled);
            }
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(error) => {
                    self.kill();
                    return Err(AvError::ToolFailed {
                        action: "wait for a helper program",
                        stderr_tail: error.to_string(),
                    });
                }
            }
            tick(&self);
            std::thread::sleep(pause);
            pause = (pause * 2).min(LONGEST_POLL);
        };
        let stdout = self.stdout.take().and_then(|thread| thread.join().ok()).unwrap_or_default();
        let stderr_tail = self.stderr.take().and_then(|thread| thread.join().ok()).unwrap_or_default();
        Ok(Finished { status, stdout, stderr_tail })
    }

    /// Kills the program and reaps it (also closing its pipes so the reader threads end).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(thread) = self.stdout.take() {
            let _ = thread.join();
        }
        if let Some(thread) = self.stderr.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Supervised {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
        }
    }
}

/// Runs a program to the end and returns its stdout; a non-zero exit becomes
/// `AvError::ToolFailed { action, .. }` carrying the stderr tail.
pub(crate) fn run(
    command: &mut Command,
    action: &'static str,
    cancel: &AtomicBool,
    stdout: Stdout,
    mut progress: Option<(f64, &mut dyn FnMut(f32))>,
) -> Result<Vec<u8>, AvError> {
    let (supervised, _) = spawn(command, stdout, false)
        .map_err(|error| AvError::ToolFailed { action, stderr_tail: format!("could not start: {error}") })?;
    let finished = supervised.wait(cancel, |running| {
        if let Some((total_sec, report)) = progress.as_mut() {
            if *total_sec > 0.0 {
                report((running.out_time_sec() / *total_sec).clamp(0.0, 1.0) as f32);
            }
        }
    })?;
    if !finished.status.success() {
        tracing::warn!(action, status = %finished.status, stderr = %finished.stderr_tail, "helper program failed");
        return Err(AvError::ToolFailed { action, stderr_tail: finished.stderr_tail });
    }
    Ok(finished.stdout)
}

/// Runs a program whose stdout is a run of `record_bytes`-long records (ffmpeg's raw frames),
/// handing each to `each` as it arrives and returning how many whole records came. Only a few
/// records are held at any moment however many the program writes: the reader waits while `each`
/// is busy. Cancelling and a failed exit behave as in [`run`].
pub(crate) fn run_records(
    command: &mut Command,
    action: &'static str,
    cancel: &AtomicBool,
    record_bytes: usize,
    mut each: impl FnMut(&[u8]),
) -> Result<usize, AvError> {
    let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(1);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    let (mut supervised, _) = spawn_reading(command, false, move |pipe, _| {
        read_records(pipe, record_bytes, &full_tx, &empty_rx);
        Vec::new()
    })
    .map_err(|error| AvError::ToolFailed { action, stderr_tail: format!("could not start: {error}") })?;
    // Declared after `supervised`, so it is dropped first on every way out: the reader, perhaps
    // waiting to hand over a record, then stops, and stopping the program can wait for it.
    let records = full_rx;
    let mut count = 0;
    loop {
        if cancel.load(Ordering::Relaxed) {
            drop(records);
            supervised.kill();
            return Err(AvError::Cancelled);
        }
        match records.recv_timeout(LONGEST_POLL) {
            Ok(record) => {
                each(&record);
                count += 1;
                let _ = empty_tx.send(record);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    let finished = supervised.wait(cancel, |_| {})?;
    if !finished.status.success() {
        tracing::warn!(action, status = %finished.status, stderr = %finished.stderr_tail, "helper program failed");
        return Err(AvError::ToolFailed { action, stderr_tail: finished.stderr_tail });
    }
    Ok(count)
}

/// Reads whole records from `pipe` into buffers handed back through `empty` (a new one only when
/// none is free) and sends each on `full`, until the pipe ends or nobody is listening. A short
/// last record is dropped.
fn read_records(
    mut pipe: impl Read,
    record_bytes: usize,
    full: &SyncSender<Vec<u8>>,
    empty: &Receiver<Vec<u8>>,
) {
    loop {
        let mut record = empty.try_recv().unwrap_or_default();
        record.resize(record_bytes, 0);
        if pipe.read_exact(&mut record).is_err() || full.send(record).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_arrive_whole_and_in_order_with_a_short_tail_dropped() {
        let bytes: Vec<u8> = (0..=9).collect();
        let (full_tx, full_rx) = mpsc::sync_channel(1);
        let (_empty_tx, empty_rx) = mpsc::channel();
        let reader = std::thread::spawn(move || read_records(bytes.as_slice(), 4, &full_tx, &empty_rx));
        let records: Vec<Vec<u8>> = full_rx.iter().collect();
        reader.join().expect("reader ends");
        assert_eq!(records, [vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
    }

    #[cfg(unix)]
    #[test]
    fn a_record_stream_is_read_one_record_at_a_time_and_cancel_stops_it() {
        let mut counting = std::process::Command::new("sh");
        counting.args(["-c", "printf 'aaaabbbbcccc'"]);
        let mut seen = Vec::new();
        let count = run_records(&mut counting, "count", &AtomicBool::new(false), 4, |record| {
            seen.push(record.to_vec())
        })
        .expect("runs");
        assert_eq!((count, seen), (3, vec![b"aaaa".to_vec(), b"bbbb".to_vec(), b"cccc".to_vec()]));

        let mut endless = std::process::Command::new("sh");
        endless.args(["-c", "yes"]);
        let cancel = AtomicBool::new(false);
        let mut taken = 0;
        let started = std::time::Instant::now();
        let result = run_records(&mut endless, "read forever", &cancel, 1 << 16, |_| {
            taken += 1;
            if taken == 5 {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        assert!(matches!(result, Err(AvError::Cancelled)), "{result:?}");
        assert_eq!(taken, 5);
        assert!(started.elapsed() < Duration::from_secs(10));

        let mut failing = std::process::Command::new("sh");
        failing.args(["-c", "echo broken >&2; exit 2"]);
        let failed = run_records(&mut failing, "fail", &AtomicBool::new(false), 4, |_| {});
        assert!(matches!(&failed, Err(AvError::ToolFailed { stderr_tail, .. }) if stderr_tail == "broken"));
    }

    #[test]
    fn progress_lines_give_output_time() {
        assert_eq!(parse_out_time_us("out_time_us=1234567"), Some(1_234_567));
        assert_eq!(parse_out_time_us("out_time_us=N/A"), None);
        assert_eq!(parse_out_time_us("frame=12"), None);
    }

    #[test]
    fn stderr_keeps_only_the_tail() {
        let long = "x".repeat(10_000) + "the real error";
        let tail = read_tail(long.as_bytes());
        assert!(tail.len() <= STDERR_TAIL_BYTES);
        assert!(tail.ends_with("the real error"));
    }
}
