//! Every refusal leaves the server as the contract's JSON `Problem`, a stable code and a sentence
//! a parent can read, whichever part refused: a handler, a token check, or the HTTP framework's
//! own rejections (unknown route, wrong method, body too large), which arrive here as bare
//! statuses and are dressed on the way out.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use services_api::wire::Problem;

/// A refusal on its way to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Seconds the client should wait before asking again (429 and 503).
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), retry_after_secs: None }
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Problem { code: self.code.to_owned(), message: self.message };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"nocomelon-services\", error=\"invalid_token\""),
            );
        }
        if let Some(secs) = self.retry_after_secs {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// The code and sentence for a status that reached the client without a `Problem`.
fn problem_for(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("not_found", "There is nothing at this address."),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", "This address does not answer this kind of request; see the Allow header.")
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("body_too_large", "The request is larger than this server accepts.")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "The request must be JSON, sent with Content-Type: application/json.")
        }
        StatusCode::REQUEST_TIMEOUT => ("request_timeout", "The request took too long to arrive."),
        StatusCode::SERVICE_UNAVAILABLE => {
            ("unavailable", "The server cannot answer right now; try again soon.")
        }
        StatusCode::BAD_REQUEST => ("bad_request", "The request could not be understood."),
        status if status.is_server_error() => ("internal", "Something went wrong on the server."),
        _ => ("refused", "The server refused the request."),
    }
}

/// Gives a `Problem` body to any error response that has none (the framework's own refusals),
/// keeping its status and headers (such as `Allow` on a 405).
pub async fn dress_bare_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (code, message) = problem_for(status);
    let (mut parts, _bare) = response.into_parts();
    let body = serde_json::to_vec(&Problem { code: code.to_owned(), message: message.to_owned() })
        .unwrap_or_default();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    Response::from_parts(parts, Body::from(body))
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"))
}

/// The answer for a path no route serves.
pub async fn not_found() -> ApiError {
    let (code, message) = problem_for(StatusCode::NOT_FOUND);
    ApiError::new(StatusCode::NOT_FOUND, code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_to_wait_says_how_long() {
        let response = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "Slow down.")
            .retry_after(7)
            .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "7");
        assert!(response.headers().get(header::WWW_AUTHENTICATE).is_none());
    }

    #[test]
    fn a_refused_token_asks_for_a_bearer_token() {
        let response = ApiError::new(StatusCode::UNAUTHORIZED, "token_missing", "Sign in.").into_response();
        let challenge = response.headers()[header::WWW_AUTHENTICATE].to_str().expect("ascii");
        assert!(challenge.starts_with("Bearer "), "{challenge}");
    }
}
