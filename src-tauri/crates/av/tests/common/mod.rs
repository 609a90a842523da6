//! Shared helpers for the tests that drive the real tools (ffmpeg, ffprobe, espeak-ng).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use image::{Rgba, RgbaImage};
use model::VoiceType;
use render::{Placement, SceneLayers};

pub const INSTALL: &str = "these tests need ffmpeg, ffprobe and espeak-ng: sudo apt install ffmpeg espeak-ng";

pub const BACKGROUND: [u8; 3] = [170, 205, 240];
pub const FIGURE: [u8; 3] = [230, 30, 160];

/// Fails with an install hint when a tool is missing.
pub fn require_tools() {
    if let Err(error) = av::ffmpeg_path().and_then(|_| av::ffprobe_path()) {
        panic!("{error} ({INSTALL})");
    }
    if let Err(error) = av::EspeakNarrator::new() {
        panic!("{error} ({INSTALL})");
    }
}

pub fn narrator() -> av::EspeakNarrator {
    require_tools();
    av::EspeakNarrator::new().unwrap_or_else(|error| panic!("{error} ({INSTALL})"))
}

pub fn narrate(text: &str, voice: VoiceType, dir: &Path) -> av::SceneNarration {
    av::narrate_scene(&narrator(), text, voice, dir, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("narration failed: {error}: {}", error.detail()))
}

/// A plain background with a solid rectangular figure moving from x=400 to x=800.
pub fn plain_layers() -> SceneLayers {
    let background =
        RgbaImage::from_pixel(1280, 720, Rgba([BACKGROUND[0], BACKGROUND[1], BACKGROUND[2], 255]));
    let figure = RgbaImage::from_pixel(200, 300, Rgba([FIGURE[0], FIGURE[1], FIGURE[2], 255]));
    let place =
        |x: f32| Placement { center_x: x, center_y: 330.0, scale: 1.0, rotation_deg: 0.0, flip: false };
    SceneLayers {
        background,
        figure,
        start: place(400.0),
        end: place(800.0),
        drawn: Vec::new(),
        animation: None,
    }
}

/// Clips of a story told in `texts` over [`plain_layers`], each opening with the crossfade out of
/// the scene before, written into `dir`; with each scene's narration.
pub fn make_story(texts: &[&str], dir: &Path) -> Vec<(PathBuf, av::SceneNarration)> {
    let narrations: Vec<av::SceneNarration> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| narrate(text, VoiceType::Cheerful, &dir.join(format!("narration-{index}"))))
        .collect();
    story_clips(&narrations, dir, true).into_iter().zip(narrations).collect()
}

/// Clips over [`plain_layers`] for scenes narrated by `narrations`, each opening with the
/// crossfade out of the scene before, written into `dir` (silent unless `with_sound`).
pub fn story_clips(narrations: &[av::SceneNarration], dir: &Path, with_sound: bool) -> Vec<PathBuf> {
    let layers = plain_layers();
    narrations
        .iter()
        .enumerate()
        .map(|(index, narration)| {
            let out = dir.join(format!("clip-{index}{}.mp4", if with_sound { "" } else { "-silent" }));
            let previous = index.checked_sub(1).map(|before| av::PreviousScene {
                layers: &layers,
                narration_sec: narrations[before].duration_sec,
            });
            let spec = av::ClipSpec {
                layers: &layers,
                narration,
                out: &out,
                encoder_threads: 0,
                previous,
                next_fades_in: index + 1 < narrations.len(),
                drawn_lines: None,
                with_sound,
            };
            av::render_clip(&spec, &AtomicBool::new(false), &mut |_| {})
                .unwrap_or_else(|error| panic!("clip failed: {error}: {}", error.detail()));
            out
        })
        .collect()
}

/// A clip of one scene alone (no crossfades) over [`plain_layers`].
pub fn lone_clip_spec<'a>(
    layers: &'a SceneLayers,
    narration: &'a av::SceneNarration,
    out: &'a Path,
) -> av::ClipSpec<'a> {
    av::ClipSpec {
        layers,
        narration,
        out,
        encoder_threads: 0,
        previous: None,
        next_fades_in: false,
        drawn_lines: None,
        with_sound: true,
    }
}

/// The frame at `seconds` as RGB, decoded by ffmpeg.
pub fn frame_at(video: &Path, seconds: f64) -> RgbaImage {
    let ffmpeg = av::ffmpeg_path().unwrap_or_else(|error| panic!("{error} ({INSTALL})"));
    let output = Command::new(ffmpeg)
        .args(["-v", "error", "-ss", &format!("{seconds:.3}"), "-i"])
        .arg(video)
        .args(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    RgbaImage::from_raw(1280, 720, output.stdout).expect("a 1280x720 frame")
}

pub fn close(pixel: &Rgba<u8>, rgb: [u8; 3], tolerance: i32) -> bool {
    (0..3).all(|c| (i32::from(pixel[c]) - i32::from(rgb[c])).abs() <= tolerance)
}

/// Top-level MP4 box names in file order.
pub fn top_level_boxes(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read mp4");
    let mut names = Vec::new();
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        names.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        let size = if size == 1 && at + 16 <= bytes.len() {
            u64::from_be_bytes(bytes[at + 8..at + 16].try_into().expect("8 bytes")) as usize
        } else if size == 0 {
            bytes.len() - at
        } else {
            size
        };
        if size < 8 {
            break;
        }
        at += size;
    }
    names
}

/// Files in `dir` (names), sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| entry.expect("dir entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
