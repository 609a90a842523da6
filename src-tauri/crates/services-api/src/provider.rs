//! The seams: what the core asks of whoever recognizes drawings and writes stories. Calls are
//! blocking (the core runs on blocking threads and the server on its blocking pool) and take a
//! cancel flag, which a remote provider checks between attempts and while waiting.

use std::sync::atomic::AtomicBool;

use crate::wire::{DrawingFacts, StoryRequest, StoryScript};
use image::RgbaImage;

/// Set to stop a request early; the provider then returns [`ProviderError::Cancelled`].
pub type Cancel = AtomicBool;

/// Who answered is known by where a provider is plugged in (this computer's slot or the
/// service's), so the providers themselves need not say.
pub trait Recognizer: Send + Sync {
    /// The words about the figure on `drawing`: subject, setting and mood with suggestions.
    fn recognize(&self, drawing: &RgbaImage, cancel: &Cancel) -> Result<DrawingFacts, ProviderError>;

    /// Like [`Recognizer::recognize`], for a drawing whose outline this computer has just
    /// analyzed, finding the words `analyzed`: an engine whose words come from that same
    /// analysis answers with them instead of analyzing the drawing again.
    fn recognize_analyzed(
        &self,
        drawing: &RgbaImage,
        analyzed: &DrawingFacts,
        cancel: &Cancel,
    ) -> Result<DrawingFacts, ProviderError> {
        let _ = analyzed;
        self.recognize(drawing, cancel)
    }
}

pub trait StoryWriter: Send + Sync {
    fn write(&self, request: &StoryRequest, cancel: &Cancel) -> Result<StoryScript, ProviderError>;
}

/// Why a provider gave no answer, in words for the parent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("The story service could not be reached ({0}).")]
    Unreachable(String),
    #[error("The story service did not answer in time.")]
    TimedOut,
    #[error("The story service is having trouble (it answered {status}).")]
    Failing { status: u16 },
    #[error("The story service is busy; it asked to wait {retry_after_secs} s.")]
    Busy { retry_after_secs: u64 },
    #[error("The story service did not accept this account; please sign in again.")]
    Unauthorized,
    #[error("The story service refused the request: {message}")]
    Refused { code: String, message: String },
    /// The answer was not JSON of the contract's shape, or failed the checks every answer passes.
    #[error("The story service sent an answer the app can't use ({0}).")]
    Unusable(String),
    #[error("Stopped.")]
    Cancelled,
    /// The engine on this computer failed.
    #[error("{0}")]
    OnDevice(String),
}

impl ProviderError {
    /// A stable machine code for logs and the IPC error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unreachable(_) => "service_unreachable",
            Self::TimedOut => "service_timeout",
            Self::Failing { .. } => "service_failing",
            Self::Busy { .. } => "service_busy",
            Self::Unauthorized => "service_unauthorized",
            Self::Refused { .. } => "service_refused",
            Self::Unusable(_) => "service_unusable",
            Self::Cancelled => "cancelled",
            Self::OnDevice(_) => "engine_failed",
        }
    }
}
