//! The sky every outdoor world shares: the gradient of the time of day, the sun or moon where the
//! time puts it, stars only after dark, clouds as thick as the weather, and a rainbow only when
//! the page has one.

use model::TimeOfDay;

use super::props;
use super::{BodyKind, Depth, Hook, World};
use crate::paint::{length, Canvas, Rgb};

/// Paints the sky down to `horizon` (a y in pixels), with the scene's sky things (`Depth::Sky`)
/// before the clouds and its far things (`Depth::Far`) after them.
pub fn paint(canvas: &mut Canvas, world: &mut World, horizon: f32, hook: &mut Hook) {
    let look = world.look;
    canvas.shade(|_, y, _| look.sky(y / horizon));
    let saved = canvas.outline.take();
    if look.stars > 0 {
        // Evening stars are few, faint and high; night ones fill the sky.
        let (bottom, faint) =
            if look.light.is_dark() { (horizon * 0.92, 0.0) } else { (horizon * 0.4, 0.45) };
        stars(canvas, world, bottom, look.stars, faint);
    }
    if look.light.time == TimeOfDay::Evening {
        // The sunset's warm band along the horizon.
        let (x0, _, x1, _) = world.layout.sky;
        let warm = look.sun.mix(Rgb(1.0, 0.85, 0.6), 0.3);
        canvas.shade_box((x0, horizon * 0.55, x1, horizon), |_, y, c| {
            let t = ((y - horizon * 0.55) / (horizon * 0.45)).clamp(0.0, 1.0);
            c.mix(warm, 0.35 * t * t)
        });
    }
    if let Some(body) = world.body {
        match body.kind {
            BodyKind::Moon => {
                canvas.glow(body.x, body.y, body.radius * 3.5, look.sun, 0.25);
                if body.disc {
                    moon(canvas, body.x, body.y, body.radius, look.sun);
                }
            }
            BodyKind::Sun => {
                let (reach, strength) = match look.light.time {
                    TimeOfDay::Evening => (body.radius * 5.0, 0.6),
                    TimeOfDay::Morning => (body.radius * 4.5, 0.55),
                    TimeOfDay::Afternoon => (body.radius * 5.0, 0.55),
                    _ => (body.radius * 4.2, 0.65),
                };
                let halo = look.sun.mix(Rgb(1.0, 0.98, 0.88), 0.5);
                canvas.glow(body.x, body.y, reach, halo, strength);
                if body.disc {
                    canvas.outline = saved;
                    let rays = look.light.time == TimeOfDay::Midday;
                    props::sun(canvas, body.x, body.y, body.radius, look.sun, rays);
                    canvas.outline = None;
                }
            }
        }
    }
    if world.rainbow {
        rainbow(canvas, world, horizon);
    }
    hook(Depth::Sky, canvas, world);
    canvas.outline = saved;
    clouds(canvas, world, horizon);
    hook(Depth::Far, canvas, world);
}

fn stars(canvas: &mut Canvas, world: &mut World, bottom: f32, count: usize, faint: f32) {
    let (x0, top, x1, _) = world.layout.sky;
    for _ in 0..count {
        let x = world.rng.range(x0, x1);
        let y = world.rng.range(top, bottom.max(top + 1.0));
        let size = world.rng.range(1.2, 3.2);
        let sky = world.look.sky(y / world.layout.horizon);
        let colour = Rgb(1.0, 0.97, 0.85).mix(sky, faint);
        if size > 2.8 {
            props::star(canvas, x, y, size * 3.0, colour);
        } else {
            canvas.circle(x, y, size, colour);
        }
    }
}

/// A crescent: a disc with a second, offset disc taken out of it.
pub fn moon(canvas: &mut Canvas, x: f32, y: f32, radius: f32, colour: Rgb) {
    let (bx, by) = (x + radius * 0.45, y - radius * 0.25);
    let bounds = (x - radius, y - radius, x + radius, y + radius);
    canvas.fill_shape(bounds, colour, 1.0, |px, py| {
        let outer = length(px - x, py - y) - radius;
        let bite = radius * 0.85 - length(px - bx, py - by);
        outer.max(bite)
    });
}

fn rainbow(canvas: &mut Canvas, world: &mut World, horizon: f32) {
    const BANDS: [u32; 7] = [0xFF595E, 0xFF924C, 0xFFCA3A, 0x8AC926, 0x52A675, 0x1982C4, 0x6A4C93];
    let (x0, _, x1, _) = world.layout.sky;
    let cx = x0 + (x1 - x0) * world.rng.range(0.3, 0.7);
    let outer = ((x1 - x0) * 0.37).clamp(140.0, 470.0);
    let cy = horizon + 60.0 * outer / 470.0;
    let band = outer / 23.5;
    canvas.without_outline(|c| {
        for (k, colour) in BANDS.iter().enumerate() {
            let r = outer - band * k as f32;
            let colour = Rgb::hex(*colour).mix(Rgb(1.0, 1.0, 1.0), 0.15);
            c.fill_shape((cx - r, cy - r, cx + r, cy), colour, 0.6, |x, y| {
                (length(x - cx, y - cy) - (r - band / 2.0)).abs() - band / 2.0
            });
        }
    });
}

fn clouds(canvas: &mut Canvas, world: &mut World, horizon: f32) {
    let look = world.look;
    let cover = look.clouds.clamp(0.0, 1.0);
    let colour = look.cloud;
    let (x0, top, x1, _) = world.layout.sky;
    let depth = horizon - top;
    let mut items: Vec<(f32, f32, f32, Rgb)> = Vec::new();
    world.row(0xC10D, 520.0 - 200.0 * cover, 0.15, 200.0, |x, rng| {
        if rng.chance(0.45 + 0.45 * cover) {
            let size = rng.range(0.7, 1.25) * (1.0 + 0.4 * cover);
            items.push((x, top + depth * rng.range(0.12, 0.55), size, colour));
        }
    });
    if cover >= 1.0 {
        // A rainy sky: a bank of darker clouds along the top.
        let bank = colour.scale(0.92);
        world.row(0xC10E, 300.0, 0.12, 200.0, |x, rng| {
            items.push((x, top + depth * rng.range(0.0, 0.12), rng.range(1.1, 1.5), bank));
        });
        items.reverse();
    }
    let scale = if world.layout.indoors { 0.6 } else { 1.0 };
    for (x, y, size, colour) in items {
        if x + 150.0 * size < x0 || x - 150.0 * size > x1 {
            continue;
        }
        props::cloud(canvas, x, y, 70.0 * size * scale, colour);
    }
}
