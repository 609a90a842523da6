//! The on-device storybook engine as the core drives it: recognition, story drafting and the
//! images -> voice -> video pipeline, each step checkpointed in the local store.

mod cancel;
mod checkpoint;
mod fingerprint;
mod pipeline;
mod pool;
mod recognize;
mod story;

pub use cancel::RenderRegistry;
pub use pipeline::{RenderReport, StageTimings};
pub use recognize::FileAnalysis;

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
