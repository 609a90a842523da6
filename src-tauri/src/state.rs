//! What the window's commands share: the family (the core joined with the cloud session and its
//! sync engine), opened once at start-up.

use std::sync::Arc;

use family::Family;
use nocomelon_core::{Core, CoreError};

use crate::error::AppError;

pub struct AppState {
    pub family: Arc<Family>,
    /// The loopback media server's URL prefix, if it could start.
    pub media_origin: Option<String>,
    /// Where the log files and crash reports go, when this computer has such a folder.
    pub log_folder: Option<std::path::PathBuf>,
    /// Whether the window has asked for anything yet.
    pub window_ready: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// The window's first call means it is drawn and answering; the log says so once, with the
    /// time since launch (the launch-time figure reads it).
    pub fn note_window_ready(&self) {
        if !self.window_ready.swap(true, std::sync::atomic::Ordering::Relaxed) {
            tracing::info!("the window is ready");
        }
    }

    /// Runs a core call on a blocking thread, so the window never waits on disk or CPU work; a
    /// change it queued for the family's cloud is picked up at once.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Core) -> Result<T, CoreError> + Send + 'static,
    {
        let core = Arc::clone(self.family.core());
        let result = tauri::async_runtime::spawn_blocking(move || work(&core))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::from);
        if let Ok(sync) = self.family.sync() {
            sync.nudge();
        }
        result
    }
}
