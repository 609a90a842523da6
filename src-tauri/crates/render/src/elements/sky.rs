//! Drawings of the catalogue's sky: sun, moon, stars, clouds, comets and rainbows, placed in the
//! sky with their lowest point on the spot's `ground`.

use super::things::{area_of, circle, ellipse, is_dark, star as five_points, Brush, Point};
use super::{Draw, Spot};
use crate::backdrop::props;
use crate::backdrop::World;
use crate::paint::{convex_polygon_distance, Canvas, Rgb};
use crate::rng::Rng;

pub(crate) const DRAWINGS: &[(&str, Draw)] =
    &[("sun", sun), ("moon", moon), ("star", star), ("cloud", cloud), ("comet", comet), ("rainbow", rainbow)];

/// Things in the sky shine with their own light, softened a little by the scene's.
fn shining(world: &World, hex: u32) -> Rgb {
    Rgb::hex(hex).mix(world.lit(Rgb::hex(hex)), 0.3)
}

fn sun(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let colour = world.look.sun;
    brush.glow((0.0, 0.5), 0.5, colour, 0.25);
    let (x, y) = brush.point((0.0, 0.5));
    let radius = brush.pixels(0.27);
    props::sun(brush.canvas(), x, y, radius, colour, true);
}

fn moon(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let face = shining(world, 0xFFF0B5);
    brush.glow((-0.1, 0.48), 0.5, Rgb::hex(0xFFF3C4), if is_dark(world) { 0.3 } else { 0.1 });
    brush.shape([-0.42, 0.08, 0.42, 0.92], face, |a, b| {
        circle((a, b), (0.0, 0.5), 0.42).max(-circle((a, b), (0.22, 0.6), 0.36))
    });
    brush.plain(|p| {
        p.circle((-0.25, 0.42), 0.05, face.scale(0.88));
        p.circle((-0.14, 0.24), 0.035, face.scale(0.88));
    });
}

fn star(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let gold = shining(world, 0xFFD84A);
    brush.glow((0.0, 0.48), 0.5, Rgb::hex(0xFFF1A8), if is_dark(world) { 0.35 } else { 0.12 });
    five_points(&mut brush, (0.0, 0.47), 0.52, gold);
    brush.plain(|p| {
        p.tilted_ellipse((-0.16, 0.58), 0.05, 0.09, -0.5, gold.mix(Rgb(1.0, 1.0, 1.0), 0.5));
        for (c, r) in [((0.52, 0.86), 0.07), ((-0.5, 0.2), 0.05)] {
            p.line((c.0 - r, c.1), (c.0 + r, c.1), 0.025, gold);
            p.line((c.0, c.1 - r), (c.0, c.1 + r), 0.025, gold);
        }
    });
}

fn cloud(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let lift = rng.range(-0.04, 0.04);
    puffs(&mut brush, 0.0, 1.0, lift, world.look.cloud);
}

/// A cloud `scale` sizes tall standing on the ground at `a`: round puffs on a flat
/// rounded base; `lift` tips the top puffs a little.
fn puffs(brush: &mut Brush, a: f32, scale: f32, lift: f32, colour: Rgb) {
    let s = scale;
    let at = |x: f32, y: f32| (a + x * s, y * s);
    let puffs = [
        (at(-0.54, 0.3), 0.3),
        (at(-0.14, 0.56 + lift), 0.38),
        (at(0.28, 0.6 - lift), 0.34),
        (at(0.58, 0.3), 0.28),
    ];
    let middle = at(0.0, 0.22);
    brush.shape_with(
        [a - 0.86 * s, 0.0, a + 0.86 * s, s],
        1.0,
        |x, y| {
            let base = ellipse((x, y), middle, 0.78 * s, 0.22 * s);
            puffs.iter().map(|&(c, r)| circle((x, y), c, r * s)).fold(base, f32::min)
        },
        |_, y| if y < 0.12 * s { colour.scale(0.93) } else { colour },
    );
}

fn comet(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let gold = shining(world, 0xFFD84A);
    let tail = gold.mix(shining(world, 0xFFFFFF), 0.4);
    let head: Point = (0.5, 0.3);
    let end: Point = (-1.1, 0.95 - rng.range(0.0, 0.1));
    let (dx, dy) = (end.0 - head.0, end.1 - head.1);
    let length = dx.hypot(dy);
    let (nx, ny) = (-dy / length, dx / length);
    brush.plain(|p| {
        for (width, opacity) in [(0.22, 0.3), (0.14, 0.45), (0.06, 0.8)] {
            let fan =
                [(head.0 + nx * width, head.1 + ny * width), (head.0 - nx * width, head.1 - ny * width), end];
            p.shape_with(area_of(&fan), opacity, convex_polygon_distance(&fan), |_, _| tail);
        }
    });
    brush.glow(head, 0.3, Rgb::hex(0xFFF1A8), if is_dark(world) { 0.4 } else { 0.15 });
    five_points(&mut brush, head, 0.25, gold);
}

fn rainbow(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let bands =
        [0xE63946, 0xFF8C42, 0xFFD23F, 0x6CC24A, 0x4CC9F0, 0x7B6CF6].map(|hex| world.lit(Rgb::hex(hex)));
    let (outer, thickness) = (0.94, 0.07);
    let inner = outer - thickness * bands.len() as f32;
    brush.shape_with(
        [-outer, 0.0, outer, outer],
        1.0,
        |a, b| {
            let r = a.hypot(b);
            (r - outer).max(inner - r).max(-b)
        },
        |a, b| bands[(((outer - a.hypot(b)) / thickness).max(0.0) as usize).min(bands.len() - 1)],
    );
    let feet = (outer + inner) / 2.0;
    for side in [-1.0, 1.0] {
        puffs(&mut brush, side * feet, 0.26, 0.0, world.look.cloud);
    }
}

/// Checks for every prop drawing (things, buildings, nature and sky) against the catalogue and
/// the `Spot` they are given, and contact sheets of them all to look at.
#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use model::{Style, TimeOfDay, Weather};
    use planner::{Kind, ELEMENTS};

    use super::super::{buildings, drawing, nature, things, Draw, Spot};
    use crate::backdrop::{Light, Setting, World};
    use crate::paint::{Canvas, Rgb};
    use crate::rng::Rng;

    /// Drawings wider than most, with how far they reach either side of their centre line (in
    /// sizes); the rest stay within one and a half sizes.
    const WIDE: &[(&str, f32)] = &[("river", 2.55)];

    /// A colour no drawing uses for long stretches, so every painted pixel shows.
    const BACKGROUND: Rgb = Rgb(0.55, 0.1, 0.5);

    fn lists() -> [(Kind, &'static [(&'static str, Draw)]); 4] {
        [
            (Kind::Object, things::DRAWINGS),
            (Kind::Building, buildings::DRAWINGS),
            (Kind::Nature, nature::DRAWINGS),
            (Kind::Sky, super::DRAWINGS),
        ]
    }

    fn all() -> Vec<(&'static str, Draw)> {
        lists().iter().flat_map(|(_, list)| list.iter().copied()).collect()
    }

    fn world(time: TimeOfDay) -> World {
        World::new(Setting::Meadow, Light::new(time, ""), Weather::Clear, &[], 7, 0)
    }

    fn paint(draw: Draw, time: TimeOfDay, size: (u32, u32), spot: Spot) -> Canvas {
        let mut canvas = Canvas::new(size.0, size.1, BACKGROUND);
        canvas.outline = crate::style::backdrop_outline(Style::Storybook);
        draw(&mut canvas, &world(time), spot, &mut Rng::new(11));
        canvas
    }

    fn differs(p: Rgb, q: Rgb, by: f32) -> bool {
        (p.0 - q.0).abs() + (p.1 - q.1).abs() + (p.2 - q.2).abs() > by
    }

    #[test]
    fn every_prop_in_the_catalogue_has_one_drawing_in_its_kinds_list() {
        for (kind, list) in lists() {
            let names: Vec<&str> = ELEMENTS.iter().filter(|e| e.kind == kind).map(|e| e.name).collect();
            for name in &names {
                let count = list.iter().filter(|(n, _)| n == name).count();
                assert_eq!(count, 1, "{name} ({kind:?}) should have exactly one drawing");
                assert!(drawing(name).is_some(), "the lookup finds {name}");
            }
            for (name, _) in list {
                assert!(names.contains(name), "{name} is not a {kind:?} of the catalogue");
            }
        }
    }

    #[test]
    fn each_drawing_fills_its_spot_and_stays_inside_it() {
        let frame = (1280u32, 720u32);
        for size in [200.0f32, 60.0] {
            let spot = Spot { x: 640.0, ground: 560.0, size };
            let margin = 5.0;
            let (top, bottom) = (spot.ground - 1.15 * size - margin, spot.ground + 0.15 * size + margin);
            for (name, draw) in all() {
                let reach = WIDE.iter().find(|(n, _)| *n == name).map_or(1.5, |(_, reach)| *reach);
                let (left, right) = (spot.x - reach * size - margin, spot.x + reach * size + margin);
                let canvas = paint(draw, TimeOfDay::Midday, frame, spot);
                let (mut inside, mut outside) = (0usize, 0usize);
                let (mut highest, mut lowest, mut leftmost, mut rightmost) =
                    (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
                for (i, &pixel) in canvas.pixels.iter().enumerate() {
                    if !differs(pixel, BACKGROUND, 0.03) {
                        continue;
                    }
                    let (x, y) = ((i % canvas.width) as f32 + 0.5, (i / canvas.width) as f32 + 0.5);
                    if (left..=right).contains(&x) && (top..=bottom).contains(&y) {
                        inside += 1;
                        highest = highest.min(y);
                        lowest = lowest.max(y);
                        leftmost = leftmost.min(x);
                        rightmost = rightmost.max(x);
                    } else {
                        outside += 1;
                    }
                }
                assert!(
                    inside as f32 > 0.05 * size * size,
                    "{name} at {size}px painted only {inside} pixels"
                );
                assert!(
                    outside * 200 <= inside,
                    "{name} at {size}px painted {outside} pixels outside its box"
                );
                let tall = (spot.ground - highest) / size;
                assert!(tall >= 0.5, "{name} at {size}px stands only {tall:.2} of its size tall");
                let foot = (lowest - spot.ground) / size;
                assert!(foot.abs() < 0.12, "{name} at {size}px ends {foot:.2} sizes off the ground");
                let centre = ((leftmost + rightmost) / 2.0 - spot.x) / size;
                assert!(centre.abs() < 0.35, "{name} at {size}px sits {centre:.2} sizes off its centre line");
            }
        }
    }

    #[test]
    fn no_two_drawings_look_alike() {
        let spot = Spot { x: 200.0, ground: 260.0, size: 120.0 };
        let pictures: Vec<(&str, Canvas)> = all()
            .into_iter()
            .map(|(name, draw)| (name, paint(draw, TimeOfDay::Midday, (400, 300), spot)))
            .collect();
        for (i, (first, a)) in pictures.iter().enumerate() {
            for (second, b) in &pictures[i + 1..] {
                let different =
                    a.pixels.iter().zip(&b.pixels).filter(|(p, q)| differs(**p, **q, 0.1)).count();
                assert!(different > 1000, "{first} and {second} look alike: {different} pixels differ");
            }
        }
    }

    #[test]
    fn drawings_take_the_pages_light() {
        let spot = Spot { x: 200.0, ground: 260.0, size: 120.0 };
        for (name, draw) in all() {
            let day = paint(draw, TimeOfDay::Midday, (400, 300), spot);
            let night = paint(draw, TimeOfDay::Night, (400, 300), spot);
            let different =
                day.pixels.iter().zip(&night.pixels).filter(|(p, q)| differs(**p, **q, 0.05)).count();
            assert!(different > 500, "{name} looks the same by day and by night");
        }
    }

    /// Where contact sheets go: next to the test binary's build output (`<target>/element-sheets`).
    fn sheet_dir() -> PathBuf {
        let exe = std::env::current_exe().expect("a test knows where it runs from");
        // Test binaries live in <target>/<profile>/deps.
        let target = exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir);
        target.join("element-sheets")
    }

    /// Paints each list on a grid, by day, by night and small, and writes it as a PNG with a
    /// text file naming each cell, to look at by eye.
    #[test]
    fn contact_sheets_show_every_drawing() {
        let dir = sheet_dir();
        std::fs::create_dir_all(&dir).expect("the sheet folder can be made");
        let sheets = [
            ("day", TimeOfDay::Midday, 100.0f32, Rgb::hex(0xDCE8D0)),
            ("night", TimeOfDay::Night, 100.0, Rgb::hex(0x27305A)),
            ("small", TimeOfDay::Afternoon, 48.0, Rgb::hex(0xDCE8D0)),
        ];
        for (label, time, size, background) in sheets {
            let world = world(time);
            let (cell_w, cell_h) = ((size * 3.3) as usize, (size * 1.5) as usize);
            let sheet_w = 6 * cell_w;
            for (kind, list) in lists() {
                // Cells run left to right, wide drawings taking as many as they need.
                let mut cells = Vec::new();
                let (mut x, mut row) = (0, 0);
                for (name, _) in list.iter() {
                    let reach = WIDE.iter().find(|(n, _)| n == name).map_or(1.5, |(_, reach)| *reach);
                    let width =
                        cell_w * ((2.0 * reach + 0.3) * size / cell_w as f32).ceil().max(1.0) as usize;
                    if x + width > sheet_w {
                        (x, row) = (0, row + 1);
                    }
                    cells.push((x + width / 2, row));
                    x += width;
                }
                let rows = row + 1;
                let mut canvas = Canvas::new(sheet_w as u32, (rows * cell_h) as u32, background);
                canvas.outline = crate::style::backdrop_outline(Style::Storybook);
                let mut names = String::new();
                for (i, ((name, draw), &(centre, row))) in list.iter().zip(&cells).enumerate() {
                    let ground = ((row + 1) * cell_h) as f32 - size * 0.2;
                    let spot = Spot { x: centre as f32, ground, size };
                    draw(&mut canvas, &world, spot, &mut Rng::new(i as u64 + 1));
                    let (x, y) = (centre, (ground - size * 0.5) as usize);
                    let painted = (y - 10..y + 10)
                        .flat_map(|y| (x - 30..x + 30).map(move |x| (x, y)))
                        .any(|(x, y)| differs(canvas.get(x, y), background, 0.03));
                    assert!(painted, "{name} shows in its cell of the {label} sheet");
                    names.push_str(&format!("row {row}, centred at x {centre}: {name}\n"));
                }
                let stem = format!("{kind:?}-{label}").to_lowercase();
                canvas.to_image().save(dir.join(format!("{stem}.png"))).expect("the sheet is written");
                std::fs::write(dir.join(format!("{stem}.txt")), names)
                    .expect("the sheet's names are written");
            }
        }
    }
}
