//! What a media file contains, read by ffprobe: used to check clips before joining them and by
//! tests and the core to confirm what was written. The app's own MP4s are read from their index
//! in-process first (see `mp4`), with ffprobe as the fallback.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use serde::Deserialize;

use crate::process::{self, Stdout};
use crate::{tool, AvError};

/// One stream of a media file.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamInfo {
    pub index: usize,
    /// "video", "audio", "subtitle", ...
    pub kind: String,
    /// "h264", "aac", "png", ...
    pub codec: String,
    pub profile: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub pix_fmt: Option<String>,
    pub color_space: Option<String>,
    pub color_primaries: Option<String>,
    pub color_transfer: Option<String>,
    pub frame_rate: Option<f64>,
    pub sample_rate: Option<u32>,
    pub channels: Option<u32>,
    pub duration_sec: Option<f64>,
    /// A hash of the codec setup (SPS/PPS for H.264): equal hashes can be joined without
    /// re-encoding.
    pub extradata_hash: Option<String>,
}

/// A media file's container and streams.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeInfo {
    pub format: String,
    pub duration_sec: f64,
    pub size_bytes: Option<u64>,
    pub streams: Vec<StreamInfo>,
}

impl ProbeInfo {
    pub fn video(&self) -> Option<&StreamInfo> {
        self.streams.iter().find(|stream| stream.kind == "video")
    }

    pub fn audio(&self) -> Option<&StreamInfo> {
        self.streams.iter().find(|stream| stream.kind == "audio")
    }
}

#[derive(Deserialize)]
struct RawProbe {
    #[serde(default)]
    streams: Vec<RawStream>,
    format: Option<RawFormat>,
    #[serde(default)]
    packets: Vec<RawPacket>,
}

#[derive(Deserialize)]
struct RawPacket {
    stream_index: usize,
    pts: Option<i64>,
    #[serde(default)]
    flags: String,
}

/// The frames of a file's first video stream, from packet headers or the MP4 index (nothing is
/// decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoFrames {
    pub count: usize,
    /// Display-order positions of the keyframes.
    pub keyframes: Vec<usize>,
}

#[derive(Deserialize)]
struct RawStream {
    index: usize,
    codec_type: Option<String>,
    codec_name: Option<String>,
    profile: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    pix_fmt: Option<String>,
    color_space: Option<String>,
    color_primaries: Option<String>,
    color_transfer: Option<String>,
    avg_frame_rate: Option<String>,
    r_frame_rate: Option<String>,
    sample_rate: Option<String>,
    channels: Option<u32>,
    duration: Option<String>,
    extradata_hash: Option<String>,
}

#[derive(Deserialize)]
struct RawFormat {
    format_name: Option<String>,
    duration: Option<String>,
    size: Option<String>,
}

/// Runs ffprobe on `path`.
pub fn probe(path: &Path) -> Result<ProbeInfo, AvError> {
    let json = run_ffprobe(path, false)?;
    parse_probe(&json)
        .map(|(info, _)| info)
        .map_err(|detail| AvError::BadInput { path: path.to_path_buf(), detail })
}

/// Like [`probe`], plus the first video stream's frame count and keyframe positions, in one run.
/// Files checked as they were made (see [`remember`]) are answered without running ffprobe.
pub(crate) fn probe_with_frames(path: &Path) -> Result<(ProbeInfo, VideoFrames), AvError> {
    if let Some(known) = remembered(path) {
        return Ok(known);
    }
    let facts = probe_frames_afresh(path)?;
    remember(path, &facts);
    Ok(facts)
}

/// [`probe_with_frames`] without remembering (for a file about to be renamed): from the MP4
/// index when it can be read, otherwise by ffprobe.
pub(crate) fn probe_frames_afresh(path: &Path) -> Result<(ProbeInfo, VideoFrames), AvError> {
    match crate::mp4::read_index(path) {
        Ok(facts) => return Ok(facts),
        Err(reason) => tracing::debug!(%reason, path = %path.display(), "reading with ffprobe"),
    }
    let json = run_ffprobe(path, true)?;
    parse_probe(&json).map_err(|detail| AvError::BadInput { path: path.to_path_buf(), detail })
}

/// What [`probe_with_frames`] found, by file, with the size and time the file had then: joining
/// clips probes each one, and clips checked while they were made need not be probed again.
type Remembered = HashMap<PathBuf, (u64, SystemTime, ProbeInfo, VideoFrames)>;

fn memory() -> &'static Mutex<Remembered> {
    static MEMORY: OnceLock<Mutex<Remembered>> = OnceLock::new();
    MEMORY.get_or_init(Mutex::default)
}

/// The most files remembered; past it the memory starts afresh.
const REMEMBERED_FILES: usize = 512;

/// Notes `facts` as what `path` holds, as long as the file keeps its size and time.
pub(crate) fn remember(path: &Path, facts: &(ProbeInfo, VideoFrames)) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    let Ok(modified) = meta.modified() else { return };
    let mut memory = memory().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if memory.len() >= REMEMBERED_FILES {
        memory.clear();
    }
    memory.insert(path.to_path_buf(), (meta.len(), modified, facts.0.clone(), facts.1.clone()));
}

fn remembered(path: &Path) -> Option<(ProbeInfo, VideoFrames)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let memory = memory().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (len, time, info, frames) = memory.get(path)?;
    (*len == meta.len() && *time == modified).then(|| (info.clone(), frames.clone()))
}

fn run_ffprobe(path: &Path, packets: bool) -> Result<Vec<u8>, AvError> {
    let ffprobe = tool::ffprobe_path()?;
    let mut command = tool::command(&ffprobe);
    command
        .args(["-v", "error", "-print_format", "json", "-show_format", "-show_streams"])
        .args(["-show_data_hash", "MD5"]);
    if packets {
        command.args(["-show_entries", "packet=stream_index,pts,flags"]);
    }
    command.arg(tool::ffmpeg_file_arg(path));
    process::run(&mut command, "read the video file", &AtomicBool::new(false), Stdout::Collect, None).map_err(
        |error| match error {
            AvError::ToolFailed { stderr_tail, .. } => {
                AvError::BadInput { path: path.to_path_buf(), detail: stderr_tail }
            }
            other => other,
        },
    )
}

fn parse_probe(json: &[u8]) -> Result<(ProbeInfo, VideoFrames), String> {
    let raw: RawProbe = serde_json::from_slice(json).map_err(|error| format!("ffprobe output: {error}"))?;
    let video_index = raw.streams.iter().find(|s| s.codec_type.as_deref() == Some("video")).map(|s| s.index);
    let mut video_packets: Vec<(i64, bool)> = raw
        .packets
        .iter()
        .filter(|packet| Some(packet.stream_index) == video_index)
        .filter_map(|packet| Some((packet.pts?, packet.flags.starts_with('K'))))
        .collect();
    video_packets.sort_by_key(|(pts, _)| *pts);
    let frames = VideoFrames {
        count: video_packets.len(),
        keyframes: video_packets.iter().enumerate().filter(|(_, (_, key))| *key).map(|(i, _)| i).collect(),
    };
    let format = raw.format.ok_or("ffprobe found no container")?;
    let number = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<f64>().ok());
    let streams: Vec<StreamInfo> = raw
        .streams
        .into_iter()
        .map(|stream| StreamInfo {
            index: stream.index,
            kind: stream.codec_type.unwrap_or_default(),
            codec: stream.codec_name.unwrap_or_default(),
            profile: stream.profile,
            width: stream.width,
            height: stream.height,
            pix_fmt: stream.pix_fmt,
            color_space: stream.color_space,
            color_primaries: stream.color_primaries,
            color_transfer: stream.color_transfer,
            frame_rate: ratio(stream.avg_frame_rate.as_deref())
                .or_else(|| ratio(stream.r_frame_rate.as_deref())),
            sample_rate: stream.sample_rate.as_deref().and_then(|rate| rate.parse().ok()),
            channels: stream.channels,
            duration_sec: number(&stream.duration),
            extradata_hash: stream.extradata_hash,
        })
        .collect();
    let duration_sec = number(&format.duration)
        .or_else(|| streams.iter().filter_map(|s| s.duration_sec).reduce(f64::max))
        .unwrap_or(0.0);
    let info = ProbeInfo {
        format: format.format_name.unwrap_or_default(),
        duration_sec,
        size_bytes: format.size.as_deref().and_then(|size| size.parse().ok()),
        streams,
    };
    Ok((info, frames))
}

/// "25/1" -> 25.0; "0/0" -> None.
fn ratio(text: Option<&str>) -> Option<f64> {
    let (numerator, denominator) = text?.split_once('/')?;
    let (numerator, denominator): (f64, f64) = (numerator.parse().ok()?, denominator.parse().ok()?);
    (denominator != 0.0 && numerator != 0.0).then(|| numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ffprobe_json() {
        let json = br#"{"streams":[
            {"index":0,"codec_type":"video","codec_name":"h264","profile":"High","width":1280,"height":720,
             "pix_fmt":"yuv420p","color_space":"bt709","avg_frame_rate":"25/1","duration":"4.000000",
             "extradata_hash":"MD5:ab"},
            {"index":1,"codec_type":"audio","codec_name":"aac","sample_rate":"48000","channels":2}],
            "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"4.010000","size":"12345"}}"#;
        let (info, frames) = parse_probe(json).expect("valid json");
        assert_eq!(frames.count, 0);
        assert_eq!(info.duration_sec, 4.01);
        let video = info.video().expect("video stream");
        assert_eq!((video.width, video.height, video.frame_rate), (Some(1280), Some(720), Some(25.0)));
        assert_eq!(video.pix_fmt.as_deref(), Some("yuv420p"));
        let audio = info.audio().expect("audio stream");
        assert_eq!((audio.codec.as_str(), audio.sample_rate, audio.channels), ("aac", Some(48_000), Some(2)));
    }

    #[test]
    fn keyframes_are_counted_in_display_order() {
        let json = br#"{"packets":[
            {"stream_index":0,"pts":0,"flags":"K_"},{"stream_index":1,"pts":0,"flags":"K_"},
            {"stream_index":0,"pts":3,"flags":"__"},{"stream_index":0,"pts":1,"flags":"__"},
            {"stream_index":0,"pts":2,"flags":"K_"}],
            "streams":[{"index":0,"codec_type":"video"},{"index":1,"codec_type":"audio"}],
            "format":{"duration":"1.0"}}"#;
        let (_, frames) = parse_probe(json).expect("valid json");
        assert_eq!(frames, VideoFrames { count: 4, keyframes: vec![0, 2] });
    }

    #[test]
    fn odd_output_is_an_error_not_a_panic() {
        assert!(parse_probe(b"not json").is_err());
        assert!(parse_probe(b"{}").is_err());
        assert_eq!(ratio(Some("0/0")), None);
    }
}
