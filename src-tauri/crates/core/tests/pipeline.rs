//! The whole on-device chain on the real drawings, checked the way a parent would: a playable
//! 1280x720 video with sound, as long as its narration, showing the child's figure; scenes that
//! fail still give a video; cancel leaves nothing half-made; edits redo only what changed.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use model::{Customization, Stage, Style};
use nocomelon_core::api::RenderProgress;
use nocomelon_core::CoreError;
use support::{fixture, open_core, TestCore};

/// Ingest, recognize (taking the first subject idea), customize and draft: the state a parent
/// reaches before pressing "Make the video".
fn prepared_run(test: &TestCore, drawing: &str, customization: Customization) -> String {
    let run_id = test.core.ingest_paths(&[fixture(drawing)]).remove(0).run.expect("run").id;
    let mut analysis = test.core.analyze_drawing(&run_id).expect("recognized").analysis;
    analysis.subject = analysis.subject_suggestions.first().cloned().unwrap_or_else(|| "a friend".into());
    test.core.save_analysis(&run_id, analysis).expect("answers saved");
    test.core.save_customization(&run_id, customization).expect("choices saved");
    test.core.draft_story_with_seed(&run_id, 7).expect("story drafted");
    test.core.go_to_stage(&run_id, Stage::Images).expect("ready for the video");
    run_id
}

fn short_story(test: &TestCore, run_id: &str, texts: &[&str]) {
    let mut script = test.core.run(run_id).expect("run").script.expect("script");
    script.scenes.truncate(texts.len());
    for (scene, text) in script.scenes.iter_mut().zip(texts) {
        scene.text = text.to_string();
    }
    test.core.save_script(run_id, script).expect("edited");
}

fn ffprobe_json(path: &Path) -> serde_json::Value {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-print_format", "json", "-show_streams", "-show_format"])
        .arg(path)
        .output()
        .expect("ffprobe runs (install it with: sudo apt install ffmpeg)");
    assert!(output.status.success(), "ffprobe failed on {}", path.display());
    serde_json::from_slice(&output.stdout).expect("ffprobe JSON")
}

/// One decoded frame at `at_sec`, as RGB.
fn frame_at(video: &Path, at_sec: f64) -> image::RgbImage {
    let out = video.with_file_name(format!("frame-{at_sec:.2}.png"));
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-ss", &format!("{at_sec:.2}"), "-i"])
        .arg(video)
        .args(["-frames:v", "1"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs (install it with: sudo apt install ffmpeg)");
    assert!(status.success(), "frame extraction failed");
    let frame = image::open(&out).expect("frame decodes").into_rgb8();
    let _ = std::fs::remove_file(out);
    frame
}

fn hex_rgb(hex: &str) -> [u8; 3] {
    let value = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("hex colour");
    [(value >> 16) as u8, (value >> 8) as u8, value as u8]
}

/// Share of pixels within `tolerance` (per channel) of `rgb`.
fn share_near(frame: &image::RgbImage, rgb: [u8; 3], tolerance: i32) -> f64 {
    let near = frame
        .pixels()
        .filter(|p| (0..3).all(|c| (i32::from(p[c]) - i32::from(rgb[c])).abs() <= tolerance))
        .count();
    near as f64 / f64::from(frame.width() * frame.height())
}

fn luma_spread(frame: &image::RgbImage) -> f64 {
    let lumas: Vec<f64> = frame
        .pixels()
        .map(|p| 0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2]))
        .collect();
    let mean = lumas.iter().sum::<f64>() / lumas.len() as f64;
    (lumas.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / lumas.len() as f64).sqrt()
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".partial") || name.ends_with(".part") || name.contains(".tmp") {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn every_fixture_becomes_a_narrated_video_that_shows_the_childs_figure() {
    for drawing in ["garlic-photo.png", "bug-six-arms.png", "pig.png", "boy-purple.png", "girl-pencil.png"] {
        let test = open_core();
        let run_id = prepared_run(&test, drawing, Customization::default());
        let mut steps: Vec<RenderProgress> = Vec::new();
        let mut arrivals: Vec<Instant> = Vec::new();
        let run = test
            .core
            .render_video(&run_id, &mut |step| {
                steps.push(step);
                arrivals.push(Instant::now());
            })
            .expect("video made");
        let video = PathBuf::from(run.media.video_path.as_deref().expect("video path"));
        let probe = ffprobe_json(&video);
        let streams = probe["streams"].as_array().expect("streams");
        let video_stream = streams.iter().find(|s| s["codec_type"] == "video").expect("a video stream");
        assert_eq!(
            (video_stream["width"].as_u64(), video_stream["height"].as_u64()),
            (Some(1280), Some(720))
        );
        assert_eq!(video_stream["codec_name"], "h264");
        assert_eq!(video_stream["pix_fmt"], "yuv420p");
        let audio_stream = streams
            .iter()
            .find(|s| s["codec_type"] == "audio" && s["codec_name"] == "aac")
            .unwrap_or_else(|| panic!("{drawing}: audio"));
        let seconds =
            |stream: &serde_json::Value| stream["duration"].as_str().and_then(|d| d.parse::<f64>().ok());
        let (picture, sound) =
            (seconds(video_stream).expect("picture length"), seconds(audio_stream).expect("sound length"));
        assert!((picture - sound).abs() < 0.1, "{drawing}: picture {picture:.2}s, sound {sound:.2}s");

        let scenes = run.script.as_ref().expect("script").scenes.len();
        let narration: f64 = run.media.audio.iter().map(|a| a.duration_sec).sum();
        let expected = narration + scenes as f64 * (av::CLIP_LEAD_IN_SEC + av::CLIP_TAIL_SEC)
            - (scenes as f64 - 1.0) * av::CROSSFADE_SEC;
        let duration: f64 =
            probe["format"]["duration"].as_str().and_then(|d| d.parse().ok()).expect("duration");
        assert!(
            (duration - expected).abs() / expected < 0.05,
            "{drawing}: {duration:.2}s vs narration-based {expected:.2}s"
        );
        assert!((run.media.duration_sec.expect("recorded") - duration).abs() < 0.2);

        let analysis = run.analysis.as_ref().expect("analysis");
        let ink = analysis.colors.first().map(|c| hex_rgb(&c.hex)).expect("ink colours");
        let first_scene = run.media.audio[0].duration_sec / 2.0 + av::CLIP_LEAD_IN_SEC;
        let frame = frame_at(&video, first_scene);
        assert!(luma_spread(&frame) > 12.0, "{drawing}: the frame is not blank");
        let share = share_near(&frame, ink, 40);
        assert!(share > 0.001, "{drawing}: the figure's ink {ink:?} shows in the frame ({:.4})", share);

        // The window names every stage, in order, and the bar never stalls or goes back.
        for stage in [Stage::Images, Stage::Voice, Stage::Video] {
            assert!(steps.iter().any(|s| s.stage == stage), "{drawing}: {stage:?} is shown");
        }
        assert!(steps.iter().any(|s| s.message == "Finishing the video"), "{drawing}: finishing is shown");
        assert!(steps.windows(2).all(|w| w[1].stage >= w[0].stage), "{drawing}: stages come in order");
        assert!(
            steps.windows(2).all(|w| w[1].percent + 0.01 >= w[0].percent),
            "{drawing}: progress only grows"
        );
        let (longest_wait, after) =
            arrivals.windows(2).enumerate().map(|(index, w)| (w[1] - w[0], index)).max().unwrap_or_default();
        assert!(
            longest_wait <= Duration::from_secs(3),
            "{drawing}: progress stalled for {longest_wait:?} between {:?} and {:?}",
            steps.get(after),
            steps.get(after + 1)
        );
        // The final join names no scene; before it, the scene counter only goes up per stage.
        let counted: Vec<&RenderProgress> = steps.iter().filter(|s| s.scene.is_some()).collect();
        assert!(
            counted.windows(2).all(|w| w[1].scene >= w[0].scene || w[1].stage > w[0].stage),
            "{drawing}: the scene counter never goes back within a stage"
        );

        // Each picture shows what its words name.
        for (scene, image) in run.script.as_ref().expect("script").scenes.iter().zip(&run.media.images) {
            assert_eq!(image.scene_id, scene.id);
            for element in image.plan.elements() {
                assert!(image.drawn.iter().any(|d| d == element), "{drawing}: {element} planned, not drawn");
            }
            if let Some(time) = planner::time_named_in(&scene.text) {
                assert_eq!(image.plan.time_of_day, time, "{drawing}: {}", scene.text);
            }
            // The child's figure does what the words say it does.
            assert_eq!(image.motion, Some(image.plan.action.motion()), "{drawing}: {}", scene.text);
        }
        assert_eq!(steps.last().map(|s| s.percent.round()), Some(100.0));
        assert!(std::path::Path::new(run.media.thumbnail_path.as_deref().expect("thumb")).is_file());
        assert!(run.media.warnings.is_empty(), "{drawing}: {:?}", run.media.warnings);
        assert!(leftovers(&test.dir.path().join("media")).is_empty());
    }
}

#[test]
fn a_scene_that_cannot_be_narrated_still_gives_a_video_and_the_parent_is_told() {
    let test = open_core();
    let run_id = prepared_run(&test, "pig.png", Customization::default());
    short_story(&test, &run_id, &["The pig wakes up in the sun.", "🐷🐷🐷", "The pig goes back to sleep."]);
    let run = test.core.render_video(&run_id, &mut |_| {}).expect("a video despite the bad scene");
    assert!(run.media.warnings.iter().any(|w| w.contains("Scene 2")), "{:?}", run.media.warnings);
    let probe = ffprobe_json(Path::new(run.media.video_path.as_deref().expect("video")));
    assert_eq!(probe["streams"].as_array().map(Vec::len), Some(2));
}

#[test]
fn cancel_leaves_no_half_made_file_and_the_next_render_resumes() {
    let test = Arc::new(open_core());
    let run_id = prepared_run(&test, "boy-purple.png", Customization::default());
    short_story(
        &test,
        &run_id,
        &["A boy in purple says hello.", "He waves at a bird.", "The bird waves back."],
    );
    let cancelled = Arc::new(AtomicBool::new(false));
    let worker = {
        let (test, run_id, cancelled) = (Arc::clone(&test), run_id.clone(), Arc::clone(&cancelled));
        std::thread::spawn(move || {
            test.core.render_video(&run_id, &mut |step| {
                // Cancel while the second scene's clip is being encoded.
                if step.stage == Stage::Video
                    && step.scene == Some(2)
                    && !cancelled.swap(true, Ordering::SeqCst)
                {
                    assert!(test.core.cancel_render(&run_id));
                }
            })
        })
    };
    let result = worker.join().expect("render thread");
    assert!(matches!(result, Err(CoreError::Cancelled)), "{result:?}");
    let run_dir = test.dir.path().join("media/runs").join(&run_id);
    assert!(!run_dir.join("storybook.mp4").exists(), "no video after a cancel");
    assert!(leftovers(&run_dir).is_empty(), "no half-written files: {:?}", leftovers(&run_dir));
    assert!(test.core.library().expect("library").is_empty(), "no library entry");
    assert_eq!(test.core.run(&run_id).expect("run").stage, Stage::Video, "the run remembers how far it got");

    let report = test.core.render_video_report(&run_id, &mut |_| {}).expect("resumed");
    assert!(report.reused_scenes >= 1, "the finished first scene is reused");
    assert!(report.run.media.video_path.is_some());
}

#[test]
fn an_edit_redoes_only_the_scenes_it_touches() {
    let test = open_core();
    let run_id = prepared_run(&test, "girl-pencil.png", Customization::default());
    short_story(&test, &run_id, &["A girl in a skirt twirls.", "She finds a shell.", "She keeps it safe."]);
    let first = test.core.render_video_report(&run_id, &mut |_| {}).expect("first render");
    assert_eq!(first.reused_scenes, 0);
    let again = test.core.render_video_report(&run_id, &mut |_| {}).expect("nothing changed");
    assert_eq!((again.reused_scenes, again.renewed_crossfades), (3, 0));

    let mut script = test.core.run(&run_id).expect("run").script.expect("script");
    script.scenes[1].text = "She finds a shiny pink shell on the sand.".into();
    test.core.save_script(&run_id, script).expect("edit");
    let edited = test.core.render_video_report(&run_id, &mut |_| {}).expect("after a text edit");
    assert_eq!(edited.reused_scenes, 2, "only scene 2 is narrated and encoded again");
    assert_eq!(edited.renewed_crossfades, 1, "scene 3 keeps its clip but crossfades out of the new scene 2");
    let media = &edited.run.media;
    let narration: f64 = media.audio.iter().map(|a| a.duration_sec).sum();
    let expected = narration + 3.0 * (av::CLIP_LEAD_IN_SEC + av::CLIP_TAIL_SEC) - 2.0 * av::CROSSFADE_SEC;
    let duration = media.duration_sec.expect("edited video");
    assert!((duration - expected).abs() / expected < 0.05, "{duration:.2}s vs {expected:.2}s");

    let watercolor = Customization { style: Style::Watercolor, ..Customization::default() };
    test.core.save_customization(&run_id, watercolor).expect("new style");
    let restyled = test.core.render_video_report(&run_id, &mut |_| {}).expect("after a style change");
    assert_eq!(restyled.reused_scenes, 0, "a new style redraws every scene");
    let scene_dirs = std::fs::read_dir(test.dir.path().join("media/runs").join(&run_id).join("scenes"))
        .expect("scenes")
        .count();
    assert_eq!(scene_dirs, 3, "files of replaced versions are cleaned up");
}

#[test]
fn the_parent_can_fix_the_outline_with_a_box_or_the_whole_page() {
    let test = open_core();
    let run_id = test.core.ingest_paths(&[fixture("bug-six-arms.png")]).remove(0).run.expect("run").id;
    let found = test.core.analyze_drawing(&run_id).expect("recognized");
    assert!(found.found, "the bug is found");
    let mask = image::open(&found.mask_path).expect("mask").into_luma8();
    let run = test.core.run(&run_id).expect("run");
    assert_eq!(mask.dimensions(), (run.drawing.width, run.drawing.height));

    let whole = test.core.set_figure_crop(&run_id, None).expect("whole page");
    assert!(whole.analysis.whole_page && !whole.found);
    let mask = image::open(&whole.mask_path).expect("mask").into_luma8();
    assert!(mask.pixels().all(|p| p[0] == 255), "the whole page is the figure");

    let figure_box = found.analysis.figure_box.expect("box");
    let boxed = test.core.set_figure_crop(&run_id, Some(figure_box)).expect("box");
    let inside = boxed.analysis.figure_box.expect("box kept");
    assert!(inside.x >= figure_box.x && inside.x + inside.width <= figure_box.x + figure_box.width);
    let tiny = model::FigureBox { x: 0, y: 0, width: 2, height: 2 };
    assert_eq!(test.core.set_figure_crop(&run_id, Some(tiny)).expect_err("tiny").code(), "crop_too_small");
}

#[test]
fn a_finished_storybook_files_itself_in_the_library_and_an_edit_replaces_it() {
    let test = open_core();
    let run_id = prepared_run(&test, "pig.png", Customization::default());
    short_story(&test, &run_id, &["The pig met a wise old owl.", "They flew a red kite until night."]);
    let run = test.core.make_storybook(&run_id, &mut |_| {}).expect("storybook made");
    let entry_id = run.library_entry_id.clone().expect("filed in the library without asking");
    let library = test.core.library().expect("library");
    assert_eq!(library.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), [entry_id.as_str()]);

    // Made again with nothing changed: the same entry.
    let again = test.core.make_storybook(&run_id, &mut |_| {}).expect("made again");
    assert_eq!(again.library_entry_id.as_deref(), Some(entry_id.as_str()));

    // After an edit the library holds the new video, once.
    let script = test.core.run(&run_id).expect("run").script.expect("script");
    let mut edited = script.clone();
    edited.scenes[0].text = "The pig met a friendly fox by the pond.".into();
    test.core.save_script(&run_id, edited).expect("edited");
    let remade = test.core.make_storybook(&run_id, &mut |_| {}).expect("made after the edit");
    let library = test.core.library().expect("library");
    assert_eq!(library.len(), 1, "one storybook per story");
    assert_eq!(library[0].run_id.as_deref(), Some(run_id.as_str()));
    let filed = Path::new(&library[0].video_path);
    let made = Path::new(remade.media.video_path.as_deref().expect("video"));
    assert_eq!(std::fs::read(filed).expect("filed video"), std::fs::read(made).expect("made video"));
    let first = &remade.media.images[0];
    assert!(first.plan.characters.iter().any(|c| c == "fox"), "{:?}", first.plan);
    assert!(first.drawn.iter().any(|d| d == "fox") && first.drawn.iter().any(|d| d == "pond"));
}
