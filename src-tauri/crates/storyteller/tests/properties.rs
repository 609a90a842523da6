//! Properties every written story must have, checked over hundreds of combinations of seed,
//! theme, age, drawing and family details: what a parent reading the script would check.

use std::collections::HashSet;

use model::{Customization, DrawingAnalysis, PaletteColor, PersonalContext, StoryScript, Theme};
use storyteller::write_story;

mod support;
use support::sentences;

const SUBJECTS: [&str; 9] = [
    "a garlic monster",
    "An octopus",
    "two cats",
    "Mr. Snuggles",
    "a princess with a sparkly crown",
    "",
    "dragon",
    "a cat and a dog",
    "robot",
];

/// What the subject should look like somewhere in the story (lower case).
fn expected_subject_text(subject: &str) -> &'static str {
    match subject {
        "a garlic monster" => "garlic monster",
        "An octopus" => "octopus",
        "two cats" => "two cats",
        "Mr. Snuggles" => "mr snuggles",
        "a princess with a sparkly crown" => "princess with a sparkly crown",
        "" => "little",
        "dragon" => "dragon",
        "a cat and a dog" => "the cat and the dog",
        "robot" => "robot",
        _ => "",
    }
}

/// The word of the subject a title should show.
fn subject_head(subject: &str) -> &'static str {
    match subject {
        "a garlic monster" => "monster",
        "An octopus" => "octopus",
        "two cats" => "cats",
        "Mr. Snuggles" => "snuggles",
        "a princess with a sparkly crown" => "princess",
        "" => "creature",
        "dragon" => "dragon",
        "a cat and a dog" => "dog",
        "robot" => "robot",
        _ => "",
    }
}

#[derive(Clone)]
struct Family {
    context: PersonalContext,
    /// How each given detail must appear in the text.
    name: Option<&'static str>,
    pet: Option<&'static str>,
    place: Option<&'static str>,
}

fn families() -> Vec<Family> {
    let context = |n: &str, p: &str, l: &str| PersonalContext {
        child_name: n.to_string(),
        pet: p.to_string(),
        place: l.to_string(),
    };
    vec![
        Family { context: context("", "", ""), name: None, pet: None, place: None },
        Family {
            context: context("Maya", "dog named Biscuit", "Grandma's house"),
            name: Some("Maya"),
            pet: Some("Biscuit"),
            place: Some("grandma's house"),
        },
        Family {
            context: context("leo", "", "the park"),
            name: Some("Leo"),
            pet: None,
            place: Some("the park"),
        },
        Family { context: context("", "Whiskers", ""), name: None, pet: Some("Whiskers"), place: None },
        Family {
            context: context("Zoë Rose", "a goldfish", "Lisbon"),
            name: Some("Zoë Rose"),
            pet: Some("goldfish"),
            place: Some("lisbon"),
        },
    ]
}

fn analysis(subject: &str, colored: bool) -> DrawingAnalysis {
    let colors = if colored {
        vec![
            PaletteColor { hex: "#7b3fa0".into(), name: "purple".into(), share: 0.6 },
            PaletteColor { hex: "#3fa04a".into(), name: "green".into(), share: 0.3 },
        ]
    } else {
        Vec::new()
    };
    DrawingAnalysis {
        subject: subject.to_string(),
        setting: if colored { "a forest".into() } else { String::new() },
        mood: if colored { "happy".into() } else { String::new() },
        colors,
        ..DrawingAnalysis::default()
    }
}

fn customization(theme: Theme, age: u8, family: &Family) -> Customization {
    Customization {
        theme,
        child_age: age,
        personal_context: family.context.clone(),
        ..Customization::default()
    }
}

/// One generated story and everything it was made from.
struct Case<'a> {
    story: StoryScript,
    theme: Theme,
    age: u8,
    family: &'a Family,
    subject: &'static str,
    drawing: DrawingAnalysis,
    seed: u64,
}

/// Every combination the broad checks run over: seeds x themes x ages x family details, with
/// the subject and colours varying with the seed.
fn each_story(seeds: u64, mut check: impl FnMut(&Case)) {
    let families = families();
    for seed in 0..seeds {
        let subject = SUBJECTS[(seed as usize) % SUBJECTS.len()];
        let drawing = analysis(subject, seed % 3 != 0);
        for theme in Theme::ALL {
            for age in 2..=10u8 {
                for family in [&families[0], &families[1 + (seed as usize + age as usize) % 4]] {
                    let story = write_story(&drawing, &customization(theme, age, family), seed);
                    check(&Case { story, theme, age, family, subject, drawing: drawing.clone(), seed });
                }
            }
        }
    }
}

fn full_text(story: &StoryScript) -> String {
    story.scenes.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

fn words(sentence: &str) -> Vec<&str> {
    sentence.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect()
}

/// A word without punctuation or possessive, in lower case.
fn plain_word(word: &str) -> String {
    let lower = word.to_lowercase();
    let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
    trimmed.strip_suffix("'s").unwrap_or(trimmed).to_string()
}

fn whole_word_count(text: &str, needle: &str) -> usize {
    text.match_indices(needle)
        .filter(|(at, _)| {
            let before = text[..*at].chars().last().is_none_or(|c| !c.is_alphanumeric());
            let after = text[at + needle.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
        .count()
}

fn band(age: u8) -> usize {
    match age {
        2..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

#[test]
fn every_story_can_be_rendered_and_has_the_right_number_of_scenes() {
    let mut stories = 0;
    each_story(40, |case| {
        let (story, theme, age) = (&case.story, case.theme, case.age);
        stories += 1;
        assert_eq!(story.validate_for_render(), Ok(()), "{} age {age}: {story:?}", theme.as_str());
        let count = story.scenes.len();
        let (low, high) = [(4, 5), (5, 6), (6, 8)][band(age)];
        assert!((low..=high).contains(&count), "age {age} got {count} scenes");
        assert!(!story.title.trim().is_empty() && story.title.chars().count() <= 120);
    });
    assert!(stories >= 3000);
}

#[test]
fn older_children_get_more_scenes_on_average() {
    let mut totals = [0usize; 3];
    let mut counts = [0usize; 3];
    each_story(20, |case| {
        totals[band(case.age)] += case.story.scenes.len();
        counts[band(case.age)] += 1;
    });
    let averages: Vec<f64> = (0..3).map(|b| totals[b] as f64 / counts[b] as f64).collect();
    assert!(averages[0] < averages[1] && averages[1] < averages[2], "averages {averages:?}");
}

#[test]
fn the_child_pet_and_place_appear_whenever_given() {
    each_story(40, |case| {
        let (story, theme, age, family) = (&case.story, case.theme, case.age, case.family);
        let text = full_text(story);
        let lower = text.to_lowercase();
        if let Some(name) = family.name {
            let count = whole_word_count(&text, name);
            assert!(count >= 2, "{} age {age}: {name} appears {count} times in {text}", theme.as_str());
        }
        if let Some(pet) = family.pet {
            assert!(lower.contains(&pet.to_lowercase()), "{} age {age}: no {pet} in {text}", theme.as_str());
        }
        if let Some(place) = family.place {
            assert!(lower.contains(place), "{} age {age}: no {place} in {text}", theme.as_str());
        }
    });
}

#[test]
fn no_story_shows_template_marks_placeholders_or_broken_punctuation() {
    each_story(40, |case| {
        let (story, theme, age) = (&case.story, case.theme, case.age);
        for text in story.scenes.iter().map(|s| s.text.as_str()).chain([story.title.as_str()]) {
            let lower = text.to_lowercase();
            for bad in
                ["{", "}", "[", "]", "<", ">", "|", "#", "null", "undefined", "  ", " ,", " .", ",.", ".."]
            {
                assert!(!lower.contains(bad), "{} age {age}: {bad:?} in {text}", theme.as_str());
            }
            assert_eq!(text, text.trim());
        }
        for scene in &story.scenes {
            assert!(scene.text.ends_with(['.', '!', '?', '"']), "unfinished scene: {}", scene.text);
            let mut after_speech = false;
            for sentence in sentences(&scene.text) {
                assert!(!words(&sentence).is_empty(), "empty sentence in {}", scene.text);
                // `"Hooray!" said the owl.` splits into the speech and its tag, which is lower case.
                if !after_speech {
                    let first = sentence.chars().find(|c| c.is_alphabetic());
                    assert!(
                        first.is_some_and(char::is_uppercase),
                        "lower-case start: {sentence:?} in {}",
                        scene.text
                    );
                }
                after_speech = sentence.ends_with('"');
            }
        }
    });
}

#[test]
fn sentences_fit_the_childs_age() {
    let mut long_words = [0usize; 3];
    let mut all_words = [0usize; 3];
    each_story(40, |case| {
        let (story, theme, age) = (&case.story, case.theme, case.age);
        let all: Vec<String> = story.scenes.iter().flat_map(|s| sentences(&s.text)).collect();
        let lengths: Vec<usize> = all.iter().map(|s| words(s).len()).collect();
        let average = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
        let longest = lengths.iter().copied().max().unwrap_or_default();
        // The subject is used as the parent typed it; a long one ("a cat and a dog") lengthens
        // every sentence that names the hero.
        let subject_words = words(expected_subject_text(case.subject)).len();
        let limit = [7.0, 11.0, 16.0][band(age)] + subject_words.saturating_sub(2) as f64 / 2.0;
        assert!(average <= limit, "{} age {age}: average {average:.1} words: {story:?}", theme.as_str());
        if band(age) == 0 {
            let allowed = 10 + subject_words.saturating_sub(2);
            let at = lengths.iter().position(|l| *l == longest).unwrap_or_default();
            assert!(longest <= allowed, "{} age {age}: {longest} words in {:?}", theme.as_str(), all[at]);
        }
        // Words the family typed, and the stand-in for a missing subject, are not the story's
        // own vocabulary.
        let context = &case.family.context;
        let typed =
            format!("{} {} {} {} creature", case.subject, context.child_name, context.pet, context.place);
        let typed: HashSet<String> = typed.split_whitespace().map(plain_word).collect();
        for word in all.iter().flat_map(|s| words(s).into_iter().map(plain_word).collect::<Vec<_>>()) {
            if typed.contains(&word) {
                continue;
            }
            all_words[band(age)] += 1;
            if word.chars().count() >= 8 {
                long_words[band(age)] += 1;
            }
        }
    });
    let share: Vec<f64> = (0..3).map(|b| long_words[b] as f64 / all_words[b] as f64).collect();
    assert!(share[0] < share[1] && share[1] < share[2], "share of long words by age band: {share:?}");
    assert!(share[0] < 0.04, "toddler stories use too many long words: {share:?}");
}

#[test]
fn themes_tell_different_stories() {
    let family = &families()[1];
    for seed in 0..30u64 {
        for age in [3u8, 5, 8] {
            let drawing = analysis(SUBJECTS[seed as usize % SUBJECTS.len()], true);
            let vocabularies: Vec<HashSet<String>> = Theme::ALL
                .iter()
                .map(|theme| {
                    let story = write_story(&drawing, &customization(*theme, age, family), seed);
                    full_text(&story)
                        .to_lowercase()
                        .split(|c: char| !c.is_alphanumeric() && c != '\'')
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            for a in 0..vocabularies.len() {
                for b in a + 1..vocabularies.len() {
                    let shared = vocabularies[a].intersection(&vocabularies[b]).count() as f64;
                    let union = vocabularies[a].union(&vocabularies[b]).count() as f64;
                    let overlap = shared / union;
                    assert!(
                        overlap < 0.5,
                        "seed {seed} age {age}: {} and {} share {overlap:.2} of their words",
                        Theme::ALL[a].as_str(),
                        Theme::ALL[b].as_str()
                    );
                }
            }
        }
    }
}

#[test]
fn the_same_seed_writes_the_same_story_with_stable_unique_ids() {
    each_story(10, |case| {
        let story = &case.story;
        let again = write_story(&case.drawing, &customization(case.theme, case.age, case.family), case.seed);
        assert_eq!(&again, story, "seed {} wrote two different stories", case.seed);
        let ids: HashSet<&str> = story.scenes.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), story.scenes.len(), "scene ids repeat: {story:?}");
        for (index, scene) in story.scenes.iter().enumerate() {
            let parts: Vec<&str> = scene.id.split('-').collect();
            assert_eq!(parts.len(), 3, "{}", scene.id);
            assert_eq!(parts[0], "s");
            assert!(parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit()), "{}", scene.id);
            assert_eq!(parts[2], (index + 1).to_string());
        }
    });
}

#[test]
fn different_seeds_write_different_stories() {
    for family in families().iter().take(2) {
        for theme in Theme::ALL {
            for age in [2u8, 5, 9] {
                let drawing = analysis("a garlic monster", true);
                let stories: Vec<StoryScript> = (0..50u64)
                    .map(|seed| write_story(&drawing, &customization(theme, age, family), seed * 7919 + 1))
                    .collect();
                let texts: HashSet<String> = stories.iter().map(full_text).collect();
                assert!(
                    texts.len() >= 48,
                    "{} age {age}: only {} of 50 stories differ",
                    theme.as_str(),
                    texts.len()
                );
                let titles: HashSet<&str> = stories.iter().map(|s| s.title.as_str()).collect();
                assert!(titles.len() >= 3, "{} age {age}: titles never vary", theme.as_str());
            }
        }
    }
}

#[test]
fn the_drawing_is_what_the_story_is_about() {
    each_story(27, |case| {
        let (theme, age) = (case.theme, case.age);
        let lower = full_text(&case.story).to_lowercase();
        let expected = expected_subject_text(case.subject);
        assert!(lower.contains(expected), "{} age {age}: {expected:?} missing: {lower}", theme.as_str());
        for wrong in ["a octopus", "the an ", "the a ", "a a ", "the the ", "the mr snuggles", "a two cats"] {
            assert!(!lower.contains(wrong), "{} age {age}: {wrong:?} in {lower}", theme.as_str());
        }
    });
}

#[test]
fn titles_name_the_drawing_or_the_child() {
    each_story(18, |case| {
        let title = case.story.title.to_lowercase();
        let head = subject_head(case.subject);
        let name = case.family.name.map(str::to_lowercase);
        let named = title.contains(head) || name.is_some_and(|n| title.contains(&n));
        assert!(
            named,
            "{} age {}: title {:?} names neither {head:?} nor the child",
            case.theme.as_str(),
            case.age,
            case.story.title
        );
        let first = case.story.title.chars().next();
        assert!(first.is_some_and(char::is_uppercase), "title {:?}", case.story.title);
    });
}

#[test]
fn plural_subjects_keep_verbs_in_agreement() {
    for subject in ["two cats", "a cat and a dog"] {
        for theme in Theme::ALL {
            for age in 2..=10u8 {
                for seed in 0..12 {
                    let story = write_story(
                        &analysis(subject, true),
                        &customization(theme, age, &families()[2]),
                        seed,
                    );
                    let text = format!("{} {}", story.title, full_text(&story)).to_lowercase();
                    for wrong in [
                        "this is two",
                        "here is two",
                        "there was two",
                        "this is the cat and",
                        "there was a cat and",
                    ] {
                        assert!(!text.contains(wrong), "{} age {age}: {wrong:?} in {text}", theme.as_str());
                    }
                    for noun in ["cats", "dog"] {
                        for verb in ["was", "is", "has", "goes", "says", "makes", "finds", "gets", "wants"] {
                            let wrong = format!("{noun} {verb} ");
                            assert!(
                                !text.contains(&wrong),
                                "{} age {age}: {wrong:?} in {text}",
                                theme.as_str()
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn an_empty_subject_becomes_a_friendly_creature() {
    for theme in Theme::ALL {
        let story = write_story(&analysis("", false), &customization(theme, 5, &families()[0]), 3);
        let text = full_text(&story).to_lowercase();
        assert!(text.contains("little creature"), "{text}");
        assert!(story.title.to_lowercase().contains("creature") || !story.title.is_empty());
    }
}

#[test]
fn placeholder_values_count_as_not_given() {
    let family = Family {
        context: PersonalContext { child_name: "null".into(), pet: "undefined".into(), place: " ".into() },
        name: None,
        pet: None,
        place: None,
    };
    for theme in Theme::ALL {
        for seed in 0..20 {
            let story = write_story(&analysis("undefined", false), &customization(theme, 6, &family), seed);
            let text = format!("{} {}", story.title, full_text(&story)).to_lowercase();
            assert!(!text.contains("null") && !text.contains("undefined"), "{text}");
        }
    }
}

#[test]
fn very_long_inputs_still_fit_the_script_limits() {
    let long = "enormous ".repeat(80);
    let family = Family {
        context: PersonalContext { child_name: long.clone(), pet: long.clone(), place: long.clone() },
        name: None,
        pet: None,
        place: None,
    };
    for theme in Theme::ALL {
        for age in [2u8, 6, 10] {
            for seed in 0..10 {
                let story = write_story(&analysis(&long, true), &customization(theme, age, &family), seed);
                assert_eq!(story.validate_for_render(), Ok(()));
            }
        }
    }
}

#[test]
fn stories_stay_kind() {
    let unkind =
        ["kill", "dead", "die", "blood", "hate", "stupid", "ugly", "evil", "scream", "hurt", "attack", "bad"];
    each_story(20, |case| {
        let (theme, age) = (case.theme, case.age);
        let text = full_text(&case.story).to_lowercase();
        for word in unkind {
            assert_eq!(whole_word_count(&text, word), 0, "{} age {age}: {word:?} in {text}", theme.as_str());
        }
    });
}
