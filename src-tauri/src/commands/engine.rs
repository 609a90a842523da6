//! The engine's steps: recognize, draft the story (on this computer or the family's service),
//! make the video.

use model::{Engine, FigureBox, Run};
use nocomelon_core::api::{DraftedStory, Recognition, RenderProgress};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn analyze_drawing(state: State<'_, AppState>, run_id: String) -> Result<Recognition, AppError> {
    state.blocking(move |core| core.analyze_drawing(&run_id)).await
}

/// The parent's "ask the other": new words about the drawing from `engine`.
#[tauri::command]
#[specta::specta]
pub async fn recognize_with(
    state: State<'_, AppState>,
    run_id: String,
    engine: Engine,
) -> Result<Recognition, AppError> {
    state.blocking(move |core| core.recognize_with(&run_id, engine)).await
}

/// Stops a recognition or story request that is waiting on the service.
#[tauri::command]
#[specta::specta]
pub async fn cancel_request(state: State<'_, AppState>, run_id: String) -> Result<bool, AppError> {
    state.blocking(move |core| Ok(core.cancel_request(&run_id))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_figure_crop(
    state: State<'_, AppState>,
    run_id: String,
    crop: Option<FigureBox>,
) -> Result<Recognition, AppError> {
    state.blocking(move |core| core.set_figure_crop(&run_id, crop)).await
}

#[tauri::command]
#[specta::specta]
pub async fn draft_story(
    state: State<'_, AppState>,
    run_id: String,
    another: bool,
    engine: Option<Engine>,
) -> Result<DraftedStory, AppError> {
    state.blocking(move |core| core.draft_story(&run_id, another, engine)).await
}

#[tauri::command]
#[specta::specta]
pub async fn render_video(
    state: State<'_, AppState>,
    run_id: String,
    on_progress: Channel<RenderProgress>,
) -> Result<Run, AppError> {
    state.blocking(move |core| core.render_video(&run_id, &mut |step| drop(on_progress.send(step)))).await
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_render(state: State<'_, AppState>, run_id: String) -> Result<(), AppError> {
    state
        .blocking(move |core| {
            core.cancel_render(&run_id);
            Ok(())
        })
        .await
}
