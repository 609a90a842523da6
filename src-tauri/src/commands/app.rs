//! App-wide facts and getting drawings in (drop, picker, paste).

use model::RunSummary;
use nocomelon_core::api::{AppInfo, IngestOutcome};
use tauri::State;

use crate::error::AppError;
use crate::opened_files::OpenedFiles;
use crate::state::AppState;
use crate::{clipboard, logs, pickers};

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    state.note_window_ready();
    let (cloud, media_origin) = (state.family.cloud().status(), state.media_origin.clone());
    let info = state.blocking(move |core| core.info(cloud)).await?;
    Ok(AppInfo { media_origin, ..info })
}

#[tauri::command]
#[specta::specta]
pub async fn ingest_paths(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<Vec<IngestOutcome>, AppError> {
    state.blocking(move |core| Ok(core.ingest_paths(&paths))).await
}

/// Opens the picture picker and adds what the parent chose (nothing if they closed it).
#[tauri::command]
#[specta::specta]
pub async fn pick_drawings(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Vec<IngestOutcome>, AppError> {
    let paths = pickers::drawings(app).await?;
    state.blocking(move |core| Ok(core.ingest_paths(&paths))).await
}

/// Drawings opened with the app from the desktop, waiting for the Upload step (each once).
#[tauri::command]
#[specta::specta]
pub async fn take_opened_files(opened: State<'_, OpenedFiles>) -> Result<Vec<String>, AppError> {
    Ok(opened.take().into_iter().map(|path| path.to_string_lossy().into_owned()).collect())
}

/// Shows the folder of log files and crash reports in the file manager, to send to whoever helps.
#[tauri::command]
#[specta::specta]
pub async fn open_logs_folder(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<String, AppError> {
    logs::reveal(&app, state.log_folder.as_deref())
}

#[tauri::command]
#[specta::specta]
pub async fn ingest_clipboard(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Vec<IngestOutcome>, AppError> {
    let pasted = clipboard::read(&app)?;
    state.blocking(move |core| Ok(pasted.ingest(core))).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_runs(state: State<'_, AppState>) -> Result<Vec<RunSummary>, AppError> {
    state.blocking(|core| core.runs_in_progress()).await
}
