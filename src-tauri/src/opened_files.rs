//! Drawings the parent opened with the app from the desktop ("Open with", or dropped on the
//! launcher): named on the command line of this launch, or of a second launch that hands them to
//! the running window. They wait here until the window takes them into its Upload step.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{Emitter, Manager};

/// Tells the window that opened files are waiting.
pub const FILES_OPENED_EVENT: &str = "files-opened";

#[derive(Default)]
pub struct OpenedFiles {
    waiting: Mutex<Vec<PathBuf>>,
}

impl OpenedFiles {
    /// The files named on this launch's own command line.
    pub fn from_launch() -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let files = Self::default();
        files.add(&cwd, std::env::args().skip(1));
        files
    }

    /// Queues what a launch named (a desktop passes absolute paths or `file://` URIs; a shell may
    /// pass paths relative to where it ran). Options (`-x`) are not files.
    pub fn add(&self, cwd: &Path, args: impl IntoIterator<Item = String>) -> usize {
        let named: Vec<PathBuf> = args
            .into_iter()
            .filter(|arg| !arg.starts_with('-'))
            .filter_map(|arg| match url::Url::parse(&arg) {
                Ok(uri) if uri.scheme() == "file" => uri.to_file_path().ok(),
                _ => Some(cwd.join(arg)),
            })
            .collect();
        let count = named.len();
        self.lock().extend(named);
        count
    }

    /// Everything waiting, now handed over.
    pub fn take(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.lock())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A second launch: bring the window forward and hand it the files that launch named.
pub fn second_launch(app: &tauri::AppHandle, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let added = app.state::<OpenedFiles>().add(Path::new(&cwd), argv.into_iter().skip(1));
    if added > 0 {
        tracing::info!(files = added, "a second launch handed over files");
        if let Err(error) = app.emit(FILES_OPENED_EVENT, ()) {
            tracing::warn!(%error, "the window could not be told about opened files");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_file_uris_are_taken_and_options_are_not() {
        let files = OpenedFiles::default();
        let added = files.add(
            Path::new("/home/mia"),
            ["--verbose".to_owned(), "Pictures/pig.png".to_owned(), "file:///tmp/my%20cat.jpg".to_owned()],
        );
        assert_eq!(added, 2);
        assert_eq!(
            files.take(),
            vec![PathBuf::from("/home/mia/Pictures/pig.png"), PathBuf::from("/tmp/my cat.jpg")]
        );
        assert!(files.take().is_empty(), "handed over once");
    }
}
