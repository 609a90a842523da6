//! What the pipeline has made for a run, stored with the run after every scene and stage, so a
//! crash or a cancel resumes where it stopped. Paths are relative to the data folder.

use std::collections::BTreeMap;

use model::Motion;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Checkpoint {
    #[serde(default)]
    pub scenes: BTreeMap<String, SceneCheckpoint>,
    #[serde(default)]
    pub video: Option<VideoDone>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SceneCheckpoint {
    #[serde(default)]
    pub image: Option<ImageDone>,
    #[serde(default)]
    pub voice: Option<VoiceDone>,
    #[serde(default)]
    pub clip: Option<ClipDone>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageDone {
    pub key: String,
    pub path: String,
    pub placeholder: bool,
    /// The plan's elements the picture contains (empty for a plain card).
    #[serde(default)]
    pub drawn: Vec<String>,
    /// How the child's figure moves in the scene; `None` when it is shown as drawn.
    #[serde(default)]
    pub motion: Option<Motion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoiceDone {
    pub key: String,
    pub wav: String,
    pub duration_sec: f64,
    pub sentences: Vec<av::SentenceTiming>,
    /// True when speech failed and the scene is silent with its words on screen.
    pub silent: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClipDone {
    /// What the whole clip was made from: its scene and the scene it crossfades out of.
    pub key: String,
    /// What the clip's own frames and sound were made from, without its opening crossfade.
    #[serde(default)]
    pub body_key: String,
    pub path: String,
    pub duration_sec: f64,
    pub placeholder: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VideoDone {
    pub key: String,
    pub path: String,
    pub thumbnail: String,
    pub duration_sec: f64,
}

impl Checkpoint {
    pub fn from_value(value: &serde_json::Value) -> Self {
        serde_json::from_value(value.clone()).unwrap_or_else(|error| {
            tracing::warn!(%error, "an old video checkpoint could not be read; starting the video afresh");
            Self::default()
        })
    }

    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({}))
    }

    pub fn scene(&mut self, scene_id: &str) -> &mut SceneCheckpoint {
        self.scenes.entry(scene_id.to_string()).or_default()
    }
}
