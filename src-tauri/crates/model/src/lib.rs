//! The storybook's domain types, shared by the core, the media engine, the cloud client, the
//! services server and the UI bindings; they live below all of them so none depends on another
//! just to name a drawing or a scene.

mod analysis;
mod customization;
mod drawing;
mod engine;
mod library;
mod plan;
mod rig;
mod run;
mod story;

pub use analysis::{AnalysisSource, DrawingAnalysis, FigureBox, PaletteColor};
pub use customization::{ChildAge, Customization, PersonalContext, Style, Theme, VoiceType};
pub use drawing::{Drawing, ImageFormat};
pub use engine::{Answered, Engine};
pub use library::{LibraryEntry, SyncState};
pub use plan::{Action, ScenePlan, TimeOfDay, Weather, HERO};
pub use rig::{Joint, JointKind, Limb, LimbKind, Motion, Rig};
pub use run::{Run, RunMedia, RunSummary, SceneAudio, SceneImage, Stage};
pub use story::{
    is_valid_scene_id, Scene, StoryScript, StoryScriptError, MAX_SCENES, MAX_SCENE_ID_CHARS,
    MAX_SCENE_TEXT_CHARS, MAX_SCRIPT_JSON_BYTES, MAX_TITLE_CHARS, MAX_WORD_CHARS,
};
