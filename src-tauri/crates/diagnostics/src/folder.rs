//! Where each OS keeps an app's logs, so a parent (or whoever helps them) finds them where the
//! system's own tools look.

use std::path::PathBuf;

/// The app's log folder: `~/Library/Logs/<id>` on macOS, `<local data>/<id>/logs` elsewhere
/// (`~/.local/share/<id>/logs` on Linux, `%LOCALAPPDATA%\<id>\logs` on Windows), the same folder
/// Tauri names the app log folder. `None` when the OS has no such folder.
pub fn log_folder(app_identifier: &str) -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|home| home.join("Library/Logs").join(app_identifier))
    } else {
        dirs::data_local_dir().map(|data| data.join(app_identifier).join("logs"))
    }
}
