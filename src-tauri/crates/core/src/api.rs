//! The shapes the window and the CLI receive from the core (exported to TypeScript).

use serde::{Deserialize, Serialize};
use specta::Type;

use model::{DrawingAnalysis, RunSummary, Stage};

/// A refusal or failure as the parent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

impl From<&crate::CoreError> for Problem {
    fn from(error: &crate::CoreError) -> Self {
        Self { code: error.code().to_string(), message: error.to_string() }
    }
}

/// What happened to one file the parent dropped, picked or pasted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct IngestOutcome {
    /// The file's name as the parent knows it.
    pub source: String,
    /// The new run for this drawing, when it was accepted.
    pub run: Option<RunSummary>,
    /// True when this exact drawing was already stored (the file is not stored twice).
    pub duplicate: bool,
    pub error: Option<Problem>,
}

/// Whether the cloud features can be offered, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CloudStatus {
    pub available: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub cloud: CloudStatus,
    /// The run the parent was working on when the app last closed.
    pub resume_run_id: Option<String>,
    /// Where the window fetches videos from (the shell's loopback media server), when it runs.
    pub media_origin: Option<String>,
}

/// The Recognize step's result: the analysis plus the figure outline to draw over the drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Recognition {
    pub analysis: DrawingAnalysis,
    /// Who suggested the words, and why this computer did when the service was asked.
    pub answered: model::Answered,
    /// PNG at the drawing's size, white = figure.
    pub mask_path: String,
    /// False when no clear figure was found and the whole page is used.
    pub found: bool,
}

/// A drafted story and who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DraftedStory {
    pub script: model::StoryScript,
    pub answered: model::Answered,
}

/// A narrator voice as this computer speaks it: what the parent picks (`voice`), its name, the
/// engine behind it and a plain description of how it sounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct VoiceOffer {
    pub voice: model::VoiceType,
    pub label: String,
    pub engine: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SaveReceipt {
    pub updated_at: String,
}

/// Live progress of making the video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RenderProgress {
    pub stage: Stage,
    /// 1-based scene being worked on, if any.
    pub scene: Option<u32>,
    pub scene_count: u32,
    /// Overall, 0..=100.
    pub percent: f32,
    pub message: String,
}
