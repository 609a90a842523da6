//! One request id per request, taken from the client's `x-request-id` when it is a sane one and
//! made up otherwise, echoed in the response and carried by every log line of the request, so a
//! parent's report and the server's log can be matched. The closing line says what was asked and
//! how it went; it never holds a token, a claim or a body.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a client, and the longest path written to the log.
const MAX_ID_CHARS: usize = 128;
const MAX_LOGGED_PATH_CHARS: usize = 256;

pub async fn log_request(mut request: Request, next: Next) -> Response {
    let given =
        request.headers().get(&REQUEST_ID).and_then(|value| value.to_str().ok()).filter(|id| is_sane_id(id));
    let id = match given {
        Some(id) => id.to_owned(),
        None => uuid::Uuid::new_v4().to_string(),
    };
    let id_value = HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("invalid"));
    request.headers_mut().insert(REQUEST_ID, id_value.clone());
    let method = request.method().clone();
    let path: String = request.uri().path().chars().take(MAX_LOGGED_PATH_CHARS).collect();
    let span = tracing::info_span!("request", request_id = %id, %method, %path);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let latency_ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    span.in_scope(|| tracing::info!(status, latency_ms, "answered"));
    response.headers_mut().insert(REQUEST_ID, id_value);
    response
}

/// Letters, digits and `-_.:`; anything else (or too long) is replaced by a fresh id.
fn is_sane_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_taken_from_clients() {
        assert!(is_sane_id("0b7c6a2e-1f0d-4c1e-9a55-7e5bb1a0c9d2"));
        assert!(is_sane_id("app:42"));
        assert!(!is_sane_id(""));
        assert!(!is_sane_id("a b"));
        assert!(!is_sane_id(&"x".repeat(MAX_ID_CHARS + 1)));
    }
}
