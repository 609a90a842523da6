//! Joining scene clips into the storybook video with short crossfades. Clips made by
//! `render_clip` carry keyframes where a crossfade starts and ends, so only the crossfades are
//! re-encoded and everything between them is copied; other clips take the slower path of
//! re-encoding the whole video. The result is written to a temporary file beside `out` and
//! renamed into place, so `out` is never half-written.

mod copy;
mod reencode;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::files::{self, absolute};
use crate::frames::{FPS, HEIGHT, WIDTH};
use crate::process::{self, Stdout};
use crate::{encoding, probe, tool, AvError, ProbeInfo};

/// Crossfade between scenes used by [`assemble`].
pub const DEFAULT_CROSSFADE_SEC: f64 = 0.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssembleOptions {
    /// Length of the crossfade between two scenes; 0 joins them with a cut.
    pub crossfade_sec: f64,
}

impl Default for AssembleOptions {
    fn default() -> Self {
        Self { crossfade_sec: DEFAULT_CROSSFADE_SEC }
    }
}

/// The finished video.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoInfo {
    pub path: PathBuf,
    pub duration_sec: f64,
    pub width: u32,
    pub height: u32,
    pub size_bytes: u64,
    pub scenes: usize,
    /// False when the clips were joined by copying (only crossfades re-encoded).
    pub reencoded: bool,
}

/// Joins `clips` in order with [`DEFAULT_CROSSFADE_SEC`] crossfades into `out`.
pub fn assemble(
    clips: &[PathBuf],
    out: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<VideoInfo, AvError> {
    assemble_with(clips, out, &AssembleOptions::default(), cancel, progress)
}

/// One clip as assembly sees it.
struct ClipFacts {
    path: PathBuf,
    info: ProbeInfo,
    frames: usize,
    keyframes: Vec<usize>,
}

impl ClipFacts {
    /// Exact for clips at the video frame rate (counted frames); otherwise what the file says.
    fn duration(&self) -> f64 {
        let video = self.info.video();
        if self.frames > 0 && video.and_then(|v| v.frame_rate) == Some(f64::from(FPS)) {
            self.frames as f64 / f64::from(FPS)
        } else {
            video.and_then(|v| v.duration_sec).unwrap_or(self.info.duration_sec)
        }
    }
}

/// Joins `clips` in order into `out` with `options`. `progress` gets 0..=1.
pub fn assemble_with(
    clips: &[PathBuf],
    out: &Path,
    options: &AssembleOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<VideoInfo, AvError> {
    if clips.is_empty() {
        return Err(AvError::NoClips);
    }
    let ffmpeg = tool::ffmpeg_path()?;
    let facts = all_clip_facts(clips, cancel)?;
    progress(0.05);
    let fade_frames = (options.crossfade_sec.max(0.0) * f64::from(FPS)).round() as usize;
    let shortest = facts.iter().map(|clip| clip.duration()).fold(f64::INFINITY, f64::min);
    let fade_frames = fade_frames.min(((shortest * f64::from(FPS)) as usize).saturating_sub(1) / 2);

    let out = absolute(out)?;
    let out_dir = files::output_dir(&out)?;
    let work = tempfile::Builder::new()
        .prefix(".video-work-")
        .tempdir_in(&out_dir)
        .map_err(|error| AvError::io("create a work folder", &out_dir, error))?;
    let partial = files::partial_beside(&out_dir, ".video-", ".mp4.part")?;

    let job =
        Job { ffmpeg: &ffmpeg, clips: &facts, fade_frames, work: work.path(), partial: &partial, cancel };
    let copied = copyable(&facts, fade_frames) && job.join_by_copying(progress)?;
    if !copied {
        job.join_by_reencoding(progress)?;
    }

    let info = probe::probe(&partial)?;
    let (width, height) =
        info.video().map(|v| (v.width.unwrap_or(0), v.height.unwrap_or(0))).unwrap_or((0, 0));
    let size_bytes = std::fs::metadata(&partial).map(|meta| meta.len()).unwrap_or(0);
    if cancel.load(Ordering::Relaxed) {
        return Err(AvError::Cancelled);
    }
    files::publish(partial, &out)?;
    progress(1.0);
    tracing::info!(scenes = clips.len(), duration_sec = info.duration_sec, copied, "video assembled");
    Ok(VideoInfo {
        path: out,
        duration_sec: info.duration_sec,
        width,
        height,
        size_bytes,
        scenes: clips.len(),
        reencoded: !copied,
    })
}

fn clip_facts(path: &Path) -> Result<ClipFacts, AvError> {
    let path = absolute(path)?;
    let (info, frames) = probe::probe_with_frames(&path)?;
    if info.video().is_none() {
        return Err(AvError::BadInput { path, detail: "no video stream".into() });
    }
    Ok(ClipFacts { path, info, frames: frames.count, keyframes: frames.keyframes })
}

/// Probes all clips, a few at a time (ffprobe spends most of its time starting up).
fn all_clip_facts(clips: &[PathBuf], cancel: &AtomicBool) -> Result<Vec<ClipFacts>, AvError> {
    const AT_ONCE: usize = 8;
    let mut facts = Vec::with_capacity(clips.len());
    for batch in clips.chunks(AT_ONCE) {
        if cancel.load(Ordering::Relaxed) {
            return Err(AvError::Cancelled);
        }
        let results: Vec<Result<ClipFacts, AvError>> = std::thread::scope(|scope| {
            let running: Vec<_> = batch.iter().map(|clip| scope.spawn(move || clip_facts(clip))).collect();
            running
                .into_iter()
                .map(|thread| {
                    thread.join().unwrap_or_else(|_| {
                        Err(AvError::ToolFailed {
                            action: "read the video file",
                            stderr_tail: "panicked".into(),
                        })
                    })
                })
                .collect()
        });
        for result in results {
            facts.push(result?);
        }
    }
    Ok(facts)
}

/// True when the clips share one encoding and have keyframes where each crossfade begins and
/// ends, so their middles can be copied.
fn copyable(clips: &[ClipFacts], fade_frames: usize) -> bool {
    let Some(first) = clips.first() else { return false };
    let (Some(video), Some(audio)) = (first.info.video(), first.info.audio()) else { return false };
    let count = clips.len();
    clips.iter().enumerate().all(|(index, clip)| {
        let (Some(v), Some(a)) = (clip.info.video(), clip.info.audio()) else { return false };
        let same_video = v.codec == "h264"
            && (v.width, v.height) == (Some(WIDTH as u32), Some(HEIGHT as u32))
            && (v.codec.as_str(), v.width, v.height, &v.pix_fmt, &v.extradata_hash, v.frame_rate)
                == (
                    video.codec.as_str(),
                    video.width,
                    video.height,
                    &video.pix_fmt,
                    &video.extradata_hash,
                    video.frame_rate,
                )
            && v.frame_rate == Some(f64::from(FPS));
        let same_audio = (a.sample_rate, a.channels) == (audio.sample_rate, audio.channels);
        let cuts_ok = fade_frames == 0
            || (clip.frames > 2 * fade_frames
                && (index == 0 || clip.keyframes.contains(&fade_frames))
                && (index + 1 == count || clip.keyframes.contains(&(clip.frames - fade_frames))));
        same_video && same_audio && cuts_ok
    })
}

pub(super) struct Job<'a> {
    ffmpeg: &'a Path,
    clips: &'a [ClipFacts],
    fade_frames: usize,
    work: &'a Path,
    partial: &'a Path,
    cancel: &'a AtomicBool,
}

impl Job<'_> {
    pub(super) fn fade_sec(&self) -> f64 {
        self.fade_frames as f64 / f64::from(FPS)
    }

    pub(super) fn total_sec(&self) -> f64 {
        let sum: f64 = self.clips.iter().map(ClipFacts::duration).sum();
        sum - self.fade_sec() * (self.clips.len() - 1) as f64
    }

    pub(super) fn ffmpeg(&self) -> Command {
        let mut command = tool::command(self.ffmpeg);
        command.current_dir(self.work).args(encoding::common_args());
        command
    }

    /// Each clip's audio (silence if it has none), cut where the next scene's crossfade begins
    /// (inside the clip's quiet tail), joined end to end.
    pub(super) fn audio_graph(&self, first_input: usize) -> String {
        let count = self.clips.len();
        let mut graph = String::new();
        for (index, clip) in self.clips.iter().enumerate() {
            let keep = if index + 1 < count { clip.duration() - self.fade_sec() } else { clip.duration() };
            let source = if clip.info.audio().is_some() {
                format!("[{}:a:0]", first_input + index)
            } else {
                format!("anullsrc=r={}:cl={},", encoding::AUDIO_SAMPLE_RATE, encoding::AUDIO_LAYOUT)
            };
            let _ = write!(
                graph,
                "{source}aresample={rate},aformat=sample_fmts=fltp:channel_layouts={layout},\
                 apad,atrim=end={keep:.6},asetpts=PTS-STARTPTS[a{index}];",
                rate = encoding::AUDIO_SAMPLE_RATE,
                layout = encoding::AUDIO_LAYOUT,
            );
        }
        for index in 0..count {
            let _ = write!(graph, "[a{index}]");
        }
        let _ = write!(graph, "concat=n={count}:v=0:a=1[a]");
        graph
    }

    /// Runs the final ffmpeg writing the partial output, reporting progress from `from` to 0.98.
    pub(super) fn finish(
        &self,
        mut command: Command,
        from: f32,
        progress: &mut dyn FnMut(f32),
    ) -> Result<(), AvError> {
        command
            .args(["-movflags", "+faststart", "-progress", "pipe:1", "-nostats", "-f", "mp4"])
            .arg(tool::ffmpeg_file_arg(self.partial));
        let total = self.total_sec();
        let mut report = |fraction: f32| progress(from + (0.98 - from) * fraction);
        process::run(
            &mut command,
            "join the scenes into one video",
            self.cancel,
            Stdout::FfmpegProgress,
            Some((total, &mut report)),
        )?;
        Ok(())
    }
}
