//! The family's cloud space against the real emulator (moto, with the SRP-checking user pool):
//! a signed-in parent's storybooks, drawings and checkpoints reach their own S3 prefix and
//! DynamoDB partition; offline work waits and syncs with nothing lost or doubled; a second
//! computer sees the same library; conflicting edits keep both; deleting the account leaves
//! nothing behind. Each test starts its own emulator.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use aws_sdk_dynamodb::types::AttributeValue;
use cloud::{CloudConfig, CloudSession, MemorySecretStore, SignInStep};
use cloud_testkit::{Emulator, Gate};
use family::{AccountDeletion, Family};
use model::{RunMedia, Scene, StoryScript, SyncState};
use nocomelon_core::{Core, DataDir};

const PASSWORD: &str = "Dinosaur7";
const EMAIL: &str = "mum@example.org";

/// One computer: its own data folder, keychain and session, signed in as the parent.
struct Computer {
    family: Family,
    keychain: Arc<MemorySecretStore>,
    data: PathBuf,
}

impl Computer {
    async fn signed_in(emulator: &Emulator, config: &CloudConfig, name: &str) -> Computer {
        let data = emulator.subdir(name);
        let keychain = Arc::new(MemorySecretStore::new());
        let session = CloudSession::builder(config.clone(), &data).secret_store(keychain.clone()).build();
        let step = session.sign_in(EMAIL, PASSWORD).await.expect("sign-in");
        assert!(matches!(step, SignInStep::SignedIn(_)), "{step:?}");
        let core = Arc::new(Core::open(DataDir::at(data.clone()).expect("data dir")).expect("core"));
        let family = Family::with_session(core, Arc::new(session));
        family.settle_account().await.expect("data folder attached to the account");
        Computer { family, keychain, data }
    }

    fn core(&self) -> &Core {
        self.family.core()
    }

    async fn identity_id(&self) -> String {
        self.family.session().expect("session").identity_id().await.expect("identity id")
    }

    /// A storybook made from a real fixture drawing, with a finished video, saved to the
    /// library as the window's "Save to library" does.
    fn make_storybook(&self, title: &str, video: &[u8]) -> model::LibraryEntry {
        let core = self.core();
        let run_id = core.ingest_paths(&[fixtures::drawing("boy-purple.png")]).remove(0).run.expect("run").id;
        let script = StoryScript { title: title.into(), scenes: vec![Scene::new("one", "Hello.")] };
        core.save_script(&run_id, script).expect("script");
        core.analyze_drawing(&run_id).expect("recognized");
        let run_dir = self.data.join("media/runs").join(&run_id);
        std::fs::write(run_dir.join("final.mp4"), video).expect("video");
        std::fs::write(run_dir.join("thumb.jpg"), b"cover").expect("thumbnail");
        let media = RunMedia {
            video_path: Some(format!("media/runs/{run_id}/final.mp4")),
            thumbnail_path: Some(format!("media/runs/{run_id}/thumb.jpg")),
            duration_sec: Some(4.0),
            ..RunMedia::default()
        };
        core.store()
            .update_run(
                &run_id,
                Box::new(move |record| {
                    record.media = media;
                    Ok(())
                }),
            )
            .expect("media recorded");
        core.save_to_library(&run_id).expect("saved to the library")
    }

    async fn sync(&self) -> family::DrainReport {
        let sync = self.family.sync().expect("sync engine");
        let (drained, _) = sync.sync_now().await.expect("sync");
        drained
    }

    fn library(&self) -> Vec<model::LibraryEntry> {
        self.core().library().expect("library")
    }
}

async fn emulator_with_parent() -> Emulator {
    let emulator = Emulator::start().await;
    let (session, _) = emulator.memory_session(&emulator.subdir("sign-up"));
    emulator.confirmed_user(&session, EMAIL, PASSWORD).await;
    emulator
}

fn text<'a>(item: &'a HashMap<String, AttributeValue>, name: &str) -> &'a str {
    item.get(name)
        .and_then(|v| v.as_s().ok())
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no {name} in {item:?}"))
}

fn number(item: &HashMap<String, AttributeValue>, name: &str) -> f64 {
    item.get(name)
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number {name} in {item:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_parent_s_storybook_lands_in_their_own_prefix_and_partition() {
    let emulator = emulator_with_parent().await;
    let computer = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    let identity = computer.identity_id().await;
    let sub = emulator.user_sub(EMAIL).await;

    let entry = computer.make_storybook("The Purple Boy", b"the video bytes");
    assert_eq!(entry.sync, SyncState::WaitingToSync);
    let report = computer.sync().await;
    assert!(report.sent >= 3, "drawing, checkpoint and storybook sent: {report:?}");
    assert_eq!(report.stopped_by, None);

    let run_id = entry.run_id.clone().expect("run id");
    let keys = emulator.keys().await;
    for key in &keys {
        assert!(key.starts_with(&format!("{identity}/")), "{key} is outside the family's prefix");
    }
    let drawing_key = format!("{identity}/drawings/{run_id}.png");
    let video_key = format!("{identity}/videos/{run_id}_final.mp4");
    assert!(keys.contains(&drawing_key), "{keys:?}");
    assert_eq!(emulator.object(&video_key).await, b"the video bytes");
    assert_eq!(emulator.object(&format!("{identity}/videos/{run_id}_thumb.jpg")).await, b"cover");
    let uploaded = emulator.object(&drawing_key).await;
    let normalized =
        std::fs::read(computer.core().run(&run_id).expect("run").drawing.normalized_path).expect("drawing");
    assert_eq!(uploaded, normalized, "the normalized drawing (upright, no metadata) is what is uploaded");

    let library = emulator.items(&emulator.config.library_table).await;
    assert_eq!(library.len(), 1, "{library:?}");
    let item = &library[0];
    assert_eq!(text(item, "user_id"), identity);
    assert_eq!(text(item, "id"), entry.id);
    assert_eq!(text(item, "sub"), sub);
    assert_eq!(text(item, "title"), "The Purple Boy");
    assert_eq!(text(item, "video_key"), video_key);
    assert_eq!(number(item, "version"), 1.0);

    let checkpoints = emulator.items(&emulator.config.checkpoints_table).await;
    assert_eq!(checkpoints.len(), 1, "{checkpoints:?}");
    let checkpoint = &checkpoints[0];
    assert_eq!(text(checkpoint, "user_id"), identity);
    assert_eq!(text(checkpoint, "run_id"), run_id);
    assert_eq!(text(checkpoint, "current_stage"), "saved");
    assert!(text(checkpoint, "story_script").contains("The Purple Boy"));
    let ttl = number(checkpoint, "ttl");
    let in_seven_days =
        (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs()
            + 7 * 24 * 3600) as f64;
    assert!((ttl - in_seven_days).abs() < 120.0, "ttl {ttl} is 7 days ahead");

    let shown = computer.library();
    assert_eq!(shown[0].sync, SyncState::Synced);
    let status = computer.family.sync().expect("sync").status().await.expect("status");
    assert_eq!((status.waiting, status.failed, status.online), (0, 0, true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_done_offline_waits_and_syncs_once_with_nothing_lost_or_doubled() {
    let emulator = emulator_with_parent().await;
    let gate = Gate::start(&emulator.url);
    let (config, _) = emulator.config_through(&gate.url);
    let computer = Computer::signed_in(&emulator, &config, "laptop").await;
    computer.make_storybook("Before the storm", b"first");
    assert_eq!(computer.sync().await.stopped_by, None);

    gate.close();
    let offline = computer.make_storybook("Made offline", b"second");
    let sync = computer.family.sync().expect("sync");
    let report = sync.drain().await.expect("a pass runs offline too");
    assert!(report.stopped_by.is_some(), "{report:?}");
    let status = sync.status().await.expect("status");
    assert!(!status.online, "the window shows it is offline");
    assert!(status.waiting >= 1, "{status:?}");
    assert!(status.problem.as_deref().is_some_and(|p| p.contains("sent again automatically")), "{status:?}");
    let shown = computer.library();
    let waiting = shown.iter().find(|e| e.id == offline.id).expect("kept on this computer");
    assert_eq!(waiting.sync, SyncState::WaitingToSync);

    gate.open();
    // Twice: the second pass must find nothing left to send.
    computer.sync().await;
    let again = computer.sync().await;
    assert_eq!(again.sent, 0, "{again:?}");
    let library = emulator.items(&emulator.config.library_table).await;
    let mut titles: Vec<&str> = library.iter().map(|item| text(item, "title")).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Before the storm", "Made offline"]);
    assert!(computer.library().iter().all(|e| e.sync == SyncState::Synced));
    let identity = computer.identity_id().await;
    assert_eq!(
        emulator.object(&format!("{identity}/videos/{}_final.mp4", offline.run_id.expect("run"))).await,
        b"second"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_computer_signed_in_as_the_same_parent_sees_the_same_library() {
    let emulator = emulator_with_parent().await;
    let laptop = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    let first = laptop.make_storybook("The Purple Boy", b"video one");
    let second = laptop.make_storybook("Garlic's Day", b"video two");
    laptop.sync().await;

    let desktop = Computer::signed_in(&emulator, &emulator.config, "desktop").await;
    assert!(desktop.library().is_empty());
    let (_, reconciled) = desktop.family.sync().expect("sync").sync_now().await.expect("sync");
    assert_eq!(reconciled.added, 2);
    let library = desktop.library();
    let mut titles: Vec<&str> = library.iter().map(|e| e.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Garlic's Day", "The Purple Boy"]);
    for (made, bytes) in [(&first, b"video one"), (&second, b"video two")] {
        let here = library.iter().find(|e| e.id == made.id).expect("same id on both computers");
        assert_eq!(here.sync, SyncState::Synced);
        assert_eq!(std::fs::read(&here.video_path).expect("video kept for offline playback"), bytes);
    }

    // Renamed on one computer, the other follows; deleted on one, gone from the other.
    desktop.core().rename_library_entry(&first.id, "The Purple Boy Sails").expect("rename");
    desktop.sync().await;
    laptop.sync().await;
    let renamed = laptop.library().into_iter().find(|e| e.id == first.id).expect("still there");
    assert_eq!(renamed.title, "The Purple Boy Sails");
    laptop.core().delete_library_entry(&second.id).expect("delete");
    laptop.sync().await;
    desktop.sync().await;
    assert!(desktop.library().iter().all(|e| e.id != second.id), "deleted elsewhere, gone here");
    let identity = laptop.identity_id().await;
    let keys = emulator.keys().await;
    let run = second.run_id.expect("run");
    assert!(
        !keys.contains(&format!("{identity}/videos/{run}_final.mp4")),
        "its video left the cloud: {keys:?}"
    );
    assert_eq!(emulator.items(&emulator.config.library_table).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_made_on_two_computers_at_once_keep_both() {
    let emulator = emulator_with_parent().await;
    let laptop = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    let entry = laptop.make_storybook("The Purple Boy", b"video");
    laptop.sync().await;
    let desktop = Computer::signed_in(&emulator, &emulator.config, "desktop").await;
    desktop.sync().await;

    laptop.core().rename_library_entry(&entry.id, "Named on the laptop").expect("rename");
    desktop.core().rename_library_entry(&entry.id, "Named on the desktop").expect("rename");
    laptop.sync().await;
    desktop.sync().await;
    laptop.sync().await;

    for computer in [&laptop, &desktop] {
        let mut titles: Vec<String> = computer.library().into_iter().map(|e| e.title).collect();
        titles.sort_unstable();
        assert_eq!(titles, ["Named on the desktop (edited on this computer)", "Named on the laptop"]);
    }
    let mut cloud: Vec<String> = emulator
        .items(&emulator.config.library_table)
        .await
        .iter()
        .map(|i| text(i, "title").to_owned())
        .collect();
    cloud.sort_unstable();
    assert_eq!(cloud, ["Named on the desktop (edited on this computer)", "Named on the laptop"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_library_is_read_page_by_page_past_one_megabyte() {
    let emulator = emulator_with_parent().await;
    let computer = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    let identity = computer.identity_id().await;
    // 150 items of about 10 KB each: more than DynamoDB returns in one 1 MB page.
    let padding = "x".repeat(10_000);
    for n in 0..150 {
        emulator
            .admin_dynamodb()
            .put_item()
            .table_name(&emulator.config.library_table)
            .item("user_id", AttributeValue::S(identity.clone()))
            .item("id", AttributeValue::S(format!("entry-{n:03}")))
            .item("title", AttributeValue::S(format!("Story {n}")))
            .item("video_key", AttributeValue::S(format!("{identity}/videos/entry-{n:03}_final.mp4")))
            .item("thumbnail_key", AttributeValue::S(format!("{identity}/videos/entry-{n:03}_thumb.jpg")))
            .item("duration_sec", AttributeValue::N("4".into()))
            .item("style", AttributeValue::S("storybook".into()))
            .item("created_at", AttributeValue::S("2026-12-01T00:00:00Z".into()))
            .item("updated_at", AttributeValue::S("2026-12-01T00:00:00Z".into()))
            .item("version", AttributeValue::N("1".into()))
            .item("notes", AttributeValue::S(padding.clone()))
            .send()
            .await
            .expect("item");
    }
    let sync = computer.family.sync().expect("sync");
    let first = sync.library_page(None).await.expect("first page");
    assert!(first.next.is_some(), "one page cannot hold 1.5 MB");
    assert!(first.items.len() < 150);
    let all = sync.cloud_library().await.expect("every page");
    assert_eq!(all.len(), 150);
    let mut ids: Vec<&str> = all.iter().map(|item| item.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 150, "no item read twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_account_leaves_nothing_behind() {
    let emulator = emulator_with_parent().await;
    let laptop = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    laptop.make_storybook("The Purple Boy", b"video one");
    laptop.make_storybook("Garlic's Day", b"video two");
    laptop.sync().await;
    let identity = laptop.identity_id().await;
    assert!(!emulator.keys().await.is_empty());
    let draft =
        laptop.core().ingest_paths(&[fixtures::drawing("boy-purple.png")]).remove(0).run.expect("draft");

    let wrong = laptop
        .family
        .delete_account(&AccountDeletion { typed_email: "someone@else.org".into(), keep_drafts: true })
        .await
        .expect_err("the typed email must match");
    assert_eq!(wrong.code(), "confirmation_mismatch");
    assert_eq!(laptop.library().len(), 2, "nothing deleted after a wrong confirmation");

    let report = laptop
        .family
        .delete_account(&AccountDeletion { typed_email: EMAIL.to_uppercase(), keep_drafts: true })
        .await
        .expect("account deleted");
    assert!(report.objects_deleted >= 6, "{report:?}");
    assert_eq!(report.library_items_deleted, 2);
    assert!(emulator.keys().await.iter().all(|k| !k.starts_with(&identity)), "nothing under the prefix");
    assert!(emulator.items(&emulator.config.library_table).await.is_empty());
    assert!(emulator.items(&emulator.config.checkpoints_table).await.is_empty());
    assert!(!emulator.user_exists(EMAIL).await, "the user is gone from the pool");
    assert!(laptop.keychain.keys().is_empty(), "the keychain entry is gone");
    assert!(laptop.library().is_empty(), "this computer's copies of the cloud's storybooks are gone");
    assert!(laptop.core().run(&draft.id).is_ok(), "the parent chose to keep their drafts");
    assert_eq!(laptop.core().store().cloud_owner().expect("owner"), None, "back to on-this-computer mode");
    assert!(laptop.family.status().await.account.is_none());
}

/// The S3 keys and partition keys the app writes all start with the caller's identity id (no
/// local server enforces the IAM policy, so this is checked on what was written).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_families_never_write_into_each_other_s_space() {
    let emulator = emulator_with_parent().await;
    let (session, _) = emulator.memory_session(&emulator.subdir("sign-up-2"));
    emulator.confirmed_user(&session, "dad@example.org", PASSWORD).await;
    let mum = Computer::signed_in(&emulator, &emulator.config, "mum").await;
    mum.make_storybook("Mum's story", b"m");
    mum.sync().await;
    let dad_data = emulator.subdir("dad");
    let keychain = Arc::new(MemorySecretStore::new());
    let dad_session =
        CloudSession::builder(emulator.config.clone(), &dad_data).secret_store(keychain).build();
    dad_session.sign_in("dad@example.org", PASSWORD).await.expect("dad signs in");
    let dad_core = Arc::new(Core::open(DataDir::at(dad_data.clone()).expect("dir")).expect("core"));
    let dad = Family::with_session(dad_core, Arc::new(dad_session));
    dad.settle_account().await.expect("attached");
    let (_, reconciled) = dad.sync().expect("sync").sync_now().await.expect("sync");
    assert_eq!(reconciled.added, 0, "dad does not see mum's library");

    let mum_id = mum.identity_id().await;
    let dad_id = dad.session().expect("session").identity_id().await.expect("id");
    assert_ne!(mum_id, dad_id);
    for key in emulator.keys().await {
        assert!(key.starts_with(&format!("{mum_id}/")), "{key}");
    }
    for table in [&emulator.config.library_table, &emulator.config.checkpoints_table] {
        for item in emulator.items(table).await {
            assert_eq!(text(&item, "user_id"), mum_id);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_story_started_on_one_computer_is_finished_on_another_from_its_checkpoint() {
    let emulator = emulator_with_parent().await;
    let laptop = Computer::signed_in(&emulator, &emulator.config, "laptop").await;
    let core = laptop.core();
    let run_id = core.ingest_paths(&[fixtures::drawing("pig.png")]).remove(0).run.expect("run").id;
    core.analyze_drawing(&run_id).expect("recognized");
    let script = StoryScript {
        title: "Pig Goes to the Fair".into(),
        scenes: vec![Scene::new("one", "Pig packed a bag."), Scene::new("two", "Pig won a ribbon.")],
    };
    core.save_script(&run_id, script.clone()).expect("script");
    laptop.sync().await;

    let desktop = Computer::signed_in(&emulator, &emulator.config, "desktop").await;
    let (_, reconciled) = desktop.family.sync().expect("sync").sync_now().await.expect("sync");
    assert_eq!(reconciled.stories_arrived, 1);
    let here = desktop.core().run(&run_id).expect("the same story, by the same id");
    assert_eq!(here.script.as_ref().map(|s| s.title.as_str()), Some("Pig Goes to the Fair"));
    assert_eq!(here.script.as_ref().map(|s| s.scenes.len()), Some(2));
    assert_eq!(here.analysis, laptop.core().run(&run_id).expect("run").analysis, "recognition came along");
    assert!(std::path::Path::new(&here.drawing.normalized_path).is_file(), "the drawing is on this computer");
    let listed = desktop.core().runs_in_progress().expect("drafts");
    assert!(listed.iter().any(|run| run.id == run_id), "listed under stories in progress");

    // Finishing it here sends it back: the cloud's checkpoint follows this computer's edit.
    let edited = StoryScript { title: "Pig at the Fair".into(), ..script };
    desktop.core().save_script(&run_id, edited).expect("edited on the desktop");
    desktop.sync().await;
    let checkpoint = emulator
        .items(&emulator.config.checkpoints_table)
        .await
        .into_iter()
        .find(|item| text(item, "run_id") == run_id)
        .expect("checkpoint");
    assert!(text(&checkpoint, "story_script").contains("Pig at the Fair"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_deletion_cut_short_by_the_network_finishes_at_the_next_start() {
    let emulator = emulator_with_parent().await;
    let gate = Gate::start(&emulator.url);
    let (config, _) = emulator.config_through(&gate.url);
    let laptop = Computer::signed_in(&emulator, &config, "laptop").await;
    laptop.make_storybook("The Purple Boy", b"video");
    laptop.sync().await;
    let identity = laptop.identity_id().await;

    gate.close();
    let cut = laptop
        .family
        .delete_account(&AccountDeletion { typed_email: EMAIL.into(), keep_drafts: false })
        .await
        .expect_err("the cloud cannot be reached");
    assert!(cut.is_offline(), "{cut:?}");
    assert!(!emulator.keys().await.is_empty(), "nothing was deleted yet");

    // The next start (the app or the CLI settles the account first) finishes the deletion.
    gate.open();
    laptop.family.settle_account().await.expect("the deletion finishes");
    assert!(emulator.keys().await.iter().all(|k| !k.starts_with(&identity)));
    assert!(emulator.items(&emulator.config.library_table).await.is_empty());
    assert!(!emulator.user_exists(EMAIL).await, "the user is gone from the pool");
    assert!(laptop.library().is_empty());
    assert!(
        laptop.core().runs_in_progress().expect("drafts").is_empty(),
        "the parent chose not to keep drafts"
    );
    assert_eq!(laptop.core().store().cloud_owner().expect("owner"), None);
}
