//! The core's one error type: a stable code for programs and a plain sentence for the parent.

use std::path::{Path, PathBuf};

use model::StoryScriptError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("This computer has no folder for app data; set NOCOMELON_DATA_DIR to a folder the app may use.")]
    NoDataDir,
    #[error("Could not {action} {}: {source}", path.display())]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    #[error("The file {} is not inside the app's data folder.", .0.display())]
    OutsideDataDir(PathBuf),
    #[error(
        "The app's saved work names a file it can't use (\"{name}\"), so nothing was read or written for it."
    )]
    UnsafeName { name: String },
    #[error("The app's saved work could not be read or written ({0}). Your earlier work is kept; please try again.")]
    Store(#[from] rusqlite::Error),
    #[error(
        "The app's saved work is from a newer version of NoComelon (format {found}); please update the app."
    )]
    StoreTooNew { found: i64 },
    #[error("Saved data for {what} is damaged and could not be read.")]
    Corrupt { what: String },
    #[error("That storybook draft is no longer here; it may have been deleted.")]
    RunNotFound,
    #[error("That drawing is no longer here; it may have been deleted.")]
    DrawingNotFound,
    #[error("That storybook is no longer in the library.")]
    LibraryEntryNotFound,
    #[error("{0}")]
    Script(#[from] StoryScriptError),
    #[error("The title can't be empty.")]
    EmptyTitle,
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    #[error("That step isn't ready yet: {0}")]
    NotReady(String),
    #[error("Stopped.")]
    Cancelled,
    #[error("This is already being worked on; wait for it to finish or cancel it.")]
    Busy,
}

impl CoreError {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io { action, path: path.to_path_buf(), source }
    }

    /// A stable machine code for this error (crosses IPC and CLI `--json`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoDataDir => "no_data_dir",
            Self::Io { .. } => "io",
            Self::OutsideDataDir(_) => "outside_data_dir",
            Self::UnsafeName { .. } => "unsafe_name",
            Self::Store(_) => "store",
            Self::StoreTooNew { .. } => "store_too_new",
            Self::Corrupt { .. } => "corrupt_store",
            Self::RunNotFound => "run_not_found",
            Self::DrawingNotFound => "drawing_not_found",
            Self::LibraryEntryNotFound => "library_entry_not_found",
            Self::Script(_) => "invalid_script",
            Self::EmptyTitle => "empty_title",
            Self::Refused { code, .. } => code,
            Self::NotReady(_) => "not_ready",
            Self::Cancelled => "cancelled",
            Self::Busy => "busy",
        }
    }
}
