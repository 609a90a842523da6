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
    /// Where the storybook lives: only here, in the family's cloud, or on its way there.
    pub sync: SyncState,
}

/// A storybook's place between this computer and the family's cloud, as the library shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Made without an account (or after signing out): it stays on this computer.
    #[default]
    OnThisComputer,
    /// A change is queued for the family's cloud.
    WaitingToSync,
    /// The cloud has this storybook as it is here.
    Synced,
    /// The last try to send it failed for a reason that will not pass by itself.
    SyncFailed,
}
