//! The words and the picture tell one story: what the planner reads from each scene's text is
//! what the renderer draws, so the text must name the place and mood the parent chose, keep its
//! time of day in order, and leave nothing it names out of the scene's plan.

mod support;

use model::{Theme, TimeOfDay};
use planner::{elements_named_in, plan_story, time_named_in};
use support::{
    child_names, each_story, each_story_of, pet_names, plain_words, sentences, Case, Problems, FAMILIES,
};

/// How the story says a mood the parent chose: as given, except that truly scary moods are
/// told gently.
fn mood_as_told(mood: &str) -> &str {
    match mood {
        "spooky" | "scary" | "creepy" => "mysterious",
        other => other,
    }
}

/// The words of a typed setting a reader would look for ("under the sea" -> "sea").
fn setting_words(setting: &str) -> Vec<String> {
    let skip = ["a", "an", "the", "under", "in", "on", "at"];
    plain_words(setting).into_iter().filter(|w| !skip.contains(&w.as_str())).collect()
}

fn full_text(case: &Case) -> String {
    case.story.scenes.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

#[test]
fn the_place_and_mood_the_parent_chose_are_in_the_words() {
    let (mut settings, mut moods) = (0, 0);
    let mut problems = Problems::default();
    each_story(400, |case| {
        let words = plain_words(&full_text(case));
        let setting = setting_words(&case.analysis.setting);
        if !setting.is_empty() {
            settings += 1;
            if !words.windows(setting.len()).any(|w| w == setting.as_slice()) {
                problems.add(format!("the setting {setting:?} is never said"), || {
                    format!("{:?} ({})", case.story.scenes, case.describe())
                });
            }
        }
        let mood = case.analysis.mood.as_str();
        if !mood.is_empty() {
            moods += 1;
            let told = mood_as_told(mood);
            if !words.iter().any(|w| w == told) {
                problems.add(format!("the mood {told:?} is never said in {}", case.theme().as_str()), || {
                    format!("{:?} ({})", case.story.scenes, case.describe())
                });
            }
        }
    });
    problems.assert_none("places or moods the parent chose are missing from the words");
    assert!(
        settings > 1000 && moods > 1000,
        "too few stories had a setting ({settings}) or a mood ({moods})"
    );
}

fn rank(time: TimeOfDay) -> usize {
    TimeOfDay::ALL.iter().position(|t| *t == time).unwrap_or_default()
}

/// Words that start a new day, after which the time of day may begin again.
fn starts_a_new_day(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    ["next morning", "next day"].iter().any(|p| lower.contains(p))
}

#[test]
fn the_time_of_day_never_goes_backwards() {
    let mut named = 0;
    let mut problems = Problems::default();
    each_story(600, |case| {
        let mut latest: Option<(TimeOfDay, String)> = None;
        for scene in &case.story.scenes {
            for sentence in sentences(&scene.text) {
                if starts_a_new_day(&sentence) {
                    latest = None;
                }
                let Some(time) = time_named_in(&sentence) else { continue };
                named += 1;
                if let Some((before, said)) = &latest {
                    if rank(time) < rank(*before) {
                        problems.add(format!("{sentence:?} ({time:?}) after {said:?} ({before:?})"), || {
                            format!("{:?} ({})", scene.text, case.describe())
                        });
                    }
                }
                latest = Some((time, sentence.clone()));
            }
        }
    });
    problems.assert_none("times of day go backwards");
    assert!(named > 3000, "only {named} sentences named a time of day");
}

#[test]
fn bedtime_stories_go_from_evening_to_night() {
    let mut problems = Problems::default();
    each_story(200, |case| {
        if case.theme() != Theme::Bedtime {
            return;
        }
        let texts: Vec<&str> = case.story.scenes.iter().map(|s| s.text.as_str()).collect();
        let times: Vec<TimeOfDay> =
            plan_story(&texts, &case.context()).iter().map(|p| p.time_of_day).collect();
        let in_order = times.windows(2).all(|w| rank(w[0]) <= rank(w[1]));
        if times.first() != Some(&TimeOfDay::Evening) || times.last() != Some(&TimeOfDay::Night) || !in_order
        {
            problems.add(format!("{times:?}"), || format!("{texts:?} ({})", case.describe()));
        }
    });
    problems.assert_none("bedtime stories do not go from evening to night");
}

/// The text with the family's names put out of the way, so "Biscuit" (a dog) and "Rose" (a
/// girl) are not read as a biscuit and a rose wherever a sentence starts with them.
fn without_names(text: &str, case: &Case) -> String {
    let family = &case.customization.personal_context;
    let mut text = text.to_string();
    for name in child_names(&family.child_name).into_iter().chain(pet_names(&family.pet)) {
        text = replace_word(&text, &name, "Zed");
    }
    text
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before_ok = rest[..at].chars().last().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = rest[at + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { with } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn every_character_and_thing_a_scene_names_is_in_its_picture() {
    let mut checked = 0;
    let mut problems = Problems::default();
    each_story_of(&FAMILIES, 100, |case| {
        let texts: Vec<&str> = case.story.scenes.iter().map(|s| s.text.as_str()).collect();
        let plans = plan_story(&texts, &case.context());
        assert_eq!(plans.len(), texts.len());
        let hero: Vec<&str> = elements_named_in(&case.analysis.subject).iter().map(|e| e.name).collect();
        let family = &case.customization.personal_context;
        let pet_kind = elements_named_in(&without_names(&family.pet, case)).first().map(|e| e.name);
        let pet_names = pet_names(&family.pet);
        let child = child_names(&family.child_name).join(" ");
        for (text, plan) in texts.iter().zip(&plans) {
            let drawn: Vec<&str> = plan.elements().collect();
            let mut missing: Vec<&str> = Vec::new();
            for element in elements_named_in(&without_names(text, case)) {
                checked += 1;
                if !hero.contains(&element.name) && !drawn.contains(&element.name) {
                    missing.push(element.name);
                }
            }
            let pet_named = pet_names.iter().any(|name| replace_word(text, name, "") != *text);
            if let (true, Some(kind)) = (pet_named, pet_kind) {
                if !hero.contains(&kind) && !drawn.contains(&kind) {
                    missing.push(kind);
                }
            }
            let child_named = !child.is_empty() && replace_word(text, &child, "") != *text;
            if child_named && !hero.contains(&"child") && !drawn.contains(&"child") {
                missing.push("child");
            }
            for element in missing {
                problems.add(format!("{element:?} is named but not drawn"), || {
                    format!("{text:?} ({})", case.describe())
                });
            }
            if let Some(time) = time_named_in(text) {
                if plan.time_of_day != time {
                    problems.add(format!("the text says {time:?}, the plan {:?}", plan.time_of_day), || {
                        format!("{text:?} ({})", case.describe())
                    });
                }
            }
        }
    });
    problems.assert_none("scenes name what their pictures leave out");
    assert!(checked > 4000, "only {checked} named elements were checked");
}
