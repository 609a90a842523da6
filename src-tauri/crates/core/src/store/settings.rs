//! Small key/value facts the app remembers between launches (such as the run last open).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::CoreError;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, CoreError> {
        Ok(self
            .lock()
            .query_row("SELECT value FROM settings WHERE key = ?1", params![key], |row| row.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), CoreError> {
        let connection = self.lock();
        match value {
            Some(value) => connection.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?,
            None => connection.execute("DELETE FROM settings WHERE key = ?1", params![key])?,
        };
        Ok(())
    }
}
