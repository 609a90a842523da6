//! The in-process MP4 index reader against ffprobe, on real files: the app's own clips and
//! ffmpeg outputs laid out differently (index at the end, B-frames, stereo 44.1 kHz sound).

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use model::VoiceType;

/// Frame count and display-order keyframe positions of the first video stream, from ffprobe's
/// packet list: the reader's answer is checked against this, not against itself.
fn ffprobe_frames(path: &Path) -> av::VideoFrames {
    let ffprobe = av::ffprobe_path().unwrap_or_else(|error| panic!("{error} ({})", common::INSTALL));
    let output = Command::new(ffprobe)
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "packet=pts,flags",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut packets: Vec<(i64, bool)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (pts, flags) = line.split_once(',')?;
            Some((pts.parse().ok()?, flags.starts_with('K')))
        })
        .collect();
    packets.sort_by_key(|(pts, _)| *pts);
    av::VideoFrames {
        count: packets.len(),
        keyframes: packets.iter().enumerate().filter(|(_, (_, key))| *key).map(|(at, _)| at).collect(),
    }
}

/// The reader and ffprobe agree on everything the app relies on.
fn assert_agrees_with_ffprobe(path: &Path) -> (av::ProbeInfo, av::VideoFrames) {
    let (read, frames) = av::mp4::read_index(path).unwrap_or_else(|reason| panic!("{reason}"));
    let probed = av::probe(path).expect("ffprobe reads it");
    assert_eq!(frames, ffprobe_frames(path));
    assert_eq!(read.streams.len(), probed.streams.len(), "{read:?}\n{probed:?}");
    assert_eq!(read.size_bytes, probed.size_bytes);
    assert!((read.duration_sec - probed.duration_sec).abs() < 0.05, "{read:?}\n{probed:?}");
    for (mine, theirs) in read.streams.iter().zip(&probed.streams) {
        assert_eq!(
            (&mine.kind, &mine.codec, &mine.profile, mine.width, mine.height, &mine.pix_fmt),
            (&theirs.kind, &theirs.codec, &theirs.profile, theirs.width, theirs.height, &theirs.pix_fmt)
        );
        assert_eq!(
            (&mine.color_space, &mine.color_primaries, &mine.color_transfer),
            (&theirs.color_space, &theirs.color_primaries, &theirs.color_transfer)
        );
        assert_eq!((mine.sample_rate, mine.channels), (theirs.sample_rate, theirs.channels));
        assert_eq!(mine.frame_rate, theirs.frame_rate);
        assert_eq!(mine.extradata_hash, theirs.extradata_hash, "the codec setup hashes the same way");
        let (a, b) = (mine.duration_sec.unwrap_or(0.0), theirs.duration_sec.unwrap_or(0.0));
        assert!((a - b).abs() < 0.05, "{mine:?}\n{theirs:?}");
    }
    (read, frames)
}

fn ffmpeg(args: &[&str], out: &Path) {
    let ffmpeg = av::ffmpeg_path().unwrap_or_else(|error| panic!("{error} ({})", common::INSTALL));
    let output =
        Command::new(ffmpeg).args(["-v", "error", "-y"]).args(args).arg(out).output().expect("ffmpeg runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_apps_clip_reads_as_ffprobe_reads_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration = common::narrate("One more page, then sleep.", VoiceType::Gentle, &dir.path().join("n"));
    let layers = common::plain_layers();
    let out = dir.path().join("scene.mp4");
    let clip = av::render_clip(
        &common::lone_clip_spec(&layers, &narration, &out),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let (info, frames) = assert_agrees_with_ffprobe(&out);
    assert_eq!(frames.count, clip.frames);
    assert_eq!(frames.keyframes.first(), Some(&0));
    let video = info.video().expect("video");
    assert_eq!((video.codec.as_str(), video.frame_rate), ("h264", Some(25.0)));
    assert_eq!(info.audio().map(|audio| (audio.codec.as_str(), audio.channels)), Some(("aac", Some(1))));
}

#[test]
fn an_index_at_the_end_b_frames_and_stereo_sound_read_as_ffprobe_reads_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("test.mp4");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=320x240:r=30:d=3",
            "-f",
            "lavfi",
            "-i",
            "sine=f=440:r=44100:d=3",
            "-ac",
            "2",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-bf",
            "3",
            "-g",
            "40",
            "-force_key_frames",
            "expr:eq(n,17)",
            "-c:a",
            "aac",
            "-shortest",
            "-f",
            "mp4",
        ],
        &out,
    );
    assert_eq!(common::top_level_boxes(&out).last().map(String::as_str), Some("moov"), "index written last");
    let (info, frames) = assert_agrees_with_ffprobe(&out);
    assert_eq!(frames.count, 90);
    assert!(frames.keyframes.contains(&17), "the forced keyframe: {frames:?}");
    assert!(
        frames.keyframes.windows(2).all(|pair| pair[1] - pair[0] <= 40),
        "a keyframe every 40: {frames:?}"
    );
    assert_eq!(info.audio().map(|audio| (audio.sample_rate, audio.channels)), Some((Some(44_100), Some(2))));
}

#[test]
fn sound_alone_reads_with_no_frames() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sound.m4a");
    ffmpeg(&["-f", "lavfi", "-i", "sine=r=48000:d=1.5", "-c:a", "aac", "-f", "mp4"], &out);
    let (info, frames) = assert_agrees_with_ffprobe(&out);
    assert!(info.video().is_none());
    assert_eq!(frames.count, 0);
}

#[test]
fn a_file_cut_short_or_not_an_mp4_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = dir.path().join("whole.mp4");
    ffmpeg(
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=160x120:r=25:d=1",
            "-c:v",
            "libx264",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
        ],
        &whole,
    );
    let bytes = std::fs::read(&whole).expect("read");
    let moov = bytes.windows(4).position(|window| window == b"moov").expect("an index");
    for cut_at in [moov + 4, moov + 200, bytes.len() / 2] {
        let cut = dir.path().join(format!("cut-{cut_at}.mp4"));
        std::fs::write(&cut, &bytes[..cut_at]).expect("write");
        assert!(av::mp4::read_index(&cut).is_err(), "cut at {cut_at} of {}", bytes.len());
    }
    let text = dir.path().join("notes.mp4");
    std::fs::write(&text, "these are not the frames you are looking for").expect("write");
    let reason = av::mp4::read_index(&text).expect_err("not an MP4");
    assert!(!reason.is_empty());
    assert!(av::mp4::read_index(&dir.path().join("missing.mp4")).is_err());
}
