//! The catalogue's contract (every element a plan can name has a drawing) and the characters'
//! drawings: each paints its own spot, no two look alike, they take the page's light, and a
//! character turned round is its exact mirror image.

use model::{Style, TimeOfDay, Weather};
use planner::{Kind, ELEMENTS};

use super::{animals, drawing, paint_facing_left, people, Draw, Spot};
use crate::backdrop::{Light, Setting, World};
use crate::paint::{Canvas, Rgb};
use crate::rng::Rng;
use crate::stage::aspect_of;

/// A colour no drawing uses over large areas, so every painted pixel shows.
const BACKGROUND: Rgb = Rgb(0.55, 0.1, 0.5);

fn world(time: TimeOfDay) -> World {
    World::new(Setting::Meadow, Light::new(time, ""), Weather::Clear, &[], 5, 0)
}

fn characters() -> Vec<(&'static str, Draw)> {
    animals::DRAWINGS.iter().chain(people::DRAWINGS).copied().collect()
}

fn paint(draw: Draw, time: TimeOfDay, size: (u32, u32), spot: Spot) -> Canvas {
    let mut canvas = Canvas::new(size.0, size.1, BACKGROUND);
    canvas.outline = crate::style::backdrop_outline(Style::Storybook);
    draw(&mut canvas, &world(time), spot, &mut Rng::new(3));
    canvas
}

fn differs(p: Rgb, q: Rgb, by: f32) -> bool {
    (p.0 - q.0).abs() + (p.1 - q.1).abs() + (p.2 - q.2).abs() > by
}

#[test]
fn every_element_a_plan_can_name_has_a_drawing() {
    let missing: Vec<&str> = ELEMENTS.iter().filter(|e| drawing(e.name).is_none()).map(|e| e.name).collect();
    assert!(missing.is_empty(), "no drawing for: {}", missing.join(", "));
}

#[test]
fn every_animal_and_person_of_the_catalogue_is_drawn_here_once() {
    let drawn = characters();
    for element in ELEMENTS.iter().filter(|e| e.kind.is_character()) {
        let count = drawn.iter().filter(|(name, _)| *name == element.name).count();
        assert_eq!(count, 1, "{} should have exactly one drawing", element.name);
    }
    for (name, _) in &drawn {
        let kind = ELEMENTS.iter().find(|e| e.name == *name).map(|e| e.kind);
        assert!(matches!(kind, Some(Kind::Animal | Kind::Person)), "{name} is not a catalogue character");
    }
}

#[test]
fn each_character_fills_its_spot_and_stays_near_it() {
    for size in [240.0f32, 110.0] {
        let spot = Spot { x: 640.0, ground: 600.0, size };
        let (top, bottom) = (spot.ground - 1.15 * size - 6.0, spot.ground + 0.08 * size + 6.0);
        for (name, draw) in characters() {
            // As wide as the scene places it (with room for a lopsided tail or wing).
            let half = size * (aspect_of(name) * 0.65 + 0.05) + 6.0;
            let (left, right) = (spot.x - half, spot.x + half);
            let canvas = paint(draw, TimeOfDay::Midday, (1280, 720), spot);
            let (mut inside, mut outside) = (0usize, 0usize);
            let (mut highest, mut lowest) = (f32::MAX, f32::MIN);
            for (i, &pixel) in canvas.pixels.iter().enumerate() {
                if !differs(pixel, BACKGROUND, 0.03) {
                    continue;
                }
                let (x, y) = ((i % canvas.width) as f32 + 0.5, (i / canvas.width) as f32 + 0.5);
                if (left..=right).contains(&x) && (top..=bottom).contains(&y) {
                    inside += 1;
                    highest = highest.min(y);
                    lowest = lowest.max(y);
                } else {
                    outside += 1;
                }
            }
            assert!(inside as f32 > 0.12 * size * size, "{name} at {size}px painted only {inside} pixels");
            assert!(outside * 100 <= inside, "{name} at {size}px painted {outside} pixels outside its box");
            let tall = (spot.ground - highest) / size;
            assert!((0.6..=1.12).contains(&tall), "{name} at {size}px is {tall:.2} of its size tall");
            let foot = (lowest - spot.ground) / size;
            assert!(foot.abs() < 0.06, "{name} at {size}px ends {foot:.2} sizes off its ground");
        }
    }
}

#[test]
fn no_two_characters_look_alike() {
    let spot = Spot { x: 160.0, ground: 300.0, size: 240.0 };
    let pictures: Vec<(&str, Canvas)> = characters()
        .into_iter()
        .map(|(name, draw)| (name, paint(draw, TimeOfDay::Midday, (320, 320), spot)))
        .collect();
    for (i, (first, a)) in pictures.iter().enumerate() {
        for (second, b) in &pictures[i + 1..] {
            let different = a.pixels.iter().zip(&b.pixels).filter(|(p, q)| differs(**p, **q, 0.15)).count();
            assert!(different > 6000, "{first} and {second} look alike: only {different} pixels differ");
        }
    }
}

#[test]
fn characters_take_the_pages_light() {
    let spot = Spot { x: 160.0, ground: 300.0, size: 240.0 };
    for (name, draw) in characters() {
        let day = paint(draw, TimeOfDay::Midday, (320, 320), spot);
        let night = paint(draw, TimeOfDay::Night, (320, 320), spot);
        let darker = day
            .pixels
            .iter()
            .zip(&night.pixels)
            .filter(|(d, n)| differs(**d, BACKGROUND, 0.03) && n.luma() + 0.05 < d.luma())
            .count();
        assert!(darker > 3000, "{name} is not darker at night ({darker} pixels)");
    }
}

#[test]
fn a_character_turned_round_is_its_mirror_image() {
    let spot = Spot { x: 200.0, ground: 280.0, size: 220.0 };
    let world = world(TimeOfDay::Morning);
    for (name, draw) in characters() {
        let facing_right = paint(draw, TimeOfDay::Morning, (400, 300), spot);
        let mut facing_left = Canvas::new(400, 300, BACKGROUND);
        facing_left.outline = crate::style::backdrop_outline(Style::Storybook);
        paint_facing_left(&mut facing_left, &world, draw, spot, &mut Rng::new(3), (260.0, 270.0, 20.0));
        let mut worst = 0.0f32;
        for y in 0..300 {
            for x in 0..400 {
                let mirrored = facing_right.get(399 - x, y);
                let p = facing_left.get(x, y);
                worst =
                    worst.max((p.0 - mirrored.0).abs() + (p.1 - mirrored.1).abs() + (p.2 - mirrored.2).abs());
            }
        }
        assert!(worst < 0.02, "{name} turned round is not its mirror image (off by {worst})");
        let painted = facing_left.pixels.iter().filter(|p| differs(**p, BACKGROUND, 0.03)).count();
        assert!(painted > 5000, "{name} turned round painted only {painted} pixels");
    }
}
