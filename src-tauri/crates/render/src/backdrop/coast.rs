//! The seaside: sky, a sea with boats and waves, and a sandy beach for the hero to stand on.

use super::props;
use super::sky;
use super::{Depth, Hook, World};
use crate::noise::fbm;
use crate::paint::{length, Canvas, Outline, Rgb};

const SEA_FAR: Rgb = Rgb::hex(0x5EC8D8);
const SEA_NEAR: Rgb = Rgb::hex(0x2E8CC4);
const SAND: Rgb = Rgb::hex(0xF4D99A);
const SAND_DEEP: Rgb = Rgb::hex(0xE5BE78);
const FOAM: Rgb = Rgb::hex(0xFFFFFF);

pub fn paint(canvas: &mut Canvas, world: &mut World, outline: Option<Outline>, hook: &mut Hook) {
    let h = world.height;
    let horizon = world.layout.horizon;
    let shore = h * 0.68;
    sky::paint(canvas, world, horizon, hook);

    let far = world.far(SEA_FAR, 0.12);
    let near = world.lit(SEA_NEAR);
    canvas.shade(|_, y, pixel| {
        if y >= horizon {
            far.mix(near, ((y - horizon) / (shore - horizon)).clamp(0.0, 1.0))
        } else {
            pixel
        }
    });
    if world.look.light.lamps_lit() {
        glitter(canvas, world, horizon, shore);
    }
    waves(canvas, world, horizon, shore);

    canvas.outline = outline.map(|o| Outline { width: o.width * 0.8, ..o });
    boats(canvas, world, horizon);
    hook(Depth::Sea, canvas, world);

    canvas.outline = outline;
    let offset = world.pan;
    let seed = world.seed ^ 0x5A4D;
    let foam = world.lit(FOAM);
    let top = world.lit(SAND);
    let bottom = world.lit(SAND_DEEP);
    let edge = |x: f32| shore - 14.0 * fbm(seed, x + offset, 0.0, 380.0, 2);
    canvas.without_outline(|c| c.fill_below(|x| edge(x) - 9.0, |_, _| foam));
    canvas.fill_below(edge, |_, y| top.mix(bottom, ((y - shore) / (h - shore)).clamp(0.0, 1.0)));
    hook(Depth::Back, canvas, world);

    beach_things(canvas, world, shore);
}

fn waves(canvas: &mut Canvas, world: &mut World, horizon: f32, shore: f32) {
    let colour = world.lit(Rgb::hex(0xDDF6FA));
    canvas.without_outline(|c| {
        for row in 0..6 {
            let t = row as f32 / 6.0;
            let y = horizon + 18.0 + (shore - horizon - 30.0) * t * t.sqrt();
            let size = 8.0 + 16.0 * t;
            let mut x = -world.rng.range(0.0, 120.0);
            while x < world.width {
                let w = size * world.rng.range(2.0, 3.2);
                c.fill_shape((x, y - size, x + w, y + 2.0), colour, 0.75, |px, py| {
                    let mid = x + w / 2.0;
                    let arc = ((px - mid) / (w / 2.0)).powi(2);
                    let curve = y - size * 0.5 * (1.0 - arc);
                    (py - curve).abs() - 1.5 - t * 1.2
                });
                x += w + world.rng.range(40.0, 140.0) * (1.0 + t);
            }
        }
    });
}

fn glitter(canvas: &mut Canvas, world: &mut World, horizon: f32, shore: f32) {
    let colour = world.look.sun;
    let x = world.width * 0.5;
    canvas.without_outline(|c| {
        for k in 0..24 {
            let t = k as f32 / 24.0;
            let y = horizon + 6.0 + (shore - horizon) * t;
            let half = 30.0 + 120.0 * t;
            let dx = world.rng.range(-half, half);
            c.line(
                (x + dx - 10.0 - 20.0 * t, y),
                (x + dx + 10.0 + 20.0 * t, y),
                2.0 + 2.0 * t,
                colour.mix(Rgb(1.0, 1.0, 1.0), 0.3),
            );
        }
    });
}

fn boats(canvas: &mut Canvas, world: &World, horizon: f32) {
    let mut spots = Vec::new();
    world.row(0xB0A7, 700.0, 0.3, 200.0, |x, rng| {
        if rng.chance(0.7) {
            spots.push((x, rng.range(0.8, 1.2), rng.index(4)));
        }
    });
    for (x, scale, accent) in spots {
        let y = horizon + 40.0 * scale;
        let s = 60.0 * scale;
        let hull = world.far(Rgb::hex(0xB5523B), 0.1);
        canvas
            .polygon(&[(x - s, y - s * 0.3), (x + s, y - s * 0.3), (x + s * 0.7, y), (x - s * 0.7, y)], hull);
        canvas.without_outline(|c| {
            c.line((x, y - s * 0.3), (x, y - s * 1.55), 3.0, world.far(Rgb::hex(0x6B4A34), 0.1))
        });
        canvas.polygon(
            &[(x + 3.0, y - s * 1.5), (x + 3.0, y - s * 0.4), (x + s * 0.8, y - s * 0.4)],
            world.far(Rgb::hex(0xFFFDF5), 0.05),
        );
        canvas.polygon(
            &[(x - 3.0, y - s * 1.3), (x - 3.0, y - s * 0.45), (x - s * 0.55, y - s * 0.45)],
            world.accent(accent),
        );
    }
}

fn beach_things(canvas: &mut Canvas, world: &mut World, shore: f32) {
    let h = world.height;
    // A palm at one edge of the page.
    let left = world.rng.chance(0.5);
    let x = if left { world.rng.range(20.0, 120.0) } else { world.width - world.rng.range(20.0, 120.0) };
    palm(canvas, world, x, h * 0.98, left);

    let ball_x =
        if left { world.width - world.rng.range(150.0, 260.0) } else { world.rng.range(150.0, 260.0) };
    beach_ball(canvas, world, ball_x, h * 0.9, 34.0);

    for k in 0..4 {
        let sx = world.rng.range(60.0, world.width - 60.0);
        let sy = world.rng.range(shore + 40.0, h - 20.0);
        let colour = world.accent(k + 1).mix(Rgb(1.0, 0.9, 0.8), 0.35);
        if k % 2 == 0 {
            props::star(canvas, sx, sy, 14.0, colour);
        } else {
            canvas.ellipse(sx, sy, 12.0, 9.0, colour);
        }
    }
}

fn palm(canvas: &mut Canvas, world: &World, x: f32, ground: f32, lean_right: bool) {
    let lean = if lean_right { 1.0 } else { -1.0 };
    let trunk = world.lit(Rgb::hex(0xB7844F));
    let top = (x + lean * 90.0, ground - 380.0);
    for k in 0..8 {
        let t0 = k as f32 / 8.0;
        let t1 = (k + 1) as f32 / 8.0;
        let at = |t: f32| (x + lean * 90.0 * t * t, ground - 380.0 * t);
        canvas.line(at(t0), at(t1), 30.0 - 10.0 * t0, if k % 2 == 0 { trunk } else { trunk.scale(0.9) });
    }
    let leaf = world.lit(Rgb::hex(0x3FA65A));
    // Fronds: tapering strokes that arch out of the crown and droop.
    for k in 0..7 {
        let spread = -1.0 + k as f32 / 3.0;
        let length = 190.0 - 40.0 * spread.abs();
        let mut previous = top;
        for step in 1..=8 {
            let t = step as f32 / 8.0;
            let point =
                (top.0 + spread * length * t, top.1 - 70.0 * t * (1.0 - spread.abs() * 0.6) + 130.0 * t * t);
            canvas.line(
                previous,
                point,
                26.0 * (1.0 - t) + 5.0,
                if k % 2 == 0 { leaf } else { leaf.scale(0.9) },
            );
            previous = point;
        }
    }
    canvas.circle(top.0 - 8.0, top.1 + 14.0, 12.0, world.lit(Rgb::hex(0x7A5230)));
    canvas.circle(top.0 + 10.0, top.1 + 16.0, 12.0, world.lit(Rgb::hex(0x7A5230)));
}

fn beach_ball(canvas: &mut Canvas, world: &World, x: f32, y: f32, r: f32) {
    let colours = [
        world.accent(0),
        Rgb(1.0, 1.0, 1.0),
        world.accent(1),
        Rgb(1.0, 1.0, 1.0),
        world.accent(2),
        Rgb(1.0, 1.0, 1.0),
    ];
    let lit: Vec<Rgb> = colours.iter().map(|c| world.lit(*c)).collect();
    canvas.fill_shape_with(
        (x - r, y - r, x + r, y + r),
        1.0,
        |px, py| length(px - x, py - y) - r,
        |px, py| {
            let angle = (py - y).atan2(px - x) + std::f32::consts::PI;
            let k = ((angle / std::f32::consts::TAU) * 6.0) as usize % 6;
            lit[k]
        },
    );
}
