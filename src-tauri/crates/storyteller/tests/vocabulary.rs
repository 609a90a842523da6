//! The story names nothing its picture cannot show: every word of every story is either a
//! word of the planner's catalogue (something the renderer draws) or a word listed in
//! `vocabulary/not_drawn.txt` as not a thing to draw. A template that names a new thing fails
//! here until the thing gets a drawing or the word is classified.

mod support;

use std::collections::{BTreeMap, HashSet};

use planner::ELEMENTS;
use support::{each_story, plain, plain_words};

const NOT_DRAWN: &str = include_str!("vocabulary/not_drawn.txt");

fn not_drawn() -> HashSet<String> {
    NOT_DRAWN
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .flat_map(|line| line.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Every catalogue phrase as its words ("teddy bear" -> ["teddy", "bear"]), and the most words
/// any has.
fn catalogue_phrases() -> (HashSet<Vec<String>>, usize) {
    let phrases: HashSet<Vec<String>> = ELEMENTS
        .iter()
        .flat_map(|e| e.words.iter().map(|w| w.split(' ').map(str::to_string).collect()))
        .collect();
    let longest = phrases.iter().map(Vec::len).max().unwrap_or(1);
    (phrases, longest)
}

/// The words of `text` that are not part of a catalogue phrase, longest phrases first.
fn uncatalogued(text: &str, (phrases, longest): &(HashSet<Vec<String>>, usize)) -> Vec<String> {
    let words = plain_words(text);
    let mut left = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let most = (*longest).min(words.len() - at);
        match (1..=most).rev().find(|len| phrases.contains(&words[at..at + len])) {
            Some(len) => at += len,
            None => {
                left.push(words[at].clone());
                at += 1;
            }
        }
    }
    left
}

#[test]
fn every_word_is_drawn_or_known_not_to_be_a_thing() {
    let phrases = catalogue_phrases();
    let allowed = not_drawn();
    // The first scene each unknown word was seen in, and in which story.
    let mut unknown: BTreeMap<String, (usize, String, String)> = BTreeMap::new();
    each_story(600, |case| {
        let typed: HashSet<String> = plain_words(&case.typed()).into_iter().collect();
        let title = case.story.title.as_str();
        for text in case.story.scenes.iter().map(|s| s.text.as_str()).chain([title]) {
            for word in uncatalogued(text, &phrases) {
                if allowed.contains(&word)
                    || typed.contains(&word)
                    || word.chars().all(|c| c.is_ascii_digit())
                {
                    continue;
                }
                let entry = unknown.entry(word).or_insert_with(|| (0, text.to_string(), case.describe()));
                entry.0 += 1;
            }
        }
    });
    let report: Vec<String> = unknown
        .iter()
        .map(|(word, (count, text, story))| format!("{word:?} ({count}x), e.g. in {text:?} ({story})"))
        .collect();
    assert!(
        unknown.is_empty(),
        "{} words are neither in the planner's catalogue nor in tests/vocabulary/not_drawn.txt; draw \
         them, reword them, or list them as not things to draw:\n{}",
        unknown.len(),
        report.join("\n")
    );
}

#[test]
fn the_not_drawn_list_names_nothing_the_catalogue_draws() {
    let catalogue: HashSet<&str> = ELEMENTS.iter().flat_map(|e| e.words.iter().copied()).collect();
    let listed = not_drawn();
    let both: Vec<&String> = listed.iter().filter(|w| catalogue.contains(w.as_str())).collect();
    assert!(both.is_empty(), "words both drawn and listed as not drawn: {both:?}");
    for word in &listed {
        assert_eq!(*word, plain(word), "not_drawn.txt lists {word:?}, which a story word never reads as");
    }
}
