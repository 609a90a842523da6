//! The library of finished storybooks.

use std::path::PathBuf;

use model::LibraryEntry;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn save_to_library(state: State<'_, AppState>, run_id: String) -> Result<LibraryEntry, AppError> {
    state.blocking(move |core| core.save_to_library(&run_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn library_list(state: State<'_, AppState>) -> Result<Vec<LibraryEntry>, AppError> {
    state.blocking(|core| core.library()).await
}

#[tauri::command]
#[specta::specta]
pub async fn library_rename(
    state: State<'_, AppState>,
    id: String,
    title: String,
) -> Result<LibraryEntry, AppError> {
    state.blocking(move |core| core.rename_library_entry(&id, &title)).await
}

#[tauri::command]
#[specta::specta]
pub async fn library_delete(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.blocking(move |core| core.delete_library_entry(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn library_export(
    state: State<'_, AppState>,
    id: String,
    folder: String,
) -> Result<String, AppError> {
    state.blocking(move |core| core.export_library_entry(&id, &PathBuf::from(folder))).await
}
