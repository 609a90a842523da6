//! What every request handler shares: the token gate, the rate limiter, the engines and the
//! bounded pool they run on. Built once by the server builder, read-only afterwards.

use std::sync::Arc;

use services_api::{Recognizer, StoryWriter};

use crate::auth::Verifier;
use crate::jobs::Jobs;
use crate::picture::PictureLimits;
use crate::rate_limit::RateLimiter;

pub struct AppState {
    pub verifier: Verifier,
    pub limiter: RateLimiter,
    pub recognizer: Arc<dyn Recognizer>,
    pub writer: Arc<dyn StoryWriter>,
    pub jobs: Jobs,
    pub picture_limits: PictureLimits,
}
