//! Drawings of the catalogue's animals: flat picture-book shapes with outlines, each told apart
//! at a glance by its own features (the owl's round eyes and ear tufts, the rabbit's long ears,
//! the fox's white-tipped tail). They face right and stand on their spot's ground; sea animals
//! bring their own splash of water.

use super::pen::{Pen, INK, S};
use super::{Draw, Spot};
use crate::backdrop::World;
use crate::paint::{length, Canvas, Rgb};
use crate::rng::Rng;
use S::{Circle, Limb, Oval, Poly, Rect};

pub(crate) const DRAWINGS: &[(&str, Draw)] = &[
    ("owl", owl),
    ("rabbit", rabbit),
    ("tortoise", tortoise),
    ("turtle", turtle),
    ("squirrel", squirrel),
    ("robin", robin),
    ("bird", bird),
    ("deer", deer),
    ("crab", crab),
    ("dolphin", dolphin),
    ("fish", fish),
    ("seagull", seagull),
    ("mouse", mouse),
    ("dog", dog),
    ("cat", cat),
    ("duck", duck),
    ("frog", frog),
    ("bear", bear),
    ("horse", horse),
    ("cow", cow),
    ("pig", pig),
    ("sheep", sheep),
    ("hen", hen),
    ("fox", fox),
    ("hedgehog", hedgehog),
    ("snail", snail),
    ("butterfly", butterfly),
    ("bee", bee),
    ("ladybird", ladybird),
    ("firefly", firefly),
    ("whale", whale),
    ("octopus", octopus),
    ("penguin", penguin),
    ("dragon", dragon),
    ("unicorn", unicorn),
];

const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
const CHEEK: u32 = 0xF59AAE;

fn lit(world: &World, hex: u32) -> Rgb {
    world.lit(Rgb::hex(hex))
}

fn poly(points: &[(f32, f32)]) -> S {
    Poly(points.to_vec())
}

/// A rosy cheek.
fn cheek(pen: &Pen, canvas: &mut Canvas, world: &World, at: (f32, f32), r: f32) {
    pen.wash(canvas, lit(world, CHEEK), 0.55, &[Circle(at, r)]);
}

/// Water the animal rises from: a pool with a light rim and a few drops.
fn splash(pen: &Pen, canvas: &mut Canvas, world: &World, half_width: f32) {
    let water = lit(world, 0x3E9AD6);
    let foam = lit(world, 0xE4F6FD);
    // No outline, so at sea the pool melts into the sea around it.
    pen.mark(canvas, water, &[Oval((0.0, 0.07), half_width, 0.07, 0.0)]);
    let rim: Vec<(f32, f32)> = (0..=12)
        .map(|k| {
            let t = k as f32 / 12.0 * 2.0 - 1.0;
            (t * half_width * 0.95, 0.07 + 0.06 * (1.0 - t * t).sqrt())
        })
        .collect();
    pen.stroke(canvas, foam, 0.02, &rim);
    pen.stroke(canvas, foam, 0.018, &[(-half_width * 0.6, 0.07), (-half_width * 0.1, 0.08)]);
    pen.stroke(canvas, foam, 0.018, &[(half_width * 0.2, 0.06), (half_width * 0.6, 0.065)]);
    for (x, y, r) in [(-0.55, 0.2, 0.03), (-0.45, 0.28, 0.02), (0.55, 0.22, 0.03), (0.47, 0.3, 0.02)] {
        pen.fill(canvas, foam, &[Circle((x * half_width / 0.6, y), r)]);
    }
}

fn owl(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let brown = lit(world, 0x8B5E3C);
    let dark = lit(world, 0x6A4329);
    let belly = lit(world, 0xE9D2AA);
    let face = lit(world, 0xF4E6CB);
    let orange = lit(world, 0xF29E38);
    p.fill(canvas, orange, &[Oval((-0.1, 0.03), 0.07, 0.035, 0.0), Oval((0.1, 0.03), 0.07, 0.035, 0.0)]);
    p.fill(
        canvas,
        brown,
        &[
            Oval((0.0, 0.44), 0.34, 0.41, 0.0),
            poly(&[(-0.3, 0.66), (-0.33, 1.0), (-0.08, 0.8)]),
            poly(&[(0.3, 0.66), (0.33, 1.0), (0.08, 0.8)]),
        ],
    );
    p.mark(canvas, belly, &[Oval((0.0, 0.3), 0.22, 0.25, 0.0)]);
    for (x, y) in
        [(-0.1, 0.36), (0.06, 0.36), (-0.02, 0.26), (0.12, 0.26), (-0.14, 0.26), (-0.06, 0.16), (0.06, 0.16)]
    {
        p.stroke(canvas, dark, 0.018, &[(x - 0.035, y + 0.025), (x, y), (x + 0.035, y + 0.025)]);
    }
    p.fill(canvas, dark, &[Oval((-0.32, 0.4), 0.09, 0.24, -8.0)]);
    p.fill(canvas, dark, &[Oval((0.32, 0.4), 0.09, 0.24, 8.0)]);
    p.fill(canvas, face, &[Circle((-0.13, 0.63), 0.15), Circle((0.13, 0.63), 0.15)]);
    let iris = lit(world, 0xF7C531);
    for x in [-0.13, 0.13] {
        p.fill(canvas, iris, &[Circle((x, 0.64), 0.095)]);
        p.mark(canvas, INK, &[Circle((x + 0.01, 0.64), 0.058)]);
        p.mark(canvas, WHITE, &[Circle((x + 0.03, 0.665), 0.022)]);
    }
    p.fill(canvas, orange, &[poly(&[(-0.045, 0.56), (0.045, 0.56), (0.0, 0.47)])]);
}

fn rabbit(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let fur = lit(world, 0xD8CEC2);
    let light = lit(world, 0xF4EFE8);
    let pink = lit(world, 0xF2AFC0);
    p.fill(canvas, WHITE.scale(0.98), &[Circle((-0.36, 0.24), 0.085)]);
    p.fill(canvas, fur, &[Oval((-0.07, 0.05), 0.2, 0.055, 0.0)]);
    p.fill(canvas, fur, &[Oval((-0.07, 0.27), 0.28, 0.25, 8.0)]);
    p.mark(canvas, light, &[Oval((0.05, 0.24), 0.13, 0.17, 0.0)]);
    p.fill(canvas, fur, &[Oval((0.16, 0.05), 0.08, 0.05, 0.0)]);
    for (x, tilt) in [(0.09, 100.0f32), (0.22, 80.0)] {
        p.fill(canvas, fur, &[Oval((x, 0.8), 0.2, 0.058, tilt)]);
        p.mark(canvas, pink, &[Oval((x, 0.81), 0.14, 0.026, tilt)]);
    }
    p.fill(canvas, fur, &[Circle((0.18, 0.53), 0.165), Oval((0.27, 0.49), 0.1, 0.08, 0.0)]);
    p.dot_eye(canvas, (0.24, 0.57), 0.035);
    p.mark(canvas, pink, &[Circle((0.355, 0.5), 0.028)]);
    p.stroke(canvas, INK, 0.01, &[(0.355, 0.475), (0.35, 0.45), (0.33, 0.44)]);
    cheek(&p, canvas, world, (0.24, 0.47), 0.04);
    for dy in [0.0, -0.03] {
        p.stroke(canvas, INK, 0.008, &[(0.37, 0.49 + dy), (0.47, 0.5 + dy * 1.6)]);
    }
}

fn tortoise(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let skin = lit(world, 0xA3AE6E);
    let shell = lit(world, 0x8C6A3A);
    let plate = lit(world, 0xB99453);
    let rim = lit(world, 0x6C512C);
    p.fill(canvas, skin, &[poly(&[(-0.58, 0.24), (-0.76, 0.14), (-0.56, 0.16)])]);
    for x in [-0.42, 0.38] {
        p.fill(canvas, skin.scale(0.9), &[Limb((x + 0.06, 0.3), (x + 0.08, 0.1), 0.1, 0.1)]);
    }
    p.fill(canvas, skin, &[Limb((0.44, 0.32), (0.62, 0.46), 0.1, 0.09), Circle((0.66, 0.5), 0.14)]);
    p.dot_eye(canvas, (0.71, 0.55), 0.03);
    p.smile(canvas, (0.72, 0.46), 0.1, 0.014);
    for x in [-0.3, 0.26] {
        p.fill(canvas, skin, &[Limb((x, 0.3), (x, 0.11), 0.1, 0.11)]);
    }
    let dome = [Oval((0.0, 0.28), 0.6, 0.68, 0.0)];
    let below = [Rect((-1.0, -1.0), (1.0, 0.25), 0.0)];
    p.fill_cut(canvas, shell, &dome, &below);
    let plates = [
        poly(&[(-0.12, 0.78), (0.12, 0.78), (0.18, 0.62), (0.08, 0.48), (-0.08, 0.48), (-0.18, 0.62)]),
        Oval((-0.38, 0.6), 0.14, 0.11, 35.0),
        Oval((0.38, 0.6), 0.14, 0.11, -35.0),
        Oval((-0.28, 0.36), 0.13, 0.09, 0.0),
        Oval((0.28, 0.36), 0.13, 0.09, 0.0),
        Oval((0.0, 0.34), 0.12, 0.08, 0.0),
    ];
    p.mark_within(canvas, plate, &plates, &dome);
    p.fill(canvas, rim, &[Rect((-0.64, 0.2), (0.64, 0.3), 0.05)]);
}

fn turtle(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.77);
    let skin = lit(world, 0x8ACBA5);
    let shell = lit(world, 0x2F8F63);
    let plate = lit(world, 0x74C38B);
    p.fill(canvas, skin.scale(0.9), &[Oval((-0.48, 0.14), 0.2, 0.07, 25.0)]);
    p.fill(canvas, skin.scale(0.9), &[Oval((0.1, 0.12), 0.26, 0.07, -25.0)]);
    p.fill(canvas, skin, &[Limb((0.42, 0.4), (0.62, 0.5), 0.1, 0.09), Oval((0.7, 0.52), 0.15, 0.12, 10.0)]);
    p.dot_eye(canvas, (0.74, 0.57), 0.032);
    p.smile(canvas, (0.78, 0.49), 0.1, 0.014);
    p.fill(canvas, skin, &[Oval((-0.5, 0.26), 0.22, 0.07, 30.0)]);
    let body = [Oval((-0.05, 0.42), 0.6, 0.34, 5.0)];
    p.fill(canvas, shell, &body);
    let plates = [
        Oval((-0.05, 0.52), 0.16, 0.12, 5.0),
        Oval((-0.36, 0.46), 0.13, 0.1, 20.0),
        Oval((0.26, 0.5), 0.13, 0.1, -15.0),
        Oval((-0.2, 0.3), 0.12, 0.07, 5.0),
        Oval((0.12, 0.31), 0.12, 0.07, 5.0),
    ];
    p.mark_within(canvas, plate, &plates, &body);
    for (x, y) in [(0.66, 0.6), (0.62, 0.47), (0.72, 0.45)] {
        p.mark(canvas, shell, &[Circle((x, y), 0.018)]);
    }
    p.fill(canvas, skin, &[Oval((0.34, 0.2), 0.3, 0.075, -30.0)]);
}

fn squirrel(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let fur = lit(world, 0xC9622B);
    let tail = lit(world, 0xD9783D);
    let cream = lit(world, 0xF6D9B4);
    let stripe = lit(world, 0xF0AE72);
    // A big bushy tail curling up the back: puffs along an S, fattest in the middle.
    let path = [(-0.02, 0.1), (-0.3, 0.26), (-0.38, 0.52), (-0.3, 0.78), (-0.1, 0.92), (0.04, 0.86)];
    let puffs = fluff(&path, &[0.07, 0.15, 0.19, 0.17, 0.12, 0.07], 18);
    p.fill(canvas, tail, &puffs);
    p.stroke(canvas, stripe, 0.035, &[(-0.24, 0.32), (-0.29, 0.52), (-0.23, 0.72), (-0.1, 0.82)]);
    p.fill(canvas, fur, &[Oval((0.09, 0.3), 0.17, 0.25, -6.0)]);
    p.mark(canvas, cream, &[Oval((0.16, 0.28), 0.08, 0.17, -6.0)]);
    p.fill(canvas, fur, &[Oval((0.02, 0.16), 0.14, 0.15, 0.0)]);
    p.fill(canvas, fur, &[Oval((0.12, 0.03), 0.11, 0.035, 0.0)]);
    for (a, b, c) in [((0.1, 0.7), (0.11, 0.88), (0.19, 0.74)), ((0.2, 0.74), (0.25, 0.9), (0.28, 0.72))] {
        p.fill(canvas, fur, &[poly(&[a, b, c])]);
    }
    p.fill(canvas, fur, &[Circle((0.19, 0.62), 0.135), Oval((0.3, 0.58), 0.09, 0.065, -10.0)]);
    p.mark(canvas, cream, &[Oval((0.3, 0.55), 0.07, 0.04, -10.0)]);
    p.dot_eye(canvas, (0.24, 0.66), 0.032);
    p.mark(canvas, INK, &[Circle((0.385, 0.6), 0.022)]);
    cheek(&p, canvas, world, (0.22, 0.56), 0.035);
    let nut = lit(world, 0xB07A3B);
    let cap = lit(world, 0x7A5230);
    p.fill(canvas, nut, &[Oval((0.32, 0.33), 0.055, 0.07, 0.0)]);
    p.fill(canvas, cap, &[Oval((0.32, 0.39), 0.065, 0.035, 0.0)]);
    p.fill(canvas, fur, &[Oval((0.26, 0.36), 0.045, 0.03, 20.0), Oval((0.27, 0.3), 0.045, 0.03, -20.0)]);
}

/// Round puffs along a path whose radius goes through `radii` (one per path point): a bushy
/// tail or a mane with a soft, scalloped edge.
fn fluff(path: &[(f32, f32)], radii: &[f32], count: usize) -> Vec<S> {
    let segments = path.len().saturating_sub(1).max(1);
    (0..count)
        .map(|k| {
            let t = k as f32 / (count - 1).max(1) as f32 * segments as f32;
            let i = (t.floor() as usize).min(segments - 1);
            let f = t - i as f32;
            let (a, b) = (path[i], path[(i + 1).min(path.len() - 1)]);
            let r = radii[i] + (radii[(i + 1).min(radii.len() - 1)] - radii[i]) * f;
            Circle((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f), r)
        })
        .collect()
}

fn robin(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.86);
    let brown = lit(world, 0x8A6A4E);
    let breast = lit(world, 0xEA5F2E);
    let leg = lit(world, 0x6B4A3A);
    for x in [-0.06, 0.08] {
        p.stroke(canvas, leg, 0.025, &[(x, 0.2), (x, 0.02)]);
        p.stroke(canvas, leg, 0.02, &[(x - 0.05, 0.01), (x + 0.06, 0.01)]);
    }
    p.fill(canvas, brown, &[poly(&[(-0.2, 0.42), (-0.52, 0.64), (-0.44, 0.72), (-0.16, 0.56)])]);
    let body = [Circle((0.0, 0.44), 0.3), Circle((0.12, 0.64), 0.21)];
    p.fill(canvas, brown, &body);
    p.mark_within(canvas, breast, &[Oval((0.22, 0.46), 0.2, 0.26, 0.0)], &body);
    p.mark(canvas, lit(world, 0xF4E7D9), &[Oval((0.05, 0.2), 0.13, 0.06, 0.0)]);
    p.fill(canvas, brown.scale(0.85), &[Oval((-0.08, 0.42), 0.2, 0.12, 22.0)]);
    p.fill(canvas, lit(world, 0x3F2F26), &[poly(&[(0.31, 0.7), (0.45, 0.66), (0.31, 0.62)])]);
    p.dot_eye(canvas, (0.2, 0.7), 0.04);
}

fn bird(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.28, 1.0);
    let blue = lit(world, 0x3F8EE0);
    let dark = lit(world, 0x2D6CB8);
    let belly = lit(world, 0xF6D8B0);
    let beak = lit(world, 0xF7B731);
    p.fill(canvas, dark, &[Oval((0.06, 0.72), 0.22, 0.08, 70.0)]);
    p.fill(canvas, dark, &[poly(&[(-0.26, 0.48), (-0.62, 0.64), (-0.64, 0.34)])]);
    let body = [Oval((0.0, 0.46), 0.32, 0.17, 8.0), Circle((0.3, 0.56), 0.15)];
    p.fill(canvas, blue, &body);
    p.mark_within(canvas, belly, &[Oval((0.12, 0.36), 0.3, 0.1, 8.0)], &body);
    p.fill(canvas, beak, &[poly(&[(0.43, 0.6), (0.57, 0.55), (0.43, 0.51)])]);
    p.dot_eye(canvas, (0.34, 0.61), 0.035);
    p.fill(canvas, blue, &[Oval((-0.12, 0.76), 0.26, 0.09, 120.0)]);
    p.stroke(canvas, dark, 0.015, &[(-0.08, 0.66), (-0.16, 0.86)]);
}

fn deer(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let coat = lit(world, 0xB9794A);
    let far = coat.scale(0.85);
    let cream = lit(world, 0xF5E3C8);
    let hoof = lit(world, 0x3E2C24);
    let antler = lit(world, 0x7A5433);
    for x in [-0.28, 0.12] {
        p.fill(canvas, far, &[Limb((x, 0.48), (x + 0.02, 0.04), 0.04, 0.028)]);
    }
    p.fill(canvas, coat, &[Oval((-0.09, 0.52), 0.31, 0.14, 3.0)]);
    p.mark(canvas, cream, &[Oval((-0.06, 0.43), 0.22, 0.05, 0.0)]);
    for (x, y) in [(-0.2, 0.58), (-0.08, 0.6), (0.02, 0.57), (-0.14, 0.52)] {
        p.mark(canvas, cream, &[Circle((x, y), 0.022)]);
    }
    p.fill(canvas, cream, &[Oval((-0.4, 0.58), 0.05, 0.07, 30.0)]);
    for x in [-0.2, 0.2] {
        p.fill(canvas, coat, &[Limb((x, 0.48), (x + 0.01, 0.04), 0.045, 0.03)]);
    }
    for x in [-0.27, -0.19, 0.15, 0.22] {
        p.mark(canvas, hoof, &[Rect((x - 0.03, 0.0), (x + 0.03, 0.04), 0.01)]);
    }
    for (base, lean) in [((0.26, 0.86), -0.05), ((0.32, 0.86), 0.04)] {
        let tip = (base.0 + lean, 1.0);
        p.cord(canvas, antler, 0.025, &[base, (base.0 + lean * 0.5, 0.93), tip]);
        p.cord(canvas, antler, 0.02, &[(base.0 + lean * 0.4, 0.92), (base.0 + lean * 0.4 + 0.07, 0.97)]);
        p.cord(canvas, antler, 0.02, &[(base.0 + lean * 0.2, 0.89), (base.0 + lean * 0.2 - 0.06, 0.94)]);
    }
    p.fill(canvas, coat, &[Oval((0.2, 0.88), 0.07, 0.03, 150.0)]);
    p.fill(
        canvas,
        coat,
        &[Limb((0.1, 0.54), (0.26, 0.76), 0.085, 0.06), Oval((0.32, 0.8), 0.11, 0.075, -25.0)],
    );
    p.mark(canvas, cream, &[Oval((0.38, 0.74), 0.05, 0.03, -25.0)]);
    p.mark(canvas, INK, &[Circle((0.42, 0.75), 0.025)]);
    p.dot_eye(canvas, (0.31, 0.82), 0.028);
}

fn crab(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.76);
    let red = lit(world, 0xE4572E);
    let dark = lit(world, 0xC2411F);
    for side in [-1.0f32, 1.0] {
        for k in 0..3 {
            let y = 0.3 - k as f32 * 0.06;
            let reach = 0.46 + k as f32 * 0.05;
            p.cord(
                canvas,
                dark,
                0.04,
                &[(side * 0.2, y), (side * reach, y + 0.05), (side * (reach + 0.06), 0.02)],
            );
        }
        p.cord(canvas, red, 0.06, &[(side * 0.22, 0.38), (side * 0.42, 0.5)]);
        let (cx, cy) = (side * 0.5, 0.6);
        p.fill_cut(
            canvas,
            red,
            &[Circle((cx, cy), 0.15)],
            &[poly(&[(cx, cy + 0.02), (cx + side * 0.02, cy + 0.3), (cx + side * 0.22, cy + 0.22)])],
        );
        p.stroke(canvas, lit(world, 0xF7D7CD), 0.016, &[(side * 0.08, 0.46), (side * 0.11, 0.62)]);
    }
    p.fill(canvas, red, &[Oval((0.0, 0.3), 0.34, 0.22, 0.0)]);
    p.mark(canvas, lit(world, 0xF08A63), &[Oval((-0.1, 0.38), 0.1, 0.05, 20.0)]);
    for x in [-0.11, 0.11] {
        p.fill(canvas, red, &[Limb((x * 0.8, 0.45), (x, 0.62), 0.025, 0.02)]);
        p.eye(canvas, (x, 0.67), 0.07);
    }
    p.smile(canvas, (0.0, 0.3), 0.16, 0.02);
}

fn dolphin(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let grey = lit(world, 0x7AA6CC);
    let belly = lit(world, 0xD6E8F3);
    let dark = lit(world, 0x5A86AE);
    let path =
        [(-0.5, 0.36), (-0.32, 0.56), (-0.08, 0.7), (0.16, 0.72), (0.38, 0.62), (0.52, 0.48), (0.64, 0.38)];
    let radii = [0.035, 0.08, 0.13, 0.14, 0.12, 0.07, 0.035];
    p.fill(canvas, dark, &[Oval((-0.58, 0.44), 0.11, 0.04, 65.0), Oval((-0.58, 0.28), 0.11, 0.04, -25.0)]);
    p.fill(canvas, dark, &[poly(&[(-0.06, 0.78), (0.12, 0.82), (-0.12, 0.99)])]);
    let body: Vec<S> =
        path.windows(2).zip(radii.windows(2)).map(|(a, r)| Limb(a[0], a[1], r[0], r[1])).collect();
    p.fill(canvas, grey, &body);
    p.mark_within(canvas, belly, &[Oval((0.2, 0.5), 0.36, 0.1, -25.0)], &body);
    p.fill(canvas, dark, &[Oval((0.18, 0.52), 0.1, 0.04, -55.0)]);
    p.dot_eye(canvas, (0.42, 0.63), 0.03);
    p.stroke(canvas, INK, 0.012, &[(0.5, 0.5), (0.56, 0.46), (0.6, 0.41)]);
    splash(&p, canvas, world, 0.6);
}

fn fish(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.91);
    let orange = lit(world, 0xF5862B);
    let fin = lit(world, 0xF9B046);
    let tail = [poly(&[(-0.2, 0.52), (-0.52, 0.78), (-0.48, 0.32)])];
    p.fill(canvas, fin, &tail);
    p.fill(canvas, fin, &[poly(&[(-0.08, 0.7), (0.18, 0.76), (-0.14, 0.9)])]);
    p.fill(canvas, fin, &[Oval((0.04, 0.36), 0.08, 0.04, -30.0)]);
    let body = [Oval((0.04, 0.56), 0.32, 0.2, 12.0)];
    p.fill(canvas, orange, &body);
    let stripes = [Oval((-0.06, 0.56), 0.03, 0.22, 12.0), Oval((-0.16, 0.52), 0.025, 0.2, 12.0)];
    p.mark_within(canvas, lit(world, 0xFFF1DD), &stripes, &body);
    p.stroke(canvas, lit(world, 0xD96A1B), 0.012, &[(-0.44, 0.7), (-0.34, 0.56), (-0.44, 0.4)]);
    p.eye(canvas, (0.2, 0.62), 0.07);
    p.mark(canvas, lit(world, 0xC2501A), &[Oval((0.34, 0.56), 0.025, 0.035, 0.0)]);
    splash(&p, canvas, world, 0.5);
}

fn seagull(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.34, 0.87);
    let white = lit(world, 0xFBFBFA);
    let grey = lit(world, 0xB9C3CF);
    let tip = lit(world, 0x33333D);
    let beak = lit(world, 0xF6C12F);
    p.fill(
        canvas,
        grey.scale(0.88),
        &[Limb((0.05, 0.56), (0.3, 0.8), 0.07, 0.05), Limb((0.3, 0.8), (0.6, 0.7), 0.05, 0.02)],
    );
    p.fill(canvas, white, &[poly(&[(-0.26, 0.5), (-0.46, 0.56), (-0.46, 0.42), (-0.26, 0.42)])]);
    p.fill(canvas, white, &[Oval((0.0, 0.47), 0.3, 0.12, 0.0), Circle((0.3, 0.54), 0.11)]);
    p.fill(canvas, beak, &[poly(&[(0.39, 0.56), (0.55, 0.51), (0.39, 0.49)])]);
    p.mark(canvas, lit(world, 0xE0452B), &[Circle((0.5, 0.51), 0.014)]);
    p.dot_eye(canvas, (0.33, 0.57), 0.028);
    p.fill(
        canvas,
        grey,
        &[Limb((-0.02, 0.54), (-0.3, 0.8), 0.075, 0.055), Limb((-0.3, 0.8), (-0.74, 0.64), 0.055, 0.02)],
    );
    p.mark(canvas, tip, &[Limb((-0.56, 0.7), (-0.74, 0.64), 0.038, 0.018)]);
}

fn mouse(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.86);
    let fur = lit(world, 0xA7A2B6);
    let pink = lit(world, 0xF2A7B8);
    let light = lit(world, 0xD9D5E2);
    p.cord(canvas, pink, 0.03, &[(-0.34, 0.14), (-0.48, 0.08), (-0.6, 0.16), (-0.58, 0.32), (-0.5, 0.38)]);
    p.fill(canvas, pink, &[Oval((-0.12, 0.03), 0.08, 0.03, 0.0), Oval((0.2, 0.03), 0.07, 0.03, 0.0)]);
    p.fill(canvas, fur, &[Oval((-0.06, 0.3), 0.32, 0.28, 5.0)]);
    p.mark(canvas, light, &[Oval((0.02, 0.2), 0.2, 0.12, 0.0)]);
    for (x, y, r) in [(0.12, 0.68, 0.17), (0.3, 0.64, 0.14)] {
        p.fill(canvas, fur, &[Circle((x, y), r)]);
        p.mark(canvas, pink, &[Circle((x + 0.01, y), r * 0.62)]);
    }
    p.fill(
        canvas,
        fur,
        &[Oval((0.3, 0.36), 0.2, 0.16, -15.0), poly(&[(0.36, 0.46), (0.55, 0.28), (0.36, 0.24)])],
    );
    p.mark(canvas, pink, &[Circle((0.545, 0.285), 0.032)]);
    p.dot_eye(canvas, (0.37, 0.42), 0.035);
    cheek(&p, canvas, world, (0.33, 0.32), 0.035);
    for dy in [0.02, -0.02] {
        p.stroke(canvas, INK, 0.008, &[(0.5, 0.28 + dy), (0.64, 0.3 + dy * 2.5)]);
    }
}

fn dog(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.87);
    let coat = lit(world, 0xD49A5A);
    let far = coat.scale(0.85);
    let cream = lit(world, 0xF3DDB9);
    let ear = lit(world, 0x8A5A33);
    p.fill(canvas, coat, &[Limb((-0.3, 0.5), (-0.46, 0.74), 0.055, 0.03)]);
    for x in [-0.24, 0.14] {
        p.fill(canvas, far, &[Limb((x, 0.38), (x, 0.05), 0.06, 0.055)]);
    }
    p.fill(canvas, coat, &[Oval((-0.05, 0.42), 0.32, 0.17, 0.0)]);
    let body = [Oval((-0.05, 0.42), 0.32, 0.17, 0.0)];
    p.mark_within(canvas, ear, &[Oval((-0.14, 0.54), 0.12, 0.09, 10.0)], &body);
    for x in [-0.14, 0.24] {
        p.fill(canvas, coat, &[Limb((x, 0.36), (x, 0.05), 0.062, 0.057)]);
        p.fill(canvas, cream, &[Oval((x + 0.02, 0.035), 0.075, 0.035, 0.0)]);
    }
    p.fill(canvas, lit(world, 0xE0453A), &[Limb((0.16, 0.56), (0.33, 0.5), 0.03, 0.03)]);
    p.fill(canvas, coat, &[Circle((0.3, 0.68), 0.18)]);
    p.fill(canvas, cream, &[Oval((0.45, 0.6), 0.12, 0.08, -8.0)]);
    p.fill(canvas, lit(world, 0xF28B9B), &[Oval((0.45, 0.51), 0.035, 0.05, 0.0)]);
    p.mark(canvas, INK, &[Oval((0.56, 0.635), 0.04, 0.03, 0.0)]);
    p.stroke(canvas, INK, 0.012, &[(0.56, 0.6), (0.52, 0.56), (0.46, 0.56)]);
    p.dot_eye(canvas, (0.37, 0.73), 0.038);
    p.fill(canvas, ear, &[Oval((0.19, 0.64), 0.15, 0.065, 100.0)]);
    p.fill(canvas, lit(world, 0xF7CB45), &[Circle((0.3, 0.48), 0.03)]);
}

fn cat(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let fur = lit(world, 0x9C97AE);
    let stripe = lit(world, 0x6F6A82);
    let pink = lit(world, 0xF2A7B8);
    let light = lit(world, 0xE4E1EC);
    p.cord(canvas, fur, 0.07, &[(-0.16, 0.06), (-0.34, 0.1), (-0.4, 0.3), (-0.32, 0.48)]);
    let body = [Oval((0.0, 0.3), 0.24, 0.3, 0.0), Oval((-0.08, 0.15), 0.17, 0.15, 0.0)];
    p.fill(canvas, fur, &body);
    let bands = [Oval((-0.16, 0.3), 0.025, 0.2, -20.0), Oval((-0.06, 0.4), 0.025, 0.2, -20.0)];
    p.mark_within(canvas, stripe, &bands, &body);
    p.mark(canvas, light, &[Oval((0.1, 0.32), 0.09, 0.16, 0.0)]);
    for x in [0.1, 0.2] {
        p.fill(canvas, fur, &[Limb((x, 0.3), (x, 0.04), 0.05, 0.05)]);
    }
    for (a, b, c) in [((-0.04, 0.78), (0.0, 1.0), (0.12, 0.86)), ((0.14, 0.87), (0.26, 0.99), (0.27, 0.79))] {
        p.fill(canvas, fur, &[poly(&[a, b, c])]);
        let inner = ((a.0 + b.0 + c.0) / 3.0, (a.1 + b.1 + c.1) / 3.0);
        p.mark(canvas, pink, &[Circle((inner.0, inner.1 - 0.005), 0.03)]);
    }
    let head = [Circle((0.11, 0.7), 0.19)];
    p.fill(canvas, fur, &head);
    p.mark_within(
        canvas,
        stripe,
        &[
            Oval((0.06, 0.86), 0.012, 0.06, 80.0),
            Oval((0.11, 0.87), 0.012, 0.06, 90.0),
            Oval((0.16, 0.86), 0.012, 0.06, 100.0),
        ],
        &head,
    );
    let green = lit(world, 0x8BC34A);
    for x in [0.07, 0.2] {
        p.fill(canvas, green, &[Oval((x, 0.72), 0.045, 0.05, 0.0)]);
        p.mark(canvas, INK, &[Oval((x + 0.008, 0.72), 0.015, 0.042, 0.0)]);
        p.mark(canvas, WHITE, &[Circle((x + 0.02, 0.74), 0.012)]);
    }
    p.mark(canvas, pink, &[poly(&[(0.12, 0.65), (0.16, 0.65), (0.14, 0.62)])]);
    p.stroke(canvas, INK, 0.01, &[(0.14, 0.62), (0.14, 0.6), (0.11, 0.58)]);
    p.stroke(canvas, INK, 0.01, &[(0.14, 0.6), (0.17, 0.58)]);
    for (side, dy) in [(-1.0f32, 0.01), (-1.0, -0.02), (1.0, 0.01), (1.0, -0.02)] {
        let start = (0.14 + side * 0.07, 0.62 + dy);
        p.stroke(canvas, INK, 0.007, &[start, (start.0 + side * 0.17, start.1 + dy * 2.0)]);
    }
}

fn duck(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.84);
    let yellow = lit(world, 0xF7D038);
    let wing = lit(world, 0xEAB92A);
    let orange = lit(world, 0xF2892A);
    p.fill(canvas, orange, &[Oval((-0.06, 0.025), 0.08, 0.03, 0.0), Oval((0.08, 0.025), 0.08, 0.03, 0.0)]);
    p.fill(
        canvas,
        yellow,
        &[
            Oval((-0.05, 0.3), 0.34, 0.22, 5.0),
            poly(&[(-0.26, 0.3), (-0.48, 0.52), (-0.3, 0.46)]),
            Limb((0.12, 0.4), (0.18, 0.6), 0.11, 0.1),
            Circle((0.2, 0.67), 0.16),
        ],
    );
    p.fill(canvas, wing, &[Oval((-0.1, 0.34), 0.2, 0.11, 15.0)]);
    p.stroke(canvas, yellow.scale(0.85), 0.012, &[(-0.22, 0.32), (-0.1, 0.3)]);
    p.stroke(canvas, yellow.scale(0.85), 0.012, &[(-0.2, 0.38), (-0.06, 0.36)]);
    p.fill(canvas, orange, &[Oval((0.41, 0.63), 0.12, 0.045, -5.0)]);
    p.stroke(canvas, INK, 0.008, &[(0.32, 0.63), (0.5, 0.62)]);
    p.dot_eye(canvas, (0.26, 0.71), 0.035);
    cheek(&p, canvas, world, (0.22, 0.61), 0.035);
}

fn frog(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.84);
    let green = lit(world, 0x5DBB4A);
    let dark = lit(world, 0x3F9A36);
    let belly = lit(world, 0xD8EFA0);
    for side in [-1.0f32, 1.0] {
        p.fill(canvas, dark, &[Oval((side * 0.34, 0.2), 0.2, 0.13, side * -20.0)]);
        p.fill(canvas, green, &[Oval((side * 0.44, 0.04), 0.12, 0.04, 0.0)]);
    }
    p.fill(
        canvas,
        green,
        &[Oval((0.0, 0.34), 0.36, 0.29, 0.0), Circle((-0.17, 0.68), 0.15), Circle((0.17, 0.68), 0.15)],
    );
    p.mark(canvas, belly, &[Oval((0.0, 0.26), 0.22, 0.16, 0.0)]);
    for (x, y) in [(-0.24, 0.42), (0.26, 0.46), (0.2, 0.3)] {
        p.mark(canvas, dark, &[Circle((x, y), 0.03)]);
    }
    for x in [-0.17, 0.17] {
        p.eye(canvas, (x, 0.7), 0.095);
    }
    p.smile(canvas, (0.0, 0.5), 0.36, 0.02);
    cheek(&p, canvas, world, (-0.22, 0.47), 0.045);
    cheek(&p, canvas, world, (0.22, 0.47), 0.045);
    for side in [-1.0f32, 1.0] {
        p.fill(canvas, green, &[Oval((side * 0.16, 0.04), 0.09, 0.04, 0.0)]);
    }
}

fn bear(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let fur = lit(world, 0x8B5A3C);
    let tummy = lit(world, 0xB58058);
    let muzzle = lit(world, 0xE0BE92);
    p.fill(canvas, fur, &[Oval((0.0, 0.36), 0.33, 0.32, 0.0)]);
    p.mark(canvas, tummy, &[Oval((0.02, 0.3), 0.2, 0.2, 0.0)]);
    for side in [-1.0f32, 1.0] {
        p.fill(canvas, fur, &[Oval((side * 0.2, 0.1), 0.15, 0.1, 0.0)]);
        p.mark(canvas, muzzle, &[Oval((side * 0.2, 0.09), 0.07, 0.06, 0.0)]);
        p.fill(canvas, fur, &[Oval((side * 0.3, 0.42), 0.08, 0.17, side * 22.0)]);
        p.fill(canvas, fur, &[Circle((side * 0.16 + 0.03, 0.96), 0.075)]);
        p.mark(canvas, muzzle, &[Circle((side * 0.16 + 0.03, 0.96), 0.04)]);
    }
    p.fill(canvas, fur, &[Circle((0.03, 0.78), 0.2)]);
    p.fill(canvas, muzzle, &[Oval((0.07, 0.71), 0.1, 0.075, 0.0)]);
    p.mark(canvas, INK, &[Oval((0.08, 0.75), 0.04, 0.028, 0.0)]);
    p.stroke(canvas, INK, 0.012, &[(0.08, 0.73), (0.08, 0.69), (0.05, 0.67)]);
    p.stroke(canvas, INK, 0.012, &[(0.08, 0.69), (0.11, 0.67)]);
    p.dot_eye(canvas, (-0.03, 0.83), 0.032);
    p.dot_eye(canvas, (0.12, 0.83), 0.032);
}

/// A horse-shaped animal; the unicorn is one with a horn and a rainbow mane.
struct Equine {
    coat: Rgb,
    mane: [Rgb; 3],
    hoof: Rgb,
    horn: bool,
}

fn equine(canvas: &mut Canvas, world: &World, p: &Pen, look: &Equine) {
    let far = look.coat.scale(0.86);
    // A flowing tail, then the far legs, the body and the near legs.
    let tail =
        fluff(&[(-0.4, 0.64), (-0.52, 0.5), (-0.56, 0.3), (-0.52, 0.14)], &[0.04, 0.07, 0.065, 0.035], 12);
    p.fill(canvas, look.mane[0], &tail);
    for (k, colour) in look.mane.iter().enumerate().skip(1) {
        let dx = k as f32 * 0.035 - 0.05;
        p.mark_within(canvas, *colour, &[Limb((-0.44 + dx, 0.62), (-0.54 + dx, 0.16), 0.015, 0.015)], &tail);
    }
    for x in [-0.3, 0.2] {
        p.fill(canvas, far, &[Limb((x, 0.5), (x + 0.01, 0.06), 0.05, 0.038)]);
        p.mark(canvas, look.hoof.scale(0.85), &[Rect((x - 0.04, 0.0), (x + 0.05, 0.06), 0.015)]);
    }
    p.fill(canvas, look.coat, &[Oval((-0.06, 0.56), 0.38, 0.16, 0.0)]);
    for x in [-0.2, 0.3] {
        p.fill(canvas, look.coat, &[Limb((x, 0.5), (x + 0.01, 0.06), 0.055, 0.04)]);
        p.fill(canvas, look.hoof, &[Rect((x - 0.045, 0.0), (x + 0.055, 0.065), 0.015)]);
    }
    p.fill(canvas, look.coat, &[poly(&[(0.33, 0.9), (0.35, 1.0), (0.4, 0.91)])]);
    // The mane runs down the back of the neck, behind it, so only its scalloped edge shows.
    let mane = fluff(&[(0.07, 0.64), (0.18, 0.8), (0.3, 0.94)], &[0.065, 0.06, 0.05], 8);
    p.fill(canvas, look.mane[0], &mane);
    for (k, colour) in look.mane.iter().enumerate().skip(1) {
        let out = k as f32 * 0.025;
        p.mark_within(
            canvas,
            *colour,
            &[Limb((0.04 - out, 0.62 + out), (0.27 - out, 0.96 + out), 0.014, 0.014)],
            &mane,
        );
    }
    p.fill(
        canvas,
        look.coat,
        &[Limb((0.2, 0.6), (0.36, 0.84), 0.12, 0.075), Oval((0.46, 0.82), 0.15, 0.075, -40.0)],
    );
    p.fill(canvas, look.mane[look.mane.len() - 1], &[Oval((0.37, 0.9), 0.05, 0.025, -30.0)]);
    p.mark(canvas, look.coat.mix(WHITE, 0.3), &[Circle((0.54, 0.73), 0.05)]);
    p.mark(canvas, INK, &[Circle((0.56, 0.73), 0.014)]);
    p.dot_eye(canvas, (0.43, 0.86), 0.03);
    if look.horn {
        let gold = lit(world, 0xF2C14E);
        p.fill(canvas, gold, &[poly(&[(0.39, 0.9), (0.46, 0.9), (0.5, 1.1)])]);
        for t in [0.3, 0.55] {
            let y = 0.9 + 0.2 * t;
            p.stroke(
                canvas,
                gold.scale(0.8),
                0.01,
                &[(0.4 + 0.05 * t, y + 0.015), (0.455 + 0.03 * t, y - 0.01)],
            );
        }
    }
}

fn horse(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let mane = lit(world, 0x4A2E22);
    let look = Equine {
        coat: lit(world, 0xA8643A),
        mane: [mane, mane.scale(0.9), mane],
        hoof: lit(world, 0x3B2A22),
        horn: false,
    };
    equine(canvas, world, &Pen::new(spot), &look);
}

fn unicorn(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let look = Equine {
        coat: lit(world, 0xFBF8FF),
        mane: [lit(world, 0xF7A1C4), lit(world, 0xB99AF0), lit(world, 0x8EC9F5)],
        hoof: lit(world, 0xF2C14E),
        horn: true,
    };
    let p = Pen::fitted(spot, 0.0, 1.11);
    equine(canvas, world, &p, &look);
    cheek(&p, canvas, world, (0.5, 0.79), 0.03);
}

fn cow(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let white = lit(world, 0xF8F6F0);
    let black = lit(world, 0x2E2A30);
    let pink = lit(world, 0xF2B4B8);
    let horn = lit(world, 0xF3E3B5);
    p.cord(canvas, white, 0.025, &[(-0.46, 0.64), (-0.54, 0.5), (-0.54, 0.34)]);
    p.fill(canvas, black, &[Oval((-0.54, 0.31), 0.03, 0.05, 0.0)]);
    for x in [-0.36, 0.16] {
        p.fill(canvas, white.scale(0.88), &[Limb((x, 0.42), (x, 0.05), 0.055, 0.05)]);
        p.mark(canvas, black, &[Rect((x - 0.05, 0.0), (x + 0.05, 0.05), 0.01)]);
    }
    let body = [Rect((-0.5, 0.36), (0.32, 0.74), 0.16)];
    p.fill(canvas, white, &body);
    p.mark_within(
        canvas,
        black,
        &[
            Oval((-0.28, 0.62), 0.13, 0.09, 20.0),
            Oval((0.08, 0.5), 0.1, 0.08, -10.0),
            Oval((-0.44, 0.44), 0.08, 0.1, 0.0),
        ],
        &body,
    );
    p.fill(canvas, pink, &[Oval((-0.08, 0.35), 0.08, 0.05, 0.0)]);
    for x in [-0.26, 0.24] {
        p.fill(canvas, white, &[Limb((x, 0.42), (x, 0.05), 0.058, 0.052)]);
        p.fill(canvas, black, &[Rect((x - 0.055, 0.0), (x + 0.055, 0.055), 0.012)]);
    }
    for side in [-1.0f32, 1.0] {
        let base = (0.43 + side * 0.07, 0.84);
        p.fill(canvas, horn, &[Limb(base, (base.0 + side * 0.04, 0.94), 0.025, 0.012)]);
        p.fill(canvas, white, &[Oval((0.43 + side * 0.15, 0.8), 0.075, 0.032, side * -20.0)]);
    }
    let head = [Oval((0.43, 0.7), 0.12, 0.15, 0.0)];
    p.fill(canvas, white, &head);
    p.mark_within(canvas, black, &[Circle((0.36, 0.78), 0.07)], &head);
    p.fill(canvas, pink, &[Oval((0.45, 0.58), 0.13, 0.08, 0.0)]);
    p.mark(canvas, pink.scale(0.75), &[Circle((0.4, 0.58), 0.018), Circle((0.5, 0.58), 0.018)]);
    p.dot_eye(canvas, (0.38, 0.73), 0.026);
    p.dot_eye(canvas, (0.49, 0.73), 0.026);
}

fn pig(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, -0.01, 0.85);
    let pink = lit(world, 0xF5A9B8);
    let dark = lit(world, 0xE27D96);
    let curl: Vec<(f32, f32)> = (0..=14)
        .map(|k| {
            let a = k as f32 * 0.75;
            let r = 0.06 - k as f32 * 0.003;
            (-0.44 - 0.04 * (k as f32 / 14.0) - r * a.cos(), 0.52 + r * a.sin())
        })
        .collect();
    p.stroke(canvas, dark, 0.025, &curl);
    for x in [-0.28, 0.12] {
        p.fill(canvas, pink.scale(0.9), &[Limb((x, 0.24), (x, 0.04), 0.06, 0.06)]);
    }
    p.fill(canvas, pink, &[Oval((-0.05, 0.4), 0.38, 0.26, 0.0)]);
    for x in [-0.18, 0.22] {
        p.fill(canvas, pink, &[Limb((x, 0.24), (x, 0.04), 0.065, 0.065)]);
        p.mark(canvas, dark, &[Rect((x - 0.06, 0.0), (x + 0.06, 0.035), 0.012)]);
    }
    p.fill(canvas, pink, &[Circle((0.33, 0.52), 0.2)]);
    p.fill(canvas, pink, &[poly(&[(0.22, 0.66), (0.22, 0.84), (0.34, 0.7)])]);
    p.fill(canvas, pink, &[poly(&[(0.36, 0.68), (0.5, 0.8), (0.46, 0.62)])]);
    p.fill(canvas, dark, &[Oval((0.52, 0.47), 0.065, 0.085, 0.0)]);
    p.mark(
        canvas,
        INK.mix(dark, 0.4),
        &[Oval((0.5, 0.47), 0.012, 0.025, 0.0), Oval((0.545, 0.47), 0.012, 0.025, 0.0)],
    );
    p.dot_eye(canvas, (0.38, 0.6), 0.035);
    cheek(&p, canvas, world, (0.33, 0.46), 0.045);
    p.smile(canvas, (0.42, 0.37), 0.08, 0.014);
}

fn sheep(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.79);
    let wool = lit(world, 0xF7F4EA);
    let face = lit(world, 0x3B3540);
    for x in [-0.3, -0.18, 0.12, 0.22] {
        p.fill(canvas, face, &[Limb((x, 0.3), (x, 0.03), 0.035, 0.035)]);
    }
    let mut puffs = vec![Oval((-0.05, 0.48), 0.34, 0.2, 0.0)];
    for k in 0..12 {
        let a = k as f32 / 12.0 * std::f32::consts::TAU;
        puffs.push(Circle((-0.05 + 0.33 * a.cos(), 0.48 + 0.2 * a.sin()), 0.1));
    }
    p.fill(canvas, wool, &puffs);
    for (x, y) in [(-0.2, 0.52), (0.02, 0.56), (-0.1, 0.4)] {
        p.stroke(canvas, wool.scale(0.88), 0.012, &[(x - 0.04, y), (x, y + 0.03), (x + 0.04, y)]);
    }
    p.fill(canvas, face, &[Oval((0.26, 0.58), 0.08, 0.03, 25.0), Oval((0.52, 0.58), 0.08, 0.03, -25.0)]);
    p.fill(canvas, face, &[Oval((0.39, 0.5), 0.12, 0.15, -12.0)]);
    p.fill(
        canvas,
        wool,
        &[Circle((0.34, 0.64), 0.06), Circle((0.42, 0.66), 0.06), Circle((0.38, 0.7), 0.05)],
    );
    for x in [0.35, 0.45] {
        p.mark(canvas, WHITE, &[Circle((x, 0.53), 0.03)]);
        p.mark(canvas, INK, &[Circle((x + 0.01, 0.53), 0.017)]);
    }
    p.mark(canvas, lit(world, 0xF2A7B8), &[Oval((0.42, 0.42), 0.03, 0.018, 0.0)]);
}

fn hen(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.91);
    let white = lit(world, 0xFBF3E4);
    let red = lit(world, 0xE3392F);
    let yellow = lit(world, 0xF6B72F);
    for x in [-0.06, 0.08] {
        p.stroke(canvas, yellow, 0.025, &[(x, 0.2), (x, 0.02)]);
        p.stroke(canvas, yellow, 0.02, &[(x - 0.05, 0.01), (x + 0.07, 0.01)]);
    }
    for (y, tilt) in [(0.6, 55.0f32), (0.66, 80.0), (0.62, 100.0)] {
        p.fill(canvas, white.scale(0.95), &[Oval((-0.34, y), 0.16, 0.055, tilt)]);
    }
    p.fill(
        canvas,
        white,
        &[
            Oval((-0.03, 0.38), 0.32, 0.25, 10.0),
            Limb((0.1, 0.5), (0.18, 0.66), 0.11, 0.1),
            Circle((0.2, 0.68), 0.14),
        ],
    );
    p.fill(
        canvas,
        red,
        &[Circle((0.13, 0.82), 0.05), Circle((0.2, 0.85), 0.055), Circle((0.27, 0.82), 0.05)],
    );
    p.fill(canvas, red, &[Oval((0.3, 0.57), 0.03, 0.05, 0.0)]);
    p.fill(canvas, yellow, &[poly(&[(0.32, 0.7), (0.43, 0.66), (0.32, 0.62)])]);
    p.fill(canvas, white.scale(0.9), &[Oval((-0.06, 0.38), 0.18, 0.12, 15.0)]);
    for k in 0..3 {
        let x = -0.16 + k as f32 * 0.08;
        p.stroke(canvas, white.scale(0.75), 0.012, &[(x - 0.03, 0.36), (x, 0.32), (x + 0.03, 0.36)]);
    }
    p.dot_eye(canvas, (0.23, 0.71), 0.032);
}

fn fox(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let orange = lit(world, 0xE8722A);
    let white = lit(world, 0xFFF6EC);
    let dark = lit(world, 0x3A2A2A);
    let tail = [Oval((-0.44, 0.5), 0.26, 0.11, 28.0)];
    p.fill(canvas, orange, &tail);
    p.mark_within(canvas, white, &[Circle((-0.66, 0.62), 0.11)], &tail);
    for x in [-0.24, 0.12] {
        p.fill(canvas, dark.mix(orange, 0.15), &[Limb((x, 0.4), (x, 0.04), 0.045, 0.04)]);
    }
    let body = [Oval((-0.05, 0.44), 0.3, 0.14, 0.0)];
    p.fill(canvas, orange, &body);
    p.mark_within(canvas, white, &[Oval((0.2, 0.4), 0.11, 0.12, 0.0)], &body);
    for x in [-0.16, 0.2] {
        p.fill(canvas, orange, &[Limb((x, 0.38), (x, 0.16), 0.05, 0.045)]);
        p.fill(canvas, dark, &[Limb((x, 0.2), (x, 0.04), 0.045, 0.042)]);
    }
    for (a, b, c) in [((0.19, 0.68), (0.19, 0.92), (0.3, 0.74)), ((0.3, 0.74), (0.37, 0.95), (0.41, 0.7))] {
        p.fill(canvas, orange, &[poly(&[a, b, c])]);
        let inner = ((a.0 + b.0 + c.0) / 3.0, (a.1 + b.1 + c.1) / 3.0 + 0.02);
        p.mark(canvas, dark, &[Circle(inner, 0.025)]);
    }
    let head = [Circle((0.3, 0.63), 0.14), poly(&[(0.34, 0.72), (0.6, 0.57), (0.36, 0.5)])];
    p.fill(canvas, orange, &head);
    p.mark_within(canvas, white, &[poly(&[(0.2, 0.6), (0.62, 0.56), (0.3, 0.45)])], &head);
    p.mark(canvas, INK, &[Circle((0.58, 0.575), 0.03)]);
    p.dot_eye(canvas, (0.37, 0.67), 0.032);
}

fn hedgehog(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.86);
    let spines = lit(world, 0x7A5536);
    let face = lit(world, 0xEBCDA4);
    let (cx, cy) = p.at((-0.1, 0.12));
    let (rx, ry) = (p.len(0.5), p.len(0.62));
    let spike = p.len(0.09);
    let base = p.at((0.0, 0.05)).1;
    let bounds = (cx - rx - spike, cy - ry - spike, cx + rx + spike, base);
    canvas.fill_shape(bounds, spines, 1.0, move |x, y| {
        let (dx, dy) = ((x - cx) / rx, (y - cy) / ry);
        let angle = dy.atan2(dx);
        let phase = (angle * 14.0 / std::f32::consts::TAU).rem_euclid(1.0);
        let bump = spike * (1.0 - (2.0 * phase - 1.0).abs());
        let radial = (length(dx, dy) - 1.0) * rx.min(ry);
        (radial - bump).max(y - base)
    });
    for k in 0..7 {
        let a = 0.5 + k as f32 * 0.32;
        let (s, c) = a.sin_cos();
        p.stroke(
            canvas,
            spines.scale(1.25),
            0.014,
            &[(-0.1 + c * 0.2, 0.12 + s * 0.25), (-0.1 + c * 0.38, 0.12 + s * 0.45)],
        );
    }
    for x in [-0.2, 0.2] {
        p.fill(canvas, spines.scale(0.8), &[Oval((x, 0.04), 0.07, 0.04, 0.0)]);
    }
    p.fill(
        canvas,
        face,
        &[Oval((0.3, 0.24), 0.18, 0.15, -15.0), poly(&[(0.36, 0.34), (0.64, 0.2), (0.38, 0.12)])],
    );
    p.mark(canvas, INK, &[Circle((0.62, 0.2), 0.035)]);
    p.dot_eye(canvas, (0.38, 0.29), 0.032);
    cheek(&p, canvas, world, (0.36, 0.19), 0.035);
}

fn snail(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.78);
    let body = lit(world, 0xC8D27A);
    let shell = lit(world, 0xDB8A4A);
    let line = lit(world, 0x8E4F25);
    for (base, tip) in [((0.42, 0.4), (0.38, 0.62)), ((0.48, 0.4), (0.56, 0.6))] {
        p.stroke(canvas, body.scale(0.8), 0.025, &[base, tip]);
        p.fill(canvas, body, &[Circle(tip, 0.035)]);
        p.mark(canvas, INK, &[Circle((tip.0 + 0.008, tip.1), 0.018)]);
    }
    p.fill(
        canvas,
        body,
        &[Limb((-0.56, 0.05), (0.36, 0.1), 0.04, 0.09), Limb((0.36, 0.1), (0.46, 0.34), 0.09, 0.085)],
    );
    p.smile(canvas, (0.5, 0.3), 0.08, 0.012);
    cheek(&p, canvas, world, (0.42, 0.25), 0.03);
    p.fill(canvas, shell, &[Circle((-0.08, 0.44), 0.33)]);
    let spiral: Vec<(f32, f32)> = (0..=40)
        .map(|k| {
            let t = k as f32 / 40.0;
            let a = t * 2.6 * std::f32::consts::TAU;
            let r = 0.27 * (1.0 - t * 0.9);
            (-0.08 + r * a.cos(), 0.44 + r * a.sin())
        })
        .collect();
    p.stroke(canvas, line, 0.022, &spiral);
}

fn butterfly(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.13, 1.0);
    let choices = [(0xF39C34, 0x8E44AD), (0x4C9BE8, 0xF7C531), (0xA66BE0, 0xF48FB1), (0xF26BA5, 0x4CC9F0)];
    let (main, spot_colour) = choices[rng.index(choices.len())];
    let wing = lit(world, main);
    let dot = lit(world, spot_colour);
    for side in [-1.0f32, 1.0] {
        p.fill(canvas, wing, &[Oval((side * 0.27, 0.66), 0.28, 0.19, side * 35.0)]);
        p.fill(canvas, wing.scale(0.9), &[Oval((side * 0.2, 0.3), 0.2, 0.14, side * -35.0)]);
        p.mark(canvas, dot, &[Circle((side * 0.32, 0.7), 0.08), Circle((side * 0.2, 0.28), 0.05)]);
        p.mark(canvas, WHITE, &[Circle((side * 0.42, 0.8), 0.03), Circle((side * 0.14, 0.55), 0.025)]);
        p.stroke(canvas, INK, 0.014, &[(side * 0.02, 0.74), (side * 0.1, 0.96)]);
        p.mark(canvas, INK, &[Circle((side * 0.1, 0.96), 0.025)]);
    }
    p.fill(canvas, lit(world, 0x3B2F45), &[Oval((0.0, 0.46), 0.045, 0.28, 0.0), Circle((0.0, 0.76), 0.06)]);
}

fn bee(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.07, 0.98);
    let yellow = lit(world, 0xF7C631);
    let black = lit(world, 0x2E2A30);
    let wing = lit(world, 0xE3F2FD);
    for x in [-0.12, 0.04, 0.2] {
        p.stroke(canvas, black, 0.02, &[(x, 0.22), (x - 0.03, 0.08)]);
    }
    p.fill(canvas, black, &[poly(&[(-0.34, 0.46), (-0.5, 0.4), (-0.34, 0.34)])]);
    let body = [Oval((-0.02, 0.42), 0.34, 0.25, 0.0)];
    p.fill(canvas, yellow, &body);
    p.mark_within(
        canvas,
        black,
        &[Rect((-0.24, 0.0), (-0.14, 1.0), 0.0), Rect((0.0, 0.0), (0.1, 1.0), 0.0)],
        &body,
    );
    p.fill(canvas, black, &[Circle((0.34, 0.47), 0.16)]);
    p.eye(canvas, (0.4, 0.52), 0.06);
    p.smile(canvas, (0.42, 0.42), 0.08, 0.014);
    p.stroke(canvas, black, 0.016, &[(0.36, 0.62), (0.4, 0.8)]);
    p.mark(canvas, black, &[Circle((0.4, 0.8), 0.025)]);
    p.fill(canvas, wing, &[Oval((-0.1, 0.76), 0.2, 0.12, 100.0), Oval((0.08, 0.78), 0.19, 0.11, 75.0)]);
}

fn ladybird(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.02, 0.79);
    let red = lit(world, 0xE2342D);
    let black = lit(world, 0x24202A);
    for x in [-0.25, 0.0, 0.22] {
        p.stroke(canvas, black, 0.025, &[(x, 0.2), (x - 0.05, 0.04)]);
    }
    p.fill(canvas, black, &[Circle((0.36, 0.36), 0.17)]);
    for x in [0.34, 0.44] {
        p.mark(canvas, WHITE, &[Circle((x, 0.4), 0.035)]);
        p.mark(canvas, INK, &[Circle((x + 0.01, 0.4), 0.018)]);
    }
    p.stroke(canvas, black, 0.016, &[(0.4, 0.5), (0.5, 0.64)]);
    p.stroke(canvas, black, 0.016, &[(0.34, 0.51), (0.38, 0.66)]);
    let dome = [Oval((-0.04, 0.36), 0.38, 0.42, 0.0)];
    let below = [Rect((-1.0, -1.0), (1.0, 0.14), 0.0)];
    p.fill_cut(canvas, red, &dome, &below);
    let spots = [
        Circle((-0.16, 0.56), 0.07),
        Circle((0.12, 0.58), 0.06),
        Circle((-0.26, 0.3), 0.06),
        Circle((0.02, 0.34), 0.07),
        Circle((0.24, 0.3), 0.05),
    ];
    p.mark_within(canvas, black, &spots, &dome);
    p.stroke(canvas, black, 0.018, &[(0.0, 0.77), (-0.04, 0.14)]);
    p.mark(canvas, WHITE.scale(0.95), &[Oval((-0.2, 0.66), 0.06, 0.03, 30.0)]);
}

fn firefly(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, -0.03, 0.88);
    let glow = Rgb::hex(0xEAFF7A);
    let (gx, gy) = p.at((-0.26, 0.42));
    canvas.glow(gx, gy, p.len(0.55), glow, 0.7);
    let body = lit(world, 0x5A4636);
    for x in [-0.04, 0.12] {
        p.stroke(canvas, body, 0.02, &[(x, 0.34), (x - 0.04, 0.18)]);
    }
    p.fill(canvas, glow.mix(lit(world, 0xE6F25A), 0.3), &[Oval((-0.26, 0.42), 0.22, 0.16, 10.0)]);
    p.fill(canvas, body, &[Oval((0.06, 0.46), 0.18, 0.14, 0.0)]);
    p.fill(canvas, lit(world, 0xD9503A), &[Circle((0.28, 0.5), 0.12)]);
    p.eye(canvas, (0.32, 0.53), 0.055);
    p.stroke(canvas, body, 0.014, &[(0.3, 0.6), (0.38, 0.78)]);
    p.stroke(canvas, body, 0.014, &[(0.26, 0.61), (0.24, 0.8)]);
    p.fill(
        canvas,
        lit(world, 0xDDE9F5),
        &[Oval((-0.06, 0.66), 0.22, 0.09, 20.0), Oval((0.06, 0.68), 0.2, 0.08, 50.0)],
    );
}

fn whale(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let blue = lit(world, 0x4E7FC6);
    let belly = lit(world, 0xCFE0F2);
    let spout = lit(world, 0xBFE6FA);
    p.stroke(canvas, spout, 0.035, &[(0.16, 0.72), (0.16, 0.92)]);
    for (x, y, r) in [
        (0.04, 0.94, 0.05),
        (0.28, 0.94, 0.05),
        (0.16, 0.98, 0.05),
        (-0.02, 0.86, 0.035),
        (0.34, 0.86, 0.035),
    ] {
        p.fill(canvas, spout, &[Circle((x, y), r)]);
    }
    p.fill(canvas, blue, &[Oval((-0.9, 0.7), 0.12, 0.045, 20.0), Oval((-0.74, 0.77), 0.12, 0.045, 80.0)]);
    let body = [
        Oval((-0.02, 0.38), 0.56, 0.32, 0.0),
        Circle((0.3, 0.42), 0.3),
        Limb((-0.5, 0.4), (-0.8, 0.68), 0.12, 0.04),
    ];
    p.fill(canvas, blue, &body);
    p.mark_within(canvas, belly, &[Oval((0.12, 0.16), 0.56, 0.14, 0.0)], &body);
    for k in 0..4 {
        let x = -0.05 + k as f32 * 0.12;
        p.stroke(canvas, blue.mix(belly, 0.5), 0.012, &[(x, 0.24), (x + 0.08, 0.24)]);
    }
    p.fill(canvas, blue.scale(0.85), &[Oval((0.12, 0.26), 0.13, 0.05, -30.0)]);
    p.dot_eye(canvas, (0.42, 0.46), 0.035);
    p.stroke(canvas, INK, 0.014, &[(0.58, 0.36), (0.45, 0.33), (0.34, 0.34)]);
    cheek(&p, canvas, world, (0.46, 0.38), 0.04);
    splash(&p, canvas, world, 0.75);
}

fn octopus(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let purple = lit(world, 0xB066C8);
    let light = lit(world, 0xD9A6E6);
    for k in 0..6 {
        let side = if k % 2 == 0 { -1.0 } else { 1.0 };
        let spread = 0.12 + (k / 2) as f32 * 0.14;
        let colour = if k < 2 { purple } else { purple.scale(0.9) };
        let points = [
            (side * spread * 0.5, 0.36),
            (side * spread * 0.9, 0.2),
            (side * (spread + 0.1), 0.05),
            (side * (spread + 0.2), 0.06),
            (side * (spread + 0.22), 0.12),
        ];
        let radii = [0.07, 0.06, 0.045, 0.03, 0.02];
        let limbs: Vec<S> =
            points.windows(2).zip(radii.windows(2)).map(|(a, r)| Limb(a[0], a[1], r[0], r[1])).collect();
        p.fill(canvas, colour, &limbs);
        p.mark(
            canvas,
            light,
            &[Circle((side * spread * 0.9, 0.18), 0.018), Circle((side * (spread + 0.08), 0.07), 0.014)],
        );
    }
    let head = [Oval((0.0, 0.62), 0.31, 0.34, 0.0)];
    p.fill(canvas, purple, &head);
    p.mark_within(
        canvas,
        light,
        &[Circle((-0.14, 0.82), 0.05), Circle((0.16, 0.84), 0.04), Circle((0.0, 0.9), 0.035)],
        &head,
    );
    p.eye(canvas, (-0.1, 0.58), 0.08);
    p.eye(canvas, (0.12, 0.58), 0.08);
    p.smile(canvas, (0.01, 0.44), 0.14, 0.02);
    cheek(&p, canvas, world, (-0.2, 0.47), 0.045);
    cheek(&p, canvas, world, (0.22, 0.47), 0.045);
}

fn penguin(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 0.92);
    let black = lit(world, 0x2B2F45);
    let white = lit(world, 0xFAFAF7);
    let orange = lit(world, 0xF59B2F);
    p.fill(canvas, orange, &[Oval((-0.08, 0.03), 0.08, 0.035, 0.0), Oval((0.1, 0.03), 0.08, 0.035, 0.0)]);
    p.fill(canvas, black, &[Oval((-0.27, 0.45), 0.2, 0.06, 75.0)]);
    let body = [Oval((0.0, 0.47), 0.27, 0.44, 0.0)];
    p.fill(canvas, black, &body);
    p.mark_within(
        canvas,
        white,
        &[Oval((0.05, 0.36), 0.19, 0.32, 0.0), Circle((-0.02, 0.73), 0.09), Circle((0.12, 0.73), 0.09)],
        &body,
    );
    p.fill(canvas, black, &[Oval((0.27, 0.45), 0.2, 0.06, 105.0)]);
    p.dot_eye(canvas, (-0.01, 0.76), 0.03);
    p.dot_eye(canvas, (0.12, 0.76), 0.03);
    p.fill(canvas, orange, &[poly(&[(0.02, 0.7), (0.18, 0.67), (0.04, 0.63)])]);
    cheek(&p, canvas, world, (0.15, 0.66), 0.03);
}

fn dragon(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::new(spot);
    let green = lit(world, 0x4DAF5E);
    let belly = lit(world, 0xF6D565);
    let wing = lit(world, 0x8E6BD8);
    let spike = lit(world, 0xF28A3A);
    let tail = [(-0.2, 0.28), (-0.42, 0.18), (-0.58, 0.24), (-0.64, 0.38)];
    let radii = [0.11, 0.08, 0.055, 0.035];
    let limbs: Vec<S> =
        tail.windows(2).zip(radii.windows(2)).map(|(a, r)| Limb(a[0], a[1], r[0], r[1])).collect();
    p.fill(canvas, green, &limbs);
    p.fill(canvas, spike, &[poly(&[(-0.58, 0.38), (-0.72, 0.5), (-0.64, 0.56), (-0.56, 0.46)])]);
    // A bat wing: fingers from the shoulder, the skin between them scalloped.
    let shoulder = (0.0, 0.58);
    let tips = [(0.04, 1.02), (-0.22, 1.0), (-0.44, 0.9), (-0.56, 0.72)];
    let hull = [poly(&[shoulder, tips[0], tips[1], tips[2], tips[3]])];
    let bites: Vec<S> = tips
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            let (nx, ny) = (mid.0 - shoulder.0, mid.1 - shoulder.1);
            let n = length(nx, ny).max(1e-3);
            let r = length(a.0 - b.0, a.1 - b.1) * 0.6;
            Circle((mid.0 + nx / n * r * 0.8, mid.1 + ny / n * r * 0.8), r)
        })
        .collect();
    p.fill_cut(canvas, wing, &hull, &bites);
    for tip in tips {
        p.stroke(canvas, wing.scale(0.7), 0.016, &[shoulder, tip]);
    }
    for (x, y) in [(-0.3, 0.52), (-0.17, 0.6), (-0.03, 0.63)] {
        p.fill(canvas, spike, &[poly(&[(x - 0.05, y - 0.02), (x + 0.05, y), (x - 0.02, y + 0.08)])]);
    }
    p.fill(canvas, green, &[Oval((-0.16, 0.12), 0.14, 0.12, 0.0)]);
    let body = [Oval((-0.05, 0.38), 0.28, 0.25, 10.0)];
    p.fill(canvas, green, &body);
    p.mark_within(canvas, belly, &[Oval((0.1, 0.33), 0.13, 0.2, -12.0)], &body);
    for k in 0..3 {
        let y = 0.24 + k as f32 * 0.09;
        p.stroke(canvas, belly.scale(0.85), 0.012, &[(0.02, y), (0.18, y + 0.02)]);
    }
    p.fill(canvas, green, &[Oval((0.12, 0.07), 0.12, 0.07, 0.0)]);
    p.fill(canvas, lit(world, 0xF3E3B5), &[poly(&[(0.24, 0.88), (0.2, 1.0), (0.3, 0.9)])]);
    p.fill(
        canvas,
        green,
        &[
            Limb((0.1, 0.5), (0.27, 0.74), 0.12, 0.09),
            Oval((0.34, 0.8), 0.16, 0.12, -10.0),
            Oval((0.47, 0.74), 0.12, 0.08, -10.0),
        ],
    );
    p.mark(canvas, INK, &[Circle((0.54, 0.77), 0.015), Circle((0.5, 0.78), 0.015)]);
    p.eye(canvas, (0.36, 0.85), 0.055);
    p.smile(canvas, (0.48, 0.7), 0.1, 0.014);
    p.fill(canvas, green, &[Limb((0.14, 0.42), (0.3, 0.34), 0.05, 0.04)]);
    p.fill(canvas, spike, &[Oval((0.67, 0.76), 0.08, 0.045, 10.0)]);
    p.mark(canvas, lit(world, 0xFFE36B), &[Oval((0.64, 0.76), 0.04, 0.022, 10.0)]);
}
