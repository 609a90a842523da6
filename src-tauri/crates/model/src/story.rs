//! The story the parent edits in the Script step: a title and an ordered list of scenes.

use serde::{Deserialize, Serialize};
use specta::Type;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SCENES: usize = 12;
pub const MAX_SCENE_TEXT_CHARS: usize = 600;

/// One page of the storybook. `id` is stable across edits and reordering, so a scene's rendered
/// picture and narration follow it; its number is its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Scene {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
pub struct StoryScript {
    pub title: String,
    pub scenes: Vec<Scene>,
}

/// Why a script cannot be kept or rendered, in words for the parent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoryScriptError {
    #[error("The title is too long (at most {MAX_TITLE_CHARS} characters).")]
    TitleTooLong,
    #[error("A story can have at most {MAX_SCENES} scenes.")]
    TooManyScenes,
    #[error("Scene {0} is too long (at most {MAX_SCENE_TEXT_CHARS} characters).")]
    SceneTooLong(usize),
    #[error("Two scenes share the id {0}.")]
    DuplicateSceneId(String),
    #[error("The story needs a title before it can be made into a video.")]
    MissingTitle,
    #[error("The story needs at least one scene before it can be made into a video.")]
    NoScenes,
    #[error("Scene {0} is empty; write something or remove it.")]
    EmptyScene(usize),
}

impl StoryScript {
    /// Checks that can fail while the parent is still typing: sizes and ids. A draft may be empty.
    pub fn validate_draft(&self) -> Result<(), StoryScriptError> {
        if self.title.chars().count() > MAX_TITLE_CHARS {
            return Err(StoryScriptError::TitleTooLong);
        }
        if self.scenes.len() > MAX_SCENES {
            return Err(StoryScriptError::TooManyScenes);
        }
        let mut seen = std::collections::HashSet::new();
        for (index, scene) in self.scenes.iter().enumerate() {
            if scene.text.chars().count() > MAX_SCENE_TEXT_CHARS {
                return Err(StoryScriptError::SceneTooLong(index + 1));
            }
            if !seen.insert(scene.id.as_str()) {
                return Err(StoryScriptError::DuplicateSceneId(scene.id.clone()));
            }
        }
        Ok(())
    }

    /// Everything a video needs: a title and no empty scene.
    pub fn validate_for_render(&self) -> Result<(), StoryScriptError> {
        self.validate_draft()?;
        if self.title.trim().is_empty() {
            return Err(StoryScriptError::MissingTitle);
        }
        if self.scenes.is_empty() {
            return Err(StoryScriptError::NoScenes);
        }
        if let Some(index) = self.scenes.iter().position(|s| s.text.trim().is_empty()) {
            return Err(StoryScriptError::EmptyScene(index + 1));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(id: &str, text: &str) -> Scene {
        Scene { id: id.into(), text: text.into() }
    }

    #[test]
    fn an_empty_draft_is_kept_but_cannot_be_rendered() {
        let draft = StoryScript::default();
        assert_eq!(draft.validate_draft(), Ok(()));
        assert_eq!(draft.validate_for_render(), Err(StoryScriptError::MissingTitle));
    }

    #[test]
    fn render_check_names_the_empty_scene_by_position() {
        let script =
            StoryScript { title: "Garlic".into(), scenes: vec![scene("a", "Hi."), scene("b", "  ")] };
        assert_eq!(script.validate_for_render(), Err(StoryScriptError::EmptyScene(2)));
    }

    #[test]
    fn duplicate_scene_ids_are_refused() {
        let script = StoryScript { title: "T".into(), scenes: vec![scene("a", "x"), scene("a", "y")] };
        assert_eq!(script.validate_draft(), Err(StoryScriptError::DuplicateSceneId("a".into())));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let script = StoryScript { title: "é".repeat(MAX_TITLE_CHARS), scenes: vec![] };
        assert_eq!(script.validate_draft(), Ok(()));
    }
}
