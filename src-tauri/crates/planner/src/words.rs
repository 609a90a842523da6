//! The scene's text as words: lowercase, with where each sentence starts, so the planner can
//! match phrases and tell a name in the middle of a sentence ("Biscuit") from a thing
//! ("a biscuit").

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) lower: String,
    /// Capitalised in the middle of a sentence: a name, not a thing.
    pub(crate) is_name: bool,
    /// Written with a capital, wherever it is.
    pub(crate) capitalised: bool,
}

/// Splits text into words; apostrophes stay inside words ("Grandma's"), possessive endings go.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut sentence_start = true;
    let mut current = String::new();
    let flush = |current: &mut String, sentence_start: &mut bool, found: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let trimmed = current.trim_matches('\'');
        let bare = trimmed.strip_suffix("'s").unwrap_or(trimmed);
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
        if !bare.is_empty() {
            found.push(Word {
                lower: bare.to_lowercase(),
                is_name: capitalised && !*sentence_start && bare != "I",
                capitalised,
            });
            *sentence_start = false;
        }
        current.clear();
    };
    for c in text.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' || (c == '-' && !current.is_empty()) {
            current.push(c);
            continue;
        }
        flush(&mut current, &mut sentence_start, &mut found);
        // A quotation opens a new sentence too ("Hello!" said the owl. "Come in.").
        if matches!(c, '.' | '!' | '?' | '"' | '\u{201C}' | ':') {
            sentence_start = true;
        }
    }
    flush(&mut current, &mut sentence_start, &mut found);
    found
}

/// True when `phrase` (lowercase words separated by spaces) starts at `words[at]`.
pub(crate) fn phrase_at(words: &[Word], at: usize, phrase: &str) -> bool {
    let mut index = at;
    for part in phrase.split(' ') {
        match words.get(index) {
            Some(word) if word.lower == part => index += 1,
            _ => return false,
        }
    }
    true
}

/// True when the text has `phrase` anywhere, as whole words, whatever its case.
pub(crate) fn mentions(words: &[Word], phrase: &str) -> bool {
    (0..words.len()).any(|at| phrase_at(words, at, phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_a_sentence_are_told_apart_from_things() {
        let found = words("Biscuit ran. Then Biscuit ate a biscuit, and Grandma's cat purred.");
        let names: Vec<_> = found.iter().filter(|w| w.is_name).map(|w| w.lower.as_str()).collect();
        assert_eq!(names, ["biscuit", "grandma"]);
        assert!(found.iter().any(|w| w.lower == "cat" && !w.is_name));
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let found = words("The teddy bear sat on the bench.");
        assert!(mentions(&found, "teddy bear"));
        assert!(!mentions(&found, "bea"));
    }
}
