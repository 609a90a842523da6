//! The fast join: clips made by `render_clip` share one encoding and already hold their
//! crossfades, so one ffmpeg copies their pictures end to end while it encodes the soundtrack.

use std::fmt::Write as _;

use super::Job;
use crate::{encoding, files, tool, AvError};

impl Job<'_> {
    /// Copies every clip's picture in order (concat demuxer) with the soundtrack when there is
    /// one, otherwise encoding the clips' sound joined (see [`Job::audio_graph`]).
    pub(super) fn join_by_copying(&self, progress: &mut dyn FnMut(f32)) -> Result<(), AvError> {
        let list_path = self.work.join("pieces.txt");
        std::fs::write(&list_path, self.concat_list()?)
            .map_err(|error| AvError::io("save the scene list", &list_path, error))?;
        let mut join = self.ffmpeg();
        join.args(["-f", "concat", "-safe", "0", "-i", "pieces.txt"]);
        if let Some(soundtrack) = self.soundtrack {
            join.arg("-i")
                .arg(tool::ffmpeg_file_arg(soundtrack))
                .args(["-map", "0:v:0", "-map", "1:a:0", "-c", "copy"]);
            return self.finish(join, 0.05, progress);
        }
        for clip in self.clips {
            join.arg("-i").arg(tool::ffmpeg_file_arg(&clip.path));
        }
        join.arg("-filter_complex")
            .arg(self.audio_graph(1))
            .args(["-map", "0:v:0", "-map", "[a]", "-c:v", "copy"])
            .args(encoding::audio_args());
        self.finish(join, 0.05, progress)
    }

    /// The concat-demuxer list: every clip with its exact length.
    fn concat_list(&self) -> Result<String, AvError> {
        let mut list = String::new();
        for clip in self.clips {
            let _ = writeln!(list, "{}", files::concat_entry(&clip.path)?);
            let _ = writeln!(list, "duration {:.6}", clip.duration());
        }
        Ok(list)
    }
}
