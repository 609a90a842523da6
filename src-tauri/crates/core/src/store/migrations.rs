//! Schema versions, applied in order inside one transaction each (tracked by `user_version`).

use rusqlite::{Connection, TransactionBehavior};

use crate::CoreError;

const MIGRATIONS: &[&str] = &[
    // 1: drawings, runs, library, settings.
    r#"
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
    "#,
    // 2: the parent's original upload is no longer kept (its EXIF can hold the family's home);
    //    a drawing records the upright size of the picture it came from instead. The size is
    //    the normalized one here; the core then reads any originals still on disk for the true
    //    size before deleting them.
    r#"
    ALTER TABLE drawings ADD COLUMN source_width INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE drawings ADD COLUMN source_height INTEGER NOT NULL DEFAULT 0;
    UPDATE drawings SET source_width = width, source_height = height;
    ALTER TABLE drawings DROP COLUMN original_path;
    "#,
    // 3: the family's cloud. `outbox` holds the changes that must reach it, written in the same
    //    transaction as each change; `cloud_objects` what was already uploaded (its content
    //    hash, and the size and time of the file it was last checked on), so a file is sent once; `uploads` the state of multipart uploads, so one resumes after a restart.
    //    A library entry records the account it belongs to and the cloud version it was last
    //    synced at (NULL: never).
    r#"
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX outbox_by_owner ON outbox(owner, seq);
    CREATE TABLE cloud_objects (
        owner TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        stamp TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (owner, key)
    );
    CREATE TABLE uploads (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL
    );
    ALTER TABLE library ADD COLUMN owner TEXT;
    ALTER TABLE library ADD COLUMN cloud_version INTEGER;
    "#,
    // 4: which engine wrote the run's story (this computer's or the family's service), so the
    //    Script step can say so after the app is reopened.
    r#"
    ALTER TABLE runs ADD COLUMN story_engine TEXT NOT NULL DEFAULT 'on_device';
    "#,
];

/// Brings the schema up to date. Each step runs in an IMMEDIATE transaction that reads the
/// version again once it holds the write lock, so several processes opening a fresh store at the
/// same moment apply each step exactly once (the others wait, then find it done).
pub fn migrate(connection: &mut Connection) -> Result<(), CoreError> {
    let latest = MIGRATIONS.len() as i64;
    loop {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if current > latest {
            return Err(CoreError::StoreTooNew { found: current });
        }
        let Some(sql) = usize::try_from(current).ok().and_then(|index| MIGRATIONS.get(index)) else {
            return Ok(());
        };
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", current + 1)?;
        transaction.commit()?;
        tracing::info!(version = current + 1, "store migrated");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut connection = Connection::open_in_memory().expect("memory db");
        migrate(&mut connection).expect("first");
        migrate(&mut connection).expect("second");
        let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_store_from_a_newer_app_is_refused() {
        let mut connection = Connection::open_in_memory().expect("memory db");
        connection.pragma_update(None, "user_version", 99).expect("set");
        assert!(matches!(migrate(&mut connection), Err(CoreError::StoreTooNew { found: 99 })));
    }
}
