//! Joining clips into the storybook video, thumbnails and probing, with the real ffmpeg.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

struct Clips {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    durations: Vec<f64>,
    narrations: Vec<av::SceneNarration>,
}

/// Three real clips of one story, each opening with the crossfade out of the one before, made
/// once for all tests in this file. `durations` are the scenes' own lengths.
fn clips() -> &'static Clips {
    static CLIPS: OnceLock<Clips> = OnceLock::new();
    CLIPS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let story = common::make_story(
            &["A fox woke up.", "It ran to the river and drank.", "Then it slept."],
            dir.path(),
        );
        let durations = story.iter().map(|(_, narration)| av::scene_duration_sec(narration)).collect();
        let (paths, narrations) = story.into_iter().unzip();
        Clips { _dir: dir, paths, durations, narrations }
    })
}

#[test]
fn clips_join_with_their_crossfades_into_a_faststart_video() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("story.mp4");
    let mut reported = Vec::new();
    let info = av::assemble(&clips.paths, &out, &AtomicBool::new(false), &mut |f| reported.push(f))
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let expected: f64 = clips.durations.iter().sum::<f64>() - 2.0 * av::CROSSFADE_SEC;
    assert!((info.duration_sec - expected).abs() / expected < 0.05, "{} vs {expected}", info.duration_sec);
    assert!(!info.reencoded, "render_clip's clips are joined by copying their pictures");
    assert_eq!((info.width, info.height, info.scenes), (1280, 720, 3));

    let probe = av::probe(&out).expect("probe");
    assert!((probe.duration_sec - expected).abs() / expected < 0.05);
    let video = probe.video().expect("video");
    assert_eq!((video.codec.as_str(), video.pix_fmt.as_deref()), ("h264", Some("yuv420p")));
    assert_eq!(probe.audio().map(|a| a.codec.as_str()), Some("aac"));

    let boxes = common::top_level_boxes(&out);
    let moov = boxes.iter().position(|b| b == "moov").expect("moov box");
    let mdat = boxes.iter().position(|b| b == "mdat").expect("mdat box");
    assert!(moov < mdat, "faststart puts moov first: {boxes:?}");
    assert_eq!(common::files_in(dir.path()), ["story.mp4"]);
    assert_eq!(reported.last(), Some(&1.0));
    assert!(reported.windows(2).all(|pair| pair[1] >= pair[0]), "{reported:?}");

    // Halfway through the first crossfade both scenes' pictures are mixed: the figure shows
    // faintly at its end place in scene one and its start place in scene two.
    let fade_middle = clips.durations[0] - av::CROSSFADE_SEC / 2.0;
    let frame = common::frame_at(&out, fade_middle);
    for x in [400, 800] {
        let pixel = frame.get_pixel(x, 330);
        assert!(
            !common::close(pixel, common::FIGURE, 30) && !common::close(pixel, common::BACKGROUND, 20),
            "{pixel:?}"
        );
    }
    // The whole video decodes without errors.
    let ffmpeg = av::ffmpeg_path().expect("ffmpeg");
    let decode = Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(&out)
        .args(["-f", "null", "-"])
        .output()
        .expect("run");
    assert!(
        decode.status.success() && decode.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&decode.stderr)
    );
}

/// The video's sound as mono 48 kHz samples, decoded by ffmpeg.
fn samples(video: &Path) -> Vec<f32> {
    let ffmpeg = av::ffmpeg_path().unwrap_or_else(|error| panic!("{error} ({})", common::INSTALL));
    let output = Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "f32le", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Loudness of each tenth of a second.
fn envelope(samples: &[f32]) -> Vec<f32> {
    samples
        .chunks(4800)
        .map(|chunk| (chunk.iter().map(|s| s * s).sum::<f32>() / chunk.len() as f32).sqrt())
        .collect()
}

#[test]
fn a_soundtrack_made_from_the_narrations_is_copied_in_and_sounds_like_the_clips() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let count = clips.narrations.len();
    let parts: Vec<av::SoundtrackPart> = clips
        .narrations
        .iter()
        .enumerate()
        .map(|(index, narration)| av::SoundtrackPart {
            narration_wav: &narration.wav,
            clip_sec: av::clip_frame_count(narration.duration_sec, index + 1 < count) as f64 / 25.0,
        })
        .collect();
    let soundtrack = dir.path().join("soundtrack.m4a");
    av::encode_soundtrack(&parts, &soundtrack, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let (with_soundtrack, from_clips) = (dir.path().join("with.mp4"), dir.path().join("from-clips.mp4"));
    let info = av::assemble_with_soundtrack(
        &clips.paths,
        Some(&soundtrack),
        &with_soundtrack,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert!(!info.reencoded);
    av::assemble(&clips.paths, &from_clips, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));

    // Silent clips, as the app makes them when the soundtrack is made apart, join the same way.
    let silent = common::story_clips(&clips.narrations, dir.path(), false);
    assert!(silent.iter().all(|clip| av::probe(clip).expect("probe").audio().is_none()), "no sound");
    let from_silent = dir.path().join("from-silent.mp4");
    let info = av::assemble_with_soundtrack(
        &silent,
        Some(&soundtrack),
        &from_silent,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert!(!info.reencoded);

    let theirs = envelope(&samples(&from_clips));
    let loud = theirs.iter().filter(|level| **level > 0.05).count();
    assert!(loud > 10, "the narration is heard ({loud} loud tenths)");
    for video in [&with_soundtrack, &from_silent] {
        let probe = av::probe(video).expect("probe");
        let video_sec = probe.video().and_then(|v| v.duration_sec).expect("video length");
        let audio_sec = probe.audio().and_then(|a| a.duration_sec).expect("audio length");
        assert!((video_sec - audio_sec).abs() < 0.05, "picture {video_sec:.3}s, sound {audio_sec:.3}s");
        // The same words at the same moments: loudness tenth by tenth matches the clips' own sound.
        let ours = envelope(&samples(video));
        assert!(ours.len().abs_diff(theirs.len()) <= 1, "{} vs {} tenths", ours.len(), theirs.len());
        let apart = ours.iter().zip(&theirs).filter(|(a, b)| (*a - *b).abs() > 0.02).count();
        assert!(
            apart * 20 < ours.len(),
            "{apart} of {} tenths differ: {ours:.3?} vs {theirs:.3?}",
            ours.len()
        );
    }
}

#[test]
fn clips_from_elsewhere_are_joined_by_reencoding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ffmpeg = av::ffmpeg_path().unwrap_or_else(|error| panic!("{error} ({})", common::INSTALL));
    let mut paths = Vec::new();
    for (index, size) in ["640x360", "1280x720"].iter().enumerate() {
        let path = dir.path().join(format!("other-{index}.mp4"));
        let status = Command::new(&ffmpeg)
            .args(["-v", "error", "-y", "-f", "lavfi", "-i", &format!("testsrc2=s={size}:r=30:d=2")])
            .args([
                "-f",
                "lavfi",
                "-i",
                "sine=f=440:d=2",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
            ])
            .arg(&path)
            .status()
            .expect("ffmpeg runs");
        assert!(status.success());
        paths.push(path);
    }
    let out = dir.path().join("story.mp4");
    let info = av::assemble(&paths, &out, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert!(info.reencoded);
    assert!((info.duration_sec - 4.0).abs() < 0.2, "{}", info.duration_sec);
    assert_eq!((info.width, info.height), (1280, 720));

    // With a soundtrack made for them, it is the video's sound instead of the clips' own.
    let soundtrack = dir.path().join("soundtrack.m4a");
    let status = Command::new(&ffmpeg)
        .args(["-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=220:r=48000:d=4", "-c:a", "aac"])
        .arg(&soundtrack)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    let with_soundtrack = dir.path().join("story-with-soundtrack.mp4");
    let info = av::assemble_with_soundtrack(
        &paths,
        Some(&soundtrack),
        &with_soundtrack,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert!(info.reencoded);
    assert!((info.duration_sec - 4.0).abs() < 0.2, "{}", info.duration_sec);
    let probe = av::probe(&with_soundtrack).expect("probe");
    assert_eq!(probe.audio().map(|audio| (audio.sample_rate, audio.channels)), Some((Some(48_000), Some(1))));
}

#[test]
fn cancelling_the_join_leaves_no_file_and_no_temporary_files() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("story.mp4");
    let cancel = AtomicBool::new(false);
    let result = av::assemble(&clips.paths, &out, &cancel, &mut |f| {
        if f >= 0.05 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    assert_eq!(result.expect_err("cancelled").code(), "cancelled");
    assert!(common::files_in(dir.path()).is_empty(), "{:?}", common::files_in(dir.path()));
}

#[test]
fn a_broken_clip_is_an_error_not_a_panic() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.mp4");
    std::fs::write(&broken, b"this is not a video").expect("write");
    let out = dir.path().join("story.mp4");
    let paths = vec![clips.paths[0].clone(), broken];
    let error = av::assemble(&paths, &out, &AtomicBool::new(false), &mut |_| {}).expect_err("broken input");
    assert_eq!(error.code(), "bad_input");
    assert_eq!(error.to_string(), "This file is not a video or picture the app can use.");
    assert!(!out.exists());
    let none = av::assemble(&[], &out, &AtomicBool::new(false), &mut |_| {}).expect_err("no clips");
    assert_eq!(none.code(), "no_clips");
}

fn assert_jpeg(path: &Path) {
    let bytes = std::fs::read(path).expect("thumbnail written");
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "JPEG magic");
    let picture = image::load_from_memory(&bytes).expect("thumbnail decodes");
    assert_eq!((picture.width(), picture.height()), (av::THUMBNAIL_WIDTH, av::THUMBNAIL_HEIGHT));
}

#[test]
fn thumbnails_come_from_a_video_or_a_picture() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let from_video = dir.path().join("from-video.jpg");
    av::thumbnail(&clips.paths[0], &from_video).unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_jpeg(&from_video);
    let picture =
        image::load_from_memory(&std::fs::read(&from_video).expect("read")).expect("decode").to_rgba8();
    // The first scene's first frame: the figure at its start place (x 400 -> 200 at half size).
    assert!(
        common::close(picture.get_pixel(200, 165), common::FIGURE, 20),
        "{:?}",
        picture.get_pixel(200, 165)
    );

    let png = dir.path().join("scene.png");
    common::plain_layers().composite(0.0).save(&png).expect("save png");
    let from_png = dir.path().join("from-png.jpg");
    av::thumbnail(&png, &from_png).unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_jpeg(&from_png);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a picture").expect("write");
    let error = av::thumbnail(&text, &dir.path().join("bad.jpg")).expect_err("not media");
    assert_eq!(error.code(), "bad_input");
    assert!(!dir.path().join("bad.jpg").exists());
}

#[test]
fn probing_a_missing_file_is_an_error() {
    common::require_tools();
    let error = av::probe(Path::new("/nonexistent/story.mp4")).expect_err("missing");
    assert_eq!(error.code(), "bad_input");
}

#[cfg(unix)]
#[test]
fn the_video_its_thumbnail_and_the_folders_made_for_them_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).expect("exists").permissions().mode() & 0o777;
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let library = dir.path().join("library");
    let out = library.join("fox").join("story.mp4");
    av::assemble(&clips.paths, &out, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let thumbnail = library.join("fox").join("cover.jpg");
    av::thumbnail(&out, &thumbnail).unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!((mode(&out), mode(&thumbnail)), (0o600, 0o600));
    assert_eq!((mode(&library), mode(&library.join("fox"))), (0o700, 0o700));
    let narration = &clips.narrations[0].wav;
    assert_eq!(mode(narration), 0o600, "{}", narration.display());
}

#[test]
fn a_clip_whose_path_has_a_line_break_is_refused_before_it_reaches_the_scene_list() {
    let clips = clips();
    let dir = tempfile::tempdir().expect("temp dir");
    let odd_folder = dir.path().join("runs\nfile '");
    std::fs::create_dir_all(&odd_folder).expect("folder");
    let odd_clip = odd_folder.join("clip.mp4");
    std::fs::copy(&clips.paths[1], &odd_clip).expect("copy");
    let paths = vec![clips.paths[0].clone(), odd_clip, clips.paths[2].clone()];
    let out = dir.path().join("story.mp4");
    let error = av::assemble(&paths, &out, &AtomicBool::new(false), &mut |_| {}).expect_err("refused");
    assert_eq!(error.code(), "unusable_file_name", "{}", error.detail());
    assert!(error.to_string().contains("line break"), "{error}");
    assert!(!out.exists());
}
