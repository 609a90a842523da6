//! The HTTP surface: which paths exist, which need a token, and the layers every request goes
//! through (request id and log line, `Problem` bodies for every error, body size and time limits).

pub mod analyze;
pub mod health;
mod json;
pub mod story;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{middleware, Router};
use services_api::wire::{ANALYZE_PATH, GENERATE_PATH, HEALTH_PATH};
use services_api::ProviderError;
use tower_http::timeout::TimeoutLayer;

use crate::auth::require_caller;
use crate::jobs::JobError;
use crate::problem::{dress_bare_errors, not_found, ApiError};
use crate::request_log::log_request;
use crate::state::AppState;

/// How long a client is asked to wait when every worker is busy.
const BUSY_RETRY_AFTER_SECS: u64 = 2;

pub fn router(state: Arc<AppState>, body_limit: usize, request_timeout: Duration) -> Router {
    // The gate wraps each method's handler, not the path: a method the path does not serve is
    // a 405 whoever asks.
    let gate = || middleware::from_fn_with_state(state.clone(), require_caller);
    Router::new()
        .route(HEALTH_PATH, get(health::health))
        .route(ANALYZE_PATH, post(analyze::analyze).route_layer(gate()))
        .route(GENERATE_PATH, post(story::generate).route_layer(gate()))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, request_timeout))
        .layer(middleware::from_fn(dress_bare_errors))
        .layer(middleware::from_fn(log_request))
}

fn job_refusal(err: JobError) -> ApiError {
    match err {
        JobError::Busy(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "The server is busy with other drawings; try again in a moment.",
        )
        .retry_after(BUSY_RETRY_AFTER_SECS),
        JobError::Crashed => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "engine_failed",
            "The engine stopped unexpectedly; please try again.",
        ),
    }
}

/// The answer when the engine behind the server gave none.
fn provider_refusal(err: &ProviderError) -> ApiError {
    tracing::warn!(code = err.code(), %err, "the engine gave no answer");
    let unavailable = |message: &str| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, err.code(), message);
    match err {
        ProviderError::Busy { retry_after_secs } => {
            unavailable("The engine is busy; try again in a moment.").retry_after(*retry_after_secs)
        }
        ProviderError::Unreachable(_) | ProviderError::TimedOut | ProviderError::Unauthorized => {
            unavailable("The engine behind this server is unavailable right now; try again later.")
        }
        ProviderError::Cancelled => unavailable("The request was stopped before it was answered."),
        ProviderError::Refused { message, .. } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "engine_refused",
            format!("The engine refused this request: {message}"),
        ),
        ProviderError::Failing { .. } | ProviderError::Unusable(_) | ProviderError::OnDevice(_) => {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "engine_failed",
                "The engine failed; please try again.",
            )
        }
    }
}
