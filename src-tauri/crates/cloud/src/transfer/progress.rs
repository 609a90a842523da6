//! Progress as the window shows it (bytes, percent, speed), and the pacing that keeps a fast
//! transfer from flooding the window: at most one report every 100 ms, except the last.

use std::time::{Duration, Instant};

use serde::Serialize;

/// How often a transfer may report at most (the final report always goes out).
pub const REPORT_INTERVAL: Duration = Duration::from_millis(100);

/// One progress report of an upload or a download.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TransferProgress {
    /// Bytes already in place: sent for an upload (parts kept from an earlier attempt
    /// included), received for a download.
    pub bytes_done: u64,
    pub total_bytes: u64,
    /// 0 to 100.
    pub percent: f64,
    /// The speed of this attempt so far, in bytes per second.
    pub bytes_per_second: f64,
}

/// Counts bytes and decides when to tell the caller.
pub(crate) struct ProgressMeter<'a> {
    report: &'a (dyn Fn(TransferProgress) + Send + Sync),
    total_bytes: u64,
    done: u64,
    /// Bytes that were already done when this attempt started (they do not count for speed).
    done_before: u64,
    started: Instant,
    last_report: Option<Instant>,
}

impl<'a> ProgressMeter<'a> {
    pub(crate) fn new(
        report: &'a (dyn Fn(TransferProgress) + Send + Sync),
        total_bytes: u64,
        done_before: u64,
        now: Instant,
    ) -> Self {
        Self { report, total_bytes, done: done_before, done_before, started: now, last_report: None }
    }

    pub(crate) fn bytes_done(&self) -> u64 {
        self.done
    }

    pub(crate) fn advance(&mut self, bytes: u64) {
        self.done = self.done.saturating_add(bytes);
    }

    /// The report as of `now`.
    pub(crate) fn snapshot(&self, now: Instant) -> TransferProgress {
        let percent = if self.total_bytes == 0 {
            100.0
        } else {
            (self.done as f64 * 100.0 / self.total_bytes as f64).min(100.0)
        };
        let elapsed = now.saturating_duration_since(self.started).as_secs_f64();
        let moved = self.done.saturating_sub(self.done_before) as f64;
        let bytes_per_second = if elapsed > 0.0 { moved / elapsed } else { 0.0 };
        TransferProgress { bytes_done: self.done, total_bytes: self.total_bytes, percent, bytes_per_second }
    }

    /// Reports unless the last report was less than [`REPORT_INTERVAL`] ago; says whether it did.
    pub(crate) fn report_paced(&mut self, now: Instant) -> bool {
        if self.last_report.is_some_and(|last| now.saturating_duration_since(last) < REPORT_INTERVAL) {
            return false;
        }
        self.report_now(now);
        true
    }

    /// Reports whatever the pace (the start and the end of a transfer).
    pub(crate) fn report_now(&mut self, now: Instant) {
        self.last_report = Some(now);
        (self.report)(self.snapshot(now));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn reports_are_paced_to_ten_a_second_but_the_last_always_goes_out() {
        let seen = Mutex::new(Vec::new());
        let report = |p: TransferProgress| seen.lock().expect("lock").push(p);
        let start = Instant::now();
        let mut meter = ProgressMeter::new(&report, 1000, 0, start);
        assert!(meter.report_paced(start));
        meter.advance(100);
        assert!(!meter.report_paced(start + Duration::from_millis(50)), "too soon after the first");
        meter.advance(100);
        assert!(meter.report_paced(start + Duration::from_millis(120)));
        meter.advance(800);
        meter.report_now(start + Duration::from_millis(130));
        let seen = seen.into_inner().expect("lock");
        assert_eq!(seen.iter().map(|p| p.bytes_done).collect::<Vec<_>>(), vec![0, 200, 1000]);
        assert_eq!(seen[2].percent, 100.0);
    }

    #[test]
    fn speed_counts_only_the_bytes_moved_by_this_attempt() {
        let report = |_: TransferProgress| {};
        let start = Instant::now();
        let mut meter = ProgressMeter::new(&report, 4_000_000, 1_000_000, start);
        meter.advance(2_000_000);
        let progress = meter.snapshot(start + Duration::from_secs(2));
        assert_eq!(progress.bytes_done, 3_000_000);
        assert_eq!(progress.percent, 75.0);
        assert_eq!(progress.bytes_per_second, 1_000_000.0);
    }

    #[test]
    fn an_empty_file_is_complete_at_once() {
        let report = |_: TransferProgress| {};
        let meter = ProgressMeter::new(&report, 0, 0, Instant::now());
        assert_eq!(meter.snapshot(Instant::now()).percent, 100.0);
    }

    #[test]
    fn progress_serializes_with_its_field_names() {
        let progress =
            TransferProgress { bytes_done: 5, total_bytes: 10, percent: 50.0, bytes_per_second: 2.5 };
        assert_eq!(
            serde_json::to_value(progress).expect("json"),
            serde_json::json!({"bytes_done": 5, "total_bytes": 10, "percent": 50.0, "bytes_per_second": 2.5})
        );
    }
}
