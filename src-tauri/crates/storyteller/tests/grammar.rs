//! A proofreading pass over thousands of stories: what a parent reading the script aloud would
//! trip over. Capitals only where English puts them, no doubled words, every sentence finished,
//! and no stray spaces.

mod support;

use std::collections::HashSet;

use support::{capitalised, child_names, each_story, pet_names, sentences, Case, Problems};

/// Family words that are names when they stand for a person ("Grandma's house", "Mommy").
const FAMILY_WORDS: [&str; 16] = [
    "mom", "mommy", "mum", "mummy", "mama", "dad", "daddy", "papa", "grandma", "grandpa", "granny", "nana",
    "gran", "grandad", "granddad", "auntie",
];

/// Words a story may write with a capital anywhere: "I", the child's and the pet's names, the
/// hero when it is a name, place names and titles, as the family typed them.
fn capitalised_anywhere(case: &Case) -> HashSet<String> {
    let family = &case.customization.personal_context;
    // "X marks the spot": the letter on a treasure map.
    let mut allowed: HashSet<String> =
        ["I", "I'm", "I'll", "I've", "I'd", "X"].iter().map(|w| w.to_string()).collect();
    allowed.extend(child_names(&family.child_name));
    allowed.extend(pet_names(&family.pet));
    let determiners = ["a", "an", "the", "my", "our"];
    for word in format!("{} {}", case.analysis.subject, family.place).split_whitespace() {
        let bare = core(word);
        let lower = bare.to_lowercase();
        if determiners.contains(&lower.as_str()) {
            continue;
        }
        if bare.chars().next().is_some_and(char::is_uppercase) || FAMILY_WORDS.contains(&lower.as_str()) {
            allowed.insert(capitalised(bare));
        }
    }
    allowed
}

/// The letters-and-apostrophes core of a token ("\"Hello!\"" -> "Hello", "Maya's" -> "Maya").
fn core(token: &str) -> &str {
    let trimmed = token.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.strip_suffix("'s").unwrap_or(trimmed)
}

/// Everything in one scene a proofreader would mark.
fn problems_in(text: &str, allowed: &HashSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    if text != text.trim() {
        found.push("spaces around the scene".to_string());
    }
    for bad in ["  ", " ,", " .", " !", " ?", " ;", " :", ",,", ",.", "..", "!.", "?.", ".,"] {
        if text.contains(bad) {
            found.push(format!("{bad:?}"));
        }
    }
    for sentence in sentences(text) {
        if !sentence.chars().any(char::is_alphanumeric) {
            found.push(format!("empty sentence {sentence:?}"));
        }
        let end = sentence.trim_end_matches(['"', '\'']);
        if !end.ends_with(['.', '!', '?']) {
            found.push(format!("unfinished sentence {sentence:?}"));
        }
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut sentence_start = true;
    for (index, token) in tokens.iter().enumerate() {
        let word = core(token);
        let opens_quote = token.starts_with('"');
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && !sentence_start && !opens_quote && !allowed.contains(word) {
            found.push(format!("capital {word:?}"));
        }
        if let Some(next) = tokens.get(index + 1) {
            let ends_clause = token.ends_with(|c: char| !c.is_alphanumeric() && c != '\'');
            if !ends_clause && !word.is_empty() && word.eq_ignore_ascii_case(core(next)) {
                found.push(format!("doubled word {token:?} {next:?}"));
            }
        }
        let closed = token.trim_end_matches(['"', '\'']);
        sentence_start = closed.ends_with(['.', '!', '?']);
    }
    found
}

#[test]
fn a_thousand_stories_per_theme_read_correctly() {
    let mut scenes = 0;
    let mut problems = Problems::default();
    each_story(1000, |case| {
        let allowed = capitalised_anywhere(case);
        let title = &case.story.title;
        if !title.chars().next().is_some_and(char::is_uppercase)
            || title.contains("  ")
            || title != title.trim()
        {
            problems.add(format!("title {title:?}"), || case.describe());
        }
        for scene in &case.story.scenes {
            scenes += 1;
            for problem in problems_in(&scene.text, &allowed) {
                problems.add(problem, || format!("{:?} ({})", scene.text, case.describe()));
            }
        }
    });
    problems.assert_none("kinds of mistakes");
    assert!(scenes > 25_000, "only {scenes} scenes were read");
}
