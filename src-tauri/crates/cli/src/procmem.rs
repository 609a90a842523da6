//! Peak memory of this process and every process it started (ffmpeg, espeak-ng), sampled from
//! /proc every 50 ms; helper processes are short-lived, so a sampler is the only way to see them
//! without platform calls.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

pub struct PeakMemory {
    stop: Arc<AtomicBool>,
    sampler: Option<JoinHandle<u64>>,
}

impl PeakMemory {
    pub fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let sampler = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(tree_rss_kb(std::process::id()));
                std::thread::sleep(Duration::from_millis(50));
            }
            peak
        });
        Self { stop, sampler: Some(sampler) }
    }

    /// Stops sampling; the peak in MB (0 where /proc is not available).
    pub fn stop(mut self) -> f64 {
        self.stop.store(true, Ordering::Relaxed);
        self.sampler.take().and_then(|s| s.join().ok()).unwrap_or_default() as f64 / 1024.0
    }
}

/// Resident memory of `root` and all its descendants, in kB.
fn tree_rss_kb(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    let processes: Vec<(u32, u32, u64)> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
            let field = |name: &str| {
                status
                    .lines()
                    .find(|l| l.starts_with(name))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            };
            Some((pid, field("PPid:")? as u32, field("VmRSS:").unwrap_or(0)))
        })
        .collect();
    let mut tree = vec![root];
    let mut total = 0;
    let mut index = 0;
    while index < tree.len() {
        let parent = tree[index];
        for (pid, ppid, rss) in &processes {
            if *pid == parent {
                total += rss;
            }
            if *ppid == parent {
                tree.push(*pid);
            }
        }
        index += 1;
    }
    total
}
