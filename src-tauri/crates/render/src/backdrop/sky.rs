//! The sky every outdoor world shares: gradient, sun or moon, stars and drifting clouds.

use super::light::Light;
use super::props;
use super::World;
use crate::paint::{Canvas, Rgb};

/// Paints the sky down to `horizon` (a y in pixels).
pub fn paint(canvas: &mut Canvas, world: &mut World, horizon: f32) {
    paint_with(canvas, world, horizon, |_, _| {});
}

/// Paints the sky, with `behind_clouds` painted after the sun and before the clouds.
pub fn paint_with(
    canvas: &mut Canvas,
    world: &mut World,
    horizon: f32,
    behind_clouds: impl FnOnce(&mut Canvas, &mut World),
) {
    let look = world.look;
    canvas.shade(|_, y, _| look.sky(y / horizon));
    canvas.without_outline(|c| match look.light {
        Light::Night => {
            stars(c, world, horizon, 90);
            let (x, y) = (world.width * world.rng.range(0.12, 0.3), horizon * world.rng.range(0.18, 0.32));
            if world.rng.chance(0.5) {
                moon(c, world.width - x, y, 46.0, look.sun);
            } else {
                moon(c, x, y, 46.0, look.sun);
            }
        }
        Light::Dusk => {
            stars(c, world, horizon * 0.5, 18);
            let x = world.width * world.rng.range(0.15, 0.85);
            c.glow(x, horizon, 320.0, look.sun, 0.55);
            c.circle(x, horizon - 8.0, 70.0, look.sun);
        }
        Light::Golden => {
            let x = world.width * world.rng.range(0.12, 0.88);
            let y = horizon * 0.55;
            c.glow(x, y, 300.0, look.sun, 0.6);
            c.circle(x, y, 58.0, look.sun.mix(Rgb(1.0, 1.0, 0.9), 0.3));
        }
        Light::Bright | Light::Day => {}
    });
    if matches!(look.light, Light::Bright | Light::Day) {
        let x = if world.rng.chance(0.5) { world.width * 0.1 } else { world.width * 0.9 };
        let y = horizon * 0.22;
        canvas.without_outline(|c| c.glow(x, y, 220.0, Rgb(1.0, 0.98, 0.85), 0.7));
        props::sun(canvas, x, y, 52.0, look.sun, look.light == Light::Bright);
    }
    behind_clouds(canvas, world);
    clouds(canvas, world, horizon);
}

fn stars(canvas: &mut Canvas, world: &mut World, bottom: f32, count: usize) {
    for _ in 0..count {
        let x = world.rng.range(0.0, world.width);
        let y = world.rng.range(0.0, bottom * 0.92);
        let size = world.rng.range(1.2, 3.2);
        let colour = Rgb(1.0, 0.97, 0.85);
        if size > 2.8 {
            props::star(canvas, x, y, size * 3.0, colour);
        } else {
            canvas.circle(x, y, size, colour);
        }
    }
}

/// A crescent: a disc with a second, offset disc taken out of it.
pub fn moon(canvas: &mut Canvas, x: f32, y: f32, radius: f32, colour: Rgb) {
    canvas.glow(x, y, radius * 3.5, colour, 0.25);
    let (bx, by) = (x + radius * 0.45, y - radius * 0.25);
    let bounds = (x - radius, y - radius, x + radius, y + radius);
    canvas.fill_shape(bounds, colour, 1.0, |px, py| {
        let outer = (px - x).hypot(py - y) - radius;
        let bite = radius * 0.85 - (px - bx).hypot(py - by);
        outer.max(bite)
    });
}

fn clouds(canvas: &mut Canvas, world: &mut World, horizon: f32) {
    let look = world.look;
    let count_scale = if look.light == Light::Night { 0.4 } else { 1.0 };
    let colour = look.cloud;
    let items: Vec<(f32, f32, f32)> = {
        let mut found = Vec::new();
        world.row(0xC10D, 520.0, 0.15, 200.0, |x, rng| {
            if rng.chance(0.8 * count_scale) {
                found.push((x, horizon * rng.range(0.12, 0.55), rng.range(0.7, 1.25)));
            }
        });
        found
    };
    for (x, y, size) in items {
        props::cloud(canvas, x, y, 70.0 * size, colour);
    }
}
