//! Drawings of the catalogue's buildings: homes, towers and the made places a story visits,
//! drawn big behind the hero.

use std::f32::consts::PI;

use super::things::{area_of, boxed, circle, ellipse, is_dark, lit, white, Area, Brush, Point};
use super::{Draw, Spot};
use crate::backdrop::props::{self, CastleColours};
use crate::backdrop::World;
use crate::paint::{convex_polygon_distance, Canvas, Rgb};
use crate::rng::Rng;

pub(crate) const DRAWINGS: &[(&str, Draw)] = &[
    ("house", house),
    ("tower", tower),
    ("castle", castle),
    ("bridge", bridge),
    ("tent", tent),
    ("barn", barn),
    ("lighthouse", lighthouse),
    ("windmill", windmill),
    ("treehouse", treehouse),
    ("nest", nest),
];

/// Stone blocks laid in courses `block` (width, height) big: darker mortar between them and a
/// little variety from block to block.
pub(super) fn stonework(base: Rgb, a: f32, b: f32, block: (f32, f32)) -> Rgb {
    let row = (b / block.1).floor();
    let shifted = a / block.0 + if (row as i32).rem_euclid(2) == 1 { 0.5 } else { 0.0 };
    let column = shifted.floor();
    if shifted - column < 0.07 || b / block.1 - row < 0.12 {
        return base.scale(0.8);
    }
    let variety = (row * 7.0 + column * 13.0).rem_euclid(5.0) / 5.0;
    base.scale(0.94 + 0.1 * variety)
}

/// A doorway or window with a round top, standing on `bottom`.
fn arch(brush: &mut Brush, a: f32, bottom: f32, half_width: f32, height: f32, colour: Rgb) {
    let spring = bottom + height - half_width;
    brush.shape([a - half_width, bottom, a + half_width, bottom + height], colour, |x, y| {
        boxed((x, y), [a - half_width, bottom, a + half_width, spring], 0.0).min(circle(
            (x, y),
            (a, spring),
            half_width,
        ))
    });
}

/// Window glass: warm light after dark, dark panes by day.
fn pane(world: &World) -> Rgb {
    if is_dark(world) {
        Rgb::hex(0xFFD873)
    } else {
        lit(world, 0x4B3F58)
    }
}

fn house(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let walls = [0xF6E6C8, 0xF4D4C4, 0xE3ECF0, 0xFBE7A1];
    let wall = lit(world, walls[rng.index(walls.len())]);
    let roof = if rng.chance(0.5) { lit(world, 0xC8553D) } else { world.accent(rng.index(6)).scale(0.9) };
    // The backdrop's house stands 1.3 of its size tall.
    let unit = 1.0 / 1.3;
    brush.shadow(world, 0.5);
    let smoke = lit(world, 0xDADDE3);
    brush.circle((0.23, 1.04), 0.035, smoke);
    brush.circle((0.29, 1.09), 0.028, smoke);
    brush.rect([0.14, 0.7, 0.25, 0.98], lit(world, 0xA0522D));
    let (x, ground) = brush.point((0.0, 0.0));
    let size = brush.pixels(unit);
    props::house(brush.canvas(), x, ground, size, wall, roof, is_dark(world));
}

fn tower(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let stone = lit(world, 0xB9B1A6);
    let ivy = lit(world, 0x4F9A45);
    brush.shadow(world, 0.3);
    let body = [(-0.2, 0.0), (0.2, 0.0), (0.17, 0.8), (-0.17, 0.8)];
    brush.shape_with(area_of(&body), 1.0, convex_polygon_distance(&body), |a, b| {
        stonework(stone, a, b, (0.1, 0.06))
    });
    brush.polygon(&[(-0.17, 0.76), (0.17, 0.76), (0.24, 0.83), (-0.24, 0.83)], stone.scale(0.9));
    let merlons = [-0.19f32, -0.063, 0.063, 0.19];
    brush.shape_with(
        [-0.24, 0.82, 0.24, 0.98],
        1.0,
        |a, b| {
            let wall = boxed((a, b), [-0.24, 0.82, 0.24, 0.9], 0.0);
            merlons.iter().map(|&m| boxed((a, b), [m - 0.04, 0.86, m + 0.04, 0.98], 0.0)).fold(wall, f32::min)
        },
        |a, b| stonework(stone, a, b, (0.08, 0.05)),
    );
    arch(&mut brush, 0.0, 0.52, 0.055, 0.15, pane(world));
    arch(&mut brush, 0.0, 0.3, 0.025, 0.1, pane(world));
    arch(&mut brush, 0.0, 0.0, 0.075, 0.18, lit(world, 0x6B4A34));
    // Ivy climbing one corner.
    let side = if rng.chance(0.5) { -1.0 } else { 1.0 };
    brush.plain(|p| {
        for i in 0..7 {
            let b = 0.05 + i as f32 * 0.06;
            let a = side * (0.19 - 0.012 * i as f32 - if i % 2 == 0 { 0.0 } else { 0.035 });
            p.tilted_ellipse((a, b), 0.035, 0.022, side * 0.6, ivy);
        }
    });
}

fn castle(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let stone = lit(world, 0xC9C2B8);
    let colours = CastleColours {
        stone,
        roof: if rng.chance(0.5) { lit(world, 0x4C6EB5) } else { world.accent(k) },
        flag: world.accent(k + 1),
    };
    brush.shadow(world, 0.68);
    // Curtain walls out to a small corner tower each side, behind the keep and its towers.
    for side in [-1.0f32, 1.0] {
        let (inner, outer) = (side * 0.3, side * 0.56);
        let wall = [inner.min(outer), 0.0, inner.max(outer), 0.3];
        let turret = [side * 0.5 - 0.08, 0.0, side * 0.5 + 0.08, 0.44];
        for (area, tooth) in [(wall, 0.05f32), (turret, 0.04)] {
            let count = ((area[2] - area[0]) / (tooth * 2.0)).round().max(1.0) as usize;
            let step = (area[2] - area[0]) / count as f32;
            let merlons: Vec<Area> = (0..count)
                .map(|i| {
                    let left = area[0] + i as f32 * step;
                    [left, area[3] - 0.01, left + step * 0.5, area[3] + tooth]
                })
                .collect();
            brush.shape_with(
                [area[0], 0.0, area[2], area[3] + tooth],
                1.0,
                |a, b| {
                    merlons.iter().map(|&m| boxed((a, b), m, 0.0)).fold(boxed((a, b), area, 0.0), f32::min)
                },
                |a, b| stonework(stone, a, b, (0.08, 0.05)),
            );
        }
    }
    // The backdrop's castle stands about 1.51 of its size tall, flags and all.
    let (x, ground) = brush.point((0.0, 0.0));
    let size = brush.pixels(1.0 / 1.52);
    props::castle(brush.canvas(), x, ground, size, colours, is_dark(world));
}

fn bridge(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let stone = lit(world, 0xC2B8A8);
    let water = lit(world, 0x5DA9DD);
    let top = |a: f32| 0.9 - 0.55 * (a / 1.2).powi(2);
    let opening = |a: f32, b: f32| ellipse((a, b), (0.0, 0.0), 0.64, 0.5);
    brush.shape([-0.64, 0.0, 0.64, 0.14], water, |a, b| opening(a, b).max(b - 0.12));
    brush.plain(|p| {
        for (a, b) in [(-0.25, 0.07), (0.2, 0.04)] {
            p.line((a - 0.08, b), (a + 0.08, b), 0.015, water.mix(white(world), 0.6));
        }
    });
    brush.shape_with(
        [-1.2, 0.0, 1.2, 0.9],
        1.0,
        |a, b| {
            let slope = 1.1 * a / 1.44;
            ((b - top(a)) / (1.0 + slope * slope).sqrt()).max(a.abs() - 1.2).max(-b).max(-opening(a, b))
        },
        |a, b| {
            if b > top(a) - 0.05 {
                stone.scale(1.08)
            } else if opening(a, b) < 0.09 {
                // The arch's own ring of wedge stones.
                let angle = b.atan2(a);
                if (angle / PI * 11.0).rem_euclid(1.0) < 0.12 {
                    stone.scale(0.8)
                } else {
                    stone.scale(1.04)
                }
            } else {
                stonework(stone, a, b, (0.16, 0.08))
            }
        },
    );
}

fn tent(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let cloth = world.accent(k);
    let inside = lit(world, 0x3B2F45);
    let rope = lit(world, 0x8B7355);
    brush.plain(|p| {
        p.line((-0.3, 0.52), (-0.8, 0.0), 0.015, rope);
        p.line((0.3, 0.52), (0.8, 0.0), 0.015, rope);
    });
    brush.line((-0.8, 0.05), (-0.78, -0.02), 0.03, rope);
    brush.line((0.8, 0.05), (0.78, -0.02), 0.03, rope);
    brush.shadow(world, 0.76);
    brush.line((0.0, 0.86), (0.0, 0.99), 0.03, rope);
    brush.polygon(&[(0.0, 1.0), (0.15, 0.96), (0.0, 0.92)], world.accent(k + 1));
    let body = [(-0.72, 0.0), (0.72, 0.0), (0.0, 0.9)];
    brush.shape_with(area_of(&body), 1.0, convex_polygon_distance(&body), |_, b| {
        if b < 0.06 {
            cloth.scale(0.82)
        } else {
            cloth
        }
    });
    brush.polygon(&[(-0.24, 0.0), (0.24, 0.0), (0.0, 0.58)], inside);
    brush.polygon(&[(-0.24, 0.0), (0.0, 0.58), (-0.44, 0.08)], cloth.mix(white(world), 0.25));
    brush.plain(|p| p.line((0.0, 0.6), (0.0, 0.84), 0.015, cloth.scale(0.7)));
}

fn barn(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    brush.shadow(world, 0.55);
    let (x, ground) = brush.point((0.0, 0.0));
    let size = brush.pixels(1.0);
    props::barn(brush.canvas(), x, ground, size, lit(world, 0xC8453A), white(world));
}

fn lighthouse(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let red = lit(world, 0xD9433B);
    let paint = white(world);
    let rock = lit(world, 0x8E8A86);
    let dark = lit(world, 0x3B3B48);
    let shining = is_dark(world);
    let lamp = if shining { Rgb::hex(0xFFE27A) } else { lit(world, 0xFFF0B0) };
    if shining {
        brush.plain(|p| {
            for side in [-1.0f32, 1.0] {
                for (spread, opacity) in [(0.16, 0.14), (0.08, 0.22)] {
                    let beam = [(0.0, 0.78), (side * 0.9, 0.78 + spread), (side * 0.9, 0.78 - spread)];
                    p.shape_with(area_of(&beam), opacity, convex_polygon_distance(&beam), |_, _| lamp);
                }
            }
        });
        brush.glow((0.0, 0.77), 0.35, lamp, 0.5);
    }
    let rocks = [((-0.12, 0.04), 0.16, 0.07), ((0.12, 0.05), 0.15, 0.06), ((0.0, 0.06), 0.24, 0.07)];
    brush.shape([-0.28, -0.03, 0.27, 0.13], rock, |a, b| {
        rocks.iter().map(|&(c, rx, ry)| ellipse((a, b), c, rx, ry)).fold(f32::MAX, f32::min)
    });
    let tower = [(-0.2, 0.07), (0.2, 0.07), (0.13, 0.66), (-0.13, 0.66)];
    brush.shape_with(area_of(&tower), 1.0, convex_polygon_distance(&tower), |_, b| {
        if (((b - 0.07) / 0.15).floor() as i32).rem_euclid(2) == 0 {
            red
        } else {
            paint
        }
    });
    arch(&mut brush, 0.0, 0.07, 0.055, 0.15, dark);
    brush.rect([-0.03, 0.4, 0.03, 0.47], pane(world));
    brush.rect([-0.11, 0.69, 0.11, 0.85], lamp);
    brush.plain(|p| {
        for a in [-0.04, 0.04] {
            p.line((a, 0.7), (a, 0.84), 0.012, dark);
        }
    });
    brush.rect([-0.2, 0.65, 0.2, 0.7], dark);
    brush.plain(|p| {
        for i in 0..7 {
            let a = -0.18 + 0.06 * i as f32;
            p.line((a, 0.7), (a, 0.76), 0.012, dark);
        }
        p.line((-0.19, 0.76), (0.19, 0.76), 0.015, dark);
    });
    brush
        .shape([-0.15, 0.84, 0.15, 0.96], red, |a, b| ellipse((a, b), (0.0, 0.84), 0.15, 0.11).max(0.84 - b));
    brush.circle((0.0, 0.97), 0.025, dark);
}

fn windmill(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let wall = lit(world, 0xF1E6D0);
    let roof = lit(world, 0xA0522D);
    let frame = lit(world, 0x8B5A3C);
    let cloth = white(world);
    brush.shadow(world, 0.34);
    let body = [(-0.24, 0.0), (0.24, 0.0), (0.15, 0.6), (-0.15, 0.6)];
    brush.shape_with(area_of(&body), 1.0, convex_polygon_distance(&body), |_, b| {
        if (b * 12.0).rem_euclid(1.0) < 0.1 {
            wall.scale(0.9)
        } else {
            wall
        }
    });
    brush.shape([-0.19, 0.58, 0.19, 0.75], roof, |a, b| ellipse((a, b), (0.0, 0.6), 0.19, 0.14).max(0.6 - b));
    arch(&mut brush, 0.0, 0.0, 0.07, 0.18, frame);
    brush.circle((0.0, 0.4), 0.045, pane(world));
    let hub = (0.0, 0.62);
    let turn0 = PI / 4.0 + rng.range(-0.3, 0.3);
    for i in 0..4 {
        let (s, c) = (turn0 + i as f32 * PI / 2.0).sin_cos();
        let at = |u: f32, v: f32| (hub.0 + u * c - v * s, hub.1 + u * s + v * c);
        let tip = at(0.38, 0.0);
        brush.line(hub, tip, 0.025, frame);
        let sail = [at(0.1, 0.015), at(0.38, 0.015), at(0.38, 0.115), at(0.1, 0.115)];
        brush.shape_with(area_of(&sail), 1.0, convex_polygon_distance(&sail), |a, b| {
            let (da, db) = (a - hub.0, b - hub.1);
            let (u, v) = (da * c + db * s, -da * s + db * c);
            if (u * 18.0).rem_euclid(1.0) < 0.18 || (v - 0.065).abs() < 0.008 {
                frame
            } else {
                cloth
            }
        });
    }
    brush.circle(hub, 0.035, frame);
}

fn treehouse(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let leaves = lit(world, 0x5DAA4B);
    let bark = lit(world, 0x8B5A3C);
    let planks = lit(world, 0xC28A55);
    let roof = if rng.chance(0.5) { lit(world, 0xC8553D) } else { world.accent(rng.index(6)) };
    let crown =
        [(-0.36, 0.6, 0.22), (0.36, 0.62, 0.22), (-0.16, 0.78, 0.22), (0.18, 0.8, 0.2), (0.0, 0.66, 0.26)];
    brush.shape([-0.58, 0.38, 0.58, 1.0], leaves, |a, b| {
        crown.iter().map(|&(x, y, r)| circle((a, b), (x, y), r)).fold(f32::MAX, f32::min)
    });
    brush.plain(|p| p.ellipse((-0.2, 0.86), 0.12, 0.06, leaves.mix(Rgb(1.0, 1.0, 0.8), 0.2)));
    let trunk = convex_polygon_distance(&[(-0.1, 0.0), (0.1, 0.0), (0.07, 0.6), (-0.07, 0.6)]);
    let roots = convex_polygon_distance(&[(-0.17, 0.0), (0.17, 0.0), (0.08, 0.1), (-0.08, 0.1)]);
    brush.shape([-0.17, 0.0, 0.17, 0.6], bark, |a, b| trunk(a, b).min(roots(a, b)));
    brush.line((0.0, 0.3), (-0.28, 0.42), 0.035, bark);
    brush.line((0.0, 0.3), (0.28, 0.42), 0.035, bark);
    brush.rect([-0.36, 0.41, 0.36, 0.46], planks.scale(0.85));
    brush.shape_with(
        [-0.22, 0.46, 0.22, 0.7],
        1.0,
        |a, b| boxed((a, b), [-0.22, 0.46, 0.22, 0.7], 0.0),
        |a, _| {
            if ((a + 0.22) * 18.0).rem_euclid(1.0) < 0.1 {
                planks.scale(0.82)
            } else {
                planks
            }
        },
    );
    brush.polygon(&[(-0.3, 0.68), (0.3, 0.68), (0.0, 0.88)], roof);
    brush.rect([0.04, 0.54, 0.15, 0.63], pane(world));
    brush.rounded([-0.16, 0.46, -0.04, 0.63], 0.02, planks.scale(0.65));
    let rope = lit(world, 0xD9B77C);
    brush.plain(|p| {
        p.line((-0.3, 0.41), (-0.3, 0.0), 0.015, rope);
        p.line((-0.2, 0.41), (-0.2, 0.0), 0.015, rope);
        for i in 0..5 {
            let b = 0.05 + 0.075 * i as f32;
            p.line((-0.3, b), (-0.2, b), 0.02, rope);
        }
    });
}

fn nest(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let twig = lit(world, 0xA47148);
    let egg = if rng.chance(0.5) { lit(world, 0xBFE3F2) } else { lit(world, 0xF6EEDC) };
    let speck = egg.scale(0.75);
    brush.shadow(world, 0.66);
    let eggs: [(Point, f32, f32); 3] =
        [((-0.2, 0.52), 0.14, 0.18), ((0.04, 0.58), 0.14, 0.19), ((0.27, 0.5), 0.13, 0.17)];
    for (centre, rx, ry) in eggs {
        brush.ellipse(centre, rx, ry, egg);
        brush.plain(|p| {
            p.circle((centre.0 + 0.04, centre.1 + 0.06), 0.02, speck);
            p.circle((centre.0 - 0.03, centre.1 + 0.1), 0.014, speck);
        });
    }
    let bowl = |a: f32, b: f32| {
        ellipse((a, b), (0.0, 0.44), 0.66, 0.4).max(b - 0.48).min(ellipse((a, b), (0.0, 0.47), 0.68, 0.09))
    };
    // Twigs poking out of the rim and the sides.
    let stray = [
        ((-0.78, 0.56), (-0.5, 0.44)),
        ((0.52, 0.42), (0.8, 0.6)),
        ((-0.5, 0.12), (-0.72, 0.04)),
        ((0.44, 0.16), (0.7, 0.12)),
    ];
    for (from, to) in stray {
        brush.line(from, to, 0.03, twig.scale(0.9));
    }
    brush.shape([-0.68, 0.04, 0.68, 0.56], twig, bowl);
    let shades = [twig.scale(0.72), twig.scale(1.2), twig.scale(0.86)];
    brush.plain(|p| {
        for i in 0..16 {
            let (a0, b0) = (rng.range(-0.6, 0.2), rng.range(0.1, 0.5));
            let (a1, b1) = (a0 + rng.range(0.25, 0.5), b0 + rng.range(-0.12, 0.12));
            if bowl(a0, b0) < -0.03 && bowl(a1, b1) < -0.03 {
                p.line((a0, b0), (a1, b1), 0.022, shades[i % shades.len()]);
            }
        }
    });
}
