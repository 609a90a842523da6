//! A process killed while saving never corrupts the store or loses an acknowledged edit.
//!
//! The test re-runs its own binary as a child that saves story edits as fast as it can and
//! reports each acknowledged save; the parent kills it with SIGKILL mid-stream, then reopens.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use model::{Scene, StoryScript};
use nocomelon_core::{Core, DataDir};

const CHILD_DIR: &str = "NOCOMELON_CRASH_CHILD_DIR";
const CHILD_RUN: &str = "NOCOMELON_CRASH_CHILD_RUN";

fn version_script(version: u64) -> StoryScript {
    StoryScript {
        title: format!("version {version}"),
        scenes: (0..6)
            .map(|i| {
                Scene::new(
                    format!("s{i}"),
                    format!("scene {i} of version {version} {}", "word ".repeat(60).trim_end()),
                )
            })
            .collect(),
    }
}

fn child_writes_forever(dir: &str, run_id: &str) {
    let core = Core::open(DataDir::at(dir.into()).expect("data dir")).expect("core");
    for version in 1.. {
        core.save_script(run_id, version_script(version)).expect("save");
        println!("saved {version}");
    }
}

#[test]
fn a_killed_writer_leaves_a_sound_store_with_every_acknowledged_edit() {
    if let (Ok(dir), Ok(run)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_RUN)) {
        child_writes_forever(&dir, &run);
        return;
    }
    let test = support::open_core();
    let run_id = test.core.ingest_paths(&[support::fixture("pig.png")]).remove(0).run.expect("run").id;

    for round in 0..4 {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "a_killed_writer_leaves_a_sound_store_with_every_acknowledged_edit",
                "--nocapture",
            ])
            .env(CHILD_DIR, test.dir.path())
            .env(CHILD_RUN, &run_id)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut acknowledged = 0u64;
        let started = Instant::now();
        // Kill at a different point each round, always mid-stream.
        let kill_after = 20 + round * 37;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()) {
                acknowledged = n;
                if n >= kill_after {
                    child.kill().expect("SIGKILL");
                    break;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(120), "the writer is too slow to test");
        }
        let _ = child.wait();
        assert!(acknowledged >= kill_after, "round {round}: the child saved {acknowledged} edits");

        let core = Core::open(DataDir::at(test.dir.path().to_path_buf()).expect("dir"))
            .expect("reopens after a kill");
        assert_eq!(core.store().integrity_check().expect("check"), "ok");
        let script = core.run(&run_id).expect("run").script.expect("a script");
        let stored: u64 = script.title.trim_start_matches("version ").parse().expect("a whole title");
        assert!(stored >= acknowledged, "round {round}: acknowledged {acknowledged} but found {stored}");
        assert_eq!(script, version_script(stored), "round {round}: the stored script is one whole version");
    }
}
