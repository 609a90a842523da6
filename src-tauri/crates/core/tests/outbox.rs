//! The outbox: with an account attached, every change that must reach the family's cloud leaves
//! a row written in the same transaction as the change; without one nothing is queued. Rows
//! survive a restart, keep their order, and a storybook's sync state follows them.

mod support;

use model::{RunMedia, Scene, StoryScript, SyncState};
use nocomelon_core::store::{OutboxHead, OutboxKind};
use nocomelon_core::CoreError;
use support::{fixture, open_core, reopen, TestCore};

const OWNER: &str = "3f6c1d0e-parent-sub";

fn kinds(test: &TestCore) -> Vec<(OutboxKind, String)> {
    test.core
        .store()
        .outbox_items(OWNER)
        .expect("outbox")
        .into_iter()
        .map(|item| (item.kind, item.subject))
        .collect()
}

fn new_run(test: &TestCore) -> String {
    test.core.ingest_paths(&[fixture("boy-purple.png")]).remove(0).run.expect("run").id
}

fn finish(test: &TestCore, run_id: &str) {
    let run_dir = test.dir.path().join("media/runs").join(run_id);
    test.core.analyze_drawing(run_id).expect("recognized");
    std::fs::write(run_dir.join("final.mp4"), b"video").expect("video");
    std::fs::write(run_dir.join("thumb.jpg"), b"thumb").expect("thumb");
    let media = RunMedia {
        video_path: Some(format!("media/runs/{run_id}/final.mp4")),
        thumbnail_path: Some(format!("media/runs/{run_id}/thumb.jpg")),
        duration_sec: Some(3.0),
        ..RunMedia::default()
    };
    test.core
        .store()
        .update_run(
            run_id,
            Box::new(move |record| {
                record.media = media;
                Ok(())
            }),
        )
        .expect("media");
}

#[test]
fn nothing_is_queued_while_no_account_is_attached() {
    let test = open_core();
    let run_id = new_run(&test);
    finish(&test, &run_id);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    assert!(kinds(&test).is_empty());
    assert_eq!(entry.sync, SyncState::OnThisComputer);
    assert_eq!(test.core.store().outbox_head(OWNER, i64::MAX).expect("head"), OutboxHead::Empty);
}

#[test]
fn each_change_queues_one_row_per_subject_in_the_order_of_the_latest_change() {
    let test = open_core();
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    let run_id = new_run(&test);
    assert_eq!(
        kinds(&test),
        [(OutboxKind::Drawing, run_id.clone()), (OutboxKind::Checkpoint, run_id.clone())]
    );

    let script = StoryScript { title: "Boy".into(), scenes: vec![Scene::new("one", "Hi.")] };
    test.core.save_script(&run_id, script.clone()).expect("script");
    test.core.save_script(&run_id, script).expect("script again");
    assert_eq!(
        kinds(&test),
        [(OutboxKind::Drawing, run_id.clone()), (OutboxKind::Checkpoint, run_id.clone())],
        "a newer checkpoint replaces the unsent one"
    );

    finish(&test, &run_id);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    assert_eq!(entry.sync, SyncState::WaitingToSync);
    test.core.rename_library_entry(&entry.id, "The Purple Boy").expect("rename");
    let rows = kinds(&test);
    assert_eq!(rows.iter().filter(|(kind, _)| *kind == OutboxKind::Library).count(), 1);
    assert_eq!(rows.last(), Some(&(OutboxKind::Library, entry.id.clone())));

    // A restart keeps every row, in order.
    let reopened = reopen(&test);
    let after: Vec<_> = reopened
        .store()
        .outbox_items(OWNER)
        .expect("outbox")
        .into_iter()
        .map(|i| (i.kind, i.subject))
        .collect();
    assert_eq!(after, rows);
}

#[test]
fn a_change_that_fails_leaves_no_row() {
    let test = open_core();
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    let run_id = new_run(&test);
    let before = kinds(&test);
    let refused = test
        .core
        .store()
        .update_run(&run_id, Box::new(|_| Err(CoreError::NotReady("refused on purpose".into()))));
    assert!(refused.is_err());
    assert_eq!(kinds(&test), before, "the row and the change commit together or not at all");
}

#[test]
fn the_storybook_shows_waiting_then_synced_or_failed_as_its_row_goes() {
    let test = open_core();
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    let run_id = new_run(&test);
    finish(&test, &run_id);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    let store = test.core.store();
    let library_row = |store: &nocomelon_core::Store| {
        store
            .outbox_items(OWNER)
            .expect("outbox")
            .into_iter()
            .find(|i| i.kind == OutboxKind::Library)
            .expect("row")
    };

    store.outbox_set_aside(library_row(store).seq, "the file went missing").expect("set aside");
    assert_eq!(store.library_entry(&entry.id).expect("entry").sync, SyncState::SyncFailed);
    let summary = store.outbox_summary(OWNER).expect("summary");
    assert_eq!(summary.failed, 1);
    assert_eq!(summary.last_error.as_deref(), Some("the file went missing"));

    store.outbox_retry_set_aside(OWNER).expect("retry");
    assert_eq!(store.library_entry(&entry.id).expect("entry").sync, SyncState::WaitingToSync);
    store.set_library_cloud_version(&entry.id, 1).expect("version");
    store.outbox_done(library_row(store).seq).expect("done");
    assert_eq!(store.library_entry(&entry.id).expect("entry").sync, SyncState::Synced);
}

#[test]
fn a_row_backing_off_holds_the_rows_behind_it_until_its_time() {
    let test = open_core();
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    new_run(&test);
    let store = test.core.store();
    let OutboxHead::Ready(first) = store.outbox_head(OWNER, 1_000).expect("head") else {
        panic!("a row is ready")
    };
    store.outbox_postpone(first.seq, 2_000, "offline").expect("postpone");
    assert_eq!(store.outbox_head(OWNER, 1_500).expect("head"), OutboxHead::WaitUntil(2_000));
    let OutboxHead::Ready(again) = store.outbox_head(OWNER, 2_000).expect("head") else {
        panic!("ready again")
    };
    assert_eq!((again.seq, again.attempts), (first.seq, 1));
    assert_eq!(store.outbox_summary(OWNER).expect("summary").waiting, 2);
}

#[test]
fn deleting_a_synced_storybook_queues_its_removal_with_the_run_its_files_are_named_after() {
    let test = open_core();
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    let run_id = new_run(&test);
    finish(&test, &run_id);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    test.core.delete_library_entry(&entry.id).expect("deleted");
    let row = test
        .core
        .store()
        .outbox_items(OWNER)
        .expect("outbox")
        .into_iter()
        .find(|i| i.kind == OutboxKind::Library)
        .expect("a removal row");
    assert_eq!(row.subject, entry.id);
    assert_eq!(row.payload["run_id"], run_id.as_str());
}

#[test]
fn a_storybook_made_without_an_account_stays_on_this_computer_after_signing_in() {
    let test = open_core();
    let run_id = new_run(&test);
    finish(&test, &run_id);
    let entry = test.core.save_to_library(&run_id).expect("saved");
    test.core.store().set_cloud_owner(Some(OWNER)).expect("attach");
    test.core.rename_library_entry(&entry.id, "Renamed later").expect("rename");
    assert!(kinds(&test).iter().all(|(kind, _)| *kind != OutboxKind::Library));
    assert_eq!(test.core.store().library_entry(&entry.id).expect("entry").sync, SyncState::OnThisComputer);
}
