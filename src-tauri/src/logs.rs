//! The folder of log files and crash reports, shown to the parent in their file manager so they
//! can send what is in it to whoever helps them.

use std::path::Path;

use tauri_plugin_opener::OpenerExt;

use crate::error::AppError;

/// Opens `folder` in the file manager and returns where it is (the window shows it too, for when
/// no file manager answers).
pub fn reveal(app: &tauri::AppHandle, folder: Option<&Path>) -> Result<String, AppError> {
    let folder = folder
        .ok_or_else(|| AppError::new("no_log_folder", "This computer has no folder for the app's logs."))?;
    let shown = folder.to_string_lossy().into_owned();
    app.opener().open_path(shown.clone(), None::<&str>).map_err(|error| {
        tracing::warn!(%error, "the logs folder could not be opened");
        AppError::new("cannot_open_folder", format!("The logs folder couldn't be opened here. It is {shown}"))
    })?;
    Ok(shown)
}
