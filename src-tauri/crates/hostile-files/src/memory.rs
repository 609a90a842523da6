//! The peak resident memory of finished child processes, as the kernel counted it: the only
//! figure that includes every page a process ever touched, however briefly.

/// The largest peak resident set of any child this process has waited for, in KiB.
#[cfg(unix)]
pub fn children_peak_kib() -> u64 {
    use nix::sys::resource::{getrusage, UsageWho};
    let peak = getrusage(UsageWho::RUSAGE_CHILDREN).map(|usage| usage.max_rss()).unwrap_or(0);
    let peak = u64::try_from(peak).unwrap_or(0);
    // macOS reports bytes where Linux reports KiB.
    if cfg!(target_os = "macos") {
        peak / 1024
    } else {
        peak
    }
}

/// Not measured where there is no `getrusage`.
#[cfg(not(unix))]
pub fn children_peak_kib() -> u64 {
    0
}

/// The goal every ingest must stay under, whatever the file.
pub const GOAL_MIB: u64 = 512;
