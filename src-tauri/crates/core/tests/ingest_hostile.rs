//! Hostile files through the core: every case of the generated corpus gets its answer, a
//! refusal leaves no drawing, run or file behind, paths that aren't files are refused at once,
//! and the family's home (GPS in EXIF, an address in a note) is in no file the core wrote.

mod support;

use std::path::Path;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use hostile_files::{corpus, inspect, special, Expect, Weight, HOME_MARKER};
use nocomelon_core::api::IngestOutcome;
use support::{media_files, open_core, TestCore};

/// What a refusal must leave exactly as it was.
#[derive(Debug, PartialEq)]
struct Footprint {
    media: Vec<String>,
    runs: usize,
    drawings: i64,
}

fn footprint(test: &TestCore) -> Footprint {
    let database = rusqlite::Connection::open(test.dir.path().join("nocomelon.sqlite3")).expect("the store");
    let drawings = database.query_row("SELECT COUNT(*) FROM drawings", [], |row| row.get(0)).expect("count");
    Footprint { media: media_files(test), runs: test.core.runs_in_progress().expect("runs").len(), drawings }
}

/// A refusal in plain words: a sentence, no debug output.
fn assert_plain(message: &str) {
    assert!(message.len() > 20 && message.ends_with('.'), "not a sentence: {message:?}");
    for noise in ["{", "}", "::", "Error", "Os {", "kind:", "Some(", "errno"] {
        assert!(!message.contains(noise), "debug noise {noise:?} in {message:?}");
    }
}

/// Ingests `path` on another thread and fails the test, instead of hanging it, when that takes
/// longer than a blocked read could be mistaken for.
fn ingest_with_deadline(test: &Arc<TestCore>, path: &Path) -> IngestOutcome {
    let (sender, receiver) = mpsc::channel();
    let worker = Arc::clone(test);
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = sender.send(worker.core.ingest_paths(&[owned]).remove(0));
    });
    receiver
        .recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("ingesting {} did not return within 20 s", path.display()))
}

fn check(test: &TestCore, what: &str, expect: Expect, outcome: &IngestOutcome, before: &Footprint) {
    match (expect, &outcome.error, &outcome.run) {
        (Expect::Accepted { width, height }, None, Some(run)) => {
            let drawing = test.core.run(&run.id).expect("the new run").drawing;
            assert_eq!((drawing.width, drawing.height), (width, height), "{what}");
            let normalized = std::fs::read(&drawing.normalized_path).expect("the normalized copy");
            assert_eq!(
                inspect::png_metadata_chunk(&normalized),
                None,
                "{what}: metadata in the normalized copy"
            );
            let thumbnail = std::fs::read(&drawing.thumbnail_path).expect("the thumbnail");
            assert_eq!(inspect::jpeg_metadata_segment(&thumbnail), None, "{what}: metadata in the thumbnail");
        }
        (Expect::Refused(code), Some(problem), None) => {
            assert_eq!(problem.code, code, "{what}: {}", problem.message);
            assert_plain(&problem.message);
            assert_eq!(&footprint(test), before, "{what}: a refusal left something behind");
        }
        (expect, error, run) => panic!("{what}: expected {expect:?}, got error {error:?} and run {run:?}"),
    }
}

#[test]
fn every_light_case_gets_its_answer_and_a_refusal_leaves_nothing_behind() {
    let test = open_core();
    let scratch = tempfile::tempdir().expect("scratch");
    for case in corpus().into_iter().filter(|case| case.weight == Weight::Light) {
        let path = scratch.path().join(case.name);
        std::fs::write(&path, case.bytes()).expect("write the case");
        let before = footprint(&test);
        let outcome = test.core.ingest_paths(&[&path]).remove(0);
        check(&test, &format!("{case:?}"), case.expect, &outcome, &before);
    }
}

#[test]
fn pasted_hostile_bytes_are_refused_the_same_way() {
    let test = open_core();
    for case in corpus()
        .into_iter()
        .filter(|case| matches!(case.name, "iccp-bomb.png" | "bomb.png" | "line.png" | "note.png"))
    {
        let before = footprint(&test);
        let outcome = test.core.ingest_pasted(&case.bytes(), "Pasted picture");
        check(&test, &format!("pasted {case:?}"), case.expect, &outcome, &before);
    }
}

#[test]
fn the_familys_home_is_in_no_file_the_core_wrote() {
    let test = open_core();
    let scratch = tempfile::tempdir().expect("scratch");
    let carriers: Vec<_> = corpus()
        .into_iter()
        .filter(|case| case.name.starts_with("gps") || case.name == "exif-flood.webp")
        .collect();
    assert!(carriers.len() >= 4, "the corpus has GPS cases");
    for case in &carriers {
        let bytes = case.bytes();
        assert!(inspect::contains(&bytes, HOME_MARKER), "{case:?} carries the marker");
        let path = scratch.path().join(case.name);
        std::fs::write(&path, bytes).expect("write the case");
        let outcome = test.core.ingest_paths(&[&path]).remove(0);
        assert!(outcome.error.is_none(), "{case:?}: {:?}", outcome.error);
    }
    // GPSLatitude 48/1 51/1 as EXIF stores it.
    let latitude = [0, 0, 0, 48, 0, 0, 0, 1, 0, 0, 0, 51, 0, 0, 0, 1];
    let written = inspect::files_under(test.dir.path());
    assert!(written.len() >= carriers.len() * 2, "{written:?}");
    for file in written {
        let bytes = std::fs::read(&file).expect("a file the core wrote");
        assert!(!inspect::contains(&bytes, HOME_MARKER), "{} holds the home's address", file.display());
        assert!(!inspect::contains(&bytes, &latitude), "{} holds the GPS latitude", file.display());
    }
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_picture_files_are_refused_at_once() {
    let test = Arc::new(open_core());
    let picture = hostile_files::png::encode(image::DynamicImage::ImageRgb8(hostile_files::marked(96, 64)));
    let specials = special::make(&picture, (96, 64));
    let words = [
        ("a pipe", "pipe"),
        ("a socket", "socket"),
        ("the endless zero device", "device"),
        ("a link to the zero device", "device"),
        ("a folder", "folder"),
        ("a link to a pipe", "pipe"),
        ("a link to nothing", "isn't there any more"),
        ("a missing file", "isn't there any more"),
    ];
    for case in &specials.cases {
        let before = footprint(&test);
        let outcome = ingest_with_deadline(&test, &case.path);
        check(&test, case.name, case.expect, &outcome, &before);
        if let Some((_, said)) = words.iter().find(|(name, _)| *name == case.name) {
            let message = outcome.error.as_ref().map(|problem| problem.message.as_str()).unwrap_or_default();
            assert!(message.contains(said), "{}: {message:?} should say {said:?}", case.name);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_file_this_user_may_not_read_is_refused_in_plain_words() {
    let test = Arc::new(open_core());
    let picture = hostile_files::png::encode(image::DynamicImage::ImageRgb8(hostile_files::marked(96, 64)));
    let specials = special::make(&picture, (96, 64));
    let locked: Vec<_> = specials
        .cases
        .iter()
        .filter(|case| case.name.contains("permission") || case.name.contains("searched"))
        .collect();
    assert_eq!(locked.len(), 2);
    for case in locked {
        let outcome = ingest_with_deadline(&test, &case.path);
        if special::reads_everything() {
            // This user (root) reads any file whatever its permissions, so the picture is taken.
            assert!(outcome.error.is_none(), "{}: {:?}", case.name, outcome.error);
        } else {
            let problem = outcome.error.expect("refused");
            assert_eq!(problem.code, "unreadable_file");
            assert!(
                problem.message.contains("isn't allowed to read it"),
                "{}: {}",
                case.name,
                problem.message
            );
        }
    }
}
