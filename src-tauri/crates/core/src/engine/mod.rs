//! The on-device storybook engine below the core: the figure's outline and the parent's crop of
//! it, and the images -> voice -> video pipeline, each step checkpointed in the local store. It
//! is given what it needs and returns results; `app` presents them and never the other way round.

mod cancel;
mod checkpoint;
mod fingerprint;
pub(crate) mod outline;
pub(crate) mod pipeline;
mod pool;

pub use cancel::RenderRegistry;
pub use pipeline::StageTimings;

use crate::CoreError;

impl From<av::AvError> for CoreError {
    fn from(error: av::AvError) -> Self {
        match error {
            av::AvError::Cancelled => CoreError::Cancelled,
            other => {
                tracing::warn!(detail = %other.detail(), code = other.code(), "narration or video step failed");
                CoreError::Refused { code: other.code(), message: other.to_string() }
            }
        }
    }
}

impl From<render::RenderError> for CoreError {
    fn from(error: render::RenderError) -> Self {
        CoreError::Refused { code: error.code(), message: error.to_string() }
    }
}
