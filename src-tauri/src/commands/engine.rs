//! The engine's steps: recognize, draft the story (on this computer or the family's service),
//! make the storybook, and hear the narrator voices.

use model::{Engine, FigureBox, Run, VoiceType};
use nocomelon_core::api::{DraftedStory, Recognition, RenderProgress, VoiceOffer};
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

/// Makes the storybook: the video, filed in the library by itself.
#[tauri::command]
#[specta::specta]
pub async fn render_video(
    state: State<'_, AppState>,
    run_id: String,
    on_progress: Channel<RenderProgress>,
) -> Result<Run, AppError> {
    state.blocking(move |core| core.make_storybook(&run_id, &mut |step| drop(on_progress.send(step)))).await
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

#[tauri::command]
#[specta::specta]
pub async fn voice_offers(state: State<'_, AppState>) -> Result<Vec<VoiceOffer>, AppError> {
    state.blocking(|core| Ok(core.voice_offers())).await
}

/// A short sample of the voice, as a URL the window can play.
#[tauri::command]
#[specta::specta]
pub async fn preview_voice(state: State<'_, AppState>, voice: VoiceType) -> Result<String, AppError> {
    let origin = state.media_origin.clone();
    let sample = state.blocking(move |core| core.voice_sample(voice)).await?;
    Ok(media_url(origin.as_deref(), &sample.to_string_lossy()))
}

/// The address the window plays a media file from: the loopback media server when it runs,
/// else the asset protocol (as `convertFileSrc` builds it).
fn media_url(origin: Option<&str>, path: &str) -> String {
    let encoded = encode_uri_component(path);
    match origin {
        Some(origin) => format!("{origin}/{encoded}"),
        None if cfg!(windows) => format!("http://asset.localhost/{encoded}"),
        None => format!("asset://localhost/{encoded}"),
    }
}

/// JavaScript's `encodeURIComponent`, so the URL is the one the window would build itself.
fn encode_uri_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_urls_match_what_the_window_builds() {
        assert_eq!(
            media_url(Some("http://127.0.0.1:4000"), "/data/media/voice samples/gentle.wav"),
            "http://127.0.0.1:4000/%2Fdata%2Fmedia%2Fvoice%20samples%2Fgentle.wav"
        );
        assert_eq!(encode_uri_component("é(x)"), "%C3%A9(x)");
    }
}
