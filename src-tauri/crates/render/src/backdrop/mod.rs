//! Procedural backdrops: one small world per setting, lit by the time of day and the mood,
//! painted from shapes in code so nothing is ever downloaded. Each scene looks at a different
//! stretch of the same world, so the figure seems to travel through it from page to page.
//!
//! A scene's own elements are painted in the backdrop's depth order through a [`Hook`]: sky
//! things before the clouds, hills and mountains behind the land, houses and trees behind the
//! hero.

mod bedroom;
mod coast;
mod land;
mod light;
pub(crate) mod props;
mod setting;
mod sky;
mod space;
pub(crate) mod weather;

pub use light::{Light, Mood};
pub use setting::Setting;

use model::{TimeOfDay, Weather};

use crate::layers::{FRAME_HEIGHT, FRAME_WIDTH};
use crate::paint::{Canvas, Outline, Rgb};
use crate::rng::{mix, Rng};
pub use light::Look;

/// Where in the backdrop's own order a scene's elements are painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth {
    /// In the sky, after the sun or moon and before the clouds.
    Sky,
    /// After the clouds, before any land: hills and mountains on the horizon.
    Far,
    /// In the sea, behind the beach.
    Sea,
    /// On the land behind the hero, in front of the far hills.
    Back,
}

/// Paints a scene's elements at one depth of the backdrop.
pub type Hook<'a> = dyn FnMut(Depth, &mut Canvas, &World) + 'a;

/// The lines of a setting that elements are placed by, in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Where the sky meets the land (or the sea).
    pub horizon: f32,
    /// The part of the frame the sky shows in, (x0, y0, x1, y1): all of it above the horizon
    /// outdoors, the window at home.
    pub sky: (f32, f32, f32, f32),
    /// The line far things (hills, mountains) stand on; the land in front hides their feet.
    pub far_ground: f32,
    /// The line things behind the hero (houses, trees) stand on.
    pub back_ground: f32,
    /// At the seaside, the line boats and sea animals float on.
    pub sea: Option<f32>,
    /// At home the far and back things are seen through the window.
    pub indoors: bool,
}

/// The sun or the moon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Sun,
    Moon,
}

/// Where the sun or the moon stands in this scene's sky.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    pub kind: BodyKind,
    pub x: f32,
    pub y: f32,
    pub radius: f32,
    /// Whether the backdrop paints the disc itself; a scene that names the sun or the moon
    /// paints that element in its place (the backdrop still paints the glow).
    pub disc: bool,
}

/// What one backdrop is painted from.
pub struct World {
    pub setting: Setting,
    pub look: Look,
    pub layout: Layout,
    /// The sun or moon, if the sky shows one.
    pub body: Option<Body>,
    /// Whether the backdrop paints a rainbow in the sky.
    pub rainbow: bool,
    /// Accent colours: the child's own palette first, then cheerful defaults.
    pub accents: Vec<Rgb>,
    /// The story's seed: the world's layout is the same in every scene.
    pub seed: u64,
    /// How far along the world this scene looks, in pixels of the nearest layer.
    pub pan: f32,
    /// Small per-scene choices.
    pub rng: Rng,
    pub width: f32,
    pub height: f32,
}

impl World {
    pub fn new(
        setting: Setting,
        light: Light,
        weather: Weather,
        accents: &[Rgb],
        seed: u64,
        index: usize,
    ) -> Self {
        let mut start = Rng::new(mix(seed, 0xBAC0));
        let pan = start.range(0.0, 4000.0) + index as f32 * 720.0;
        let look = Look::of(light, weather);
        let mut placing = Rng::new(mix(mix(seed, 0x1A70), index as u64));
        let layout = layout(setting, &mut placing);
        let body = body(&look, setting, &layout, &mut placing);
        Self {
            setting,
            look,
            layout,
            body,
            rainbow: weather == Weather::Rainbow,
            accents: with_default_accents(accents),
            seed,
            pan,
            rng: Rng::for_scene(seed, index),
            width: FRAME_WIDTH as f32,
            height: FRAME_HEIGHT as f32,
        }
    }

    /// A prop colour under this light.
    pub fn lit(&self, colour: Rgb) -> Rgb {
        self.look.lit(colour)
    }

    /// A prop colour under this light, faded toward the horizon by `depth` (0 near, 1 gone).
    pub fn far(&self, colour: Rgb, depth: f32) -> Rgb {
        self.look.lit(colour).mix(self.look.haze, depth)
    }

    /// The n-th accent colour under this light.
    pub fn accent(&self, n: usize) -> Rgb {
        self.lit(self.accents[n % self.accents.len()])
    }

    /// A stable random source for the thing at `slot` of layer `layer` of this world.
    pub fn item(&self, layer: u64, slot: i64) -> Rng {
        Rng::new(mix(mix(self.seed, layer), slot as u64))
    }

    /// Calls `place` for every item of a row spaced `spacing` apart that is on screen for a
    /// layer moving at `parallax` times the nearest layer's speed; gives (screen x, rng).
    pub fn row(
        &self,
        layer: u64,
        spacing: f32,
        parallax: f32,
        margin: f32,
        mut place: impl FnMut(f32, &mut Rng),
    ) {
        let offset = self.pan * parallax;
        let first = ((offset - margin) / spacing).floor() as i64;
        let last = ((offset + self.width + margin) / spacing).ceil() as i64;
        for slot in first..=last {
            let mut rng = self.item(layer, slot);
            let x = slot as f32 * spacing + rng.range(-0.3, 0.3) * spacing - offset;
            place(x, &mut rng);
        }
    }
}

/// Paints the backdrop for a scene. `outline` draws picture-book lines around shapes; `hook`
/// paints the scene's own elements at each depth.
pub fn paint(world: &mut World, outline: Option<Outline>, hook: &mut Hook) -> Canvas {
    let mut canvas = Canvas::new(FRAME_WIDTH, FRAME_HEIGHT, world.look.sky_horizon);
    match world.setting {
        Setting::Space => space::paint(&mut canvas, world, outline, hook),
        Setting::Bedroom => bedroom::paint(&mut canvas, world, outline, hook),
        Setting::Seaside => coast::paint(&mut canvas, world, outline, hook),
        other => land::paint(&mut canvas, world, outline, other, hook),
    }
    canvas
}

fn layout(setting: Setting, rng: &mut Rng) -> Layout {
    let (w, h) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
    match setting {
        Setting::Seaside => {
            let horizon = h * land_line::SEA_HORIZON;
            Layout {
                horizon,
                sky: (0.0, 0.0, w, horizon),
                far_ground: horizon + 26.0,
                back_ground: h * 0.73,
                sea: Some(h * 0.62),
                indoors: false,
            }
        }
        Setting::Space => Layout {
            horizon: h * 0.74,
            sky: (0.0, 0.0, w, h * 0.6),
            far_ground: h * 0.76,
            back_ground: h * 0.78,
            sea: None,
            indoors: false,
        },
        Setting::Bedroom => {
            let window_x = w * rng.range(0.3, 0.7);
            let (x0, y0, x1, y1) = (window_x - 150.0, h * 0.1, window_x + 150.0, h * 0.5);
            Layout {
                horizon: y1 + 30.0,
                sky: (x0, y0, x1, y1),
                far_ground: y1 + 12.0,
                back_ground: y1 + 4.0,
                sea: None,
                indoors: true,
            }
        }
        _ => {
            let horizon = h * land_line::LAND_HORIZON;
            Layout {
                horizon,
                sky: (0.0, 0.0, w, horizon),
                far_ground: horizon + 40.0,
                back_ground: h * 0.64,
                sea: None,
                indoors: false,
            }
        }
    }
}

/// Where the horizon lies in each kind of world, as a share of the frame's height.
pub(crate) mod land_line {
    pub const LAND_HORIZON: f32 = 0.52;
    pub const SEA_HORIZON: f32 = 0.46;
}

/// The sun by day, the moon by night, placed by the time of day: low to one side in the
/// morning, high at midday, on the horizon at sunset.
fn body(look: &Look, setting: Setting, layout: &Layout, rng: &mut Rng) -> Option<Body> {
    if setting == Setting::Space || !look.sun_shows {
        return None;
    }
    let (x0, top, x1, horizon) = layout.sky;
    let span = x1 - x0;
    let side = rng.chance(0.5);
    let across = match look.light.time {
        TimeOfDay::Morning => rng.range(0.1, 0.2),
        TimeOfDay::Midday => rng.range(0.1, 0.18),
        TimeOfDay::Afternoon => rng.range(0.15, 0.28),
        TimeOfDay::Evening => rng.range(0.2, 0.4),
        TimeOfDay::Night => rng.range(0.12, 0.3),
    };
    let x = if side { x0 + span * across } else { x1 - span * across };
    let scale = if layout.indoors { 0.55 } else { 1.0 };
    let radius = look.sun_radius * scale;
    let y = match look.light.time {
        TimeOfDay::Evening => horizon - radius * 0.35,
        _ => horizon - (horizon - top) * look.sun_height,
    };
    // Indoors the sky's horizon is below the window's sill: keep the sun or moon in the window.
    let y = if layout.indoors { y.min(layout.sky.3 - radius * 0.6) } else { y };
    let kind = if look.light.is_dark() { BodyKind::Moon } else { BodyKind::Sun };
    Some(Body { kind, x, y, radius, disc: true })
}

const DEFAULT_ACCENTS: [u32; 6] = [0xF2668B, 0xFFC93C, 0x7B6CF6, 0xFF8C42, 0x4CC9F0, 0xE63946];

fn with_default_accents(palette: &[Rgb]) -> Vec<Rgb> {
    // Washed-out or near-black/white ink makes poor flowers and flags.
    let mut accents: Vec<Rgb> = palette
        .iter()
        .copied()
        .filter(|c| {
            let (max, min) = (c.0.max(c.1).max(c.2), c.0.min(c.1).min(c.2));
            max - min > 0.18 && max > 0.25
        })
        .map(|c| c.saturate(1.15).clamped())
        .collect();
    accents.truncate(3);
    accents.extend(DEFAULT_ACCENTS.iter().map(|&hex| Rgb::hex(hex)));
    accents
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(time: TimeOfDay, weather: Weather) -> World {
        World::new(Setting::Meadow, Light::new(time, ""), weather, &[], 3, 2)
    }

    #[test]
    fn the_sun_and_moon_stand_where_the_time_of_day_puts_them() {
        let horizon = world(TimeOfDay::Midday, Weather::Clear).layout.horizon;
        let body = |time| world(time, Weather::Clear).body.expect("a clear sky shows the sun or the moon");
        let midday = body(TimeOfDay::Midday);
        assert_eq!(midday.kind, BodyKind::Sun);
        assert!(midday.y < horizon * 0.35, "the midday sun is high");
        let morning = body(TimeOfDay::Morning);
        assert!(morning.y > midday.y + 60.0, "the morning sun is low");
        assert!(
            morning.x < FRAME_WIDTH as f32 * 0.25 || morning.x > FRAME_WIDTH as f32 * 0.75,
            "to one side"
        );
        let evening = body(TimeOfDay::Evening);
        assert_eq!(evening.kind, BodyKind::Sun);
        assert!(evening.y > horizon - evening.radius, "the evening sun sits on the horizon");
        assert_eq!(body(TimeOfDay::Night).kind, BodyKind::Moon, "night has the moon, never the sun");
    }

    #[test]
    fn rain_and_snow_hide_the_sun() {
        assert!(world(TimeOfDay::Midday, Weather::Rain).body.is_none());
        assert!(world(TimeOfDay::Midday, Weather::Snow).body.is_none());
    }

    #[test]
    fn only_a_rainbow_day_has_a_rainbow() {
        for weather in [
            Weather::Clear,
            Weather::Cloudy,
            Weather::Windy,
            Weather::Rain,
            Weather::Snow,
            Weather::Fog,
            Weather::Rainbow,
        ] {
            assert_eq!(
                world(TimeOfDay::Afternoon, weather).rainbow,
                weather == Weather::Rainbow,
                "{weather:?}"
            );
        }
    }

    #[test]
    fn at_home_the_sky_is_the_window() {
        let home =
            World::new(Setting::Bedroom, Light::new(TimeOfDay::Evening, ""), Weather::Clear, &[], 3, 2);
        assert!(home.layout.indoors);
        let (x0, y0, x1, y1) = home.layout.sky;
        let sun = home.body.expect("the evening sun shows in the window");
        assert!((x0..=x1).contains(&sun.x) && (y0..=y1).contains(&sun.y), "the sun is inside the window");
    }
}
