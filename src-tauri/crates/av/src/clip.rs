//! One scene's video clip: frames made in Rust (background, figure and the libass-drawn
//! subtitles) are piped raw into ffmpeg while it encodes them with the loudness-corrected
//! narration. Frame making and encoding overlap, so a clip costs little more than encoding it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ChildStdin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use render::SceneLayers;

use crate::files::{self, absolute};
use crate::frames::{FrameMaker, FPS, FRAME_BYTES, HEIGHT, WIDTH};
use crate::narrate::{read_wav, SceneNarration};
use crate::process::{self, Stdout};
use crate::{encoding, loudness, subtitles, tool, AvError};

/// Picture before the narration starts, so the voice begins after a crossfade has mostly shown
/// the scene.
pub const CLIP_LEAD_IN_SEC: f64 = 0.25;
/// Picture after the narration ends; at least the crossfade, so joining never cuts speech.
pub const CLIP_TAIL_SEC: f64 = 0.55;
/// Frames at each end of a clip that a crossfade may cover; clips get a keyframe this far from
/// both ends so the joined video re-encodes only the crossfades.
pub const TRANSITION_FRAMES: usize = 10;
/// Frames kept in flight between the frame maker and ffmpeg.
const FRAMES_IN_FLIGHT: usize = 3;
/// The most clips worth making at the same time: each encoder holds about 150 MB.
const MAX_CLIPS_AT_ONCE: usize = 4;

/// What [`render_clip`] needs: the scene's layers, its narration, and where the clip goes.
pub struct ClipSpec<'a> {
    pub layers: &'a SceneLayers,
    pub narration: &'a SceneNarration,
    pub out: &'a Path,
    /// x264 threads for this clip; 0 lets ffmpeg choose (one per core and then some).
    pub encoder_threads: usize,
}

/// How a set of clips shares the computer's cores, from [`clip_parallelism`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClipParallelism {
    pub clips_at_once: usize,
    pub encoder_threads: usize,
}

/// How to make `clips` clips at once. x264's threads scale poorly on clips a few seconds long
/// (two cores encode two halves of a storybook side by side, one thread each, in 6.4 s; the
/// whole with x264's own threads takes 8.1 s), so clips run in parallel with the cores shared
/// out among them.
pub fn clip_parallelism(clips: usize) -> ClipParallelism {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let clips_at_once = cores.min(MAX_CLIPS_AT_ONCE).min(clips).max(1);
    ClipParallelism { clips_at_once, encoder_threads: (cores / clips_at_once).max(1) }
}

/// A finished clip.
#[derive(Debug, Clone, PartialEq)]
pub struct ClipInfo {
    pub path: PathBuf,
    pub duration_sec: f64,
    pub frames: usize,
    pub width: u32,
    pub height: u32,
}

/// Frames of a clip for narration lasting `narration_sec`: lead-in + narration + tail, rounded
/// up to whole frames, and long enough for a crossfade at each end.
pub fn clip_frame_count(narration_sec: f64) -> usize {
    let seconds = CLIP_LEAD_IN_SEC + narration_sec.max(0.0) + CLIP_TAIL_SEC;
    ((seconds * f64::from(FPS)).ceil() as usize).max(3 * TRANSITION_FRAMES)
}

/// Length in seconds of the clip made for `narration`.
pub fn clip_duration_sec(narration: &SceneNarration) -> f64 {
    clip_frame_count(narration.duration_sec) as f64 / f64::from(FPS)
}

/// Renders one scene to `spec.out` (H.264 1280x720 25 fps yuv420p BT.709 + AAC, faststart).
/// The file appears at `out` only when complete. `progress` gets 0..=1.
pub fn render_clip(
    spec: &ClipSpec,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<ClipInfo, AvError> {
    if cancel.load(Ordering::Relaxed) {
        return Err(AvError::Cancelled);
    }
    let ffmpeg = tool::ffmpeg_path()?;
    let narration_audio = read_wav(&spec.narration.wav)?;
    let gain_db = loudness::normalizing_gain_db(&narration_audio);
    let frame_count = clip_frame_count(spec.narration.duration_sec);
    let duration = frame_count as f64 / f64::from(FPS);
    let maker = FrameMaker::new(spec.layers, frame_count)?;

    let out = absolute(spec.out)?;
    let out_dir = files::output_dir(&out)?;
    let work = tempfile::Builder::new()
        .prefix(".clip-work-")
        .tempdir_in(&out_dir)
        .map_err(|error| AvError::io("create a work folder", &out_dir, error))?;
    let partial = files::partial_beside(&out_dir, ".clip-", ".mp4.part")?;

    let mut command = tool::command(&ffmpeg);
    command
        .args(encoding::common_args())
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", &format!("{WIDTH}x{HEIGHT}")])
        .args(["-r", &FPS.to_string(), "-i", "pipe:0", "-i"])
        .arg(tool::ffmpeg_file_arg(&absolute(&spec.narration.wav)?))
        .args(["-map", "0:v:0", "-map", "1:a:0", "-af"])
        .arg(audio_filter(gain_db, duration))
        .args(["-frames:v", &frame_count.to_string()])
        .args(encoding::video_args())
        .args(threads_args(spec.encoder_threads))
        .args(["-force_key_frames", &keyframe_expression(frame_count)])
        .args(encoding::audio_args())
        .args(["-t", &format!("{duration:.3}"), "-movflags", "+faststart", "-f", "mp4"])
        .arg(tool::ffmpeg_file_arg(&partial));
    let (running, pipes) = process::spawn(&mut command, Stdout::Collect, true)
        .map_err(|error| AvError::ToolFailed { action: "start ffmpeg", stderr_tail: error.to_string() })?;
    let stdin =
        pipes.stdin.ok_or(AvError::ToolFailed { action: "start ffmpeg", stderr_tail: "no stdin".into() })?;
    widen_pipe(&stdin);
    // Drawing the subtitle lines overlaps with the encoder starting up; if it fails or is
    // cancelled, dropping `running` stops the encoder.
    // The last line is gone before a crossfade into the next scene can begin.
    let captions_end = duration - TRANSITION_FRAMES as f64 / f64::from(FPS);
    let captions = subtitles::render_captions(
        &ffmpeg,
        &spec.narration.sentences,
        CLIP_LEAD_IN_SEC,
        captions_end,
        work.path(),
        cancel,
    )?;
    let maker = maker.with_captions(captions);

    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let finished = std::thread::scope(|scope| {
        scope.spawn(|| feed_frames(&maker, stdin, &written, &stop));
        let finished = running.wait(cancel, |_| {
            progress(written.load(Ordering::Relaxed) as f32 / frame_count as f32 * 0.98);
        });
        stop.store(true, Ordering::Relaxed);
        finished
    })?;
    if !finished.status.success() {
        tracing::warn!(stderr = %finished.stderr_tail, "clip encoding failed");
        return Err(AvError::ToolFailed {
            action: "make the scene's video clip",
            stderr_tail: finished.stderr_tail,
        });
    }
    files::publish(partial, &out)?;
    progress(1.0);
    Ok(ClipInfo {
        path: out,
        duration_sec: duration,
        frames: frame_count,
        width: WIDTH as u32,
        height: HEIGHT as u32,
    })
}

/// Audio: loudness gain, the encoder's rate and layout, the lead-in delay, and silence to the
/// clip's end.
fn audio_filter(gain_db: f64, duration: f64) -> String {
    let lead_ms = (CLIP_LEAD_IN_SEC * 1000.0).round() as u64;
    format!(
        "volume={gain_db:.2}dB,aresample={rate},aformat=sample_fmts=fltp:channel_layouts={layout},\
         adelay=delays={lead_ms}:all=1,apad=whole_dur={duration:.3}",
        rate = encoding::AUDIO_SAMPLE_RATE,
        layout = encoding::AUDIO_LAYOUT,
    )
}

/// A frame is 1.4 MB and a pipe holds 64 KB: widening it to 1 MB (Linux's default limit) lets
/// a frame cross in two writes instead of twenty, each of which wakes ffmpeg.
fn widen_pipe(stdin: &ChildStdin) {
    #[cfg(target_os = "linux")]
    if let Err(error) = rustix::pipe::fcntl_setpipe_size(stdin, 1 << 20) {
        tracing::debug!(%error, "the frame pipe keeps its default size");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = stdin;
}

fn threads_args(threads: usize) -> Vec<String> {
    if threads == 0 {
        Vec::new()
    } else {
        vec!["-threads".to_owned(), threads.to_string()]
    }
}

/// Keyframes where a crossfade may begin and end, so joining can copy everything between.
fn keyframe_expression(frame_count: usize) -> String {
    format!("expr:eq(n,{})+eq(n,{})", TRANSITION_FRAMES, frame_count - TRANSITION_FRAMES)
}

/// Makes frames on this thread and hands them to a writer thread, so making the next frame
/// overlaps with ffmpeg reading the last one.
fn feed_frames(maker: &FrameMaker, stdin: ChildStdin, written: &AtomicUsize, stop: &AtomicBool) {
    let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(FRAMES_IN_FLIGHT);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    for _ in 0..FRAMES_IN_FLIGHT {
        let _ = empty_tx.send(vec![0u8; FRAME_BYTES]);
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut stdin = stdin;
            for frame in full_rx {
                if stdin.write_all(&frame).is_err() {
                    // ffmpeg stopped reading: it failed or was killed; its status tells why.
                    break;
                }
                written.fetch_add(1, Ordering::Relaxed);
                if empty_tx.send(frame).is_err() {
                    break;
                }
            }
            // Dropping stdin tells ffmpeg the video input has ended.
        });
        for index in 0..maker.frame_count() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let Ok(mut buffer) = empty_rx.recv() else { break };
            maker.frame_yuv420(index, &mut buffer);
            if full_tx.send(buffer).is_err() {
                break;
            }
        }
        drop(full_tx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_cover_lead_in_narration_and_tail_in_whole_frames() {
        assert_eq!(clip_frame_count(4.0), 120); // 0.25 + 4 + 0.55 = 4.8 s
        assert_eq!(clip_frame_count(4.01), 121);
        assert_eq!(clip_frame_count(0.0), 3 * TRANSITION_FRAMES);
    }

    #[test]
    fn clips_share_the_cores_without_exceeding_them() {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        for clips in 1..=10 {
            let plan = clip_parallelism(clips);
            assert!(plan.clips_at_once >= 1 && plan.clips_at_once <= clips.min(MAX_CLIPS_AT_ONCE));
            assert!(plan.encoder_threads >= 1);
            assert!(plan.clips_at_once * plan.encoder_threads <= cores.max(plan.clips_at_once));
        }
        assert_eq!(clip_parallelism(1).encoder_threads, cores);
    }

    #[test]
    fn keyframes_sit_where_crossfades_start_and_end() {
        assert_eq!(keyframe_expression(120), "expr:eq(n,10)+eq(n,110)");
    }

    #[test]
    fn audio_is_delayed_and_padded_to_the_clip() {
        let graph = audio_filter(-3.5, 4.8);
        assert!(graph.starts_with("volume=-3.50dB"));
        assert!(graph.contains("adelay=delays=250:all=1"));
        assert!(graph.contains("apad=whole_dur=4.800"));
    }
}
