//! The storybook's story engine: from what a child drew and the parent's choices, it writes a
//! short, gentle, age-appropriate story in scenes, entirely on the computer, with no model and
//! no network. The parent then edits the script before it becomes a video.
//!
//! Stories come from hand-written plots per theme whose beats have interchangeable tellings,
//! alternative phrasings and age steps (see `template`), filled with the child's own drawing,
//! name, pet and places. The same inputs and seed always give the same script; another seed
//! gives another story.

mod age;
mod cast;
mod grammar;
mod lexicon;
mod rng;
mod template;
mod themes;
mod writer;

use std::collections::HashMap;

use model::{
    Customization, DrawingAnalysis, Scene, StoryScript, Theme, MAX_SCENE_TEXT_CHARS, MAX_TITLE_CHARS,
};

use crate::age::Band;
use crate::cast::{Cast, Defaults};
use crate::grammar::{capitalize_first, count_words_occurrences, shorten, title_case};
use crate::rng::{mix, Rng};
use crate::themes::{Book, Plot, Step};
use crate::writer::Writer;

/// Writes a story of 4-8 scenes about the child's drawing.
///
/// Deterministic: the same analysis, customization and seed give the same script, scene ids
/// included; a different seed gives a different story ("write another").
pub fn write_story(analysis: &DrawingAnalysis, customization: &Customization, seed: u64) -> StoryScript {
    let band = Band::for_age(customization.age());
    let book = themes::book(customization.theme);
    let theme_index = Theme::ALL.iter().position(|t| *t == customization.theme).unwrap_or_default();
    let mut rng = Rng::new(mix(seed, (theme_index * 3 + band.index()) as u64));
    let defaults = Defaults { kid_chance: book.kid_chance, moods: book.moods, settings: book.settings };
    let cast = Cast::new(analysis, &customization.personal_context, &defaults, &mut rng);
    let thing = rng.pick(book.things).copied().unwrap_or("kite");

    let plot = choose_plot(book, &mut rng);
    let steps = choose_steps(plot, band, &mut rng);
    let mut writer = Writer::new(&cast, band, thing, Rng::new(rng.next_u64()));
    let mut texts = write_scenes(&steps, &mut writer, &cast);
    weave_in_personal(&mut texts, book, &cast, &mut writer);
    for text in &mut texts {
        *text = fit_scene(text);
    }

    let mut title_writer = Writer::new(&cast, band, thing, Rng::new(rng.next_u64()));
    let titles: Vec<&str> = book.titles.iter().chain(plot.titles).copied().collect();
    let title = title_writer
        .write_one_of(&titles)
        .map(|t| t.trim_end_matches('.').to_string())
        .unwrap_or_else(|| cast.hero.core.clone());
    let title = shorten(&title_case(&title), MAX_TITLE_CHARS);

    let tag = (mix(seed, 0x5CE7E) >> 32) as u32;
    let scenes = texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| Scene::new(format!("s-{tag:08x}-{}", index + 1), text))
        .collect();
    StoryScript { title, scenes }
}

fn choose_plot<'b>(book: &'b Book, rng: &mut Rng) -> &'b Plot {
    let index = rng.below(book.plots.len());
    &book.plots[index.min(book.plots.len().saturating_sub(1))]
}

/// The plot's needed steps plus as many extra steps as the child's age calls for, in order.
fn choose_steps<'p>(plot: &'p Plot, band: Band, rng: &mut Rng) -> Vec<&'p Step> {
    let (low, high) = band.scene_range();
    let required = plot.required_steps();
    let wanted = rng.between(low, high).clamp(required, plot.steps.len());
    let mut optional: Vec<usize> =
        plot.steps.iter().enumerate().filter(|(_, s)| !s.required).map(|(i, _)| i).collect();
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < wanted - required && !optional.is_empty() {
        let at = rng.below(optional.len());
        chosen.push(optional.remove(at));
    }
    plot.steps.iter().enumerate().filter(|(i, s)| s.required || chosen.contains(i)).map(|(_, s)| s).collect()
}

fn write_scenes(steps: &[&Step], writer: &mut Writer, cast: &Cast) -> Vec<String> {
    let mut links: HashMap<&str, usize> = HashMap::new();
    steps
        .iter()
        .map(|step| {
            let count = step.beat.len();
            let index = match step.link {
                Some(link) => *links.entry(link).or_insert_with(|| writer.rng().below(count)),
                None => writer.rng().below(count),
            };
            let telling = step.beat.get(index % count.max(1)).copied().unwrap_or_default();
            writer
                .write_telling(telling)
                .unwrap_or_else(|| format!("{} had a happy day.", capitalize_first(&cast.hero.core)))
        })
        .collect()
}

/// Makes sure what the family and the drawing gave is in the words: the child's name (at least
/// twice), the pet, the place, the mood of the drawing and, on the first page, the setting,
/// adding a sentence where a theme's plot did not already use them.
fn weave_in_personal(texts: &mut [String], book: &Book, cast: &Cast, writer: &mut Writer) {
    let last = texts.len().saturating_sub(1);
    // A mention may open a sentence ("The park was ..."), so compare without case.
    let mentions = |texts: &[String], phrase: &str| {
        let phrase = phrase.to_lowercase();
        texts.iter().any(|t| count_words_occurrences(&t.to_lowercase(), &phrase) > 0)
    };
    if let Some(pet) = &cast.pet {
        if !mentions(texts, &pet.full) && !mentions(texts, &pet.short) {
            add_line(texts, 0, book.pet_lines, writer);
        }
    }
    // The first page says where the story happens and how it feels, right after its opening
    // sentence, so the picture and the words agree from the start.
    let mut opening: Vec<String> = Vec::new();
    if !mentions(&texts[..texts.len().min(1)], &cast.setting.noun_phrase) {
        opening.extend(writer.write_one_of(book.setting_lines));
    }
    if cast.mood_given && !mentions(texts, &cast.mood) && !mentions(&opening, &cast.mood) {
        let lines = if cast.feeling == cast.mood { themes::FEELING_LINES } else { themes::ATMOSPHERE_LINES };
        opening.extend(writer.write_one_of(lines));
    }
    if !opening.is_empty() {
        insert_line(texts, &opening.join(" "));
    }
    if let Some(place) = &cast.place {
        if !mentions(texts, place) {
            add_line(texts, last.saturating_sub(1), book.place_lines, writer);
        }
    }
    if let Some(name) = &cast.child {
        for _ in 0..2 {
            let count: usize = texts.iter().map(|t| count_words_occurrences(t, name)).sum();
            if count >= 2 {
                break;
            }
            add_line(texts, last, book.name_lines, writer);
        }
    }
}

/// Adds one of `lines` to the end of the scene at `preferred`, or, when that scene has no room
/// left, to the nearest later (else earlier) scene that has.
fn add_line(texts: &mut [String], preferred: usize, lines: &[&'static str], writer: &mut Writer) {
    let Some(line) = writer.write_one_of(lines) else { return };
    let index = scene_with_room(texts, preferred, &line);
    if let Some(text) = texts.get_mut(index) {
        text.push(' ');
        text.push_str(&line);
    }
}

/// Puts `line` right after the first scene's opening sentence, or at the end of the first later
/// scene with room for it.
fn insert_line(texts: &mut [String], line: &str) {
    let index = scene_with_room(texts, 0, line);
    let Some(text) = texts.get_mut(index) else { return };
    let at = if index == 0 { end_of_first_sentence(text) } else { text.len() };
    let (before, after) = text.split_at(at);
    *text = [before.trim_end(), line, after.trim_start()]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
}

/// The scene nearest `preferred` (later ones first) that can take `line` within the limit.
fn scene_with_room(texts: &[String], preferred: usize, line: &str) -> usize {
    let fits = |text: &String| text.chars().count() + 1 + line.chars().count() <= MAX_SCENE_TEXT_CHARS;
    (preferred..texts.len())
        .chain((0..preferred.min(texts.len())).rev())
        .find(|at| texts.get(*at).is_some_and(fits))
        .unwrap_or(preferred)
}

/// Where the first sentence of `text` ends: after its . ! or ? (and any closing quote), where
/// the next sentence starts with a capital, so `"Hello!" said the owl.` stays whole.
fn end_of_first_sentence(text: &str) -> usize {
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = at + 1;
        while bytes.get(end) == Some(&b'"') {
            end += 1;
        }
        let next = text[end..].strip_prefix(' ').and_then(|rest| rest.chars().next());
        if next.is_some_and(|c| c.is_uppercase() || c == '"') {
            return end;
        }
    }
    text.len()
}

/// Keeps a scene within the model's limit by dropping whole sentences from its end.
fn fit_scene(text: &str) -> String {
    if text.chars().count() <= MAX_SCENE_TEXT_CHARS {
        return text.to_string();
    }
    let mut kept = String::new();
    for sentence in text.split_inclusive(['.', '!', '?']) {
        if kept.chars().count() + sentence.chars().count() > MAX_SCENE_TEXT_CHARS {
            break;
        }
        kept.push_str(sentence);
    }
    let kept = kept.trim().to_string();
    if kept.is_empty() {
        format!("{}.", shorten(text, MAX_SCENE_TEXT_CHARS - 1))
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_goes_after_the_opening_sentence_not_inside_speech() {
        let mut texts = vec!["\"Hello!\" said the owl. Then it flew.".to_string(), "Later.".to_string()];
        insert_line(&mut texts, "It was windy.");
        assert_eq!(texts[0], "\"Hello!\" said the owl. It was windy. Then it flew.");
        let mut single = vec!["Once upon a time.".to_string()];
        insert_line(&mut single, "It was windy.");
        assert_eq!(single[0], "Once upon a time. It was windy.");
    }

    #[test]
    fn a_line_moves_on_to_a_scene_with_room() {
        let full = "A long sentence. ".repeat(MAX_SCENE_TEXT_CHARS / 17);
        let mut texts = vec![full.trim().to_string(), "Short.".to_string()];
        insert_line(&mut texts, "It was windy.");
        assert!(!texts[0].contains("windy"));
        assert_eq!(texts[1], "Short. It was windy.");
    }
}
