//! Schema versions, applied in order inside one transaction each (tracked by `user_version`).

use rusqlite::Connection;

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
];

pub fn migrate(connection: &mut Connection) -> Result<(), CoreError> {
    let current: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let latest = MIGRATIONS.len() as i64;
    if current > latest {
        return Err(CoreError::StoreTooNew { found: current });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
        transaction.commit()?;
        tracing::info!(version = index + 1, "store migrated");
    }
    Ok(())
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
