//! Getting drawings in through the core: stored once, upright, and bad files change nothing.

mod support;

use std::fs;

use support::{fixture, media_files, open_core};

#[test]
fn a_phone_photo_named_png_is_stored_upright_and_its_original_is_not_kept() {
    let test = open_core();
    let source = fixture("garlic-photo.png");
    let ingested = test.core.ingest_file(&source).expect("garlic photo is accepted");
    let drawing = &ingested.drawing;
    assert!(!ingested.duplicate);
    assert_eq!(drawing.format, model::ImageFormat::Jpeg, "sniffed from the bytes, not the name");
    assert!(
        drawing.height > drawing.width,
        "EXIF orientation 6 makes it portrait: {}x{}",
        drawing.width,
        drawing.height
    );
    assert_eq!(drawing.width.max(drawing.height), 2048);
    assert_eq!((drawing.source_width, drawing.source_height), (3024, 4032), "the photo's own size, upright");
    let stored = media_files(&test);
    assert_eq!(stored.len(), 2, "the normalized copy and the thumbnail, nothing else: {stored:?}");
    let original = fs::read(&source).expect("source");
    for file in hostile_files::inspect::files_under(test.dir.path()) {
        let bytes = fs::read(&file).expect("a stored file");
        assert_ne!(bytes, original, "{} is a copy of the original", file.display());
    }
    let normalized = image::open(&drawing.normalized_path).expect("normalized PNG opens");
    assert_eq!((normalized.width(), normalized.height()), (drawing.width, drawing.height));
    assert!(image::open(&drawing.thumbnail_path).is_ok(), "thumbnail is a readable image");
}

#[test]
fn the_same_drawing_dropped_twice_is_stored_once() {
    let test = open_core();
    let first = test.core.ingest_paths(&[fixture("pig.png")]);
    let files_after_first = media_files(&test);
    let second = test.core.ingest_paths(&[fixture("pig.png")]);
    assert!(first[0].error.is_none() && !first[0].duplicate);
    assert!(second[0].duplicate, "second drop is recognised as the same drawing");
    assert_eq!(media_files(&test), files_after_first, "no file was stored twice");
    let runs = test.core.runs_in_progress().expect("runs");
    assert_eq!(runs.len(), 2, "each drop still starts its own storybook");
}

#[test]
fn several_drawings_dropped_at_once_start_one_run_each() {
    let test = open_core();
    let outcomes =
        test.core.ingest_paths(&[fixture("pig.png"), fixture("boy-purple.png"), fixture("girl-pencil.png")]);
    assert!(outcomes.iter().all(|o| o.error.is_none()), "{outcomes:?}");
    let run_ids: std::collections::HashSet<_> =
        outcomes.iter().map(|o| o.run.as_ref().expect("run").id.clone()).collect();
    assert_eq!(run_ids.len(), 3);
    assert_eq!(
        outcomes.iter().map(|o| o.source.as_str()).collect::<Vec<_>>(),
        ["pig.png", "boy-purple.png", "girl-pencil.png"]
    );
}

#[test]
fn bad_files_get_a_plain_message_and_change_nothing() {
    let test = open_core();
    let scratch = tempfile::tempdir().expect("scratch");
    let png = fs::read(fixture("pig.png")).expect("pig");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.png", Vec::new(), "empty_file"),
        ("notes.png", b"Shopping list: milk, eggs, crayons\n".to_vec(), "unsupported_format"),
        ("half.png", png[..png.len() / 2].to_vec(), "truncated_image"),
        ("scan.png", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(), "unsupported_format"),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in &cases {
        let path = scratch.path().join(name);
        fs::write(&path, bytes).expect("write case");
        paths.push(path);
    }
    paths.push(scratch.path().to_path_buf());
    let outcomes = test.core.ingest_paths(&paths);
    for ((name, _, code), outcome) in cases.iter().zip(&outcomes) {
        let error = outcome.error.as_ref().unwrap_or_else(|| panic!("{name} must be refused"));
        assert_eq!(&error.code, code, "{name}: {}", error.message);
        assert!(outcome.run.is_none());
        assert!(
            !error.message.contains("Error") && !error.message.contains('{'),
            "plain words: {}",
            error.message
        );
    }
    let folder = outcomes.last().and_then(|o| o.error.as_ref()).expect("a folder is refused");
    assert_eq!(folder.code, "folder_not_file");
    assert!(media_files(&test).is_empty(), "nothing stored: {:?}", media_files(&test));
    assert!(test.core.runs_in_progress().expect("runs").is_empty());
}

#[test]
fn a_missing_file_is_reported_not_fatal() {
    let test = open_core();
    let outcomes = test.core.ingest_paths(&["/nonexistent/drawing.png"]);
    let error = outcomes[0].error.as_ref().expect("refused");
    assert_eq!(error.code, "unreadable_file");
    assert!(error.message.contains("drawing.png"), "{}", error.message);
}
