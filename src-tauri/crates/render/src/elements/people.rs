//! Drawings of the catalogue's people: one picture-book person (a big round head, a simple body,
//! a friendly face turned right) dressed as each of them, so they are told apart by what a child
//! knows them by: grandma's bun and glasses, the king's crown and red robe, the knight's armour
//! and shield, the wizard's starry hat and staff, the fairy's wings and wand.

use super::pen::{Pen, INK, S};
use super::{Draw, Spot};
use crate::backdrop::World;
use crate::paint::{Canvas, Rgb};
use crate::rng::Rng;
use S::{Circle, Limb, Oval, Poly, Rect};

pub(crate) const DRAWINGS: &[(&str, Draw)] = &[
    ("child", child),
    ("grandma", grandma),
    ("grandpa", grandpa),
    ("parent", parent),
    ("king", king),
    ("queen", queen),
    ("knight", knight),
    ("wizard", wizard),
    ("fairy", fairy),
];

const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
const SKIN: [u32; 4] = [0xF6D2B4, 0xE3B08A, 0xB97E56, 0x8A5A3C];

fn lit(world: &World, hex: u32) -> Rgb {
    world.lit(Rgb::hex(hex))
}

fn poly(points: &[(f32, f32)]) -> S {
    Poly(points.to_vec())
}

#[derive(Clone, Copy, PartialEq)]
enum Hair {
    Short,
    Long,
    Bun,
    /// A bald crown with hair around the sides.
    Sides,
    Pigtails,
    /// Under a helmet or a hat.
    Hidden,
}

#[derive(Clone, Copy, PartialEq)]
enum Lower {
    Trousers,
    Shorts,
    Skirt,
    /// A dress or robe down to the ground.
    Gown,
}

#[derive(Clone, Copy, PartialEq)]
enum Arms {
    /// The right arm waves high.
    Wave,
    /// Both arms down by the sides.
    Down,
    /// The right hand held out in front, holding something.
    Hold,
}

struct Outfit {
    skin: Rgb,
    hair: Rgb,
    hair_style: Hair,
    top: Rgb,
    lower: Lower,
    bottom: Rgb,
    shoes: Rgb,
    arms: Arms,
    /// A child's proportions: a bigger head on a smaller body.
    child: bool,
    beard: Option<Rgb>,
    glasses: bool,
}

/// Where the drawn person's parts ended up, for what each one carries or wears.
struct Body {
    head: (f32, f32),
    head_r: f32,
    /// The right hand (in front, toward where the person looks).
    hand: (f32, f32),
    /// The left hand.
    other_hand: (f32, f32),
    shoulders: f32,
    neck: f32,
}

fn person(canvas: &mut Canvas, p: &Pen, o: &Outfit) -> Body {
    let (head, head_r) = head_of(o.child);
    let head_y = head.1;
    let (neck, waist, shoulders) = if o.child { (0.64, 0.34, 0.12) } else { (0.77, 0.44, 0.14) };
    let sleeve = head_r * if o.child { 0.28 } else { 0.4 };
    let hand_r = sleeve * 1.05;
    if o.hair_style == Hair::Long {
        p.fill(
            canvas,
            o.hair,
            &[Rect((-head_r * 1.1, neck - head_r * 0.9), (head_r * 1.1, head_y), head_r * 0.5)],
        );
    }
    // Legs and shoes.
    let leg_x = shoulders * 0.42;
    let leg_r = if o.child { 0.042 } else { 0.04 };
    let leg_colour = match o.lower {
        Lower::Trousers => o.bottom,
        _ => o.skin,
    };
    if o.lower != Lower::Gown {
        for side in [-1.0f32, 1.0] {
            p.fill(
                canvas,
                leg_colour,
                &[Limb((side * leg_x, waist), (side * leg_x, 0.04), leg_r, leg_r * 0.9)],
            );
            p.fill(canvas, o.shoes, &[Oval((side * leg_x + 0.02, 0.028), leg_r * 1.5, 0.03, 0.0)]);
        }
    }
    // Arms behind the body when hanging down.
    let shoulder_y = neck - 0.03;
    let other_hand = (-shoulders - 0.06, waist + 0.05);
    p.fill(canvas, o.top, &[Limb((-shoulders + sleeve * 0.5, shoulder_y), other_hand, sleeve, sleeve * 0.9)]);
    p.fill(canvas, o.skin, &[Circle(other_hand, hand_r)]);
    let hand = match o.arms {
        Arms::Wave => (shoulders + 0.1, head_y + head_r * 0.6),
        Arms::Down => (shoulders + 0.06, waist + 0.05),
        Arms::Hold => (shoulders + 0.12, waist + 0.14),
    };
    // The body.
    let torso = Rect((-shoulders, waist - 0.02), (shoulders, neck + 0.005), shoulders * 0.45);
    match o.lower {
        Lower::Trousers | Lower::Shorts => {
            p.fill(canvas, o.top, &[torso]);
            if o.lower == Lower::Shorts {
                p.fill(
                    canvas,
                    o.bottom,
                    &[Rect((-shoulders * 0.95, waist - 0.1), (shoulders * 0.95, waist + 0.02), 0.02)],
                );
            } else {
                p.fill(
                    canvas,
                    o.bottom,
                    &[Rect((-shoulders * 0.95, waist - 0.06), (shoulders * 0.95, waist + 0.03), 0.02)],
                );
            }
        }
        Lower::Skirt => {
            let hem = waist - if o.child { 0.17 } else { 0.22 };
            p.fill(
                canvas,
                o.bottom,
                &[poly(&[
                    (-shoulders * 0.9, waist + 0.04),
                    (shoulders * 0.9, waist + 0.04),
                    (shoulders * 1.55, hem),
                    (-shoulders * 1.55, hem),
                ])],
            );
            p.fill(canvas, o.top, &[torso]);
        }
        Lower::Gown => {
            p.fill(
                canvas,
                o.shoes,
                &[Oval((-0.06, 0.025), 0.06, 0.03, 0.0), Oval((0.08, 0.025), 0.06, 0.03, 0.0)],
            );
            p.fill(
                canvas,
                o.bottom,
                &[poly(&[
                    (-shoulders * 0.9, waist + 0.1),
                    (shoulders * 0.9, waist + 0.1),
                    (shoulders * 1.9, 0.04),
                    (-shoulders * 1.9, 0.04),
                ])],
            );
            p.fill(canvas, o.top, &[torso]);
        }
    }
    // The front arm.
    p.fill(canvas, o.top, &[Limb((shoulders - sleeve * 0.5, shoulder_y), hand, sleeve, sleeve * 0.9)]);
    p.fill(canvas, o.skin, &[Circle(hand, hand_r)]);
    // Neck, head, hair and face.
    p.fill(
        canvas,
        o.skin,
        &[Rect((-head_r * 0.35, neck - 0.02), (head_r * 0.35, head_y - head_r * 0.5), 0.01)],
    );
    if o.hair_style == Hair::Bun {
        p.fill(canvas, o.hair, &[Circle((-head_r * 0.1, head_y + head_r * 1.1), head_r * 0.5)]);
    }
    if o.hair_style == Hair::Pigtails {
        for side in [-1.0f32, 1.0] {
            p.fill(
                canvas,
                o.hair,
                &[Oval(
                    (side * head_r * 1.15, head_y - head_r * 0.1),
                    head_r * 0.32,
                    head_r * 0.5,
                    side * 20.0,
                )],
            );
        }
    }
    p.fill(canvas, o.skin, &[Circle(head, head_r)]);
    match o.hair_style {
        Hair::Short | Hair::Long | Hair::Pigtails | Hair::Bun => {
            let cap = [Oval((0.0, head_y + head_r * 0.35), head_r * 1.08, head_r * 0.78, 0.0)];
            let face = [Oval((head_r * 0.25, head_y - head_r * 0.2), head_r * 0.95, head_r * 0.75, 0.0)];
            p.fill_cut(canvas, o.hair, &cap, &face);
        }
        Hair::Sides => {
            for side in [-1.0f32, 1.0] {
                p.fill(
                    canvas,
                    o.hair,
                    &[Oval((side * head_r * 0.92, head_y + head_r * 0.05), head_r * 0.2, head_r * 0.42, 0.0)],
                );
            }
        }
        Hair::Hidden => {}
    }
    face(canvas, p, o, head, head_r);
    Body { head, head_r, hand, other_hand, shoulders, neck }
}

/// Where the head is, and its radius: children have big heads.
fn head_of(child: bool) -> ((f32, f32), f32) {
    if child {
        ((0.0, 0.79), 0.15)
    } else {
        ((0.0, 0.875), 0.11)
    }
}

fn face(canvas: &mut Canvas, p: &Pen, o: &Outfit, head: (f32, f32), r: f32) {
    let (x, y) = (head.0 + r * 0.18, head.1);
    let eye_r = r * 0.12;
    for dx in [-0.32, 0.38] {
        p.mark(canvas, INK, &[Circle((x + dx * r, y), eye_r)]);
        p.mark(canvas, WHITE, &[Circle((x + dx * r + eye_r * 0.35, y + eye_r * 0.35), eye_r * 0.35)]);
    }
    p.wash(
        canvas,
        Rgb::hex(0xF28B9B),
        0.5,
        &[Circle((x - r * 0.55, y - r * 0.35), r * 0.17), Circle((x + r * 0.62, y - r * 0.35), r * 0.15)],
    );
    if let Some(beard) = o.beard {
        p.fill(canvas, beard, &[Oval((x - r * 0.05, y - r * 0.85), r * 0.75, r * 0.75, 0.0)]);
        p.fill(
            canvas,
            beard,
            &[
                Oval((x - r * 0.25, y - r * 0.38), r * 0.32, r * 0.14, 10.0),
                Oval((x + r * 0.3, y - r * 0.38), r * 0.32, r * 0.14, -10.0),
            ],
        );
    } else {
        p.smile(canvas, (x + r * 0.05, y - r * 0.38), r * 0.6, r * 0.09);
    }
    if o.glasses {
        let frame = Rgb::hex(0x5B4A6B);
        for dx in [-0.32, 0.38] {
            let ring: Vec<(f32, f32)> = (0..=16)
                .map(|k| {
                    let a = k as f32 / 16.0 * std::f32::consts::TAU;
                    (x + dx * r + r * 0.24 * a.cos(), y + r * 0.24 * a.sin())
                })
                .collect();
            p.stroke(canvas, frame, r * 0.07, &ring);
        }
        p.stroke(canvas, frame, r * 0.07, &[(x - 0.08 * r, y), (x + 0.14 * r, y)]);
    }
}

fn skin(world: &World, rng: &mut Rng) -> Rgb {
    lit(world, SKIN[rng.index(SKIN.len())])
}

fn child(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::new(spot);
    let pigtails = rng.chance(0.5);
    let hair = [0x5A3A22, 0x2E2A30, 0xC98A3E, 0x8A4B2A][rng.index(4)];
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, hair),
        hair_style: if pigtails { Hair::Pigtails } else { Hair::Short },
        top: world.accent(rng.index(6)),
        lower: if pigtails { Lower::Skirt } else { Lower::Shorts },
        bottom: lit(world, if pigtails { 0x7B6CF6 } else { 0x4C6FB5 }),
        shoes: lit(world, 0xE0453A),
        arms: Arms::Wave,
        child: true,
        beard: None,
        glasses: false,
    };
    person(canvas, &p, &o);
}

fn grandma(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.05);
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, 0xDADAE6),
        hair_style: Hair::Bun,
        top: lit(world, 0xB39DDB),
        lower: Lower::Gown,
        bottom: lit(world, 0x7E6BA8),
        shoes: lit(world, 0x6B4A3A),
        arms: Arms::Wave,
        child: false,
        beard: None,
        glasses: true,
    };
    let body = person(canvas, &p, &o);
    // A string of pearls and a flowery apron.
    let pearl = lit(world, 0xFFF8EC);
    for k in 0..7 {
        let t = k as f32 / 6.0 - 0.5;
        p.fill(canvas, pearl, &[Circle((t * 0.12, body.neck - 0.025 - (0.25 - t * t) * 0.1), 0.012)]);
    }
    p.fill(canvas, lit(world, 0xFFF3E6), &[Rect((-0.09, 0.2), (0.09, body.neck - 0.12), 0.03)]);
    for (x, y) in [(-0.04, 0.36), (0.04, 0.28), (-0.02, 0.24)] {
        p.mark(canvas, world.accent(0), &[Circle((x, y), 0.016)]);
    }
}

fn grandpa(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::new(spot);
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, 0xE2E2EA),
        hair_style: Hair::Sides,
        top: lit(world, 0x7FA86B),
        lower: Lower::Trousers,
        bottom: lit(world, 0x8D6E63),
        shoes: lit(world, 0x4A3A32),
        arms: Arms::Hold,
        child: false,
        beard: None,
        glasses: true,
    };
    let cane = lit(world, 0x8A5A33);
    let body = person(canvas, &p, &o);
    let (hx, hy) = body.hand;
    p.cord(canvas, cane, 0.025, &[(hx + 0.01, hy), (hx + 0.03, 0.02)]);
    p.cord(canvas, cane, 0.025, &[(hx + 0.01, hy), (hx - 0.02, hy + 0.05), (hx - 0.06, hy + 0.03)]);
    p.fill(canvas, o.skin, &[Circle(body.hand, 0.035)]);
    // A grey moustache and the cardigan's buttons.
    let (x, y, r) = (body.head.0 + body.head_r * 0.2, body.head.1, body.head_r);
    p.fill(
        canvas,
        o.hair,
        &[
            Oval((x - r * 0.15, y - r * 0.4), r * 0.3, r * 0.13, 10.0),
            Oval((x + r * 0.3, y - r * 0.4), r * 0.3, r * 0.13, -10.0),
        ],
    );
    for k in 0..3 {
        p.mark(canvas, lit(world, 0xF2E3C6), &[Circle((0.0, body.neck - 0.08 - k as f32 * 0.08), 0.012)]);
    }
}

fn parent(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::new(spot);
    let long = rng.chance(0.5);
    let hair = [0x6D4C41, 0x2E2A30, 0xC98A3E, 0x9A4A2A][rng.index(4)];
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, hair),
        hair_style: if long { Hair::Long } else { Hair::Short },
        top: lit(world, if long { 0x4DB6AC } else { 0xF28B4B }),
        lower: Lower::Trousers,
        bottom: lit(world, 0x4F6FAD),
        shoes: lit(world, 0x4A3A32),
        arms: Arms::Wave,
        child: false,
        beard: None,
        glasses: false,
    };
    person(canvas, &p, &o);
}

/// A crown of `points` on a head.
fn crown(canvas: &mut Canvas, world: &World, p: &Pen, body: &Body, height: f32) {
    let gold = lit(world, 0xF2C14E);
    let (x, top) = (body.head.0, body.head.1 + body.head_r * 0.75);
    let w = body.head_r * 0.95;
    let mut shapes = vec![Rect((x - w, top - 0.005), (x + w, top + height * 0.45), 0.005)];
    for k in 0..3 {
        let cx = x - w * 0.7 + k as f32 * w * 0.7;
        shapes.push(poly(&[
            (cx - w * 0.3, top + height * 0.4),
            (cx + w * 0.3, top + height * 0.4),
            (cx, top + height),
        ]));
    }
    p.fill(canvas, gold, &shapes);
    for (k, colour) in [0xE63946, 0x4CC9F0, 0xE63946].into_iter().enumerate() {
        let cx = x - w * 0.55 + k as f32 * w * 0.55;
        p.mark(canvas, lit(world, colour), &[Circle((cx, top + height * 0.22), height * 0.12)]);
    }
}

fn king(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.06);
    let red = lit(world, 0xC62828);
    let ermine = lit(world, 0xFFFBF2);
    p.fill(canvas, red.scale(0.85), &[poly(&[(-0.12, 0.78), (0.12, 0.78), (0.3, 0.03), (-0.3, 0.03)])]);
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, 0x8A5A33),
        hair_style: Hair::Short,
        top: red,
        lower: Lower::Gown,
        bottom: red,
        shoes: lit(world, 0x4A3A32),
        arms: Arms::Hold,
        child: false,
        beard: Some(lit(world, 0x8A5A33)),
        glasses: false,
    };
    let body = person(canvas, &p, &o);
    let hem = [Rect((-0.27, 0.03), (0.27, 0.09), 0.02)];
    let collar =
        [Rect((-body.shoulders - 0.01, body.neck - 0.06), (body.shoulders + 0.01, body.neck + 0.01), 0.03)];
    for band in [&hem[..], &collar[..]] {
        p.fill(canvas, ermine, band);
    }
    for (x, y) in [
        (-0.18, 0.06),
        (-0.06, 0.06),
        (0.06, 0.06),
        (0.18, 0.06),
        (-0.08, body.neck - 0.025),
        (0.08, body.neck - 0.025),
    ] {
        p.mark(canvas, INK, &[Oval((x, y), 0.008, 0.014, 0.0)]);
    }
    // A sceptre with a golden ball.
    let gold = lit(world, 0xF2C14E);
    let (hx, hy) = body.hand;
    p.cord(canvas, gold, 0.025, &[(hx, hy - 0.1), (hx + 0.02, hy + 0.2)]);
    p.fill(canvas, gold, &[Circle((hx + 0.022, hy + 0.22), 0.035)]);
    p.fill(canvas, o.skin, &[Circle(body.hand, 0.033)]);
    crown(canvas, world, &p, &body, 0.1);
}

fn queen(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.04);
    let gown = lit(world, 0x8E44AD);
    let hair = [0xF2C14E, 0x5A3A22, 0x2E2A30][rng.index(3)];
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, hair),
        hair_style: Hair::Long,
        top: gown,
        lower: Lower::Gown,
        bottom: gown,
        shoes: lit(world, 0xF2C14E),
        arms: Arms::Down,
        child: false,
        beard: None,
        glasses: false,
    };
    let body = person(canvas, &p, &o);
    let gold = lit(world, 0xF2C14E);
    p.fill(canvas, gold, &[Rect((-body.shoulders * 0.95, 0.47), (body.shoulders * 0.95, 0.5), 0.01)]);
    p.mark(
        canvas,
        gold.mix(WHITE, 0.3),
        &[Poly(vec![(-0.05, 0.5), (0.05, 0.5), (0.09, 0.08), (-0.09, 0.08)])],
    );
    p.fill(canvas, lit(world, 0x4CC9F0), &[Circle((0.0, body.neck - 0.04), 0.02)]);
    crown(canvas, world, &p, &body, 0.08);
}

fn knight(canvas: &mut Canvas, world: &World, spot: Spot, _: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.06);
    let steel = lit(world, 0xB8C2CC);
    let plume = lit(world, 0xE0453A);
    let o = Outfit {
        skin: steel,
        hair: steel,
        hair_style: Hair::Hidden,
        top: steel,
        lower: Lower::Trousers,
        bottom: steel.scale(0.9),
        shoes: steel.scale(0.75),
        arms: Arms::Hold,
        child: false,
        beard: None,
        glasses: false,
    };
    let (head, r) = head_of(false);
    p.fill(
        canvas,
        plume,
        &[
            Oval((-0.04, head.1 + r * 1.1), 0.09, 0.05, 30.0),
            Oval((-0.1, head.1 + r * 0.75), 0.08, 0.04, 60.0),
        ],
    );
    let body = person(canvas, &p, &o);
    // A visor over the face, a tabard and a raised sword in front.
    p.fill(
        canvas,
        steel.scale(0.95),
        &[Rect((head.0 - r * 0.8, head.1 - r * 0.55), (head.0 + r * 1.05, head.1 + r * 0.3), r * 0.3)],
    );
    for dy in [0.05, -0.2] {
        p.stroke(
            canvas,
            INK,
            r * 0.13,
            &[(head.0 - r * 0.4, head.1 + dy * r), (head.0 + r * 0.8, head.1 + dy * r)],
        );
    }
    p.fill(canvas, world.accent(0), &[Rect((-0.09, 0.36), (0.09, body.neck - 0.04), 0.02)]);
    let (hx, hy) = body.hand;
    let blade = lit(world, 0xE8EEF4);
    p.fill(
        canvas,
        blade,
        &[poly(&[
            (hx - 0.018, hy + 0.03),
            (hx + 0.018, hy + 0.03),
            (hx + 0.018, hy + 0.36),
            (hx, hy + 0.4),
            (hx - 0.018, hy + 0.36),
        ])],
    );
    p.fill(canvas, lit(world, 0xC9A23A), &[Rect((hx - 0.06, hy + 0.02), (hx + 0.06, hy + 0.045), 0.01)]);
    p.fill(canvas, steel, &[Circle(body.hand, 0.035)]);
    // The shield on the left arm, in the child's own colour, with a cross.
    let (sx, sy) = body.other_hand;
    let shield = [poly(&[
        (sx - 0.12, sy + 0.2),
        (sx + 0.12, sy + 0.2),
        (sx + 0.12, sy + 0.02),
        (sx, sy - 0.12),
        (sx - 0.12, sy + 0.02),
    ])];
    p.fill(canvas, world.accent(1), &shield);
    p.mark_within(
        canvas,
        lit(world, 0xFFF6E0),
        &[
            Rect((sx - 0.02, sy - 0.2), (sx + 0.02, sy + 0.3), 0.0),
            Rect((sx - 0.2, sy + 0.08), (sx + 0.2, sy + 0.12), 0.0),
        ],
        &shield,
    );
}

fn wizard(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.23);
    let robe = lit(world, 0x3F51B5);
    let star = lit(world, 0xFFD84A);
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, 0xF2F2F6),
        hair_style: Hair::Sides,
        top: robe,
        lower: Lower::Gown,
        bottom: robe,
        shoes: lit(world, 0x6B4A3A),
        arms: Arms::Hold,
        child: false,
        beard: Some(lit(world, 0xF2F2F6)),
        glasses: false,
    };
    let staff = lit(world, 0x8A5A33);
    let body = person(canvas, &p, &o);
    // A long white beard down the robe.
    let (x, y, r) = (body.head.0 + body.head_r * 0.15, body.head.1, body.head_r);
    p.fill(
        canvas,
        o.hair,
        &[poly(&[(x - r * 0.8, y - r * 0.5), (x + r * 0.8, y - r * 0.5), (x, y - r * 3.3)])],
    );
    for (sx, sy) in [(-0.14, 0.2), (0.12, 0.32), (-0.05, 0.1), (0.16, 0.12)] {
        star_shape(canvas, &p, star, (sx, sy), 0.03);
    }
    // A tall pointed hat with a brim.
    let brim_y = body.head.1 + r * 0.45;
    let hat = [poly(&[(x - r * 0.95, brim_y), (x + r * 0.95, brim_y), (x - r * 0.35, brim_y + 0.3)])];
    p.fill(canvas, robe, &hat);
    p.fill(canvas, robe, &[Oval((x, brim_y), r * 1.6, r * 0.22, 0.0)]);
    star_shape(canvas, &p, star, (x - r * 0.2, brim_y + 0.1), 0.03);
    p.mark(canvas, star, &[Circle((x - r * 0.35, brim_y + 0.19), 0.02)]);
    let (hx, hy) = body.hand;
    p.cord(canvas, staff, 0.03, &[(hx, 0.02), (hx + 0.02, hy + 0.35)]);
    let (gx, gy) = p.at((hx + 0.02, hy + 0.38));
    canvas.glow(gx, gy, p.len(0.12), Rgb::hex(0x9FE7FF), 0.6);
    p.fill(canvas, lit(world, 0x7FDBFF).mix(WHITE, 0.3), &[Circle((hx + 0.02, hy + 0.38), 0.04)]);
    p.fill(canvas, o.skin, &[Circle(body.hand, 0.035)]);
}

fn star_shape(canvas: &mut Canvas, p: &Pen, colour: Rgb, at: (f32, f32), r: f32) {
    let (x, y) = p.at(at);
    canvas.without_outline(|c| crate::backdrop::props::star(c, x, y, p.len(r), colour));
}

fn fairy(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let p = Pen::fitted(spot, 0.0, 1.15);
    let wing = lit(world, 0xCDEBFF);
    for side in [-1.0f32, 1.0] {
        p.fill(canvas, wing, &[Oval((side * 0.2, 0.72), 0.2, 0.1, side * 30.0)]);
        p.fill(canvas, wing, &[Oval((side * 0.16, 0.5), 0.13, 0.07, side * -30.0)]);
    }
    let hair = [0xF2C14E, 0x5A3A22, 0xE07A3A][rng.index(3)];
    let o = Outfit {
        skin: skin(world, rng),
        hair: lit(world, hair),
        hair_style: Hair::Pigtails,
        top: lit(world, 0xF48FB1),
        lower: Lower::Skirt,
        bottom: lit(world, 0xF7A6C8),
        shoes: lit(world, 0xF48FB1),
        arms: Arms::Wave,
        child: true,
        beard: None,
        glasses: false,
    };
    let body = person(canvas, &p, &o);
    let (hx, hy) = body.hand;
    p.stroke(canvas, lit(world, 0xFFF6E0), 0.018, &[(hx - 0.02, hy - 0.02), (hx + 0.05, hy + 0.14)]);
    let (sx, sy) = p.at((hx + 0.06, hy + 0.17));
    canvas.glow(sx, sy, p.len(0.12), Rgb::hex(0xFFF3A0), 0.6);
    star_shape(canvas, &p, lit(world, 0xFFD84A), (hx + 0.06, hy + 0.17), 0.06);
    p.fill(canvas, o.skin, &[Circle(body.hand, 0.045)]);
    p.fill(
        canvas,
        world.accent(0),
        &[Circle((body.head.0 - body.head_r * 0.6, body.head.1 + body.head_r * 0.75), 0.035)],
    );
    for (x, y) in [(-0.3, 0.9), (0.32, 0.3), (-0.26, 0.22)] {
        star_shape(canvas, &p, lit(world, 0xFFF3A0), (x, y), 0.02);
    }
}
