//! The window and the `nocomelon` command on one data folder at the same time: a fresh store
//! opened by several processes at once is set up once, a run renders in one process at a time,
//! and opening the folder never removes another live process's half-written files.
//!
//! Each test re-runs its own binary as the other processes.

mod support;

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use model::{Customization, DrawingAnalysis, Scene, StoryScript};
use nocomelon_core::{Core, DataDir};

const ROLE: &str = "NOCOMELON_TEST_ROLE";
const DIR: &str = "NOCOMELON_TEST_DIR";

fn spawn_role(test: &str, role: &str, dir: &Path) -> (Child, Lines<BufReader<ChildStdout>>) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .env("NOCOMELON_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    (child, lines)
}

/// The next line the child prints that starts with `prefix`, without it.
fn expect_line(lines: &mut Lines<BufReader<ChildStdout>>, prefix: &str) -> String {
    let started = Instant::now();
    for line in lines.by_ref() {
        let line = line.expect("readable");
        // The test harness may print the test's name on the same line, before the child's.
        if let Some(at) = line.find(prefix) {
            return line[at + prefix.len()..].to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the child is too slow");
    }
    panic!("the child ended before saying {prefix:?}");
}

fn open(dir: &Path) -> Core {
    Core::open(DataDir::at(dir.to_path_buf()).expect("data dir")).expect("core")
}

#[test]
fn four_processes_opening_a_fresh_store_at_once_all_succeed() {
    const TEST: &str = "four_processes_opening_a_fresh_store_at_once_all_succeed";
    if std::env::var(ROLE).as_deref() == Ok("opener") {
        let dir = PathBuf::from(std::env::var_os(DIR).expect("dir"));
        // Start together: wait for the go file.
        while !dir.join("go").exists() {
            std::thread::sleep(Duration::from_millis(2));
        }
        let core = open(&dir);
        println!("opened {}", core.store().integrity_check().expect("check"));
        return;
    }
    for round in 0..3 {
        let scratch = tempfile::tempdir().expect("temp dir");
        let children: Vec<_> = (0..4).map(|_| spawn_role(TEST, "opener", scratch.path())).collect();
        std::fs::write(scratch.path().join("go"), b"").expect("go");
        for (mut child, mut lines) in children {
            assert_eq!(expect_line(&mut lines, "opened "), "ok", "round {round}");
            assert!(child.wait().expect("ends").success(), "round {round}: every opener succeeds");
        }
        let core = open(scratch.path());
        let run = core.ingest_paths(&[support::fixture("pig.png")]).remove(0);
        assert!(run.error.is_none(), "round {round}: the store works after the race: {run:?}");
    }
}

fn ready_run(core: &Core) -> String {
    let run_id = core.ingest_paths(&[support::fixture("pig.png")]).remove(0).run.expect("run").id;
    core.save_analysis(&run_id, DrawingAnalysis { subject: "a pig".into(), ..Default::default() })
        .expect("analysis");
    core.save_customization(&run_id, Customization::default()).expect("choices");
    let script = StoryScript {
        title: "The pig's walk".into(),
        scenes: vec![Scene::new("walk", "The pig went for a walk.")],
    };
    core.save_script(&run_id, script).expect("script");
    run_id
}

#[test]
fn a_run_renders_in_one_process_at_a_time_and_a_live_writers_files_survive_another_start() {
    const TEST: &str =
        "a_run_renders_in_one_process_at_a_time_and_a_live_writers_files_survive_another_start";
    if std::env::var(ROLE).as_deref() == Ok("renderer") {
        let dir = PathBuf::from(std::env::var_os(DIR).expect("dir"));
        let core = open(&dir);
        let run_id = ready_run(&core);
        // A file this process is still writing, as a video being encoded is.
        let partial = nocomelon_core::files::temp_sibling(&dir.join("media/runs/storybook.mp4"));
        std::fs::write(&partial, b"half a video").expect("partial");
        println!("partial {}", partial.display());
        println!("run {run_id}");
        let mut announced = false;
        let _ = core.render_video(&run_id, &mut |_| {
            if !announced {
                announced = true;
                println!("rendering");
                // Hold the render (and its lock) until the parent kills this process.
                std::thread::sleep(Duration::from_secs(120));
            }
        });
        return;
    }
    let scratch = tempfile::tempdir().expect("temp dir");
    let (mut child, mut lines) = spawn_role(TEST, "renderer", scratch.path());
    let partial = PathBuf::from(expect_line(&mut lines, "partial "));
    let run_id = expect_line(&mut lines, "run ");
    expect_line(&mut lines, "rendering");

    let here = open(scratch.path());
    assert!(partial.exists(), "opening the folder kept the live process's half-written file");
    let busy = here.render_video(&run_id, &mut |_| {}).expect_err("the other process renders it");
    assert_eq!(busy.code(), "busy");

    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let after = open(scratch.path());
    assert!(!partial.exists(), "the killed process's leftover is swept at the next start");
    let run = after.render_video(&run_id, &mut |_| {}).expect("free to render once the other is gone");
    assert!(Path::new(&run.media.video_path.expect("a video")).is_file());
}
