//! Outer space: a starry sky with a soft nebula, planets in the child's colours, and the surface
//! of a small moon for the hero to stand on.

use model::TimeOfDay;

use super::props;
use super::{Depth, Hook, Mood, World};
use crate::noise::{fbm, CoarseField};
use crate::paint::{length, Canvas, Outline, Rgb};

pub fn paint(canvas: &mut Canvas, world: &mut World, outline: Option<Outline>, hook: &mut Hook) {
    let h = world.height;
    // Space is always dark; the mood and the hour decide how dreamy or deep it is.
    let light = world.look.light;
    let deep = matches!(light.mood, Mood::Mysterious | Mood::Sad | Mood::Cosy)
        || matches!(light.time, TimeOfDay::Evening | TimeOfDay::Night);
    let (top, bottom, nebula) = if light.mood == Mood::Cheerful {
        (Rgb::hex(0x1B1464), Rgb::hex(0x5B2A86), Rgb::hex(0xE86AB8))
    } else if deep {
        (Rgb::hex(0x070B2A), Rgb::hex(0x1E2A5E), Rgb::hex(0x8A7BEA))
    } else {
        (Rgb::hex(0x10204F), Rgb::hex(0x2D4F8A), Rgb::hex(0x6FD3E0))
    };
    let cloud = CoarseField::new(world.rng.next_u64(), world.width as u32, h as u32, 16.0, 220.0);
    canvas.shade(|x, y, _| {
        let base = top.mix(bottom, (y / h).powf(1.3));
        let n = cloud.sample(x, y);
        base.mix(nebula, (n * 0.9).clamp(0.0, 1.0) * 0.45)
    });
    canvas.without_outline(|c| {
        for _ in 0..220 {
            let x = world.rng.range(0.0, world.width);
            let y = world.rng.range(0.0, h * 0.8);
            let size = world.rng.range(0.8, 2.4);
            c.circle(x, y, size, Rgb(1.0, 0.98, 0.9).mix(nebula, world.rng.range(0.0, 0.3)));
        }
        for _ in 0..8 {
            let x = world.rng.range(0.0, world.width);
            let y = world.rng.range(0.0, h * 0.6);
            c.glow(x, y, 16.0, Rgb(1.0, 1.0, 0.9), 0.5);
            props::star(c, x, y, world.rng.range(8.0, 13.0), Rgb::hex(0xFFF3B0));
        }
        shooting_star(c, world);
    });
    hook(Depth::Sky, canvas, world);

    canvas.outline = outline;
    planets(canvas, world);
    hook(Depth::Far, canvas, world);

    // The little moon underfoot.
    let surface = Rgb::hex(0xC9C2E0).mix(nebula, 0.12);
    let seed = world.seed ^ 0x300;
    let offset = world.pan;
    let base = h * 0.74;
    let shade = surface.scale(0.8);
    canvas.fill_below(
        |x| base - 30.0 * fbm(seed, x + offset, 0.0, 700.0, 2) + 0.00012 * (x - world.width / 2.0).powi(2),
        |_, y| surface.mix(shade, ((y - base) / (h - base)).clamp(0.0, 1.0)),
    );
    canvas.outline = outline.map(|o| Outline { width: o.width * 0.6, ..o });
    for _ in 0..7 {
        let x = world.rng.range(0.0, world.width);
        let y = world.rng.range(base + 30.0, h - 15.0);
        let r = world.rng.range(18.0, 42.0) * (0.6 + 0.6 * (y - base) / (h - base));
        canvas.ellipse(x, y, r, r * 0.32, surface.scale(0.78));
        canvas.without_outline(|c| c.ellipse(x, y + r * 0.06, r * 0.8, r * 0.22, surface.scale(0.7)));
    }
    canvas.outline = outline;
    hook(Depth::Back, canvas, world);
}

fn planets(canvas: &mut Canvas, world: &mut World) {
    let mut spots = Vec::new();
    world.row(0x91A, 560.0, 0.2, 200.0, |x, rng| {
        spots.push((x, rng.range(0.1, 0.45), rng.range(28.0, 70.0), rng.index(6), rng.chance(0.5)));
    });
    for (x, y, r, colour, ring) in spots {
        let y = y * world.height;
        let body = world.accents[colour % world.accents.len()];
        let dark = body.scale(0.7);
        canvas.fill_shape_with(
            (x - r, y - r, x + r, y + r),
            1.0,
            |px, py| length(px - x, py - y) - r,
            |px, py| {
                let band = (((py - y) / r) * 3.0).sin() * 0.5 + 0.5;
                let light = (((px - x) + (py - y)) / (2.0 * r) + 0.5).clamp(0.0, 1.0);
                body.mix(dark, band * 0.25 + light * 0.35)
            },
        );
        if ring {
            let ring_colour = Rgb::hex(0xFFE9A8);
            canvas.fill_shape(
                (x - r * 1.9, y - r * 0.6, x + r * 1.9, y + r * 0.6),
                ring_colour,
                0.9,
                |px, py| {
                    let d = crate::paint::ellipse_distance(x, y, r * 1.75, r * 0.45)(px, py);
                    // Only the front half of the ring crosses the planet.
                    let behind = if py < y { r - length(px - x, py - y) } else { f32::MIN };
                    (d.abs() - r * 0.07).max(behind)
                },
            );
        }
    }
}

fn shooting_star(canvas: &mut Canvas, world: &mut World) {
    let x = world.rng.range(world.width * 0.2, world.width * 0.8);
    let y = world.rng.range(world.height * 0.08, world.height * 0.25);
    for k in 0..10 {
        let t = k as f32 / 10.0;
        canvas.line(
            (x - 140.0 * t, y - 50.0 * t),
            (x - 140.0 * (t + 0.1), y - 50.0 * (t + 0.1)),
            4.0 * (1.0 - t),
            Rgb(1.0, 0.97, 0.8),
        );
    }
    canvas.glow(x, y, 20.0, Rgb(1.0, 1.0, 0.9), 0.8);
}
