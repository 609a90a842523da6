//! What the story knows about things a child might draw or own: how they move, which pronoun
//! fits, what a pet does and what a colour looks like. Tables only, so they can grow freely.

/// How the hero gets about, so a fish swims and a car zooms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Motion {
    Walk,
    Stomp,
    Hop,
    Swim,
    Fly,
    Roll,
    Wiggle,
}

impl Motion {
    /// Past-tense verbs of going.
    pub(crate) fn went(self) -> &'static [&'static str] {
        match self {
            Self::Walk => &["walked", "trotted", "strolled"],
            Self::Stomp => &["stomped", "marched", "tramped"],
            Self::Hop => &["hopped", "bounced", "skipped"],
            Self::Swim => &["swam", "paddled", "glided"],
            Self::Fly => &["flew", "fluttered", "swooped"],
            Self::Roll => &["rolled", "zoomed", "rumbled"],
            Self::Wiggle => &["wiggled", "crept", "inched"],
        }
    }

    pub(crate) fn go(self) -> &'static str {
        match self {
            Self::Walk => "walk",
            Self::Stomp => "stomp",
            Self::Hop => "hop",
            Self::Swim => "swim",
            Self::Fly => "fly",
            Self::Roll => "roll",
            Self::Wiggle => "wiggle",
        }
    }

    pub(crate) fn going(self) -> &'static str {
        match self {
            Self::Walk => "walking",
            Self::Stomp => "stomping",
            Self::Hop => "hopping",
            Self::Swim => "swimming",
            Self::Fly => "flying",
            Self::Roll => "rolling",
            Self::Wiggle => "wiggling",
        }
    }

    /// A little sound-line toddlers can join in with.
    pub(crate) fn refrain(self) -> &'static [&'static str] {
        match self {
            Self::Walk => &["Step, step, step", "Tip, tap, tip, tap", "Left foot, right foot"],
            Self::Stomp => &["Stomp, stomp, stomp", "Thump, thump, thump"],
            Self::Hop => &["Hop, hop, hop", "Boing, boing, boing"],
            Self::Swim => &["Swish, swish, swish", "Splish, splash, splish"],
            Self::Fly => &["Flap, flap, flap", "Whoosh, whoosh, whoosh"],
            Self::Roll => &["Vroom, vroom, vroom", "Beep, beep, beep"],
            Self::Wiggle => &["Wiggle, wiggle, wiggle", "Squish, squish, squish"],
        }
    }
}

/// Which words the story uses for the hero in place of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    It,
    He,
    She,
    They,
}

use Motion::*;
use Pronoun::*;

const NOUNS: &[(&str, Motion, Pronoun)] = &[
    ("monster", Stomp, It),
    ("dinosaur", Stomp, It),
    ("dino", Stomp, It),
    ("t-rex", Stomp, It),
    ("dragon", Stomp, It),
    ("giant", Stomp, It),
    ("elephant", Stomp, It),
    ("bear", Stomp, It),
    ("teddy", Walk, It),
    ("robot", Stomp, It),
    ("troll", Stomp, It),
    ("gorilla", Stomp, It),
    ("hippo", Stomp, It),
    ("rhino", Stomp, It),
    ("yeti", Stomp, It),
    ("cat", Walk, It),
    ("kitten", Walk, It),
    ("kitty", Walk, It),
    ("dog", Walk, It),
    ("puppy", Walk, It),
    ("horse", Walk, It),
    ("pony", Walk, It),
    ("unicorn", Walk, It),
    ("lion", Walk, It),
    ("tiger", Walk, It),
    ("fox", Walk, It),
    ("wolf", Walk, It),
    ("mouse", Walk, It),
    ("cow", Walk, It),
    ("pig", Walk, It),
    ("sheep", Walk, It),
    ("giraffe", Walk, It),
    ("zebra", Walk, It),
    ("panda", Walk, It),
    ("koala", Walk, It),
    ("monkey", Walk, It),
    ("penguin", Walk, It),
    ("duck", Walk, It),
    ("chicken", Walk, It),
    ("hedgehog", Walk, It),
    ("turtle", Walk, It),
    ("tortoise", Walk, It),
    ("alien", Walk, It),
    ("creature", Walk, It),
    ("ghost", Fly, It),
    ("blob", Wiggle, It),
    ("rabbit", Hop, It),
    ("bunny", Hop, It),
    ("frog", Hop, It),
    ("toad", Hop, It),
    ("kangaroo", Hop, It),
    ("grasshopper", Hop, It),
    ("fish", Swim, It),
    ("goldfish", Swim, It),
    ("shark", Swim, It),
    ("whale", Swim, It),
    ("dolphin", Swim, It),
    ("octopus", Swim, It),
    ("jellyfish", Swim, It),
    ("seahorse", Swim, It),
    ("seal", Swim, It),
    ("crab", Walk, It),
    ("mermaid", Swim, She),
    ("bird", Fly, It),
    ("owl", Fly, It),
    ("parrot", Fly, It),
    ("eagle", Fly, It),
    ("butterfly", Fly, It),
    ("bee", Fly, It),
    ("ladybug", Fly, It),
    ("ladybird", Fly, It),
    ("bat", Fly, It),
    ("fairy", Fly, She),
    ("angel", Fly, They),
    ("plane", Fly, It),
    ("airplane", Fly, It),
    ("helicopter", Fly, It),
    ("rocket", Fly, It),
    ("spaceship", Fly, It),
    ("balloon", Fly, It),
    ("kite", Fly, It),
    ("cloud", Fly, It),
    ("star", Fly, It),
    ("sun", Fly, It),
    ("moon", Fly, It),
    ("car", Roll, It),
    ("truck", Roll, It),
    ("train", Roll, It),
    ("bus", Roll, It),
    ("tractor", Roll, It),
    ("bike", Roll, It),
    ("digger", Roll, It),
    ("snail", Wiggle, It),
    ("worm", Wiggle, It),
    ("caterpillar", Wiggle, It),
    ("snake", Wiggle, It),
    ("slug", Wiggle, It),
    ("princess", Walk, She),
    ("queen", Walk, She),
    ("girl", Walk, She),
    ("woman", Walk, She),
    ("lady", Walk, She),
    ("sister", Walk, She),
    ("witch", Walk, She),
    ("ballerina", Walk, She),
    ("mom", Walk, She),
    ("mommy", Walk, She),
    ("mum", Walk, She),
    ("mummy", Walk, She),
    ("mama", Walk, She),
    ("grandma", Walk, She),
    ("granny", Walk, She),
    ("nana", Walk, She),
    ("gran", Walk, She),
    ("auntie", Walk, She),
    ("prince", Walk, He),
    ("king", Walk, He),
    ("boy", Walk, He),
    ("man", Walk, He),
    ("brother", Walk, He),
    ("dad", Walk, He),
    ("daddy", Walk, He),
    ("papa", Walk, He),
    ("grandpa", Walk, He),
    ("grandad", Walk, He),
    ("granddad", Walk, He),
    ("uncle", Walk, He),
    ("snowman", Walk, He),
    ("person", Walk, They),
    ("baby", Walk, They),
    ("kid", Walk, They),
    ("child", Walk, They),
    ("friend", Walk, They),
    ("teacher", Walk, They),
    ("doctor", Walk, They),
    ("knight", Walk, They),
    ("wizard", Walk, They),
    ("pirate", Walk, They),
    ("astronaut", Walk, They),
    ("superhero", Walk, They),
    ("hero", Walk, They),
    ("ninja", Walk, They),
    ("clown", Walk, They),
    ("family", Walk, They),
    ("house", Walk, It),
    ("tree", Walk, It),
    ("flower", Walk, It),
    ("rainbow", Fly, It),
];

/// Words for a family member, which read as a name ("Mommy") rather than "the mommy".
const FAMILY: [&str; 16] = [
    "mom", "mommy", "mum", "mummy", "mama", "dad", "daddy", "papa", "grandma", "grandpa", "granny", "nana",
    "gran", "grandad", "granddad", "auntie",
];

/// Titles that make the following words a name ("Mr Snuggles", "Captain Purple").
pub(crate) const TITLES: [&str; 10] =
    ["mr", "mrs", "miss", "ms", "dr", "captain", "sir", "lady", "professor", "aunt"];

/// Words that end the head of a noun phrase ("a princess *with* a crown").
pub(crate) const PHRASE_BREAKS: [&str; 14] = [
    "with", "in", "on", "at", "who", "that", "which", "holding", "wearing", "from", "under", "of", "called",
    "named",
];

/// Counting words that make a subject plural ("two cats").
pub(crate) const PLURAL_OPENERS: [&str; 16] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some", "many", "lots", "few",
    "several", "both", "all",
];

/// Removes a plural ending for table look-ups ("bunnies" -> "bunny", "foxes" -> "fox").
pub(crate) fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    if NOUNS.iter().any(|(noun, _, _)| *noun == lower) {
        return lower;
    }
    if let Some(stem) = lower.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = lower.strip_suffix("es") {
        if NOUNS.iter().any(|(noun, _, _)| *noun == stem) {
            return stem.to_string();
        }
    }
    if let Some(stem) = lower.strip_suffix('s') {
        if !stem.ends_with('s') && !stem.ends_with('u') && !stem.ends_with('i') {
            return stem.to_string();
        }
    }
    lower
}

/// True when the word is a regular English plural of something we know, or looks like one.
pub(crate) fn looks_plural(word: &str) -> bool {
    let lower = word.to_lowercase();
    if NOUNS.iter().any(|(noun, _, _)| *noun == lower) {
        return false;
    }
    lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
}

/// How a noun moves and which pronoun fits, when the noun is one we know.
pub(crate) fn noun_info(word: &str) -> Option<(Motion, Pronoun)> {
    let key = singular(word);
    NOUNS.iter().find(|(noun, _, _)| *noun == key).map(|(_, motion, pronoun)| (*motion, *pronoun))
}

pub(crate) fn is_known_noun(word: &str) -> bool {
    noun_info(word).is_some()
}

pub(crate) fn is_family_word(word: &str) -> bool {
    FAMILY.contains(&word.to_lowercase().as_str())
}

/// The pronoun a name's title implies ("Mrs Potts" -> she).
pub(crate) fn title_pronoun(title: &str) -> Pronoun {
    match title.to_lowercase().as_str() {
        "mr" | "sir" => He,
        "mrs" | "miss" | "ms" | "lady" | "aunt" => She,
        _ => They,
    }
}

/// Pet kinds a parent may write, and something each does that a child would recognise.
const PET_ACTIONS: &[(&str, &[&str])] = &[
    ("dog", &["wagged its tail", "gave a happy woof"]),
    ("puppy", &["wagged its tail", "gave a happy yip"]),
    ("cat", &["purred", "swished its tail"]),
    ("kitten", &["purred", "gave a tiny mew"]),
    ("rabbit", &["twitched its nose", "did a happy hop"]),
    ("bunny", &["twitched its nose", "did a happy hop"]),
    ("hamster", &["twitched its whiskers", "gave a tiny squeak"]),
    ("guinea pig", &["gave a happy squeak", "wiggled its nose"]),
    ("mouse", &["gave a tiny squeak", "twitched its whiskers"]),
    ("fish", &["blew a row of bubbles", "swished its fins"]),
    ("goldfish", &["blew a row of bubbles", "swished its fins"]),
    ("bird", &["sang a little song", "fluffed itself up"]),
    ("parrot", &["squawked hello", "flapped its wings"]),
    ("budgie", &["chirped hello", "fluffed itself up"]),
    ("turtle", &["poked its head out", "blinked slowly"]),
    ("tortoise", &["poked its head out", "blinked slowly"]),
    ("horse", &["gave a friendly neigh", "swished its tail"]),
    ("pony", &["gave a friendly neigh", "swished its tail"]),
    ("lizard", &["blinked slowly", "flicked its tail"]),
    ("snake", &["gave a friendly hiss", "curled up in a loop"]),
    ("chicken", &["clucked", "fluffed itself up"]),
];

/// Things any pet might do.
pub(crate) const PET_GENERIC_ACTIONS: [&str; 3] = ["wiggled happily", "looked very pleased", "came closer"];

/// The pet kinds we know, longest first so "guinea pig" wins over "pig".
pub(crate) fn pet_kind_in(words: &str) -> Option<&'static str> {
    let lower = words.to_lowercase();
    let mut kinds: Vec<&'static str> = PET_ACTIONS.iter().map(|(kind, _)| *kind).collect();
    kinds.sort_by_key(|kind| std::cmp::Reverse(kind.len()));
    kinds.into_iter().find(|kind| {
        lower == *kind
            || lower.starts_with(&format!("{kind} "))
            || lower.ends_with(&format!(" {kind}"))
            || lower.contains(&format!(" {kind} "))
    })
}

pub(crate) fn pet_actions(kind: Option<&str>) -> &'static [&'static str] {
    kind.and_then(|k| PET_ACTIONS.iter().find(|(known, _)| *known == k))
        .map_or(&PET_GENERIC_ACTIONS[..], |(_, actions)| actions)
}

/// "as purple as ..." comparisons for plain colour words.
pub(crate) fn color_likeness(color: &str) -> &'static [&'static str] {
    let last = color.split_whitespace().last().unwrap_or_default().to_lowercase();
    // Only things a picture can show (or light and sky), and nothing that names a time of day
    // or weather, since the picture is drawn from these words too.
    match last.as_str() {
        "red" => &["a strawberry", "a ladybug", "an apple"],
        "orange" => &["a goldfish", "a fox", "an autumn leaf"],
        "yellow" => &["the sun", "a duckling", "a buttercup"],
        "green" => &["a leaf", "a frog", "the grass"],
        "blue" => &["the sky", "a bluebird"],
        "purple" | "violet" => &["a tulip", "a butterfly's wings"],
        "pink" => &["a rose", "a cupcake", "a piglet"],
        "brown" => &["a teddy bear", "an acorn"],
        "black" => &["a cave", "a shadow"],
        "gray" | "grey" => &["a pebble", "a mouse"],
        "white" => &["a fluffy cloud", "a feather"],
        "golden" | "gold" => &["sunshine", "the sun"],
        "silver" => &["the moon", "a shiny key"],
        _ => &["a rainbow", "a bunch of flowers"],
    }
}

/// Every phrase this module can put into a story on its own (verbs of going, refrains, what pets
/// do, colour likenesses), for the check that a story names only what its picture can show.
#[cfg(test)]
pub(crate) fn own_phrases() -> Vec<&'static str> {
    let motions = [Walk, Stomp, Hop, Swim, Fly, Roll, Wiggle];
    let mut phrases: Vec<&'static str> = Vec::new();
    for motion in motions {
        phrases.extend(motion.went());
        phrases.extend(motion.refrain());
        phrases.extend([motion.go(), motion.going()]);
    }
    phrases.extend(PET_ACTIONS.iter().flat_map(|(_, actions)| actions.iter().copied()));
    phrases.extend(PET_GENERIC_ACTIONS);
    let colors = [
        "red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "gray", "white",
        "gold", "silver",
    ];
    for color in colors.iter().chain(&["turquoise"]) {
        phrases.extend(color_likeness(color));
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_are_recognised() {
        assert_eq!(singular("bunnies"), "bunny");
        assert_eq!(singular("foxes"), "fox");
        assert_eq!(singular("cats"), "cat");
        assert_eq!(singular("octopus"), "octopus");
        assert!(looks_plural("dinosaurs"));
        assert!(!looks_plural("octopus"));
        assert!(!looks_plural("bus"));
    }

    #[test]
    fn nouns_know_how_they_move() {
        assert_eq!(noun_info("Fish"), Some((Motion::Swim, Pronoun::It)));
        assert_eq!(noun_info("princesses"), Some((Motion::Walk, Pronoun::She)));
        assert_eq!(noun_info("zorblax"), None);
    }

    #[test]
    fn pets_are_found_inside_phrases() {
        assert_eq!(pet_kind_in("guinea pig named Pip"), Some("guinea pig"));
        assert_eq!(pet_kind_in("dog"), Some("dog"));
        assert_eq!(pet_kind_in("Biscuit"), None);
        assert_eq!(pet_actions(None), &PET_GENERIC_ACTIONS[..]);
    }
}
