//! Earlier versions kept the parent's original upload next to the drawing; opening their store
//! records each original's upright size on its drawing and then deletes every original.

use std::fs;

use nocomelon_core::{Core, DataDir};

/// The first schema, as earlier versions created it.
const FIRST_SCHEMA: &str = r#"
    CREATE TABLE drawings (
        id TEXT PRIMARY KEY,
        original_name TEXT NOT NULL,
        format TEXT NOT NULL,
        original_path TEXT NOT NULL,
        normalized_path TEXT NOT NULL,
        thumbnail_path TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        drawing_id TEXT NOT NULL REFERENCES drawings(id),
        stage TEXT NOT NULL,
        analysis TEXT,
        customization TEXT,
        script TEXT,
        media TEXT NOT NULL DEFAULT '{}',
        checkpoint TEXT NOT NULL DEFAULT '{}',
        story_seed INTEGER NOT NULL DEFAULT 0,
        library_entry_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX runs_by_update ON runs(updated_at);
    CREATE TABLE library (
        id TEXT PRIMARY KEY,
        run_id TEXT,
        title TEXT NOT NULL,
        video_path TEXT NOT NULL,
        thumbnail_path TEXT NOT NULL,
        duration_sec REAL NOT NULL,
        style TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX library_by_creation ON library(created_at);
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    PRAGMA user_version = 1;
"#;

#[test]
fn opening_an_old_store_records_the_originals_sizes_and_deletes_them() {
    let root = tempfile::tempdir().expect("data dir");
    let originals = root.path().join("media/originals");
    fs::create_dir_all(&originals).expect("originals folder");
    let old = rusqlite::Connection::open(root.path().join("nocomelon.sqlite3")).expect("old store");
    old.execute_batch(FIRST_SCHEMA).expect("first schema");
    let insert = |id: &str, format: &str, original: &str, width: u32, height: u32| {
        old.execute(
            "INSERT INTO drawings VALUES (?1, 'drawing', ?2, ?3, ?4, ?5, ?6, ?7, '2026-01-01T00:00:00Z')",
            rusqlite::params![
                id,
                format,
                original,
                format!("media/drawings/{id}.png"),
                format!("media/thumbnails/{id}.jpg"),
                width,
                height
            ],
        )
        .expect("a drawing row");
    };
    // The phone photo is stored landscape with "turn clockwise" in its EXIF.
    let garlic = "a".repeat(64);
    fs::write(originals.join(format!("{garlic}.jpg")), fixtures::read("garlic-photo.png")).expect("original");
    insert(&garlic, "jpeg", &format!("media/originals/{garlic}.jpg"), 1536, 2048);
    // This one's original is already gone: its normalized size is all there is.
    let pig = "b".repeat(64);
    insert(&pig, "png", &format!("media/originals/{pig}.png"), 600, 450);
    // An original no drawing names any more.
    fs::write(originals.join(format!("{}.png", "c".repeat(64))), fixtures::read("pig.png")).expect("stray");
    drop(old);

    let core = Core::open(DataDir::at(root.path().to_path_buf()).expect("data dir")).expect("core opens");
    let photo = core.store().drawing(&garlic).expect("garlic");
    assert_eq!((photo.source_width, photo.source_height), (3024, 4032), "read from the original, upright");
    let kept = core.store().drawing(&pig).expect("pig");
    assert_eq!((kept.source_width, kept.source_height), (600, 450));
    assert!(!originals.exists(), "every original is deleted");

    let store = rusqlite::Connection::open(root.path().join("nocomelon.sqlite3")).expect("store");
    let columns: Vec<String> = store
        .prepare("SELECT name FROM pragma_table_info('drawings')")
        .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
        .expect("columns");
    assert!(!columns.iter().any(|c| c == "original_path"), "{columns:?}");
    assert!(columns.iter().any(|c| c == "source_width"), "{columns:?}");

    drop(core);
    let again = Core::open(DataDir::at(root.path().to_path_buf()).expect("data dir")).expect("opens again");
    assert_eq!(again.store().drawing(&garlic).expect("garlic").source_width, 3024);
}
