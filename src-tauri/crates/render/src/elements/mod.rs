//! Drawings of everything a scene plan can name (the planner's catalogue: animals, people,
//! things, buildings, nature and sky), painted from flat shapes in the backdrops' own manner so
//! they sit in the same world and take the same style.
//!
//! Each drawing stands at a `Spot`: centred on `x`, its lowest point on `ground`, about `size`
//! pixels tall. The scene decides where each one goes. Animals and people are drawn facing
//! right; [`paint_facing_left`] turns them round.

mod animals;
mod buildings;
mod nature;
pub(crate) mod pen;
mod people;
mod sky;
mod things;

use crate::backdrop::World;
use crate::paint::{Canvas, Rgb};
use crate::rng::Rng;

/// Where and how big one drawing is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Spot {
    pub(crate) x: f32,
    pub(crate) ground: f32,
    pub(crate) size: f32,
}

/// Paints one element at a spot, lit by the world's light. The `Rng` gives small variations
/// (a colour, a tilt) that stay the same for the same story.
pub(crate) type Draw = fn(&mut Canvas, &World, Spot, &mut Rng);

/// The drawing for the catalogue element called `name`.
pub(crate) fn drawing(name: &str) -> Option<Draw> {
    [
        animals::DRAWINGS,
        people::DRAWINGS,
        things::DRAWINGS,
        buildings::DRAWINGS,
        nature::DRAWINGS,
        sky::DRAWINGS,
    ]
    .into_iter()
    .flatten()
    .find(|(n, _)| *n == name)
    .map(|(_, draw)| *draw)
}

/// Paints `draw` at `spot` mirrored, so a drawing made facing right faces left. `reach` is how
/// far the drawing may extend from its spot, in pixels: (left and right, above the ground,
/// below the ground). Only that box is copied, so turning round costs little.
pub(crate) fn paint_facing_left(
    canvas: &mut Canvas,
    world: &World,
    draw: Draw,
    spot: Spot,
    rng: &mut Rng,
    reach: (f32, f32, f32),
) {
    let axis = spot.x.round() as i64;
    let half = reach.0.ceil().max(1.0) as i64 + 2;
    let top = ((spot.ground - reach.1).floor() as i64).max(0);
    let bottom = ((spot.ground + reach.2).ceil() as i64).min(canvas.height as i64);
    if bottom <= top {
        return;
    }
    let (width, height) = ((2 * half) as usize, (bottom - top) as usize);
    // Column `col` of the scratch canvas is column `axis + half - 1 - col` of the page.
    let page_column = |col: usize| axis + half - 1 - col as i64;
    let mut scratch = Canvas::new(width as u32, height as u32, Rgb(0.0, 0.0, 0.0));
    scratch.outline = canvas.outline;
    for row in 0..height {
        let y = top as usize + row;
        for col in 0..width {
            let x = page_column(col);
            if (0..canvas.width as i64).contains(&x) {
                scratch.pixels[row * width + col] = canvas.pixels[y * canvas.width + x as usize];
            }
        }
    }
    let local = Spot { x: half as f32, ground: spot.ground - top as f32, size: spot.size };
    draw(&mut scratch, world, local, rng);
    for row in 0..height {
        let y = top as usize + row;
        for col in 0..width {
            let x = page_column(col);
            if (0..canvas.width as i64).contains(&x) {
                canvas.pixels[y * canvas.width + x as usize] = scratch.pixels[row * width + col];
            }
        }
    }
}

#[cfg(test)]
mod tests;
