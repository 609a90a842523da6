//! The scene planner: one reading of a story that both the words and the picture follow. For
//! each scene it decides the place, the time of day, the weather, who is there (the hero and
//! each companion the words name), the things the words name and what the hero does; the
//! renderer then draws exactly that. Because the plan is read from the words, a parent's edit
//! ("a dragon came to tea") changes the picture too.
//!
//! Only `catalog` words become elements: the story engine names nothing else that could be
//! drawn, and the renderer has a drawing for every entry.

pub mod catalog;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use model::{Action, ScenePlan, Theme, TimeOfDay, Weather, HERO};

pub use catalog::{element_named, Element, Kind, ELEMENTS};
use words::{mentions, phrase_at, words, Word};

/// What the whole story shares, from the drawing and the parent's choices.
#[derive(Debug, Clone, Copy, Default)]
pub struct StoryContext<'a> {
    /// The drawing's subject ("a pig"): the hero, which is the child's figure and never a
    /// second drawn element.
    pub hero: &'a str,
    /// The place the parent or the drawing gave; empty when the story chose one.
    pub setting: &'a str,
    pub mood: &'a str,
    pub child_name: &'a str,
    /// The pet as the parent typed it ("my dog Biscuit").
    pub pet: &'a str,
    pub theme: Theme,
}

/// The plan of every scene of a story, in order.
pub fn plan_story<S: AsRef<str>>(scenes: &[S], context: &StoryContext) -> Vec<ScenePlan> {
    let all_text: Vec<&str> = scenes.iter().map(AsRef::as_ref).collect();
    let setting = story_setting(&all_text, context.setting);
    let names = Names::new(context);
    let count = scenes.len();
    let mut previous: Option<TimeOfDay> = None;
    scenes
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let found = words(text.as_ref());
            let action = action(&found);
            let time = time_named(&found).unwrap_or_else(|| {
                let time = unnamed_time(previous, index, count, context);
                // Going to bed happens once the day is over.
                match action {
                    Action::Sleep if rank(time) < rank(TimeOfDay::Evening) => TimeOfDay::Evening,
                    _ => time,
                }
            });
            previous = Some(time);
            let (characters, props) = elements(&found, &names);
            let at_home = AT_HOME.iter().any(|phrase| mentions(&found, phrase));
            ScenePlan {
                setting: if at_home { "home".to_string() } else { setting.clone() },
                mood: context.mood.trim().to_string(),
                time_of_day: time,
                weather: weather(&found),
                characters,
                props,
                action,
            }
        })
        .collect()
}

/// The catalogue elements a text names, in order of first mention, without repeats. Names of
/// people and pets in the middle of a sentence are not things ("Biscuit" is not a biscuit).
pub fn elements_named_in(text: &str) -> Vec<&'static Element> {
    let found = words(text);
    let mut named: Vec<&'static Element> = Vec::new();
    for element in matches(&found, &[]) {
        if !named.contains(&element) {
            named.push(element);
        }
    }
    named
}

/// The time of day a text names, if any (the last one named, as the picture shows the end of
/// what the words tell).
pub fn time_named_in(text: &str) -> Option<TimeOfDay> {
    time_named(&words(text))
}

/// The words that are names in this story and must never be read as things.
struct Names {
    /// Lowercase words of the child's and the pet's names.
    personal: Vec<String>,
    /// Elements that are the hero itself.
    hero: Vec<&'static Element>,
    pet_kind: Option<&'static Element>,
    pet_words: Vec<String>,
    child: Vec<String>,
}

impl Names {
    fn new(context: &StoryContext) -> Self {
        let hero_words = words(context.hero);
        let hero: Vec<&'static Element> = matches(&hero_words, &[]).collect();
        let pet_words = words(context.pet);
        // The kind is the animal the pet's words name, the last one ("Biscuit the dog" is a
        // dog, not a biscuit).
        let pet_kind = matches(&pet_words, &[]).filter(|e| e.kind == Kind::Animal).last();
        let kind_words: Vec<&str> = pet_kind.map(|k| k.words.to_vec()).unwrap_or_default();
        let pet_names: Vec<String> = pet_words
            .iter()
            .map(|w| w.lower.clone())
            .filter(|w| !kind_words.contains(&w.as_str()) && !FILLER.contains(&w.as_str()))
            .collect();
        let child: Vec<String> = words(context.child_name).into_iter().map(|w| w.lower).collect();
        let mut personal = pet_names.clone();
        personal.extend(child.iter().cloned());
        Self { personal, hero, pet_kind, pet_words: pet_names, child }
    }
}

/// Words of a typed pet that are not its name ("my dog called Biscuit").
const FILLER: [&str; 9] = ["my", "our", "a", "an", "the", "named", "called", "his", "her"];

fn elements(found: &[Word], names: &Names) -> (Vec<String>, Vec<String>) {
    let mut characters = vec![HERO.to_string()];
    let mut props: Vec<String> = Vec::new();
    let mut add = |element: &Element| {
        let list = if element.kind.is_character() { &mut characters } else { &mut props };
        if !list.iter().any(|n| n == element.name) {
            list.push(element.name.to_string());
        }
    };
    let names_the = |words: &[String]| {
        !words.is_empty() && (0..found.len()).any(|at| phrase_at(found, at, &words.join(" ")))
    };
    for element in matches(found, &names.personal) {
        if names.hero.contains(&element) {
            continue;
        }
        add(element);
    }
    if let Some(kind) = names.pet_kind {
        if names_the(&names.pet_words) && !names.hero.contains(&kind) {
            add(kind);
        }
    }
    if names_the(&names.child) && !names.hero.iter().any(|e| e.name == "child") {
        if let Some(child) = element_named("child") {
            add(child);
        }
    }
    (characters, props)
}

/// Every element named in `found`, longest phrase first, skipping names and the capitalised
/// `skip` words (the pet "Biscuit" at the start of a sentence, but not "a biscuit").
fn matches<'w>(found: &'w [Word], skip: &'w [String]) -> impl Iterator<Item = &'static Element> + 'w {
    let index = phrase_index();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < found.len() {
            let here = at;
            let word = &found[here];
            if word.is_name || (word.capitalised && skip.contains(&word.lower)) {
                at += 1;
                continue;
            }
            let best = index
                .get(word.lower.as_str())
                .into_iter()
                .flatten()
                .filter(|(_, phrase)| phrase_at(found, here, phrase))
                .max_by_key(|(_, phrase)| phrase.split(' ').count());
            match best {
                Some((element, phrase)) => {
                    at += phrase.split(' ').count();
                    return Some(*element);
                }
                None => at += 1,
            }
        }
        None
    })
}

/// The catalogue's phrases by their first word, built once: a scene is matched word by word.
fn phrase_index() -> &'static HashMap<&'static str, Vec<(&'static Element, &'static str)>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<(&'static Element, &'static str)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<(&'static Element, &'static str)>> = HashMap::new();
        for element in ELEMENTS {
            for phrase in element.words {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                index.entry(first).or_default().push((element, phrase));
            }
        }
        index
    })
}

/// Words that say the time of day, and the time they say.
const TIME_WORDS: &[(&str, TimeOfDay)] = &[
    ("morning", TimeOfDay::Morning),
    ("sunrise", TimeOfDay::Morning),
    ("dawn", TimeOfDay::Morning),
    ("breakfast", TimeOfDay::Morning),
    ("woke up", TimeOfDay::Morning),
    ("sun came up", TimeOfDay::Morning),
    ("sun rose", TimeOfDay::Morning),
    ("noon", TimeOfDay::Midday),
    ("midday", TimeOfDay::Midday),
    ("lunch", TimeOfDay::Midday),
    ("lunchtime", TimeOfDay::Midday),
    ("afternoon", TimeOfDay::Afternoon),
    ("evening", TimeOfDay::Evening),
    ("sunset", TimeOfDay::Evening),
    ("dusk", TimeOfDay::Evening),
    ("twilight", TimeOfDay::Evening),
    ("supper", TimeOfDay::Evening),
    ("sun went down", TimeOfDay::Evening),
    ("sun began to set", TimeOfDay::Evening),
    ("sun was setting", TimeOfDay::Evening),
    ("sun set", TimeOfDay::Evening),
    ("first stars", TimeOfDay::Evening),
    ("night", TimeOfDay::Night),
    ("tonight", TimeOfDay::Night),
    ("nighttime", TimeOfDay::Night),
    ("midnight", TimeOfDay::Night),
    ("bedtime", TimeOfDay::Night),
    ("moonlight", TimeOfDay::Night),
    ("moonlit", TimeOfDay::Night),
    ("goodnight", TimeOfDay::Night),
    ("good night", TimeOfDay::Night),
    ("starlight", TimeOfDay::Night),
];

fn time_named(found: &[Word]) -> Option<TimeOfDay> {
    let mut last: Option<(usize, TimeOfDay)> = None;
    for at in 0..found.len() {
        for (phrase, time) in TIME_WORDS {
            if phrase_at(found, at, phrase) {
                last = Some((at, *time));
            }
        }
    }
    last.map(|(_, time)| time)
}

/// A scene that says no time follows the one before; a story that never says starts in the
/// morning (or the evening at bedtime) and moves on gently as its pages turn.
fn unnamed_time(
    previous: Option<TimeOfDay>,
    index: usize,
    count: usize,
    context: &StoryContext,
) -> TimeOfDay {
    let sleepy = context.theme == Theme::Bedtime || {
        let mood = words(context.mood);
        ["sleepy", "bedtime", "night", "tired", "dreamy"].iter().any(|w| mentions(&mood, w))
    };
    let third = (index * 3) / count.max(1);
    let natural = match (sleepy, third) {
        (true, 0) => TimeOfDay::Evening,
        (true, _) => TimeOfDay::Night,
        (false, 0) => TimeOfDay::Morning,
        (false, 1) => TimeOfDay::Midday,
        (false, _) => TimeOfDay::Afternoon,
    };
    match previous {
        Some(previous) if rank(previous) > rank(natural) => previous,
        _ => natural,
    }
}

fn rank(time: TimeOfDay) -> usize {
    TimeOfDay::ALL.iter().position(|t| *t == time).unwrap_or_default()
}

const WEATHER_WORDS: &[(&[&str], Weather)] = &[
    (&["snow", "snowy", "snowing", "snowflake", "snowflakes", "snowman"], Weather::Snow),
    (
        &["rain", "rainy", "raining", "rained", "raindrops", "drizzle", "storm", "stormy", "thunder"],
        Weather::Rain,
    ),
    (&["fog", "foggy", "mist", "misty"], Weather::Fog),
    (&["rainbow", "rainbows"], Weather::Rainbow),
    (&["wind", "windy", "breeze", "breezy", "gust", "blustery"], Weather::Windy),
    (&["cloudy", "grey sky", "gray sky", "overcast"], Weather::Cloudy),
];

fn weather(found: &[Word]) -> Weather {
    WEATHER_WORDS
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| mentions(found, p)))
        .map_or(Weather::Clear, |(_, weather)| *weather)
}

/// Verbs that show what the hero does, strongest picture first.
const ACTION_WORDS: &[(&[&str], Action)] = &[
    (
        &["sleep", "slept", "asleep", "sleeping", "snoozed", "dozed", "dreamed", "dreaming", "tucked"],
        Action::Sleep,
    ),
    (&["swim", "swam", "swimming", "paddled", "dived"], Action::Swim),
    (&["fly", "flew", "flying", "soared", "zoomed"], Action::Fly),
    (&["climb", "climbed", "climbing", "clambered"], Action::Climb),
    (&["dig", "dug", "digging"], Action::Dig),
    (
        &["jump", "jumped", "jumping", "hop", "hopped", "hopping", "leapt", "leaped", "bounced", "bouncing"],
        Action::Jump,
    ),
    (&["dance", "danced", "dancing", "twirled", "twirling", "wiggled", "spun", "whirled"], Action::Dance),
    (&["hug", "hugged", "hugging", "cuddle", "cuddled", "squeeze"], Action::Hug),
    (&["ran", "run", "running", "raced", "hurried", "dashed", "rushed", "chased"], Action::Run),
    (&["waved", "waving"], Action::Wave),
    (&["sat", "sitting", "sit"], Action::Sit),
    (&["looked", "looking", "peeked", "peered", "spotted", "searched", "gazed"], Action::Look),
];

fn action(found: &[Word]) -> Action {
    ACTION_WORDS
        .iter()
        .find(|(verbs, _)| verbs.iter().any(|v| mentions(found, v)))
        .map_or(Action::Walk, |(_, action)| *action)
}

/// Words that put a scene at home, whatever the story's place ("Back home, ... tucked it into
/// bed").
const AT_HOME: &[&str] = &["back home", "at home", "home again", "in bed", "into bed", "to bed", "tucked"];

/// Places a story may be set in, as the renderer's backdrops know them.
const SETTING_WORDS: &[&str] = &[
    "forest",
    "woods",
    "meadow",
    "hills",
    "village",
    "beach",
    "seaside",
    "sea",
    "ocean",
    "space",
    "garden",
    "park",
    "farm",
    "castle",
    "kingdom",
    "bedroom",
    "jungle",
    "desert",
    "island",
    "city",
    "town",
    "playground",
    "zoo",
    "lake",
    "mountains",
    "sky",
    "clouds",
];

/// The story's place: the one given, else the first place its words name.
fn story_setting(scenes: &[&str], given: &str) -> String {
    let given = given.trim();
    if !given.is_empty() {
        return given.to_string();
    }
    // A place the story is in ("deep in the forest", "on the beach") wins over one that is
    // only compared with ("as big as the sky").
    let mut first_named = None;
    for text in scenes {
        let found = words(text);
        for (at, word) in found.iter().enumerate() {
            if !SETTING_WORDS.contains(&word.lower.as_str()) {
                continue;
            }
            let before: Vec<&str> =
                found[at.saturating_sub(3)..at].iter().map(|w| w.lower.as_str()).collect();
            if before.iter().any(|w| PLACE_PREPOSITIONS.contains(w)) {
                return word.lower.clone();
            }
            first_named.get_or_insert_with(|| word.lower.clone());
        }
    }
    first_named.unwrap_or_default()
}

const PLACE_PREPOSITIONS: &[&str] =
    &["in", "on", "at", "into", "through", "across", "to", "under", "near", "by", "over", "around"];

#[cfg(test)]
mod tests {
    use super::*;

    fn context<'a>() -> StoryContext<'a> {
        StoryContext {
            hero: "a pig",
            setting: "castle",
            mood: "mysterious",
            child_name: "Maya",
            pet: "my dog Biscuit",
            theme: Theme::Adventure,
        }
    }

    #[test]
    fn a_scene_plans_what_its_words_name() {
        let plans = plan_story(
            &["One morning the pig met a wise old owl under a tall tree, and they flew a red kite."],
            &context(),
        );
        let plan = &plans[0];
        assert_eq!(plan.characters, ["hero", "owl"]);
        assert_eq!(plan.props, ["tree", "kite"]);
        assert_eq!(plan.time_of_day, TimeOfDay::Morning);
        assert_eq!(plan.action, Action::Fly);
        assert_eq!(plan.setting, "castle");
        assert_eq!(plan.mood, "mysterious");
    }

    #[test]
    fn names_are_not_things_and_the_pet_comes_as_its_kind() {
        let plans =
            plan_story(&["Biscuit The dog came to the party too, and Maya ate a biscuit."], &context());
        assert_eq!(plans[0].characters, ["hero", "dog", "child"]);
        assert_eq!(plans[0].props, ["cookie"]);
    }

    #[test]
    fn the_time_follows_the_words_and_carries_on() {
        let plans = plan_story(
            &[
                "They set off.",
                "As the sun went down, they rested.",
                "They walked on.",
                "One morning, a bird sang.",
            ],
            &context(),
        );
        let times: Vec<_> = plans.iter().map(|p| p.time_of_day).collect();
        assert_eq!(times, [TimeOfDay::Morning, TimeOfDay::Evening, TimeOfDay::Evening, TimeOfDay::Morning]);
    }

    #[test]
    fn the_hero_is_never_a_second_element() {
        let plans = plan_story(&["The pig and the little pig played with a teddy bear."], &context());
        assert_eq!(plans[0].characters, ["hero"]);
        assert_eq!(plans[0].props, ["teddy"]);
    }

    #[test]
    fn a_pet_is_planned_as_its_kind_even_when_its_name_is_a_thing() {
        let context = StoryContext { pet: "Biscuit the dog", ..context() };
        let plans = plan_story(&["Biscuit wagged. Biscuit the dog ran ahead."], &context);
        assert_eq!(plans[0].characters, ["hero", "dog"]);
        assert!(plans[0].props.is_empty(), "{:?}", plans[0].props);
    }

    #[test]
    fn a_scene_back_home_in_bed_is_at_home_once_the_day_is_over() {
        let plans = plan_story(
            &["They played in the garden.", "Back home, Maya tucked the pig into bed."],
            &StoryContext { setting: "garden", ..context() },
        );
        assert_eq!(plans[0].setting, "garden");
        assert_eq!((plans[1].setting.as_str(), plans[1].time_of_day), ("home", TimeOfDay::Evening));
        assert_eq!(plans[1].props, ["bed"]);
    }

    #[test]
    fn a_place_the_story_is_in_wins_over_a_comparison() {
        let plans = plan_story(
            &["It was as big as the sky.", "They walked deep into the forest."],
            &StoryContext::default(),
        );
        assert_eq!(plans[0].setting, "forest");
    }

    #[test]
    fn a_story_without_a_place_takes_the_one_its_words_name() {
        let plans = plan_story(&["Deep in the forest lived a fox."], &StoryContext::default());
        assert_eq!(plans[0].setting, "forest");
        assert_eq!(plans[0].characters, ["hero", "fox"]);
    }
}
