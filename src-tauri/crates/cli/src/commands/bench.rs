//! `nocomelon bench`: the on-device pipeline timed per stage on each drawing, next to the floor
//! (ffmpeg alone encoding the same final frames and audio), with the video's length and the
//! peak memory of the app and its helper processes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use model::{Customization, Stage};
use nocomelon_core::{Core, DataDir};

use crate::output::Failure;
use crate::procmem::PeakMemory;

struct Row {
    name: String,
    analyze: Duration,
    images: Duration,
    voice: Duration,
    encode: Duration,
    /// The part of `encode` spent joining the clips.
    join: Duration,
    total: Duration,
    floor: Duration,
    video_sec: f64,
    peak_mb: f64,
}

pub fn run(drawings: Option<&Path>) -> Result<(), Failure> {
    let folder = drawings.map(Path::to_path_buf).unwrap_or_else(default_fixtures);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| {
            Failure::new("io", format!("The drawings folder {} couldn't be read: {e}.", folder.display()))
        })?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "png") && !path.to_string_lossy().ends_with(".mask.png")
        })
        .collect();
    files.sort();
    if cfg!(debug_assertions) {
        eprintln!("Note: this is a debug build; run `cargo run --release -p nocomelon-cli -- bench` for real figures.");
    }
    let mut rows = Vec::new();
    for file in &files {
        eprintln!("{} ...", file.display());
        rows.push(bench_one(file)?);
    }
    print_table(&rows);
    Ok(())
}

fn default_fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/fixtures/drawings")
}

fn bench_one(file: &Path) -> Result<Row, Failure> {
    let scratch = tempfile::tempdir().map_err(|e| Failure::new("io", format!("No scratch folder: {e}.")))?;
    let core = Core::open(DataDir::at(scratch.path().join("data"))?)?;
    let memory = PeakMemory::start();
    let started = Instant::now();

    let outcome = core.ingest_paths(&[file]).remove(0);
    if let Some(error) = outcome.error {
        return Err(Failure::new(&error.code, error.message));
    }
    let run_id = outcome.run.map(|r| r.id).ok_or_else(|| Failure::new("internal", "no run"))?;
    let analyze_started = Instant::now();
    let mut analysis = core.analyze_drawing(&run_id)?.analysis;
    let analyze = analyze_started.elapsed();
    analysis.subject = analysis.subject_suggestions.first().cloned().unwrap_or_else(|| "a friend".into());
    core.save_analysis(&run_id, analysis)?;
    core.save_customization(&run_id, Customization::default())?;
    core.draft_story_with_seed(&run_id, 1)?;
    core.go_to_stage(&run_id, Stage::Images)?;
    let report = core.render_video_report(&run_id, &mut |_| {})?;
    let total = started.elapsed();
    let peak_mb = memory.stop();

    let video = report.run.media.video_path.clone().ok_or_else(|| Failure::new("internal", "no video"))?;
    let floor = floor(Path::new(&video), scratch.path())?;
    Ok(Row {
        name: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        analyze,
        images: report.timings.images,
        voice: report.timings.voice,
        encode: report.timings.clips + report.timings.assemble,
        join: report.timings.assemble,
        total,
        floor,
        video_sec: report.run.media.duration_sec.unwrap_or_default(),
        peak_mb,
    })
}

/// Decodes the finished video's frames (yuv420p, to a file) and audio, untimed; then times
/// ffmpeg encoding exactly those with the app's encoder settings.
fn floor(video: &Path, scratch: &Path) -> Result<Duration, Failure> {
    let ffmpeg = av::ffmpeg_path().map_err(|e| Failure::new(e.code(), e.to_string()))?;
    let frames = scratch.join("frames.yuv");
    let audio = scratch.join("audio.wav");
    let decoded = Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-i"])
        .arg(video)
        .args(["-map", "0:v", "-f", "rawvideo", "-pix_fmt", "yuv420p"])
        .arg(&frames)
        .args(["-map", "0:a"])
        .arg(&audio)
        .status()
        .map_err(|e| Failure::new("tool_failed", format!("ffmpeg couldn't run: {e}.")))?;
    if !decoded.success() {
        return Err(Failure::new("tool_failed", "The finished video couldn't be decoded for the floor."));
    }
    let started = Instant::now();
    let encoded = Command::new(&ffmpeg)
        .args(av::encoding::common_args())
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "1280x720", "-r", "25", "-i"])
        .arg(&frames)
        .arg("-i")
        .arg(&audio)
        .args(["-map", "0:v", "-map", "1:a"])
        .args(av::encoding::video_args())
        .args(av::encoding::audio_args())
        .args(["-movflags", "+faststart"])
        .arg(scratch.join("floor.mp4"))
        .status()
        .map_err(|e| Failure::new("tool_failed", format!("ffmpeg couldn't run: {e}.")))?;
    let elapsed = started.elapsed();
    if !encoded.success() {
        return Err(Failure::new("tool_failed", "The floor encode failed."));
    }
    Ok(elapsed)
}

fn print_table(rows: &[Row]) {
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>11} {:>8} {:>10} {:>8}",
        "drawing",
        "analyze",
        "render",
        "narrate",
        "encode",
        "(join)",
        "total",
        "floor",
        "total/floor",
        "video",
        "realtime x",
        "peak MB"
    );
    for row in rows {
        let total = row.total.as_secs_f64();
        println!(
            "{:<18} {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>11.2} {:>7.1}s {:>10.1} {:>8.0}",
            row.name,
            row.analyze.as_secs_f64(),
            row.images.as_secs_f64(),
            row.voice.as_secs_f64(),
            row.encode.as_secs_f64(),
            row.join.as_secs_f64(),
            total,
            row.floor.as_secs_f64(),
            total / row.floor.as_secs_f64().max(1e-9),
            row.video_sec,
            row.video_sec / total.max(1e-9),
            row.peak_mb,
        );
    }
    println!("goal: total/floor <= 1.5 and realtime x >= 5 (on 2 cores)");
}
