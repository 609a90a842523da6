//! Library rows: finished storybooks. Paths are stored relative to the data folder.

use std::collections::HashSet;
use std::path::Path;

use model::{LibraryEntry, Stage, SyncState};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::outbox::{enqueue, owner_in, OutboxKind};
use super::{enum_from_text, enum_text, Store};
use crate::{clock, CoreError};

/// Every library column, and the entry's sync state worked out from its account, its cloud
/// version and its outbox row.
const ENTRY_SELECT: &str = "SELECT library.*,
    (SELECT MIN(outbox.failed) FROM outbox
      WHERE outbox.kind = 'library' AND outbox.subject = library.id AND outbox.owner = library.owner) AS queued
    FROM library";

/// A storybook in the family's cloud, as the sync engine adopts it into this computer's cache.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudEntry {
    pub entry: LibraryEntry,
    pub owner: String,
    pub version: i64,
}

/// What filing a run in the library did.
#[derive(Debug)]
pub enum Filed {
    /// The entry was added and the run marked saved.
    New,
    /// The run was already in the library (saved twice, or by another process meanwhile).
    Already(LibraryEntry),
}

impl Store {
    /// Adds `entry` for its run and marks the run saved, unless the run already has an entry.
    /// `publish` puts the entry's files in place; it runs under the store's write lock, in the
    /// same transaction, so the files and the row appear together and two processes saving the
    /// same run make one entry.
    pub fn file_in_library(
        &self,
        entry: &LibraryEntry,
        publish: &mut dyn FnMut() -> Result<(), CoreError>,
    ) -> Result<Filed, CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(run_id) = &entry.run_id {
            let existing: Option<String> = transaction
                .query_row("SELECT library_entry_id FROM runs WHERE id = ?1", params![run_id], |row| {
                    row.get(0)
                })
                .optional()?
                .ok_or(CoreError::RunNotFound)?;
            if let Some(existing) = existing {
                let found = transaction
                    .query_row(&format!("{ENTRY_SELECT} WHERE id = ?1"), params![existing], entry_from_row)
                    .optional()?;
                if let Some(found) = found {
                    return Ok(Filed::Already(found));
                }
            }
        }
        publish()?;
        let owner = owner_in(&transaction)?;
        transaction.execute(
            "INSERT INTO library (id, run_id, title, video_path, thumbnail_path, duration_sec, style, created_at, updated_at, owner)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                entry.id,
                entry.run_id,
                entry.title,
                entry.video_path,
                entry.thumbnail_path,
                entry.duration_sec,
                enum_text(&entry.style),
                entry.created_at,
                entry.updated_at,
                owner,
            ],
        )?;
        enqueue(&transaction, OutboxKind::Library, &entry.id, serde_json::json!({}))?;
        if let Some(run_id) = &entry.run_id {
            let updated_at: String = transaction.query_row(
                "SELECT updated_at FROM runs WHERE id = ?1",
                params![run_id],
                |row| row.get(0),
            )?;
            transaction.execute(
                "UPDATE runs SET library_entry_id = ?2, stage = ?3, updated_at = ?4 WHERE id = ?1",
                params![run_id, entry.id, enum_text(&Stage::Saved), clock::later_than(&updated_at)],
            )?;
        }
        transaction.commit()?;
        Ok(Filed::New)
    }

    /// Removes folders in `library_dir` that no entry owns (left by a process killed between
    /// putting an entry's files in place and recording it). Runs under the write lock, so a
    /// save in progress elsewhere, which holds that lock from placing its folder to recording
    /// it, is never mistaken for a leftover. Hidden names (partial files) are not touched here.
    pub fn sweep_unowned_library_folders(&self, library_dir: &Path) -> Result<(), CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let owned: HashSet<String> = {
            let mut statement = transaction.prepare("SELECT id FROM library")?;
            let ids = statement.query_map([], |row| row.get(0))?;
            ids.collect::<rusqlite::Result<_>>()?
        };
        if let Ok(entries) = std::fs::read_dir(library_dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') && !owned.contains(&name) {
                    tracing::info!(folder = %name, "removing a library folder no entry owns");
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Newest first.
    pub fn library_entries(&self) -> Result<Vec<LibraryEntry>, CoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(&format!("{ENTRY_SELECT} ORDER BY created_at DESC, id"))?;
        let rows = statement.query_map([], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn library_entry(&self, id: &str) -> Result<LibraryEntry, CoreError> {
        self.lock()
            .query_row(&format!("{ENTRY_SELECT} WHERE id = ?1"), params![id], entry_from_row)
            .optional()?
            .ok_or(CoreError::LibraryEntryNotFound)
    }

    /// Renames the entry; an entry that belongs to an account queues the change for its cloud.
    pub fn rename_library_entry(&self, id: &str, title: &str) -> Result<LibraryEntry, CoreError> {
        {
            let mut connection = self.lock();
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = transaction.execute(
                "UPDATE library SET title = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, title, clock::now_rfc3339()],
            )?;
            if changed == 0 {
                return Err(CoreError::LibraryEntryNotFound);
            }
            enqueue_for_entry(&transaction, id, serde_json::json!({}))?;
            transaction.commit()?;
        }
        self.library_entry(id)
    }

    /// Deletes the entry; an entry that belongs to an account queues its removal from the cloud
    /// (with the run id its cloud files are named after, which cannot be read back later).
    pub fn delete_library_entry(&self, id: &str) -> Result<LibraryEntry, CoreError> {
        let entry = self.library_entry(id)?;
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        enqueue_for_entry(&transaction, id, serde_json::json!({ "run_id": entry.run_id }))?;
        transaction.execute("DELETE FROM library WHERE id = ?1", params![id])?;
        transaction
            .execute("UPDATE runs SET library_entry_id = NULL WHERE library_entry_id = ?1", params![id])?;
        transaction.commit()?;
        Ok(entry)
    }

    /// The account an entry belongs to and the cloud version it was last synced at.
    pub fn library_cloud_state(&self, id: &str) -> Result<(Option<String>, Option<i64>), CoreError> {
        self.lock()
            .query_row("SELECT owner, cloud_version FROM library WHERE id = ?1", params![id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .ok_or(CoreError::LibraryEntryNotFound)
    }

    /// Entries of `owner` with their cloud versions (NULL: never reached the cloud).
    pub fn library_entries_of(&self, owner: &str) -> Result<Vec<(LibraryEntry, Option<i64>)>, CoreError> {
        let connection = self.lock();
        let mut statement =
            connection.prepare(&format!("{ENTRY_SELECT} WHERE owner = ?1 ORDER BY created_at DESC, id"))?;
        let rows = statement
            .query_map(params![owner], |row| Ok((entry_from_row(row)?, row.get("cloud_version")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The cloud now holds the entry at `version`.
    pub fn set_library_cloud_version(&self, id: &str, version: i64) -> Result<(), CoreError> {
        self.lock().execute("UPDATE library SET cloud_version = ?2 WHERE id = ?1", params![id, version])?;
        Ok(())
    }

    /// Takes the cloud's copy of an entry into this computer's cache: a new row, or the title and
    /// version of an existing one. No outbox row: the cloud already has it. `publish` puts its
    /// files in place first, under the same write lock.
    pub fn adopt_cloud_entry(
        &self,
        cloud: &CloudEntry,
        publish: &mut dyn FnMut() -> Result<(), CoreError>,
    ) -> Result<(), CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM library WHERE id = ?1)",
            params![cloud.entry.id],
            |row| row.get(0),
        )?;
        let entry = &cloud.entry;
        if exists {
            transaction.execute(
                "UPDATE library SET title = ?2, updated_at = ?3, cloud_version = ?4, owner = ?5 WHERE id = ?1",
                params![entry.id, entry.title, entry.updated_at, cloud.version, cloud.owner],
            )?;
        } else {
            publish()?;
            transaction.execute(
                "INSERT INTO library (id, run_id, title, video_path, thumbnail_path, duration_sec, style,
                    created_at, updated_at, owner, cloud_version)
                 VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    entry.id,
                    entry.title,
                    entry.video_path,
                    entry.thumbnail_path,
                    entry.duration_sec,
                    enum_text(&entry.style),
                    entry.created_at,
                    entry.updated_at,
                    cloud.owner,
                    cloud.version,
                ],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Removes an entry another computer deleted from the cloud; no outbox row.
    pub fn drop_entry_deleted_elsewhere(&self, id: &str) -> Result<(), CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute("DELETE FROM library WHERE id = ?1", params![id])?;
        transaction
            .execute("UPDATE runs SET library_entry_id = NULL WHERE library_entry_id = ?1", params![id])?;
        transaction.commit()?;
        Ok(())
    }

    /// Files a copy of entry `id` under `copy` (new id, title and files already in place) for the
    /// same account, queued for the cloud: how an edit that lost a race with another computer is
    /// kept instead of dropped.
    pub fn file_conflict_copy(&self, copy: &LibraryEntry) -> Result<(), CoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let owner = owner_in(&transaction)?;
        transaction.execute(
            "INSERT INTO library (id, run_id, title, video_path, thumbnail_path, duration_sec, style, created_at, updated_at, owner)
             VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                copy.id,
                copy.title,
                copy.video_path,
                copy.thumbnail_path,
                copy.duration_sec,
                enum_text(&copy.style),
                copy.created_at,
                copy.updated_at,
                owner,
            ],
        )?;
        enqueue(&transaction, OutboxKind::Library, &copy.id, serde_json::json!({}))?;
        transaction.commit()?;
        Ok(())
    }
}

/// Queues a change of entry `id` when the entry belongs to the attached account.
fn enqueue_for_entry(
    connection: &rusqlite::Connection,
    id: &str,
    payload: serde_json::Value,
) -> Result<(), CoreError> {
    let entry_owner: Option<String> =
        connection.query_row("SELECT owner FROM library WHERE id = ?1", params![id], |row| row.get(0))?;
    if entry_owner.is_some() && entry_owner == owner_in(connection)? {
        enqueue(connection, OutboxKind::Library, id, payload)?;
    }
    Ok(())
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<LibraryEntry> {
    Ok(LibraryEntry {
        id: row.get("id")?,
        run_id: row.get("run_id")?,
        title: row.get("title")?,
        video_path: row.get("video_path")?,
        thumbnail_path: row.get("thumbnail_path")?,
        duration_sec: row.get("duration_sec")?,
        style: enum_from_text(row, "style")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        sync: sync_state(row)?,
    })
}

fn sync_state(row: &Row<'_>) -> rusqlite::Result<SyncState> {
    let owner: Option<String> = row.get("owner")?;
    let queued: Option<i64> = row.get("queued")?;
    let cloud_version: Option<i64> = row.get("cloud_version")?;
    Ok(match (owner, queued, cloud_version) {
        (None, _, _) => SyncState::OnThisComputer,
        (Some(_), Some(0), _) => SyncState::WaitingToSync,
        (Some(_), Some(_), _) => SyncState::SyncFailed,
        (Some(_), None, Some(_)) => SyncState::Synced,
        (Some(_), None, None) => SyncState::WaitingToSync,
    })
}
