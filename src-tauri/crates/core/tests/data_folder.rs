//! The data folder belongs to the family: private to the user, reached only through names the
//! app made itself, and cleared of exactly what a deleted draft or storybook used.

mod support;

use std::fs;
use std::path::Path;

use model::{RunMedia, Scene, StoryScript};
use support::{fixture, media_files, open_core, TestCore};

fn script(title: &str, scenes: &[(&str, &str)]) -> StoryScript {
    StoryScript {
        title: title.into(),
        scenes: scenes.iter().map(|(id, text)| Scene::new(*id, *text)).collect(),
    }
}

fn new_run(test: &TestCore, drawing: &str) -> String {
    test.core.ingest_paths(&[fixture(drawing)]).remove(0).run.expect("run started").id
}

/// A run with a finished video, as the pipeline leaves it.
fn finished_run(test: &TestCore, drawing: &str) -> String {
    let run_id = new_run(test, drawing);
    test.core.save_script(&run_id, script("The Purple Boy", &[("one", "Hello.")])).expect("script");
    // Recognizing makes the run's folder (and its outline) as the app does.
    test.core.analyze_drawing(&run_id).expect("recognized");
    let run_dir = test.dir.path().join("media/runs").join(&run_id);
    fs::write(run_dir.join("final.mp4"), b"video bytes").expect("video");
    fs::write(run_dir.join("thumb.jpg"), b"thumbnail bytes").expect("thumb");
    let media = RunMedia {
        video_path: Some(format!("media/runs/{run_id}/final.mp4")),
        thumbnail_path: Some(format!("media/runs/{run_id}/thumb.jpg")),
        duration_sec: Some(4.0),
        ..RunMedia::default()
    };
    let store = test.core.store();
    let record_media = move |record: &mut nocomelon_core::store::RunRecord| {
        record.media = media;
        Ok(())
    };
    store.update_run(&run_id, Box::new(record_media)).expect("media recorded");
    run_id
}

#[cfg(unix)]
#[test]
fn everything_in_the_data_folder_is_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let test = open_core();
    let run_id = finished_run(&test, "boy-purple.png");
    test.core.save_to_library(&run_id).expect("saved");

    let mut stack = vec![test.dir.path().to_path_buf()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        let mode = fs::metadata(&dir).expect("folder").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", dir.display());
        for entry in fs::read_dir(&dir).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // The test itself wrote the pretend video and thumbnail of the finished run.
            if path.starts_with(test.dir.path().join("media/runs")) && !path.ends_with("mask.png") {
                continue;
            }
            let mode = fs::metadata(&path).expect("file").permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{} is readable by others ({mode:o})", path.display());
            checked += 1;
        }
    }
    assert!(
        checked >= 6,
        "the store, its journal, the drawing, thumbnail, mask and library copies: {checked}"
    );
}

#[test]
fn deleting_a_draft_removes_its_files_and_its_drawing_once_nothing_else_uses_it() {
    let test = open_core();
    let first = new_run(&test, "pig.png");
    let second = new_run(&test, "pig.png");
    let other = new_run(&test, "boy-purple.png");
    for run in [&first, &second, &other] {
        test.core.analyze_drawing(run).expect("recognized");
    }
    let drawing = test.core.run(&first).expect("run").drawing;
    let other_drawing = test.core.run(&other).expect("run").drawing;

    test.core.delete_run(&first).expect("delete");
    assert!(!test.dir.path().join("media/runs").join(&first).exists(), "its folder is gone");
    assert!(Path::new(&drawing.normalized_path).is_file(), "the other draft still uses the drawing");
    assert!(test.dir.path().join("media/runs").join(&second).is_dir());

    test.core.delete_run(&second).expect("delete");
    assert!(!Path::new(&drawing.normalized_path).exists(), "no draft uses it any more");
    assert!(!Path::new(&drawing.thumbnail_path).exists());
    assert!(Path::new(&other_drawing.normalized_path).is_file(), "another drawing is untouched");
    let left = media_files(&test);
    assert!(left.iter().all(|file| !file.contains(&first) && !file.contains(&second)), "{left:?}");

    // The drawing can be added again afterwards.
    let again = new_run(&test, "pig.png");
    assert!(Path::new(&test.core.run(&again).expect("run").drawing.normalized_path).is_file());
}

#[test]
fn saving_to_the_library_twice_makes_one_entry() {
    let test = open_core();
    let run_id = finished_run(&test, "boy-purple.png");
    let first = test.core.save_to_library(&run_id).expect("saved");
    let second = test.core.save_to_library(&run_id).expect("saved again");
    assert_eq!(first.id, second.id);
    assert_eq!(test.core.library().expect("library").len(), 1);
    let folders = fs::read_dir(test.dir.path().join("media/library")).expect("library folder").count();
    assert_eq!(folders, 1, "no second copy of the files");
}

#[test]
fn a_library_folder_left_by_a_killed_save_is_swept_on_the_next_start() {
    let test = open_core();
    let run_id = finished_run(&test, "boy-purple.png");
    let kept = test.core.save_to_library(&run_id).expect("saved");
    let library = test.dir.path().join("media/library");
    // A save killed after placing its folder and before recording it.
    fs::create_dir_all(library.join("0b7c3a4e-0000-4000-8000-000000000000")).expect("leftover");
    fs::write(library.join("0b7c3a4e-0000-4000-8000-000000000000/storybook.mp4"), b"x").expect("file");
    let reopened = support::reopen(&test);
    let folders: Vec<_> = fs::read_dir(&library)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().into_string().expect("utf-8"))
        .collect();
    assert_eq!(folders, vec![kept.id.clone()]);
    assert_eq!(reopened.library().expect("library").len(), 1);
}

#[test]
fn hostile_names_never_become_paths() {
    let test = open_core();
    let run_id = new_run(&test, "pig.png");
    let outside = std::env::temp_dir().join("x");
    let _ = fs::remove_dir_all(&outside);
    for hostile in ["../../../../tmp/x", "a\nb", "/tmp/x", ".."] {
        let refused = test
            .core
            .save_script(&run_id, script("A story", &[(hostile, "Hello.")]))
            .expect_err("a scene id that is not a plain name");
        assert_eq!(refused.code(), "invalid_script", "{hostile:?}");
        for attempt in [test.core.delete_run(hostile).err(), test.core.analyze_drawing(hostile).err()] {
            let error = attempt.expect("a run id that is not a plain name is refused");
            assert!(matches!(error.code(), "unsafe_name" | "run_not_found"), "{hostile:?}: {error}");
        }
    }
    assert!(test.core.run(&run_id).expect("run").script.is_none(), "nothing hostile was saved");

    // A store changed behind the app's back: the damaged story is refused, not followed.
    let tampered = r#"{"title":"T","scenes":[{"id":"../../../../tmp/x","text":"Hello."}]}"#;
    let connection = rusqlite::Connection::open(test.dir.path().join("nocomelon.sqlite3")).expect("open");
    connection.execute("UPDATE runs SET script = ?1 WHERE id = ?2", (tampered, &run_id)).expect("tamper");
    let error = test.core.render_video(&run_id, &mut |_| {}).expect_err("refused");
    assert_eq!(error.code(), "corrupt_store", "{error}");
    assert!(!outside.exists(), "nothing was written outside the data folder");
    assert!(test.core.runs_in_progress().expect("the other drafts still list").is_empty());
    let stored_media = r#"{"images":[],"audio":[],"video_path":"../../../../etc/passwd","thumbnail_path":null,"duration_sec":null,"warnings":[]}"#;
    connection
        .execute("UPDATE runs SET script = NULL, media = ?1 WHERE id = ?2", (stored_media, &run_id))
        .expect("tamper");
    assert_eq!(test.core.run(&run_id).expect_err("refused").code(), "unsafe_name");
}
