//! The drawings, families and choices the picture and grammar checks write stories for, and
//! the reading of story text those checks share.

#![allow(dead_code)]

use model::{Customization, DrawingAnalysis, PaletteColor, PersonalContext, StoryScript, Theme};
use planner::StoryContext;
use storyteller::write_story;

/// What children draw, as parents and the recognizer type it: things, names, plurals, groups.
pub const SUBJECTS: [&str; 24] = [
    "a garlic monster",
    "An octopus",
    "two cats",
    "Mr. Snuggles",
    "a princess with a sparkly crown",
    "",
    "dragon",
    "a cat and a dog",
    "robot",
    "Elsa",
    "me",
    "my mommy",
    "a T-Rex",
    "three little pigs",
    "a unicorn",
    "Captain Purple",
    "dinosaurs",
    "an owl",
    "a pig",
    "a rocket",
    "Bob the Builder",
    "a bunny",
    "a fish",
    "a house",
];

/// Places the recognizer or the parent may give; empty lets the theme choose.
pub const SETTINGS: [&str; 12] = [
    "",
    "castle",
    "a forest",
    "the beach",
    "under the sea",
    "space",
    "a snowy mountain",
    "the jungle",
    "a farm",
    "a garden",
    "",
    "the city",
];

/// Moods the recognizer or the parent may give; empty lets the theme choose.
pub const MOODS: [&str; 15] = [
    "",
    "happy",
    "mysterious",
    "spooky",
    "sleepy",
    "playful",
    "sad",
    "calm",
    "excited",
    "scary",
    "magical",
    "",
    "brave",
    "scared",
    "creepy",
];

const PALETTES: [&[&str]; 7] = [
    &[],
    &["purple", "green"],
    &["red", "yellow"],
    &["blue"],
    &["pink", "orange"],
    &["brown", "black"],
    &["turquoise"],
];

/// (child's name, pet, place) as a parent types them.
pub const FAMILIES: [(&str, &str, &str); 12] = [
    ("", "", ""),
    ("Maya", "dog named Biscuit", "Grandma's house"),
    ("leo", "", "the park"),
    ("", "Whiskers", ""),
    ("Zoë Rose", "a goldfish", "Lisbon"),
    ("Sam", "my cat Pepper", "school"),
    ("Ava", "a puppy", "the beach"),
    ("Noah", "", "home"),
    ("Mia", "Biscuit the dog", "my school"),
    ("Jean-Luc", "our hamster called Nibbles", "Grandpa's farm"),
    ("", "my dog, Rex", "the big park"),
    ("anna-lise", "a dog and a cat", "nana's"),
];

/// Words of a typed pet that say what kind of animal it is, not its name.
const PET_KINDS: [&str; 24] = [
    "dog", "dogs", "puppy", "cat", "cats", "kitten", "goldfish", "fish", "hamster", "bunny", "rabbit",
    "guinea", "pig", "parrot", "budgie", "turtle", "tortoise", "horse", "pony", "lizard", "snake", "chicken",
    "mouse", "bird",
];

/// The pet's own name as the story writes it ("dog named biscuit" -> ["Biscuit"]).
pub fn pet_names(pet: &str) -> Vec<String> {
    let words: Vec<&str> =
        pet.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let named =
        words.iter().position(|w| w.eq_ignore_ascii_case("named") || w.eq_ignore_ascii_case("called"));
    let filler = ["my", "our", "a", "an", "the", "his", "her", "their", "and"];
    let name: Vec<&str> = match named {
        Some(at) => words[at + 1..].to_vec(),
        None => words
            .into_iter()
            .filter(|w| {
                let lower = w.to_lowercase();
                !PET_KINDS.contains(&lower.as_str()) && !filler.contains(&lower.as_str())
            })
            .collect(),
    };
    name.into_iter().map(capitalised).collect()
}

/// The child's name as the story writes it ("zoë rose" -> ["Zoë", "Rose"]).
pub fn child_names(child: &str) -> Vec<String> {
    child.split_whitespace().map(capitalised).collect()
}

/// A word of a name as the story writes it: capitalised, each part of a hyphenated name too
/// ("anna-lise" -> "Anna-Lise"), unless it was typed with capitals already.
pub fn capitalised(word: &str) -> String {
    if word.chars().any(char::is_uppercase) {
        return word.to_string();
    }
    let part = |part: &str| {
        let mut chars = part.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
    };
    word.split('-').map(part).collect::<Vec<_>>().join("-")
}

/// One written story and what it was written from.
pub struct Case {
    pub story: StoryScript,
    pub analysis: DrawingAnalysis,
    pub customization: Customization,
    pub seed: u64,
}

impl Case {
    pub fn theme(&self) -> Theme {
        self.customization.theme
    }

    /// Where a failing story came from, to write it again with the `sample` example.
    pub fn describe(&self) -> String {
        let family = &self.customization.personal_context;
        format!(
            "{} age {} seed {} subject {:?} setting {:?} mood {:?} name {:?} pet {:?} place {:?}",
            self.theme().as_str(),
            self.customization.child_age,
            self.seed,
            self.analysis.subject,
            self.analysis.setting,
            self.analysis.mood,
            family.child_name,
            family.pet,
            family.place
        )
    }

    /// The planner's view of the story, from the same drawing and choices.
    pub fn context(&self) -> StoryContext<'_> {
        let family = &self.customization.personal_context;
        StoryContext {
            hero: &self.analysis.subject,
            setting: &self.analysis.setting,
            mood: &self.analysis.mood,
            child_name: &family.child_name,
            pet: &family.pet,
            theme: self.theme(),
        }
    }

    /// Everything the family or the recognizer typed, which the story repeats as given.
    pub fn typed(&self) -> String {
        let family = &self.customization.personal_context;
        let colors: Vec<&str> = self.analysis.colors.iter().map(|c| c.name.as_str()).collect();
        format!(
            "{} {} {} {} {} {} {} {}",
            self.analysis.subject,
            self.analysis.setting,
            self.analysis.mood,
            family.child_name,
            family.pet,
            family.place,
            colors.join(" "),
            // The planner's stand-in for a blank subject is the story's own word for the hero.
            if self.analysis.subject.trim().is_empty() { "creature" } else { "" }
        )
    }
}

pub fn analysis(subject: &str, setting: &str, mood: &str, palette: &[&str]) -> DrawingAnalysis {
    let colors = palette
        .iter()
        .enumerate()
        .map(|(i, name)| PaletteColor {
            hex: "#808080".into(),
            name: (*name).into(),
            share: 0.6 / (i + 1) as f32,
        })
        .collect();
    DrawingAnalysis {
        subject: subject.to_string(),
        setting: setting.to_string(),
        mood: mood.to_string(),
        colors,
        ..DrawingAnalysis::default()
    }
}

pub fn customization(theme: Theme, age: u8, family: (&str, &str, &str)) -> Customization {
    Customization {
        theme,
        child_age: age,
        personal_context: PersonalContext {
            child_name: family.0.to_string(),
            pet: family.1.to_string(),
            place: family.2.to_string(),
        },
        ..Customization::default()
    }
}

/// `per_theme` stories of every theme, each seed choosing the age (2 to 10 in turn) and, as if
/// at random, the drawing, setting, mood, colours and family.
pub fn each_story(per_theme: u64, check: impl FnMut(&Case)) {
    each_story_of(&FAMILIES, per_theme, check);
}

/// `each_story` with the families drawn from `families`.
pub fn each_story_of(families: &[(&str, &str, &str)], per_theme: u64, mut check: impl FnMut(&Case)) {
    for theme in Theme::ALL {
        for seed in 0..per_theme {
            let pick = |len: usize, salt: u64| (scramble(seed ^ scramble(salt)) % len as u64) as usize;
            let age = 2 + (seed % 9) as u8;
            let subject = SUBJECTS[pick(SUBJECTS.len(), 1)];
            let setting = SETTINGS[pick(SETTINGS.len(), 2)];
            let mood = MOODS[pick(MOODS.len(), 3)];
            let palette = PALETTES[pick(PALETTES.len(), 4)];
            let family = families[pick(families.len(), 5)];
            let analysis = analysis(subject, setting, mood, palette);
            let customization = customization(theme, age, family);
            let story = write_story(&analysis, &customization, seed);
            check(&Case { story, analysis, customization, seed });
        }
    }
}

/// Spreads a number's bits, so neighbouring seeds choose unrelated inputs.
fn scramble(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One word of story text as a reader would look it up: lower case, without the quotes and
/// possessive ending around it.
pub fn plain(word: &str) -> String {
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let trimmed = trimmed.strip_suffix("'s").unwrap_or(trimmed);
    trimmed.trim_end_matches('\'').to_string()
}

/// The words of a text, in order; hyphenated words stay whole ("night-light").
pub fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ';' | ':' | '"' | '(' | ')')
    })
    .map(plain)
    .filter(|w| !w.is_empty())
    .collect()
}

/// Sentences as narration splits them: after . ! or ?, with any closing quote.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        current.push(chars[i]);
        if matches!(chars[i], '.' | '!' | '?') {
            while i + 1 < chars.len() && chars[i + 1] == '"' {
                i += 1;
                current.push(chars[i]);
            }
            if i + 1 == chars.len() || chars[i + 1] == ' ' {
                out.push(current.trim().to_string());
                current.clear();
            }
        }
        i += 1;
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Mistakes found over many stories: each kind once, with how often it was seen and the first
/// place it was seen, so a failure lists everything to fix at once.
#[derive(Default)]
pub struct Problems {
    found: std::collections::BTreeMap<String, (usize, String)>,
}

impl Problems {
    pub fn add(&mut self, kind: String, example: impl FnOnce() -> String) {
        self.found.entry(kind).or_insert_with(|| (0, example())).0 += 1;
    }

    pub fn assert_none(&self, what: &str) {
        let report: Vec<String> = self
            .found
            .iter()
            .map(|(kind, (count, example))| format!("{kind} ({count}x), e.g. in {example}"))
            .collect();
        assert!(self.found.is_empty(), "{} {what}:\n{}", self.found.len(), report.join("\n"));
    }
}
