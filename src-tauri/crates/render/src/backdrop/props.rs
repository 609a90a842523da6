//! The picture-book things worlds are made of (trees, flowers, houses, fences, clouds), each a
//! few flat shapes, so every world draws them the same way.

use crate::paint::{length, rounded_rect_distance, Canvas, Rgb};
use crate::rng::Rng;

pub fn sun(canvas: &mut Canvas, x: f32, y: f32, radius: f32, colour: Rgb, rays: bool) {
    if rays {
        let ray = colour.mix(Rgb(1.0, 1.0, 1.0), 0.15);
        canvas.without_outline(|c| {
            for k in 0..12 {
                let angle = k as f32 * std::f32::consts::TAU / 12.0 + 0.13;
                let (s, co) = angle.sin_cos();
                let inner = radius * 1.3;
                let outer = radius * if k % 2 == 0 { 1.85 } else { 1.6 };
                c.line((x + co * inner, y + s * inner), (x + co * outer, y + s * outer), radius * 0.16, ray);
            }
        });
    }
    canvas.circle(x, y, radius, colour);
    canvas.without_outline(|c| {
        c.circle(x - radius * 0.3, y - radius * 0.3, radius * 0.35, colour.mix(Rgb(1.0, 1.0, 0.95), 0.45))
    });
}

/// A five-pointed star.
pub fn star(canvas: &mut Canvas, x: f32, y: f32, radius: f32, colour: Rgb) {
    let inner = radius * 0.45;
    let point = |k: usize, r: f32| {
        let angle = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
        (x + angle.cos() * r, y + angle.sin() * r)
    };
    let bounds = (x - radius, y - radius, x + radius, y + radius);
    // The star is the union of five convex kites around its centre.
    let kites: Vec<[(f32, f32); 4]> = (0..5)
        .map(|k| [(x, y), point(2 * k + 9, inner), point(2 * k, radius), point(2 * k + 1, inner)])
        .collect();
    let distances: Vec<_> = kites.iter().map(|kite| crate::paint::convex_polygon_distance(kite)).collect();
    canvas.fill_shape(bounds, colour, 1.0, |px, py| {
        distances.iter().map(|d| d(px, py)).fold(f32::MAX, f32::min)
    });
}

pub fn cloud(canvas: &mut Canvas, x: f32, y: f32, size: f32, colour: Rgb) {
    let puffs =
        [(-0.9, 0.15, 0.5), (-0.35, -0.25, 0.68), (0.3, -0.35, 0.78), (0.9, 0.05, 0.52), (0.0, 0.2, 0.6)];
    let bounds = (x - size * 1.5, y - size * 1.2, x + size * 1.5, y + size * 0.75);
    canvas.fill_shape(bounds, colour, 1.0, |px, py| {
        let mut d = f32::MAX;
        for (dx, dy, r) in puffs {
            d = d.min(length(px - (x + dx * size), py - (y + dy * size)) - r * size);
        }
        // A gently flattened base.
        let base = crate::paint::ellipse_distance(x, y + size * 0.28, size * 1.25, size * 0.32)(px, py);
        d.max(py - (y + size * 0.45)).min(base)
    });
}

/// A round, leafy tree standing on `ground`.
pub fn round_tree(canvas: &mut Canvas, x: f32, ground: f32, size: f32, leaf: Rgb, trunk: Rgb, rng: &mut Rng) {
    let trunk_w = size * 0.16;
    canvas.rounded_rect(
        x - trunk_w / 2.0,
        ground - size * 1.05,
        x + trunk_w / 2.0,
        ground + 2.0,
        trunk_w * 0.3,
        trunk,
    );
    let crown_y = ground - size * 1.25;
    let mut blobs = vec![(0.0, 0.0, 0.62)];
    for k in 0..5 {
        let angle = k as f32 * 1.26 + rng.range(-0.3, 0.3);
        blobs.push((angle.cos() * 0.42, angle.sin() * 0.32 - 0.05, rng.range(0.36, 0.46)));
    }
    let bounds = (x - size, crown_y - size * 0.85, x + size, crown_y + size * 0.8);
    canvas.fill_shape(bounds, leaf, 1.0, |px, py| {
        blobs
            .iter()
            .map(|(dx, dy, r)| length(px - x - dx * size, py - crown_y - dy * size) - r * size)
            .fold(f32::MAX, f32::min)
    });
    canvas.without_outline(|c| {
        let light = leaf.mix(Rgb(1.0, 1.0, 0.8), 0.22);
        c.ellipse(x - size * 0.2, crown_y - size * 0.28, size * 0.28, size * 0.18, light);
    });
}

/// A pointed fir of stacked triangles.
pub fn pine_tree(canvas: &mut Canvas, x: f32, ground: f32, size: f32, leaf: Rgb, trunk: Rgb) {
    let trunk_w = size * 0.12;
    canvas.rect(x - trunk_w / 2.0, ground - size * 0.35, x + trunk_w / 2.0, ground + 2.0, trunk);
    for tier in 0..3 {
        let t = tier as f32;
        let base = ground - size * (0.25 + 0.42 * t);
        let half = size * (0.5 - 0.1 * t);
        let top = base - size * 0.62;
        let shade = leaf.mix(Rgb(1.0, 1.0, 0.85), 0.06 * t);
        canvas.polygon(&[(x - half, base), (x + half, base), (x, top)], shade);
    }
}

pub fn bush(canvas: &mut Canvas, x: f32, ground: f32, size: f32, colour: Rgb) {
    let bounds = (x - size * 1.3, ground - size * 1.2, x + size * 1.3, ground);
    canvas.fill_shape(bounds, colour, 1.0, |px, py| {
        let a = length(px - (x - size * 0.6), py - (ground - size * 0.45)) - size * 0.6;
        let b = length(px - x, py - (ground - size * 0.7)) - size * 0.72;
        let c = length(px - (x + size * 0.65), py - (ground - size * 0.4)) - size * 0.55;
        a.min(b).min(c).max(py - ground)
    });
}

pub fn flower(canvas: &mut Canvas, x: f32, ground: f32, size: f32, petal: Rgb, stem: Rgb) {
    let head_y = ground - size * 2.2;
    canvas.without_outline(|c| c.line((x, ground), (x, head_y), size * 0.22, stem));
    canvas
        .without_outline(|c| c.ellipse(x + size * 0.35, ground - size * 0.9, size * 0.38, size * 0.16, stem));
    let bounds = (x - size * 1.1, head_y - size * 1.1, x + size * 1.1, head_y + size * 1.1);
    canvas.fill_shape(bounds, petal, 1.0, |px, py| {
        (0..5)
            .map(|k| {
                let angle = k as f32 * std::f32::consts::TAU / 5.0;
                let (cx, cy) = (x + angle.cos() * size * 0.55, head_y + angle.sin() * size * 0.55);
                length(px - cx, py - cy) - size * 0.45
            })
            .fold(f32::MAX, f32::min)
    });
    canvas.circle(x, head_y, size * 0.33, Rgb::hex(0xFFD23F));
}

pub fn tuft(canvas: &mut Canvas, x: f32, ground: f32, size: f32, colour: Rgb) {
    canvas.without_outline(|c| {
        for (dx, lean) in [(-0.35, -0.5), (0.0, 0.0), (0.35, 0.5)] {
            c.line(
                (x + dx * size, ground),
                (x + dx * size + lean * size * 0.6, ground - size * 1.1),
                size * 0.2,
                colour,
            );
        }
    });
}

/// A fence from `x0` to `x1` whose posts stand on `ground`.
pub fn fence(canvas: &mut Canvas, x0: f32, x1: f32, ground: f32, height: f32, colour: Rgb) {
    let rail = height * 0.14;
    canvas.rect(x0, ground - height * 0.75, x1, ground - height * 0.75 + rail, colour);
    canvas.rect(x0, ground - height * 0.35, x1, ground - height * 0.35 + rail, colour);
    let spacing = height * 0.7;
    let mut x = x0;
    while x < x1 {
        let w = height * 0.16;
        canvas.polygon(
            &[
                (x - w / 2.0, ground),
                (x + w / 2.0, ground),
                (x + w / 2.0, ground - height * 0.9),
                (x, ground - height),
                (x - w / 2.0, ground - height * 0.9),
            ],
            colour,
        );
        x += spacing;
    }
}

/// A little house with a pointed roof; windows glow when `lit`.
pub fn house(canvas: &mut Canvas, x: f32, ground: f32, size: f32, wall: Rgb, roof: Rgb, lit: bool) {
    let (w, h) = (size, size * 0.75);
    canvas.rect(x - w / 2.0, ground - h, x + w / 2.0, ground, wall);
    canvas.polygon(
        &[(x - w * 0.62, ground - h + 2.0), (x + w * 0.62, ground - h + 2.0), (x, ground - h - size * 0.55)],
        roof,
    );
    let window = if lit { Rgb::hex(0xFFE08A) } else { Rgb::hex(0xBFE3F2) };
    canvas.rounded_rect(x - w * 0.36, ground - h * 0.72, x - w * 0.12, ground - h * 0.45, 2.0, window);
    canvas.rounded_rect(x + w * 0.12, ground - h * 0.72, x + w * 0.36, ground - h * 0.45, 2.0, window);
    canvas.rounded_rect(x - w * 0.1, ground - h * 0.42, x + w * 0.1, ground, w * 0.08, roof.scale(0.8));
    if lit {
        canvas.without_outline(|c| c.glow(x, ground - h * 0.6, size * 0.6, Rgb::hex(0xFFD36E), 0.18));
    }
}

/// A red barn with a white cross on its door.
pub fn barn(canvas: &mut Canvas, x: f32, ground: f32, size: f32, red: Rgb, trim: Rgb) {
    let (w, h) = (size, size * 0.7);
    canvas.polygon(
        &[
            (x - w / 2.0, ground),
            (x + w / 2.0, ground),
            (x + w / 2.0, ground - h),
            (x + w * 0.3, ground - h - size * 0.3),
            (x - w * 0.3, ground - h - size * 0.3),
            (x - w / 2.0, ground - h),
        ],
        red,
    );
    let (dx0, dx1, dy0) = (x - w * 0.2, x + w * 0.2, ground - h * 0.65);
    canvas.rect(dx0, dy0, dx1, ground, red.scale(0.85));
    canvas.without_outline(|c| {
        let line = w * 0.04;
        c.line((dx0, dy0), (dx1, ground), line, trim);
        c.line((dx1, dy0), (dx0, ground), line, trim);
        c.line((dx0, dy0), (dx1, dy0), line, trim);
        c.line((dx0, dy0), (dx0, ground), line, trim);
        c.line((dx1, dy0), (dx1, ground), line, trim);
    });
    canvas.rounded_rect(
        x - w * 0.1,
        ground - h - size * 0.18,
        x + w * 0.1,
        ground - h - size * 0.04,
        3.0,
        trim,
    );
}

#[derive(Debug, Clone, Copy)]
pub struct CastleColours {
    pub stone: Rgb,
    pub roof: Rgb,
    pub flag: Rgb,
}

/// A fairy-tale castle: a keep between two towers with cone roofs and flags.
pub fn castle(canvas: &mut Canvas, x: f32, ground: f32, size: f32, colours: CastleColours, lit: bool) {
    let CastleColours { stone, roof, flag } = colours;
    let keep_w = size * 0.7;
    let keep_h = size * 0.62;
    let tower_w = size * 0.26;
    let tower_h = size * 0.95;
    battlement(canvas, x - keep_w / 2.0, x + keep_w / 2.0, ground - keep_h, size * 0.06, stone);
    canvas.rect(x - keep_w / 2.0, ground - keep_h, x + keep_w / 2.0, ground, stone);
    for side in [-1.0f32, 1.0] {
        let tx = x + side * (keep_w / 2.0 + tower_w * 0.3);
        canvas.rect(tx - tower_w / 2.0, ground - tower_h, tx + tower_w / 2.0, ground, stone.scale(0.95));
        let roof_top = ground - tower_h - size * 0.42;
        canvas.polygon(
            &[
                (tx - tower_w * 0.66, ground - tower_h + 1.0),
                (tx + tower_w * 0.66, ground - tower_h + 1.0),
                (tx, roof_top),
            ],
            roof,
        );
        canvas.without_outline(|c| {
            c.line((tx, roof_top), (tx, roof_top - size * 0.14), size * 0.014, Rgb::hex(0x5B4636))
        });
        canvas.polygon(
            &[
                (tx, roof_top - size * 0.14),
                (tx + side * size * 0.14, roof_top - size * 0.11),
                (tx, roof_top - size * 0.07),
            ],
            flag,
        );
        window(canvas, tx, ground - tower_h * 0.62, size * 0.05, lit);
    }
    window(canvas, x - keep_w * 0.25, ground - keep_h * 0.68, size * 0.045, lit);
    window(canvas, x + keep_w * 0.25, ground - keep_h * 0.68, size * 0.045, lit);
    // An arched gate.
    let (gw, gh) = (keep_w * 0.28, keep_h * 0.5);
    let gate = Rgb::hex(0x6B4A34);
    let top = ground - gh;
    canvas.fill_shape((x - gw / 2.0, top - gw / 2.0, x + gw / 2.0, ground), gate, 1.0, |px, py| {
        let rect = rounded_rect_distance(x - gw / 2.0, top, x + gw / 2.0, ground + 4.0, 0.0)(px, py);
        let arch = length(px - x, py - top) - gw / 2.0;
        rect.min(arch)
    });
}

fn battlement(canvas: &mut Canvas, x0: f32, x1: f32, top: f32, tooth: f32, stone: Rgb) {
    let mut x = x0;
    while x + tooth <= x1 + 0.5 {
        canvas.rect(x, top - tooth, x + tooth, top + 1.0, stone);
        x += tooth * 2.0;
    }
}

fn window(canvas: &mut Canvas, x: f32, y: f32, size: f32, lit: bool) {
    let colour = if lit { Rgb::hex(0xFFD873) } else { Rgb::hex(0x4B3F58) };
    canvas.fill_shape((x - size, y - size * 2.0, x + size, y + size * 1.6), colour, 1.0, |px, py| {
        let rect = rounded_rect_distance(x - size, y - size * 0.5, x + size, y + size * 1.5, 0.0)(px, py);
        let arch = length(px - x, py - (y - size * 0.5)) - size;
        rect.min(arch)
    });
}
