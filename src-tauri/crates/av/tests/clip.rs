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
        &common::lone_clip_spec(&layers, &narration, &out),
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
    assert!((info.duration_sec - av::scene_duration_sec(&narration)).abs() < 1e-9);

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
    let result = av::render_clip(&common::lone_clip_spec(&layers, &narration, &out), &cancel, &mut |f| {
        if f > 0.2 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
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
        &common::lone_clip_spec(&layers, &narration, &out),
        &AtomicBool::new(false),
        &mut |_| {},
    );
    assert_eq!(result.expect_err("no audio").code(), "bad_audio");
    assert!(!out.exists());
}

/// Checksums of the video's packets as ffmpeg copies them (`copied`) or of its decoded frames.
fn video_hashes(video: &std::path::Path, copied: bool) -> Vec<String> {
    let ffmpeg = av::ffmpeg_path().unwrap_or_else(|error| panic!("{error} ({})", common::INSTALL));
    let output = std::process::Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(video)
        .args(["-map", "0:v:0"])
        .args(if copied { ["-c", "copy"] } else { ["-pix_fmt", "yuv420p"] })
        .args(["-f", "framemd5", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit(',').next().map(|hash| hash.trim().to_owned()))
        .collect()
}

fn layers_on(background: [u8; 3]) -> render::SceneLayers {
    let mut layers = common::plain_layers();
    layers.background = image::RgbaImage::from_pixel(
        1280,
        720,
        image::Rgba([background[0], background[1], background[2], 255]),
    );
    layers
}

#[test]
fn a_clip_opens_with_the_crossfade_out_of_the_scene_before_which_alone_can_be_renewed() {
    const GREEN: [u8; 3] = [60, 180, 70];
    const ORANGE: [u8; 3] = [240, 140, 30];
    let dir = tempfile::tempdir().expect("temp dir");
    let before = common::narrate("The sun came up.", VoiceType::Cheerful, &dir.path().join("before"));
    let narration = common::narrate("A fox woke up and yawned.", VoiceType::Cheerful, &dir.path().join("n"));
    let (blue, green, orange) = (common::plain_layers(), layers_on(GREEN), layers_on(ORANGE));
    let out = dir.path().join("scene-2.mp4");
    let spec = av::ClipSpec {
        layers: &green,
        narration: &narration,
        out: &out,
        encoder_threads: 0,
        previous: Some(av::PreviousScene { layers: &blue, narration_sec: before.duration_sec }),
        next_fades_in: true,
        drawn_lines: None,
        with_sound: true,
    };
    let info = av::render_clip(&spec, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    // The next scene's crossfade shows this scene's last frames, so the clip stops before them.
    assert_eq!(info.frames, av::scene_frame_count(narration.duration_sec) - av::CROSSFADE_FRAMES);
    let probe = av::probe(&out).expect("probe");
    // The sound lasts as long as the picture, so the narration's end is never cut.
    let sound_sec = probe.audio().and_then(|a| a.duration_sec).expect("sound length");
    assert!(
        (sound_sec - info.duration_sec).abs() < 0.05,
        "sound {sound_sec:.3}s, picture {:.3}s",
        info.duration_sec
    );
    assert!(
        (probe.duration_sec - info.duration_sec).abs() < 0.06,
        "{} vs {}",
        probe.duration_sec,
        info.duration_sec
    );

    // The first frame is nearly all the scene before; the middle of the crossfade is half of
    // each; after it, only this scene shows.
    let corner =
        |video: &std::path::Path, seconds: f64| *common::frame_at(video, seconds).get_pixel(1100, 100);
    assert!(common::close(&corner(&out, 0.0), common::BACKGROUND, 16), "{:?}", corner(&out, 0.0));
    let halfway = corner(&out, av::CROSSFADE_SEC / 2.0);
    let middle: Vec<u8> =
        (0..3).map(|c| ((u16::from(common::BACKGROUND[c]) + u16::from(GREEN[c])) / 2) as u8).collect();
    assert!(common::close(&halfway, [middle[0], middle[1], middle[2]], 24), "{halfway:?} vs {middle:?}");
    assert!(common::close(&corner(&out, 1.0), GREEN, 12), "{:?}", corner(&out, 1.0));

    // The scene before is redrawn: only the opening is made again, the rest is copied as it was.
    let renewed = dir.path().join("scene-2-renewed.mp4");
    let respec = av::ClipSpec {
        out: &renewed,
        previous: Some(av::PreviousScene { layers: &orange, narration_sec: before.duration_sec }),
        ..spec
    };
    let again = av::refresh_crossfade(&respec, &out, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!(again.frames, info.frames);
    assert!(common::close(&corner(&renewed, 0.0), ORANGE, 16), "{:?}", corner(&renewed, 0.0));
    assert!(common::close(&corner(&renewed, 1.0), GREEN, 12), "{:?}", corner(&renewed, 1.0));
    let (old_frames, new_frames) = (video_hashes(&out, false), video_hashes(&renewed, false));
    assert_eq!(new_frames.len(), old_frames.len());
    assert_ne!(new_frames[..av::CROSSFADE_FRAMES], old_frames[..av::CROSSFADE_FRAMES]);
    assert_eq!(
        new_frames[av::CROSSFADE_FRAMES..],
        old_frames[av::CROSSFADE_FRAMES..],
        "the scene looks the same"
    );
    // Copied, not encoded again: after the keyframe (which now carries the stream's parameter
    // sets in-band), every packet is the old one.
    let after_keyframe = av::CROSSFADE_FRAMES + 1;
    let (old_packets, new_packets) = (video_hashes(&out, true), video_hashes(&renewed, true));
    assert_eq!(
        new_packets[after_keyframe..],
        old_packets[after_keyframe..],
        "the scene's own frames are copied"
    );
    let renewed_probe = av::probe(&renewed).expect("probe");
    assert_eq!(renewed_probe.audio().map(|a| a.codec.as_str()), Some("aac"));
    assert!((renewed_probe.duration_sec - probe.duration_sec).abs() < 0.06);

    // A clip made without a crossfade can't be renewed that way: it is made again in full.
    let lone = dir.path().join("lone.mp4");
    av::render_clip(&common::lone_clip_spec(&green, &narration, &lone), &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let remade = dir.path().join("remade.mp4");
    let from_lone = av::ClipSpec { out: &remade, ..respec };
    let made = av::refresh_crossfade(&from_lone, &lone, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!(made.frames, info.frames);
    assert!(common::close(&corner(&remade, 0.0), ORANGE, 16), "{:?}", corner(&remade, 0.0));
}

#[test]
fn subtitle_lines_drawn_ahead_look_the_same_as_lines_drawn_with_the_clip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let narration =
        common::narrate("Hello little moon. Good night, stars.", VoiceType::Gentle, &dir.path().join("n"));
    let texts: Vec<String> = narration.sentences.iter().map(|s| s.text.clone()).collect();
    let drawn = av::DrawnLines::draw(&texts, &AtomicBool::new(false))
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    let timed = drawn.captions(&narration.sentences, av::CLIP_LEAD_IN_SEC, 10.0).expect("every line drawn");
    assert_eq!(timed.len(), texts.len(), "each sentence has a visible line");
    let layers = common::plain_layers();
    let (with_clip, ahead) = (dir.path().join("with-clip.mp4"), dir.path().join("ahead.mp4"));
    for (out, lines) in [(&with_clip, None), (&ahead, Some(&drawn))] {
        let spec = av::ClipSpec {
            encoder_threads: 1,
            drawn_lines: lines,
            ..common::lone_clip_spec(&layers, &narration, out)
        };
        av::render_clip(&spec, &AtomicBool::new(false), &mut |_| {})
            .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    }
    assert_eq!(video_hashes(&with_clip, false), video_hashes(&ahead, false));
}

#[test]
fn a_silent_clip_has_every_frame_and_no_sound_and_its_crossfade_is_renewed_silently() {
    const TEAL: [u8; 3] = [40, 160, 160];
    const RED: [u8; 3] = [210, 50, 40];
    let dir = tempfile::tempdir().expect("temp dir");
    let before = common::narrate("The moon rose.", VoiceType::Gentle, &dir.path().join("before"));
    let narration = common::narrate("An owl hooted twice.", VoiceType::Gentle, &dir.path().join("n"));
    let (blue, teal, red) = (common::plain_layers(), layers_on(TEAL), layers_on(RED));
    let out = dir.path().join("silent.mp4");
    let spec = av::ClipSpec {
        layers: &teal,
        narration: &narration,
        out: &out,
        encoder_threads: 0,
        previous: Some(av::PreviousScene { layers: &blue, narration_sec: before.duration_sec }),
        next_fades_in: false,
        drawn_lines: None,
        with_sound: false,
    };
    let info = av::render_clip(&spec, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!(info.frames, av::scene_frame_count(narration.duration_sec));
    let probe = av::probe(&out).expect("probe");
    assert!(probe.audio().is_none(), "{probe:?}");
    assert!(
        (probe.duration_sec - info.duration_sec).abs() < 0.06,
        "{} vs {}",
        probe.duration_sec,
        info.duration_sec
    );
    assert_eq!(video_hashes(&out, false).len(), info.frames);

    let renewed = dir.path().join("renewed.mp4");
    let respec = av::ClipSpec {
        out: &renewed,
        previous: Some(av::PreviousScene { layers: &red, narration_sec: before.duration_sec }),
        ..spec
    };
    let again = av::refresh_crossfade(&respec, &out, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("{error}: {}", error.detail()));
    assert_eq!(again.frames, info.frames);
    assert!(av::probe(&renewed).expect("probe").audio().is_none());
    let corner = *common::frame_at(&renewed, 0.0).get_pixel(1100, 100);
    assert!(common::close(&corner, RED, 16), "{corner:?}");
    let after_keyframe = av::CROSSFADE_FRAMES + 1;
    assert_eq!(
        video_hashes(&renewed, true)[after_keyframe..],
        video_hashes(&out, true)[after_keyframe..],
        "the scene's own frames are copied"
    );
}
