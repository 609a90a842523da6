//! Small English rules the story needs around words a parent typed: articles, possessives,
//! capitals and tidy punctuation. Kept apart from the story text so every theme gets them right.

/// Words that can open a noun phrase and are dropped so the story can choose its own.
const DETERMINERS: [&str; 9] = ["a", "an", "the", "my", "our", "his", "her", "their", "your"];

/// Words that read as one syllable starting with a consonant sound despite the vowel letter.
const VOWEL_LETTER_CONSONANT_SOUND: [&str; 8] = ["uni", "use", "usu", "uto", "eu", "one", "once", "ewe"];
/// Words whose `h` is silent.
const SILENT_H: [&str; 4] = ["hour", "honest", "honor", "heir"];

/// Small words kept lower case inside a title.
const TITLE_SMALL_WORDS: [&str; 14] =
    ["a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from"];

/// `"a"` or `"an"` for the word that follows.
pub(crate) fn indefinite_article(next_word: &str) -> &'static str {
    let lower = next_word.trim().to_lowercase();
    let Some(first) = lower.chars().next() else {
        return "a";
    };
    if SILENT_H.iter().any(|w| lower.starts_with(w)) {
        return "an";
    }
    if "aeiou".contains(first) {
        if VOWEL_LETTER_CONSONANT_SOUND.iter().any(|w| lower.starts_with(w)) {
            return "a";
        }
        return "an";
    }
    if first == '8' || lower == "11" || lower == "18" {
        return "an";
    }
    "a"
}

/// Splits a leading determiner ("a", "the", "my", ...) off a phrase. Returns the determiner in
/// lower case (if any) and the rest.
pub(crate) fn split_determiner(phrase: &str) -> (Option<String>, String) {
    let trimmed = phrase.trim();
    if let Some((first, rest)) = trimmed.split_once(char::is_whitespace) {
        let lower = first.to_lowercase();
        if DETERMINERS.contains(&lower.as_str()) && !rest.trim().is_empty() {
            return (Some(lower), rest.trim().to_string());
        }
    }
    (None, trimmed.to_string())
}

/// Removes punctuation a parent may have typed around a phrase and squeezes spaces.
pub(crate) fn clean_phrase(raw: &str, max_chars: usize) -> String {
    let squeezed: String = raw
        .chars()
        .map(|c| if c.is_control() || c == '{' || c == '}' || c == '"' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = squeezed.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '\'');
    let trimmed = trimmed.trim_end_matches('\'');
    let abbreviations_fixed = ["Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Mt."]
        .iter()
        .fold(trimmed.to_string(), |acc, abbr| acc.replace(abbr, &abbr[..abbr.len() - 1]));
    shorten(&abbreviations_fixed, max_chars)
}

/// Cuts a phrase to at most `max_chars` characters at a word boundary.
pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + word.chars().count() > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        text.chars().take(max_chars).collect()
    } else {
        out.trim_end_matches([',', ';', ':', '-']).to_string()
    }
}

/// `"Maya"` -> `"Maya's"`, `"the two cats"` -> `"the two cats'"`.
pub(crate) fn possessive(phrase: &str, plural: bool) -> String {
    if phrase.ends_with("'s") || phrase.ends_with("s'") && plural {
        return phrase.to_string();
    }
    if plural && phrase.ends_with('s') {
        format!("{phrase}'")
    } else {
        format!("{phrase}'s")
    }
}

/// Upper-cases the first letter.
pub(crate) fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True for a word written like a name ("Maya", "Biscuit"), not "T-rex" or "BOB".
pub(crate) fn is_capitalized_word(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.is_uppercase() && chars.all(|c| c.is_lowercase() || c == '\''),
        None => false,
    }
}

/// Lower-cases words a parent capitalised out of habit ("Garlic Monster" -> "garlic monster"),
/// keeping unusual spellings ("T-Rex", "NASA") as typed.
pub(crate) fn lower_common_words(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| if is_capitalized_word(word) { word.to_lowercase() } else { word.to_string() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Small words that stay lower case inside a name ("Bob the Builder", "Tom and Jerry").
const NAME_SMALL_WORDS: [&str; 6] = ["and", "the", "of", "von", "van", "de"];

/// Capitalises each word of a name, and each part of a hyphenated one ("maya rose" ->
/// "Maya Rose", "anna-lise" -> "Anna-Lise"), keeping a name typed with capitals as it is.
pub(crate) fn name_case(phrase: &str) -> String {
    phrase
        .split(' ')
        .enumerate()
        .map(|(index, word)| {
            if word.chars().any(char::is_uppercase) || (index > 0 && NAME_SMALL_WORDS.contains(&word)) {
                word.to_string()
            } else {
                word.split('-').map(capitalize_first).collect::<Vec<_>>().join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Title case: every word capitalised except small joining words inside the title.
pub(crate) fn title_case(title: &str) -> String {
    title
        .split(' ')
        .enumerate()
        .map(|(index, word)| {
            let lower = word.to_lowercase();
            if index > 0 && TITLE_SMALL_WORDS.contains(&lower.as_str()) {
                lower
            } else {
                capitalize_first(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that a filled-in slot can start with. After a closing quote (`"Hooray!" the crowd...`,
/// `"Hi!" said the owl`) only these are capitalised, because template text is already written
/// with its own capitals and anything else continues the sentence.
const SLOT_OPENERS: [&str; 13] =
    ["the", "a", "an", "it", "he", "she", "they", "his", "her", "its", "their", "some", "we"];

/// Capitalises the first letter of every sentence and of every quotation.
pub(crate) fn sentence_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    let mut after_closing_quote = false;
    let mut after_comma = false;
    for (index, token) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let continues_quote = after_closing_quote && {
            let bare = token.trim_matches(|c: char| !c.is_alphabetic());
            !SLOT_OPENERS.iter().any(|opener| opener.eq_ignore_ascii_case(bare))
        };
        // A quotation opens a sentence after "said," but not in `said "banana" ten times`.
        let opens_speech = token.starts_with('"') && (at_start || after_comma);
        let starts_sentence = opens_speech || (at_start && !continues_quote);
        if starts_sentence {
            push_capitalized(token, &mut out);
        } else {
            out.push_str(token);
        }
        if !token.is_empty() {
            let closing = token.trim_end_matches(['"', '\'']);
            at_start = closing.ends_with(['.', '!', '?']);
            after_closing_quote = at_start && closing.len() < token.len();
            after_comma = token.ends_with([',', ':']);
        }
    }
    out
}

/// Appends `token` with its first letter upper-cased.
fn push_capitalized(token: &str, out: &mut String) {
    match token.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((index, first)) => {
            out.push_str(&token[..index]);
            out.extend(first.to_uppercase());
            out.push_str(&token[index + first.len_utf8()..]);
        }
        None => out.push_str(token),
    }
}

/// Squeezes spaces, removes spaces before punctuation and doubled punctuation left where an
/// optional part of a sentence was not used, and makes sure the text ends a sentence.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if matches!(c, ',' | '.' | '!' | '?' | ';') {
            // "fun ,." and "fun,." both become "fun.": punctuation closes up to the word before,
            // and a comma gives way to the mark that ends the sentence.
            pending_space = false;
            match out.chars().last() {
                Some(',') if c != ';' => {
                    out.pop();
                }
                Some('.') if c == '.' => continue,
                _ => {}
            }
            out.push(c);
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    let out = with_matching_articles(&without_repeated_words(out.trim_start_matches([',', '.', ' '])));
    if out.is_empty() {
        return out;
    }
    match out.chars().last() {
        Some('.') | Some('!') | Some('?') | Some('"') => out,
        _ => format!("{out}."),
    }
}

/// "a orange hat" -> "an orange hat": a filled-in word decides between "a" and "an".
fn with_matching_articles(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut tokens = text.split(' ').peekable();
    while let Some(token) = tokens.next() {
        let next = tokens.peek().copied().unwrap_or_default();
        match token {
            "a" | "an" | "A" | "An" if next.chars().next().is_some_and(char::is_alphabetic) => {
                let article = indefinite_article(next);
                if token.starts_with('A') {
                    out.push_str(&capitalize_first(article));
                } else {
                    out.push_str(article);
                }
            }
            _ => out.push_str(token),
        }
        if tokens.peek().is_some() {
            out.push(' ');
        }
    }
    out
}

/// "a little little creature" -> "a little creature": a typed word can repeat one of ours.
fn without_repeated_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last: Option<&str> = None;
    for word in text.split(' ') {
        let repeats =
            last.is_some_and(|last| last.eq_ignore_ascii_case(word) && word.chars().all(char::is_alphabetic));
        if repeats {
            continue;
        }
        if last.is_some() {
            out.push(' ');
        }
        out.push_str(word);
        last = Some(word);
    }
    out
}

/// How many times `needle` occurs in `text` as whole words.
pub(crate) fn count_words_occurrences(text: &str, needle: &str) -> usize {
    let needle = needle.trim();
    if needle.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before_ok = text[..start].chars().last().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            count += 1;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(indefinite_article("garlic"), "a");
        assert_eq!(indefinite_article("octopus"), "an");
        assert_eq!(indefinite_article("unicorn"), "a");
        assert_eq!(indefinite_article("hour"), "an");
        assert_eq!(indefinite_article("elephant"), "an");
    }

    #[test]
    fn determiners_are_split_off() {
        assert_eq!(split_determiner("a garlic monster"), (Some("a".into()), "garlic monster".into()));
        assert_eq!(split_determiner("The Dragon"), (Some("the".into()), "Dragon".into()));
        assert_eq!(split_determiner("dragon"), (None, "dragon".into()));
        assert_eq!(split_determiner("a"), (None, "a".into()));
    }

    #[test]
    fn possessives_and_capitals() {
        assert_eq!(possessive("Maya", false), "Maya's");
        assert_eq!(possessive("the two cats", true), "the two cats'");
        assert_eq!(possessive("the octopus", false), "the octopus's");
        assert_eq!(lower_common_words("Garlic Monster"), "garlic monster");
        assert_eq!(lower_common_words("T-Rex"), "T-Rex");
        assert_eq!(name_case("maya rose"), "Maya Rose");
        assert_eq!(name_case("anna-lise"), "Anna-Lise");
        assert_eq!(name_case("tom and jerry"), "Tom and Jerry");
        assert_eq!(title_case("the garlic monster and the map"), "The Garlic Monster and the Map");
    }

    #[test]
    fn sentences_start_with_capitals_but_speech_tags_do_not() {
        assert_eq!(
            sentence_case("the cat sat. \"hello!\" said the owl. then it slept. \"hi.\" the end."),
            "The cat sat. \"Hello!\" said the owl. Then it slept. \"Hi.\" The end."
        );
        assert_eq!(
            sentence_case("\"yay!\" everyone cheered. \"hi!\" and off they went, \"wow.\" said \"banana\"."),
            "\"Yay!\" everyone cheered. \"Hi!\" and off they went, \"Wow.\" said \"banana\"."
        );
    }

    #[test]
    fn tidy_removes_gaps_left_by_unused_parts() {
        assert_eq!(tidy("  The cat  sat , and  smiled ."), "The cat sat, and smiled.");
        assert_eq!(tidy("It was fun,. Yes"), "It was fun. Yes.");
        assert_eq!(tidy("The Brave Little little creature"), "The Brave Little creature.");
        assert_eq!(tidy("Hop, hop, hop!"), "Hop, hop, hop!");
        assert_eq!(tidy("A orange hat and an purple cat."), "An orange hat and a purple cat.");
    }

    #[test]
    fn typed_phrases_are_cleaned_and_shortened() {
        assert_eq!(clean_phrase("  a \"garlic\"   monster!! ", 60), "a garlic monster");
        assert_eq!(clean_phrase("Mr. Snuggles", 60), "Mr Snuggles");
        assert_eq!(shorten("one two three four", 9), "one two");
    }

    #[test]
    fn whole_word_matching() {
        assert_eq!(count_words_occurrences("Max and Maxine met Max.", "Max"), 2);
        assert_eq!(count_words_occurrences("Maxine", "Max"), 0);
    }
}
