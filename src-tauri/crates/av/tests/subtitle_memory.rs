//! Drawing a story's subtitle lines takes memory that does not grow with the number of lines
//! beyond their small cropped sprites, with the real ffmpeg and libass.
//!
//! The test re-runs its own binary as a child that draws a given number of distinct lines and
//! reports how far its peak resident memory (VmHWM) rose while drawing; a child of its own keeps
//! the other tests' allocations out of the figure.

mod common;

use std::process::Command;
use std::sync::atomic::AtomicBool;

use av::{DrawnLines, SentenceTiming};

const CHILD_LINES: &str = "AV_SUBTITLE_MEMORY_CHILD_LINES";
const TEST_NAME: &str = "drawing_hundreds_of_lines_takes_no_more_memory_than_drawing_twenty";
/// One full 1280x720 RGBA frame, what each line comes back from ffmpeg as.
const FRAME_KB: u64 = 1280 * 720 * 4 / 1024;

/// `count` distinct short lines, like a long story of short sentences.
fn lines(count: usize) -> Vec<String> {
    (0..count).map(|index| format!("Bo hid {index} times.")).collect()
}

/// A `/proc/self/status` figure in kB.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// In the child: draws `count` lines, checks every one came back cropped to its text, and prints
/// how far the peak resident memory rose above what was resident before.
fn child_draws(count: usize) {
    let texts = lines(count);
    let before_kb = status_kb("VmRSS");
    let drawn = DrawnLines::draw(&texts, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let peak_kb = status_kb("VmHWM");
    for text in &texts {
        let sentence = SentenceTiming { text: text.clone(), start_sec: 0.0, end_sec: 1.0 };
        let captions = drawn.captions(&[sentence], 0.0, 2.0).expect("every line was drawn");
        let sprite = &captions.first().expect("the line shows").sprite;
        assert!(sprite.width < 1280 / 2 && sprite.height < 720 / 4, "{text}: {sprite:?}");
    }
    println!("peak-growth-kb {}", peak_kb.saturating_sub(before_kb));
}

/// Runs the child for `count` lines and returns its peak memory growth in kB.
fn peak_growth_kb(count: usize) -> u64 {
    let output = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_LINES, count.to_string())
        .output()
        .expect("child starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "drawing {count} lines failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The figure may share a line with the test harness's own output.
    stdout
        .split("peak-growth-kb ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .unwrap_or_else(|| panic!("the child reported no figure: {stdout}"))
}

#[test]
fn drawing_hundreds_of_lines_takes_no_more_memory_than_drawing_twenty() {
    if let Some(count) = std::env::var(CHILD_LINES).ok().and_then(|count| count.parse().ok()) {
        child_draws(count);
        return;
    }
    common::require_tools();
    let few = peak_growth_kb(20);
    let many = peak_growth_kb(300);
    println!("peak memory growth: 20 lines {few} kB, 300 lines {many} kB (one frame is {FRAME_KB} kB)");
    // Holding every frame would add 280 frames (about 1 GB); cropped sprites add a few MB.
    assert!(
        many.saturating_sub(few) < 28 * FRAME_KB,
        "300 lines took {many} kB at peak, 20 lines {few} kB: the growth is {} frames' worth",
        many.saturating_sub(few) / FRAME_KB
    );
    assert!(many < 40 * FRAME_KB, "300 lines took {many} kB at peak");
}
