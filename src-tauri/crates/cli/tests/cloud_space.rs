//! The family's cloud space from the command line, against the real emulator and the real
//! keychain (run under `src-tauri/crates/cloud/tests/with-keyring.sh`): upload, make (which files
//! the storybook in the library and syncs it), list, delete, account deletion, and the exit
//! codes a script relies on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use cloud_testkit::{upload_part_requests, Emulator, Gate};

const PASSWORD: &str = "Dinosaur7";
const EMAIL: &str = "mum@example.org";

struct Computer {
    config: PathBuf,
    data_dir: PathBuf,
}

impl Computer {
    fn run(&self, args: &[&str], answers: &[&str]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .env("NOCOMELON_DATA_DIR", &self.data_dir)
            .env_remove("NOCOMELON_CONFIG")
            .env_remove("NOCOMELON_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nocomelon starts");
        let mut stdin = child.stdin.take().expect("piped stdin");
        let text: String = answers.iter().map(|answer| format!("{answer}\n")).collect();
        let _ = stdin.write_all(text.as_bytes());
        drop(stdin);
        child.wait_with_output().expect("nocomelon finishes")
    }

    fn json(&self, args: &[&str], answers: &[&str]) -> serde_json::Value {
        let output = self.run(args, answers);
        succeeded(&output);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!("{args:?} printed no JSON ({e}): {}", String::from_utf8_lossy(&output.stdout))
        })
    }
}

fn succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "nocomelon failed ({}):\nstderr: {}\nstdout: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    fixtures::drawing(name).to_string_lossy().into_owned()
}

async fn signed_in_computer(emulator: &Emulator, config: &Path, name: &str) -> Computer {
    let (session, _) = emulator.memory_session(&emulator.subdir("account-setup"));
    emulator.confirmed_user(&session, EMAIL, PASSWORD).await;
    let computer = Computer { config: config.to_path_buf(), data_dir: emulator.subdir(name) };
    succeeded(&computer.run(&["auth", "sign-in", "--email", EMAIL], &[PASSWORD]));
    computer
}

async fn library_items(emulator: &Emulator) -> usize {
    emulator.items(&emulator.config.library_table).await.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_uploads_makes_lists_deletes_and_deletes_their_account_from_a_terminal() {
    let emulator = Emulator::start().await;
    let computer = signed_in_computer(&emulator, &emulator.config_path, "laptop").await;
    let identity = computer.json(&["auth", "whoami", "--json"], &[])["identity_id"]
        .as_str()
        .expect("an identity id")
        .to_owned();

    let uploaded = computer.json(&["upload", &fixture("pig.png"), "--json"], &[]);
    let key = uploaded["key"].as_str().expect("the key");
    assert!(key.starts_with(&format!("{identity}/drawings/")), "{key}");
    assert!(emulator.keys().await.contains(&key.to_owned()), "the drawing is in the bucket");

    let out = computer.data_dir.join("story.mp4");
    let made = computer.json(
        &["make", &fixture("boy-purple.png"), "--seed", "3", "--out", &out.to_string_lossy(), "--json"],
        &[],
    );
    let library_id = made["library_id"].as_str().expect("filed in the library").to_owned();
    let listed = computer.json(&["library", "list", "--json"], &[]);
    let entry =
        listed.as_array().expect("a list").iter().find(|e| e["id"] == library_id.as_str()).expect("listed");
    assert_eq!(entry["sync"], "synced", "{entry}");
    assert_eq!(library_items(&emulator).await, 1);
    let run_id = made["run_id"].as_str().expect("run id");
    let video_key = format!("{identity}/videos/{run_id}_final.mp4");
    assert!(emulator.keys().await.contains(&video_key));

    succeeded(&computer.run(&["library", "delete", &library_id], &[]));
    assert_eq!(library_items(&emulator).await, 0);
    assert!(!emulator.keys().await.contains(&video_key), "its video left the cloud");

    let refused = computer.run(&["account", "delete"], &["not-my-email@example.org"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("nothing was deleted"), "{}", stderr(&refused));
    let deleted = computer.json(&["account", "delete", "--json"], &[EMAIL]);
    assert!(deleted["objects_deleted"].as_u64().is_some_and(|n| n >= 2), "{deleted}");
    assert!(emulator.keys().await.iter().all(|k| !k.starts_with(&identity)), "nothing under the prefix");
    let whoami = computer.run(&["auth", "whoami"], &[]);
    assert_eq!(whoami.status.code(), Some(3), "nobody is signed in now: {}", stderr(&whoami));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_work_is_kept_with_exit_code_4_and_syncs_when_the_cloud_is_back() {
    let emulator = Emulator::start().await;
    let gate = Gate::start(&emulator.url);
    let (_, gated) = emulator.config_through(&gate.url);
    let computer = signed_in_computer(&emulator, &gated, "laptop").await;
    // The identity id is fetched and kept while online.
    let identity =
        computer.json(&["auth", "whoami", "--json"], &[])["identity_id"].as_str().expect("id").to_owned();

    gate.close();
    let offline = computer.run(&["upload", &fixture("pig.png")], &[]);
    assert_eq!(offline.status.code(), Some(4), "{}", stderr(&offline));
    assert!(stderr(&offline).contains("kept on this computer"), "{}", stderr(&offline));

    gate.open();
    let synced = computer.json(&["library", "sync", "--json"], &[]);
    assert!(synced["sent"].as_u64().is_some_and(|n| n >= 1), "{synced}");
    assert_eq!(synced["waiting"], 0);
    let drawings: Vec<String> = emulator
        .keys()
        .await
        .into_iter()
        .filter(|k| k.starts_with(&format!("{identity}/drawings/")))
        .collect();
    assert_eq!(drawings.len(), 1, "sent once: {drawings:?}");
}

#[test]
fn cloud_commands_without_a_signed_in_parent_exit_with_3() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("cloud.json");
    std::fs::write(
        &config,
        r#"{"region":"eu-west-1","user_pool_id":"eu-west-1_AbC123","client_id":"client","identity_pool_id":"eu-west-1:0000",
            "bucket":"media","library_table":"library","checkpoints_table":"checkpoints","services_url":"http://127.0.0.1:9",
            "endpoint_url":"http://127.0.0.1:9"}"#,
    )
    .expect("config");
    let computer = Computer { config, data_dir: dir.path().join("data") };
    for args in [vec!["upload", "x.png"], vec!["library", "sync"], vec!["account", "delete"]] {
        let output = computer.run(&args, &[EMAIL]);
        assert_eq!(output.status.code(), Some(3), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("sign"), "{args:?} says to sign in: {}", stderr(&output));
    }
}

/// (part number, status) of the UploadPart requests the emulator answered.
fn upload_parts_logged(emulator: &Emulator) -> Vec<(u32, u16)> {
    upload_part_requests(&emulator.requests(), None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_between_parts_resumes_in_a_new_process_and_sends_only_what_is_missing() {
    let emulator = Emulator::start().await;
    let gate = Gate::start(&emulator.url);
    let (_, gated) = emulator.config_through(&gate.url);
    let computer = signed_in_computer(&emulator, &gated, "laptop").await;

    // A storybook with a 60 MB video, filed in the library as the window does while signed in.
    let video: Vec<u8> = (0..60_000_000_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let entry_id = {
        let core =
            nocomelon_core::Core::open(nocomelon_core::DataDir::at(computer.data_dir.clone()).expect("dir"))
                .expect("core");
        let run_id = core.ingest_paths(&[fixtures::drawing("pig.png")]).remove(0).run.expect("run").id;
        core.analyze_drawing(&run_id).expect("recognized");
        let run_dir = computer.data_dir.join("media/runs").join(&run_id);
        std::fs::write(run_dir.join("final.mp4"), &video).expect("video");
        std::fs::write(run_dir.join("thumb.jpg"), b"cover").expect("thumbnail");
        let media = model::RunMedia {
            video_path: Some(format!("media/runs/{run_id}/final.mp4")),
            thumbnail_path: Some(format!("media/runs/{run_id}/thumb.jpg")),
            duration_sec: Some(60.0),
            ..model::RunMedia::default()
        };
        core.store()
            .update_run(
                &run_id,
                Box::new(move |record| {
                    record.media = media;
                    Ok(())
                }),
            )
            .expect("media");
        core.save_to_library(&run_id).expect("saved").id
    };

    // A slow line, so the process can be killed with some parts sent and others not.
    gate.throttle(8_000_000);
    let mut first = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
        .arg("--config")
        .arg(&computer.config)
        .args(["library", "sync"])
        .env("NOCOMELON_DATA_DIR", &computer.data_dir)
        .env_remove("NOCOMELON_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nocomelon starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while upload_parts_logged(&emulator).iter().filter(|(_, status)| *status == 200).count() < 3 {
        assert!(std::time::Instant::now() < deadline, "no parts were sent within 2 minutes");
        assert!(first.try_wait().expect("status").is_none(), "the sync finished before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    first.kill().expect("SIGKILL");
    first.wait().expect("reaped");
    // Whatever the gate still carried for the dead process is cut off, as a real socket would be.
    gate.close();
    std::thread::sleep(std::time::Duration::from_millis(500));
    gate.open();
    let sent_before: std::collections::BTreeSet<u32> =
        upload_parts_logged(&emulator).into_iter().filter(|(_, s)| *s == 200).map(|(n, _)| n).collect();
    let logged_before = upload_parts_logged(&emulator).len();
    assert!(sent_before.len() < 12, "the kill came before the last of the 12 parts: {sent_before:?}");

    gate.throttle(0);
    let synced = computer.json(&["library", "sync", "--json"], &[]);
    assert_eq!(synced["waiting"], 0, "{synced}");
    let resent: Vec<u32> = upload_parts_logged(&emulator)[logged_before..].iter().map(|(n, _)| *n).collect();
    for part in &sent_before {
        assert!(!resent.contains(part), "part {part} was sent again after the restart: {resent:?}");
    }
    assert_eq!(sent_before.len() + resent.len(), 12, "every part sent once: {sent_before:?} then {resent:?}");

    let listed = computer.json(&["library", "list", "--json"], &[]);
    let entry =
        listed.as_array().expect("list").iter().find(|e| e["id"] == entry_id.as_str()).expect("entry");
    assert_eq!(entry["sync"], "synced");
    let identity =
        computer.json(&["auth", "whoami", "--json"], &[])["identity_id"].as_str().expect("id").to_owned();
    let run_id = entry["run_id"].as_str().expect("run id");
    let object = emulator
        .admin_s3()
        .get_object()
        .bucket(&emulator.config.bucket)
        .key(format!("{identity}/videos/{run_id}_final.mp4"))
        .send()
        .await
        .expect("the video is in the bucket");
    let bytes = object.body.collect().await.expect("body").into_bytes();
    assert!(bytes.as_ref() == video.as_slice(), "the video arrived intact");
}
