//! Drawings of the catalogue's nature: trees, water, rocks and the lie of the land, from a
//! flower at the hero's feet to a mountain behind.

use std::f32::consts::PI;

use super::things::{area_of, between, boxed, capsule, circle, ellipse, grow, lit, white, Brush, Point};
use super::{Draw, Spot};
use crate::backdrop::props;
use crate::backdrop::World;
use crate::paint::{convex_polygon_distance, Canvas, Rgb};
use crate::rng::Rng;

pub(crate) const DRAWINGS: &[(&str, Draw)] = &[
    ("tree", tree),
    ("flower", flower),
    ("bush", bush),
    ("rock", rock),
    ("pond", pond),
    ("river", river),
    ("hill", hill),
    ("mountain", mountain),
    ("cave", cave),
    ("mushroom", mushroom),
    ("waterfall", waterfall),
];

/// Rock in layers: `base` with darker, gently wavy bands.
fn strata(base: Rgb, a: f32, b: f32) -> Rgb {
    if (b * 7.0 + 0.15 * (a * 5.0).sin()).rem_euclid(1.0) < 0.12 {
        base.scale(0.84)
    } else {
        base
    }
}

/// A zigzag from 0 to 1 and back, `teeth` times per unit.
fn zigzag(a: f32, teeth: f32) -> f32 {
    2.0 * ((a * teeth).rem_euclid(1.0) - 0.5).abs()
}

fn tree(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let leaf = lit(world, 0x5DAA4B).mix(lit(world, 0x8CC63F), rng.range(0.0, 0.4));
    let trunk = lit(world, 0x8B5A3C);
    brush.shadow(world, 0.4);
    // The backdrop's round tree stands about 2.05 of its size tall.
    let unit = 1.0 / 2.05;
    let (x, ground) = brush.point((0.0, 0.0));
    let size = brush.pixels(unit);
    props::round_tree(brush.canvas(), x, ground, size, leaf, trunk, rng);
    if rng.chance(0.35) {
        let apple = lit(world, 0xE0453A);
        for centre in [(-0.18, 0.58), (0.16, 0.62), (0.02, 0.76), (-0.06, 0.5), (0.24, 0.8)] {
            brush.circle(centre, 0.035, apple);
        }
    }
}

fn flower(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let stem = lit(world, 0x4F9A45);
    let k = rng.index(6);
    // The backdrop's flower stands about 3.2 of its size tall; three grow together.
    for (i, (a, scale)) in [(-0.22f32, 0.72f32), (0.22, 0.84), (0.0, 1.0)].into_iter().enumerate() {
        let (x, ground) = brush.point((a, 0.0));
        let size = brush.pixels(scale / 3.25);
        props::flower(brush.canvas(), x, ground, size, world.accent(k + i), stem);
    }
}

fn bush(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let green = lit(world, 0x4F9A45).mix(lit(world, 0x6DBB55), rng.range(0.0, 0.5));
    brush.shadow(world, 0.86);
    let puffs = [((-0.42, 0.32), 0.42), ((0.0, 0.49), 0.51), ((0.46, 0.28), 0.39)];
    brush.shape([-0.84, 0.0, 0.85, 1.0], green, |a, b| {
        puffs.iter().map(|&(c, r)| circle((a, b), c, r)).fold(f32::MAX, f32::min).max(-b)
    });
    brush.plain(|p| p.ellipse((-0.14, 0.74), 0.2, 0.1, green.mix(Rgb(1.0, 1.0, 0.8), 0.2)));
    let berry = if rng.chance(0.5) { lit(world, 0xE63946) } else { world.accent(rng.index(6)) };
    for centre in [(-0.45, 0.45), (0.1, 0.75), (0.45, 0.38), (-0.12, 0.5), (0.28, 0.6), (-0.3, 0.7)] {
        brush.circle(centre, 0.04, berry);
    }
}

fn rock(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let grey = lit(world, 0x9C9A96).mix(lit(world, 0xA89B8C), rng.range(0.0, 1.0));
    let moss = lit(world, 0x6DAA45);
    let light = white(world);
    brush.shadow(world, 0.76);
    brush.ellipse((0.66, 0.08), 0.14, 0.08, grey.scale(0.9));
    let lean = rng.range(-0.05, 0.05);
    let lumps = [((0.0, 0.38), 0.62, 0.38), ((-0.24 + lean, 0.56), 0.38, 0.32), ((0.26, 0.3), 0.46, 0.3)];
    brush.shape_with(
        [-0.62, 0.0, 0.72, 0.9],
        1.0,
        |a, b| lumps.iter().map(|&(c, rx, ry)| ellipse((a, b), c, rx, ry)).fold(f32::MAX, f32::min).max(-b),
        |a, b| grey.mix(light, ((b - 0.45) * 0.6 - a * 0.2).clamp(0.0, 0.22)),
    );
    brush.plain(|p| {
        p.path(&[(0.12, 0.7), (0.2, 0.55), (0.13, 0.42)], 0.025, grey.scale(0.65));
        p.ellipse((-0.24 + lean, 0.8), 0.15, 0.045, moss);
    });
}

fn pond(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let water = lit(world, 0x4F9FD8);
    let shine = water.mix(white(world), 0.45);
    let reed = lit(world, 0x4F9A45);
    let cattail = lit(world, 0x7A4E2D);
    let stone = lit(world, 0x9C9A96);
    // Wide and flat, as water lying on the ground looks.
    brush.shape_with(
        [-1.4, 0.0, 1.4, 0.42],
        1.0,
        |a, b| ellipse((a, b), (0.0, 0.21), 1.4, 0.21),
        |_, b| water.mix(shine, (b / 0.42).clamp(0.0, 1.0) * 0.6),
    );
    brush.plain(|p| {
        for (c, rx) in [((-0.2, 0.2), 0.22), ((-0.2, 0.2), 0.11), ((0.1, 0.1), 0.15)] {
            p.shape([c.0 - rx - 0.02, c.1 - 0.06, c.0 + rx + 0.02, c.1 + 0.06], shine, |a, b| {
                ellipse((a, b), c, rx, rx * 0.25).abs() - 0.008
            });
        }
    });
    let pad = lit(world, 0x5DAA4B);
    let lily = (0.55 + rng.range(-0.08, 0.08), 0.2);
    let notch =
        convex_polygon_distance(&[lily, (lily.0 + 0.2, lily.1 + 0.05), (lily.0 + 0.2, lily.1 - 0.01)]);
    brush.shape([lily.0 - 0.18, 0.13, lily.0 + 0.18, 0.27], pad, |a, b| {
        ellipse((a, b), lily, 0.18, 0.065).max(-notch(a, b))
    });
    brush.circle((lily.0 - 0.05, lily.1 + 0.04), 0.04, lit(world, 0xF7A8C4));
    brush.plain(|p| p.circle((lily.0 - 0.05, lily.1 + 0.04), 0.015, lit(world, 0xFFD23F)));
    for (x, height, lean, head) in [
        (-1.24, 0.55, -0.1, false),
        (-1.14, 0.75, -0.05, true),
        (-1.04, 0.94, 0.02, true),
        (-0.94, 0.62, 0.09, false),
    ] {
        brush.line((x, 0.12), (x + lean, height), 0.03, reed);
        if head {
            let top = (x + lean, height);
            brush.line(
                (top.0 - lean * 0.2, top.1 - 0.22),
                (top.0 - lean * 0.03, top.1 - 0.04),
                0.075,
                cattail,
            );
        }
    }
    brush.ellipse((1.2, 0.14), 0.13, 0.08, stone);
    brush.ellipse((1.32, 0.07), 0.09, 0.06, stone.scale(0.9));
}

fn river(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let water = lit(world, 0x4F9FD8);
    let shine = water.mix(white(world), 0.5);
    let bank = lit(world, 0xD9C48E);
    let stone = lit(world, 0x9C9A96);
    // It winds across the land: narrow where it comes from the distance on one side, wide
    // where it reaches the front on the other.
    let span = 2.5;
    let from_left = rng.chance(0.5);
    let phase = rng.range(0.0, 1.0);
    let near = move |a: f32| {
        let t = (a / span * 0.5 + 0.5).clamp(0.0, 1.0);
        if from_left {
            t
        } else {
            1.0 - t
        }
    };
    // At the front it turns down and runs out of the bottom of the drawing.
    let centre = move |a: f32| {
        let t = near(a);
        0.84 - 0.64 * t + 0.07 * (t * 7.0 + phase).sin() - 0.3 * ((t - 0.75).max(0.0) / 0.25).powi(2)
    };
    let half = move |a: f32| 0.035 + 0.15 * near(a).powf(1.3);
    // Its course, worked out once per step across rather than once per pixel.
    let steps = 512;
    let course: Vec<(f32, f32, f32)> = (0..=steps)
        .map(|i| {
            let a = -span + 2.0 * span * i as f32 / steps as f32;
            let bend = (centre(a + 0.01) - centre(a - 0.01)) / 0.02;
            let widen = (half(a + 0.01) - half(a - 0.01)) / 0.02;
            (centre(a), half(a), (1.0 + (bend.abs() + widen.abs()).powi(2)).sqrt())
        })
        .collect();
    let across = |a: f32, b: f32, extra: f32| {
        let i = ((a + span) / (2.0 * span) * steps as f32).round().clamp(0.0, steps as f32) as usize;
        let (middle, reach, stretch) = course[i];
        (((b - middle).abs() - reach - extra) / stretch).max(a.abs() - span).max(-b)
    };
    brush.shape([-span, 0.0, span, 1.0], bank, |a, b| across(a, b, 0.03));
    brush.plain(|p| {
        p.shape_with(
            [-span, 0.0, span, 1.0],
            1.0,
            |a, b| across(a, b, 0.0),
            |_, b| water.mix(shine, b * 0.5),
        );
        for i in 0..9 {
            let a = -span * 0.9 + i as f32 * span * 0.225;
            let (b, reach) =
                (centre(a) + 0.3 * half(a) * if i % 2 == 0 { 1.0 } else { -1.0 }, 0.06 + 0.1 * near(a));
            p.line((a - reach, b), (a + reach, b), 0.012 + 0.018 * near(a), shine.mix(white(world), 0.5));
        }
    });
    for (i, a) in [-1.7f32, -0.6, 0.5, 1.6].into_iter().enumerate() {
        let side = if i % 2 == 0 { -1.0 } else { 1.0 };
        let scale = 0.5 + near(a);
        brush.ellipse((a, centre(a) + side * (half(a) + 0.045)), 0.06 * scale, 0.035 * scale, stone);
    }
}

fn hill(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let green = lit(world, 0x7CC05A);
    let light = lit(world, 0xA8D86E);
    let path = lit(world, 0xE9D8A6);
    let height = 0.72;
    let top = |a: f32| height * (PI * a / 3.0).cos().powi(2);
    brush.shape_with(
        [-1.5, 0.0, 1.5, height],
        1.0,
        |a, b| {
            let slope = height * PI / 3.0 * (2.0 * PI * a / 3.0).sin();
            ((b - top(a)) / (1.0 + slope * slope).sqrt()).max(a.abs() - 1.5).max(-b)
        },
        |_, b| green.mix(light, (b / height).clamp(0.0, 1.0) * 0.5),
    );
    let trail: [Point; 5] = [(0.3, 0.0), (0.06, 0.18), (0.22, 0.36), (0.02, 0.54), (-0.1, 0.68)];
    brush.plain(|p| {
        for (i, w) in trail.windows(2).enumerate() {
            p.line(w[0], w[1], 0.1 - 0.02 * i as f32, path);
        }
        for (a, b) in [(-0.8, 0.2), (-0.5, 0.38), (0.6, 0.3), (0.9, 0.14), (-0.3, 0.15)] {
            p.circle((a, b), 0.025, world.accent(rng.index(6)));
        }
    });
    let (x, ground) = brush.point((-0.12, top(-0.12) - 0.02));
    let size = brush.pixels(0.16);
    props::round_tree(brush.canvas(), x, ground, size, lit(world, 0x4F9A45), lit(world, 0x8B5A3C), rng);
}

fn mountain(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let rock = lit(world, 0x8C8FB3);
    let far = world.far(Rgb::hex(0x9AA0C4), 0.3);
    let snow = white(world);
    let back = [(0.1, 0.0), (0.86, 0.0), (0.52, 0.64)];
    brush.shape_with(area_of(&back), 1.0, convex_polygon_distance(&back), |a, b| {
        if b > 0.5 + 0.04 * zigzag(a, 9.0) {
            snow
        } else {
            far
        }
    });
    let peak = (-0.1, 1.0);
    let main = [(-0.8, 0.0), (0.62, 0.0), peak];
    brush.shape_with(area_of(&main), 1.0, convex_polygon_distance(&main), |a, b| {
        let shaded = a > peak.0 + (1.0 - b) * 0.25;
        if b > 0.72 + 0.06 * zigzag(a, 7.0) {
            if shaded {
                snow.scale(0.9)
            } else {
                snow
            }
        } else if shaded {
            rock.scale(0.84)
        } else {
            rock
        }
    });
}

fn cave(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let rock = lit(world, 0x9A8B7C);
    let light = white(world);
    let dark = lit(world, 0x2B2430);
    let stone = lit(world, 0x9C9A96);
    let lumps = [((0.0, 0.0), 0.62, 0.95), ((-0.42, 0.0), 0.3, 0.6), ((0.44, 0.0), 0.28, 0.5)];
    brush.shape_with(
        [-0.72, 0.0, 0.72, 0.95],
        1.0,
        |a, b| lumps.iter().map(|&(c, rx, ry)| ellipse((a, b), c, rx, ry)).fold(f32::MAX, f32::min).max(-b),
        |a, b| strata(rock, a, b).mix(light, ((b - 0.5) * 0.4 - a * 0.1).clamp(0.0, 0.15)),
    );
    let opening = |a: f32, b: f32| {
        boxed((a, b), [-0.3, 0.0, 0.3, 0.36], 0.0).min(ellipse((a, b), (0.0, 0.36), 0.3, 0.3))
    };
    // A ring of big stones framing the mouth.
    brush.shape_with(
        [-0.4, 0.0, 0.4, 0.76],
        1.0,
        |a, b| (opening(a, b) - 0.09).max(-b),
        |a, b| {
            let angle = (b - 0.3).atan2(a);
            if (angle / PI * 7.0).rem_euclid(1.0) < 0.1 {
                rock.scale(0.62)
            } else {
                rock.scale(0.82)
            }
        },
    );
    brush.shape([-0.3, 0.0, 0.3, 0.66], dark, opening);
    brush.ellipse((-0.42, 0.05), 0.1, 0.06, stone);
    brush.ellipse((0.4, 0.04), 0.08, 0.05, stone);
}

/// One red toadstool `scale` sizes tall whose stem stands at `a`.
fn toadstool(brush: &mut Brush, a: f32, scale: f32, cap: Rgb, stem: Rgb, spots: Rgb) {
    let s = scale;
    let body = convex_polygon_distance(&[
        (a - 0.12 * s, 0.0),
        (a + 0.12 * s, 0.0),
        (a + 0.09 * s, 0.5 * s),
        (a - 0.09 * s, 0.5 * s),
    ]);
    brush.shape([a - 0.12 * s, 0.0, a + 0.12 * s, 0.5 * s], stem, body);
    brush.ellipse((a, 0.47 * s), 0.38 * s, 0.07 * s, stem.scale(0.82));
    brush.shape([a - 0.46 * s, 0.44 * s, a + 0.46 * s, 0.96 * s], cap, |x, y| {
        ellipse((x, y), (a, 0.48 * s), 0.46 * s, 0.48 * s).max(0.48 * s - y).min(ellipse(
            (x, y),
            (a, 0.49 * s),
            0.46 * s,
            0.05 * s,
        ))
    });
    brush.plain(|p| {
        for (dx, y, r) in [(-0.24, 0.6, 0.07), (0.04, 0.8, 0.08), (0.25, 0.62, 0.06), (-0.04, 0.6, 0.05)] {
            p.circle((a + dx * s, y * s), r * s, spots);
        }
    });
}

fn mushroom(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let cap = if rng.chance(0.8) { lit(world, 0xD94338) } else { world.accent(rng.index(6)) };
    let stem = lit(world, 0xF6EEDC);
    let spots = white(world);
    brush.shadow(world, 0.5);
    toadstool(&mut brush, 0.3, 0.5, cap, stem, spots);
    toadstool(&mut brush, -0.1, 1.0, cap, stem, spots);
}

fn waterfall(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let rock = lit(world, 0x8E8378);
    let water = lit(world, 0x6BB8E8);
    let foam = white(world);
    let grass = lit(world, 0x6DAA45);
    brush.ellipse((0.0, 0.1), 0.56, 0.1, water.scale(0.88));
    let fall = [-0.24, 0.08, 0.24, 0.95];
    brush.shape_with(
        fall,
        1.0,
        |a, b| boxed((a, b), fall, 0.0),
        |a, b| {
            if (a * 22.0 + (b * 9.0).sin() * 0.3).rem_euclid(1.0) < 0.25 {
                water.mix(foam, 0.55)
            } else {
                water
            }
        },
    );
    let left = [(-0.58, 0.0), (-0.2, 0.06), (-0.2, 0.92), (-0.52, 0.88)];
    let right = [(0.2, 0.06), (0.56, 0.0), (0.5, 0.84), (0.2, 0.9)];
    for cliff in [left, right] {
        brush.shape_with(area_of(&cliff), 1.0, convex_polygon_distance(&cliff), |a, b| strata(rock, a, b));
        let (top_left, top_right) =
            if cliff[3].0 < cliff[2].0 { (cliff[3], cliff[2]) } else { (cliff[2], cliff[3]) };
        // A cap of grass along the cliff top, in a few soft tufts.
        let tufts: Vec<Point> =
            (0..4).map(|i| between(top_left, top_right, 0.12 + 0.25 * i as f32)).collect();
        let area = grow(area_of(&[top_left, top_right]), 0.08);
        brush.shape(area, grass, |a, b| {
            let cap = capsule((a, b), top_left, top_right, 0.035);
            tufts.iter().map(|&c| ellipse((a, b), c, 0.08, 0.05)).fold(cap, f32::min)
        });
    }
    let splash =
        [(-0.2, 0.12, 0.1), (0.0, 0.15, 0.12), (0.2, 0.12, 0.1), (-0.1, 0.21, 0.08), (0.1, 0.22, 0.08)];
    brush.shape([-0.3, 0.02, 0.3, 0.3], foam, |a, b| {
        splash.iter().map(|&(x, y, r)| circle((a, b), (x, y), r)).fold(f32::MAX, f32::min)
    });
}
