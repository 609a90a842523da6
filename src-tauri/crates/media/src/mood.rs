//! Gentle first guesses for the story from the ink's colours: a mood and a setting. The parent
//! confirms or changes every one.

use model::PaletteColor;

use crate::palette::{hsv, parse_hex};

/// A suggested value plus alternatives, the suggested one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    pub choice: String,
    pub options: Vec<String>,
}

/// How the ink reads: shares of warm, cool, green, dark and pale-pencil ink and how colourful it is.
#[derive(Debug, Clone, Copy, Default)]
struct InkCues {
    warm: f32,
    blue: f32,
    purple: f32,
    pink: f32,
    green: f32,
    brown: f32,
    dark: f32,
    grey: f32,
    saturation: f32,
    value: f32,
}

fn cues(colors: &[PaletteColor]) -> InkCues {
    let mut cues = InkCues::default();
    let mut weight = 0.0;
    for color in colors {
        let Some(rgb) = parse_hex(&color.hex) else { continue };
        let share = color.share.max(0.0);
        let (_, saturation, value) = hsv(rgb);
        weight += share;
        cues.saturation += saturation * share;
        cues.value += value * share;
        // "light pink" and "dark pink" are pink: the colour word is the last one.
        match color.name.split_whitespace().last().unwrap_or_default() {
            "red" | "orange" | "yellow" => cues.warm += share,
            "pink" => cues.pink += share,
            "blue" => cues.blue += share,
            "purple" => cues.purple += share,
            "green" => cues.green += share,
            "brown" => cues.brown += share,
            "black" => cues.dark += share,
            _ => cues.grey += share,
        }
    }
    if weight > 0.0 {
        cues.saturation /= weight;
        cues.value /= weight;
    }
    cues
}

fn pick(ranked: &[(&'static str, f32)], fallback: &[&'static str]) -> Suggestions {
    let mut ranked = ranked.to_vec();
    // Stable sort: ties keep the listed order, so the result is deterministic.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut options: Vec<String> = Vec::new();
    for name in
        ranked.iter().filter(|(_, score)| *score > 0.0).map(|(name, _)| *name).chain(fallback.iter().copied())
    {
        if !options.iter().any(|o| o == name) {
            options.push(name.to_owned());
        }
        if options.len() == 4 {
            break;
        }
    }
    Suggestions { choice: options[0].clone(), options }
}

/// A mood from the ink: warm and bright reads cheerful, blue and dark read calm or mysterious.
pub fn suggest_mood(colors: &[PaletteColor]) -> Suggestions {
    let c = cues(colors);
    let vivid = c.saturation * c.value;
    pick(
        &[
            ("cheerful", c.warm * 1.2 + c.pink * 0.6 + vivid * 0.3),
            ("playful", c.pink + c.purple * 0.5 + c.warm * 0.4 + vivid * 0.2),
            ("calm", c.blue + c.green * 0.5 + c.grey * 0.3),
            ("mysterious", c.dark + c.purple * 0.6 + c.blue * 0.3 + (1.0 - c.value).max(0.0) * 0.3),
            ("curious", c.grey + c.brown * 0.8 + c.green * 0.4),
            ("dreamy", c.purple * 0.7 + c.pink * 0.5 + c.blue * 0.4),
        ],
        &["cheerful", "playful", "calm", "curious"],
    )
}

/// A place for the story from the ink's colours.
pub fn suggest_setting(colors: &[PaletteColor]) -> Suggestions {
    let c = cues(colors);
    pick(
        &[
            ("forest", c.green + c.brown * 0.6),
            ("garden", c.green * 0.7 + c.pink * 0.7 + c.warm * 0.3),
            ("seaside", c.blue * 1.1),
            ("castle", c.purple + c.pink * 0.5 + c.grey * 0.3),
            ("space", c.dark + c.purple * 0.6 + c.blue * 0.4),
            ("farm", c.brown + c.warm * 0.7 + c.pink * 0.3),
            ("home", c.grey + c.warm * 0.3 + 0.05),
        ],
        &["home", "garden", "forest", "seaside"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(hex: &str, name: &str, share: f32) -> PaletteColor {
        PaletteColor { hex: hex.to_owned(), name: name.to_owned(), share }
    }

    #[test]
    fn warm_bright_ink_is_cheerful_and_blue_ink_is_calm() {
        let warm = [ink("#e83c2c", "red", 0.6), ink("#f5b020", "orange", 0.4)];
        assert_eq!(suggest_mood(&warm).choice, "cheerful");
        let blue = [ink("#3250c0", "blue", 0.9), ink("#8090a0", "grey", 0.1)];
        assert_eq!(suggest_mood(&blue).choice, "calm");
        assert_eq!(suggest_setting(&blue).choice, "seaside");
        let dark = [ink("#141418", "black", 1.0)];
        assert_eq!(suggest_mood(&dark).choice, "mysterious");
        assert_eq!(suggest_setting(&dark).choice, "space");
        let green = [ink("#2a9a40", "green", 0.8), ink("#7a4a20", "brown", 0.2)];
        assert_eq!(suggest_setting(&green).choice, "forest");
    }

    #[test]
    fn suggestions_are_distinct_and_start_with_the_choice() {
        for colors in [vec![], vec![ink("#9040c0", "purple", 1.0)], vec![ink("#e070a0", "pink", 1.0)]] {
            for s in [suggest_mood(&colors), suggest_setting(&colors)] {
                assert_eq!(s.options[0], s.choice);
                assert!(s.options.len() >= 3);
                let mut unique = s.options.clone();
                unique.dedup();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), s.options.len(), "{s:?}");
            }
        }
    }
}
