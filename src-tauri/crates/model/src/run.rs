//! One storybook in progress and the stage it has reached.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{Customization, Drawing, DrawingAnalysis, Motion, ScenePlan, StoryScript};

/// The stages of a run, in order. Images, voice and video all happen on the Preview step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Upload,
    Recognize,
    Customize,
    Script,
    Images,
    Voice,
    Video,
    Saved,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Self::Upload,
        Self::Recognize,
        Self::Customize,
        Self::Script,
        Self::Images,
        Self::Voice,
        Self::Video,
        Self::Saved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upload => "upload",
            Self::Recognize => "recognize",
            Self::Customize => "customize",
            Self::Script => "script",
            Self::Images => "images",
            Self::Voice => "voice",
            Self::Video => "video",
            Self::Saved => "saved",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Self::ALL.into_iter().find(|stage| stage.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SceneImage {
    pub scene_id: String,
    pub path: String,
    /// True when the scene could not be drawn and a plain card stands in for it.
    pub placeholder: bool,
    /// What the picture was drawn from: the scene's words read as a plan.
    #[serde(default)]
    pub plan: ScenePlan,
    /// The plan's elements the picture contains, by their catalogue names.
    #[serde(default)]
    pub drawn: Vec<String>,
    /// How the child's figure moves in the scene (from what the words say it does, or the
    /// parent's choice); `None` when it glides as drawn (a figure that could not be rigged).
    #[serde(default)]
    pub motion: Option<Motion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct SceneAudio {
    pub scene_id: String,
    pub path: String,
    pub duration_sec: f64,
}

/// What the pipeline has produced so far for a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Default)]
pub struct RunMedia {
    pub images: Vec<SceneImage>,
    pub audio: Vec<SceneAudio>,
    pub video_path: Option<String>,
    pub thumbnail_path: Option<String>,
    pub duration_sec: Option<f64>,
    /// Things the parent should know about the last render ("scene 3 used a plain card").
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Run {
    pub id: String,
    pub drawing: Drawing,
    pub stage: Stage,
    pub analysis: Option<DrawingAnalysis>,
    pub customization: Option<Customization>,
    pub script: Option<StoryScript>,
    /// Who wrote the story's draft: this computer or the family's service.
    #[serde(default)]
    pub story_engine: crate::Engine,
    pub media: RunMedia,
    /// The library entry this run was saved as, if any.
    pub library_entry_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A run as listed on the welcome screen ("continue where you left off").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct RunSummary {
    pub id: String,
    pub title: String,
    pub stage: Stage,
    pub thumbnail_path: String,
    pub updated_at: String,
}
