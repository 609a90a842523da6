//! Turns what the parent and the recognizer typed (subject, pet, place, setting, mood, colours)
//! into ready-to-use phrases, once per story, so the story text never has to guess at articles,
//! pronouns or empty values.

use model::{DrawingAnalysis, PersonalContext};

use crate::grammar::{
    clean_phrase, indefinite_article, is_capitalized_word, lower_common_words, name_case, possessive,
    split_determiner,
};
use crate::lexicon::{self, Motion, Pronoun};
use crate::rng::Rng;

const MAX_SUBJECT_CHARS: usize = 60;
const MAX_NAME_CHARS: usize = 40;
const MAX_PLACE_CHARS: usize = 60;
const MAX_MOOD_CHARS: usize = 30;

/// Values a form or a service may send for "nothing".
const PLACEHOLDERS: [&str; 12] =
    ["null", "undefined", "none", "nil", "n/a", "na", "nothing", "unknown", "-", "?", "tbd", "nan"];

/// The drawn figure, the story's hero, in every form the sentences need.
#[derive(Debug, Clone)]
pub(crate) struct Hero {
    /// First mention: "the big purple dragon with a crown", "Mr Snuggles".
    pub(crate) full: String,
    /// Later mentions: "the big purple dragon".
    pub(crate) core: String,
    /// Short mentions: "the dragon".
    pub(crate) short: String,
    /// Introduction: "a big purple dragon with a crown".
    pub(crate) indefinite: String,
    /// Without an article, for titles and "our little ...": "big purple dragon".
    pub(crate) bare: String,
    /// The head noun: "dragon".
    pub(crate) noun: String,
    pub(crate) proper: bool,
    pub(crate) plural: bool,
    pub(crate) pronoun: Pronoun,
    pub(crate) motion: Motion,
}

#[derive(Debug, Clone)]
pub(crate) struct Pet {
    /// First mention: "Biscuit the dog", "Maya's dog".
    pub(crate) full: String,
    /// Later: "Biscuit", "the dog".
    pub(crate) short: String,
    pub(crate) actions: &'static [&'static str],
    /// The kind of animal when known ("dog"), to keep helpers different from it.
    pub(crate) kind: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SettingKind {
    Land,
    Water,
    Sky,
    Home,
}

#[derive(Debug, Clone)]
pub(crate) struct Setting {
    /// "the forest", "space", "Grandma's garden".
    pub(crate) noun_phrase: String,
    /// "in the forest", "on the beach", "under the sea".
    pub(crate) location: String,
    pub(crate) kind: SettingKind,
}

/// Everyone and everything one story talks about.
#[derive(Debug, Clone)]
pub(crate) struct Cast {
    pub(crate) hero: Hero,
    pub(crate) child: Option<String>,
    /// True when the child steps into the story beside the hero (not only drew it).
    pub(crate) child_along: bool,
    pub(crate) pet: Option<Pet>,
    pub(crate) place: Option<String>,
    pub(crate) setting: Setting,
    pub(crate) setting_given: bool,
    pub(crate) colors: [String; 2],
    pub(crate) color_given: bool,
    /// The mood of the drawing as the story says it ("mysterious", "a little sad").
    pub(crate) mood: String,
    pub(crate) mood_given: bool,
    /// How the hero feels: the mood when it is a feeling, else one of the theme's.
    pub(crate) feeling: String,
    /// True when the child drew themself, so the story never says they drew the hero.
    pub(crate) hero_is_child: bool,
    /// A friendly creature who helps: ("a wise old owl", "the owl").
    pub(crate) helper: (String, String),
    pub(crate) refrain: String,
}

/// What a theme offers when the drawing does not say.
pub(crate) struct Defaults<'a> {
    /// How often (percent) the child steps into the story beside the hero.
    pub(crate) kid_chance: u64,
    pub(crate) moods: &'a [&'a str],
    pub(crate) settings: &'a [&'a str],
}

impl Cast {
    pub(crate) fn new(
        analysis: &DrawingAnalysis,
        context: &PersonalContext,
        defaults: &Defaults,
        rng: &mut Rng,
    ) -> Self {
        let child = given(&context.child_name, MAX_NAME_CHARS).map(|n| name_case(&n));
        let colors_found = colors(analysis);
        let color_given = !colors_found.is_empty();
        let first_color = colors_found.first().cloned().unwrap_or_else(|| "golden".to_string());
        let second_color = colors_found.get(1).cloned().unwrap_or_else(|| {
            if first_color == "silver" {
                "golden".to_string()
            } else {
                "silver".to_string()
            }
        });
        let hero = hero(&analysis.subject, child.as_deref(), color_given.then_some(first_color.as_str()));
        let hero_is_child =
            child.as_ref().is_some_and(|name| hero.proper && hero.full.eq_ignore_ascii_case(name));
        let child_along = child.is_some() && !hero_is_child && rng.chance(defaults.kid_chance);
        let pet = given(&context.pet, MAX_NAME_CHARS).map(|p| pet(&p, child.as_deref()));
        let place = given(&context.place, MAX_PLACE_CHARS).map(|p| place(&p, child.as_deref()));
        let (setting, setting_given) = match given(&analysis.setting, MAX_PLACE_CHARS) {
            Some(text) => (setting(&text), true),
            None => {
                let fallback = rng.pick(defaults.settings).copied().unwrap_or("a sunny meadow");
                (setting(fallback), false)
            }
        };
        let theme_mood = rng.pick(defaults.moods).copied().unwrap_or("happy").to_string();
        let (mood, mood_given) = match given(&analysis.mood, MAX_MOOD_CHARS) {
            Some(text) => (gentle_mood(&text), true),
            None => (theme_mood.clone(), false),
        };
        let feeling = if is_feeling(&mood) { mood.clone() } else { theme_mood };
        let avoid = [Some(hero.noun.clone()), pet.as_ref().and_then(|p| p.kind.clone())];
        let helper = helper(setting.kind, &avoid, rng);
        let refrain = rng.pick(hero.motion.refrain()).copied().unwrap_or("Step, step, step").to_string();
        Self {
            hero,
            child,
            child_along,
            pet,
            place,
            setting,
            setting_given,
            colors: [first_color, second_color],
            color_given,
            mood,
            mood_given,
            feeling,
            hero_is_child,
            helper,
            refrain,
        }
    }
}

/// The cleaned text of a field, or `None` when it is empty or a placeholder.
fn given(raw: &str, max_chars: usize) -> Option<String> {
    let cleaned = clean_phrase(raw, max_chars);
    let lower = cleaned.to_lowercase();
    if cleaned.is_empty() || PLACEHOLDERS.contains(&lower.as_str()) {
        None
    } else {
        Some(cleaned)
    }
}

/// Up to two distinct colour names, most used first.
fn colors(analysis: &DrawingAnalysis) -> Vec<String> {
    let mut palette: Vec<_> = analysis.colors.iter().collect();
    palette.sort_by(|a, b| b.share.partial_cmp(&a.share).unwrap_or(std::cmp::Ordering::Equal));
    let mut names: Vec<String> = Vec::new();
    for color in palette {
        if let Some(name) = given(&color.name, 20) {
            let name = name.to_lowercase();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.len() == 2 {
            break;
        }
    }
    names
}

const SELF_WORDS: [&str; 7] = ["me", "myself", "i", "self portrait", "self-portrait", "selfie", "mine"];

fn hero(subject: &str, child: Option<&str>, color: Option<&str>) -> Hero {
    let Some(cleaned) = given(subject, MAX_SUBJECT_CHARS) else {
        return fallback_hero(color);
    };
    let (determiner, rest) = split_determiner(&cleaned);
    let lower = rest.to_lowercase();
    if SELF_WORDS.contains(&lower.as_str()) || child.is_some_and(|c| c.eq_ignore_ascii_case(&rest)) {
        return match child {
            Some(name) => named_hero(name, Pronoun::They, Motion::Walk),
            None => common_hero("little artist", false),
        };
    }
    let parts = split_group(&rest);
    if parts.len() > 1 {
        return group_hero(&parts);
    }
    let words: Vec<&str> = rest.split(' ').collect();
    let first_lower = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if determiner.is_none() {
        if words.len() > 1 && lexicon::TITLES.contains(&first_lower.as_str()) {
            let pronoun = lexicon::title_pronoun(&first_lower);
            let motion = words.last().and_then(|w| lexicon::noun_info(w)).map_or(Motion::Walk, |(m, _)| m);
            return named_hero(&name_case(&rest), pronoun, motion);
        }
        if words.len() == 1 && lexicon::is_family_word(&rest) {
            let pronoun = lexicon::noun_info(&rest).map_or(Pronoun::They, |(_, p)| p);
            return named_hero(&name_case(&rest), pronoun, Motion::Walk);
        }
        if looks_like_a_name(&words) {
            let motion = words.last().and_then(|w| lexicon::noun_info(w)).map_or(Motion::Walk, |(m, _)| m);
            return named_hero(&rest, Pronoun::They, motion);
        }
    }
    if determiner.as_deref().is_some_and(|d| ["my", "our"].contains(&d)) && lexicon::is_family_word(&rest) {
        let pronoun = lexicon::noun_info(&rest).map_or(Pronoun::They, |(_, p)| p);
        return named_hero(&name_case(&rest), pronoun, Motion::Walk);
    }
    let (counted, phrase) = strip_quantity(&lower_common_words(&rest));
    let singular_article = matches!(determiner.as_deref(), Some("a") | Some("an"));
    let head = head_noun(&phrase);
    let plural = counted || (!singular_article && lexicon::looks_plural(&head));
    common_hero(&phrase, plural)
}

/// "a cat and a dog", "a cat, a dog and a fish" -> the separate members.
fn split_group(phrase: &str) -> Vec<String> {
    phrase
        .replace(", and ", " and ")
        .split(" and ")
        .flat_map(|part| part.split(", "))
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

/// A name has every main word capitalised ("Elsa", "Bob the Builder"), and is not just a
/// capitalised everyday noun ("Dragon").
fn looks_like_a_name(words: &[&str]) -> bool {
    let small = ["the", "of", "and", "von", "de"];
    let all_capitalised =
        words.iter().all(|w| small.contains(w) || w.chars().next().is_some_and(char::is_uppercase));
    let single_common_noun = words.len() == 1 && words.first().is_some_and(|w| lexicon::is_known_noun(w));
    all_capitalised && !single_common_noun
}

/// "lots of cats" -> (true, "cats"); "two cats" -> (true, "two cats").
fn strip_quantity(phrase: &str) -> (bool, String) {
    for prefix in ["lots of ", "lot of ", "bunch of ", "couple of ", "few ", "group of ", "family of "] {
        if let Some(rest) = phrase.strip_prefix(prefix) {
            if !rest.trim().is_empty() {
                return (true, rest.trim().to_string());
            }
        }
    }
    let first = phrase.split(' ').next().unwrap_or_default();
    let counted = phrase.contains(' ')
        && (lexicon::PLURAL_OPENERS.contains(&first) || first.chars().all(|c| c.is_ascii_digit()));
    (counted, phrase.to_string())
}

/// The words before "with", "in", "who"...: "princess with a crown" -> "princess".
fn core_of(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split(' ').collect();
    let end = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| lexicon::PHRASE_BREAKS.contains(&w.to_lowercase().as_str()))
        .map_or(words.len(), |(index, _)| index);
    words[..end].join(" ")
}

fn head_noun(phrase: &str) -> String {
    core_of(phrase).split(' ').next_back().unwrap_or_default().to_string()
}

fn common_hero(phrase: &str, plural: bool) -> Hero {
    let core = core_of(phrase);
    let noun = head_noun(phrase);
    let (motion, pronoun) = lexicon::noun_info(&noun).unwrap_or((Motion::Walk, Pronoun::It));
    let pronoun = if plural { Pronoun::They } else { pronoun };
    let first = phrase.split(' ').next().unwrap_or_default();
    let counted = lexicon::PLURAL_OPENERS.contains(&first) || first.chars().all(|c| c.is_ascii_digit());
    let indefinite = match (plural, counted) {
        (true, true) => phrase.to_string(),
        (true, false) => format!("some {phrase}"),
        (false, _) => format!("{} {phrase}", indefinite_article(first)),
    };
    let short = if core.contains(' ') { format!("the {noun}") } else { format!("the {core}") };
    let bare = match core.split_once(' ') {
        Some((_, rest)) if plural && counted => rest.to_string(),
        _ => core.clone(),
    };
    Hero {
        full: format!("the {phrase}"),
        core: format!("the {core}"),
        short,
        indefinite,
        bare,
        noun,
        proper: false,
        plural,
        pronoun,
        motion,
    }
}

fn named_hero(name: &str, pronoun: Pronoun, motion: Motion) -> Hero {
    Hero {
        full: name.to_string(),
        core: name.to_string(),
        short: name.to_string(),
        indefinite: name.to_string(),
        bare: name.to_string(),
        noun: name.to_string(),
        proper: true,
        plural: false,
        pronoun,
        motion,
    }
}

fn group_hero(parts: &[String]) -> Hero {
    let members: Vec<Hero> = parts.iter().map(|part| hero(part, None, None)).collect();
    let join = |pick: &dyn Fn(&Hero) -> String| {
        let names: Vec<String> = members.iter().map(pick).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.join(""),
        }
    };
    let full = join(&|h| h.core.clone());
    let bare = join(&|h| h.bare.clone());
    let motion = members.first().map_or(Motion::Walk, |h| h.motion);
    let same_motion = members.iter().all(|h| h.motion == motion);
    Hero {
        core: full.clone(),
        short: full.clone(),
        indefinite: join(&|h| h.indefinite.clone()),
        bare,
        noun: "friends".to_string(),
        full,
        proper: true,
        plural: true,
        pronoun: Pronoun::They,
        motion: if same_motion { motion } else { Motion::Walk },
    }
}

fn fallback_hero(color: Option<&str>) -> Hero {
    let phrase = match color {
        Some(color) => format!("little {color} creature"),
        None => "little creature".to_string(),
    };
    common_hero(&phrase, false)
}

/// Words around a typed pet's name that are not part of it ("Biscuit *the* dog", "Rex, *my* dog").
const PET_FILLER: [&str; 9] = ["a", "an", "the", "my", "our", "his", "her", "their", "your"];

fn pet(raw: &str, child: Option<&str>) -> Pet {
    // "my dog, Rex" reads like "my dog Rex".
    let unpunctuated = raw.split([' ', ',']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let (_, rest) = split_determiner(&unpunctuated);
    let words: Vec<&str> = rest.split(' ').collect();
    let naming_word =
        words.iter().position(|w| w.eq_ignore_ascii_case("named") || w.eq_ignore_ascii_case("called"));
    // "a dog and a cat", "2 cats": several pets, told as the family's animals, not as a name.
    let counted = words.first().is_some_and(|w| {
        lexicon::PLURAL_OPENERS.contains(&w.to_lowercase().as_str()) || w.chars().all(|c| c.is_ascii_digit())
    });
    let joined = words.iter().any(|w| w.eq_ignore_ascii_case("and") || *w == "&");
    let several = naming_word.is_none()
        && (counted || joined)
        && words.iter().any(|w| lexicon::is_known_noun(w))
        && !words.iter().skip(1).any(|w| is_capitalized_word(w));
    let (kind, name) = if let Some(at) = naming_word.filter(|at| *at + 1 < words.len()) {
        let (_, left) = split_determiner(&words[..at].join(" "));
        (Some(left.to_lowercase()), Some(name_case(&words[at + 1..].join(" "))))
    } else if several {
        let animals: Vec<&str> =
            words.iter().filter(|w| !PET_FILLER.contains(&w.to_lowercase().as_str())).copied().collect();
        (Some(animals.join(" ").to_lowercase()), None)
    } else if let Some(kind) = lexicon::pet_kind_in(&rest) {
        let kind_words: Vec<&str> = kind.split(' ').collect();
        let name = words
            .iter()
            .filter(|w| !kind_words.iter().any(|k| k.eq_ignore_ascii_case(w)))
            .filter(|w| !PET_FILLER.contains(&w.to_lowercase().as_str()))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        (Some(kind.to_string()), (!name.is_empty()).then(|| name_case(&name)))
    } else if lexicon::is_known_noun(&rest) && !is_capitalized_word(&rest) {
        (Some(rest.to_lowercase()), None)
    } else {
        (None, Some(name_case(&rest)))
    };
    let kind = kind.filter(|k| !k.trim().is_empty());
    let actions = if several {
        &lexicon::PET_GENERIC_ACTIONS[..]
    } else {
        lexicon::pet_actions(kind.as_deref().and_then(lexicon::pet_kind_in))
    };
    let (full, short) = match (&name, &kind) {
        (Some(name), Some(kind)) => (format!("{name} the {kind}"), name.clone()),
        (Some(name), None) => (name.clone(), name.clone()),
        (None, Some(kind)) => match child {
            Some(child) => (format!("{} {kind}", possessive(child, false)), format!("the {kind}")),
            None if several => (format!("the {kind}"), format!("the {kind}")),
            None => (format!("the family {kind}"), format!("the {kind}")),
        },
        (None, None) => ("the family pet".to_string(), "the pet".to_string()),
    };
    Pet { full, short, actions, kind }
}

const COMMON_PLACES: [&str; 30] = [
    "park",
    "beach",
    "school",
    "zoo",
    "garden",
    "farm",
    "library",
    "playground",
    "pool",
    "lake",
    "forest",
    "woods",
    "museum",
    "market",
    "shop",
    "store",
    "mountains",
    "seaside",
    "kitchen",
    "backyard",
    "yard",
    "river",
    "pond",
    "campsite",
    "aquarium",
    "nursery",
    "daycare",
    "kindergarten",
    "treehouse",
    "swings",
];

fn place(raw: &str, child: Option<&str>) -> String {
    let (determiner, rest) = split_determiner(raw);
    let lower = rest.to_lowercase();
    let capitalise_family = |phrase: &str| {
        phrase
            .split(' ')
            .map(|word| {
                let bare = word.trim_end_matches("'s");
                if lexicon::is_family_word(bare) {
                    name_case(word)
                } else {
                    word.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    if lower == "home" || lower == "house" {
        return match child {
            Some(child) => format!("{} house", possessive(child, false)),
            None => "the cozy house at home".to_string(),
        };
    }
    match determiner.as_deref() {
        Some("my") | Some("our") | Some("his") | Some("her") | Some("their") | Some("your") => match child {
            Some(child) => format!("{} {}", possessive(child, false), capitalise_family(&rest)),
            None => format!("the {}", capitalise_family(&rest)),
        },
        Some(_) => format!("the {}", capitalise_family(&rest)),
        None if rest.contains("'s ") => capitalise_family(&rest),
        None if rest.chars().next().is_some_and(char::is_uppercase) => rest,
        None => {
            let last = lower.split(' ').next_back().unwrap_or_default();
            if COMMON_PLACES.contains(&last) || lexicon::is_known_noun(last) {
                format!("the {rest}")
            } else {
                name_case(&rest)
            }
        }
    }
}

const LOCATION_PREPOSITIONS: [&str; 14] = [
    "in",
    "at",
    "on",
    "under",
    "inside",
    "near",
    "by",
    "beside",
    "above",
    "over",
    "underneath",
    "up",
    "deep",
    "high",
];
const BARE_SETTINGS: [&str; 7] =
    ["space", "outer space", "deep space", "fairyland", "wonderland", "dreamland", "nowhere"];
const ON_SETTINGS: [&str; 12] = [
    "beach", "farm", "island", "moon", "mountain", "hill", "hilltop", "boat", "ship", "ice", "street",
    "planet",
];
const AT_SETTINGS: [&str; 6] = ["seaside", "zoo", "playground", "fair", "circus", "school"];

fn setting(raw: &str) -> Setting {
    let keep_case = raw.split(' ').skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let text = if keep_case { raw.to_string() } else { lower_common_words(raw) };
    let lower = text.to_lowercase();
    let kind = setting_kind(&lower);
    let first = lower.split(' ').next().unwrap_or_default();
    if LOCATION_PREPOSITIONS.contains(&first) && text.contains(' ') {
        let object = text
            .split(' ')
            .skip_while(|w| LOCATION_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        let noun_phrase = with_the(&object);
        return Setting { noun_phrase, location: text, kind };
    }
    if lower == "home" || lower == "house" || lower == "my house" {
        return Setting {
            noun_phrase: "the cozy house".to_string(),
            location: "in the cozy house".to_string(),
            kind: SettingKind::Home,
        };
    }
    if lower == "underwater" || lower == "under water" {
        return Setting {
            noun_phrase: "the deep blue sea".to_string(),
            location: "under the sea".to_string(),
            kind: SettingKind::Water,
        };
    }
    let noun_phrase = with_the(&text);
    let (_, bare) = split_determiner(&noun_phrase);
    let head = bare.split(' ').next_back().unwrap_or_default().to_lowercase();
    let first_noun = bare.split(' ').next().unwrap_or_default().to_lowercase();
    let location = if ["edge", "top", "foot", "end", "bottom", "side"].contains(&first_noun.as_str()) {
        format!("at {noun_phrase}")
    } else if BARE_SETTINGS.contains(&bare.to_lowercase().as_str())
        || noun_phrase == text && !text.starts_with("the ")
    {
        format!("in {noun_phrase}")
    } else if ON_SETTINGS.contains(&head.as_str()) {
        format!("on {noun_phrase}")
    } else if AT_SETTINGS.contains(&head.as_str()) {
        format!("at {noun_phrase}")
    } else {
        format!("in {noun_phrase}")
    };
    Setting { noun_phrase, location, kind }
}

/// "forest" -> "the forest"; "a big forest" -> "the big forest"; "space", "Paris" and
/// "Grandma's garden" keep no article.
fn with_the(phrase: &str) -> String {
    let (determiner, rest) = split_determiner(phrase);
    let lower = rest.to_lowercase();
    let is_named = rest.chars().next().is_some_and(char::is_uppercase);
    match determiner.as_deref() {
        None if BARE_SETTINGS.contains(&lower.as_str()) || is_named || rest.contains("'s ") => rest,
        Some(d) if !["a", "an", "the", "some"].contains(&d) => format!("{d} {rest}"),
        _ => format!("the {rest}"),
    }
}

fn setting_kind(lower: &str) -> SettingKind {
    let found: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |words: &[&str]| words.iter().any(|w| found.contains(w));
    if has(&[
        "sea",
        "ocean",
        "beach",
        "lake",
        "river",
        "pond",
        "underwater",
        "pool",
        "seaside",
        "water",
        "reef",
        "coral",
        "bath",
        "waves",
        "island",
    ]) {
        SettingKind::Water
    } else if has(&[
        "space", "sky", "moon", "star", "stars", "planet", "cloud", "clouds", "rocket", "galaxy", "rainbow",
    ]) {
        SettingKind::Sky
    } else if has(&[
        "house", "home", "bedroom", "room", "kitchen", "bed", "nursery", "playroom", "living", "attic",
    ]) {
        SettingKind::Home
    } else {
        SettingKind::Land
    }
}

/// The mood as the story says it: as given, with worrying feelings softened ("a little sad")
/// and only truly scary moods told as something gentler.
fn gentle_mood(raw: &str) -> String {
    let lower = raw.to_lowercase();
    match lower.as_str() {
        "spooky" | "scary" | "creepy" | "eerie" | "dark" | "haunted" | "frightening" | "terrifying"
        | "sinister" | "ominous" | "menacing" | "evil" | "horror" | "horrible" | "nightmarish" => {
            "mysterious".to_string()
        }
        "terrified" | "frightened" | "fearful" | "panicked" => "a little scared".to_string(),
        "furious" | "mad" | "enraged" | "raging" => "a little grumpy".to_string(),
        "sad" | "unhappy" | "upset" | "lonely" | "scared" | "afraid" | "nervous" | "worried" | "anxious"
        | "grumpy" | "cross" | "angry" | "gloomy" | "shy" => format!("a little {lower}"),
        _ => lower,
    }
}

/// Moods that describe a place or a day, not how someone feels: "the castle felt mysterious",
/// never "the dragon felt mysterious".
const ATMOSPHERES: [&str; 20] = [
    "mysterious",
    "magical",
    "enchanted",
    "mystical",
    "whimsical",
    "fantastical",
    "dreamlike",
    "sunny",
    "stormy",
    "rainy",
    "snowy",
    "wintry",
    "misty",
    "festive",
    "colorful",
    "colourful",
    "bright",
    "beautiful",
    "wonderful",
    "a little gloomy",
];

/// True when the mood can say how the hero feels.
fn is_feeling(mood: &str) -> bool {
    !ATMOSPHERES.contains(&mood)
}

const LAND_HELPERS: [(&str, &str); 6] = [
    ("a wise old owl", "the owl"),
    ("a friendly rabbit", "the rabbit"),
    ("a kind old tortoise", "the tortoise"),
    ("a chatty squirrel", "the squirrel"),
    ("a cheerful little robin", "the robin"),
    ("a gentle deer", "the deer"),
];
const WATER_HELPERS: [(&str, &str); 5] = [
    ("a friendly crab", "the crab"),
    ("a kind old turtle", "the turtle"),
    ("a smiling dolphin", "the dolphin"),
    ("a tiny striped fish", "the little fish"),
    ("a chatty seagull", "the seagull"),
];
const SKY_HELPERS: [(&str, &str); 4] = [
    ("a friendly little star", "the little star"),
    ("a kind old moon", "the moon"),
    ("a soft, fluffy cloud", "the cloud"),
    ("a twinkly comet", "the comet"),
];
const HOME_HELPERS: [(&str, &str); 4] = [
    ("a friendly mouse", "the mouse"),
    ("a wise old teddy bear", "the teddy bear"),
    ("a chatty sparrow", "the sparrow"),
    ("a kind old clock", "the clock"),
];

fn helper(kind: SettingKind, avoid: &[Option<String>], rng: &mut Rng) -> (String, String) {
    let pool: &[(&str, &str)] = match kind {
        SettingKind::Land => &LAND_HELPERS,
        SettingKind::Water => &WATER_HELPERS,
        SettingKind::Sky => &SKY_HELPERS,
        SettingKind::Home => &HOME_HELPERS,
    };
    let usable: Vec<&(&str, &str)> = pool
        .iter()
        .filter(|(_, short)| {
            !avoid.iter().flatten().any(|noun| {
                let noun = lexicon::singular(noun);
                short.split(' ').any(|w| w == noun)
            })
        })
        .collect();
    let (long, short) = rng.pick(&usable).map_or(("a wise old owl", "the owl"), |pair| **pair);
    (long.to_string(), short.to_string())
}

/// Every phrase this module can put into a story on its own (helpers, stand-ins, gentled moods),
/// for the check that a story names only what its picture can show.
#[cfg(test)]
pub(crate) fn own_phrases() -> Vec<String> {
    let helpers: [&[(&str, &str)]; 4] = [&LAND_HELPERS, &WATER_HELPERS, &SKY_HELPERS, &HOME_HELPERS];
    let mut phrases: Vec<String> = helpers
        .iter()
        .flat_map(|pool| pool.iter().flat_map(|(long, short)| [*long, *short]))
        .map(String::from)
        .collect();
    phrases.extend(
        [
            "little artist",
            "little creature",
            "the family pet",
            "the cozy house at home",
            "in the cozy house",
            "under the sea",
            "the deep blue sea",
            "a sunny meadow",
            "happy",
            "Step, step, step",
        ]
        .map(String::from),
    );
    let moods = ["spooky", "terrified", "furious", "sad", "scared", "tired", "happy"];
    phrases.extend(moods.iter().map(|m| gentle_mood(m)));
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hero_of(subject: &str) -> Hero {
        hero(subject, Some("Maya"), None)
    }

    #[test]
    fn articles_are_normalised() {
        let h = hero_of("a garlic monster");
        assert_eq!(h.full, "the garlic monster");
        assert_eq!(h.short, "the monster");
        assert_eq!(h.indefinite, "a garlic monster");
        assert_eq!(h.motion, Motion::Stomp);
        let h = hero_of("An Octopus");
        assert_eq!((h.full.as_str(), h.indefinite.as_str()), ("the octopus", "an octopus"));
        assert_eq!(h.motion, Motion::Swim);
    }

    #[test]
    fn long_subjects_have_a_shorter_core() {
        let h = hero_of("a princess with a sparkly crown");
        assert_eq!(h.full, "the princess with a sparkly crown");
        assert_eq!(h.core, "the princess");
        assert_eq!(h.pronoun, Pronoun::She);
    }

    #[test]
    fn names_plurals_and_groups() {
        let h = hero_of("Mr. Snuggles");
        assert!(h.proper);
        assert_eq!((h.full.as_str(), h.pronoun), ("Mr Snuggles", Pronoun::He));
        assert!(hero_of("two cats").plural);
        assert!(hero_of("dinosaurs").plural);
        assert!(!hero_of("a bus").plural);
        let group = hero_of("a cat and a dog");
        assert_eq!(group.full, "the cat and the dog");
        assert!(group.plural);
        assert_eq!(hero_of("Dragon").full, "the dragon");
        assert_eq!(hero_of("Elsa").full, "Elsa");
        assert_eq!(hero_of("my mommy").full, "Mommy");
        assert_eq!(hero_of("me").full, "Maya");
    }

    #[test]
    fn an_empty_subject_becomes_a_friendly_creature() {
        assert_eq!(hero("", None, None).indefinite, "a little creature");
        assert_eq!(hero("undefined", None, Some("purple")).full, "the little purple creature");
    }

    #[test]
    fn pets_read_naturally() {
        assert_eq!(pet("my dog Biscuit", Some("Maya")).full, "Biscuit the dog");
        assert_eq!(pet("a cat named milo", None).full, "Milo the cat");
        assert_eq!(pet("Biscuit", None).full, "Biscuit");
        assert_eq!(pet("Biscuit the dog", None).full, "Biscuit the dog");
        assert_eq!(pet("my dog, Rex", None).full, "Rex the dog");
        assert_eq!(pet("Rex, my dog", None).full, "Rex the dog");
        assert_eq!(pet("our hamster called nibbles", None).full, "Nibbles the hamster");
        assert_eq!(pet("a dog and a cat", Some("Tom")).full, "Tom's dog and cat");
        assert_eq!(pet("2 cats", None).full, "the 2 cats");
        assert_eq!(pet("my cats", Some("Tom")).full, "Tom's cats");
        assert_eq!(pet("Tom and Jerry", None).full, "Tom and Jerry");
        let dog = pet("dog", Some("Maya"));
        assert_eq!((dog.full.as_str(), dog.short.as_str()), ("Maya's dog", "the dog"));
    }

    #[test]
    fn places_and_settings_read_naturally() {
        assert_eq!(place("park", None), "the park");
        assert_eq!(place("grandma's house", None), "Grandma's house");
        assert_eq!(place("my school", Some("Maya")), "Maya's school");
        assert_eq!(place("Lisbon", None), "Lisbon");
        let forest = setting("a forest");
        assert_eq!((forest.noun_phrase.as_str(), forest.location.as_str()), ("the forest", "in the forest"));
        assert_eq!(setting("beach").location, "on the beach");
        assert_eq!(setting("space").location, "in space");
        assert_eq!(setting("the edge of the woods").location, "at the edge of the woods");
        assert_eq!(setting("under the sea").noun_phrase, "the sea");
        assert_eq!(setting("under the sea").kind, SettingKind::Water);
    }

    #[test]
    fn moods_are_said_as_given_and_only_scary_ones_gentled() {
        assert_eq!(gentle_mood("happy"), "happy");
        assert_eq!(gentle_mood("Mysterious"), "mysterious");
        assert_eq!(gentle_mood("spooky"), "mysterious");
        assert_eq!(gentle_mood("scary"), "mysterious");
        assert_eq!(gentle_mood("Scared"), "a little scared");
        assert_eq!(gentle_mood("sad"), "a little sad");
        assert_eq!(gentle_mood("terrified"), "a little scared");
        assert!(is_feeling("a little sad") && is_feeling("happy"));
        assert!(!is_feeling("mysterious") && !is_feeling("magical"));
    }
}
