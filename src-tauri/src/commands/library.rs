//! The library of finished storybooks.

use model::LibraryEntry;
use tauri::State;

use crate::error::AppError;
use crate::pickers;
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

/// Copies the video to the parent's Videos folder, or to a folder they pick (`None` if they
/// closed the picker); returns where it went.
#[tauri::command]
#[specta::specta]
pub async fn library_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
    choose_folder: bool,
) -> Result<Option<String>, AppError> {
    let Some(folder) = pickers::export_folder(app, choose_folder).await? else { return Ok(None) };
    state.blocking(move |core| core.export_library_entry(&id, &folder).map(Some)).await
}
