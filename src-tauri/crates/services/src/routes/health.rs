//! The one route anyone may call: a load balancer or a parent's browser can see the server is up
//! without a token, and learn nothing else.

use axum::Json;
use services_api::wire::{Health, HEALTH_PATH};

#[utoipa::path(
    get,
    path = HEALTH_PATH,
    operation_id = "health",
    tag = "services",
    responses((status = 200, description = "The server is up.", body = Health, content_type = "application/json")),
)]
pub async fn health() -> Json<Health> {
    Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
