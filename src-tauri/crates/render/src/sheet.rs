//! A page of catalogue drawings side by side, each in its own cell on a strip of grass, for
//! looking the drawings over by eye in one light and style.

use image::RgbaImage;
use model::{Style, TimeOfDay, Weather};

use crate::backdrop::{Light, Setting, World};
use crate::elements::{drawing, Spot};
use crate::paint::{Canvas, Rgb};
use crate::rng::Rng;
use crate::stage::aspect_of;
use crate::style;

/// Draws the named catalogue elements in a grid of `columns`, each cell `cell` pixels square,
/// lit at `time` and finished in `style`. A name without a drawing leaves its cell crossed out.
pub fn drawing_sheet(names: &[&str], columns: usize, cell: u32, time: TimeOfDay, style: Style) -> RgbaImage {
    let columns = columns.max(1);
    let rows = names.len().div_ceil(columns).max(1);
    let (width, height) = (columns as u32 * cell, rows as u32 * cell);
    let world = World::new(Setting::Meadow, Light::new(time, ""), Weather::Clear, &[], 1, 0);
    let look = world.look;
    let mut canvas = Canvas::new(width, height, look.sky_horizon);
    let size = cell as f32;
    let grass = world.lit(Rgb::hex(0x8CCB5E));
    canvas.shade(|_, y, _| {
        let local = y % size;
        if local > size * 0.82 {
            grass
        } else {
            look.sky(local / (size * 0.82)).mix(Rgb(1.0, 1.0, 1.0), 0.25)
        }
    });
    canvas.outline = style::backdrop_outline(style);
    for (k, name) in names.iter().enumerate() {
        let (col, row) = ((k % columns) as f32, (k / columns) as f32);
        let (x, ground) = (col * size + size / 2.0, row * size + size * 0.9);
        match drawing(name) {
            Some(draw) => {
                let fit = (size * 0.72).min(size * 0.88 / aspect_of(name).max(0.1));
                draw(&mut canvas, &world, Spot { x, ground, size: fit }, &mut Rng::new(k as u64));
            }
            None => {
                let mark = Rgb(0.8, 0.2, 0.2);
                let (x0, y0) = (col * size + size * 0.3, row * size + size * 0.3);
                let (x1, y1) = (col * size + size * 0.7, row * size + size * 0.7);
                canvas.without_outline(|c| {
                    c.line((x0, y0), (x1, y1), 4.0, mark);
                    c.line((x0, y1), (x1, y0), 4.0, mark);
                });
            }
        }
    }
    style::style_backdrop(style, &mut canvas, 1);
    canvas.to_image()
}
