//! App-wide facts and getting drawings in (drop, picker, paste).

use model::RunSummary;
use nocomelon_core::api::{AppInfo, IngestOutcome};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::{clipboard, pickers};

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    let (cloud, media_origin) = (state.cloud.status(), state.media_origin.clone());
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
