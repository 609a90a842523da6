//! The crossfades between scenes, the only part of joining clips that is re-encoded: ffmpeg
//! decodes each clip's last frames and the next clip's first frames (two decoders taking
//! turns), Rust mixes them (far cheaper than ffmpeg's `xfade` per transition), and a single
//! encoder writes all crossfades as one stream split into `fade-<n>.mp4` files at keyframes.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, ChildStdout};
use std::sync::atomic::AtomicBool;

use crate::frames::{FPS, FRAME_BYTES, HEIGHT, WIDTH};
use crate::process::{self, Stdout};
use crate::{encoding, tool, AvError};

/// Decoders reading the clips' ends at the same time.
const DECODERS: usize = 2;

/// A clip as the crossfades need it.
pub(crate) struct FadeClip {
    pub path: PathBuf,
    pub frames: usize,
}

/// Writes `fade-<i>.mp4` (the `fade` frames crossfading clip `i` into clip `i + 1`) into `work`
/// for every neighbouring pair of 1280x720 clips.
pub(crate) fn encode_crossfades(
    ffmpeg: &Path,
    clips: &[FadeClip],
    fade: usize,
    work: &Path,
    cancel: &AtomicBool,
) -> Result<(), AvError> {
    let fades = clips.len().saturating_sub(1);
    if fades == 0 || fade == 0 {
        return Ok(());
    }
    let pairs: Vec<(&FadeClip, &FadeClip)> = clips.windows(2).map(|pair| (&pair[0], &pair[1])).collect();
    let mut encoder = encoder_command(ffmpeg, fades, fade);
    encoder.current_dir(work);
    let failed_start = |error: std::io::Error| AvError::ToolFailed {
        action: "make the crossfades",
        stderr_tail: format!("could not start ffmpeg: {error}"),
    };
    // Two decoders take turns (pairs 0, 2, 4... and 1, 3...): one ffmpeg opens its inputs one
    // after another, so a single decoder would keep the encoder waiting.
    let mut decoders = Vec::new();
    let mut outputs = Vec::new();
    for first in 0..DECODERS.min(fades) {
        let own: Vec<(&FadeClip, &FadeClip)> = pairs.iter().skip(first).step_by(DECODERS).copied().collect();
        let (decoding, decoded) =
            process::spawn(&mut decoder_command(ffmpeg, &own, fade), Stdout::Stream, false)
                .map_err(failed_start)?;
        decoders.push(decoding);
        outputs.push(decoded.stdout);
    }
    let (encoding, to_encode) = process::spawn(&mut encoder, Stdout::Collect, true).map_err(failed_start)?;
    let (Some(outputs), Some(to_encode)) = (outputs.into_iter().collect::<Option<Vec<_>>>(), to_encode.stdin)
    else {
        return Err(AvError::ToolFailed { action: "make the crossfades", stderr_tail: "no pipes".into() });
    };
    std::thread::scope(|scope| {
        let pump = scope.spawn(move || mix_fades(outputs, to_encode, fades, fade));
        let encoded = match encoding.wait(cancel, |_| {}) {
            Ok(finished) => finished,
            Err(error) => {
                decoders.iter_mut().for_each(|decoding| decoding.kill());
                return Err(error);
            }
        };
        let mut decoded = Vec::new();
        for decoding in decoders {
            decoded.push(decoding.wait(cancel, |_| {})?);
        }
        let mixed = pump.join().unwrap_or(0);
        if let Some(failed) = decoded.into_iter().find(|finished| !finished.status.success()) {
            return Err(AvError::ToolFailed {
                action: "read the scene clips",
                stderr_tail: failed.stderr_tail,
            });
        }
        if !encoded.status.success() {
            return Err(AvError::ToolFailed {
                action: "make the crossfades",
                stderr_tail: encoded.stderr_tail,
            });
        }
        if mixed != fades {
            return Err(AvError::ToolFailed {
                action: "make the crossfades",
                stderr_tail: format!("only {mixed} of {fades} crossfades could be decoded"),
            });
        }
        Ok(())
    })
}

/// ffmpeg decoding, for each pair, the first clip's last `fade` frames then the second clip's
/// first `fade` frames, as raw yuv420p on stdout. Clips from `render_clip` have a keyframe where
/// the tail starts, so the seek decodes only those frames.
fn decoder_command(ffmpeg: &Path, pairs: &[(&FadeClip, &FadeClip)], fade: usize) -> std::process::Command {
    let mut command = tool::command(ffmpeg);
    command.args(encoding::common_args());
    let frame_sec = 1.0 / f64::from(FPS);
    let read_sec = format!("{:.6}", (fade as f64 + 0.5) * frame_sec);
    let mut graph = String::new();
    for (index, (outgoing, incoming)) in pairs.iter().enumerate() {
        let tail_start = outgoing.frames.saturating_sub(fade) as f64 * frame_sec;
        // One decoding thread per input: each decodes only a handful of frames.
        command
            .args(["-threads", "1", "-ss", &format!("{tail_start:.6}"), "-t", &read_sec, "-i"])
            .arg(tool::ffmpeg_file_arg(&outgoing.path))
            .args(["-threads", "1", "-t", &read_sec, "-i"])
            .arg(tool::ffmpeg_file_arg(&incoming.path));
        for input in [2 * index, 2 * index + 1] {
            let _ = write!(graph, "[{input}:v:0]trim=end_frame={fade},setpts=PTS-STARTPTS[p{input}];");
        }
    }
    let inputs = 2 * pairs.len();
    for input in 0..inputs {
        let _ = write!(graph, "[p{input}]");
    }
    let _ = write!(graph, "concat=n={inputs}:v=1:a=0,format=yuv420p[frames]");
    command
        .arg("-filter_complex")
        .arg(graph)
        .args(["-map", "[frames]", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"]);
    command
}

/// One encoder for all crossfades: a keyframe opens each, and the segment muxer cuts there.
fn encoder_command(ffmpeg: &Path, fades: usize, fade: usize) -> std::process::Command {
    let mut command = tool::command(ffmpeg);
    command
        .args(encoding::common_args())
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", &format!("{WIDTH}x{HEIGHT}")])
        .args(["-r", &FPS.to_string(), "-i", "pipe:0"])
        .args(encoding::video_args())
        .args(["-force_key_frames", &format!("expr:eq(mod(n,{fade}),0)"), "-an"])
        .args(["-f", "segment", "-segment_format", "mp4", "-reset_timestamps", "1"]);
    if fades > 1 {
        let splits: Vec<String> = (1..fades).map(|n| (n * fade).to_string()).collect();
        command.args(["-segment_frames", &splits.join(",")]);
    } else {
        // One crossfade: never split.
        command.args(["-segment_time", "86400"]);
    }
    command.arg("fade-%d.mp4");
    command
}

/// Reads `fade` frames of the outgoing clip and `fade` of the incoming one per crossfade (from
/// the decoders in turn), mixes them, and writes the mix. Returns how many crossfades were
/// written.
fn mix_fades(mut decoded: Vec<ChildStdout>, mut to_encode: ChildStdin, fades: usize, fade: usize) -> usize {
    let mut outgoing = vec![vec![0u8; FRAME_BYTES]; fade];
    let mut incoming = vec![vec![0u8; FRAME_BYTES]; fade];
    let mut mixed = vec![0u8; FRAME_BYTES];
    let decoders = decoded.len().max(1);
    for done in 0..fades {
        let Some(source) = decoded.get_mut(done % decoders) else { return done };
        for frame in outgoing.iter_mut().chain(incoming.iter_mut()) {
            if source.read_exact(frame).is_err() {
                return done;
            }
        }
        for (step, (from, to)) in outgoing.iter().zip(&incoming).enumerate() {
            mix(from, to, fade_weight(step, fade), &mut mixed);
            if to_encode.write_all(&mixed).is_err() {
                return done;
            }
        }
    }
    fades
}

/// Share (0..=256) of the incoming scene at crossfade frame `step`: frame centres, so neither
/// end repeats a frame that is also shown outside the crossfade.
fn fade_weight(step: usize, fade: usize) -> u32 {
    (((2 * step + 1) * 256 + fade) / (2 * fade)) as u32
}

fn mix(from: &[u8], to: &[u8], weight: u32, out: &mut [u8]) {
    let keep = 256 - weight;
    for ((out, a), b) in out.iter_mut().zip(from).zip(to) {
        *out = ((u32::from(*a) * keep + u32::from(*b) * weight + 128) >> 8) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossfade_weights_rise_evenly_and_never_reach_either_end() {
        let weights: Vec<u32> = (0..10).map(|step| fade_weight(step, 10)).collect();
        assert_eq!(weights.first(), Some(&13));
        assert_eq!(weights.last(), Some(&243));
        assert!(weights.windows(2).all(|pair| pair[1] > pair[0]));
    }

    #[test]
    fn mixing_blends_bytes() {
        let mut out = [0u8; 2];
        mix(&[0, 200], &[100, 100], 128, &mut out);
        assert_eq!(out, [50, 150]);
    }

    #[test]
    fn the_decoder_reads_only_the_frames_each_crossfade_needs() {
        let clips = [
            FadeClip { path: "/a.mp4".into(), frames: 120 },
            FadeClip { path: "/b.mp4".into(), frames: 200 },
        ];
        let command = decoder_command(Path::new("ffmpeg"), &[(&clips[0], &clips[1])], 10);
        let args: Vec<String> = command.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert!(args.windows(2).any(|pair| pair == ["-ss", "4.400000"]));
        let graph = &args[args.iter().position(|a| a == "-filter_complex").expect("graph") + 1];
        assert!(graph.contains("[0:v:0]trim=end_frame=10"));
        assert!(graph.ends_with("concat=n=2:v=1:a=0,format=yuv420p[frames]"));
    }
}
