//! The rig on every real fixture drawing: it finds at least the limbs a person counts, and
//! every motion moves the figure (its limbs more than its body) without folding the mesh,
//! changing how much of the picture it covers, or opening holes in the drawing.
//!
//! The clips are drawn from the figure at 360 px on its long side rather than the app's 640:
//! the tests run unoptimised, and what is checked (folds, area, holes, who moves more) does not
//! depend on the size, while the rig itself is also checked at the full cut-out size.

mod common;

use std::collections::VecDeque;

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, Rgba, RgbaImage};
use model::{JointKind, LimbKind, Rig};
use rig::{cover, draw, Motion, PixelBox, Pose, Puppet, Texture};

use common::Figure;

/// What a person counts in each drawing (looked at by eye), and must at least be found.
struct Expected {
    arms: usize,
    legs: usize,
    tails: usize,
    /// Antennae, pigtails and the like.
    other: usize,
    head: bool,
}

fn expected(name: &str) -> Expected {
    match name {
        // A boy in purple marker: two thick arms held out and down, two legs, a round head
        // with spiky hair.
        "boy-purple" => Expected { arms: 2, legs: 2, tails: 0, other: 0, head: true },
        // A pencil girl: two thin arms straight out, two thin legs under a skirt, a head with
        // two pigtails (the pigtails are hair: not asked for).
        "girl-pencil" => Expected { arms: 2, legs: 2, tails: 0, other: 0, head: true },
        // A pink pig seen from the side: four stubby legs, a head in front, a curly tail.
        "pig" => Expected { arms: 0, legs: 4, tails: 1, other: 0, head: true },
        // A blue-pen bug: six arms (three a side, with hands), two flat feet, a head with two
        // antennae.
        "bug-six-arms" => Expected { arms: 6, legs: 2, tails: 0, other: 2, head: true },
        // A garlic bulb in a photo: two stick arms raised with forked hands, two stick legs;
        // the face is on the bulb itself, so no head is asked for (the stem may become one).
        "garlic-photo" => Expected { arms: 2, legs: 2, tails: 0, other: 0, head: false },
        _ => panic!("unknown fixture {name}"),
    }
}

fn check_limbs(name: &str, rig: &Rig) {
    let want = expected(name);
    let found = |kind| rig.count(kind);
    println!(
        "{name}: {} arms, {} legs, {} tails, {} other, head: {} ({} joints)",
        found(LimbKind::Arm),
        found(LimbKind::Leg),
        found(LimbKind::Tail),
        found(LimbKind::Other),
        rig.has_head(),
        rig.joints.len()
    );
    assert!(
        found(LimbKind::Arm) >= want.arms,
        "{name}: {} arms found, {} drawn",
        found(LimbKind::Arm),
        want.arms
    );
    assert!(
        found(LimbKind::Leg) >= want.legs,
        "{name}: {} legs found, {} drawn",
        found(LimbKind::Leg),
        want.legs
    );
    assert!(
        found(LimbKind::Tail) >= want.tails,
        "{name}: {} tails found, {} drawn",
        found(LimbKind::Tail),
        want.tails
    );
    assert!(
        found(LimbKind::Other) >= want.other,
        "{name}: {} other found, {} drawn",
        found(LimbKind::Other),
        want.other
    );
    assert!(!want.head || rig.has_head(), "{name}: no head found");
    // Not a forest of limbs either: at most one more of any kind than a person counts.
    assert!(
        found(LimbKind::Arm) <= want.arms + 1 && found(LimbKind::Leg) <= want.legs + 1,
        "{name}: too many limbs"
    );
    for limb in &rig.limbs {
        assert!(limb.joints.len() >= 2, "{name}: a limb has a base and a tip");
        for &id in &limb.joints {
            let joint = rig.joint(id).expect("limb joints exist");
            assert_eq!(joint.kind, limb.kind.joint_kind(), "{name}: a limb's joints carry its kind");
        }
    }
    assert!(rig.root().is_some(), "{name}: one root");
}

/// The fixture shrunk to `side` pixels on its long side.
fn shrunk(figure: &Figure, side: u32) -> Figure {
    let (w, h) = figure.mask.dimensions();
    let scale = side as f32 / w.max(h) as f32;
    let (nw, nh) = ((w as f32 * scale).round() as u32, (h as f32 * scale).round() as u32);
    let mask = imageops::resize(&figure.mask, nw, nh, FilterType::Triangle);
    let mask =
        GrayImage::from_fn(nw, nh, |x, y| Luma([if mask.get_pixel(x, y).0[0] >= 128 { 255 } else { 0 }]));
    let mut cut_out = imageops::resize(&figure.cut_out, nw, nh, FilterType::Triangle);
    for (p, m) in cut_out.pixels_mut().zip(mask.pixels()) {
        p.0[3] = m.0[0];
    }
    Figure { name: figure.name, cut_out, mask }
}

const FPS: f32 = 25.0;
const CLIP_FRAMES: usize = 50;
/// Frames drawn and checked pixel by pixel (every fifth); folds are checked on every frame.
const DRAW_EVERY: usize = 5;

/// A canvas with room for jumps, twirls and peeking in from the side, the figure at rest in
/// the middle.
struct Stage {
    side: u32,
    shift: [f32; 2],
}

impl Stage {
    fn new(figure: &Figure) -> Self {
        let long = figure.mask.width().max(figure.mask.height());
        Self { side: 3 * long, shift: [long as f32, long as f32] }
    }

    fn place(&self, positions: &[[f32; 2]]) -> Vec<[f32; 2]> {
        positions.iter().map(|p| [p[0] + self.shift[0], p[1] + self.shift[1]]).collect()
    }
}

/// A box of pixels, `x0..x1` by `y0..y1`.
#[derive(Clone, Copy)]
struct Area {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

impl Area {
    fn around(drawn: Option<PixelBox>, side: u32) -> Self {
        let b = drawn.expect("the figure is drawn on the stage");
        Self {
            x0: b.x.saturating_sub(1),
            y0: b.y.saturating_sub(1),
            x1: (b.x + b.width + 1).min(side),
            y1: (b.y + b.height + 1).min(side),
        }
    }

    fn union(self, other: Self) -> Self {
        Self {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    fn pixels(self) -> impl Iterator<Item = (u32, u32)> {
        (self.y0..self.y1).flat_map(move |y| (self.x0..self.x1).map(move |x| (x, y)))
    }
}

fn opaque(image: &RgbaImage, x: u32, y: u32) -> bool {
    image.get_pixel(x, y).0[3] >= 128
}

fn opaque_count(image: &RgbaImage, area: Area) -> usize {
    area.pixels().filter(|&(x, y)| opaque(image, x, y)).count()
}

/// Transparent pixels the figure encloses: not reachable from the edge of its box (which has
/// a transparent margin) through transparent pixels.
fn enclosed_transparent(image: &RgbaImage, area: Area) -> Vec<(u32, u32)> {
    let (w, h) = (area.x1 - area.x0, area.y1 - area.y0);
    let clear = |x: u32, y: u32| !opaque(image, area.x0 + x, area.y0 + y);
    let mut outside = vec![false; (w * h) as usize];
    let mut queue = VecDeque::new();
    let edge = (0..w).flat_map(|x| [(x, 0), (x, h - 1)]).chain((0..h).flat_map(|y| [(0, y), (w - 1, y)]));
    for (x, y) in edge {
        if clear(x, y) && !outside[(y * w + x) as usize] {
            outside[(y * w + x) as usize] = true;
            queue.push_back((x, y));
        }
    }
    while let Some((x, y)) = queue.pop_front() {
        let around = [(x.wrapping_sub(1), y), (x + 1, y), (x, y.wrapping_sub(1)), (x, y + 1)];
        for (nx, ny) in around {
            if nx < w && ny < h && clear(nx, ny) && !outside[(ny * w + nx) as usize] {
                outside[(ny * w + nx) as usize] = true;
                queue.push_back((nx, ny));
            }
        }
    }
    let mut holes = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if clear(x, y) && !outside[(y * w + x) as usize] {
                holes.push((area.x0 + x, area.y0 + y));
            }
        }
    }
    holes
}

/// Where a pixel of the posed figure comes from in the drawing: through the triangle covering
/// it, back to rest.
fn rest_position(puppet: &Puppet, posed: &[[f32; 2]], triangle: usize, p: [f32; 2]) -> [f32; 2] {
    let t = puppet.mesh().triangles[triangle];
    let [a, b, c] = t.map(|i| posed[i as usize]);
    let det = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    let wb = ((p[0] - a[0]) * (c[1] - a[1]) - (p[1] - a[1]) * (c[0] - a[0])) / det;
    let wc = ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) / det;
    let wa = 1.0 - wb - wc;
    let [ra, rb, rc] = t.map(|i| puppet.mesh().vertices[i as usize]);
    [wa * ra[0] + wb * rb[0] + wc * rc[0], wa * ra[1] + wb * rb[1] + wc * rc[1]]
}

/// Deep inside the still drawing: the pixel and all its neighbours opaque.
fn solid_in_still(cut_out: &RgbaImage, p: [f32; 2]) -> bool {
    let (x, y) = (p[0].floor() as i64, p[1].floor() as i64);
    (-1..=1).all(|dy| {
        (-1..=1).all(|dx| {
            let (nx, ny) = (x + dx, y + dy);
            nx >= 0
                && ny >= 0
                && (nx as u32) < cut_out.width()
                && (ny as u32) < cut_out.height()
                && cut_out.get_pixel(nx as u32, ny as u32).0[3] == 255
        })
    })
}

/// Whether `p` lies inside one of the triangles by more than a rounding error (independent of
/// the rasteriser's own rule).
fn strictly_inside_any(mesh: &rig::Mesh, placed: &[[f32; 2]], p: [f32; 2]) -> bool {
    mesh.triangles.iter().any(|t| {
        let [a, b, c] = t.map(|i| placed[i as usize]);
        let twice = rig::signed_area(a, b, c);
        let margin = 1e-3 * twice.abs().max(1e-6);
        rig::signed_area(a, b, p) > margin
            && rig::signed_area(b, c, p) > margin
            && rig::signed_area(c, a, p) > margin
    })
}

/// The pose without the whole-figure move: what the joints alone do.
fn local(pose: &Pose) -> Pose {
    Pose { scale: [1.0, 1.0], turn: 0.0, offset: [0.0, 0.0], ..pose.clone() }
}

fn check_motions(figure: &Figure) {
    let name = figure.name;
    let puppet = Puppet::from_mask(&figure.mask).unwrap_or_else(|error| panic!("{name}: {error}"));
    let rig = puppet.rig();
    let mesh = puppet.mesh();
    let texture = Texture::new(&figure.cut_out);
    let stage = Stage::new(figure);
    let rest_areas = mesh.signed_areas(&mesh.vertices);
    assert!(rest_areas.iter().all(|&a| a > 0.0), "{name}: the rest mesh is oriented");

    let mut still = RgbaImage::new(stage.side, stage.side);
    let still_box = Area::around(draw(mesh, &stage.place(&mesh.vertices), &texture, &mut still), stage.side);
    let still_area = opaque_count(&still, still_box);

    // Which vertices belong to limbs and which to the body (the head, which nods and droops on
    // its own, is neither), by the joint that moves them most.
    let part = |v: usize| rig.joints[puppet.skin().dominant(v)].kind;
    let on_limb: Vec<Option<bool>> = (0..mesh.vertices.len())
        .map(|v| match part(v) {
            JointKind::Head => None,
            JointKind::Body => Some(false),
            JointKind::Arm | JointKind::Leg | JointKind::Tail | JointKind::Other => Some(true),
        })
        .collect();
    let has_limbs = !rig.limbs.is_empty() && on_limb.contains(&Some(true));

    for motion in Motion::ALL {
        let seed = 11;
        let (mut limb_motion, mut body_motion, mut limb_n, mut body_n) = (0.0f64, 0.0f64, 0usize, 0usize);
        let mut most_changed = 0usize;
        for i in 0..CLIP_FRAMES {
            let t = i as f32 / FPS;
            let pose = puppet.pose(motion, t, seed);
            let frame = puppet.deform(&pose);
            let areas = mesh.signed_areas(&frame.positions);
            for (k, (&now, &rest)) in areas.iter().zip(&rest_areas).enumerate() {
                assert!(
                    now > 0.0 && rest > 0.0,
                    "{name} {motion:?} t={t}: triangle {k} folded over ({rest} -> {now})"
                );
            }

            // How far the joints alone carry each vertex.
            let mut bent = Vec::new();
            puppet.skin().deform_into(mesh, &local(&pose.with_bend(frame.bend.min(1.0))), &mut bent);
            for (v, (p, q)) in bent.iter().zip(&mesh.vertices).enumerate() {
                let moved = f64::from((p[0] - q[0]).hypot(p[1] - q[1]));
                match on_limb[v] {
                    Some(true) => {
                        limb_motion += moved;
                        limb_n += 1;
                    }
                    Some(false) => {
                        body_motion += moved;
                        body_n += 1;
                    }
                    None => {}
                }
            }

            if i % DRAW_EVERY != 0 {
                continue;
            }
            let placed = stage.place(&frame.positions);
            let mut canvas = RgbaImage::new(stage.side, stage.side);
            let drawn = Area::around(draw(mesh, &placed, &texture, &mut canvas), stage.side);
            let area = opaque_count(&canvas, drawn);
            let change = area as f64 / still_area as f64;
            assert!(
                (0.9..=1.1).contains(&change),
                "{name} {motion:?} t={t}: drawn area is {change:.3} of the still's"
            );
            let changed = drawn
                .union(still_box)
                .pixels()
                .filter(|&(x, y)| opaque(&canvas, x, y) != opaque(&still, x, y))
                .count();
            most_changed = most_changed.max(changed);

            // No holes: a transparent pixel the figure encloses is paper the drawing has there
            // (inside a loop, or between parts that now touch) or a hole torn in it. A tear is
            // a pixel inside some bent triangle that the drawing skipped (a seam), or one drawn
            // transparent from a place where the still drawing is solid.
            let covered = cover(mesh, &placed, stage.side, stage.side);
            for (x, y) in enclosed_transparent(&canvas, drawn) {
                let p = [x as f32 + 0.5, y as f32 + 0.5];
                let triangle = covered[(y * stage.side + x) as usize];
                if triangle == 0 {
                    assert!(
                        !strictly_inside_any(mesh, &placed, p),
                        "{name} {motion:?} t={t}: pixel {x},{y} inside the bent mesh was skipped (a seam)"
                    );
                    continue;
                }
                let back = rest_position(&puppet, &placed, triangle as usize - 1, p);
                assert!(
                    !solid_in_still(&figure.cut_out, back),
                    "{name} {motion:?} t={t}: pixel {x},{y} is transparent but drawn from inside the figure"
                );
            }
        }
        assert!(
            most_changed as f64 > 0.01 * still_area as f64,
            "{name} {motion:?}: the drawing hardly moves ({most_changed} pixels)"
        );
        if has_limbs {
            let (limb, body) = (limb_motion / limb_n.max(1) as f64, body_motion / body_n.max(1) as f64);
            println!("{name} {motion:?}: limbs move {limb:.1} px on average, the body {body:.1} px");
            assert!(
                limb > body,
                "{name} {motion:?}: the limbs ({limb:.2}) move less than the body ({body:.2})"
            );
        }
    }
}

fn check_fixture(name: &'static str) {
    let full = common::figure(name);
    let rig = rig::build_rig(&full.mask).unwrap_or_else(|error| panic!("{name}: {error}"));
    check_limbs(name, &rig);
    // The same mask, the same rig: bit for bit.
    assert_eq!(rig::build_rig(&full.mask).ok(), Some(rig.clone()), "{name}: the rig is deterministic");
    let json = serde_json::to_string(&rig).expect("a rig serialises");
    assert_eq!(serde_json::from_str::<Rig>(&json).ok(), Some(rig), "{name}: the rig reads back from JSON");

    let small = shrunk(&full, 360);
    let small_rig = rig::build_rig(&small.mask).unwrap_or_else(|error| panic!("{name} at 360 px: {error}"));
    check_limbs(name, &small_rig);
    check_motions(&small);
}

#[test]
fn boy_purple() {
    check_fixture("boy-purple");
}

#[test]
fn girl_pencil() {
    check_fixture("girl-pencil");
}

#[test]
fn pig() {
    check_fixture("pig");
}

#[test]
fn bug_six_arms() {
    check_fixture("bug-six-arms");
}

#[test]
fn garlic_photo() {
    check_fixture("garlic-photo");
}

#[test]
fn motions_are_deterministic_for_a_seed() {
    let figure = shrunk(&common::figure("boy-purple"), 300);
    let one = Puppet::from_mask(&figure.mask).expect("rigs");
    let two = Puppet::from_mask(&figure.mask).expect("rigs again");
    assert_eq!(one.rig(), two.rig());
    assert_eq!(one.mesh(), two.mesh());
    assert_eq!(one.skin(), two.skin());
    let texture = Texture::new(&figure.cut_out);
    for motion in Motion::ALL {
        for t in [0.0f32, 0.37, 1.2] {
            let (a, b) = (one.frame(motion, t, 5), two.frame(motion, t, 5));
            assert_eq!(a, b, "{motion:?} at {t}s differs between two runs");
            let mut first = RgbaImage::from_pixel(900, 700, Rgba([255, 255, 255, 255]));
            let mut second = first.clone();
            let place = |p: &[[f32; 2]]| p.iter().map(|q| [q[0] + 300.0, q[1] + 200.0]).collect::<Vec<_>>();
            assert_eq!(
                draw(one.mesh(), &place(&a.positions), &texture, &mut first),
                draw(two.mesh(), &place(&b.positions), &texture, &mut second)
            );
            assert!(first == second, "{motion:?} at {t}s draws differently");
        }
        // Another seed plays it differently (a different tempo and phase).
        let differs = [0.3f32, 0.9, 1.5].iter().any(|&t| one.frame(motion, t, 5) != one.frame(motion, t, 6));
        assert!(differs, "{motion:?}: the seed changes nothing");
    }
}
