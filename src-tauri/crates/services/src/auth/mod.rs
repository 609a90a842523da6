//! The gate in front of the services: a request passes with a good access token of the family's
//! user pool and while its user has requests left; everything behind it knows who is asking and
//! nothing else about the token.

mod keys;
mod token;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub use keys::KeySet;
use token::{bearer_token, TokenError};
pub use token::{Caller, Verifier, EXPIRY_LEEWAY_SECS};

use crate::problem::ApiError;
use crate::state::AppState;

/// How long a client is asked to wait when the keys could not be fetched.
const KEYS_RETRY_AFTER_SECS: u64 = 5;

/// Checks the bearer token and the caller's rate, then hands the [`Caller`] to the handler.
pub async fn require_caller(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let header = request.headers().get(header::AUTHORIZATION).map(|value| value.to_str());
    let token = match header {
        Some(Err(_)) => Err(TokenError::Malformed),
        Some(Ok(value)) => bearer_token(Some(value)),
        None => bearer_token(None),
    };
    let caller = match token {
        Ok(token) => state.verifier.verify(token).await,
        Err(err) => Err(err),
    }
    .map_err(|err| {
        tracing::info!(reason = %err, "refused a token");
        refusal(&err)
    })?;
    if let Err(wait) = state.limiter.take(&caller.user, Instant::now()) {
        let secs = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
        tracing::info!(retry_after_secs = secs, "a user went over the rate limit");
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many requests from this account; wait {secs} s and try again."),
        )
        .retry_after(secs));
    }
    request.extensions_mut().insert(caller);
    Ok(next.run(request).await)
}

/// The answer for a refused token.
fn refusal(err: &TokenError) -> ApiError {
    let unauthorized = |code, message: &str| ApiError::new(StatusCode::UNAUTHORIZED, code, message);
    match err {
        TokenError::Missing => unauthorized(
            "token_missing",
            "This service needs a sign-in: send the account's access token as \"Authorization: Bearer <token>\".",
        ),
        TokenError::Expired => unauthorized("token_expired", "The sign-in has expired; sign in again."),
        TokenError::WrongIssuer | TokenError::WrongClient | TokenError::NotAccessToken => unauthorized(
            "token_not_accepted",
            "This token is not for this service: it must be an access token from the family's own sign-in.",
        ),
        TokenError::KeysUnavailable(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "sign_in_check_unavailable",
            "The server cannot check sign-ins right now; try again in a moment.",
        )
        .retry_after(KEYS_RETRY_AFTER_SECS),
        TokenError::Malformed
        | TokenError::WrongAlgorithm
        | TokenError::NoKeyId
        | TokenError::UnknownKey
        | TokenError::BadSignature
        | TokenError::NotYetValid
        | TokenError::NoSubject => {
            unauthorized("token_invalid", "The sign-in is not valid; sign in again.")
        }
    }
}
