//! What every answer passes before the app keeps it or the server sends it, whichever engine
//! wrote it: a story the app can render (title, 1 to 12 scenes, lengths, ids, no hidden
//! characters) in words fit for a child, and recognition words of a sane size.

use model::{StoryScript, StoryScriptError, MAX_SCENES};

use crate::wire::DrawingFacts;

/// Words that do not belong in a bedtime story for a small child, matched as whole words.
const UNKIND_WORDS: [&str; 14] = [
    "kill", "killed", "dead", "die", "blood", "hate", "stupid", "ugly", "evil", "gun", "murder", "hurt",
    "attack", "shut up",
];

/// The longest recognition word list a service may send, and the longest phrase in it.
const MAX_SUGGESTIONS: usize = 12;
const MAX_PHRASE_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error(transparent)]
    Script(#[from] StoryScriptError),
    #[error("the story has {0} scenes; a storybook has 1 to {MAX_SCENES}")]
    SceneCount(usize),
    #[error("the story uses the word {0:?}, which is not for a small child")]
    Unkind(String),
    #[error("the recognition words are too long or too many")]
    OversizedFacts,
    #[error("the recognition words have a hidden control character")]
    ControlCharacter,
}

/// The checks a story passes before it is stored or sent.
pub fn check_story(script: &StoryScript) -> Result<(), AnswerError> {
    if script.scenes.is_empty() || script.scenes.len() > MAX_SCENES {
        return Err(AnswerError::SceneCount(script.scenes.len()));
    }
    script.validate_for_render()?;
    let mut text = script.title.to_lowercase();
    for scene in &script.scenes {
        text.push('\n');
        text.push_str(&scene.text.to_lowercase());
    }
    if let Some(word) = UNKIND_WORDS.iter().find(|word| contains_whole(&text, word)) {
        return Err(AnswerError::Unkind((*word).to_owned()));
    }
    Ok(())
}

/// The checks recognition words pass before they are shown to the parent.
pub fn check_facts(facts: &DrawingFacts) -> Result<(), AnswerError> {
    let phrases = [&facts.subject, &facts.setting, &facts.mood]
        .into_iter()
        .chain(&facts.subject_suggestions)
        .chain(&facts.setting_suggestions)
        .chain(&facts.mood_suggestions);
    let lists = [&facts.subject_suggestions, &facts.setting_suggestions, &facts.mood_suggestions];
    if lists.iter().any(|list| list.len() > MAX_SUGGESTIONS) || facts.colors.len() > MAX_SUGGESTIONS {
        return Err(AnswerError::OversizedFacts);
    }
    for phrase in phrases {
        if phrase.chars().count() > MAX_PHRASE_CHARS {
            return Err(AnswerError::OversizedFacts);
        }
        if phrase.chars().any(char::is_control) {
            return Err(AnswerError::ControlCharacter);
        }
    }
    Ok(())
}

fn contains_whole(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::Scene;

    fn story(text: &str) -> StoryScript {
        StoryScript { title: "Pig's walk".into(), scenes: vec![Scene::new("s1", text)] }
    }

    #[test]
    fn a_kind_story_passes_and_an_unkind_word_does_not() {
        assert_eq!(check_story(&story("Pig skipped to the pond.")), Ok(()));
        assert_eq!(
            check_story(&story("The dragon wanted to kill Pig.")),
            Err(AnswerError::Unkind("kill".into()))
        );
        assert_eq!(check_story(&story("Pig found a skillet.")), Ok(()), "only whole words count");
    }

    #[test]
    fn a_story_needs_scenes_and_a_title() {
        let empty = StoryScript { title: "Pig".into(), scenes: vec![] };
        assert_eq!(check_story(&empty), Err(AnswerError::SceneCount(0)));
        let untitled = StoryScript { title: " ".into(), ..story("Pig hops.") };
        assert!(matches!(check_story(&untitled), Err(AnswerError::Script(StoryScriptError::MissingTitle))));
    }

    #[test]
    fn recognition_words_are_bounded() {
        let mut facts = DrawingFacts { subject: "a pig".into(), ..DrawingFacts::default() };
        assert_eq!(check_facts(&facts), Ok(()));
        facts.mood = "x".repeat(200);
        assert_eq!(check_facts(&facts), Err(AnswerError::OversizedFacts));
        facts.mood = "happy\u{7}".into();
        assert_eq!(check_facts(&facts), Err(AnswerError::ControlCharacter));
    }
}
