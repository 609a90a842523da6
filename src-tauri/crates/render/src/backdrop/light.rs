//! The mood as light: cheerful pages are bright noon, calm ones golden, bedtime ones go from
//! dusk to night as the story goes on.

use crate::paint::Rgb;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Light {
    /// Cheerful: high sun, clear saturated colours.
    Bright,
    /// Neutral daylight.
    Day,
    /// Calm: low warm sun, soft pastel colours.
    Golden,
    /// Early evening: coral horizon, lilac sky, first stars.
    Dusk,
    /// Deep blue night with a moon and stars.
    Night,
}

const CHEERFUL: &[&str] = &[
    "cheerful",
    "happy",
    "joyful",
    "joy",
    "silly",
    "playful",
    "excited",
    "exciting",
    "fun",
    "funny",
    "bright",
    "sunny",
    "energetic",
    "proud",
    "glad",
];
const CALM: &[&str] = &[
    "calm", "peaceful", "gentle", "quiet", "soft", "relaxed", "content", "dreamy", "kind", "loving", "warm",
    "tender", "friendly",
];
const BEDTIME: &[&str] =
    &["bedtime", "sleepy", "sleep", "night", "nighttime", "tired", "cozy", "goodnight", "evening", "moonlit"];
const MOODY: &[&str] = &["sad", "lonely", "mysterious", "spooky", "scared", "shy", "worried", "thoughtful"];

impl Light {
    /// The light for one scene of a story with this mood.
    pub fn for_mood(mood: &str, index: usize, count: usize) -> Light {
        let lower = mood.to_lowercase();
        let has = |words: &[&str]| lower.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w));
        if has(BEDTIME) {
            // The story winds down: evening first, night for the last pages.
            if count > 1 && index * 2 < count {
                Light::Dusk
            } else {
                Light::Night
            }
        } else if has(MOODY) {
            Light::Dusk
        } else if has(CHEERFUL) {
            Light::Bright
        } else if has(CALM) {
            Light::Golden
        } else {
            Light::Day
        }
    }

    pub fn is_dark(self) -> bool {
        matches!(self, Light::Night)
    }
}

/// The colours a light gives everything.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub light: Light,
    pub sky_top: Rgb,
    pub sky_horizon: Rgb,
    /// What far-away things fade into.
    pub haze: Rgb,
    /// Multiplies every prop colour.
    pub ambient: Rgb,
    pub saturation: f32,
    pub sun: Rgb,
    pub cloud: Rgb,
}

impl Look {
    pub fn of(light: Light) -> Look {
        match light {
            Light::Bright => Look {
                light,
                sky_top: Rgb::hex(0x3F9FE6),
                sky_horizon: Rgb::hex(0xC4E9FB),
                haze: Rgb::hex(0xCDEBF7),
                ambient: Rgb(1.03, 1.02, 1.0),
                saturation: 1.15,
                sun: Rgb::hex(0xFFD83A),
                cloud: Rgb::hex(0xFFFFFF),
            },
            Light::Day => Look {
                light,
                sky_top: Rgb::hex(0x68B3E3),
                sky_horizon: Rgb::hex(0xD8EEF4),
                haze: Rgb::hex(0xD5EAF0),
                ambient: Rgb(0.98, 0.98, 0.97),
                saturation: 1.0,
                sun: Rgb::hex(0xFFE27A),
                cloud: Rgb::hex(0xFDFDFB),
            },
            Light::Golden => Look {
                light,
                sky_top: Rgb::hex(0x9DBEE0),
                sky_horizon: Rgb::hex(0xFCE2C2),
                haze: Rgb::hex(0xF4DEC9),
                ambient: Rgb(1.0, 0.95, 0.86),
                saturation: 0.88,
                sun: Rgb::hex(0xFFC978),
                cloud: Rgb::hex(0xFFF0E4),
            },
            Light::Dusk => Look {
                light,
                sky_top: Rgb::hex(0x43508F),
                sky_horizon: Rgb::hex(0xF7AE8E),
                haze: Rgb::hex(0xC99AAE),
                ambient: Rgb(0.78, 0.7, 0.82),
                saturation: 0.85,
                sun: Rgb::hex(0xFF9460),
                cloud: Rgb::hex(0xD7A9D2),
            },
            Light::Night => Look {
                light,
                sky_top: Rgb::hex(0x0D1540),
                sky_horizon: Rgb::hex(0x34478A),
                haze: Rgb::hex(0x3A4B85),
                ambient: Rgb(0.45, 0.52, 0.78),
                saturation: 0.7,
                sun: Rgb::hex(0xFFF3C4),
                cloud: Rgb::hex(0x46558E),
            },
        }
    }

    pub fn lit(&self, colour: Rgb) -> Rgb {
        colour.saturate(self.saturation).multiply(self.ambient).clamped()
    }

    /// The sky colour at height `t` (0 top, 1 horizon).
    pub fn sky(&self, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        self.sky_top.mix(self.sky_horizon, t * t * (3.0 - 2.0 * t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moods_choose_their_light() {
        assert_eq!(Light::for_mood("cheerful", 0, 5), Light::Bright);
        assert_eq!(Light::for_mood("Calm", 0, 5), Light::Golden);
        assert_eq!(Light::for_mood("", 0, 5), Light::Day);
        assert_eq!(Light::for_mood("sad", 0, 5), Light::Dusk);
    }

    #[test]
    fn bedtime_goes_from_dusk_to_night() {
        assert_eq!(Light::for_mood("bedtime", 0, 6), Light::Dusk);
        assert_eq!(Light::for_mood("bedtime", 5, 6), Light::Night);
    }
}
