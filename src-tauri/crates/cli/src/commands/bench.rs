//! `nocomelon bench`: the on-device pipeline timed per stage on each drawing, next to the floor
//! (ffmpeg alone encoding the same final frames and audio) and to the same storybook with the
//! figure standing still (what the moving figure costs), with the video's length and the
//! peak memory of the app and its helper processes. Each drawing and its floor are timed
//! several times, one after the other, and the fastest of each is reported: on a shared
//! computer a slow run measures the neighbours more than the app.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use model::{Customization, Motion, Stage};
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
    /// The same storybook with the child's figure standing still in every scene.
    still_total: Duration,
    floor: Duration,
    video_sec: f64,
    peak_mb: f64,
}

pub fn run(drawings: Option<&Path>, runs: usize) -> Result<(), Failure> {
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
    let mut spreads = Vec::new();
    for file in &files {
        eprintln!("{} ...", file.display());
        let mut timed = Vec::new();
        for _ in 0..runs.max(1) {
            let still = bench_one(file, Figure::Still)?;
            timed.push(Row { still_total: still.total, ..bench_one(file, Figure::Moving)? });
        }
        let (row, spread) = fastest(timed).ok_or_else(|| Failure::new("internal", "no run was timed"))?;
        rows.push(row);
        spreads.push(spread);
    }
    print_table(&rows);
    println!("the moving figure per frame (the boy-sized figure on screen, fastest of 3 passes):");
    for file in &files {
        let cost = figure_frame_cost(file)?;
        println!(
            "  {:<18} deform {:.3} ms, frame with the figure moving {:.2} ms vs still {:.2} ms (+{:.2} ms)",
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            cost.deform_ms,
            cost.moving_ms,
            cost.still_ms,
            cost.moving_ms - cost.still_ms
        );
    }
    println!("fastest of {} runs each; the runs' totals and floors spread over:", runs.max(1));
    for (row, spread) in rows.iter().zip(&spreads) {
        println!(
            "  {:<18} total {:.2}-{:.2}s, floor {:.2}-{:.2}s",
            row.name, spread.total.0, spread.total.1, spread.floor.0, spread.floor.1
        );
    }
    Ok(())
}

/// The slowest and fastest of the runs' totals and floors, in seconds.
struct Spread {
    total: (f64, f64),
    floor: (f64, f64),
}

/// The fastest run's stages with the fastest floor and the highest peak memory of all runs.
fn fastest(runs: Vec<Row>) -> Option<(Row, Spread)> {
    let range = |values: Vec<f64>| {
        (values.iter().copied().fold(f64::INFINITY, f64::min), values.iter().copied().fold(0.0, f64::max))
    };
    let spread = Spread {
        total: range(runs.iter().map(|r| r.total.as_secs_f64()).collect()),
        floor: range(runs.iter().map(|r| r.floor.as_secs_f64()).collect()),
    };
    let floor = runs.iter().map(|r| r.floor).min()?;
    let still_total = runs.iter().map(|r| r.still_total).min()?;
    let peak_mb = runs.iter().map(|r| r.peak_mb).fold(0.0, f64::max);
    let best = runs.into_iter().min_by_key(|r| r.total)?;
    Some((Row { floor, still_total, peak_mb, ..best }, spread))
}

fn default_fixtures() -> PathBuf {
    fixtures::drawings_dir()
}

/// What one frame costs with the figure moving by its rig and with it still.
struct FrameCost {
    deform_ms: f64,
    moving_ms: f64,
    still_ms: f64,
}

/// Times the frame maker over a scene's worth of frames of `file`'s figure walking and still.
fn figure_frame_cost(file: &Path) -> Result<FrameCost, Failure> {
    const FRAMES: usize = 150;
    let scratch = tempfile::tempdir().map_err(|e| Failure::new("io", format!("No scratch folder: {e}.")))?;
    let core = Core::open(DataDir::at(scratch.path().join("data"))?)?;
    let figure = core.prepared_figure(&core.analyze_file(file)?)?;
    let Some(rig) = figure.rig() else {
        return Err(Failure::new("internal", format!("{} has no rig to time.", file.display())));
    };
    let cut_out = figure.figure().clone();
    let animation = render::animate(&cut_out, rig, Motion::Walk, 1)
        .ok_or_else(|| Failure::new("internal", "The figure could not be meshed."))?;
    let height = cut_out.height().max(1) as f32;
    let place = render::Placement {
        center_x: 640.0,
        center_y: 400.0,
        scale: 410.0 / height,
        rotation_deg: 0.0,
        flip: false,
    };
    let mut layers = render::SceneLayers {
        background: image::RgbaImage::from_pixel(1280, 720, image::Rgba([120, 170, 220, 255])),
        figure: cut_out,
        start: place,
        end: place,
        drawn: Vec::new(),
        animation: None,
    };
    let mut frame = vec![0u8; av::frames::FRAME_BYTES];
    let mut time = |layers: &render::SceneLayers| -> Result<f64, Failure> {
        let maker = av::frames::FrameMaker::new(layers, FRAMES)
            .map_err(|e| Failure::new("internal", e.to_string()))?;
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let started = Instant::now();
            for index in 0..FRAMES {
                maker.frame_yuv420(index, &mut frame);
            }
            best = best.min(started.elapsed().as_secs_f64() * 1000.0 / FRAMES as f64);
        }
        Ok(best)
    };
    let still_ms = time(&layers)?;
    let puppet = std::sync::Arc::clone(&animation.puppet);
    layers.animation = Some(animation);
    let moving_ms = time(&layers)?;
    let started = Instant::now();
    for index in 0..FRAMES {
        std::hint::black_box(puppet.frame(Motion::Walk, index as f32 / 25.0, 1));
    }
    let deform_ms = started.elapsed().as_secs_f64() * 1000.0 / FRAMES as f64;
    Ok(FrameCost { deform_ms, moving_ms, still_ms })
}

/// Whether the child's figure moves by its rig (as the app makes storybooks) or stands still.
#[derive(Clone, Copy, PartialEq)]
enum Figure {
    Moving,
    Still,
}

fn bench_one(file: &Path, figure: Figure) -> Result<Row, Failure> {
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
    let mut script = core.draft_story_with_seed(&run_id, 1)?;
    if figure == Figure::Still {
        for scene in &mut script.scenes {
            scene.motion = Some(Motion::Still);
        }
        core.save_script(&run_id, script)?;
    }
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
        still_total: total,
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
        "{:<18} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>12} {:>11} {:>8} {:>10} {:>8}",
        "drawing",
        "analyze",
        "render",
        "narrate",
        "encode",
        "(join)",
        "total",
        "still",
        "floor",
        "moving/still",
        "total/floor",
        "video",
        "realtime x",
        "peak MB"
    );
    for row in rows {
        let total = row.total.as_secs_f64();
        println!(
            "{:<18} {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>7.2}s {:>12.2} {:>11.2} {:>7.1}s {:>10.1} {:>8.0}",
            row.name,
            row.analyze.as_secs_f64(),
            row.images.as_secs_f64(),
            row.voice.as_secs_f64(),
            row.encode.as_secs_f64(),
            row.join.as_secs_f64(),
            total,
            row.still_total.as_secs_f64(),
            row.floor.as_secs_f64(),
            total / row.still_total.as_secs_f64().max(1e-9),
            total / row.floor.as_secs_f64().max(1e-9),
            row.video_sec,
            row.video_sec / total.max(1e-9),
            row.peak_mb,
        );
    }
    println!("goal: moving/still <= 1.15, total/floor <= 1.3 and realtime x >= 5 (on 2 cores)");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(total: f64, floor: f64, peak_mb: f64) -> Row {
        Row {
            name: "pig.png".into(),
            analyze: Duration::from_secs_f64(0.1),
            images: Duration::from_secs_f64(0.2),
            voice: Duration::from_secs_f64(0.3),
            encode: Duration::from_secs_f64(total - 0.6),
            join: Duration::from_secs_f64(0.2),
            total: Duration::from_secs_f64(total),
            still_total: Duration::from_secs_f64(total),
            floor: Duration::from_secs_f64(floor),
            video_sec: 70.0,
            peak_mb,
        }
    }

    #[test]
    fn the_fastest_run_and_floor_are_reported_with_the_spread() {
        let (best, spread) =
            fastest(vec![row(14.0, 9.0, 600.0), row(12.5, 10.0, 550.0), row(13.0, 8.5, 700.0)])
                .expect("runs");
        assert_eq!(best.total, Duration::from_secs_f64(12.5));
        assert_eq!(best.encode, Duration::from_secs_f64(11.9), "the stages come from the fastest run");
        assert_eq!(best.floor, Duration::from_secs_f64(8.5));
        assert_eq!(best.peak_mb, 700.0);
        assert_eq!((spread.total, spread.floor), ((12.5, 14.0), (8.5, 10.0)));
        assert!(fastest(Vec::new()).is_none());
    }
}
