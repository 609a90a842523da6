//! The contract as an OpenAPI 3 document, generated from the wire types and the route
//! annotations so it cannot drift from the code; the checked-in `openapi.json` is compared
//! against it by a test, and fuzzers and other clients are built from it.

use services_api::wire::{
    AnalyzeRequest, AnalyzeResponse, DrawingFacts, Health, InkColor, PersonalContext, Problem, Scene,
    StoryRequest, StoryScript, Theme, VoiceType,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi};

use crate::routes;

/// The name of the bearer-token security scheme in the document (the routes' `security` names it too).
pub const BEARER_SCHEME: &str = "cognito_access_token";

/// Every way the two services refuse, with its status (each body is a `Problem`).
#[derive(IntoResponses)]
#[allow(dead_code)] // Never built: it only describes the responses in the document.
pub enum Refusals {
    /// The body is not valid JSON.
    #[response(status = 400)]
    MalformedJson(Problem),
    /// No access token, or one this service does not accept: unsigned, wrongly signed, expired,
    /// from another user pool or app client, or not an access token.
    #[response(status = 401, headers(("WWW-Authenticate" = String, description = "Bearer")))]
    Unauthorized(Problem),
    /// The body is larger than the server accepts.
    #[response(status = 413)]
    TooLarge(Problem),
    /// The body is not sent as `application/json`.
    #[response(status = 415)]
    NotJson(Problem),
    /// The JSON lacks a field or has one of the wrong type, or what it holds cannot be used: a
    /// picture that is not a PNG or JPEG, is damaged or too large; words no story for a child
    /// can be written from.
    #[response(status = 422)]
    Unusable(Problem),
    /// This account sent too many requests; wait the given seconds.
    #[response(
        status = 429,
        headers(("Retry-After" = u64, description = "Seconds to wait before the next request."))
    )]
    TooManyRequests(Problem),
    /// The engine failed, or its answer failed the checks every answer passes.
    #[response(status = 500)]
    EngineFailed(Problem),
    /// The server is busy, the engine is unavailable, or sign-ins cannot be checked right now.
    #[response(
        status = 503,
        headers(("Retry-After" = u64, description = "Seconds to wait, when the server can tell."))
    )]
    Unavailable(Problem),
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NoComelon story services",
        description = "Recognition words for a child's drawing and a short story in scenes, for the \
                       NoComelon app. Every request but the health check carries the family's Cognito \
                       access token; the caller is the token's subject, never a field of the request. \
                       Every error is a Problem: a stable code and a sentence a parent can read.",
        license(name = "MIT"),
    ),
    paths(routes::health::health, routes::analyze::analyze, routes::story::generate),
    components(schemas(
        AnalyzeRequest,
        AnalyzeResponse,
        DrawingFacts,
        InkColor,
        StoryRequest,
        PersonalContext,
        Theme,
        VoiceType,
        StoryScript,
        Scene,
        Health,
        Problem
    )),
    modifiers(&BearerScheme, &FullSeedRange),
    tags((name = "services", description = "The vision and story services"))
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("A Cognito access token of the family's user pool and app client."))
                    .build(),
            ),
        );
    }
}

/// A `seed` is any unsigned 64-bit number (the app draws it at random), but a `u64` is described
/// as `int64`, whose largest value is 2^63 - 1: a client built from the document would never
/// send half of the seeds and a fuzzer would expect the server to refuse them.
struct FullSeedRange;

impl Modify for FullSeedRange {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Schema};
        let Some(components) = openapi.components.as_mut() else { return };
        let Some(RefOr::T(Schema::Object(request))) = components.schemas.get_mut("StoryRequest") else {
            return;
        };
        let Some(RefOr::T(Schema::Object(seed))) = request.properties.get_mut("seed") else { return };
        seed.format = None;
        seed.maximum = Some(match usize::try_from(u64::MAX) {
            Ok(max) => utoipa::Number::UInt(max),
            Err(_) => utoipa::Number::Float(u64::MAX as f64),
        });
    }
}

/// The document as the server serves and prints it: pretty JSON with a final newline.
pub fn document() -> String {
    let mut text = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}
