//! A process killed with SIGKILL at any moment (adding a drawing, autosaving the story, making
//! the video, saving it to the library) leaves a sound store, a run that `render` finishes, and
//! no half file in the library.
//!
//! The test re-runs its own binary as a child that goes through a parent's whole session and
//! says when each phase starts; the parent kills it at a random moment within a phase, 32 times
//! (8 per phase, seeded, so a failure can be replayed), then reopens the data folder as the app
//! would.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use model::{Customization, DrawingAnalysis, Scene, StoryScript};
use nocomelon_core::{Core, DataDir};

const CHILD_DIR: &str = "NOCOMELON_KILL_CHILD_DIR";
const CHILD_MODE: &str = "NOCOMELON_KILL_CHILD_MODE";
const TEST_NAME: &str = "a_kill_at_any_moment_loses_nothing_and_leaves_no_half_file";
const PHASES: [&str; 4] = ["ingest", "autosave", "render", "library"];
const KILLS_PER_PHASE: u64 = 8;

fn short_script(version: u32) -> StoryScript {
    StoryScript {
        title: format!("Pig's walk {version}"),
        scenes: vec![Scene::new("walk", format!("The pig went for a walk number {version}."))],
    }
}

/// A parent's session, phase by phase; each phase is announced on stdout before it starts.
/// `prepare` stops before the library; `library` starts from a prepared folder and only saves.
fn child_session(dir: &Path, mode: &str) {
    let core = Core::open(DataDir::at(dir.to_path_buf()).expect("data dir")).expect("core");
    let run_id = if mode == "library" {
        core.runs_in_progress().expect("runs").first().expect("a prepared run").id.clone()
    } else {
        println!("phase ingest");
        let run_id = core.ingest_paths(&[support::fixture("pig.png")]).remove(0).run.expect("run").id;
        let analysis = DrawingAnalysis { subject: "a pig".into(), ..Default::default() };
        core.save_analysis(&run_id, analysis).expect("analysis");
        core.save_customization(&run_id, Customization::default()).expect("choices");
        println!("phase autosave");
        for version in 1..=20 {
            core.save_script(&run_id, short_script(version)).expect("autosave");
        }
        println!("phase render");
        core.render_video(&run_id, &mut |_| {}).expect("render");
        run_id
    };
    println!("phase library");
    if mode == "prepare" {
        return;
    }
    core.save_to_library(&run_id).expect("saved");
    println!("phase done");
}

/// A small seeded generator, so each kill moment can be replayed.
struct Moments(u64);

impl Moments {
    fn next_below(&mut self, limit: Duration) -> Duration {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let fraction = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        limit.mul_f64(fraction)
    }
}

fn child(dir: &Path, mode: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .env(CHILD_MODE, mode)
        .env("NOCOMELON_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts")
}

/// Starts the child and returns when it announces `phase`, with the time that phase began;
/// `None` if the child ended first.
fn start_child_until(dir: &Path, mode: &str, phase: &str) -> (std::process::Child, Option<Instant>) {
    let mut child = child(dir, mode);
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let wanted = format!("phase {phase}");
    let started = Instant::now();
    while let Some(Ok(line)) = lines.next() {
        // The test harness may print the test's name on the same line, before the mark.
        if line.ends_with(&wanted) {
            // Keep draining the pipe in the background so the child never blocks on it.
            std::thread::spawn(move || lines.for_each(drop));
            return (child, Some(Instant::now()));
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the child is too slow to test");
    }
    (child, None)
}

/// Runs the child to its end and returns when each announced phase began and when it ended.
fn phase_marks(dir: &Path, mode: &str) -> Vec<Instant> {
    let mut child = child(dir, mode);
    let mut marks = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        if line.expect("readable").contains("phase ") {
            marks.push(Instant::now());
        }
    }
    assert!(child.wait().expect("ends").success(), "an uninterrupted session succeeds");
    marks.push(Instant::now());
    marks
}

/// A data folder with a finished video not yet in the library (the library rounds start from a
/// copy, so they need not make the video each time), and how long each phase takes here.
fn prepare(scratch: &Path) -> (PathBuf, Vec<Duration>) {
    let template = scratch.join("template");
    let marks = phase_marks(&template, "prepare");
    assert_eq!(marks.len(), 5, "ingest, autosave, render and library were announced");
    let mut lengths: Vec<Duration> = marks[..4].windows(2).map(|pair| pair[1] - pair[0]).collect();
    let saving = scratch.join("timing-library");
    copy_dir(&template, &saving);
    let marks = phase_marks(&saving, "library");
    lengths.push(marks[2] - marks[0]);
    (template, lengths)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("list").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// What a parent would find after reopening the app: everything the kill interrupted is
/// either whole or gone, and the draft can be finished.
fn check_after_kill(dir: &Path, what: &str) {
    let core = Core::open(DataDir::at(dir.to_path_buf()).expect("data dir")).expect("reopens after a kill");
    assert_eq!(core.store().integrity_check().expect("check"), "ok", "{what}");

    let partials = files_named(dir, partial_files::is_partial);
    assert!(partials.is_empty(), "{what}: the dead process's partial files were swept: {partials:?}");

    for run in core.runs_in_progress().expect("runs") {
        let run = core.run(&run.id).expect("the run reads back");
        let (Some(script), Some(_)) = (&run.script, &run.customization) else { continue };
        assert!(script.title.starts_with("Pig's walk"), "{what}: a whole script version: {script:?}");
        let finished = core.render_video(&run.id, &mut |_| {}).expect("render finishes the run");
        let video = finished.media.video_path.expect("a video");
        assert_playable(Path::new(&video), what);
        core.save_to_library(&run.id).expect("it can be saved");
    }

    let library = core.library().expect("library");
    let runs: std::collections::HashSet<_> = library.iter().map(|entry| entry.run_id.clone()).collect();
    assert_eq!(runs.len(), library.len(), "{what}: one entry per run, however often it was saved");
    for entry in &library {
        assert_playable(Path::new(&entry.video_path), what);
        image::open(&entry.thumbnail_path).expect("the thumbnail is a whole picture");
    }
    let folders: Vec<String> = std::fs::read_dir(core.data_dir().library_dir())
        .expect("library folder")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), library.len(), "{what}: no library folder without an entry: {folders:?}");
}

fn assert_playable(video: &Path, what: &str) {
    let (info, _) = av::mp4::read_index(video)
        .unwrap_or_else(|error| panic!("{what}: {} is not a whole video: {error}", video.display()));
    assert!(info.duration_sec > 1.0, "{what}: {} lasts {} s", video.display(), info.duration_sec);
}

fn files_named(dir: &Path, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if wanted(&name) {
                found.push(entry.path().display().to_string());
            } else if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    found
}

#[test]
fn a_kill_at_any_moment_loses_nothing_and_leaves_no_half_file() {
    if let Some(dir) = std::env::var_os(CHILD_DIR) {
        child_session(Path::new(&dir), &std::env::var(CHILD_MODE).unwrap_or_default());
        return;
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let (template, lengths) = prepare(scratch.path());
    let seed = 0x6e6f_636f_6d65_6c6f;
    let mut moments = Moments(seed);
    let mut kills = 0;
    for round in 0..KILLS_PER_PHASE {
        for (phase, length) in PHASES.iter().zip(&lengths) {
            let dir = scratch.path().join(format!("{phase}-{round}"));
            let mode = if *phase == "library" {
                copy_dir(&template, &dir);
                "library"
            } else {
                "session"
            };
            let delay = moments.next_below(*length);
            let what =
                format!("killed {} ms into {phase} (round {round}, seed {seed:#x})", delay.as_millis());
            let (mut child, began) = start_child_until(&dir, mode, phase);
            if let Some(began) = began {
                std::thread::sleep(delay.saturating_sub(began.elapsed()));
                child.kill().expect("SIGKILL");
                kills += 1;
            }
            child.wait().expect("reaped");
            check_after_kill(&dir, &what);
        }
    }
    assert!(kills >= 30, "only {kills} kills landed");
}
