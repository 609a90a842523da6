//! A finished storybook in the library.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::Style;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct LibraryEntry {
    pub id: String,
    pub run_id: Option<String>,
    pub title: String,
    pub video_path: String,
    pub thumbnail_path: String,
    pub duration_sec: f64,
    pub style: Style,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}
