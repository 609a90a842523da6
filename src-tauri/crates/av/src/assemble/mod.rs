//! Joining scene clips end to end into the storybook video. Clips made by `render_clip` already
//! carry the crossfades between scenes and share one encoding, so their pictures are copied and
//! only the soundtrack is encoded; other clips take the slower path of re-encoding the whole
//! video. The result is written to a temporary file beside `out` and renamed into place, so `out`
//! is never half-written.

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

/// The finished video.
#[derive(Debug, Clone, PartialEq)]
pub struct VideoInfo {
    pub path: PathBuf,
    pub duration_sec: f64,
    pub width: u32,
    pub height: u32,
    pub size_bytes: u64,
    pub scenes: usize,
    /// False when the clips' pictures were copied (only the soundtrack encoded).
    pub reencoded: bool,
}

/// One clip as assembly sees it.
struct ClipFacts {
    path: PathBuf,
    info: ProbeInfo,
    frames: usize,
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

/// Joins `clips` end to end, in order, into `out`. `progress` gets 0..=1.
pub fn assemble(
    clips: &[PathBuf],
    out: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<VideoInfo, AvError> {
    assemble_with_soundtrack(clips, None, out, cancel, progress)
}

/// Like [`assemble`], with the sound already joined (see [`crate::encode_soundtrack`]): when the
/// clips' pictures can be copied, `soundtrack` is copied too and nothing is encoded.
pub fn assemble_with_soundtrack(
    clips: &[PathBuf],
    soundtrack: Option<&Path>,
    out: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<VideoInfo, AvError> {
    if clips.is_empty() {
        return Err(AvError::NoClips);
    }
    let ffmpeg = tool::ffmpeg_path()?;
    let facts = all_clip_facts(clips, cancel)?;
    progress(0.05);

    let out = absolute(out)?;
    let out_dir = files::output_dir(&out)?;
    let work = tempfile::Builder::new()
        .prefix(".video-work-")
        .tempdir_in(&out_dir)
        .map_err(|error| AvError::io("create a work folder", &out_dir, error))?;
    let partial = files::partial_beside(&out_dir, ".video-", ".mp4")?;

    let soundtrack = soundtrack.map(absolute).transpose()?;
    let job = Job {
        ffmpeg: &ffmpeg,
        clips: &facts,
        soundtrack: soundtrack.as_deref(),
        work: work.path(),
        partial: &partial,
        cancel,
    };
    let copied = copyable(&facts, soundtrack.is_some());
    if copied {
        job.join_by_copying(progress)?;
    } else {
        job.join_by_reencoding(progress)?;
    }

    let (info, _) = probe::probe_frames_afresh(&partial)?;
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
    Ok(ClipFacts { path, info, frames: frames.count })
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

/// True when the clips share one encoding, so their pictures can be joined by copying. Their
/// sound must match too unless a soundtrack replaces it.
fn copyable(clips: &[ClipFacts], has_soundtrack: bool) -> bool {
    let Some(first) = clips.first() else { return false };
    let Some(video) = first.info.video() else { return false };
    let audio = first.info.audio();
    clips.iter().all(|clip| {
        let Some(v) = clip.info.video() else { return false };
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
        let same_audio =
            has_soundtrack
                || clip.info.audio().zip(audio).is_some_and(|(a, first)| {
                    (a.sample_rate, a.channels) == (first.sample_rate, first.channels)
                });
        same_video && same_audio
    })
}

pub(super) struct Job<'a> {
    ffmpeg: &'a Path,
    clips: &'a [ClipFacts],
    soundtrack: Option<&'a Path>,
    work: &'a Path,
    partial: &'a Path,
    cancel: &'a AtomicBool,
}

impl Job<'_> {
    pub(super) fn total_sec(&self) -> f64 {
        self.clips.iter().map(ClipFacts::duration).sum()
    }

    pub(super) fn ffmpeg(&self) -> Command {
        let mut command = tool::command(self.ffmpeg);
        command.current_dir(self.work).args(encoding::common_args());
        command
    }

    /// Each clip's audio (silence if it has none), as long as its picture, joined end to end.
    pub(super) fn audio_graph(&self, first_input: usize) -> String {
        let count = self.clips.len();
        let mut graph = String::new();
        for (index, clip) in self.clips.iter().enumerate() {
            let keep = clip.duration();
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
