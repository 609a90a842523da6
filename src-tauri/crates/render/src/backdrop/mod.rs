//! Procedural backdrops: one small world per setting, lit by the mood, painted from shapes in
//! code so nothing is ever downloaded. Each scene looks at a different stretch of the same world,
//! so the figure seems to travel through it from page to page.

mod bedroom;
mod coast;
mod land;
mod light;
pub(crate) mod props;
mod setting;
mod sky;
mod space;

pub use light::Light;
pub use setting::Setting;

use crate::layers::{FRAME_HEIGHT, FRAME_WIDTH};
use crate::paint::{Canvas, Outline, Rgb};
use crate::rng::{mix, Rng};
use light::Look;

/// What one backdrop is painted from.
pub struct World {
    pub setting: Setting,
    pub look: Look,
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
    pub fn new(setting: Setting, light: Light, accents: &[Rgb], seed: u64, index: usize) -> Self {
        let mut start = Rng::new(mix(seed, 0xBAC0));
        let pan = start.range(0.0, 4000.0) + index as f32 * 720.0;
        Self {
            setting,
            look: Look::of(light),
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

/// Paints the backdrop for a scene. `outline` draws picture-book lines around shapes.
pub fn paint(world: &mut World, outline: Option<Outline>) -> Canvas {
    let mut canvas = Canvas::new(FRAME_WIDTH, FRAME_HEIGHT, world.look.sky_horizon);
    match world.setting {
        Setting::Space => space::paint(&mut canvas, world, outline),
        Setting::Bedroom => bedroom::paint(&mut canvas, world, outline),
        Setting::Seaside => coast::paint(&mut canvas, world, outline),
        other => land::paint(&mut canvas, world, outline, other),
    }
    canvas
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
