//! One storybook draft: reading it, moving through the wizard, saving each step's edits.

use model::{Customization, DrawingAnalysis, Run, Stage, StoryScript};
use nocomelon_core::api::SaveReceipt;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_run(state: State<'_, AppState>, run_id: String) -> Result<Run, AppError> {
    state.blocking(move |core| core.run(&run_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_run(state: State<'_, AppState>, run_id: String) -> Result<(), AppError> {
    state.blocking(move |core| core.delete_run(&run_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn go_to_stage(state: State<'_, AppState>, run_id: String, stage: Stage) -> Result<Run, AppError> {
    state.blocking(move |core| core.go_to_stage(&run_id, stage)).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_analysis(
    state: State<'_, AppState>,
    run_id: String,
    analysis: DrawingAnalysis,
) -> Result<Run, AppError> {
    state.blocking(move |core| core.save_analysis(&run_id, analysis)).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_customization(
    state: State<'_, AppState>,
    run_id: String,
    customization: Customization,
) -> Result<Run, AppError> {
    state.blocking(move |core| core.save_customization(&run_id, customization)).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_script(
    state: State<'_, AppState>,
    run_id: String,
    script: StoryScript,
) -> Result<SaveReceipt, AppError> {
    state.blocking(move |core| core.save_script(&run_id, script)).await
}
