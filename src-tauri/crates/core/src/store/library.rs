//! Library rows: finished storybooks. Paths are stored relative to the data folder.

use std::collections::HashSet;
use std::path::Path;

use model::{LibraryEntry, Stage};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::{enum_from_text, enum_text, Store};
use crate::{clock, CoreError};

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
                    .query_row("SELECT * FROM library WHERE id = ?1", params![existing], entry_from_row)
                    .optional()?;
                if let Some(found) = found {
                    return Ok(Filed::Already(found));
                }
            }
        }
        publish()?;
        transaction.execute(
            "INSERT INTO library (id, run_id, title, video_path, thumbnail_path, duration_sec, style, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
            ],
        )?;
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
        let mut statement = connection.prepare("SELECT * FROM library ORDER BY created_at DESC, id")?;
        let rows = statement.query_map([], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn library_entry(&self, id: &str) -> Result<LibraryEntry, CoreError> {
        self.lock()
            .query_row("SELECT * FROM library WHERE id = ?1", params![id], entry_from_row)
            .optional()?
            .ok_or(CoreError::LibraryEntryNotFound)
    }

    pub fn rename_library_entry(&self, id: &str, title: &str) -> Result<LibraryEntry, CoreError> {
        let changed = self.lock().execute(
            "UPDATE library SET title = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, title, clock::now_rfc3339()],
        )?;
        if changed == 0 {
            return Err(CoreError::LibraryEntryNotFound);
        }
        self.library_entry(id)
    }

    pub fn delete_library_entry(&self, id: &str) -> Result<LibraryEntry, CoreError> {
        let entry = self.library_entry(id)?;
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        transaction.execute("DELETE FROM library WHERE id = ?1", params![id])?;
        transaction
            .execute("UPDATE runs SET library_entry_id = NULL WHERE library_entry_id = ?1", params![id])?;
        transaction.commit()?;
        Ok(entry)
    }
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
    })
}
