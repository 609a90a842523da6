//! Cutting a scene's text into the pieces that are spoken and subtitled one at a time: sentences,
//! with over-long ones cut again at commas so a subtitle never fills the picture. Each piece costs
//! a speech-engine run and a drawn subtitle line, so their number stays bounded by the text's
//! length however short its sentences. Each piece also says how long a storyteller pauses after
//! it: briefly inside a sentence, longer between sentences, longest where a paragraph ends.

use model::MAX_WORD_CHARS;

/// A piece longer than this (in characters) is cut at clause punctuation or between words.
pub const MAX_PIECE_CHARS: usize = 100;
/// A scene cut into more pieces than this has its short sentences joined, a few to a piece.
pub const MAX_PIECES_PER_SCENE: usize = 24;
/// Pieces cut from a long sentence are kept at least this long where the text allows.
const MIN_PIECE_CHARS: usize = 30;

/// Abbreviations whose full stop does not end a sentence (compared lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "capt", "sgt", "lt", "col", "gen", "rev", "fr",
    "vs", "e.g", "i.e", "approx",
];

const TERMINALS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '」'];
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '—', '–'];

/// The pause a storyteller makes after a piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// The sentence goes on: the piece was cut from a long sentence.
    Clause,
    /// The sentence ended.
    Sentence,
    /// The sentence ended a paragraph (a line of the text) and another follows.
    Paragraph,
}

/// One spoken and subtitled piece of a scene's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// The pause after this piece (after the scene's last piece there is only the tail).
    pub pause_after: Pause,
}

/// Splits `text` into speakable pieces, in order. Pieces with nothing to say (only punctuation
/// or symbols) are dropped. No piece is longer than [`MAX_PIECE_CHARS`] and none has a word
/// longer than [`MAX_WORD_CHARS`] (longer ones are cut, so the subtitle can wrap); a scene of up
/// to [`model::MAX_SCENE_TEXT_CHARS`] characters gives at most [`MAX_PIECES_PER_SCENE`] pieces.
pub fn split_sentences(text: &str) -> Vec<String> {
    split_pieces(text).into_iter().map(|piece| piece.text).collect()
}

/// [`split_sentences`], with the pause that follows each piece.
pub fn split_pieces(text: &str) -> Vec<Piece> {
    let lines: Vec<Vec<Piece>> = text.lines().map(pieces_in_line).filter(|line| !line.is_empty()).collect();
    let line_count = lines.len();
    let mut pieces: Vec<Piece> = Vec::new();
    for (index, mut line) in lines.into_iter().enumerate() {
        if index + 1 < line_count {
            if let Some(last) = line.last_mut() {
                last.pause_after = Pause::Paragraph;
            }
        }
        pieces.append(&mut line);
    }
    if pieces.len() > MAX_PIECES_PER_SCENE {
        join_short_pieces(pieces)
    } else {
        pieces
    }
}

/// True when `piece` ends by asking: its last run of end marks holds a question mark.
pub fn ends_with_question(piece: &str) -> bool {
    piece
        .trim_end()
        .trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace())
        .chars()
        .rev()
        .take_while(|c| TERMINALS.contains(c))
        .any(|c| c == '?' || c == '？')
}

fn pieces_in_line(line: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for sentence in sentences_in_line(line) {
        let sentence = collapse_whitespace(&sentence);
        if !sentence.chars().any(char::is_alphanumeric) {
            continue;
        }
        let parts = split_long(&cut_long_words(&sentence));
        let last = parts.len().saturating_sub(1);
        pieces.extend(parts.into_iter().enumerate().map(|(index, text)| Piece {
            text,
            pause_after: if index == last { Pause::Sentence } else { Pause::Clause },
        }));
    }
    pieces
}

/// Words longer than [`MAX_WORD_CHARS`] cut into parts no longer than that, so the subtitle can
/// wrap.
fn cut_long_words(sentence: &str) -> String {
    if sentence.split(' ').all(|word| word.chars().count() <= MAX_WORD_CHARS) {
        return sentence.to_owned();
    }
    let mut parts: Vec<String> = Vec::new();
    for word in sentence.split(' ') {
        let chars: Vec<char> = word.chars().collect();
        parts.extend(chars.chunks(MAX_WORD_CHARS).map(|part| part.iter().collect::<String>()));
    }
    parts.join(" ")
}

/// Neighbouring pieces joined while they fit in [`MAX_PIECE_CHARS`]: any two pieces in a row then
/// hold more than that, so a text gives at most about two pieces per [`MAX_PIECE_CHARS`]. A joined
/// piece keeps the pause of its last part.
fn join_short_pieces(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut joined: Vec<Piece> = Vec::new();
    for piece in pieces {
        match joined.last_mut() {
            Some(last) if last.text.chars().count() + 1 + piece.text.chars().count() <= MAX_PIECE_CHARS => {
                last.text.push(' ');
                last.text.push_str(&piece.text);
                last.pause_after = piece.pause_after;
            }
            _ => joined.push(piece),
        }
    }
    joined
}

fn sentences_in_line(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < chars.len() {
        if !TERMINALS.contains(&chars[index]) {
            index += 1;
            continue;
        }
        let run_start = index;
        while index < chars.len() && TERMINALS.contains(&chars[index]) {
            index += 1;
        }
        let run: String = chars[run_start..index].iter().collect();
        while index < chars.len() && CLOSERS.contains(&chars[index]) {
            index += 1;
        }
        if index < chars.len() && !chars[index].is_whitespace() {
            // "3.5", "a.m.", "Hi!Bob": not the end of a sentence.
            continue;
        }
        let next = chars[index..].iter().find(|c| !c.is_whitespace());
        let ends = match next {
            None => true,
            Some(next) if next.is_lowercase() => false,
            Some(_) => !(run == "." && word_is_abbreviation(&chars[start..run_start])),
        };
        if ends {
            sentences.push(chars[start..index].iter().collect());
            start = index;
        }
    }
    if start < chars.len() {
        sentences.push(chars[start..].iter().collect());
    }
    sentences
}

/// True when the word just before a full stop is a title, a known abbreviation or an initial.
fn word_is_abbreviation(before: &[char]) -> bool {
    let word: String = before
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic() || **c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_long(sentence: &str) -> Vec<String> {
    if sentence.chars().count() <= MAX_PIECE_CHARS {
        return vec![sentence.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for clause in clauses(sentence) {
        let fits = current.chars().count() + clause.chars().count() < MAX_PIECE_CHARS;
        if !current.is_empty() && !fits && current.chars().count() >= MIN_PIECE_CHARS {
            pieces.push(std::mem::take(&mut current).trim().to_owned());
        }
        current.push_str(&clause);
    }
    if !current.trim().is_empty() {
        pieces.push(current.trim().to_owned());
    }
    pieces.into_iter().flat_map(|piece| split_between_words(&piece)).collect()
}

/// Pieces ending after a clause mark followed by a space, each keeping its mark and space.
fn clauses(sentence: &str) -> Vec<String> {
    let mut clauses = Vec::new();
    let mut current = String::new();
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if CLAUSE_MARKS.contains(&c) && chars.peek().is_some_and(|next| next.is_whitespace()) {
            clauses.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        clauses.push(current);
    }
    clauses
}

fn split_between_words(piece: &str) -> Vec<String> {
    if piece.chars().count() <= MAX_PIECE_CHARS {
        return vec![piece.to_owned()];
    }
    let words: Vec<&str> = piece.split_whitespace().collect();
    let total: usize = piece.chars().count();
    let parts = total.div_ceil(MAX_PIECE_CHARS);
    let target = total.div_ceil(parts);
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in words {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > target {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            split_sentences("Mr. Fox met Dr. Owl. They had tea."),
            vec!["Mr. Fox met Dr. Owl.", "They had tea."]
        );
    }

    #[test]
    fn mixed_marks_and_quotes_stay_with_their_sentence() {
        assert_eq!(
            split_sentences("\"Where are you?!\" she called. \"Here!\" laughed Bo."),
            vec!["\"Where are you?!\" she called.", "\"Here!\" laughed Bo."]
        );
    }

    #[test]
    fn ellipses_end_a_sentence_only_before_a_new_one() {
        assert_eq!(
            split_sentences("They waited... and waited… Then the moon rose."),
            vec!["They waited... and waited…", "Then the moon rose."]
        );
    }

    #[test]
    fn numbers_initials_and_line_breaks() {
        assert_eq!(
            split_sentences("J. R. grew 2.5 inches!\nThe end"),
            vec!["J. R. grew 2.5 inches!", "The end"]
        );
    }

    #[test]
    fn a_plain_no_is_still_a_sentence() {
        assert_eq!(split_sentences("No. I will not."), vec!["No.", "I will not."]);
    }

    #[test]
    fn symbols_alone_are_not_spoken() {
        assert_eq!(split_sentences("🎉 ... !!"), Vec::<String>::new());
        assert_eq!(split_sentences("   "), Vec::<String>::new());
        assert_eq!(split_sentences("Yay 🎉!"), vec!["Yay 🎉!"]);
    }

    #[test]
    fn long_sentences_are_cut_at_commas_then_between_words() {
        let long = "Once upon a time, in a land of tall green hills and deep blue lakes, there lived a \
                    tiny purple garlic monster, who loved to sing songs to the sleepy moon every night.";
        let pieces = split_sentences(long);
        assert!(pieces.len() >= 2, "{pieces:?}");
        assert!(pieces.iter().all(|piece| piece.chars().count() <= MAX_PIECE_CHARS), "{pieces:?}");
        assert_eq!(pieces.join(" "), long.split_whitespace().collect::<Vec<_>>().join(" "));

        let no_commas = "word ".repeat(60);
        let pieces = split_sentences(&no_commas);
        assert!(pieces.iter().all(|piece| piece.chars().count() <= MAX_PIECE_CHARS), "{pieces:?}");
        assert_eq!(pieces.join(" "), no_commas.trim());
    }

    #[test]
    fn a_scene_of_tiny_sentences_is_read_a_few_sentences_at_a_time() {
        for sentence in ["No. ", "Hi! ", "Go? ", "Oh… ", "Up.\n", "A b. "] {
            let text: String = sentence.repeat(model::MAX_SCENE_TEXT_CHARS / sentence.chars().count());
            assert!(text.chars().count() <= model::MAX_SCENE_TEXT_CHARS);
            let pieces = split_sentences(&text);
            assert!(pieces.len() <= MAX_PIECES_PER_SCENE, "{sentence:?}: {} pieces", pieces.len());
            assert!(pieces.iter().all(|piece| piece.chars().count() <= MAX_PIECE_CHARS), "{pieces:?}");
            assert_eq!(pieces.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn a_story_of_ordinary_sentences_keeps_one_line_per_sentence() {
        let text = "Bo woke up. The sun was out! Where was Kit? Kit was in the garden. They played all day.";
        assert_eq!(split_sentences(text).len(), 5);
    }

    #[test]
    fn a_wall_of_letters_is_cut_into_words_that_fit_a_line() {
        let wall = "z".repeat(model::MAX_SCENE_TEXT_CHARS);
        let pieces = split_sentences(&format!("Look: {wall}!"));
        assert!(pieces.iter().all(|piece| piece.chars().count() <= MAX_PIECE_CHARS), "{pieces:?}");
        let words: Vec<&str> = pieces.iter().flat_map(|piece| piece.split(' ')).collect();
        assert!(words.iter().all(|word| word.chars().count() <= MAX_WORD_CHARS), "{words:?}");
        assert_eq!(words.concat(), format!("Look:{wall}!"));
    }

    #[test]
    fn pauses_are_short_inside_a_sentence_and_long_where_a_paragraph_ends() {
        let long = "Once upon a time, in a land of tall green hills and deep blue lakes, there lived a \
                    tiny purple garlic monster, who loved to sing songs to the sleepy moon every night.";
        let text = format!("Bo woke up. The sun was out!\n\n{long}\nThe end.");
        let pieces = split_pieces(&text);
        let pauses: Vec<Pause> = pieces.iter().map(|piece| piece.pause_after).collect();
        let cut = pieces.len() - 3;
        assert!(cut >= 2, "{pieces:?}");
        let mut expected = vec![Pause::Sentence, Pause::Paragraph];
        expected.extend(std::iter::repeat_n(Pause::Clause, cut - 1));
        expected.extend([Pause::Paragraph, Pause::Sentence]);
        assert_eq!(pauses, expected, "{pieces:?}");
        assert_eq!(split_sentences(&text), pieces.into_iter().map(|piece| piece.text).collect::<Vec<_>>());
    }

    #[test]
    fn a_joined_piece_pauses_as_its_last_sentence_does() {
        let text = format!("{}\nUp.", "No. ".repeat(60));
        let pieces = split_pieces(&text);
        assert!(pieces.len() <= MAX_PIECES_PER_SCENE);
        let last = pieces.last().expect("pieces");
        assert!(last.text.ends_with("No. Up."), "{last:?}");
        assert!(pieces.iter().all(|piece| piece.pause_after == Pause::Sentence), "{pieces:?}");
    }

    #[test]
    fn questions_are_known_by_their_last_mark() {
        for question in ["Where is Kit?", "Really?!", "\"Can you help me?\"", "Is it you?\u{2019} ", "本当？"]
        {
            assert!(ends_with_question(question), "{question:?}");
        }
        for statement in ["\"Can you help me?\" he asked.", "Wow!", "What a day.", "", "?? ok"] {
            assert!(!ends_with_question(statement), "{statement:?}");
        }
    }
}
