//! The window's size and position are saved shortly after every move or resize, not only when
//! the app quits normally, so a crash or a killed process still reopens the window where it was.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tauri::{Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Moves and resizes come in bursts while the parent drags; save once the burst is over.
const SETTLE: Duration = Duration::from_millis(400);

pub fn save_on_change(app: &tauri::AppHandle) {
    let Some(window) = app.get_webview_window("main") else { return };
    let changes = Arc::new(AtomicU64::new(0));
    let handle = app.clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            return;
        }
        let change = changes.fetch_add(1, Ordering::SeqCst) + 1;
        let (changes, handle) = (Arc::clone(&changes), handle.clone());
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SETTLE).await;
            if changes.load(Ordering::SeqCst) == change {
                if let Err(error) = handle.save_window_state(StateFlags::all()) {
                    tracing::warn!(%error, "the window's size and position could not be saved");
                }
            }
        });
    });
}
