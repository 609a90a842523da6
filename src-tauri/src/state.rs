//! What the window's commands share: the core and the cloud session, opened once at start-up.

use std::sync::Arc;

use nocomelon_core::{Core, CoreError};

use crate::account::Cloud;
use crate::error::AppError;

pub struct AppState {
    pub core: Arc<Core>,
    pub cloud: Cloud,
    /// The loopback media server's URL prefix, if it could start.
    pub media_origin: Option<String>,
}

impl AppState {
    /// Runs a core call on a blocking thread, so the window never waits on disk or CPU work.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Core) -> Result<T, CoreError> + Send + 'static,
    {
        let core = Arc::clone(&self.core);
        tauri::async_runtime::spawn_blocking(move || work(&core))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::from)
    }
}
