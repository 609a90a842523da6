//! `POST /api/v1/vision/analyze`: the words about the figure on a child's drawing. The picture
//! is opened and recognized on the bounded blocking pool; the answer passes the same checks the
//! app applies before it is sent.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use services_api::checks::check_facts;
use services_api::wire::{AnalyzeRequest, AnalyzeResponse, ANALYZE_PATH};
use services_api::ProviderError;

use super::json::Body;
use super::{job_refusal, provider_refusal};
use crate::auth::Caller;
use crate::openapi::Refusals;
use crate::picture::{decode_drawing, PictureError};
use crate::problem::ApiError;
use crate::state::AppState;

/// A 64 × 48 PNG of a purple blob on white paper, the document's example of a drawing.
const EXAMPLE_DRAWING: &str = "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAoElEQVR42u3YwQ2AIAxG4Q7hOA7hOI7IQl44eSVGjDaFwO9LOsD7LoTWcj6mHgMAAAAAAAAAiADWZXs/AwFqiWlP5TSSWGD6pfh5ohgWUv8pvcboBwhJj2KYuz4k/ZbRENCu3m2wcep9ht8A+tQ7DD8DdKgvDQAAAOAV0gHwlRgAMP1vVGEfUNjIFHZikauEwl1I5DLHcRcAAAAAAABwzwkkFszKopIgCwAAAABJRU5ErkJggg==";

enum Failure {
    Picture(PictureError),
    Provider(ProviderError),
}

#[utoipa::path(
    post,
    path = ANALYZE_PATH,
    operation_id = "analyze_drawing",
    tag = "services",
    request_body(
        content = AnalyzeRequest,
        content_type = "application/json",
        example = json!({ "image_base64": EXAMPLE_DRAWING }),
    ),
    responses(
        (status = 200, description = "What the service saw.", body = AnalyzeResponse, content_type = "application/json"),
        Refusals,
    ),
    security(("cognito_access_token" = [])),
)]
pub async fn analyze(
    State(state): State<Arc<AppState>>,
    Extension(_caller): Extension<Caller>,
    Body(request): Body<AnalyzeRequest>,
) -> Result<Json<AnalyzeResponse>, ApiError> {
    let recognizer = state.recognizer.clone();
    let limits = state.picture_limits;
    let facts = state
        .jobs
        .run(move |cancel| {
            let drawing = decode_drawing(&request.image_base64, limits).map_err(Failure::Picture)?;
            tracing::debug!(width = drawing.width(), height = drawing.height(), "recognizing a drawing");
            recognizer.recognize(&drawing, cancel).map_err(Failure::Provider)
        })
        .await
        .map_err(job_refusal)?
        .map_err(|failure| match failure {
            Failure::Picture(err) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, err.code(), err.to_string())
            }
            Failure::Provider(err) => provider_refusal(&err),
        })?;
    check_facts(&facts).map_err(|err| {
        tracing::error!(%err, "the recognizer's words failed the checks");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unusable_answer",
            "The recognizer gave words the app can't use; the drawing was not recognized.",
        )
    })?;
    Ok(Json(AnalyzeResponse { run_id: uuid::Uuid::new_v4().to_string(), drawing: facts }))
}
