//! `nocomelon-services`: the vision and story services the app can ask instead of its on-device
//! engine, for a family or a school to run on their own machine. It serves the contract of
//! `services_api::wire` over HTTP to callers holding an access token of the family's Cognito
//! user pool, with any [`services_api::Recognizer`] and [`services_api::StoryWriter`] behind it.
//! A library, so tests and benchmarks start the real server in their own process.

mod auth;
mod config;
mod jobs;
pub mod openapi;
mod picture;
mod problem;
mod rate_limit;
mod request_log;
mod routes;
mod server;
mod state;

pub use auth::EXPIRY_LEEWAY_SECS;
pub use config::{ConfigError, TrustedPool};
pub use picture::PictureLimits;
pub use rate_limit::RateLimit;
pub use request_log::REQUEST_ID;
pub use server::{RunningServer, ServerBuilder, StartError, StopHandle, Stopped};
