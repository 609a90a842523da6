//! The light of a page. The time of day decides it (where the sun or moon stands, the sky's
//! colours, how everything is lit); the mood tints it (mysterious pages are cooler and misty,
//! cheerful ones saturated, calm ones soft); the weather greys or brightens it.

use model::{TimeOfDay, Weather};

use crate::paint::Rgb;

/// The feeling a mood's words give the light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mood {
    Plain,
    /// Saturated, clear colours.
    Cheerful,
    /// Soft, pastel colours.
    Calm,
    /// Cooler colours and a low mist.
    Mysterious,
    /// Greyer, quieter colours.
    Sad,
    /// Warmer light, as under a lamp.
    Cosy,
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
    "brave",
    "adventurous",
];
const CALM: &[&str] = &[
    "calm", "peaceful", "gentle", "quiet", "soft", "relaxed", "content", "dreamy", "kind", "loving",
    "tender", "friendly",
];
const COSY: &[&str] =
    &["bedtime", "sleepy", "sleep", "cozy", "cosy", "warm", "snug", "tired", "goodnight", "nighttime"];
const MYSTERIOUS: &[&str] = &["mysterious", "spooky", "scared", "magical", "curious", "secret", "eerie"];
const SAD: &[&str] = &["sad", "lonely", "worried", "shy", "thoughtful", "gloomy", "grumpy"];

impl Mood {
    /// The mood its words describe; `Plain` when none is known.
    pub fn from_text(text: &str) -> Mood {
        let lower = text.to_lowercase();
        let has = |words: &[&str]| lower.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w));
        if has(MYSTERIOUS) {
            Mood::Mysterious
        } else if has(SAD) {
            Mood::Sad
        } else if has(COSY) {
            Mood::Cosy
        } else if has(CHEERFUL) {
            Mood::Cheerful
        } else if has(CALM) {
            Mood::Calm
        } else {
            Mood::Plain
        }
    }
}

/// The light one page is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Light {
    pub time: TimeOfDay,
    pub mood: Mood,
}

impl Light {
    /// The light at `time` of day for a mood given in words ("cheerful", "a bit spooky").
    pub fn new(time: TimeOfDay, mood: &str) -> Light {
        Light { time, mood: Mood::from_text(mood) }
    }

    pub fn is_dark(self) -> bool {
        self.time == TimeOfDay::Night
    }

    /// Evening or night: windows glow and lamps are lit.
    pub fn lamps_lit(self) -> bool {
        matches!(self.time, TimeOfDay::Evening | TimeOfDay::Night)
    }
}

/// The colours a light gives everything.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub light: Light,
    pub weather: Weather,
    pub sky_top: Rgb,
    pub sky_horizon: Rgb,
    /// What far-away things fade into.
    pub haze: Rgb,
    /// Multiplies every prop colour.
    pub ambient: Rgb,
    pub saturation: f32,
    /// The sun's (or at night the moon's) colour.
    pub sun: Rgb,
    /// How high the sun or moon stands, from 0 on the horizon to 1 at the top of the page.
    pub sun_height: f32,
    pub sun_radius: f32,
    /// Whether the sun or moon shows through the weather.
    pub sun_shows: bool,
    pub cloud: Rgb,
    /// How cloudy the sky is, from 0 (a few clouds) to 1 (covered).
    pub clouds: f32,
    /// How many stars show.
    pub stars: usize,
    /// How thick a low mist lies over the land, from 0 to 1.
    pub mist: f32,
}

impl Look {
    pub fn of(light: Light, weather: Weather) -> Look {
        let mut look = Self::time_of_day(light, weather);
        look.tint_for(light.mood);
        look.weather_over(weather);
        look
    }

    fn time_of_day(light: Light, weather: Weather) -> Look {
        let base = Look {
            light,
            weather,
            sky_top: Rgb::hex(0x68B3E3),
            sky_horizon: Rgb::hex(0xD8EEF4),
            haze: Rgb::hex(0xD5EAF0),
            ambient: Rgb(0.98, 0.98, 0.97),
            saturation: 1.0,
            sun: Rgb::hex(0xFFE27A),
            sun_height: 0.7,
            sun_radius: 52.0,
            sun_shows: true,
            cloud: Rgb::hex(0xFDFDFB),
            clouds: 0.35,
            stars: 0,
            mist: 0.0,
        };
        match light.time {
            // Fresh and clear, a low sun to one side with a peach glow under the blue.
            TimeOfDay::Morning => Look {
                sky_top: Rgb::hex(0x78BDEB),
                sky_horizon: Rgb::hex(0xFCE6CF),
                haze: Rgb::hex(0xE9EEF0),
                ambient: Rgb(1.0, 0.98, 0.95),
                saturation: 1.0,
                sun: Rgb::hex(0xFFE08A),
                sun_height: 0.42,
                sun_radius: 50.0,
                cloud: Rgb::hex(0xFFF6F0),
                ..base
            },
            // High sun, deep blue sky, bright saturated colours.
            TimeOfDay::Midday => Look {
                sky_top: Rgb::hex(0x3F9FE6),
                sky_horizon: Rgb::hex(0xC4E9FB),
                haze: Rgb::hex(0xCDEBF7),
                ambient: Rgb(1.03, 1.02, 1.0),
                saturation: 1.1,
                sun: Rgb::hex(0xFFD83A),
                sun_height: 0.8,
                sun_radius: 54.0,
                cloud: Rgb::hex(0xFFFFFF),
                ..base
            },
            // A warm, golden light from a sun halfway down.
            TimeOfDay::Afternoon => Look {
                sky_top: Rgb::hex(0x7DAEDC),
                sky_horizon: Rgb::hex(0xFCDDB5),
                haze: Rgb::hex(0xF2DDC6),
                ambient: Rgb(1.0, 0.95, 0.85),
                saturation: 0.95,
                sun: Rgb::hex(0xFFC567),
                sun_height: 0.5,
                sun_radius: 56.0,
                cloud: Rgb::hex(0xFFF0E0),
                ..base
            },
            // Sunset: a big orange sun on the horizon under a lilac sky, the first stars.
            TimeOfDay::Evening => Look {
                sky_top: Rgb::hex(0x4C4F96),
                sky_horizon: Rgb::hex(0xFFA378),
                haze: Rgb::hex(0xD6A2B4),
                ambient: Rgb(0.88, 0.74, 0.82),
                saturation: 0.9,
                sun: Rgb::hex(0xFF8A4C),
                sun_height: 0.04,
                sun_radius: 70.0,
                cloud: Rgb::hex(0xE7A9C4),
                stars: 14,
                ..base
            },
            // Deep blue with the moon and many stars.
            TimeOfDay::Night => Look {
                sky_top: Rgb::hex(0x0D1540),
                sky_horizon: Rgb::hex(0x34478A),
                haze: Rgb::hex(0x3A4B85),
                ambient: Rgb(0.5, 0.56, 0.8),
                saturation: 0.75,
                sun: Rgb::hex(0xFFF3C4),
                sun_height: 0.72,
                sun_radius: 46.0,
                cloud: Rgb::hex(0x46558E),
                clouds: 0.15,
                stars: 90,
                ..base
            },
        }
    }

    fn tint_for(&mut self, mood: Mood) {
        let night = self.light.is_dark();
        match mood {
            Mood::Plain => {}
            Mood::Cheerful => {
                self.saturation *= 1.12;
                if !night {
                    self.ambient = self.ambient.scale(1.02);
                }
            }
            Mood::Calm => {
                self.saturation *= 0.86;
                let soft = if night { 0.05 } else { 0.14 };
                self.sky_top = self.sky_top.mix(Rgb(1.0, 1.0, 1.0), soft);
                self.sky_horizon = self.sky_horizon.mix(Rgb(1.0, 1.0, 1.0), soft);
                self.haze = self.haze.mix(Rgb(1.0, 1.0, 1.0), soft);
            }
            Mood::Mysterious => {
                let cool = Rgb(0.9, 0.95, 1.06);
                self.ambient = self.ambient.multiply(cool);
                self.saturation *= 0.85;
                self.sky_top = self.sky_top.multiply(cool).mix(Rgb::hex(0x5B4E91), 0.12);
                self.sky_horizon = self.sky_horizon.multiply(cool).saturate(0.8);
                self.haze = self.haze.multiply(cool).mix(Rgb::hex(0xB9C3DD), 0.2);
                self.mist = self.mist.max(0.32);
            }
            Mood::Sad => {
                self.saturation *= 0.72;
                self.sky_top = self.sky_top.saturate(0.65);
                self.sky_horizon = self.sky_horizon.saturate(0.65);
                self.ambient = self.ambient.scale(0.96);
            }
            Mood::Cosy => {
                self.ambient = self.ambient.multiply(Rgb(1.03, 0.99, 0.92));
                self.sky_horizon = self.sky_horizon.mix(Rgb::hex(0xFFD6A6), 0.12);
            }
        }
    }

    fn weather_over(&mut self, weather: Weather) {
        let night = self.light.is_dark();
        let grey = |c: Rgb, amount: f32, dim: f32| {
            let flat =
                Rgb(c.luma(), c.luma(), c.luma()).mix(Rgb(0.8, 0.82, 0.86), if night { 0.0 } else { 0.25 });
            c.mix(flat, amount).scale(dim)
        };
        match weather {
            Weather::Clear => {}
            Weather::Rainbow => {
                self.clouds = self.clouds.max(0.5);
            }
            Weather::Windy => {
                self.clouds = self.clouds.max(0.6);
            }
            Weather::Cloudy => {
                self.sky_top = grey(self.sky_top, 0.45, 1.0);
                self.sky_horizon = grey(self.sky_horizon, 0.35, 1.0);
                self.ambient = self.ambient.scale(0.95);
                self.saturation *= 0.9;
                self.cloud = grey(self.cloud, 0.3, 0.97);
                self.clouds = 0.85;
                self.stars /= 3;
            }
            Weather::Rain => {
                self.sky_top = grey(self.sky_top, 0.7, 0.82);
                self.sky_horizon = grey(self.sky_horizon, 0.6, 0.9);
                self.haze = grey(self.haze, 0.5, 0.92);
                self.ambient = self.ambient.scale(0.86);
                self.saturation *= 0.82;
                self.cloud = grey(self.cloud, 0.6, 0.78);
                self.clouds = 1.0;
                self.sun_shows = false;
                self.stars = 0;
            }
            Weather::Snow => {
                self.sky_top =
                    grey(self.sky_top, 0.55, 1.0).mix(Rgb(0.9, 0.92, 0.96), if night { 0.0 } else { 0.3 });
                self.sky_horizon = grey(self.sky_horizon, 0.55, 1.0)
                    .mix(Rgb(0.95, 0.96, 0.98), if night { 0.0 } else { 0.4 });
                self.ambient = self.ambient.multiply(Rgb(0.97, 0.99, 1.03));
                self.saturation *= 0.85;
                self.cloud = grey(self.cloud, 0.4, 0.95);
                self.clouds = 0.9;
                self.sun_shows = false;
                self.stars = 0;
            }
            Weather::Fog => {
                self.sky_top = grey(self.sky_top, 0.5, 1.0).mix(self.haze, 0.35);
                self.sky_horizon = grey(self.sky_horizon, 0.5, 1.0).mix(self.haze, 0.5);
                self.saturation *= 0.85;
                self.clouds = 0.2;
                self.stars /= 4;
                self.mist = self.mist.max(0.6);
            }
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
    fn moods_are_read_from_their_words() {
        assert_eq!(Mood::from_text("cheerful"), Mood::Cheerful);
        assert_eq!(Mood::from_text("Calm"), Mood::Calm);
        assert_eq!(Mood::from_text(""), Mood::Plain);
        assert_eq!(Mood::from_text("a bit mysterious"), Mood::Mysterious);
        assert_eq!(Mood::from_text("sad"), Mood::Sad);
        assert_eq!(Mood::from_text("sleepy"), Mood::Cosy);
    }

    #[test]
    fn the_time_of_day_sets_the_sky_and_the_mood_only_tints_it() {
        for mood in ["", "cheerful", "calm", "mysterious", "sad", "sleepy"] {
            let night = Look::of(Light::new(TimeOfDay::Night, mood), Weather::Clear);
            let midday = Look::of(Light::new(TimeOfDay::Midday, mood), Weather::Clear);
            assert!(night.sky_top.luma() < 0.2, "{mood}: the night sky is dark");
            assert!(midday.sky_top.luma() > 0.45, "{mood}: the midday sky is bright");
            assert!(night.stars > 0 && midday.stars == 0, "{mood}: stars only after dark");
            assert!(midday.sun_height > 0.7 && night.sun_height > 0.5, "{mood}");
        }
        let evening = Look::of(Light::new(TimeOfDay::Evening, ""), Weather::Clear);
        assert!(evening.sun_height < 0.1, "the evening sun is on the horizon");
        let morning = Look::of(Light::new(TimeOfDay::Morning, ""), Weather::Clear);
        assert!(morning.sun_height < 0.5, "the morning sun is low");
    }

    #[test]
    fn moods_change_the_light_in_their_own_way() {
        let plain = Look::of(Light::new(TimeOfDay::Afternoon, ""), Weather::Clear);
        let cheerful = Look::of(Light::new(TimeOfDay::Afternoon, "cheerful"), Weather::Clear);
        let calm = Look::of(Light::new(TimeOfDay::Afternoon, "calm"), Weather::Clear);
        let mysterious = Look::of(Light::new(TimeOfDay::Afternoon, "mysterious"), Weather::Clear);
        assert!(cheerful.saturation > plain.saturation);
        assert!(calm.saturation < plain.saturation);
        assert!(mysterious.mist > 0.0 && plain.mist == 0.0);
        assert!(mysterious.ambient.2 / mysterious.ambient.0 > plain.ambient.2 / plain.ambient.0, "cooler");
    }

    #[test]
    fn rain_hides_the_sun_and_greys_the_sky() {
        let clear = Look::of(Light::new(TimeOfDay::Midday, ""), Weather::Clear);
        let rain = Look::of(Light::new(TimeOfDay::Midday, ""), Weather::Rain);
        let colourful = |c: Rgb| c.0.max(c.1).max(c.2) - c.0.min(c.1).min(c.2);
        assert!(!rain.sun_shows && clear.sun_shows);
        assert!(colourful(rain.sky_top) < colourful(clear.sky_top) * 0.6, "a grey sky");
        assert!(rain.sky_top.luma() < clear.sky_top.luma(), "a darker sky");
        assert!(rain.clouds > clear.clouds);
    }
}
