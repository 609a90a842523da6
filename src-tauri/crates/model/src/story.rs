//! The story the parent edits in the Script step: a title and an ordered list of scenes.
//!
//! A script reaches the app from the parent's edits, the story engine, the command line and the
//! store, and its text ends up in speech engines, subtitle drawing and folder names; the limits
//! that keep all of those bounded live here, with the type, so every way in checks the same rules.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::rig::Motion;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SCENES: usize = 12;
pub const MAX_SCENE_TEXT_CHARS: usize = 600;
/// The longest run of characters without a space: about what fits across one subtitle line, so
/// the subtitle drawing can always wrap the text and the narrator never spells out a wall of
/// letters. It leaves room for a 40-letter name with a possessive, quotes and a mark around it.
pub const MAX_WORD_CHARS: usize = 48;
/// Scene ids name folders and files, so they are short and plain.
pub const MAX_SCENE_ID_CHARS: usize = 64;
/// The most a script read as JSON may take: far more than the largest script the limits above
/// allow, however it is escaped or indented, and small enough to read at once.
pub const MAX_SCRIPT_JSON_BYTES: usize = 256 * 1024;

/// One page of the storybook. `id` is stable across edits and reordering, so a scene's rendered
/// picture and narration follow it; its number is its position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Scene {
    pub id: String,
    pub text: String,
    /// What the child's figure does in the scene when the parent chose it; without a choice
    /// it does what the words say (a scene where it jumps shows a jump).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub motion: Option<Motion>,
}

impl Scene {
    /// A scene whose figure does what its words say.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self { id: id.into(), text: text.into(), motion: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
pub struct StoryScript {
    pub title: String,
    pub scenes: Vec<Scene>,
}

/// Why a script cannot be kept or rendered, in words for the parent. Scenes are named by their
/// position, counting from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoryScriptError {
    #[error("The title is too long (at most {MAX_TITLE_CHARS} characters).")]
    TitleTooLong,
    #[error("The title has a hidden control character in it; please type the title again.")]
    TitleControlCharacter,
    #[error("A story can have at most {MAX_SCENES} scenes.")]
    TooManyScenes,
    #[error("Scene {0} is too long (at most {MAX_SCENE_TEXT_CHARS} characters).")]
    SceneTooLong(usize),
    #[error(
        "Scene {0} has a word longer than {MAX_WORD_CHARS} letters; add a space so it fits on the screen."
    )]
    WordTooLong(usize),
    #[error("Scene {0} has a hidden control character in it; please type that scene again.")]
    SceneControlCharacter(usize),
    #[error(
        "This story has a scene the app can't read (its id, on scene {0}, is not 1 to \
         {MAX_SCENE_ID_CHARS} letters, digits, '-' or '_'). Please remove that scene and write it again."
    )]
    BadSceneId(usize),
    #[error("Two scenes share the id {0}.")]
    DuplicateSceneId(String),
    #[error("The story needs a title before it can be made into a video.")]
    MissingTitle,
    #[error("The story needs at least one scene before it can be made into a video.")]
    NoScenes,
    #[error("Scene {0} is empty; write something or remove it.")]
    EmptyScene(usize),
    /// The text is not a script at all, or far too large to be one; the field says why, for logs.
    #[error("This story can't be opened: it is damaged or was not made by this app.")]
    Unreadable(String),
}

impl StoryScriptError {
    /// A stable machine code for the UI, the command line and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TitleTooLong => "title_too_long",
            Self::TitleControlCharacter => "title_control_character",
            Self::TooManyScenes => "too_many_scenes",
            Self::SceneTooLong(_) => "scene_too_long",
            Self::WordTooLong(_) => "word_too_long",
            Self::SceneControlCharacter(_) => "scene_control_character",
            Self::BadSceneId(_) => "bad_scene_id",
            Self::DuplicateSceneId(_) => "duplicate_scene_id",
            Self::MissingTitle => "missing_title",
            Self::NoScenes => "no_scenes",
            Self::EmptyScene(_) => "empty_scene",
            Self::Unreadable(_) => "unreadable_script",
        }
    }
}

/// True for an id that is safe as a folder name and in a tool's file list: 1 to
/// [`MAX_SCENE_ID_CHARS`] ASCII letters, digits, `-` and `_` (UUIDs and ids such as `s1`).
pub fn is_valid_scene_id(id: &str) -> bool {
    (1..=MAX_SCENE_ID_CHARS).contains(&id.len())
        && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// Line breaks and tabs are how text is laid out; every other control character is invisible
/// to the parent and means something else to the tools the text reaches.
fn is_hidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

fn longest_word_chars(text: &str) -> usize {
    text.split(char::is_whitespace).map(|word| word.chars().count()).max().unwrap_or(0)
}

impl StoryScript {
    /// Checks that can fail while the parent is still typing: sizes, ids and characters. A draft
    /// may be empty.
    pub fn validate_draft(&self) -> Result<(), StoryScriptError> {
        if self.title.chars().count() > MAX_TITLE_CHARS {
            return Err(StoryScriptError::TitleTooLong);
        }
        if self.title.chars().any(char::is_control) {
            return Err(StoryScriptError::TitleControlCharacter);
        }
        if self.scenes.len() > MAX_SCENES {
            return Err(StoryScriptError::TooManyScenes);
        }
        let mut seen = std::collections::HashSet::new();
        for (index, scene) in self.scenes.iter().enumerate() {
            let number = index + 1;
            if !is_valid_scene_id(&scene.id) {
                return Err(StoryScriptError::BadSceneId(number));
            }
            if !seen.insert(scene.id.as_str()) {
                return Err(StoryScriptError::DuplicateSceneId(scene.id.clone()));
            }
            if scene.text.chars().count() > MAX_SCENE_TEXT_CHARS {
                return Err(StoryScriptError::SceneTooLong(number));
            }
            if scene.text.chars().any(is_hidden_control) {
                return Err(StoryScriptError::SceneControlCharacter(number));
            }
            if longest_word_chars(&scene.text) > MAX_WORD_CHARS {
                return Err(StoryScriptError::WordTooLong(number));
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

    /// A script read from JSON (a file, the store, another program), kept only when it passes
    /// [`StoryScript::validate_draft`]; anything else is an error the caller can show.
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Self, StoryScriptError> {
        let json = json.as_ref();
        if json.len() > MAX_SCRIPT_JSON_BYTES {
            return Err(StoryScriptError::Unreadable(format!(
                "{} bytes, more than the {MAX_SCRIPT_JSON_BYTES} a script may take",
                json.len()
            )));
        }
        let script: Self =
            serde_json::from_slice(json).map_err(|error| StoryScriptError::Unreadable(error.to_string()))?;
        script.validate_draft()?;
        Ok(script)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(id: &str, text: &str) -> Scene {
        Scene::new(id, text)
    }

    fn story(scenes: Vec<Scene>) -> StoryScript {
        StoryScript { title: "Garlic".into(), scenes }
    }

    #[test]
    fn an_empty_draft_is_kept_but_cannot_be_rendered() {
        let draft = StoryScript::default();
        assert_eq!(draft.validate_draft(), Ok(()));
        assert_eq!(draft.validate_for_render(), Err(StoryScriptError::MissingTitle));
    }

    #[test]
    fn render_check_names_the_empty_scene_by_position() {
        let script = story(vec![scene("a", "Hi."), scene("b", "  ")]);
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

    #[test]
    fn ids_the_app_and_the_story_engine_make_are_valid() {
        for id in
            ["s1", "a", "3f2b9c1e-8d7a-4c3b-9e1f-0a2b3c4d5e6f", "s-5ce7e0a1-12", "scene_7", &"x".repeat(64)]
        {
            assert!(is_valid_scene_id(id), "{id}");
            assert_eq!(story(vec![scene(id, "Hi.")]).validate_for_render(), Ok(()), "{id}");
        }
    }

    #[test]
    fn ids_that_could_leave_the_scene_folder_or_break_a_file_list_are_refused() {
        let too_long = "x".repeat(MAX_SCENE_ID_CHARS + 1);
        for id in
            ["../../../../tmp/x", "s1\nfile '/etc/passwd'", "", too_long.as_str(), "a b", "a.b", "é", "a/b"]
        {
            let script = story(vec![scene("ok", "Hi."), scene(id, "There.")]);
            assert_eq!(script.validate_draft(), Err(StoryScriptError::BadSceneId(2)), "{id:?}");
        }
    }

    #[test]
    fn a_bad_id_is_explained_in_plain_words_without_repeating_it() {
        let message = StoryScriptError::BadSceneId(3).to_string();
        assert!(
            message.starts_with("This story has a scene the app can't read (its id, on scene 3"),
            "{message}"
        );
        assert!(message.contains("Please remove that scene"), "{message}");
        assert_eq!(StoryScriptError::BadSceneId(3).code(), "bad_scene_id");
    }

    #[test]
    fn a_word_too_long_to_wrap_on_screen_is_refused() {
        let longest = "a".repeat(MAX_WORD_CHARS);
        let fits = story(vec![scene("a", &format!("Say {longest} now."))]);
        assert_eq!(fits.validate_draft(), Ok(()));
        let marked = story(vec![scene("a", &format!("Say {longest}!"))]);
        assert_eq!(marked.validate_draft(), Err(StoryScriptError::WordTooLong(1)), "the mark counts too");
        let wall = story(vec![scene("a", "Fine."), scene("b", &"z".repeat(MAX_SCENE_TEXT_CHARS))]);
        assert_eq!(wall.validate_draft(), Err(StoryScriptError::WordTooLong(2)));
        assert!(StoryScriptError::WordTooLong(2).to_string().contains("add a space"));
    }

    #[test]
    fn line_breaks_and_tabs_are_text_but_other_control_characters_are_refused() {
        let laid_out = story(vec![scene("a", "One.\r\nTwo.\n\tThree.")]);
        assert_eq!(laid_out.validate_for_render(), Ok(()));
        for hidden in ["\u{0}", "\u{7}", "\u{1b}[2J", "\u{8}", "\u{7f}", "\u{85}"] {
            let script = story(vec![scene("a", "Hi."), scene("b", &format!("Hi{hidden}there."))]);
            assert_eq!(
                script.validate_draft(),
                Err(StoryScriptError::SceneControlCharacter(2)),
                "{hidden:?}"
            );
        }
        let title = StoryScript { title: "Garlic\nMonster".into(), scenes: vec![] };
        assert_eq!(title.validate_draft(), Err(StoryScriptError::TitleControlCharacter));
    }

    #[test]
    fn the_largest_script_the_limits_allow_is_read_back_from_json() {
        let full = StoryScript {
            title: "\u{1F600}".repeat(MAX_TITLE_CHARS),
            scenes: (0..MAX_SCENES)
                .map(|index| {
                    let id = format!("{index:0>64}");
                    scene(&id, &"\"\té\" ".repeat(MAX_SCENE_TEXT_CHARS / 5))
                })
                .collect(),
        };
        assert_eq!(full.validate_draft(), Ok(()));
        let pretty = serde_json::to_string_pretty(&full).expect("serializes");
        assert!(pretty.len() < MAX_SCRIPT_JSON_BYTES / 4, "{} bytes", pretty.len());
        assert_eq!(StoryScript::from_json(&pretty), Ok(full));
    }

    #[test]
    fn reading_a_script_enforces_the_same_rules_as_saving_it() {
        let escaping = r#"{"title":"T","scenes":[{"id":"../../../../tmp/x","text":"Hi."}]}"#;
        assert_eq!(StoryScript::from_json(escaping), Err(StoryScriptError::BadSceneId(1)));
        let thirteen: Vec<String> =
            (0..=MAX_SCENES).map(|i| format!(r#"{{"id":"s{i}","text":"Hi."}}"#)).collect();
        let crowded = format!(r#"{{"title":"T","scenes":[{}]}}"#, thirteen.join(","));
        assert_eq!(StoryScript::from_json(crowded), Err(StoryScriptError::TooManyScenes));
    }

    #[test]
    fn text_that_is_not_a_script_or_is_far_too_big_cannot_be_opened() {
        let broken = StoryScript::from_json("{\"title\": 3}");
        assert!(matches!(broken, Err(StoryScriptError::Unreadable(_))), "{broken:?}");
        let huge =
            format!(r#"{{"title":"T","scenes":[],"padding":"{}"}}"#, " ".repeat(MAX_SCRIPT_JSON_BYTES));
        let refused = StoryScript::from_json(huge).expect_err("too big");
        assert_eq!(refused.code(), "unreadable_script");
        assert_eq!(
            refused.to_string(),
            "This story can't be opened: it is damaged or was not made by this app."
        );
        assert!(matches!(&refused, StoryScriptError::Unreadable(detail) if detail.contains("bytes")));
    }
}
