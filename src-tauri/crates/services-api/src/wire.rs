//! The JSON of `POST /api/v1/vision/analyze`, `POST /api/v1/story/generate` and `GET /health`:
//! the original web API's shapes, so its client's requests still work. A request's `drawing`
//! needs only `subject`, `setting` and `mood`; everything the desktop adds is optional.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const ANALYZE_PATH: &str = "/api/v1/vision/analyze";
pub const GENERATE_PATH: &str = "/api/v1/story/generate";
pub const HEALTH_PATH: &str = "/health";

/// The longest side, in pixels, of a drawing sent for recognition.
pub const MAX_SENT_SIDE: u32 = 1024;

/// A drawing to recognize.
/// Unknown fields are ignored: the web version's client also sent a `user_id`, which no service
/// takes from a request (the caller is whoever the token names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AnalyzeRequest {
    /// A PNG or JPEG, base64 (standard alphabet, padded), at most 1024 pixels on its long side
    /// when the app sends it.
    pub image_base64: String,
}

/// What the service saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AnalyzeResponse {
    /// A fresh id for this recognition (the web version's pipeline run).
    pub run_id: String,
    pub drawing: DrawingFacts,
}

/// The words about a drawing that a story is written from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ToSchema)]
pub struct DrawingFacts {
    /// What the child drew ("a garlic monster"); may be empty when nothing was recognized.
    pub subject: String,
    pub setting: String,
    pub mood: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_suggestions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setting_suggestions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mood_suggestions: Vec<String>,
    /// The colours of the figure's ink, most used first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colors: Vec<InkColor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InkColor {
    /// `#rrggbb`.
    pub hex: String,
    /// A plain colour word ("purple").
    pub name: String,
    /// Share of the figure's ink, 0 to 1.
    pub share: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Adventure,
    Friendship,
    Bedtime,
    Silly,
    Brave,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoiceType {
    Gentle,
    Cheerful,
    Grandparent,
}

/// Names and places that make the story the child's own: a line of text (as the web version
/// sent it) or the desktop's three fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum PersonalContext {
    Text(String),
    Details {
        #[serde(default)]
        child_name: String,
        #[serde(default)]
        pet: String,
        #[serde(default)]
        place: String,
    },
}

/// A story to write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StoryRequest {
    pub drawing: DrawingFacts,
    pub theme: Theme,
    pub voice_type: VoiceType,
    /// The child's age in years; stories are written for 2 to 10.
    #[schema(minimum = 0, maximum = 255)]
    pub child_age: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_context: Option<PersonalContext>,
    /// Another number gives another story ("write another"); the same one gives the same story
    /// from the same engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0)]
    pub seed: Option<u64>,
}

/// The story: a title and its scenes in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StoryScript {
    pub title: String,
    pub scenes: Vec<Scene>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Scene {
    /// 1 to 64 letters, digits, `-` or `_`; unique in the story.
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// "ok" while the service answers.
    pub status: String,
    pub version: String,
}

/// Every error the services return: a stable code and a sentence a parent can read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    pub code: String,
    pub message: String,
}

impl From<model::Theme> for Theme {
    fn from(theme: model::Theme) -> Self {
        match theme {
            model::Theme::Adventure => Self::Adventure,
            model::Theme::Friendship => Self::Friendship,
            model::Theme::Bedtime => Self::Bedtime,
            model::Theme::Silly => Self::Silly,
            model::Theme::Brave => Self::Brave,
        }
    }
}

impl From<Theme> for model::Theme {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::Adventure => Self::Adventure,
            Theme::Friendship => Self::Friendship,
            Theme::Bedtime => Self::Bedtime,
            Theme::Silly => Self::Silly,
            Theme::Brave => Self::Brave,
        }
    }
}

impl From<model::VoiceType> for VoiceType {
    fn from(voice: model::VoiceType) -> Self {
        match voice {
            model::VoiceType::Gentle => Self::Gentle,
            model::VoiceType::Cheerful => Self::Cheerful,
            model::VoiceType::Grandparent => Self::Grandparent,
        }
    }
}

impl From<VoiceType> for model::VoiceType {
    fn from(voice: VoiceType) -> Self {
        match voice {
            VoiceType::Gentle => Self::Gentle,
            VoiceType::Cheerful => Self::Cheerful,
            VoiceType::Grandparent => Self::Grandparent,
        }
    }
}

impl DrawingFacts {
    /// The words of a stored analysis (the outline and the parent's crop stay on the computer).
    pub fn from_analysis(analysis: &model::DrawingAnalysis) -> Self {
        Self {
            subject: analysis.subject.clone(),
            setting: analysis.setting.clone(),
            mood: analysis.mood.clone(),
            subject_suggestions: analysis.subject_suggestions.clone(),
            setting_suggestions: analysis.setting_suggestions.clone(),
            mood_suggestions: analysis.mood_suggestions.clone(),
            colors: analysis
                .colors
                .iter()
                .map(|color| InkColor {
                    hex: color.hex.clone(),
                    name: color.name.clone(),
                    share: color.share,
                })
                .collect(),
        }
    }

    /// These words over `analysis` (which keeps its outline, crop and source).
    pub fn apply_to(self, analysis: &mut model::DrawingAnalysis) {
        analysis.subject = self.subject;
        analysis.setting = self.setting;
        analysis.mood = self.mood;
        analysis.subject_suggestions = self.subject_suggestions;
        analysis.setting_suggestions = self.setting_suggestions;
        analysis.mood_suggestions = self.mood_suggestions;
        if !self.colors.is_empty() {
            analysis.colors = self
                .colors
                .into_iter()
                .map(|color| model::PaletteColor { hex: color.hex, name: color.name, share: color.share })
                .collect();
        }
    }
}

impl StoryRequest {
    /// The request for the parent's choices on a drawing.
    pub fn for_run(analysis: &model::DrawingAnalysis, choices: &model::Customization, seed: u64) -> Self {
        let context = &choices.personal_context;
        Self {
            drawing: DrawingFacts::from_analysis(analysis),
            theme: choices.theme.into(),
            voice_type: choices.voice_type.into(),
            child_age: choices.child_age,
            personal_context: (!context.is_empty()).then(|| PersonalContext::Details {
                child_name: context.child_name.clone(),
                pet: context.pet.clone(),
                place: context.place.clone(),
            }),
            seed: Some(seed),
        }
    }
}

impl From<model::StoryScript> for StoryScript {
    fn from(script: model::StoryScript) -> Self {
        Self {
            title: script.title,
            scenes: script.scenes.into_iter().map(|scene| Scene { id: scene.id, text: scene.text }).collect(),
        }
    }
}

impl From<StoryScript> for model::StoryScript {
    fn from(script: StoryScript) -> Self {
        Self {
            title: script.title,
            scenes: script.scenes.into_iter().map(|scene| model::Scene::new(scene.id, scene.text)).collect(),
        }
    }
}
