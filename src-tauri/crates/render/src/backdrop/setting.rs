//! Choosing a backdrop from the setting's free text ("a sunny meadow", "the deep blue sea").

/// The worlds a story can take place in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    Forest,
    Garden,
    Seaside,
    Castle,
    Space,
    Bedroom,
    Farm,
    Park,
    /// Rolling hills and flowers: the world for anything not recognised.
    Meadow,
}

const KEYWORDS: &[(Setting, &[&str])] = &[
    (
        Setting::Forest,
        &[
            "forest",
            "woods",
            "wood",
            "woodland",
            "jungle",
            "tree",
            "trees",
            "grove",
            "rainforest",
            "mushroom",
        ],
    ),
    (
        Setting::Garden,
        &[
            "garden",
            "gardens",
            "flower",
            "flowers",
            "backyard",
            "yard",
            "greenhouse",
            "roses",
            "butterfly",
            "butterflies",
        ],
    ),
    (
        Setting::Seaside,
        &[
            "sea",
            "seaside",
            "beach",
            "ocean",
            "shore",
            "coast",
            "island",
            "waves",
            "sand",
            "sandy",
            "harbor",
            "harbour",
            "underwater",
            "boat",
            "pirate",
            "pirates",
            "lake",
        ],
    ),
    (
        Setting::Castle,
        &[
            "castle",
            "palace",
            "kingdom",
            "king",
            "queen",
            "princess",
            "prince",
            "knight",
            "knights",
            "tower",
            "dragon",
            "fairytale",
        ],
    ),
    (
        Setting::Space,
        &[
            "space",
            "outer",
            "star",
            "stars",
            "starry",
            "moon",
            "planet",
            "planets",
            "rocket",
            "galaxy",
            "universe",
            "alien",
            "aliens",
            "cosmos",
            "astronaut",
        ],
    ),
    (
        Setting::Bedroom,
        &[
            "home",
            "house",
            "bedroom",
            "room",
            "bed",
            "kitchen",
            "indoors",
            "inside",
            "nursery",
            "living",
            "playroom",
            "school",
            "classroom",
            "cozy",
        ],
    ),
    (
        Setting::Farm,
        &[
            "farm",
            "barn",
            "field",
            "fields",
            "cow",
            "cows",
            "tractor",
            "countryside",
            "ranch",
            "village",
            "hay",
            "chickens",
        ],
    ),
    (
        Setting::Park,
        &[
            "park",
            "playground",
            "city",
            "town",
            "street",
            "pond",
            "picnic",
            "swing",
            "swings",
            "zoo",
            "slide",
        ],
    ),
    (
        Setting::Meadow,
        &["meadow", "hill", "hills", "grass", "grassy", "outside", "outdoors", "valley", "sunny"],
    ),
];

impl Setting {
    /// The setting whose words the text uses most (earliest mention breaks ties); the meadow
    /// when none match.
    pub fn from_text(text: &str) -> Setting {
        let lower = text.to_lowercase();
        let words: Vec<&str> =
            lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let normalized = words.join(" ");
        if normalized.contains("night sky") || normalized.contains("outer space") {
            return Setting::Space;
        }
        let mut best: Option<(usize, usize, Setting)> = None;
        for (setting, keywords) in KEYWORDS {
            let mut hits = 0;
            let mut first = usize::MAX;
            for (position, word) in words.iter().enumerate() {
                if keywords.contains(word) {
                    hits += 1;
                    first = first.min(position);
                }
            }
            if hits == 0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((best_hits, best_first, _)) => {
                    hits > best_hits || (hits == best_hits && first < best_first)
                }
            };
            if better {
                best = Some((hits, first, *setting));
            }
        }
        best.map_or(Setting::Meadow, |(_, _, setting)| setting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_pick_their_world() {
        assert_eq!(Setting::from_text("Forest"), Setting::Forest);
        assert_eq!(Setting::from_text("a sunny meadow"), Setting::Meadow);
        assert_eq!(Setting::from_text("At the BEACH!"), Setting::Seaside);
        assert_eq!(Setting::from_text("the princess's castle"), Setting::Castle);
        assert_eq!(Setting::from_text("the night sky"), Setting::Space);
        assert_eq!(Setting::from_text("my bedroom"), Setting::Bedroom);
        assert_eq!(Setting::from_text("grandpa's farm"), Setting::Farm);
        assert_eq!(Setting::from_text("the park"), Setting::Park);
        assert_eq!(Setting::from_text("garden"), Setting::Garden);
    }

    #[test]
    fn unknown_or_empty_text_falls_back_to_the_meadow() {
        assert_eq!(Setting::from_text(""), Setting::Meadow);
        assert_eq!(Setting::from_text("somewhere wonderful"), Setting::Meadow);
    }

    #[test]
    fn more_mentions_win() {
        assert_eq!(Setting::from_text("a tree by the sea, waves and sand"), Setting::Seaside);
    }
}
