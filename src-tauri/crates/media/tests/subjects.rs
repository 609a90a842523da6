//! What the subject guesses say about drawings whose shape is known: a specific thing only
//! when the outline clearly shows it, otherwise broad kinds that fit the outline.

mod common;

use common::sketch::Sketch;
use image::RgbaImage;
use media::{analyze, BROAD_KINDS};

/// The guesses for a drawing, checked to be broad kinds or the one specific guess the shape
/// rules may make.
fn guesses(drawing: &RgbaImage) -> Vec<String> {
    let analysis = analyze(drawing);
    assert!(analysis.found, "the sketch is found on the page");
    let guesses = analysis.analysis.subject_suggestions;
    assert!(guesses.len() >= 3, "{guesses:?}");
    for guess in &guesses {
        assert!(BROAD_KINDS.contains(&guess.as_str()) || guess == "a bug", "unexpected guess {guess:?}");
    }
    guesses
}

/// A car seen from the side: a long body with a cabin on top and two wheels under it.
fn car() -> RgbaImage {
    Sketch::new(600, 400)
        .rectangle(100.0, 170.0, 500.0, 280.0)
        .polygon(&[(170.0, 170.0), (220.0, 100.0), (380.0, 100.0), (430.0, 170.0)])
        .circle((190.0, 285.0), 42.0)
        .circle((410.0, 285.0), 42.0)
        .finish()
}

/// A bus from the side: a long box standing on two whole wheels.
fn bus_on_whole_wheels() -> RgbaImage {
    Sketch::new(600, 400)
        .rectangle(100.0, 120.0, 500.0, 258.0)
        .rectangle(130.0, 140.0, 200.0, 190.0)
        .circle((190.0, 300.0), 40.0)
        .circle((410.0, 300.0), 40.0)
        .finish()
}

/// An animal from the side with only two legs showing (the far legs hidden) and no tail.
fn animal_with_two_legs_showing() -> RgbaImage {
    Sketch::new(600, 400)
        .ellipse((290.0, 200.0), 160.0, 70.0)
        .circle((465.0, 160.0), 45.0)
        .rectangle(190.0, 255.0, 235.0, 340.0)
        .rectangle(350.0, 255.0, 395.0, 340.0)
        .finish()
}

/// A box-shaped animal from the side with its head on top at the front, on two short legs
/// with round ends hanging from its flat belly: below the body they look like wheels, but
/// the pen does not go on round inside the body.
fn boxy_animal_on_stubby_round_legs() -> RgbaImage {
    let stub = |left: f32| -> Vec<(f32, f32)> {
        let radius = 22.0;
        let centre = (left + radius, 258.0);
        let mut points = vec![(left, 250.0)];
        points.extend((0..=16).map(|i| {
            let angle = std::f32::consts::PI * i as f32 / 16.0;
            (centre.0 - radius * angle.cos(), centre.1 + radius * angle.sin())
        }));
        points.push((left + 2.0 * radius, 250.0));
        points
    };
    Sketch::new(600, 400)
        .rectangle(120.0, 150.0, 460.0, 250.0)
        .circle((420.0, 125.0), 40.0)
        .polyline(&stub(170.0))
        .polyline(&stub(370.0))
        .finish()
}

/// A dog or a pig from the side: a long body, a head, four legs and a tail.
fn four_legged_animal() -> RgbaImage {
    let mut sketch = Sketch::new(600, 400).ellipse((290.0, 200.0), 150.0, 65.0).circle((450.0, 150.0), 50.0);
    for x in [170.0, 220.0, 330.0, 380.0] {
        sketch = sketch.rectangle(x, 250.0, x + 30.0, 330.0);
    }
    sketch.line((142.0, 190.0), (95.0, 150.0)).finish()
}

/// A stick figure: a round head on a line body, line arms and legs.
fn stick_person() -> RgbaImage {
    Sketch::new(600, 450)
        .circle((300.0, 90.0), 40.0)
        .line((300.0, 130.0), (300.0, 260.0))
        .line((300.0, 170.0), (220.0, 220.0))
        .line((300.0, 170.0), (380.0, 220.0))
        .line((300.0, 260.0), (250.0, 390.0))
        .line((300.0, 260.0), (350.0, 390.0))
        .finish()
}

/// A person drawn in outline: head, round body, arms and legs with width.
fn outlined_person() -> RgbaImage {
    Sketch::new(600, 450)
        .circle((300.0, 80.0), 45.0)
        .ellipse((300.0, 215.0), 70.0, 90.0)
        .polygon(&[(240.0, 170.0), (150.0, 240.0), (165.0, 258.0), (250.0, 200.0)])
        .polygon(&[(360.0, 170.0), (450.0, 240.0), (435.0, 258.0), (350.0, 200.0)])
        .polygon(&[(265.0, 295.0), (240.0, 420.0), (272.0, 420.0), (290.0, 303.0)])
        .polygon(&[(335.0, 295.0), (360.0, 420.0), (328.0, 420.0), (310.0, 303.0)])
        .finish()
}

/// A tree: a round crown on one trunk.
fn tree() -> RgbaImage {
    Sketch::new(600, 450).circle((300.0, 140.0), 100.0).rectangle(285.0, 238.0, 315.0, 410.0).finish()
}

/// A house: square walls under a pointed roof.
fn house() -> RgbaImage {
    Sketch::new(600, 450)
        .rectangle(200.0, 200.0, 400.0, 380.0)
        .polygon(&[(200.0, 200.0), (300.0, 100.0), (400.0, 200.0)])
        .finish()
}

/// A bug: a head with antennae on a long body with three legs on each side.
fn six_legged_bug() -> RgbaImage {
    let mut sketch = Sketch::new(600, 450)
        .circle((300.0, 100.0), 40.0)
        .ellipse((300.0, 250.0), 60.0, 110.0)
        .line((285.0, 62.0), (255.0, 30.0))
        .line((315.0, 62.0), (345.0, 30.0));
    for (root_y, tip_y) in [(185.0, 150.0), (230.0, 230.0), (275.0, 290.0)] {
        sketch = sketch.line((250.0, root_y), (140.0, tip_y)).line((350.0, root_y), (460.0, tip_y));
    }
    sketch.finish()
}

#[test]
fn two_wheels_under_a_long_body_are_a_vehicle() {
    assert_eq!(guesses(&car())[0], "a vehicle", "wheels half hidden by the body");
    assert_eq!(guesses(&bus_on_whole_wheels())[0], "a vehicle", "whole wheels under the body");
}

#[test]
fn legs_under_a_long_body_are_never_wheels() {
    for (what, drawing) in [
        ("straight legs", animal_with_two_legs_showing()),
        ("stubby round legs", boxy_animal_on_stubby_round_legs()),
    ] {
        let guesses = guesses(&drawing);
        assert!(!guesses.iter().any(|g| g == "a vehicle"), "{what}: {guesses:?}");
        assert_eq!(guesses[0], "an animal", "{what}");
    }
}

#[test]
fn four_legs_under_a_long_body_are_an_animal_and_never_a_vehicle() {
    let guesses = guesses(&four_legged_animal());
    assert_eq!(guesses[0], "an animal");
    assert!(!guesses.iter().any(|g| g == "a vehicle" || g == "a person"), "{guesses:?}");
}

#[test]
fn a_head_on_two_legs_is_a_person_and_never_a_vehicle() {
    for (what, drawing) in [("stick figure", stick_person()), ("outlined person", outlined_person())] {
        let guesses = guesses(&drawing);
        assert_eq!(guesses[0], "a person", "{what}: {guesses:?}");
        assert!(!guesses.iter().any(|g| g == "a vehicle" || g == "an animal"), "{what}: {guesses:?}");
    }
}

#[test]
fn a_crown_on_one_trunk_is_a_plant() {
    assert_eq!(guesses(&tree())[0], "a plant");
}

#[test]
fn walls_under_a_roof_are_a_building() {
    assert_eq!(guesses(&house())[0], "a building");
}

#[test]
fn three_legs_on_each_side_are_a_bug() {
    let guesses = guesses(&six_legged_bug());
    assert_eq!(guesses[0], "a bug");
    assert!(!guesses.iter().any(|g| g == "a vehicle" || g == "a person"), "{guesses:?}");
}

#[test]
fn a_blank_page_gets_only_broad_kinds() {
    let analysis = analyze(&Sketch::new(300, 200).finish()).analysis;
    assert!(analysis.subject_suggestions.len() >= 3);
    assert!(analysis.subject_suggestions.iter().all(|g| BROAD_KINDS.contains(&g.as_str())), "{analysis:?}");
}
