//! Where the child's marks are: darkness relative to the paper right around each pixel, so
//! shadows, uneven light and the paper's own edge (broad changes) do not count as ink while
//! thin strokes of any colour do.

use image::RgbaImage;

use super::morph;
use super::plane::{Mask, Plane};
use super::regions;

#[derive(Debug, Clone, Copy)]
pub struct InkParams {
    /// Strokes narrower than about twice this (working pixels) are seen as ink.
    pub stroke_radius: usize,
    /// Relative darkness that starts a stroke.
    pub strong: f32,
    /// Relative darkness that continues a stroke begun by a strong pixel.
    pub weak: f32,
    /// Smaller specks are paper grain or dust.
    pub min_speck_area: usize,
}

impl Default for InkParams {
    fn default() -> Self {
        Self { stroke_radius: 12, strong: 0.20, weak: 0.10, min_speck_area: 15 }
    }
}

/// The darkest channel, over white where transparent: coloured ink is dark in at least one
/// channel (blue pen in red, pink marker in green), paper is bright in all three.
pub fn lightness(image: &RgbaImage) -> Plane<f32> {
    let (w, h) = (image.width() as usize, image.height() as usize);
    Plane::from_fn(w, h, |x, y| {
        let [r, g, b, a] = image.get_pixel(x as u32, y as u32).0;
        let darkest = f32::from(r.min(g).min(b));
        let alpha = f32::from(a) / 255.0;
        darkest * alpha + 255.0 * (1.0 - alpha)
    })
}

/// Relative darkness against the local paper: 0 on paper, towards 1 for black ink.
pub fn relative_darkness(lightness: &Plane<f32>, params: &InkParams) -> Plane<f32> {
    let paper = morph::grey_closing(lightness, params.stroke_radius);
    paper.zip_map(lightness, |paper, ink| ((paper - ink) / paper.max(16.0)).max(0.0))
}

/// Ink pixels: weak darkness connected to strong darkness, without isolated specks.
pub fn ink_mask(darkness: &Plane<f32>, params: &InkParams) -> Mask {
    let weak = darkness.map(|d| d >= params.weak);
    let (labels, found) = regions::label(&weak);
    let mut has_strong = vec![false; found.len() + 1];
    for (label, &d) in labels.data.iter().zip(&darkness.data) {
        if *label != 0 && d >= params.strong {
            has_strong[*label as usize] = true;
        }
    }
    let keep: Vec<u32> = found
        .iter()
        .filter(|region| has_strong[region.label as usize] && region.area >= params.min_speck_area)
        .map(|region| region.label)
        .collect();
    regions::select(&labels, &keep)
}
