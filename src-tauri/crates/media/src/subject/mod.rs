//! Guesses at what the child drew, from the figure's outline (and, for wheels, the ink in it).
//! A wrong specific guess ("a little car" for a pig) embarrasses, so a specific thing is named
//! only when the shape clearly shows it (three limbs on each side of the body are a bug's);
//! otherwise the guesses are broad kinds chosen by plain rules about the outline (a head and
//! two legs: a person; three or four legs under a long body: an animal; two wheels drawn as
//! circles under a long body: a vehicle).

mod shape;

use image::GrayImage;

use crate::figure::Mask;
use shape::{Foot, Shape};

/// Every broad kind the suggestions may use; anything else is a specific guess.
pub const BROAD_KINDS: [&str; 7] =
    ["a person", "an animal", "a creature", "a vehicle", "a plant", "a building", "a thing"];

/// What the outline shows most clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A head on top and two legs on the ground.
    Person,
    /// Three or more legs under a body longer than it is tall.
    FourLegged,
    /// Three or more thin limbs on each side of the body.
    ManyLimbed,
    /// Two round wheels wide apart under a long body, with nothing else reaching out.
    Vehicle,
    /// A crown on one thin, central trunk or stem.
    Plant,
    /// Straight walls down to a flat base, with nothing reaching out.
    Building,
    /// Upright on two legs, without a clear head.
    TwoLegged,
    /// Longer than tall, nothing more certain.
    Long,
    /// No clear sign at all.
    Unclear,
    /// No figure was found on the page.
    NoFigure,
}

/// Upright: at least this tall for its width (height over width).
const UPRIGHT: f32 = 0.8;
/// Long: at most this tall for its width.
const LONG: f32 = 0.8;
/// A trunk or stem is at most this share of the figure's width...
const TRUNK_WIDTH: f32 = 0.25;
/// ...and its centre at most this far from the figure's middle.
const TRUNK_OFF_CENTRE: f32 = 0.15;
/// Wheels are at least this far apart, in wheel widths.
const WHEEL_SPACING: f32 = 1.0;
/// A building's base spans at least this share of its width.
const BUILDING_BASE: f32 = 0.8;

/// Friendly guesses at what the figure outlined in `mask` (255 = figure) is, most likely
/// first; the parent picks one or says what it really is.
pub fn subject_suggestions(mask: &GrayImage) -> Vec<String> {
    suggestions(shape::measure_outline(mask))
}

/// The same for a figure found by segmentation, with the ink on the page (`None`: no figure
/// was found); the ink shows which round parts are wheels.
pub(crate) fn suggestions_for_figure(figure_and_ink: Option<(&Mask, &Mask)>) -> Vec<String> {
    suggestions(figure_and_ink.and_then(|(figure, ink)| shape::measure_drawing(figure, ink)))
}

fn suggestions(shape: Option<Shape>) -> Vec<String> {
    let kind = shape.as_ref().map_or(Kind::NoFigure, kind_of);
    tracing::debug!(?shape, ?kind, "the figure's outline");
    words(kind).iter().map(|&word| word.to_owned()).collect()
}

fn kind_of(shape: &Shape) -> Kind {
    let feet = &shape.feet;
    let upright = shape.aspect >= UPRIGHT;
    let long = shape.aspect <= LONG;
    let no_limbs = shape.limbs_left == 0 && shape.limbs_right == 0;
    let many_limbs = shape.limbs_left >= 3 && shape.limbs_right >= 3;
    if shape.head && feet.len() == 2 && upright && !many_limbs {
        Kind::Person
    } else if feet.len() >= 3 && long {
        Kind::FourLegged
    } else if many_limbs {
        Kind::ManyLimbed
    } else if long && no_limbs && !shape.head && are_wheels(feet) {
        Kind::Vehicle
    } else if upright && is_trunk(feet) {
        Kind::Plant
    } else if shape.boxy && no_limbs && !shape.head && feet.len() == 1 && feet[0].width() >= BUILDING_BASE {
        Kind::Building
    } else if upright && feet.len() == 2 {
        Kind::TwoLegged
    } else if long {
        Kind::Long
    } else {
        Kind::Unclear
    }
}

/// Two wheels on the ground, wide apart.
fn are_wheels(feet: &[Foot]) -> bool {
    let [back, front] = feet else { return false };
    let spacing = front.left - back.right;
    let wheel = (back.width() + front.width()) / 2.0;
    back.wheel_like && front.wheel_like && spacing >= WHEEL_SPACING * wheel
}

/// One narrow part on the ground near the middle.
fn is_trunk(feet: &[Foot]) -> bool {
    let [trunk] = feet else { return false };
    trunk.width() <= TRUNK_WIDTH && (trunk.centre() - 0.5).abs() <= TRUNK_OFF_CENTRE
}

/// The suggestions for each kind: the kind itself, then broad kinds that do not contradict
/// what the outline shows.
fn words(kind: Kind) -> [&'static str; 3] {
    match kind {
        Kind::Person => ["a person", "a creature", "a thing"],
        Kind::FourLegged => ["an animal", "a creature", "a thing"],
        Kind::ManyLimbed => ["a bug", "a creature", "an animal"],
        Kind::Vehicle => ["a vehicle", "a thing", "a building"],
        Kind::Plant => ["a plant", "a thing", "a creature"],
        Kind::Building => ["a building", "a thing", "a vehicle"],
        Kind::TwoLegged => ["a creature", "a person", "a thing"],
        Kind::Long => ["an animal", "a creature", "a thing"],
        Kind::Unclear => ["a creature", "a thing", "an animal"],
        Kind::NoFigure => ["a creature", "a person", "an animal"],
    }
}
