//! The headless chain from the command line: analyze writes a faithful mask, make writes a
//! playable video, and a make killed mid-stage is finished by render, reusing finished scenes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    fixtures::drawing(name)
}

fn nocomelon(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nocomelon"));
    command.env("NOCOMELON_DATA_DIR", data_dir).env_remove("NOCOMELON_CONFIG");
    command
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("nocomelon runs");
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn ffprobe_streams(video: &Path) -> (Vec<String>, f64) {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-print_format", "json", "-show_streams", "-show_format"])
        .arg(video)
        .output()
        .expect("ffprobe runs (install it with: sudo apt install ffmpeg)");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("ffprobe JSON");
    let streams = json["streams"]
        .as_array()
        .expect("streams")
        .iter()
        .map(|s| {
            format!("{}:{}", s["codec_type"].as_str().unwrap_or(""), s["codec_name"].as_str().unwrap_or(""))
        })
        .collect();
    let duration = json["format"]["duration"].as_str().and_then(|d| d.parse().ok()).unwrap_or(0.0);
    (streams, duration)
}

#[test]
fn analyze_writes_the_figure_mask_at_the_drawings_upright_size() {
    let data = tempfile::tempdir().expect("data dir");
    let mask_out = data.path().join("boy-mask.png");
    let output = run(nocomelon(data.path())
        .args(["analyze", fixture("boy-purple.png").to_str().expect("utf-8"), "--json", "--mask-out"])
        .arg(&mask_out));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["found"], true);
    assert!(
        report["analysis"]["colors"][0]["name"].as_str().is_some_and(|n| n.contains("purple")),
        "{report}"
    );
    assert_eq!(report["analysis"]["subject"], "", "the subject is asked of the parent");
    assert!(report["analysis"]["subject_suggestions"].as_array().is_some_and(|s| !s.is_empty()));

    let mask = image::open(&mask_out).expect("mask PNG").into_luma8();
    // The skeleton the boy moves by: two arms, two legs and a head, every joint on the boy.
    let rig = &report["rig"];
    let kinds: Vec<&str> =
        rig["limbs"].as_array().expect("limbs").iter().filter_map(|l| l["kind"].as_str()).collect();
    assert!(kinds.iter().filter(|k| **k == "arm").count() >= 2, "{rig}");
    assert!(kinds.iter().filter(|k| **k == "leg").count() >= 2, "{rig}");
    let joints = rig["joints"].as_array().expect("joints");
    assert!(joints.iter().any(|j| j["kind"] == "head"), "{rig}");
    assert_eq!(joints.iter().filter(|j| j["parent"].is_null()).count(), 1, "one root: {rig}");
    for joint in joints {
        let (x, y) = (joint["x"].as_f64().expect("x"), joint["y"].as_f64().expect("y"));
        // Within a few pixels of the figure (a joint at a limb's tip may sit on its edge).
        let near = (-4i64..=4).any(|dy| {
            (-4i64..=4).any(|dx| {
                let (px, py) = (x as i64 + dx, y as i64 + dy);
                px >= 0 && py >= 0 && mask.get_pixel_checked(px as u32, py as u32).is_some_and(|p| p[0] > 127)
            })
        });
        assert!(near, "joint {joint} is off the figure");
    }
    let truth = image::open(fixture("boy-purple.mask.png")).expect("hand mask").into_luma8();
    assert_eq!(mask.dimensions(), truth.dimensions(), "the mask has the drawing's size");
    let (mut both, mut either) = (0u64, 0u64);
    for (a, b) in mask.pixels().zip(truth.pixels()) {
        let (a, b) = (a[0] > 127, b[0] > 127);
        both += u64::from(a && b);
        either += u64::from(a || b);
    }
    let iou = both as f64 / either as f64;
    assert!(iou >= 0.85, "IoU against the hand-checked mask is {iou:.3}");

    let garlic_mask = data.path().join("garlic-mask.png");
    run(nocomelon(data.path())
        .args(["analyze", fixture("garlic-photo.png").to_str().expect("utf-8"), "--mask-out"])
        .arg(&garlic_mask));
    let garlic = image::open(&garlic_mask).expect("mask").into_luma8();
    assert_eq!(garlic.dimensions(), (3024, 4032), "upright: the photo's EXIF turn is applied");
}

#[test]
fn make_writes_a_narrated_video_with_the_family_in_the_story() {
    let data = tempfile::tempdir().expect("data dir");
    let out = data.path().join("out/story.mp4");
    let output = run(nocomelon(data.path()).args([
        "make",
        fixture("pig.png").to_str().expect("utf-8"),
        "--theme",
        "friendship",
        "--style",
        "crayon",
        "--age",
        "4",
        "--name",
        "Ada",
        "--seed",
        "3",
        "--json",
        "--out",
        out.to_str().expect("utf-8"),
    ]));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let (streams, duration) = ffprobe_streams(&out);
    assert_eq!(streams, ["video:h264", "audio:aac"]);
    assert!((duration - report["duration_sec"].as_f64().expect("duration")).abs() < 0.2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Putting the scenes together"), "progress is shown on stderr: {stderr}");
    let scenes = report["scenes"].as_array().expect("the scenes are listed");
    assert!(scenes.len() >= 4, "a storybook has at least four scenes: {report}");
    for scene in scenes {
        let text = scene["text"].as_str().expect("each scene has its words");
        let plan = &scene["plan"];
        let names = |field: &str| -> Vec<String> {
            plan[field].as_array().expect(field).iter().filter_map(|v| v.as_str().map(String::from)).collect()
        };
        let (characters, props) = (names("characters"), names("props"));
        assert_eq!(characters.first().map(String::as_str), Some("hero"), "{scene}");
        assert!(plan["setting"].is_string() && plan["time_of_day"].is_string() && plan["action"].is_string());
        let drawn: Vec<&str> =
            scene["drawn"].as_array().expect("drawn").iter().filter_map(|v| v.as_str()).collect();
        for element in characters.iter().skip(1).chain(&props) {
            assert!(drawn.contains(&element.as_str()), "{element} is planned but not drawn: {scene}");
        }
        for element in planner::elements_named_in(text) {
            if element.name == "pig" {
                continue; // the hero: the child's own drawing
            }
            let planned = characters.iter().chain(&props).any(|n| n == element.name);
            assert!(planned, "the words name {} but the plan lacks it: {scene}", element.name);
        }
        let action: model::Action = serde_json::from_value(plan["action"].clone()).expect("an action");
        assert_eq!(scene["motion"], action.motion().as_str(), "the figure does what the words say: {scene}");
        if let Some(time) = planner::time_named_in(text) {
            assert_eq!(plan["time_of_day"], time.as_str(), "{scene}");
        }
    }

    let bad = run_failing(nocomelon(data.path()).args(["make", "/nonexistent.png", "--out", "x.mp4"]));
    assert!(bad.contains("isn't there"), "{bad}");
}

fn run_failing(command: &mut Command) -> String {
    let output = command.output().expect("nocomelon runs");
    assert!(!output.status.success(), "should fail");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_make_killed_mid_video_is_finished_by_render_reusing_finished_scenes() {
    let data = tempfile::tempdir().expect("data dir");
    let out = data.path().join("story.mp4");
    let mut child = nocomelon(data.path())
        .args(["make", fixture("girl-pencil.png").to_str().expect("utf-8"), "--seed", "5", "--out"])
        .arg(&out)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("make starts");
    let stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut run_id = None;
    for line in stderr.lines().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("Started draft ") {
            run_id = rest.split_whitespace().next().map(str::to_string);
        }
        if line.contains("Putting the scenes together (scene 3") {
            child.kill().expect("SIGKILL mid-stage");
            break;
        }
    }
    let _ = child.wait();
    let run_id = run_id.expect("make announced its draft");
    assert!(!out.exists(), "no video was written by the killed make");
    let scenes_dir = data.path().join("media/runs").join(&run_id).join("scenes");
    let finished_clips: Vec<(PathBuf, std::time::SystemTime)> = std::fs::read_dir(&scenes_dir)
        .expect("scene folders")
        .flatten()
        .flat_map(|scene| std::fs::read_dir(scene.path()).into_iter().flatten().flatten())
        .filter(|f| f.file_name().to_string_lossy().starts_with("clip-"))
        .map(|f| (f.path(), f.metadata().and_then(|m| m.modified()).expect("mtime")))
        .collect();
    assert!(finished_clips.len() >= 2, "scenes 1 and 2 were finished before the kill: {finished_clips:?}");

    run(nocomelon(data.path()).args(["render", &run_id, "--out"]).arg(&out));
    let (streams, _) = ffprobe_streams(&out);
    assert_eq!(streams, ["video:h264", "audio:aac"]);
    for (clip, modified) in finished_clips {
        let now = std::fs::metadata(&clip).and_then(|m| m.modified()).expect("clip kept");
        assert_eq!(now, modified, "{} was reused, not made again", clip.display());
    }
}
