//! The native file and folder pickers, opened from Rust. A picker opened by the webview adds
//! what the parent picks to the webview's asset scope (a chosen folder recursively, so an export
//! to the home folder would open the whole home to the webview); opened here, nothing widens.

use std::path::PathBuf;

use nocomelon_core::Core;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::AppError;

/// What the picker offers; the core sniffs the real type from the bytes anyway.
const PICTURE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff"];

/// The pictures the parent chose (none if they closed the picker).
pub async fn drawings(app: AppHandle) -> Result<Vec<PathBuf>, AppError> {
    blocking(move || {
        app.dialog()
            .file()
            .set_title("Choose drawings")
            .add_filter("Pictures", PICTURE_EXTENSIONS)
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|picked| picked.into_path().ok())
            .collect()
    })
    .await
}

/// Where an exported video goes: the parent's Videos folder, or a folder they choose (`None`
/// if they closed the picker).
pub async fn export_folder(app: AppHandle, choose: bool) -> Result<Option<PathBuf>, AppError> {
    if !choose {
        return Core::default_export_folder().map(Some).map_err(AppError::from);
    }
    blocking(move || {
        app.dialog()
            .file()
            .set_title("Choose a folder for the video")
            .blocking_pick_folder()
            .and_then(|picked| picked.into_path().ok())
    })
    .await
}

/// The pickers wait for the parent on the main thread; this waits for them off it.
async fn blocking<T: Send + 'static>(pick: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(pick).await.map_err(AppError::internal)
}
