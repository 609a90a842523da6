//! The slow join, for clips that cannot be copied (made elsewhere, other sizes or settings):
//! every clip is decoded, normalized to 1280x720 at 25 fps, and the whole video encoded again.

use std::fmt::Write as _;

use super::Job;
use crate::frames::{FPS, HEIGHT, WIDTH};
use crate::{encoding, tool, AvError};

impl Job<'_> {
    /// Decodes every clip and encodes the whole video again, with the soundtrack copied in when
    /// there is one (it was made for these clips' lengths), otherwise with the clips' own sound.
    pub(super) fn join_by_reencoding(&self, progress: &mut dyn FnMut(f32)) -> Result<(), AvError> {
        let count = self.clips.len();
        let mut command = self.ffmpeg();
        for clip in self.clips {
            command.arg("-i").arg(tool::ffmpeg_file_arg(&clip.path));
        }
        let mut graph = String::new();
        for (index, clip) in self.clips.iter().enumerate() {
            let _ = write!(
                graph,
                "[{index}:v]scale={WIDTH}:{HEIGHT}:force_original_aspect_ratio=decrease,\
                 pad={WIDTH}:{HEIGHT}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={FPS},format=yuv420p,\
                 trim=end={:.6},settb=AVTB[v{index}];",
                clip.duration()
            );
        }
        for index in 0..count {
            let _ = write!(graph, "[v{index}]");
        }
        let _ = write!(graph, "concat=n={count}:v=1:a=0[v]");
        if let Some(soundtrack) = self.soundtrack {
            command.arg("-i").arg(tool::ffmpeg_file_arg(soundtrack));
            command
                .arg("-filter_complex")
                .arg(graph)
                .args(["-map", "[v]", "-map", &format!("{count}:a:0")])
                .args(encoding::video_args())
                .args(["-c:a", "copy", "-shortest"]);
            return self.finish(command, 0.05, progress);
        }
        graph.push(';');
        graph.push_str(&self.audio_graph(0));
        command
            .arg("-filter_complex")
            .arg(graph)
            .args(["-map", "[v]", "-map", "[a]"])
            .args(encoding::video_args())
            .args(encoding::audio_args());
        self.finish(command, 0.05, progress)
    }
}
