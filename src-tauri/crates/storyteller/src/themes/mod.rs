//! The story shapes of each theme. A theme is a book of plots; a plot is a row of beats, some
//! needed for the story to make sense and some that make it longer for older children; a beat
//! is a few interchangeable scene texts in the template language of `crate::template`.

mod adventure;
mod bedtime;
mod brave;
mod friendship;
mod silly;

use model::Theme;

/// One way to tell a beat: its sentences, each a template.
pub(crate) type Telling = &'static [&'static str];
/// The interchangeable tellings of one beat.
pub(crate) type Beat = &'static [Telling];

/// One step of a plot: the scene texts that can tell it, and whether the plot needs it.
pub(crate) struct Step {
    pub(crate) beat: Beat,
    pub(crate) required: bool,
    /// Steps sharing a link use the same telling number, so a problem and its answer match
    /// (the river is crossed, not the fog).
    pub(crate) link: Option<&'static str>,
}

/// A step every telling of the plot has.
pub(crate) const fn need(beat: Beat) -> Step {
    Step { beat, required: true, link: None }
}

/// A step added when the story has room for more scenes.
pub(crate) const fn extra(beat: Beat) -> Step {
    Step { beat, required: false, link: None }
}

/// A needed step whose telling must match the other steps with the same link.
pub(crate) const fn linked(link: &'static str, beat: Beat) -> Step {
    Step { beat, required: true, link: Some(link) }
}

pub(crate) struct Plot {
    /// What the plot is, for people reading the theme files and for test messages.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) name: &'static str,
    /// Titles that only fit this plot, used alongside the theme's own.
    pub(crate) titles: &'static [&'static str],
    pub(crate) steps: &'static [Step],
}

impl Plot {
    pub(crate) fn required_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.required).count()
    }
}

/// Everything one theme needs to write a story.
pub(crate) struct Book {
    pub(crate) titles: &'static [&'static str],
    /// Small things the story can be about ("kite", "hat"): `{thing}`.
    pub(crate) things: &'static [&'static str],
    pub(crate) plots: &'static [Plot],
    /// How often (percent) the child steps into the story beside the hero.
    pub(crate) kid_chance: u64,
    /// Moods to use when the drawing has none.
    pub(crate) moods: &'static [&'static str],
    /// Settings to use when the drawing has none.
    pub(crate) settings: &'static [&'static str],
    /// A sentence that brings the pet in, fitting the end of the first scene.
    pub(crate) pet_lines: &'static [&'static str],
    /// A sentence that says where the story happens, fitting the end of the first scene.
    pub(crate) setting_lines: &'static [&'static str],
    /// A sentence that brings the family's place in, fitting the end of a middle scene.
    pub(crate) place_lines: &'static [&'static str],
    /// A sentence that names the child, fitting the end of the last scene.
    pub(crate) name_lines: &'static [&'static str],
}

/// A sentence that says how the hero feels, when the drawing's mood is a feeling ("happy").
pub(crate) const FEELING_LINES: &[&str] =
    &["#({hero_s} felt {mood}.|{hero_s} felt {mood} today.|All day long, {hero_s} had been feeling {mood}.)"];

/// A sentence that says how everything feels, when the drawing's mood is a place's or a day's
/// ("mysterious", "magical").
pub(crate) const ATMOSPHERE_LINES: &[&str] = &[
    "#(Everything felt {mood}.|Everything around felt {mood}.|Everything around {hero_s} felt {mood}, as if anything could happen.)",
];

pub(crate) fn book(theme: Theme) -> &'static Book {
    match theme {
        Theme::Adventure => &adventure::BOOK,
        Theme::Friendship => &friendship::BOOK,
        Theme::Bedtime => &bedtime::BOOK,
        Theme::Silly => &silly::BOOK,
        Theme::Brave => &brave::BOOK,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::template::{parse, slots_with_guards, Node};
    use crate::writer::{GUARDED, KEYS, SLOTS};

    /// Every template of every theme, with where it lives for error messages.
    fn all_templates() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for theme in Theme::ALL {
            let book = book(theme);
            // Personal lines are only written when their person or place is given.
            let lines = [
                ("titles", book.titles, None),
                ("setting_lines", book.setting_lines, None),
                ("feeling_lines", FEELING_LINES, Some("mood")),
                ("atmosphere_lines", ATMOSPHERE_LINES, Some("mood")),
                ("pet_lines", book.pet_lines, Some("pet")),
                ("place_lines", book.place_lines, Some("place")),
                ("name_lines", book.name_lines, Some("name")),
            ];
            for (what, list, guard) in lines {
                for (i, text) in list.iter().enumerate() {
                    let text = match guard {
                        Some(key) => format!("{{{key}?{text}}}"),
                        None => text.to_string(),
                    };
                    found.push((format!("{} {what} {i}", theme.as_str()), text));
                }
            }
            for plot in book.plots {
                for (i, text) in plot.titles.iter().enumerate() {
                    found.push((format!("{} {} title {i}", theme.as_str(), plot.name), text.to_string()));
                }
                for (s, step) in plot.steps.iter().enumerate() {
                    for (t, telling) in step.beat.iter().enumerate() {
                        let place = format!("{} {} step {s} telling {t}", theme.as_str(), plot.name);
                        found.push((place, telling.join(" ")));
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_template_reads_and_uses_only_known_slots() {
        for (place, text) in all_templates() {
            let nodes = parse(&text).unwrap_or_else(|e| panic!("{place}: {} at {}", e.message, e.at));
            for (slot, guards) in slots_with_guards(&nodes) {
                if let Some(key) = slot.strip_prefix('?') {
                    assert!(KEYS.contains(&key), "{place}: unknown condition {key}");
                    continue;
                }
                assert!(SLOTS.contains(&slot.as_str()), "{place}: unknown slot {slot}");
                if let Some((_, allowed)) = GUARDED.iter().find(|(name, _)| *name == slot) {
                    assert!(
                        guards.iter().any(|g| allowed.contains(&g.as_str())),
                        "{place}: {{{slot}}} is used where it may be empty"
                    );
                }
            }
        }
    }

    /// The literal words of a template, whichever way its choices and conditions go.
    fn literals(nodes: &[Node], out: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Text(text) => out.push(text.clone()),
                Node::Slot(_) => {}
                Node::Choice(options) | Node::ByBand(options) => {
                    options.iter().for_each(|o| literals(o, out))
                }
                Node::AtLeast(_, inner) => literals(inner, out),
                Node::Cond { then, otherwise, .. } => {
                    literals(then, out);
                    literals(otherwise, out);
                }
            }
        }
    }

    /// A story word as a reader looks it up: lower case, without quotes or a possessive ending.
    fn plain_words(text: &str) -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || ",.!?;:\"()".contains(c))
            .map(|word| {
                let lower = word.to_lowercase();
                let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
                trimmed.strip_suffix("'s").unwrap_or(trimmed).trim_end_matches('\'').to_string()
            })
            .filter(|word| !word.is_empty())
            .collect()
    }

    #[test]
    fn every_word_a_template_or_table_can_write_is_drawn_or_known_not_to_be_a_thing() {
        let not_drawn: HashSet<&str> = include_str!("../../tests/vocabulary/not_drawn.txt")
            .lines()
            .flat_map(|line| line.split('#').next().unwrap_or_default().split_whitespace())
            .collect();
        let phrases: HashSet<Vec<String>> = planner::ELEMENTS
            .iter()
            .flat_map(|e| e.words.iter().map(|w| w.split(' ').map(str::to_string).collect()))
            .collect();
        let mut texts: Vec<(String, String)> = Vec::new();
        for (place, template) in all_templates() {
            let nodes = parse(&template).unwrap_or_default();
            let mut found = Vec::new();
            literals(&nodes, &mut found);
            texts.extend(found.into_iter().map(|text| (place.clone(), text)));
        }
        for theme in Theme::ALL {
            let book = book(theme);
            for list in [book.things, book.moods, book.settings] {
                texts
                    .extend(list.iter().map(|text| (format!("{} tables", theme.as_str()), text.to_string())));
            }
        }
        texts.extend(crate::cast::own_phrases().into_iter().map(|text| ("cast".to_string(), text)));
        texts.extend(
            crate::lexicon::own_phrases().into_iter().map(|text| ("lexicon".to_string(), text.to_string())),
        );
        // What the writer says when a slot has nothing to fill it with.
        let stand_ins = [
            "the little artist",
            "a puppy",
            "a faraway place",
            "wiggled happily",
            "a rainbow",
            "had a happy day",
        ];
        texts.extend(stand_ins.iter().map(|text| ("writer".to_string(), text.to_string())));
        let mut unknown: Vec<String> = Vec::new();
        for (place, text) in &texts {
            let words = plain_words(text);
            let mut at = 0;
            while at < words.len() {
                if at + 1 < words.len() && phrases.contains(&words[at..at + 2]) {
                    at += 2;
                    continue;
                }
                let word = &words[at];
                if !phrases.contains(&words[at..at + 1]) && !not_drawn.contains(word.as_str()) {
                    unknown.push(format!("{word:?} in {text:?} ({place})"));
                }
                at += 1;
            }
        }
        assert!(
            unknown.is_empty(),
            "words that are neither in the planner's catalogue nor in tests/vocabulary/not_drawn.txt:\n{}",
            unknown.join("\n")
        );
    }

    #[test]
    fn templates_keep_agreement_with_the_hero() {
        // "the cats was" would be wrong: after the hero, "was" must come from {was}.
        for (place, text) in all_templates() {
            for hero in ["{hero}", "{hero_s}", "{hero_a}", "{hero_full}"] {
                for verb in [" was", " is", " has"] {
                    let pattern = format!("{hero}{verb}");
                    let bad = text.match_indices(&pattern).any(|(at, _)| {
                        text[at + pattern.len()..].chars().next().is_none_or(|c| !c.is_alphabetic())
                    });
                    assert!(!bad, "{place}: {pattern}");
                }
            }
            assert!(!text.contains("{it} was"), "{place}: use {{it_was}}");
            assert!(!text.to_lowercase().contains("there was {hero"), "{place}: use there {{was}}");
            assert!(!text.contains("{they} were"), "{place}: use {{they_were}}");
            assert!(!text.contains("..."), "{place}: an ellipsis would split sentences oddly");
        }
    }

    #[test]
    fn plots_fit_every_age_and_linked_steps_match() {
        for theme in Theme::ALL {
            let book = book(theme);
            assert!(book.plots.len() >= 3, "{} needs several plot shapes", theme.as_str());
            for plot in book.plots {
                assert!(plot.required_steps() <= 5, "{} {} needs too many scenes", theme.as_str(), plot.name);
                assert!(plot.steps.len() >= 8, "{} {} cannot make 8 scenes", theme.as_str(), plot.name);
                assert!(plot.steps.first().is_some_and(|s| s.required));
                assert!(plot.steps.last().is_some_and(|s| s.required));
                for step in plot.steps.iter().filter(|s| s.link.is_some()) {
                    assert!(step.required, "{} {}: linked steps are always told", theme.as_str(), plot.name);
                    let mut partners = plot.steps.iter().filter(|s| s.link == step.link);
                    assert!(partners.clone().count() >= 2);
                    assert!(partners.all(|s| s.beat.len() == step.beat.len()));
                }
            }
            assert!(!book.things.is_empty() && !book.moods.is_empty() && !book.settings.is_empty());
        }
    }
}
