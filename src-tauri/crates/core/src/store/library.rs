//! Library rows: finished storybooks. Paths are stored relative to the data folder.

use model::LibraryEntry;
use rusqlite::{params, OptionalExtension, Row};

use super::{enum_from_text, enum_text, Store};
use crate::{clock, CoreError};

impl Store {
    pub fn insert_library_entry(&self, entry: &LibraryEntry) -> Result<(), CoreError> {
        self.lock().execute(
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
