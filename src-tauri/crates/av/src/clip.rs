//! One scene's video clip: frames made in Rust (background, figure and the libass-drawn
//! subtitles, opening with the crossfade out of the previous scene) are piped raw into ffmpeg
//! while it encodes them, with the loudness-corrected narration unless the sound is made apart.
//! Frame making and encoding overlap, so a clip costs little more than encoding it.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ChildStdin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use render::SceneLayers;

use crate::crossfade::{ClipFrames, PreviousScene, CROSSFADE_FRAMES};
use crate::files::{self, absolute};
use crate::frames::{FrameMaker, FPS, FRAME_BYTES, HEIGHT, WIDTH};
use crate::narrate::{read_wav, SceneNarration};
use crate::process::{self, Stdout};
use crate::subtitles::DrawnLines;
use crate::{encoding, loudness, probe, subtitles, tool, AvError};

/// Picture before the narration starts, so the voice begins after a crossfade has mostly shown
/// the scene.
pub const CLIP_LEAD_IN_SEC: f64 = 0.25;
/// Picture after the narration ends; at least the crossfade, so the next scene's crossfade never
/// covers speech.
pub const CLIP_TAIL_SEC: f64 = 0.55;
/// Frames kept in flight between the frame maker and ffmpeg.
const FRAMES_IN_FLIGHT: usize = 3;
/// The most clips worth making at the same time: each encoder holds about 150 MB.
const MAX_CLIPS_AT_ONCE: usize = 4;

/// What [`render_clip`] needs: the scene's layers, its narration, its neighbours, and where the
/// clip goes.
pub struct ClipSpec<'a> {
    pub layers: &'a SceneLayers,
    pub narration: &'a SceneNarration,
    pub out: &'a Path,
    /// x264 threads for this clip; 0 lets ffmpeg choose (one per core and then some).
    pub encoder_threads: usize,
    /// The scene before this one: the clip then opens with the crossfade out of it.
    pub previous: Option<PreviousScene<'a>>,
    /// True when the next scene crossfades in: the clip then stops where that crossfade begins
    /// (the next clip shows the rest of this scene, mixed into its own opening).
    pub next_fades_in: bool,
    /// Subtitle lines drawn ahead of time; lines missing from it are drawn with the clip.
    pub drawn_lines: Option<&'a DrawnLines>,
    /// Whether the clip carries its narration. Clips joined with a soundtrack made on its own
    /// ([`crate::encode_soundtrack`]) leave it out: a second input and its sound would cost
    /// about a tenth of the clip's encoding, only for the join to drop it.
    pub with_sound: bool,
}

impl ClipSpec<'_> {
    /// Frames in the clip: the scene's, less the ones the next scene's crossfade shows.
    pub fn frame_count(&self) -> usize {
        clip_frame_count(self.narration.duration_sec, self.next_fades_in)
    }

    pub fn duration_sec(&self) -> f64 {
        self.frame_count() as f64 / f64::from(FPS)
    }
}

/// How a set of clips shares the computer's cores, from [`clip_parallelism`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClipParallelism {
    pub clips_at_once: usize,
    /// x264 threads of each clip while every worker has one.
    pub encoder_threads: usize,
    pub cores: usize,
    pub clips: usize,
}

impl ClipParallelism {
    /// x264 threads for the clip started `position`-th (from 0). The last clips to start run
    /// while the other workers run out of clips, so they get every core: the one still encoding
    /// at the end then uses the cores the others leave instead of one alone. x264's frame
    /// threads cost next to nothing extra (a 300-frame clip: the same output, 2.2-2.5 CPU
    /// seconds with two threads and 2.1-2.3 with one).
    pub fn encoder_threads_for(&self, position: usize) -> usize {
        if self.clips.saturating_sub(position) <= self.clips_at_once {
            self.cores
        } else {
            self.encoder_threads
        }
    }
}

/// How to make `clips` clips at once. x264's threads scale poorly on clips a few seconds long
/// (two cores encode two halves of a storybook side by side, one thread each, in 6.4 s; the
/// whole with x264's own threads takes 8.1 s), so clips run in parallel with the cores shared
/// out among them.
pub fn clip_parallelism(clips: usize) -> ClipParallelism {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let clips_at_once = cores.min(MAX_CLIPS_AT_ONCE).min(clips).max(1);
    ClipParallelism { clips_at_once, encoder_threads: (cores / clips_at_once).max(1), cores, clips }
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

/// Frames of a scene whose narration lasts `narration_sec`: lead-in + narration + tail, rounded
/// up to whole frames, and long enough for a crossfade at each end with frames of its own between.
pub fn scene_frame_count(narration_sec: f64) -> usize {
    let seconds = CLIP_LEAD_IN_SEC + narration_sec.max(0.0) + CLIP_TAIL_SEC;
    ((seconds * f64::from(FPS)).ceil() as usize).max(3 * CROSSFADE_FRAMES)
}

/// Frames in the clip of a scene whose narration lasts `narration_sec`: the scene's, less the
/// ones the next scene's crossfade shows when `next_fades_in`.
pub fn clip_frame_count(narration_sec: f64, next_fades_in: bool) -> usize {
    let scene = scene_frame_count(narration_sec);
    if next_fades_in {
        scene - CROSSFADE_FRAMES
    } else {
        scene
    }
}

/// How long the scene narrated by `narration` is on screen, counting both its crossfades.
pub fn scene_duration_sec(narration: &SceneNarration) -> f64 {
    scene_frame_count(narration.duration_sec) as f64 / f64::from(FPS)
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
    let frame_count = spec.frame_count();
    let duration = spec.duration_sec();
    let (out, out_dir) = output(spec)?;
    let work = work_dir(&out_dir)?;
    let partial = files::partial_beside(&out_dir, ".clip-", ".mp4")?;

    let mut command = frame_input(&ffmpeg);
    if spec.with_sound {
        let gain_db = loudness::normalizing_gain_db(&read_wav(&spec.narration.wav)?);
        command
            .arg("-i")
            .arg(tool::ffmpeg_file_arg(&absolute(&spec.narration.wav)?))
            .args(["-map", "0:v:0", "-map", "1:a:0", "-af"])
            .arg(audio_filter(gain_db, duration))
            .args(video_output_args(spec))
            .args(encoding::audio_args());
    } else {
        command.args(["-map", "0:v:0"]).args(video_output_args(spec)).arg("-an");
    }
    command
        .args(["-t", &format!("{duration:.3}"), "-movflags", "+faststart", "-f", "mp4"])
        .arg(tool::ffmpeg_file_arg(&partial));
    encode_frames(&ffmpeg, command, spec, frame_count, work.path(), cancel, &mut |done| {
        progress(done as f32 / frame_count as f32 * 0.98);
    })?;
    publish_checked(partial, &out, frame_count, spec.with_sound)?;
    progress(1.0);
    Ok(ClipInfo {
        path: out,
        duration_sec: duration,
        frames: frame_count,
        width: WIDTH as u32,
        height: HEIGHT as u32,
    })
}

/// Makes `spec.out` from `old`, a clip of the same scene whose previous scene has changed since:
/// only the opening crossfade is encoded again, and the rest of `old` (its own frames from the
/// keyframe where its crossfade ended, and its sound when `spec` asks for sound) is copied.
/// Falls back to [`render_clip`] when `old` was not made that way.
pub fn refresh_crossfade(
    spec: &ClipSpec,
    old: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<ClipInfo, AvError> {
    let frame_count = spec.frame_count();
    let reusable = spec.previous.is_some()
        && probe::probe_with_frames(old).is_ok_and(|(info, frames)| {
            (info.audio().is_some() || !spec.with_sound)
                && frames.count == frame_count
                && frames.keyframes.contains(&CROSSFADE_FRAMES)
        });
    if !reusable {
        tracing::info!("the old clip can't be reused; making it again");
        return render_clip(spec, cancel, progress);
    }
    let ffmpeg = tool::ffmpeg_path()?;
    let (out, out_dir) = output(spec)?;
    let work = work_dir(&out_dir)?;
    let mut command = frame_input(&ffmpeg);
    command
        .args(["-frames:v", &CROSSFADE_FRAMES.to_string()])
        .args(video_output_args(spec))
        .args(["-an", "-f", "mp4", "opening.mp4"])
        .current_dir(work.path());
    encode_frames(&ffmpeg, command, spec, CROSSFADE_FRAMES, work.path(), cancel, &mut |done| {
        progress(done as f32 / CROSSFADE_FRAMES as f32 * 0.8);
    })?;

    let partial = files::partial_beside(&out_dir, ".clip-", ".mp4")?;
    let list = work.path().join("pieces.txt");
    std::fs::write(&list, refresh_list(&absolute(old)?)?)
        .map_err(|error| AvError::io("save the clip list", &list, error))?;
    let mut join = tool::command(&ffmpeg);
    join.current_dir(work.path()).args(encoding::common_args()).args([
        "-f",
        "concat",
        "-safe",
        "0",
        "-i",
        "pieces.txt",
    ]);
    if spec.with_sound {
        join.arg("-i").arg(tool::ffmpeg_file_arg(&absolute(old)?)).args(["-map", "0:v:0", "-map", "1:a:0"]);
    } else {
        join.args(["-map", "0:v:0", "-an"]);
    }
    join.args(["-c", "copy", "-movflags", "+faststart", "-f", "mp4"]).arg(tool::ffmpeg_file_arg(&partial));
    process::run(&mut join, "renew the scene's crossfade", cancel, Stdout::Collect, None)?;
    publish_checked(partial, &out, frame_count, spec.with_sound)?;
    progress(1.0);
    Ok(ClipInfo {
        path: out,
        duration_sec: spec.duration_sec(),
        frames: frame_count,
        width: WIDTH as u32,
        height: HEIGHT as u32,
    })
}

/// Moves the finished clip to `out` once its index confirms it holds `frame_count` frames, and
/// sound when `with_sound`; what it found is remembered, so joining the clips need not read it
/// again.
fn publish_checked(
    partial: tempfile::TempPath,
    out: &Path,
    frame_count: usize,
    with_sound: bool,
) -> Result<(), AvError> {
    let facts = probe::probe_frames_afresh(&partial)?;
    let (info, frames) = &facts;
    let sound_missing = with_sound && info.audio().is_none();
    if frames.count != frame_count || sound_missing {
        return Err(AvError::ToolFailed {
            action: "make the scene's video clip",
            stderr_tail: format!(
                "the clip came out with {} of {frame_count} frames{}",
                frames.count,
                if sound_missing { " and no sound" } else { "" }
            ),
        });
    }
    files::publish(partial, out)?;
    probe::remember(out, &facts);
    Ok(())
}

/// The new opening, then the old clip from the keyframe where its own crossfade ended.
fn refresh_list(old: &Path) -> Result<String, AvError> {
    let mut list = String::from("file 'opening.mp4'\n");
    let _ = writeln!(list, "{}", files::concat_entry(old)?);
    let _ = writeln!(list, "inpoint {:.6}", CROSSFADE_FRAMES as f64 / f64::from(FPS));
    Ok(list)
}

/// `spec.out` made absolute, and its folder (created if missing).
fn output(spec: &ClipSpec) -> Result<(PathBuf, PathBuf), AvError> {
    let out = absolute(spec.out)?;
    let dir = files::output_dir(&out)?;
    Ok((out, dir))
}

fn work_dir(out_dir: &Path) -> Result<tempfile::TempDir, AvError> {
    tempfile::Builder::new()
        .prefix(".clip-work-")
        .tempdir_in(out_dir)
        .map_err(|error| AvError::io("create a work folder", out_dir, error))
}

/// ffmpeg reading raw frames on stdin; the outputs come after any other inputs.
fn frame_input(ffmpeg: &Path) -> std::process::Command {
    let mut command = tool::command(ffmpeg);
    command
        .args(encoding::common_args())
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", &format!("{WIDTH}x{HEIGHT}")])
        .args(["-r", &FPS.to_string(), "-i", "pipe:0"]);
    command
}

/// The app's video settings for `spec`'s clip; a keyframe where the opening crossfade ends lets
/// the crossfade alone be renewed later.
fn video_output_args(spec: &ClipSpec) -> Vec<String> {
    let mut args = encoding::video_args();
    args.extend(threads_args(spec.encoder_threads));
    if spec.previous.is_some() {
        args.extend(["-force_key_frames".to_owned(), format!("expr:eq(n,{CROSSFADE_FRAMES})")]);
    }
    args
}

/// Starts `command`, feeds it `count` frames of `spec`'s clip and waits for it; `progress` gets
/// the number of frames handed over so far.
fn encode_frames(
    ffmpeg: &Path,
    mut command: std::process::Command,
    spec: &ClipSpec,
    count: usize,
    work: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize),
) -> Result<(), AvError> {
    let scene_frames = scene_frame_count(spec.narration.duration_sec);
    let maker = FrameMaker::new(spec.layers, scene_frames)?;
    let previous = match &spec.previous {
        Some(previous) => Some(FrameMaker::new(previous.layers, scene_frame_count(previous.narration_sec))?),
        None => None,
    };
    let (running, stdin) = process::spawn(&mut command, Stdout::Collect, true)
        .map_err(|error| AvError::ToolFailed { action: "start ffmpeg", stderr_tail: error.to_string() })?;
    let stdin =
        stdin.ok_or(AvError::ToolFailed { action: "start ffmpeg", stderr_tail: "no stdin".into() })?;
    widen_pipe(&stdin);
    // Drawing any subtitle lines not drawn ahead overlaps with the encoder starting up; if it
    // fails or is cancelled, dropping `running` stops the encoder.
    // The last line is gone before a crossfade into the next scene can begin.
    let scene_end = scene_frames as f64 / f64::from(FPS);
    let captions_end = scene_end - CROSSFADE_FRAMES as f64 / f64::from(FPS);
    let captions = subtitles::render_captions(
        ffmpeg,
        &spec.narration.sentences,
        CLIP_LEAD_IN_SEC,
        captions_end,
        spec.drawn_lines,
        work,
        cancel,
    )?;
    let frames = ClipFrames::new(maker.with_captions(captions), previous, count);

    let written = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let finished = std::thread::scope(|scope| {
        scope.spawn(|| feed_frames(&frames, stdin, &written, &stop));
        let finished = running.wait(cancel, |_| progress(written.load(Ordering::Relaxed)));
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
    Ok(())
}

/// Audio: loudness gain, the encoder's rate and layout, the lead-in delay, and silence to the
/// clip's end.
pub(crate) fn audio_filter(gain_db: f64, duration: f64) -> String {
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

/// Makes frames on this thread and hands them to a writer thread, so making the next frame
/// overlaps with ffmpeg reading the last one.
fn feed_frames(frames: &ClipFrames, stdin: ChildStdin, written: &AtomicUsize, stop: &AtomicBool) {
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
        let mut scratch = Vec::new();
        for index in 0..frames.count() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let Ok(mut buffer) = empty_rx.recv() else { break };
            frames.frame(index, &mut buffer, &mut scratch);
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
    fn scenes_cover_lead_in_narration_and_tail_in_whole_frames() {
        assert_eq!(scene_frame_count(4.0), 120); // 0.25 + 4 + 0.55 = 4.8 s
        assert_eq!(scene_frame_count(4.01), 121);
        assert_eq!(scene_frame_count(0.0), 3 * CROSSFADE_FRAMES);
    }

    #[test]
    fn a_clip_stops_where_the_next_scene_fades_in() {
        let place =
            render::Placement { center_x: 0.0, center_y: 0.0, scale: 1.0, rotation_deg: 0.0, flip: false };
        let layers = render::SceneLayers {
            background: image::RgbaImage::new(4, 4),
            figure: image::RgbaImage::new(1, 1),
            start: place,
            end: place,
            drawn: Vec::new(),
            animation: None,
        };
        let narration = SceneNarration { wav: "n.wav".into(), duration_sec: 4.0, sentences: Vec::new() };
        let out = Path::new("clip.mp4");
        let mut spec = ClipSpec {
            layers: &layers,
            narration: &narration,
            out,
            encoder_threads: 1,
            previous: None,
            next_fades_in: true,
            drawn_lines: None,
            with_sound: true,
        };
        assert_eq!(spec.frame_count(), 110);
        spec.next_fades_in = false;
        assert_eq!(spec.frame_count(), 120);
        assert!((spec.duration_sec() - 4.8).abs() < 1e-9);
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
    fn the_last_clips_to_start_get_every_core() {
        let plan = ClipParallelism { clips_at_once: 2, encoder_threads: 1, cores: 2, clips: 6 };
        let threads: Vec<usize> = (0..6).map(|position| plan.encoder_threads_for(position)).collect();
        assert_eq!(threads, [1, 1, 1, 1, 2, 2]);
        let alone = ClipParallelism { clips_at_once: 1, encoder_threads: 4, cores: 4, clips: 1 };
        assert_eq!(alone.encoder_threads_for(0), 4);
    }

    #[test]
    fn a_renewed_opening_is_followed_by_the_old_clip_from_its_keyframe() {
        let list = refresh_list(Path::new("/clips/it's.mp4")).expect("a plain name");
        assert_eq!(list, "file 'opening.mp4'\nfile 'file:/clips/it'\\''s.mp4'\ninpoint 0.400000\n");
        let refused = refresh_list(Path::new("/clips/a\nfile 'b.mp4'.mp4")).expect_err("a line break");
        assert_eq!(refused.code(), "unusable_file_name");
    }

    #[test]
    fn audio_is_delayed_and_padded_to_the_clip() {
        let graph = audio_filter(-3.5, 4.8);
        assert!(graph.starts_with("volume=-3.50dB"));
        assert!(graph.contains("adelay=delays=250:all=1"));
        assert!(graph.contains("apad=whole_dur=4.800"));
    }
}
