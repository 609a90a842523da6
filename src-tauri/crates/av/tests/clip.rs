//! One scene's clip, rendered with the real ffmpeg and checked the way a person would: what
//! ffprobe says, and what the frames show.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use model::VoiceType;

#[test]
fn a_clip_is_720p_h264_with_aac_narration_and_the_moving_figure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration =
        common::narrate("Hello little moon. Good night, stars.", VoiceType::Gentle, &dir.path().join("n"));
    let layers = common::plain_layers();
    let out = dir.path().join("scene.mp4");
    let mut reported = Vec::new();
    let info = av::render_clip(
        &av::ClipSpec { layers: &layers, narration: &narration, out: &out, encoder_threads: 0 },
        &AtomicBool::new(false),
        &mut |fraction| reported.push(fraction),
    )
    .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!(info.path, std::path::absolute(&out).expect("absolute"));

    let probe = av::probe(&out).expect("probe");
    let videos: Vec<_> = probe.streams.iter().filter(|s| s.kind == "video").collect();
    let audios: Vec<_> = probe.streams.iter().filter(|s| s.kind == "audio").collect();
    assert_eq!((videos.len(), audios.len()), (1, 1), "{probe:?}");
    let video = videos[0];
    assert_eq!(video.codec, "h264");
    assert_eq!((video.width, video.height), (Some(1280), Some(720)));
    assert_eq!(video.pix_fmt.as_deref(), Some("yuv420p"));
    assert_eq!(video.color_space.as_deref(), Some("bt709"));
    assert_eq!(video.color_primaries.as_deref(), Some("bt709"));
    assert_eq!(video.frame_rate, Some(25.0));
    assert_eq!(audios[0].codec, "aac");

    let expected = narration.duration_sec + av::CLIP_LEAD_IN_SEC + av::CLIP_TAIL_SEC;
    assert!((probe.duration_sec - expected).abs() / expected < 0.05, "{} vs {expected}", probe.duration_sec);
    assert!((info.duration_sec - av::clip_duration_sec(&narration)).abs() < 1e-9);

    // The first frame: the figure at its start, on the plain background, before any subtitle.
    let first = common::frame_at(&out, 0.0);
    assert!(common::close(first.get_pixel(400, 330), common::FIGURE, 12), "{:?}", first.get_pixel(400, 330));
    assert!(
        common::close(first.get_pixel(1100, 100), common::BACKGROUND, 12),
        "{:?}",
        first.get_pixel(1100, 100)
    );
    assert!(!common::close(first.get_pixel(800, 330), common::FIGURE, 60));
    // The last frame: the figure has drifted to its end placement.
    let last = common::frame_at(&out, info.duration_sec - 0.05);
    assert!(common::close(last.get_pixel(800, 330), common::FIGURE, 12), "{:?}", last.get_pixel(800, 330));
    assert!(!common::close(last.get_pixel(400, 330), common::FIGURE, 60));

    // While the first sentence is spoken its subtitle is burned in: white text with a dark
    // outline at the bottom centre, where the plain background has neither.
    let middle =
        (narration.sentences[0].start_sec + narration.sentences[0].end_sec) / 2.0 + av::CLIP_LEAD_IN_SEC;
    let spoken = common::frame_at(&out, middle);
    let band = (560..720).flat_map(|y| (200..1080).map(move |x| (x, y)));
    let (white, dark) = band.fold((0, 0), |(white, dark), (x, y)| {
        let p = spoken.get_pixel(x, y);
        (
            white + usize::from(p.0[..3].iter().all(|c| *c > 235)),
            dark + usize::from(p.0[..3].iter().all(|c| *c < 90)),
        )
    });
    assert!(white > 500 && dark > 500, "subtitle pixels: {white} white, {dark} dark");

    assert!(reported.windows(2).all(|pair| pair[1] >= pair[0]), "{reported:?}");
    assert!(reported.iter().all(|f| (0.0..=1.0).contains(f)));
    assert_eq!(reported.last(), Some(&1.0));
}

#[test]
fn cancelling_a_clip_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration = common::narrate(
        "This scene is long enough to be stopped halfway. It keeps on going and going for a while.",
        VoiceType::Grandparent,
        &dir.path().join("n"),
    );
    let clips = dir.path().join("clips");
    std::fs::create_dir_all(&clips).expect("clips dir");
    let out = clips.join("scene.mp4");
    let layers = common::plain_layers();
    let cancel = AtomicBool::new(false);
    let result = av::render_clip(
        &av::ClipSpec { layers: &layers, narration: &narration, out: &out, encoder_threads: 0 },
        &cancel,
        &mut |f| {
            if f > 0.2 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
    );
    let error = result.expect_err("cancelled");
    assert_eq!(error.code(), "cancelled");
    assert!(common::files_in(&clips).is_empty(), "{:?}", common::files_in(&clips));
}

#[test]
fn missing_narration_audio_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration =
        av::SceneNarration { wav: dir.path().join("nope.wav"), duration_sec: 2.0, sentences: vec![] };
    let layers = common::plain_layers();
    let out = dir.path().join("scene.mp4");
    let result = av::render_clip(
        &av::ClipSpec { layers: &layers, narration: &narration, out: &out, encoder_threads: 0 },
        &AtomicBool::new(false),
        &mut |_| {},
    );
    assert_eq!(result.expect_err("no audio").code(), "bad_audio");
    assert!(!out.exists());
}
