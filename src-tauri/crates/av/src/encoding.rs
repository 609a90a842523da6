//! The one set of encoder settings every clip, transition and joined video uses: identical
//! parameters are what let clips be joined by copying instead of re-encoding.

use crate::frames::FPS;

/// x264 speed/size trade-off, chosen by measurement on 400 storybook frames (1280x720, textured
/// backdrop, 2 shared cores): veryfast 3.7 s CPU / 2.0 MB / SSIM 0.980; faster 7.0 s / 2.1 MB /
/// 0.982; superfast 2.5 s / 5.5 MB / 0.989; ultrafast 1.4 s / 11.9 MB / 0.980. veryfast is
/// twice as fast as faster for the same size; the faster presets cost 2.7-6x the disk space.
pub const VIDEO_PRESET: &str = "veryfast";
/// x264 constant quality; 20-23 looks clean on drawings and soft backdrops (CRF 23 saves a
/// third of the size at SSIM 0.971).
pub const VIDEO_CRF: u32 = 21;
/// A keyframe at least this often (frames), so players can seek.
pub const KEYFRAME_INTERVAL: u32 = 250;
pub const AUDIO_SAMPLE_RATE: u32 = 48_000;
/// Narration is one voice: mono halves the audio encoding work at no loss.
pub const AUDIO_CHANNELS: u32 = 1;
/// The channel layout name matching [`AUDIO_CHANNELS`], for ffmpeg's `aformat`.
pub const AUDIO_LAYOUT: &str = "mono";
pub const AUDIO_BITRATE: &str = "96k";

/// ffmpeg output options for the video stream: H.264 High, yuv420p, BT.709 tags.
pub fn video_args() -> Vec<String> {
    [
        "-c:v",
        "libx264",
        "-preset",
        VIDEO_PRESET,
        "-crf",
        &VIDEO_CRF.to_string(),
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-g",
        &KEYFRAME_INTERVAL.to_string(),
        "-r",
        &FPS.to_string(),
        "-colorspace",
        "bt709",
        "-color_primaries",
        "bt709",
        "-color_trc",
        "bt709",
        "-color_range",
        "tv",
    ]
    .iter()
    .map(|arg| (*arg).to_owned())
    .collect()
}

/// ffmpeg output options for the audio stream: AAC-LC mono at 48 kHz, with the fast coder
/// (about twice as fast as the default and indistinguishable on speech).
pub fn audio_args() -> Vec<String> {
    [
        "-c:a".to_owned(),
        "aac".to_owned(),
        "-aac_coder".to_owned(),
        "fast".to_owned(),
        "-b:a".to_owned(),
        AUDIO_BITRATE.to_owned(),
        "-ar".to_owned(),
        AUDIO_SAMPLE_RATE.to_string(),
        "-ac".to_owned(),
        AUDIO_CHANNELS.to_string(),
    ]
    .into()
}

/// Options every ffmpeg run starts with: quiet, no keyboard, overwrite the (temporary) output.
pub fn common_args() -> Vec<String> {
    ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"].iter().map(|arg| (*arg).to_owned()).collect()
}
