//! The storybook's sound made straight from the scenes' narrations, each placed as its clip
//! places it (loudness gain, lead-in, silence to the clip's end), so it can be encoded while the
//! clips are still being made and joining them only copies.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::files::{self, absolute};
use crate::narrate::read_wav;
use crate::process::{self, Stdout};
use crate::{clip, encoding, loudness, tool, AvError};

/// One scene's share of the soundtrack: its narration and how long its clip lasts.
pub struct SoundtrackPart<'a> {
    pub narration_wav: &'a Path,
    pub clip_sec: f64,
}

/// Encodes the scenes' narrations end to end, each as long as its clip, into `out` (AAC in MP4,
/// the app's audio settings). The file appears at `out` only when complete.
pub fn encode_soundtrack(parts: &[SoundtrackPart], out: &Path, cancel: &AtomicBool) -> Result<(), AvError> {
    if parts.is_empty() {
        return Err(AvError::NoClips);
    }
    let ffmpeg = tool::ffmpeg_path()?;
    let out = absolute(out)?;
    let out_dir = files::output_dir(&out)?;
    let partial = files::partial_beside(&out_dir, ".soundtrack-", ".m4a")?;
    let mut command = tool::command(&ffmpeg);
    command.args(encoding::common_args());
    let mut graph = String::new();
    for (index, part) in parts.iter().enumerate() {
        let gain_db = loudness::normalizing_gain_db(&read_wav(part.narration_wav)?);
        command.arg("-i").arg(tool::ffmpeg_file_arg(&absolute(part.narration_wav)?));
        let _ = write!(
            graph,
            "[{index}:a:0]{},atrim=end={:.6},asetpts=PTS-STARTPTS[a{index}];",
            clip::audio_filter(gain_db, part.clip_sec),
            part.clip_sec
        );
    }
    for index in 0..parts.len() {
        let _ = write!(graph, "[a{index}]");
    }
    let _ = write!(graph, "concat=n={}:v=0:a=1[a]", parts.len());
    command
        .arg("-filter_complex")
        .arg(graph)
        .args(["-map", "[a]"])
        .args(encoding::audio_args())
        .args(["-f", "mp4"])
        .arg(tool::ffmpeg_file_arg(&partial));
    process::run(&mut command, "make the soundtrack", cancel, Stdout::Collect, None)?;
    files::publish(partial, &out)
}
