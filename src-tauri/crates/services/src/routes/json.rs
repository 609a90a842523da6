//! Request bodies are read through this extractor so that a body the server cannot use (not
//! JSON, the wrong shape, too large, not labelled JSON) is answered with a `Problem` that says
//! which, instead of the framework's plain-text rejection. It also reads numbers as JSON Schema
//! does: `5.0` is the integer 5, as a client written from the OpenAPI document may send it.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::problem::ApiError;

/// The most of a parser's explanation repeated to the client (it may quote the request).
const MAX_DETAIL_CHARS: usize = 300;

/// A JSON request body of type `T`; unknown fields are ignored.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "The request must be JSON, sent with Content-Type: application/json.",
            ));
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    "The request is larger than this server accepts; send a smaller picture.",
                )
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "unreadable_body",
                    format!(
                        "The request body could not be read ({}).",
                        detail(without_preamble(&rejection.body_text()))
                    ),
                )
            }
        })?;
        let mut value: Value = serde_json::from_slice(&bytes).map_err(|err| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("The request body is not valid JSON ({}).", detail(&err.to_string())),
            )
        })?;
        integral_numbers_as_integers(&mut value);
        let parsed = T::deserialize(value).map_err(|err| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_request",
                format!(
                    "The request does not have the fields this service expects ({}).",
                    detail(&err.to_string())
                ),
            )
        })?;
        Ok(Body(parsed))
    }
}

/// `application/json`, with or without parameters, or any `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Numbers with no fractional part become integers (JSON Schema's `integer` includes `5.0`).
fn integral_numbers_as_integers(value: &mut Value) {
    // Values at or above 2^64 have no integer form here; they stay as they are and are refused.
    const TWO_TO_THE_64: f64 = 18_446_744_073_709_551_616.0;
    match value {
        Value::Number(number) if !number.is_i64() && !number.is_u64() => {
            let Some(float) = number.as_f64() else { return };
            if float.fract() != 0.0 || !float.is_finite() {
                return;
            }
            if (0.0..TWO_TO_THE_64).contains(&float) {
                *value = Value::from(float as u64);
            } else if float < 0.0 && float >= i64::MIN as f64 {
                *value = Value::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// The framework's explanation without its own preamble ("Failed to buffer the request body: ").
fn without_preamble(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(_, rest)| rest)
}

/// A parser's explanation, not too long.
fn detail(text: &str) -> String {
    let mut short: String = text.chars().take(MAX_DETAIL_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_written_with_a_point_are_integers() {
        let mut value: Value =
            serde_json::from_str(r#"{"age": 5.0, "seed": 1e19, "neg": -3.0, "share": 0.25, "list": [7.0]}"#)
                .expect("json");
        integral_numbers_as_integers(&mut value);
        assert_eq!(value["age"], Value::from(5u64));
        assert_eq!(value["seed"], Value::from(10_000_000_000_000_000_000u64));
        assert_eq!(value["neg"], Value::from(-3i64));
        assert_eq!(value["share"], Value::from(0.25));
        assert_eq!(value["list"][0], Value::from(7u64));
        let mut huge: Value = serde_json::from_str("1e30").expect("json");
        integral_numbers_as_integers(&mut huge);
        assert!(huge.is_f64(), "beyond 64 bits it stays a float, to be refused");
    }

    #[test]
    fn json_is_recognised_by_its_media_type() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().expect("header"));
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/problem+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!is_json(&HeaderMap::new()));
    }

    #[test]
    fn a_long_explanation_is_cut() {
        let long = format!("unknown variant `{}`", "x".repeat(1000));
        let cut = detail(&long);
        assert!(cut.chars().count() <= MAX_DETAIL_CHARS + 1 && cut.ends_with('…'), "{cut}");
    }
}
