//! Drawing rows. Paths are stored relative to the data folder.

use model::Drawing;
use rusqlite::{params, OptionalExtension, Row};

use super::{enum_from_text, enum_text, Store};
use crate::CoreError;

impl Store {
    /// Inserts the drawing unless one with the same content id exists; returns true if it was new.
    pub fn insert_drawing(&self, drawing: &Drawing) -> Result<bool, CoreError> {
        let changed = self.lock().execute(
            "INSERT OR IGNORE INTO drawings
                (id, original_name, format, normalized_path, thumbnail_path, width, height,
                 source_width, source_height, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                drawing.id,
                drawing.original_name,
                enum_text(&drawing.format),
                drawing.normalized_path,
                drawing.thumbnail_path,
                drawing.width,
                drawing.height,
                drawing.source_width,
                drawing.source_height,
                drawing.created_at,
            ],
        )?;
        Ok(changed == 1)
    }

    /// Records the upright size of the picture the drawing was made from.
    pub fn set_drawing_source_size(&self, id: &str, width: u32, height: u32) -> Result<(), CoreError> {
        self.lock().execute(
            "UPDATE drawings SET source_width = ?2, source_height = ?3 WHERE id = ?1",
            params![id, width, height],
        )?;
        Ok(())
    }

    pub fn drawing(&self, id: &str) -> Result<Drawing, CoreError> {
        self.lock()
            .query_row("SELECT * FROM drawings WHERE id = ?1", params![id], drawing_from_row)
            .optional()?
            .ok_or(CoreError::DrawingNotFound)
    }
}

pub(super) fn drawing_from_row(row: &Row<'_>) -> rusqlite::Result<Drawing> {
    Ok(Drawing {
        id: row.get("id")?,
        original_name: row.get("original_name")?,
        format: enum_from_text(row, "format")?,
        normalized_path: row.get("normalized_path")?,
        thumbnail_path: row.get("thumbnail_path")?,
        width: row.get("width")?,
        height: row.get("height")?,
        source_width: row.get("source_width")?,
        source_height: row.get("source_height")?,
        created_at: row.get("created_at")?,
    })
}
