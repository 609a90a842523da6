//! Uploads, downloads and removal against the real (patched) moto emulator: what lands in the
//! bucket is read back from outside with the emulator's admin client, and what was sent is read
//! from the emulator's own request log. Each test gets its own emulator.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_sdk_s3::types::ChecksumMode;
use cloud::transfer::part_plan::MIN_PART_SIZE;
use cloud::{
    CloudClients, FileUploadState, MemoryUploadState, MultipartState, SignInStep, TransferProgress,
    Transfers, UploadControl, UploadOutcome, UploadReport, UploadStateStore,
};
use cloud_testkit::{query_value, upload_part_requests, write_varied_file as write_file, Emulator};
use sha2::{Digest, Sha256};

const PASSWORD: &str = "Dinosaur7";
/// Ten parts: enough that a pause or a stop decided at the first progress report (a part done,
/// a tenth of a second in) always comes before the last part.
const TEN_PARTS: u64 = 10 * MIN_PART_SIZE - 1_000_000;

/// A signed-in family on one computer.
struct Family {
    transfers: Transfers,
    identity_id: String,
}

/// Signs `email` in on a new "computer" (its own data folder), creating the account if asked.
async fn family_on(emulator: &Emulator, email: &str, computer: &str, create: bool) -> Family {
    let (session, _) = emulator.memory_session(&emulator.subdir(computer));
    if create {
        emulator.confirmed_user(&session, email, PASSWORD).await;
    }
    let step = session.sign_in(email, PASSWORD).await.expect("sign-in");
    assert!(matches!(step, SignInStep::SignedIn(_)), "expected to be signed in, got {step:?}");
    let clients = CloudClients::new(&session);
    let identity_id = session.identity_id().await.expect("identity id");
    Family { transfers: Transfers::new(&clients), identity_id }
}

/// An emulator whose identity-pool keys live an hour, as the real ones do.
async fn emulator() -> Emulator {
    let emulator = Emulator::start().await;
    emulator.set(serde_json::json!({ "credentials_seconds": 3600 })).await;
    emulator
}

/// S3's CRC32 of a multipart object: the CRC32 of the parts' CRC32s, base64.
fn composite_crc32(path: &Path, part_size: u64) -> String {
    use base64::Engine;
    let bytes = std::fs::read(path).expect("read");
    let part_crcs: Vec<u8> =
        bytes.chunks(part_size as usize).flat_map(|part| crc32fast::hash(part).to_be_bytes()).collect();
    base64::engine::general_purpose::STANDARD.encode(crc32fast::hash(&part_crcs).to_be_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_sha256(path: &Path) -> String {
    let mut hasher = Sha256::new();
    let mut file = std::fs::File::open(path).expect("open");
    let mut block = vec![0_u8; 1 << 20];
    loop {
        let read = std::io::Read::read(&mut file, &mut block).expect("read");
        if read == 0 {
            return hex(&hasher.finalize());
        }
        hasher.update(&block[..read]);
    }
}

/// The SHA-256 of the object at `key`, read with the emulator's admin client.
async fn object_sha256(emulator: &Emulator, key: &str) -> String {
    hex(&Sha256::digest(emulator.object(key).await))
}

/// The unfinished multipart uploads (key, upload id) under `prefix`, seen from outside.
async fn pending_uploads(emulator: &Emulator, prefix: &str) -> Vec<(String, String)> {
    let out = emulator
        .admin_s3()
        .list_multipart_uploads()
        .bucket(&emulator.config.bucket)
        .prefix(prefix)
        .send()
        .await
        .expect("ListMultipartUploads");
    out.uploads()
        .iter()
        .map(|u| (u.key().unwrap_or_default().to_owned(), u.upload_id().unwrap_or_default().to_owned()))
        .collect()
}

/// The part numbers S3 holds for an unfinished upload.
async fn parts_on_server(emulator: &Emulator, key: &str, upload_id: &str) -> BTreeSet<u32> {
    let out = emulator
        .admin_s3()
        .list_parts()
        .bucket(&emulator.config.bucket)
        .key(key)
        .upload_id(upload_id)
        .send()
        .await
        .expect("ListParts");
    out.parts().iter().filter_map(|p| p.part_number()).map(|n| n as u32).collect()
}

/// Starts uploading `video` to `key`, one part at a time, and pauses once a part is in; answers
/// what the notes kept.
async fn paused_after_a_part(
    family: &Family,
    key: &str,
    video: &Path,
    notes: &MemoryUploadState,
) -> MultipartState {
    let control = UploadControl::new();
    let pause_button = control.clone();
    let outcome = family
        .transfers
        .clone()
        .with_parts_in_flight(1)
        .upload_file(key, video, "video/mp4", &control, notes, &move |p| {
            if p.bytes_done > 0 {
                pause_button.pause();
            }
        })
        .await
        .expect("paused");
    assert!(matches!(outcome, UploadOutcome::Paused { .. }), "{outcome:?}");
    notes.load(&format!("{}/{key}", family.identity_id)).expect("notes").expect("noted")
}

/// Uploads `video` to `key` to the end.
async fn upload_to_the_end(
    family: &Family,
    key: &str,
    video: &Path,
    notes: &MemoryUploadState,
) -> UploadReport {
    completed(
        family
            .transfers
            .upload_file(key, video, "video/mp4", &UploadControl::new(), notes, &ignore_progress)
            .await
            .expect("upload"),
    )
}

/// Progress reports with the moment each arrived.
#[derive(Clone, Default)]
struct Reports(Arc<Mutex<Vec<(Instant, TransferProgress)>>>);

impl Reports {
    fn push(&self, progress: TransferProgress) {
        self.0.lock().expect("reports").push((Instant::now(), progress));
    }

    fn all(&self) -> Vec<(Instant, TransferProgress)> {
        self.0.lock().expect("reports").clone()
    }
}

fn completed(outcome: UploadOutcome) -> UploadReport {
    match outcome {
        UploadOutcome::Completed(report) => report,
        other => panic!("expected a completed upload, got {other:?}"),
    }
}

fn ignore_progress(_: TransferProgress) {}

#[tokio::test]
async fn a_small_drawing_is_stored_under_the_familys_prefix_byte_for_byte() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "small@example.org", "app", true).await;
    let drawing = emulator.subdir("files").join("drawing.png");
    write_file(&drawing, 300_000, 1);
    let reports = Reports::default();

    // In a task of its own, as the app runs it.
    let (transfers, path, seen) = (family.transfers.clone(), drawing.clone(), reports.clone());
    let outcome = tokio::spawn(async move {
        let (control, notes) = (UploadControl::new(), MemoryUploadState::new());
        transfers
            .upload_file("drawings/run-1.png", &path, "image/png", &control, &notes, &|p| seen.push(p))
            .await
    })
    .await
    .expect("the upload task")
    .expect("upload");

    let report = completed(outcome);
    let key = format!("{}/drawings/run-1.png", family.identity_id);
    assert_eq!(report.key, key);
    assert_eq!((report.size, report.part_count, report.parts_sent), (300_000, 1, 1));
    assert_eq!(object_sha256(&emulator, &key).await, file_sha256(&drawing));
    let head = emulator.admin_s3().head_object().bucket(&emulator.config.bucket).key(&key).send().await;
    assert_eq!(head.expect("head").content_type(), Some("image/png"));
    let last = reports.all().last().expect("at least one report").1;
    assert_eq!((last.bytes_done, last.total_bytes, last.percent), (300_000, 300_000, 100.0));
    assert!(upload_part_requests(&emulator.requests(), None).is_empty(), "one PutObject, no parts");
}

#[tokio::test]
async fn a_100_mb_video_goes_up_in_5_mib_parts_and_arrives_intact() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "video@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    let size = 100_000_000;
    write_file(&video, size, 2);
    let reports = Reports::default();

    let started = Instant::now();
    let outcome = family
        .transfers
        .upload_file(
            "videos/run-1_final.mp4",
            &video,
            "video/mp4",
            &UploadControl::new(),
            &MemoryUploadState::new(),
            &|p| reports.push(p),
        )
        .await
        .expect("upload");
    let elapsed = started.elapsed();

    let report = completed(outcome);
    assert_eq!((report.part_count, report.parts_sent, report.bytes_sent), (20, 20, size));
    assert_eq!(object_sha256(&emulator, &report.key).await, file_sha256(&video));
    let mut parts: Vec<u32> = upload_part_requests(&emulator.requests(), None)
        .into_iter()
        .map(|(number, status)| {
            assert_eq!(status, 200, "part {number}");
            number
        })
        .collect();
    parts.sort_unstable();
    assert_eq!(parts, (1..=20).collect::<Vec<_>>(), "every part sent exactly once");
    assert!(pending_uploads(&emulator, &family.identity_id).await.is_empty());
    let head = emulator
        .admin_s3()
        .head_object()
        .bucket(&emulator.config.bucket)
        .key(&report.key)
        .checksum_mode(ChecksumMode::Enabled)
        .send()
        .await
        .expect("head");
    let stored = head.checksum_crc32().expect("a CRC32 multipart upload");
    assert_eq!(stored.split('-').next(), Some(composite_crc32(&video, MIN_PART_SIZE).as_str()));

    let reports = reports.all();
    let (_, last) = reports.last().expect("reports");
    assert_eq!((last.bytes_done, last.total_bytes, last.percent), (size, size, 100.0));
    assert!(last.bytes_per_second > 0.0);
    let last_part = size - 19 * MIN_PART_SIZE;
    let between: Vec<&TransferProgress> =
        reports.iter().map(|(_, p)| p).filter(|p| p.bytes_done > 0 && p.bytes_done < size).collect();
    // Reports are paced to one every 100 ms: an upload this fast on an idle computer gives one
    // or two on the way, a slower one more.
    let paced = ((elapsed.as_millis() / 100) as usize).saturating_sub(2).clamp(1, 3);
    assert!(
        between.len() >= paced,
        "progress was reported while the parts went up in {elapsed:?}: {reports:?}"
    );
    for progress in &between {
        let done = progress.bytes_done;
        assert!(
            done % MIN_PART_SIZE == 0 || done.checked_sub(last_part).is_some_and(|d| d % MIN_PART_SIZE == 0),
            "reported when a part finished, not at {done}"
        );
    }
    assert!(reports.windows(2).all(|w| w[0].1.bytes_done <= w[1].1.bytes_done), "never goes back");
    for pair in reports[..reports.len() - 1].windows(2) {
        let gap = pair[1].0 - pair[0].0;
        assert!(gap >= Duration::from_millis(95), "two reports {gap:?} apart");
    }
    let most = 2 + (elapsed.as_millis() / 100) as usize + 1;
    assert!(reports.len() <= most, "{} reports in {elapsed:?}", reports.len());
}

#[tokio::test]
async fn a_paused_upload_resumes_in_a_new_session_and_sends_only_the_missing_parts() {
    let emulator = emulator().await;
    let email = "pause@example.org";
    let notes = emulator.subdir("upload-notes");
    let video = emulator.subdir("files").join("final.mp4");
    let size = TEN_PARTS;
    write_file(&video, size, 3);

    let first = family_on(&emulator, email, "app", true).await;
    let control = UploadControl::new();
    let pause_button = control.clone();
    let outcome = first
        .transfers
        .clone()
        .with_parts_in_flight(2)
        .upload_file(
            "videos/run-2_final.mp4",
            &video,
            "video/mp4",
            &control,
            &FileUploadState::new(&notes),
            &move |p: TransferProgress| {
                if p.bytes_done > 0 {
                    pause_button.pause();
                }
            },
        )
        .await
        .expect("paused, not failed");
    let UploadOutcome::Paused { bytes_done, total_bytes } = outcome else { panic!("{outcome:?}") };
    assert_eq!(total_bytes, size);
    assert!(bytes_done >= MIN_PART_SIZE && bytes_done < size, "{bytes_done}");

    let key = format!("{}/videos/run-2_final.mp4", first.identity_id);
    let noted = FileUploadState::new(&notes).load(&key).expect("notes").expect("the upload is noted");
    let pending = pending_uploads(&emulator, &first.identity_id).await;
    assert_eq!(pending, vec![(key.clone(), noted.upload_id.clone())], "the upload is kept in the cloud");
    let held = parts_on_server(&emulator, &key, &noted.upload_id).await;
    assert_eq!(held, noted.parts.iter().map(|p| p.number).collect(), "notes match what the cloud holds");
    assert!(!emulator.object_exists(&key).await);
    drop(first);

    // The app starts again: a new session and new transfers, the same notes folder.
    let second = family_on(&emulator, email, "app-after-restart", false).await;
    let reports = Reports::default();
    let outcome = second
        .transfers
        .upload_file(
            "videos/run-2_final.mp4",
            &video,
            "video/mp4",
            &UploadControl::new(),
            &FileUploadState::new(&notes),
            &|p| reports.push(p),
        )
        .await
        .expect("resumed upload");

    let report = completed(outcome);
    assert_eq!(report.part_count, 10);
    assert_eq!(report.parts_sent as usize, 10 - held.len(), "only the missing parts were sent");
    let first_report = reports.all().first().expect("reports").1;
    assert_eq!(first_report.bytes_done, bytes_done, "the resumed upload starts where the first stopped");
    let mut sent: Vec<u32> = upload_part_requests(&emulator.requests(), Some(&noted.upload_id))
        .into_iter()
        .map(|(number, _)| number)
        .collect();
    sent.sort_unstable();
    assert_eq!(sent, (1..=10).collect::<Vec<_>>(), "no part went up twice");
    assert_eq!(object_sha256(&emulator, &key).await, file_sha256(&video));
    assert_eq!(FileUploadState::new(&notes).load(&key).expect("notes"), None, "notes cleared when done");
    assert!(pending_uploads(&emulator, &second.identity_id).await.is_empty());
}

#[tokio::test]
async fn an_upload_killed_mid_way_resumes_from_its_notes() {
    let emulator = emulator().await;
    let notes = emulator.subdir("upload-notes");
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, TEN_PARTS, 4);
    let family = family_on(&emulator, "killed@example.org", "app", true).await;
    let key = format!("{}/videos/run-3_final.mp4", family.identity_id);

    let a_part_done = tokio::sync::Notify::new();
    let transfers = family.transfers.clone().with_parts_in_flight(2);
    let (control, store) = (UploadControl::new(), FileUploadState::new(&notes));
    let progress = |p: TransferProgress| {
        if p.bytes_done > 0 {
            a_part_done.notify_one();
        }
    };
    let upload =
        transfers.upload_file("videos/run-3_final.mp4", &video, "video/mp4", &control, &store, &progress);
    tokio::select! {
        finished = upload => panic!("the upload should have been stopped first: {finished:?}"),
        () = a_part_done.notified() => {}
    }
    let noted = FileUploadState::new(&notes).load(&key).expect("notes").expect("the upload is noted");
    assert!(!noted.parts.is_empty(), "{noted:?}");
    let before = emulator.requests().len();

    let report = completed(
        family
            .transfers
            .upload_file(
                "videos/run-3_final.mp4",
                &video,
                "video/mp4",
                &UploadControl::new(),
                &FileUploadState::new(&notes),
                &ignore_progress,
            )
            .await
            .expect("resumed upload"),
    );

    let resent: BTreeSet<u32> = upload_part_requests(&emulator.requests()[before..], Some(&noted.upload_id))
        .into_iter()
        .map(|(number, _)| number)
        .collect();
    for part in &noted.parts {
        assert!(!resent.contains(&part.number), "part {} was noted and sent again", part.number);
    }
    // The parts in flight when the upload was stopped may reach the emulator's log late; the
    // parts it sent after resuming are among these and are never the noted ones.
    assert!(report.parts_sent as usize <= resent.len(), "{report:?} {resent:?}");
    assert!(report.parts_sent as usize <= 10 - noted.parts.len(), "{report:?} {noted:?}");
    assert_eq!(object_sha256(&emulator, &key).await, file_sha256(&video));
}

#[tokio::test]
async fn a_cancelled_upload_leaves_no_parts_no_notes_and_no_object() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "cancel@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, TEN_PARTS, 5);
    let notes = MemoryUploadState::new();
    let control = UploadControl::new();
    let cancel_button = control.clone();

    let err = family
        .transfers
        .clone()
        .with_parts_in_flight(1)
        .upload_file("videos/run-4_final.mp4", &video, "video/mp4", &control, &notes, &move |p| {
            if p.bytes_done > 0 {
                cancel_button.cancel();
            }
        })
        .await
        .expect_err("cancelled");

    assert_eq!(err.code(), "cancelled");
    assert_eq!(err.to_string(), "The transfer was cancelled.");
    let key = format!("{}/videos/run-4_final.mp4", family.identity_id);
    assert!(pending_uploads(&emulator, &family.identity_id).await.is_empty(), "the upload was aborted");
    assert!(!emulator.object_exists(&key).await);
    assert_eq!(notes.load(&key).expect("notes"), None);
    let requests = emulator.requests();
    assert!(requests.iter().any(|r| r.method == "DELETE" && query_value(&r.target, "uploadId").is_some()));
}

#[tokio::test]
async fn credentials_that_expire_mid_upload_are_renewed_and_the_upload_completes() {
    let emulator = Arc::new(emulator().await);
    let family = family_on(&emulator, "expiry@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, TEN_PARTS, 6);
    let expired_once = std::sync::atomic::AtomicBool::new(false);

    let expire = {
        let emulator = emulator.clone();
        move |p: TransferProgress| {
            if p.bytes_done > 0 && !expired_once.swap(true, std::sync::atomic::Ordering::SeqCst) {
                // Every key issued so far stops working before the next parts go out.
                let emulator = emulator.clone();
                std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
                    runtime.block_on(emulator.expire_credentials());
                })
                .join()
                .expect("the credentials expired");
            }
        }
    };
    let report = completed(
        family
            .transfers
            .clone()
            .with_parts_in_flight(1)
            .upload_file(
                "videos/run-5_final.mp4",
                &video,
                "video/mp4",
                &UploadControl::new(),
                &MemoryUploadState::new(),
                &expire,
            )
            .await
            .expect("the upload survives expired credentials"),
    );

    let parts = upload_part_requests(&emulator.requests(), None);
    assert!(parts.iter().any(|(_, status)| *status == 400), "a part was refused as expired: {parts:?}");
    let accepted: BTreeSet<u32> = parts.iter().filter(|(_, s)| *s == 200).map(|(n, _)| *n).collect();
    assert_eq!(accepted, (1..=10).collect(), "every part was accepted in the end");
    assert_eq!(object_sha256(&emulator, &report.key).await, file_sha256(&video));
    let signers = emulator.signers().await;
    let s3_keys = signers["s3"].as_array().expect("S3 signers");
    assert!(s3_keys.len() >= 2, "new keys signed after the expiry: {signers}");
}

#[tokio::test]
async fn a_download_arrives_whole_and_a_missing_object_leaves_the_old_file_alone() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "download@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, 12_000_000, 7);
    upload_to_the_end(&family, "videos/run-6_final.mp4", &video, &MemoryUploadState::new()).await;
    let library = emulator.subdir("library");
    let dest = library.join("nested").join("run-6.mp4");
    let reports = Reports::default();

    let written = family
        .transfers
        .download_file("videos/run-6_final.mp4", &dest, &|p| reports.push(p))
        .await
        .expect("download");

    assert_eq!(written, 12_000_000);
    assert_eq!(file_sha256(&dest), file_sha256(&video));
    assert_eq!(files_in(dest.parent().expect("folder")), vec![PathBuf::from("run-6.mp4")]);
    let last = reports.all().last().expect("reports").1;
    assert_eq!((last.bytes_done, last.percent), (12_000_000, 100.0));

    let kept = library.join("kept.mp4");
    std::fs::write(&kept, b"the copy already here").expect("write");
    let err = family
        .transfers
        .download_file("videos/no-such-run.mp4", &kept, &ignore_progress)
        .await
        .expect_err("no such object");
    assert_eq!(err.code(), "service", "{err}");
    assert_eq!(std::fs::read(&kept).expect("read"), b"the copy already here");
    assert_eq!(files_in(&library), vec![PathBuf::from("kept.mp4"), PathBuf::from("nested")]);
}

fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("list the folder")
        .map(|entry| PathBuf::from(entry.expect("entry").file_name()))
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_cut_off_by_the_cloud_leaves_no_file_and_no_temporary_file() {
    let mut emulator = emulator().await;
    let family = family_on(&emulator, "cutoff@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, 40_000_000, 8);
    upload_to_the_end(&family, "videos/run-7_final.mp4", &video, &MemoryUploadState::new()).await;
    let library = emulator.subdir("library");
    let dest = library.join("run-7.mp4");

    // The answer starts, then the download waits until the cloud is gone.
    let (arrived_tx, arrived_rx) = tokio::sync::oneshot::channel::<()>();
    let (gone_tx, gone_rx) = std::sync::mpsc::channel::<()>();
    let arrived_tx = Mutex::new(Some(arrived_tx));
    let gone_rx = Mutex::new(gone_rx);
    let transfers = family.transfers.clone();
    let download_dest = dest.clone();
    let download = tokio::spawn(async move {
        transfers
            .download_file("videos/run-7_final.mp4", &download_dest, &move |_: TransferProgress| {
                if let Some(tx) = arrived_tx.lock().expect("lock").take() {
                    let _ = tx.send(());
                    let _ = gone_rx.lock().expect("lock").recv_timeout(Duration::from_secs(30));
                }
            })
            .await
    });
    arrived_rx.await.expect("the answer started");
    emulator.stop();
    gone_tx.send(()).expect("the download is waiting");

    let err = download.await.expect("the download task").expect_err("the cloud went away");
    assert_eq!(err.code(), "network", "{err}");
    assert!(!dest.exists());
    assert!(files_in(&library).is_empty(), "{:?}", files_in(&library));
}

#[tokio::test]
async fn deleting_under_a_prefix_removes_everything_there_and_nothing_else() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "tidy@example.org", "app", true).await;
    let admin = emulator.admin_s3();
    let bucket = &emulator.config.bucket;
    let put = |key: String| {
        let admin = admin.clone();
        async move {
            admin
                .put_object()
                .bucket(bucket)
                .key(&key)
                .body(key.as_bytes().to_vec().into())
                .send()
                .await
                .unwrap_or_else(|err| panic!("put {key}: {err:?}"));
        }
    };
    // More than one page of listing and more than one DeleteObjects batch.
    for n in 0..1_003 {
        put(format!("{}/images/run-8_scene_{n}.png", family.identity_id)).await;
    }
    for kept in ["images-old/keep.png", "videos/run-8_final.mp4"] {
        put(format!("{}/{kept}", family.identity_id)).await;
    }
    put("eu-west-1:someone-else/images/theirs.png".into()).await;
    let unfinished = admin
        .create_multipart_upload()
        .bucket(bucket)
        .key(format!("{}/images/run-8_big.png", family.identity_id))
        .send()
        .await
        .expect("an unfinished upload");
    assert_eq!(family.transfers.list_keys("images/").await.expect("list").len(), 1_003);

    let deleted = family.transfers.delete_objects_under("images/").await.expect("delete");

    assert_eq!(deleted, 1_003);
    assert!(family.transfers.list_keys("images/").await.expect("list").is_empty());
    let mut left = family.transfers.list_keys("").await.expect("list");
    left.sort();
    assert_eq!(left, vec!["images-old/keep.png", "videos/run-8_final.mp4"]);
    assert!(emulator.object_exists("eu-west-1:someone-else/images/theirs.png").await);
    let pending = pending_uploads(&emulator, &family.identity_id).await;
    assert!(
        pending.iter().all(|(_, id)| Some(id.as_str()) != unfinished.upload_id()),
        "the unfinished upload under the prefix was aborted: {pending:?}"
    );
}

#[tokio::test]
async fn deleting_everything_of_a_family_leaves_other_families_alone() {
    let emulator = emulator().await;
    let leaving = family_on(&emulator, "leaving@example.org", "app", true).await;
    let staying = family_on(&emulator, "staying@example.org", "other-computer", true).await;
    assert_ne!(leaving.identity_id, staying.identity_id);
    let file = emulator.subdir("files").join("drawing.png");
    write_file(&file, 1_000, 9);
    for family in [&leaving, &staying] {
        for key in ["drawings/run-9.png", "videos/run-9_final.mp4"] {
            family
                .transfers
                .upload_file(
                    key,
                    &file,
                    "image/png",
                    &UploadControl::new(),
                    &MemoryUploadState::new(),
                    &ignore_progress,
                )
                .await
                .expect("upload");
        }
    }

    let refused = leaving.transfers.delete_objects_under("").await.expect_err("an empty prefix");
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(leaving.transfers.list_keys("").await.expect("list").len(), 2);

    assert_eq!(leaving.transfers.delete_everything_of_this_family().await.expect("delete"), 2);
    assert!(leaving.transfers.list_keys("").await.expect("list").is_empty());
    let mut theirs = staying.transfers.list_keys("").await.expect("list");
    theirs.sort();
    assert_eq!(theirs, vec!["drawings/run-9.png", "videos/run-9_final.mp4"]);
}

#[tokio::test]
async fn a_key_that_leaves_the_family_folder_is_refused_before_any_call() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "escape@example.org", "app", true).await;
    let file = emulator.subdir("files").join("drawing.png");
    write_file(&file, 1_000, 10);
    let notes = MemoryUploadState::new();
    let requests_before = emulator.requests().len();

    for key in ["../x", "drawings/../../x", "/drawings/x.png", "", "drawings//x.png"] {
        let err = family
            .transfers
            .upload_file(key, &file, "image/png", &UploadControl::new(), &notes, &ignore_progress)
            .await
            .expect_err(key);
        assert_eq!(err.code(), "invalid_input", "{key:?}");
        let dest = emulator.subdir("downloads").join("x.png");
        let err = family.transfers.download_file(key, &dest, &ignore_progress).await.expect_err(key);
        assert_eq!(err.code(), "invalid_input", "{key:?}");
    }
    for prefix in ["../", "..", "/", "videos/../.."] {
        assert_eq!(
            family.transfers.delete_objects_under(prefix).await.expect_err(prefix).code(),
            "invalid_input"
        );
        assert_eq!(family.transfers.list_keys(prefix).await.expect_err(prefix).code(), "invalid_input");
    }

    let requests = emulator.requests();
    assert_eq!(requests.len(), requests_before, "no request went out: {:?}", &requests[requests_before..]);
}

#[tokio::test]
async fn a_file_changed_since_its_upload_began_starts_over() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "changed@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, TEN_PARTS, 11);
    let notes = MemoryUploadState::new();
    let old = paused_after_a_part(&family, "videos/run-10_final.mp4", &video, &notes).await.upload_id;
    let key = format!("{}/videos/run-10_final.mp4", family.identity_id);

    write_file(&video, 26_000_000, 12); // the parent re-rendered the video
    let report = upload_to_the_end(&family, "videos/run-10_final.mp4", &video, &notes).await;

    assert_eq!((report.part_count, report.parts_sent), (5, 5), "nothing of the old file was reused");
    assert_eq!(object_sha256(&emulator, &key).await, file_sha256(&video));
    assert!(pending_uploads(&emulator, &family.identity_id).await.is_empty(), "the old upload was aborted");
    let aborted = emulator
        .requests()
        .into_iter()
        .any(|r| r.method == "DELETE" && query_value(&r.target, "uploadId") == Some(old.as_str()));
    assert!(aborted);
}

#[tokio::test]
async fn an_upload_the_cloud_no_longer_knows_starts_over() {
    let emulator = emulator().await;
    let family = family_on(&emulator, "forgotten@example.org", "app", true).await;
    let video = emulator.subdir("files").join("final.mp4");
    write_file(&video, TEN_PARTS, 13);
    let notes = MemoryUploadState::new();
    let noted = paused_after_a_part(&family, "videos/run-11_final.mp4", &video, &notes).await;
    let key = format!("{}/videos/run-11_final.mp4", family.identity_id);
    // A lifecycle rule (or anyone) aborted it in the cloud meanwhile.
    emulator
        .admin_s3()
        .abort_multipart_upload()
        .bucket(&emulator.config.bucket)
        .key(&key)
        .upload_id(&noted.upload_id)
        .send()
        .await
        .expect("abort");

    let report = upload_to_the_end(&family, "videos/run-11_final.mp4", &video, &notes).await;

    assert_eq!((report.part_count, report.parts_sent), (10, 10));
    assert_eq!(object_sha256(&emulator, &key).await, file_sha256(&video));
    assert_eq!(notes.load(&key).expect("notes"), None);
}
