//! `POST /api/v1/story/generate`: a story in scenes from the drawing's words and the parent's
//! choices, written on the bounded blocking pool and sent only once it passes the checks every
//! story passes before the app keeps it.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use services_api::checks::check_story;
use services_api::wire::{StoryRequest, StoryScript, GENERATE_PATH};

use super::json::Body;
use super::{job_refusal, provider_refusal};
use crate::auth::Caller;
use crate::openapi::Refusals;
use crate::problem::ApiError;
use crate::state::AppState;

#[utoipa::path(
    post,
    path = GENERATE_PATH,
    operation_id = "generate_story",
    tag = "services",
    request_body(
        content = StoryRequest,
        content_type = "application/json",
        example = json!({
            "drawing": { "subject": "a purple pig", "setting": "a muddy farm", "mood": "happy" },
            "theme": "friendship",
            "voice_type": "gentle",
            "child_age": 5,
            "personal_context": { "child_name": "Mia", "pet": "Tom the cat", "place": "" },
            "seed": 7
        }),
    ),
    responses(
        (status = 200, description = "The story: a title and its scenes in order.", body = StoryScript, content_type = "application/json"),
        Refusals,
    ),
    security(("cognito_access_token" = [])),
)]
pub async fn generate(
    State(state): State<Arc<AppState>>,
    Extension(_caller): Extension<Caller>,
    Body(request): Body<StoryRequest>,
) -> Result<Json<StoryScript>, ApiError> {
    let writer = state.writer.clone();
    let script = state
        .jobs
        .run(move |cancel| writer.write(&request, cancel))
        .await
        .map_err(job_refusal)?
        .map_err(|err| provider_refusal(&err))?;
    // The story is written from the request's words, so a story that fails the checks (a word
    // not for a small child, a word too long for the screen) is refused as the request's.
    check_story(&model::StoryScript::from(script.clone())).map_err(|err| {
        tracing::info!(%err, "the story written for a request failed the checks");
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "story_refused",
            format!("No story fit for the app could be written from these words ({err}). Try other words."),
        )
    })?;
    Ok(Json(script))
}
