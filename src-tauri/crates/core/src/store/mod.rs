//! The local SQLite store: every drawing, run and library entry on this computer.
//!
//! WAL journal with full sync, one transaction per change: a process killed at any moment
//! leaves the database at the last completed change.

mod drawings;
mod library;
mod migrations;
mod outbox;
mod runs;
mod settings;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::CoreError;

pub use library::{CloudEntry, Filed};
pub use outbox::{OutboxHead, OutboxItem, OutboxKind, OutboxSummary};
pub use runs::{RunRecord, RunUpdate};

pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, CoreError> {
        create_private(path)?;
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // Several processes setting up a fresh store at once can meet in a lock upgrade (one
        // turning the journal into WAL while another commits a migration); SQLite then answers
        // "busy" at once instead of waiting, to break the deadlock. Each step is safe to repeat.
        let started = std::time::Instant::now();
        loop {
            match set_up(&mut connection) {
                Err(CoreError::Store(rusqlite::Error::SqliteFailure(error, _)))
                    if error.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < SET_UP_PATIENCE =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                done => break done?,
            }
        }
        Ok(Self { connection: Mutex::new(connection) })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite mid-transaction (rusqlite rolls
        // back on drop), so the connection is still usable.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, CoreError> {
        Ok(self.lock().query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

/// How long opening keeps trying while other processes set up the same store.
const SET_UP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

fn set_up(connection: &mut Connection) -> Result<(), CoreError> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    migrations::migrate(connection)
}

/// Creates the database file readable by this user only, before SQLite does: its journal
/// files (`-wal`, `-shm`) take the database file's permissions.
fn create_private(path: &Path) -> Result<(), CoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|source| CoreError::io("open", path, source))
}

/// A unit enum's serde name (`"png"`, `"script"`) as plain column text.
fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => format!("{other:?}"),
    }
}

/// Reads a column written by `enum_text`.
fn enum_from_text<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    column: &str,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::Corrupt { what: e.to_string() })
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, CoreError> {
    serde_json::from_str(text).map_err(|e| {
        tracing::error!(what, error = %e, "stored JSON could not be read");
        CoreError::Corrupt { what: what.to_string() }
    })
}
