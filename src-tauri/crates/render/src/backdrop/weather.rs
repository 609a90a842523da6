//! The weather in front of the land: a veil of fog or mist that thickens toward the horizon,
//! rain streaks, falling snow, and wind with blown leaves. Indoors it shows only through the
//! window; space has none.

use model::Weather;

use super::{Setting, World};
use crate::noise::fbm;
use crate::paint::{length, segment_distance, Canvas, Rgb};
use crate::rng::{mix, Rng};

/// Where the weather shows over the finished backdrop: the whole frame outdoors; nowhere at
/// home (the window's view has its weather painted in it) or in space.
fn outdoors(world: &World) -> Option<(f32, f32, f32, f32)> {
    match world.setting {
        Setting::Space | Setting::Bedroom => None,
        _ => Some((0.0, 0.0, world.width, world.height)),
    }
}

/// The veil over an outdoor page; see [`veil_in`].
pub fn veil(canvas: &mut Canvas, world: &World) {
    if let Some(bounds) = outdoors(world) {
        veil_in(canvas, world, bounds);
    }
}

/// Rain, snow or wind over an outdoor page; see [`falling_in`].
pub fn falling(canvas: &mut Canvas, world: &World) {
    if let Some(bounds) = outdoors(world) {
        falling_in(canvas, world, bounds);
    }
}

/// Fog or the mist of a mysterious page within `bounds`: a pale veil, thickest along the
/// horizon and thinning toward the viewer, in soft banks.
pub fn veil_in(canvas: &mut Canvas, world: &World, bounds: (f32, f32, f32, f32)) {
    let strength = world.look.mist;
    if strength <= 0.0 {
        return;
    }
    let colour = world.look.haze.mix(Rgb(1.0, 1.0, 1.0), if world.look.light.is_dark() { 0.1 } else { 0.45 });
    let horizon = world.layout.horizon;
    let seed = mix(world.seed, 0xF06);
    let offset = world.pan * 0.4;
    // The veil's shape is a row profile times a column profile, so it costs one pass.
    let columns: Vec<f32> =
        (0..canvas.width).map(|x| 0.75 + 0.35 * fbm(seed, x as f32 + offset, 0.0, 260.0, 2)).collect();
    let reach = world.height * 0.32;
    canvas.shade_box(bounds, |x, y, c| {
        let below = (y - horizon) / reach;
        let row = if below < 0.0 {
            0.55 * (-(below * below) * 3.0).exp()
        } else {
            0.25 + 0.75 * (-(below * below)).exp()
        };
        let column = columns[(x as usize).min(columns.len() - 1)];
        c.mix(colour, (strength * row * column).clamp(0.0, 0.85))
    });
}

/// Rain, snow or wind over everything painted so far within `bounds`.
pub fn falling_in(canvas: &mut Canvas, world: &World, bounds: (f32, f32, f32, f32)) {
    let mut rng = Rng::new(mix(mix(world.seed, 0x4A17), world.pan as u64));
    let share = ((bounds.2 - bounds.0) * (bounds.3 - bounds.1)) / (world.width * world.height);
    canvas.without_outline(|c| match world.look.weather {
        Weather::Rain => rain(c, world, bounds, share, &mut rng),
        Weather::Snow => snow(c, bounds, share, &mut rng),
        Weather::Windy => wind(c, world, bounds, &mut rng),
        _ => {}
    });
}

fn rain(canvas: &mut Canvas, world: &World, bounds: (f32, f32, f32, f32), share: f32, rng: &mut Rng) {
    let colour = world.look.sky_horizon.mix(Rgb(0.85, 0.9, 1.0), 0.6);
    let count = (320.0 * share).ceil().max(50.0) as usize;
    let (x0, y0, x1, y1) = bounds;
    for _ in 0..count {
        let (x, y) = (rng.range(x0, x1), rng.range(y0, y1));
        let streak = rng.range(16.0, 30.0) * (0.7 + 0.6 * (y - y0) / (y1 - y0).max(1.0));
        let a = (x, y);
        let b = (x - streak * 0.28, y + streak);
        let half = 0.9;
        let box_ = (b.0 - 2.0, a.1 - 2.0, a.0 + 2.0, b.1 + 2.0);
        canvas.fill_shape(box_, colour, 0.6, |px, py| segment_distance(a, b, px, py) - half);
    }
}

fn snow(canvas: &mut Canvas, bounds: (f32, f32, f32, f32), share: f32, rng: &mut Rng) {
    let count = (240.0 * share).ceil().max(40.0) as usize;
    let (x0, y0, x1, y1) = bounds;
    for _ in 0..count {
        let (x, y) = (rng.range(x0, x1), rng.range(y0, y1));
        // Nearer flakes, lower on the page, are bigger.
        let r = rng.range(1.8, 3.2) * (0.8 + 0.9 * (y - y0) / (y1 - y0).max(1.0));
        canvas.fill_shape((x - r, y - r, x + r, y + r), Rgb(1.0, 1.0, 1.0), 0.92, |px, py| {
            length(px - x, py - y) - r
        });
    }
}

fn wind(canvas: &mut Canvas, world: &World, bounds: (f32, f32, f32, f32), rng: &mut Rng) {
    let (x0, y0, x1, y1) = bounds;
    let line = Rgb(1.0, 1.0, 1.0);
    let gusts = if world.layout.indoors { 2 } else { 5 };
    for _ in 0..gusts {
        // A swoosh: a wavy stroke ending in a small curl.
        let start = (rng.range(x0 - 60.0, x1 - 200.0), rng.range(y0 + 20.0, y0 + (y1 - y0) * 0.55));
        let span = rng.range(180.0, 320.0) * if world.layout.indoors { 0.5 } else { 1.0 };
        let wave = rng.range(8.0, 16.0);
        let mut points: Vec<(f32, f32)> = (0..=16)
            .map(|k| {
                let t = k as f32 / 16.0;
                (start.0 + span * t, start.1 + wave * (t * std::f32::consts::TAU).sin())
            })
            .collect();
        let end = points[points.len() - 1];
        let curl = wave * 1.3;
        for k in 1..=10 {
            let angle = -std::f32::consts::FRAC_PI_2 + k as f32 * 0.55;
            let r = curl * (1.0 - k as f32 / 14.0);
            points.push((end.0 + r * angle.cos(), end.1 - curl + r * angle.sin() + curl));
        }
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let box_ = (a.0.min(b.0) - 3.0, a.1.min(b.1) - 3.0, a.0.max(b.0) + 3.0, a.1.max(b.1) + 3.0);
            canvas.fill_shape(box_, line, 0.7, |px, py| segment_distance(a, b, px, py) - 1.8);
        }
    }
    let leaves = [0x6DB33F, 0xE8A23A, 0xD9642E, 0xF2C94C];
    let count = if world.layout.indoors { 5 } else { 14 };
    for _ in 0..count {
        let (x, y) = (rng.range(x0, x1), rng.range(y0, y0 + (y1 - y0) * 0.8));
        let colour = world.lit(Rgb::hex(leaves[rng.index(leaves.len())]));
        let (long, width) = (rng.range(9.0, 15.0), rng.range(4.0, 6.5));
        let angle = rng.range(0.0, std::f32::consts::PI);
        let (sin, cos) = angle.sin_cos();
        canvas.fill_shape((x - long, y - long, x + long, y + long), colour, 1.0, |px, py| {
            let (dx, dy) = (px - x, py - y);
            let (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
            // A leaf: the overlap of two discs.
            let r = (long * long + width * width) / (2.0 * width);
            let upper = length(u, v - (r - width)) - r;
            let lower = length(u, v + (r - width)) - r;
            upper.max(lower).max(u.abs() - long)
        });
    }
}
