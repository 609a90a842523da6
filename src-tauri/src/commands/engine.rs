//! The on-device engine's steps: recognize, draft the story, make the video.

use model::{FigureBox, Run, StoryScript};
use nocomelon_core::api::{Recognition, RenderProgress};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn analyze_drawing(state: State<'_, AppState>, run_id: String) -> Result<Recognition, AppError> {
    state.blocking(move |core| core.analyze_drawing(&run_id)).await
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
) -> Result<StoryScript, AppError> {
    state.blocking(move |core| core.draft_story(&run_id, another)).await
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
