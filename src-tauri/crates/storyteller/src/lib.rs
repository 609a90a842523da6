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
        .map(|(index, text)| Scene { id: format!("s-{tag:08x}-{}", index + 1), text })
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

/// Makes sure the child's name (at least twice), pet and place each appear when given, adding a
/// sentence where a theme's plot did not already use them.
fn weave_in_personal(texts: &mut [String], book: &Book, cast: &Cast, writer: &mut Writer) {
    let last = texts.len().saturating_sub(1);
    // A mention may open a sentence ("The park was ..."), so compare without case.
    let mentions = |texts: &[String], phrase: &str| {
        let phrase = phrase.to_lowercase();
        texts.iter().any(|t| t.to_lowercase().contains(&phrase))
    };
    if let Some(pet) = &cast.pet {
        if !mentions(texts, &pet.full) && !mentions(texts, &pet.short) {
            append_line(texts, 0, book.pet_lines, writer);
        }
    }
    if let Some(place) = &cast.place {
        if !mentions(texts, place) {
            append_line(texts, last.saturating_sub(1), book.place_lines, writer);
        }
    }
    if let Some(name) = &cast.child {
        for _ in 0..2 {
            let count: usize = texts.iter().map(|t| count_words_occurrences(t, name)).sum();
            if count >= 2 {
                break;
            }
            append_line(texts, last, book.name_lines, writer);
        }
    }
}

fn append_line(texts: &mut [String], index: usize, lines: &[&str], writer: &mut Writer) {
    if let (Some(text), Some(line)) = (texts.get_mut(index), writer.write_one_of(lines)) {
        text.push(' ');
        text.push_str(&line);
    }
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
