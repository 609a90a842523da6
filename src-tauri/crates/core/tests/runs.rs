//! A run through the wizard on the local store: edits persist, stages need their inputs,
//! reopening returns to where the parent left off, and the library keeps finished videos.

mod support;

use std::fs;

use model::{Customization, DrawingAnalysis, RunMedia, Scene, Stage, StoryScript};
use support::{fixture, open_core, reopen};

fn script(title: &str, texts: &[&str]) -> StoryScript {
    StoryScript {
        title: title.into(),
        scenes: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Scene::new(format!("scene-{i}"), t.to_string()))
            .collect(),
    }
}

fn new_run(test: &support::TestCore) -> String {
    let outcome = test.core.ingest_paths(&[fixture("boy-purple.png")]).remove(0);
    outcome.run.expect("run started").id
}

#[test]
fn stages_wait_for_what_they_need() {
    let test = open_core();
    let run_id = new_run(&test);
    assert_eq!(test.core.run(&run_id).expect("run").stage, Stage::Recognize);
    let early = test.core.go_to_stage(&run_id, Stage::Customize).expect_err("no subject yet");
    assert_eq!(early.code(), "not_ready");
    assert!(early.to_string().contains("what your child drew"), "{early}");

    let analysis =
        DrawingAnalysis { subject: " a purple boy ".into(), setting: "park".into(), ..Default::default() };
    let run = test.core.save_analysis(&run_id, analysis).expect("saved");
    assert_eq!(
        run.analysis.as_ref().map(|a| a.subject.as_str()),
        Some("a purple boy"),
        "answers are trimmed"
    );
    assert_eq!(run.analysis.as_ref().map(|a| a.source), Some(model::AnalysisSource::Parent));
    test.core.go_to_stage(&run_id, Stage::Customize).expect("customize is open now");
    assert_eq!(test.core.go_to_stage(&run_id, Stage::Script).expect_err("no choices").code(), "not_ready");

    test.core.save_customization(&run_id, Customization::default()).expect("choices saved");
    test.core.go_to_stage(&run_id, Stage::Script).expect("script is open");
    test.core
        .save_script(&run_id, script("The Purple Boy", &["Once there was a boy.", ""]))
        .expect("a draft may have an empty scene");
    let preview =
        test.core.go_to_stage(&run_id, Stage::Images).expect_err("an empty scene can't be rendered");
    assert!(preview.to_string().contains("Scene 2 is empty"), "{preview}");
}

#[test]
fn out_of_range_age_and_oversized_scripts_are_refused_with_reasons() {
    let test = open_core();
    let run_id = new_run(&test);
    let too_old = Customization { child_age: 14, ..Customization::default() };
    assert_eq!(test.core.save_customization(&run_id, too_old).expect_err("age").code(), "age_out_of_range");
    let long_scene = "word ".repeat(200);
    let error = test.core.save_script(&run_id, script("T", &[long_scene.as_str()])).expect_err("too long");
    assert_eq!(error.code(), "invalid_script");
    assert!(test.core.run(&run_id).expect("run").script.is_none(), "a refused edit changes nothing");
}

#[test]
fn script_edits_survive_reopening_and_the_app_returns_to_the_same_run() {
    let test = open_core();
    let run_id = new_run(&test);
    let first = test.core.save_script(&run_id, script("Draft", &["One."])).expect("save 1");
    let second = test
        .core
        .save_script(&run_id, script("Garlic Goes Camping", &["Garlic packs a bag.", "Garlic sees a star."]))
        .expect("save 2");
    assert!(second.updated_at > first.updated_at, "each save is newer");
    drop(test.core.info(cloud()).expect("info"));

    let reopened = reopen(&test);
    let run = reopened.run(&run_id).expect("run still there");
    assert_eq!(
        run.script,
        Some(script("Garlic Goes Camping", &["Garlic packs a bag.", "Garlic sees a star."]))
    );
    assert_eq!(reopened.info(cloud()).expect("info").resume_run_id.as_deref(), Some(run_id.as_str()));
    let listed = reopened.runs_in_progress().expect("runs");
    assert_eq!(listed[0].title, "Garlic Goes Camping", "the list shows the story's title");
}

#[test]
fn deleting_a_run_forgets_it_everywhere() {
    let test = open_core();
    let run_id = new_run(&test);
    test.core.save_script(&run_id, script("Gone", &["Soon."])).expect("save");
    test.core.delete_run(&run_id).expect("delete");
    assert_eq!(test.core.run(&run_id).expect_err("gone").code(), "run_not_found");
    assert!(test.core.info(cloud()).expect("info").resume_run_id.is_none());
    assert!(test.core.runs_in_progress().expect("runs").is_empty());
}

/// A run with a finished video, as the pipeline leaves it.
fn finished_run(test: &support::TestCore) -> String {
    let run_id = new_run(test);
    test.core.save_script(&run_id, script("The Purple Boy", &["Hello."])).expect("script");
    let run_dir = test.dir.path().join("media/runs").join(&run_id);
    fs::create_dir_all(&run_dir).expect("run dir");
    fs::write(run_dir.join("final.mp4"), b"video bytes").expect("video");
    fs::write(run_dir.join("thumb.jpg"), b"thumbnail bytes").expect("thumb");
    let media = RunMedia {
        video_path: Some(format!("media/runs/{run_id}/final.mp4")),
        thumbnail_path: Some(format!("media/runs/{run_id}/thumb.jpg")),
        duration_sec: Some(42.5),
        ..RunMedia::default()
    };
    test.core
        .store()
        .update_run(
            &run_id,
            Box::new(move |record| {
                record.media = media;
                Ok(())
            }),
        )
        .expect("media recorded");
    run_id
}

#[test]
fn the_library_lists_renames_exports_and_deletes() {
    let test = open_core();
    let unfinished = new_run(&test);
    assert_eq!(test.core.save_to_library(&unfinished).expect_err("no video").code(), "not_ready");

    let run_id = finished_run(&test);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    assert_eq!(entry.title, "The Purple Boy");
    assert_eq!(entry.duration_sec, 42.5);
    assert_eq!(fs::read(&entry.video_path).expect("library copy"), b"video bytes");
    assert_eq!(test.core.run(&run_id).expect("run").stage, Stage::Saved);
    assert!(
        test.core.runs_in_progress().expect("runs").iter().all(|r| r.id != run_id),
        "saved runs leave the drafts list"
    );

    let renamed = test.core.rename_library_entry(&entry.id, "  Boy in the Park ").expect("rename");
    assert_eq!(renamed.title, "Boy in the Park");
    assert_eq!(test.core.rename_library_entry(&entry.id, "   ").expect_err("empty").code(), "empty_title");
    assert_eq!(reopen(&test).library().expect("list")[0].title, "Boy in the Park", "rename persists");

    let export_dir = tempfile::tempdir().expect("export dir");
    let first = test.core.export_library_entry(&entry.id, export_dir.path()).expect("export");
    let second = test.core.export_library_entry(&entry.id, export_dir.path()).expect("export again");
    assert!(first.ends_with("Boy in the Park.mp4"), "{first}");
    assert!(second.ends_with("Boy in the Park (1).mp4"), "never overwrites: {second}");
    assert_eq!(fs::read(&first).expect("exported"), b"video bytes");
    let missing =
        test.core.export_library_entry(&entry.id, &export_dir.path().join("nope")).expect_err("no folder");
    assert_eq!(missing.code(), "export_folder_missing");

    test.core.delete_run(&run_id).expect("the draft can go");
    assert!(std::path::Path::new(&entry.video_path).is_file(), "the library keeps its own copy");
    test.core.delete_library_entry(&entry.id).expect("delete");
    assert!(test.core.library().expect("list").is_empty());
    assert!(!std::path::Path::new(&entry.video_path).exists(), "its files are gone too");
    assert_eq!(
        test.core.delete_library_entry(&entry.id).expect_err("twice").code(),
        "library_entry_not_found"
    );
}

fn cloud() -> nocomelon_core::api::CloudStatus {
    nocomelon_core::api::CloudStatus { available: false, reason: String::new() }
}
