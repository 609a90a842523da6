//! Finding the child's figure on the paper with classical image processing (no model): ink
//! strokes measured against the paper around them, a solid silhouette from the strokes, and
//! the mask brought back to the drawing's own size.

mod ink;
pub(crate) mod morph;
mod plane;
pub(crate) mod regions;
mod silhouette;

use image::{GrayImage, RgbaImage};

pub(crate) use plane::{Mask, Plane};

use crate::resample::{self, Filter};

/// Segmentation runs at this long side whatever the drawing's size, so every distance in the
/// parameters is in the same units.
pub const WORK_LONG_SIDE: u32 = 1000;

/// A figure smaller than this share of the page is a speck, not a drawing.
const MIN_FIGURE_SHARE: f32 = 0.001;
/// A "figure" covering more than this share of the page means the page itself was found.
const MAX_FIGURE_SHARE: f32 = 0.9;

/// What segmentation found, at the working size.
pub(crate) struct Segmentation {
    /// The drawing at the working size.
    pub work: RgbaImage,
    /// 0 on paper, towards 1 for the darkest ink.
    pub darkness: Plane<f32>,
    /// The strokes.
    pub ink: Mask,
    /// The solid figure, when a plausible one was found.
    pub figure: Option<Mask>,
}

/// Finds the figure in `image` (any size).
pub(crate) fn segment(image: &RgbaImage) -> Segmentation {
    let work = working_copy(image);
    let lightness = ink::lightness(&work);
    let ink_params = ink::InkParams::default();
    let darkness = ink::relative_darkness(&lightness, &ink_params);
    let ink = ink::ink_mask(&darkness, &ink_params);
    let figure =
        silhouette::figure_from_ink(&ink, &silhouette::SilhouetteParams::default()).filter(|figure| {
            let share = figure.count() as f32 / figure.data.len().max(1) as f32;
            tracing::debug!(share, "figure candidate");
            (MIN_FIGURE_SHARE..=MAX_FIGURE_SHARE).contains(&share)
        });
    Segmentation { work, darkness, ink, figure }
}

/// The drawing resampled so its long side is `WORK_LONG_SIDE`.
fn working_copy(image: &RgbaImage) -> RgbaImage {
    let (w, h) = image.dimensions();
    let scale = f64::from(WORK_LONG_SIDE) / f64::from(w.max(h).max(1));
    let size = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    resample::resize(image, size(w), size(h), Filter::Triangle)
}

/// A working-size mask brought to `width` x `height` (255 = figure) by bilinear interpolation
/// of the yes/no values, cut at one half, so edges stay smooth rather than blocky.
pub(crate) fn mask_to_size(mask: &Mask, width: u32, height: u32) -> GrayImage {
    let (mw, mh) = (mask.width, mask.height);
    if mw == 0 || mh == 0 {
        return GrayImage::new(width, height);
    }
    let value = |x: usize, y: usize| if mask.data[y * mw + x] { 1.0f32 } else { 0.0 };
    // Output pixel centres mapped to mask coordinates, and the two mask samples around each.
    let taps = |out: u32, size: usize| -> Vec<(usize, usize, f32)> {
        let ratio = size as f32 / out.max(1) as f32;
        (0..out)
            .map(|i| {
                let at = ((i as f32 + 0.5) * ratio - 0.5).clamp(0.0, (size - 1) as f32);
                let low = at.floor() as usize;
                (low, (low + 1).min(size - 1), at - low as f32)
            })
            .collect()
    };
    let columns = taps(width, mw);
    let rows = taps(height, mh);
    let mut out = GrayImage::new(width, height);
    for (y, &(y0, y1, fy)) in rows.iter().enumerate() {
        let line = &mut out.as_mut()[y * width as usize..(y + 1) * width as usize];
        for (pixel, &(x0, x1, fx)) in line.iter_mut().zip(&columns) {
            let top = value(x0, y0) * (1.0 - fx) + value(x1, y0) * fx;
            let bottom = value(x0, y1) * (1.0 - fx) + value(x1, y1) * fx;
            *pixel = if top * (1.0 - fy) + bottom * fy >= 0.5 { 255 } else { 0 };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mask_keeps_its_shape_at_another_size() {
        // A 10x10 square in a 40x20 mask, doubled and then shrunk.
        let mask = Mask::from_fn(40, 20, |x, y| (10..20).contains(&x) && (5..15).contains(&y));
        let big = mask_to_size(&mask, 80, 40);
        assert_eq!(big.pixels().filter(|p| p.0[0] == 255).count(), 400);
        assert_eq!(big.get_pixel(30, 20).0[0], 255);
        assert_eq!(big.get_pixel(18, 20).0[0], 0);
        let small = mask_to_size(&mask, 20, 10);
        assert_eq!(small.get_pixel(7, 5).0[0], 255);
        assert_eq!(small.get_pixel(2, 5).0[0], 0);
        assert!(big.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
    }
}
