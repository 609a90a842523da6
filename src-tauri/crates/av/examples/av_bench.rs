//! Times the whole audio/video pipeline on six synthetic scenes and compares it with the floor:
//! ffmpeg alone encoding the same final frames (raw RGB piped from memory) and audio with the
//! same encoder settings.
//!
//! `cargo run -p av --release --example av_bench` (set `AV_BENCH_OUT=dir` to keep the video).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use image::{Rgba, RgbaImage};
use model::VoiceType;
use render::{Placement, SceneLayers};

const SCENES: [&str; 6] = [
    "Once upon a time, a little purple monster named Gigi lived under a big garlic leaf. Every morning she \
     stretched her tiny arms and said hello to the sun.",
    "One day, Gigi heard a strange sound in the garden. \"Who is there?\" she asked. Nobody answered, but the \
     leaves kept rustling.",
    "She tiptoed past the tomatoes and the sleepy snails. Behind the watering can, she found a baby bird who \
     had lost its way home.",
    "\"Don't worry,\" said Gigi. \"I will help you!\" Together they climbed the tall sunflower, one careful \
     step at a time.",
    "From the very top they could see the whole garden. There, in the apple tree, was a cosy nest with a \
     worried mother bird.",
    "The mother bird sang with joy when her baby flew home. Gigi smiled all the way back to her garlic leaf, \
     and that night she dreamed of flying.",
];

fn background(seed: u32) -> RgbaImage {
    RgbaImage::from_fn(1280, 720, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let sky = 1.0 - fy / 720.0;
        let ripple = ((fx * 0.031 + seed as f32).sin() * (fy * 0.027).cos() * 18.0) as i32;
        let grain = ((x.wrapping_mul(73_856_093) ^ y.wrapping_mul(19_349_663) ^ seed) % 17) as i32;
        let hill = fy > 470.0 + 60.0 * ((fx / 180.0 + seed as f32).sin());
        let (r, g, b) = if hill { (90, 170, 80) } else { (140 + (sky * 80.0) as i32, 190, 245) };
        let c = |v: i32| (v + ripple + grain - 8).clamp(0, 255) as u8;
        Rgba([c(r), c(g), c(b), 255])
    })
}

fn figure() -> RgbaImage {
    RgbaImage::from_fn(360, 480, |x, y| {
        let dx = (x as f32 - 180.0) / 150.0;
        let dy = (y as f32 - 260.0) / 200.0;
        let inside = dx * dx + dy * dy;
        let eye = ((x as f32 - 130.0).powi(2) + (y as f32 - 200.0).powi(2)) < 400.0
            || ((x as f32 - 230.0).powi(2) + (y as f32 - 200.0).powi(2)) < 400.0;
        if inside < 1.0 {
            if eye {
                Rgba([20, 20, 30, 255])
            } else {
                Rgba([150, 70, 200, 255])
            }
        } else if inside < 1.06 {
            Rgba([40, 20, 60, ((1.06 - inside) / 0.06 * 255.0) as u8])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

fn scene_layers(index: usize) -> SceneLayers {
    let left = index.is_multiple_of(2);
    let place = |x: f32, y: f32, scale: f32| Placement {
        center_x: x,
        center_y: y,
        scale,
        rotation_deg: 0.0,
        flip: !left,
    };
    SceneLayers {
        background: background(index as u32 * 7 + 1),
        figure: figure(),
        start: place(if left { 380.0 } else { 900.0 }, 400.0, 0.62),
        end: place(if left { 560.0 } else { 720.0 }, 380.0, 0.7),
        drawn: Vec::new(),
        animation: None,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kept = std::env::var_os("AV_BENCH_OUT").map(PathBuf::from);
    let temp = tempfile::tempdir()?;
    let dir = kept.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let cancel = AtomicBool::new(false);
    let narrator = av::system_narrator()?;
    let layers: Vec<SceneLayers> = (0..SCENES.len()).map(scene_layers).collect();

    let cpu_started = cpu_seconds();
    let started = Instant::now();
    let mut narrations = Vec::new();
    for (index, text) in SCENES.iter().enumerate() {
        let work = dir.join(format!("scene-{index}"));
        narrations.push(av::narrate_scene(narrator.as_ref(), text, VoiceType::Gentle, &work, &cancel)?);
    }
    let narrate_time = started.elapsed().as_secs_f64();

    let clip_started = Instant::now();
    // Several clips at a time, longest first, as the app's pipeline makes them.
    let clips: Vec<PathBuf> = (0..SCENES.len()).map(|index| dir.join(format!("clip-{index}.mp4"))).collect();
    let mut order: Vec<usize> = (0..SCENES.len()).collect();
    order.sort_by(|a, b| narrations[*b].duration_sec.total_cmp(&narrations[*a].duration_sec));
    let sharing = av::clip_parallelism(clips.len());
    let next_clip = AtomicUsize::new(0);
    let made: Vec<Result<(), av::AvError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..sharing.clips_at_once)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let position = next_clip.fetch_add(1, Ordering::Relaxed);
                        let Some(&index) = order.get(position) else { break };
                        let previous = index.checked_sub(1).map(|before| av::PreviousScene {
                            layers: &layers[before],
                            narration_sec: narrations[before].duration_sec,
                        });
                        let spec = av::ClipSpec {
                            layers: &layers[index],
                            narration: &narrations[index],
                            out: &clips[index],
                            encoder_threads: sharing.encoder_threads_for(position),
                            previous,
                            next_fades_in: index + 1 < SCENES.len(),
                            drawn_lines: None,
                            with_sound: true,
                        };
                        av::render_clip(&spec, &cancel, &mut |_| {})?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap_or(Err(av::AvError::Cancelled))).collect()
    });
    for result in made {
        result?;
    }
    let clip_time = clip_started.elapsed().as_secs_f64();

    let assemble_started = Instant::now();
    let video = dir.join("story.mp4");
    let info = av::assemble(&clips, &video, &cancel, &mut |_| {})?;
    let assemble_time = assemble_started.elapsed().as_secs_f64();
    let total = started.elapsed().as_secs_f64();
    let total_cpu = cpu_seconds().zip(cpu_started).map(|(end, start)| end - start);

    let (floor, floor_cpu) = floor_seconds(&video, &dir)?;
    let frames_started = Instant::now();
    let mut frame = vec![0u8; av::frames::FRAME_BYTES];
    let mut frame_count = 0;
    for (layers, narration) in layers.iter().zip(&narrations) {
        let maker = av::frames::FrameMaker::new(layers, av::scene_frame_count(narration.duration_sec))?;
        for index in 0..maker.frame_count() {
            maker.frame_yuv420(index, &mut frame);
        }
        frame_count += maker.frame_count();
    }
    let frames_time = frames_started.elapsed().as_secs_f64();
    println!("scenes            {}", SCENES.len());
    println!(
        "video duration    {:.2} s ({}x{}, copied joins: {})",
        info.duration_sec, info.width, info.height, !info.reencoded
    );
    println!("narrate           {narrate_time:.2} s");
    println!("render clips      {clip_time:.2} s");
    println!("assemble          {assemble_time:.2} s");
    println!("total             {total:.2} s");
    println!(
        "frame making      {frames_time:.2} s for {frame_count} frames ({:.2} ms/frame, one thread, alone; \
         overlapped with encoding inside 'render clips')",
        frames_time * 1000.0 / frame_count as f64
    );
    println!(
        "floor             {floor:.2} s  (ffmpeg encoding the final frames from raw RGB in memory + audio)"
    );
    println!("total / floor     {:.2}", total / floor);
    if let (Some(total_cpu), Some(floor_cpu)) = (total_cpu, floor_cpu) {
        println!(
            "CPU time          pipeline {total_cpu:.2} s, floor {floor_cpu:.2} s, ratio {:.2} \
             (steadier than wall time on a shared machine)",
            total_cpu / floor_cpu
        );
    }
    println!("duration / total  {:.2}x real time", info.duration_sec / total);
    if let Some(kept) = kept {
        println!("kept in           {}", kept.display());
    }
    Ok(())
}

/// CPU seconds used so far by this process and the children it has waited for (Linux only).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime, stime, cutime, cstime are fields 14-17; after the command name, 11-14.
    let ticks: f64 = fields.get(11..15)?.iter().filter_map(|f| f.parse::<f64>().ok()).sum();
    Some(ticks / 100.0)
}

/// Decodes the finished video's frames to RGB in memory and its audio to a WAV (not timed), then
/// times ffmpeg encoding them with the same encoder settings: wall seconds, and ffmpeg's CPU
/// seconds.
fn floor_seconds(video: &Path, dir: &Path) -> Result<(f64, Option<f64>), Box<dyn std::error::Error>> {
    let ffmpeg = av::ffmpeg_path()?;
    let mut decode = Command::new(&ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut frames = Vec::new();
    decode.stdout.take().ok_or("no decoder output")?.read_to_end(&mut frames)?;
    decode.wait()?;
    let audio = dir.join("floor-audio.wav");
    let status = Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-i"])
        .arg(video)
        .args(["-vn"])
        .arg(&audio)
        .status()?;
    if !status.success() {
        return Err("could not extract the audio".into());
    }
    let floor_out = dir.join("floor.mp4");
    let children_before = children_cpu_seconds();
    let started = Instant::now();
    let mut encode = Command::new(&ffmpeg)
        .args(av::encoding::common_args())
        .args(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "1280x720", "-r", "25", "-i", "pipe:0", "-i"])
        .arg(&audio)
        .args(["-map", "0:v", "-map", "1:a", "-vf", "scale=out_color_matrix=bt709:out_range=tv"])
        .args(av::encoding::video_args())
        .args(av::encoding::audio_args())
        .args(["-movflags", "+faststart"])
        .arg(&floor_out)
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stdin = encode.stdin.take().ok_or("no encoder input")?;
    stdin.write_all(&frames)?;
    drop(stdin);
    let status = encode.wait()?;
    let seconds = started.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds().zip(children_before).map(|(after, before)| after - before);
    if !status.success() {
        return Err("the floor encode failed".into());
    }
    let _ = std::fs::remove_file(floor_out);
    Ok((seconds, cpu))
}

/// CPU seconds of the children this process has waited for (Linux only).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(13..15)?.iter().filter_map(|f| f.parse::<f64>().ok()).sum();
    Some(ticks / 100.0)
}
