//! The fast join: clips made by `render_clip` are cut at their crossfade keyframes and copied;
//! only the crossfades are encoded, and the soundtrack is encoded once while that happens.

use std::fmt::Write as _;
use std::path::Path;

use super::Job;
use crate::crossfade::{self, FadeClip};
use crate::frames::FPS;
use crate::process::{self, Stdout};
use crate::{encoding, probe, tool, AvError};

impl Job<'_> {
    /// Cuts each clip at its crossfade keyframes (stream copy), encodes only the crossfades, and
    /// concatenates copied middles and encoded crossfades; the soundtrack, the cuts and the
    /// crossfades are made at the same time. Returns false when the crossfades do not come out
    /// compatible with the clips (the caller then re-encodes everything).
    pub(super) fn join_by_copying(&self, progress: &mut dyn FnMut(f32)) -> Result<bool, AvError> {
        let fading = self.fade_frames > 0 && self.clips.len() > 1;
        let (audio, cuts, fades) = std::thread::scope(|scope| {
            let audio = scope.spawn(|| self.encode_soundtrack());
            let fades = scope.spawn(|| if fading { self.encode_fades() } else { Ok(true) });
            let cuts = if fading { self.cut_clips() } else { Ok(()) };
            (audio.join(), cuts, fades.join())
        });
        let panicked = || AvError::ToolFailed {
            action: "join the scenes into one video",
            stderr_tail: "panicked".into(),
        };
        cuts?;
        let compatible = fades.map_err(|_| panicked())??;
        audio.map_err(|_| panicked())??;
        if !compatible {
            tracing::info!("crossfades encoded differently from the clips; re-encoding the whole video");
            return Ok(false);
        }
        progress(0.5);
        let list_path = self.work.join("pieces.txt");
        std::fs::write(&list_path, self.concat_list())
            .map_err(|error| AvError::io("save the scene list", &list_path, error))?;
        let mut join = self.ffmpeg();
        join.args(["-f", "concat", "-safe", "0", "-i", "pieces.txt", "-i", "soundtrack.m4a"])
            .args(["-map", "0:v:0", "-map", "1:a:0", "-c", "copy"]);
        self.finish(join, 0.5, progress)?;
        Ok(true)
    }

    /// Every clip's audio joined (see [`Job::audio_graph`]) into `soundtrack.m4a`.
    fn encode_soundtrack(&self) -> Result<(), AvError> {
        let mut command = self.ffmpeg();
        for clip in self.clips {
            command.arg("-i").arg(tool::ffmpeg_file_arg(&clip.path));
        }
        command
            .arg("-filter_complex")
            .arg(self.audio_graph(0))
            .args(["-map", "[a]", "-vn"])
            .args(encoding::audio_args())
            .args(["-f", "mp4", "soundtrack.m4a"]);
        process::run(&mut command, "join the narration", self.cancel, Stdout::Collect, None).map(|_| ())
    }

    /// Frame numbers where clip `index` is cut: after its head (which the previous crossfade
    /// replaces) and before its tail (which the next crossfade replaces).
    fn cuts(&self, index: usize) -> Vec<usize> {
        let mut cuts = Vec::new();
        if index > 0 {
            cuts.push(self.fade_frames);
        }
        if index + 1 < self.clips.len() {
            cuts.push(self.clips[index].frames - self.fade_frames);
        }
        cuts
    }

    /// Splits every clip at its cuts into `piece-<clip>-<n>.mp4` by stream copy.
    fn cut_clips(&self) -> Result<(), AvError> {
        let mut split = self.ffmpeg();
        for (index, clip) in self.clips.iter().enumerate() {
            let cuts: Vec<String> = self.cuts(index).iter().map(usize::to_string).collect();
            split
                .arg("-i")
                .arg(tool::ffmpeg_file_arg(&clip.path))
                .args([
                    "-map",
                    &format!("{index}:v:0"),
                    "-c",
                    "copy",
                    "-f",
                    "segment",
                    "-segment_format",
                    "mp4",
                ])
                .args(["-segment_frames", &cuts.join(","), "-reset_timestamps", "1"])
                .arg(format!("piece-{index}-%d.mp4"));
        }
        process::run(&mut split, "cut the scene clips", self.cancel, Stdout::Collect, None).map(|_| ())
    }

    /// Encodes the crossfades (see [`crossfade`]) and tells whether they match the clips'
    /// encoding, so they can be joined with them by copying.
    fn encode_fades(&self) -> Result<bool, AvError> {
        let clips: Vec<FadeClip> =
            self.clips.iter().map(|clip| FadeClip { path: clip.path.clone(), frames: clip.frames }).collect();
        crossfade::encode_crossfades(self.ffmpeg, &clips, self.fade_frames, self.work, self.cancel)?;
        let fade_info = probe::probe(&self.work.join("fade-0.mp4"))?;
        let clip_hash = self.clips[0].info.video().and_then(|v| v.extradata_hash.clone());
        Ok(fade_info.video().and_then(|v| v.extradata_hash.clone()) == clip_hash)
    }

    /// The concat-demuxer list: copied clip middles (whole clips when not fading) and crossfades.
    fn concat_list(&self) -> String {
        let count = self.clips.len();
        let fading = self.fade_frames > 0 && count > 1;
        let mut list = String::new();
        for (index, clip) in self.clips.iter().enumerate() {
            if fading {
                let cuts = self.cuts(index);
                let start = if index > 0 { self.fade_frames } else { 0 };
                let end = if index + 1 < count { clip.frames - self.fade_frames } else { clip.frames };
                let piece = usize::from(index > 0 && !cuts.is_empty());
                let _ = writeln!(list, "file 'piece-{index}-{piece}.mp4'");
                let _ = writeln!(list, "duration {:.6}", (end - start) as f64 / f64::from(FPS));
                if index + 1 < count {
                    let _ = writeln!(list, "file 'fade-{index}.mp4'\nduration {:.6}", self.fade_sec());
                }
            } else {
                let _ = writeln!(list, "file '{}'", concat_quote(&path_text(&clip.path)));
                let _ = writeln!(list, "duration {:.6}", clip.duration());
            }
        }
        list
    }
}

/// A clip path for the concat list; `file:` keeps a name like `a:b.mp4` from reading as a protocol.
fn path_text(path: &Path) -> String {
    format!("file:{}", path.to_string_lossy())
}

/// Quoting for a concat-demuxer `file '...'` line: a quote closes, escapes, and reopens.
fn concat_quote(path: &str) -> String {
    path.replace('\'', r"'\''")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_in_paths_survive_the_concat_list() {
        assert_eq!(concat_quote("/tmp/it's.mp4"), r"/tmp/it'\''s.mp4");
    }
}
