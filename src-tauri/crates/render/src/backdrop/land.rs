//! The green outdoor worlds (meadow, forest, garden, park, farm, castle): one layered landscape
//! of hills whose props change with the setting.

use model::Weather;

use super::props;
use super::setting::Setting;
use super::sky;
use super::{Depth, Hook, World};
use crate::noise::fbm;
use crate::paint::{length, Canvas, Outline, Rgb};

const GRASS: Rgb = Rgb::hex(0x7CC656);
const GRASS_DEEP: Rgb = Rgb::hex(0x4E9E3C);
/// The meadow's sunny, yellow-green far hills.
const MEADOW_FAR: Rgb = Rgb::hex(0xC2DB6E);
const MEADOW_MID: Rgb = Rgb::hex(0x9ACD5A);
const FOREST_GRASS: Rgb = Rgb::hex(0x5DAA48);
const LEAF: Rgb = Rgb::hex(0x3F9A4A);
const LEAF_LIGHT: Rgb = Rgb::hex(0x66BB55);
const PINE: Rgb = Rgb::hex(0x2F7D4F);
const TRUNK: Rgb = Rgb::hex(0x8A5A3C);
const STONE: Rgb = Rgb::hex(0xD9D2E6);
const PATH: Rgb = Rgb::hex(0xEBD6A8);
const WOOD: Rgb = Rgb::hex(0xC98D5B);

pub fn paint(
    canvas: &mut Canvas,
    world: &mut World,
    outline: Option<Outline>,
    setting: Setting,
    hook: &mut Hook,
) {
    let h = world.height;
    let horizon = world.layout.horizon;
    sky::paint(canvas, world, horizon, hook);
    canvas.outline = outline.map(|o| Outline { width: o.width * 0.7, ..o });
    let far_ground = snowy(
        world,
        match setting {
            Setting::Farm => Rgb::hex(0xA9CF6A),
            Setting::Meadow => MEADOW_FAR,
            _ => GRASS,
        },
    );
    hills(canvas, world, 0xF1, horizon - 30.0, 55.0, 0.2, far_ground, 0.55);
    match setting {
        Setting::Castle => castle_on_hill(canvas, world, horizon),
        Setting::Farm => fields(canvas, world, horizon),
        Setting::Forest => tree_line(canvas, world, horizon + 30.0, 0.45, 0.35, 95.0),
        Setting::Park => town(canvas, world, horizon),
        _ => {}
    }
    canvas.outline = outline.map(|o| Outline { width: o.width * 0.85, ..o });
    let mid = h * 0.6;
    let mid_colour = snowy(
        world,
        match setting {
            Setting::Forest => FOREST_GRASS,
            Setting::Meadow => MEADOW_MID,
            _ => GRASS,
        },
    );
    hills(canvas, world, 0xF2, mid, 30.0, 0.45, mid_colour, 0.25);
    match setting {
        Setting::Forest => tree_line(canvas, world, mid + 25.0, 0.6, 0.12, 150.0),
        Setting::Park => round_trees(canvas, world, mid + 22.0, 0.6, 0.12, 110.0, 0.5),
        Setting::Meadow => round_trees(canvas, world, mid + 22.0, 0.6, 0.12, 120.0, 0.15),
        Setting::Garden => {
            let y = mid + 28.0;
            hedge(canvas, world, y + 6.0);
            props::fence(canvas, -10.0, world.width + 10.0, y + 14.0, 44.0, world.lit(Rgb::hex(0xFFF6E8)));
        }
        Setting::Farm => {
            barns(canvas, world, mid + 24.0);
            props::fence(canvas, -10.0, world.width + 10.0, mid + 40.0, 40.0, world.far(WOOD, 0.1));
        }
        Setting::Castle => round_trees(canvas, world, mid + 22.0, 0.6, 0.12, 90.0, 0.35),
        _ => {}
    }
    hook(Depth::Back, canvas, world);

    canvas.outline = outline;
    near_ground(canvas, world, setting);
    foreground(canvas, world, setting);
}

/// Grass under snow when it snows.
fn snowy(world: &World, grass: Rgb) -> Rgb {
    if world.look.weather == Weather::Snow {
        grass.mix(Rgb::hex(0xF4F8FF), 0.82)
    } else {
        grass
    }
}

/// A band of rolling hills whose top wanders around `base` by `amplitude`.
#[allow(clippy::too_many_arguments)]
fn hills(
    canvas: &mut Canvas,
    world: &World,
    layer: u64,
    base: f32,
    amplitude: f32,
    parallax: f32,
    colour: Rgb,
    depth: f32,
) {
    let offset = world.pan * parallax;
    let seed = world.seed ^ layer;
    let top_colour = world.far(colour, depth);
    let bottom_colour = world.far(colour.scale(0.88), depth * 0.8);
    let span = world.height - base;
    canvas.fill_below(
        |x| base - amplitude * (0.5 + 0.5 * fbm(seed, x + offset, 0.0, 420.0, 3)),
        |_, y| top_colour.mix(bottom_colour, ((y - base) / span).clamp(0.0, 1.0)),
    );
}

fn near_ground(canvas: &mut Canvas, world: &mut World, setting: Setting) {
    let h = world.height;
    let base = h * 0.72;
    let offset = world.pan;
    let seed = world.seed ^ 0xF3;
    let grass = match setting {
        Setting::Forest => FOREST_GRASS,
        Setting::Farm => Rgb::hex(0x8CCB5E),
        _ => GRASS,
    };
    let top = world.lit(snowy(world, grass.mix(Rgb(1.0, 1.0, 0.8), 0.08)));
    let bottom = world.lit(snowy(world, GRASS_DEEP));
    canvas.fill_below(
        |x| base - 18.0 * fbm(seed, x + offset, 0.0, 600.0, 2),
        |_, y| top.mix(bottom, ((y - base) / (h - base)).clamp(0.0, 1.0)),
    );
    if setting == Setting::Park || setting == Setting::Castle {
        path(canvas, world, base);
    }
    if setting == Setting::Park {
        pond(canvas, world, base);
    }
    if setting == Setting::Garden {
        flower_beds(canvas, world, base);
    }
    // Grass tufts and small flowers scattered over the ground.
    let tuft_colour = world.lit(GRASS_DEEP.scale(0.9));
    let mut marks = Vec::new();
    world.row(0x7F, 70.0, 1.0, 40.0, |x, rng| {
        let y = rng.range(base + 20.0, h - 10.0);
        // A meadow is full of wild flowers.
        let flower = rng.chance(match setting {
            Setting::Forest => 0.15,
            Setting::Meadow => 0.75,
            _ => 0.35,
        });
        marks.push((x, y, flower, rng.index(6), rng.range(0.8, 1.3)));
    });
    for (x, y, flower, colour, size) in marks {
        let scale = 0.6 + 0.6 * (y - base) / (h - base);
        if flower {
            props::flower(canvas, x, y, 13.0 * size * scale, world.accent(colour), tuft_colour);
        } else {
            props::tuft(canvas, x, y, 14.0 * size * scale, tuft_colour);
        }
    }
}

fn path(canvas: &mut Canvas, world: &World, base: f32) {
    let colour = world.lit(PATH);
    let h = world.height;
    let top = base - 6.0;
    let start = world.width * (0.5 + 0.3 * (world.pan * 0.0011).sin());
    let bend = 240.0 * (world.pan * 0.0017 + 1.0).sin();
    let centre = move |t: f32| start + bend * t * t;
    canvas.fill_shape((0.0, top, world.width, h), colour, 1.0, |x, y| {
        let t = ((y - top) / (h - top)).clamp(0.0, 1.0);
        // Narrow far away, wide underfoot.
        let half = 8.0 + 230.0 * t * t.sqrt();
        ((x - centre(t)).abs() - half).max(top - y)
    });
}

/// Soil beds across the garden, crowded with big flowers in the child's colours.
fn flower_beds(canvas: &mut Canvas, world: &World, base: f32) {
    let soil = world.lit(Rgb::hex(0x9C6B45));
    let stem = world.lit(GRASS_DEEP);
    let h = world.height;
    for (row, y) in [(0u64, base + 40.0), (1, h - 30.0)] {
        let ry = if row == 0 { 18.0 } else { 30.0 };
        let mut beds = Vec::new();
        world.row(0xBED + row, 520.0, 1.0, 300.0, |x, rng| {
            beds.push((x, rng.range(150.0, 210.0), rng.next_u64()))
        });
        for (x, rx, seed) in beds {
            canvas.ellipse(x, y, rx, ry, soil);
            let mut rng = crate::rng::Rng::new(seed);
            let count = (rx / 28.0) as usize;
            for k in 0..count {
                let fx = x - rx * 0.85 + k as f32 * (rx * 1.7 / count.max(1) as f32) + rng.range(-6.0, 6.0);
                let size = if row == 0 { 11.0 } else { 17.0 } * rng.range(0.85, 1.15);
                props::flower(
                    canvas,
                    fx,
                    y + rng.range(-ry * 0.3, ry * 0.3),
                    size,
                    world.accent(rng.index(6)),
                    stem,
                );
            }
        }
    }
}

/// A trimmed hedge along the back of the garden.
fn hedge(canvas: &mut Canvas, world: &World, ground: f32) {
    let colour = world.far(Rgb::hex(0x3E8E47), 0.12);
    let offset = world.pan * 0.6;
    let top = ground - 70.0;
    canvas.fill_shape((-10.0, top - 20.0, world.width + 10.0, ground + 2.0), colour, 1.0, |x, y| {
        // Scalloped top: a row of bumps.
        let phase = ((x + offset) / 60.0).fract() - 0.5;
        let bump = top + 10.0 - 14.0 * (1.0 - 4.0 * phase * phase);
        (bump - y).max(y - ground)
    });
}

fn pond(canvas: &mut Canvas, world: &mut World, base: f32) {
    let x = if world.rng.chance(0.5) { world.width * 0.2 } else { world.width * 0.8 };
    let y = base + 70.0;
    canvas.ellipse(x, y, 170.0, 42.0, world.lit(Rgb::hex(0x5DB8E0)));
    canvas.without_outline(|c| {
        c.ellipse(x - 40.0, y - 10.0, 60.0, 8.0, world.lit(Rgb::hex(0xBDE8F7)));
        c.ellipse(x + 70.0, y + 8.0, 22.0, 9.0, world.lit(Rgb::hex(0x4FA34A)));
    });
}

fn round_trees(
    canvas: &mut Canvas,
    world: &World,
    ground: f32,
    parallax: f32,
    depth: f32,
    size: f32,
    density: f32,
) {
    let mut trees = Vec::new();
    world.row(0x7EE, size * 2.4, parallax, size * 2.0, |x, rng| {
        if rng.chance(density) {
            trees.push((x, rng.range(0.75, 1.2), rng.chance(0.5), rng.next_u64()));
        }
    });
    for (x, scale, light, seed) in trees {
        let leaf = world.far(if light { LEAF_LIGHT } else { LEAF }, depth);
        let mut rng = crate::rng::Rng::new(seed);
        props::round_tree(canvas, x, ground, size * scale, leaf, world.far(TRUNK, depth), &mut rng);
    }
}

fn tree_line(canvas: &mut Canvas, world: &World, ground: f32, parallax: f32, depth: f32, size: f32) {
    let mut trees = Vec::new();
    world.row(0x9E1 ^ (size as u64), size * 0.75, parallax, size, |x, rng| {
        trees.push((x, rng.range(0.75, 1.25), rng.chance(0.65), rng.next_u64()));
    });
    for (x, scale, pine, seed) in trees {
        if pine {
            props::pine_tree(
                canvas,
                x,
                ground,
                size * scale * 1.1,
                world.far(PINE, depth),
                world.far(TRUNK, depth),
            );
        } else {
            let mut rng = crate::rng::Rng::new(seed);
            props::round_tree(
                canvas,
                x,
                ground,
                size * scale * 0.8,
                world.far(LEAF, depth),
                world.far(TRUNK, depth),
                &mut rng,
            );
        }
    }
}

fn castle_on_hill(canvas: &mut Canvas, world: &mut World, horizon: f32) {
    let x = world.width * world.rng.range(0.25, 0.75);
    let lit = world.look.light.lamps_lit();
    props::castle(
        canvas,
        x,
        horizon - 10.0,
        230.0,
        props::CastleColours {
            stone: world.far(STONE, 0.2),
            roof: world.far(Rgb::hex(0x6C63C9), 0.15),
            flag: world.accent(0),
        },
        lit,
    );
}

fn fields(canvas: &mut Canvas, world: &World, horizon: f32) {
    let stripes = [Rgb::hex(0xE9CF6B), Rgb::hex(0x9BCB63), Rgb::hex(0xD8B25A), Rgb::hex(0x86BE5A)];
    for (k, colour) in stripes.iter().enumerate() {
        let base = horizon - 12.0 + k as f32 * 16.0;
        let offset = world.pan * 0.25;
        let seed = world.seed ^ (0xF1E1D + k as u64);
        let c = world.far(*colour, 0.35 - 0.06 * k as f32);
        canvas.fill_below(|x| base - 10.0 * fbm(seed, x + offset, 0.0, 500.0, 2), |_, _| c);
    }
}

fn barns(canvas: &mut Canvas, world: &World, ground: f32) {
    let mut spots = Vec::new();
    world.row(0xBA4, 900.0, 0.6, 300.0, |x, rng| {
        spots.push((x, rng.chance(0.7)));
    });
    let lit = world.look.light.lamps_lit();
    for (x, barn) in spots {
        if barn {
            props::barn(
                canvas,
                x,
                ground,
                190.0,
                world.far(Rgb::hex(0xD9483B), 0.1),
                world.lit(Rgb::hex(0xFFF8EC)),
            );
        } else {
            props::house(
                canvas,
                x,
                ground,
                130.0,
                world.far(Rgb::hex(0xFFE7B8), 0.1),
                world.far(Rgb::hex(0xC4553F), 0.1),
                lit,
            );
        }
    }
}

fn town(canvas: &mut Canvas, world: &World, horizon: f32) {
    let mut spots = Vec::new();
    world.row(0x70E, 170.0, 0.3, 150.0, |x, rng| {
        spots.push((x, rng.range(70.0, 110.0), rng.index(4)));
    });
    let walls = [0xFFE3B3, 0xF7C6C7, 0xCFE3F7, 0xE8D5F2];
    let roofs = [0xC4553F, 0x6C63C9, 0xD9843B, 0x4C8F9E];
    let lit = world.look.light.lamps_lit();
    for (x, size, k) in spots {
        props::house(
            canvas,
            x,
            horizon + 18.0,
            size,
            world.far(Rgb::hex(walls[k]), 0.35),
            world.far(Rgb::hex(roofs[k]), 0.35),
            lit,
        );
    }
}

/// Big things close to the viewer at the edges of the page, framing the hero in the middle.
fn foreground(canvas: &mut Canvas, world: &mut World, setting: Setting) {
    let h = world.height;
    let ground = h * 0.97;
    let left = world.rng.range(-60.0, 40.0);
    let right = world.width - world.rng.range(-60.0, 40.0);
    match setting {
        Setting::Forest => {
            let mut rng = world.rng.clone();
            props::round_tree(
                canvas,
                left,
                ground,
                300.0,
                world.lit(LEAF.scale(0.9)),
                world.lit(TRUNK),
                &mut rng,
            );
            props::pine_tree(canvas, right, ground, 330.0, world.lit(PINE), world.lit(TRUNK));
            mushrooms(canvas, world);
        }
        Setting::Park => {
            let mut rng = world.rng.clone();
            props::round_tree(canvas, left, ground, 260.0, world.lit(LEAF_LIGHT), world.lit(TRUNK), &mut rng);
            let colour = world.accent(1);
            kite(canvas, world, colour);
        }
        Setting::Garden => {
            for (k, x) in [left + 40.0, right - 40.0].into_iter().enumerate() {
                props::bush(canvas, x, ground - 30.0, 90.0, world.lit(LEAF_LIGHT));
                for f in 0..4 {
                    let fx = x - 80.0 + f as f32 * 52.0;
                    props::flower(
                        canvas,
                        fx,
                        ground - 10.0 - (f % 2) as f32 * 30.0,
                        17.0,
                        world.accent(k * 2 + f),
                        world.lit(GRASS_DEEP),
                    );
                }
            }
            butterflies(canvas, world);
        }
        Setting::Farm => {
            let y = ground - 60.0;
            hay_bale(canvas, world, left + 60.0, y);
            props::fence(canvas, right - 170.0, world.width + 20.0, ground - 40.0, 80.0, world.lit(WOOD));
        }
        Setting::Castle => {
            props::bush(canvas, left + 30.0, ground - 20.0, 80.0, world.lit(LEAF));
            props::bush(canvas, right - 30.0, ground - 20.0, 70.0, world.lit(LEAF_LIGHT));
        }
        _ => {
            props::bush(canvas, left, ground - 10.0, 70.0, world.lit(LEAF_LIGHT));
            butterflies(canvas, world);
        }
    }
}

fn mushrooms(canvas: &mut Canvas, world: &mut World) {
    for _ in 0..3 {
        let x = world.rng.range(200.0, world.width - 200.0);
        let y = world.rng.range(world.height * 0.8, world.height * 0.95);
        let s = world.rng.range(14.0, 22.0);
        canvas.rounded_rect(
            x - s * 0.35,
            y - s * 1.2,
            x + s * 0.35,
            y,
            s * 0.2,
            world.lit(Rgb::hex(0xFFF4E0)),
        );
        let cap = world.lit(Rgb::hex(0xE5483F));
        canvas.fill_shape((x - s, y - s * 2.0, x + s, y - s * 0.9), cap, 1.0, |px, py| {
            length((px - x) / s, (py - (y - s * 1.1)) / (s * 0.9)) * s - s
        });
        canvas.without_outline(|c| {
            c.circle(x - s * 0.4, y - s * 1.5, s * 0.16, Rgb(1.0, 1.0, 1.0));
            c.circle(x + s * 0.3, y - s * 1.7, s * 0.13, Rgb(1.0, 1.0, 1.0));
        });
    }
}

fn butterflies(canvas: &mut Canvas, world: &mut World) {
    for k in 0..2 {
        let x = world.rng.range(100.0, world.width - 100.0);
        let y = world.rng.range(world.height * 0.35, world.height * 0.6);
        let s = world.rng.range(9.0, 13.0);
        let colour = world.accent(k + 2);
        canvas.ellipse(x - s * 0.8, y - s * 0.3, s * 0.8, s * 0.6, colour);
        canvas.ellipse(x + s * 0.8, y - s * 0.3, s * 0.8, s * 0.6, colour);
        canvas.ellipse(x, y, s * 0.2, s * 0.7, Rgb::hex(0x3B2F45));
    }
}

fn kite(canvas: &mut Canvas, world: &mut World, colour: Rgb) {
    let x = world.rng.range(world.width * 0.6, world.width * 0.85);
    let y = world.rng.range(world.height * 0.12, world.height * 0.25);
    let s = 34.0;
    canvas.polygon(&[(x, y - s), (x + s * 0.7, y), (x, y + s * 1.2), (x - s * 0.7, y)], colour);
    canvas.without_outline(|c| {
        let string = Rgb::hex(0x6B5B6E);
        let mut previous = (x, y + s * 1.2);
        for k in 1..12 {
            let t = k as f32 / 11.0;
            let next = (x - t * 160.0 + 12.0 * (t * 9.0).sin(), y + s * 1.2 + t * 170.0);
            c.line(previous, next, 1.6, string);
            previous = next;
        }
    });
}

fn hay_bale(canvas: &mut Canvas, world: &World, x: f32, y: f32) {
    let straw = world.lit(Rgb::hex(0xE8C35E));
    canvas.rounded_rect(x - 70.0, y - 60.0, x + 70.0, y + 40.0, 26.0, straw);
    canvas.without_outline(|c| {
        let line = straw.scale(0.85);
        for k in 0..4 {
            let yy = y - 40.0 + k as f32 * 22.0;
            c.line((x - 55.0, yy), (x + 55.0, yy + 4.0), 3.0, line);
        }
    });
}
