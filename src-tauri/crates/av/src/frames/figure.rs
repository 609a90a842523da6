//! The figure layer: the cut-out drawing kept as premultiplied Y'CbCrA floats, scaled once to
//! its largest size in the scene, then per frame placed (moved, scaled, rotated, mirrored) with
//! bilinear sampling and blended over the background; chroma from each 2x2 block's average.

use image::imageops::{self, FilterType};
use image::{ImageBuffer, Rgba, RgbaImage};
use render::Placement;

use super::{rgb_to_ycbcr, to_u8, CHROMA_HEIGHT, CHROMA_WIDTH, WIDTH};

/// Prepared figure planes never exceed this on a side.
const MAX_FIGURE_SIDE: u32 = 2048;

pub(super) struct FigureLayer {
    /// Size including a one-texel clear border, so bilinear taps never leave the buffer.
    width: usize,
    height: usize,
    /// Premultiplied luma, Cb, Cr (each 0..1 times alpha) and alpha.
    pixels: Vec<[f32; 4]>,
    /// For each texel, whether it or its right, lower or lower-right neighbour shows: a
    /// one-byte test that skips the clear parts of the figure's box without loading four texels.
    quad_shows: Vec<bool>,
    /// Layer pixels per figure pixel (the layer is the figure scaled by this).
    prescale: f32,
}

/// Prepares `figure` for placements between `start` and `end`. `None` when there is nothing to
/// draw (an empty figure or an unusable scale).
pub(super) fn figure_layer(figure: &RgbaImage, start: &Placement, end: &Placement) -> Option<FigureLayer> {
    let (width, height) = figure.dimensions();
    let largest = start.scale.max(end.scale);
    if width == 0 || height == 0 || !(largest.is_finite() && largest > 0.0) {
        return None;
    }
    let premultiplied: ImageBuffer<Rgba<f32>, Vec<f32>> = ImageBuffer::from_fn(width, height, |x, y| {
        let pixel = figure.get_pixel(x, y);
        let alpha = f32::from(pixel[3]) / 255.0;
        let [luma, cb, cr] = rgb_to_ycbcr(pixel[0], pixel[1], pixel[2]);
        Rgba([luma / 255.0 * alpha, cb / 255.0 * alpha, cr / 255.0 * alpha, alpha])
    });
    // Shrinking here with a proper filter keeps the per-frame sampling from aliasing.
    let factor = largest.min(MAX_FIGURE_SIDE as f32 / width.max(height) as f32);
    let layer = if factor < 1.0 {
        let target_w = ((width as f32 * factor).ceil() as u32).clamp(1, MAX_FIGURE_SIDE);
        let target_h = ((height as f32 * factor).ceil() as u32).clamp(1, MAX_FIGURE_SIDE);
        imageops::resize(&premultiplied, target_w, target_h, FilterType::Triangle)
    } else {
        premultiplied
    };
    let (layer_w, layer_h) = (layer.width() as usize, layer.height() as usize);
    let (padded_w, padded_h) = (layer_w + 2, layer_h + 2);
    let mut pixels = vec![[0f32; 4]; padded_w * padded_h];
    for (x, y, pixel) in layer.enumerate_pixels() {
        pixels[(y as usize + 1) * padded_w + x as usize + 1] = pixel.0;
    }
    let quad_shows = (0..pixels.len())
        .map(|at| {
            [at, at + 1, at + padded_w, at + padded_w + 1]
                .iter()
                .any(|&texel| pixels.get(texel).is_some_and(|pixel| pixel[3] > 0.0))
        })
        .collect();
    Some(FigureLayer {
        width: padded_w,
        height: padded_h,
        pixels,
        quad_shows,
        prescale: layer_w as f32 / width as f32,
    })
}

impl FigureLayer {
    /// Bilinear sample at layer pixel-centre coordinates shifted by the border; clear outside.
    #[inline]
    fn sample(&self, px: f32, py: f32) -> Option<[f32; 4]> {
        if !(px >= 0.0 && py >= 0.0 && px < (self.width - 1) as f32 && py < (self.height - 1) as f32) {
            return None;
        }
        let (ix, iy) = (px as usize, py as usize);
        let (fx, fy) = (px - ix as f32, py - iy as f32);
        let at = iy * self.width + ix;
        if !self.quad_shows[at] {
            return None;
        }
        let (t00, t10, t01, t11) = (
            self.pixels[at],
            self.pixels[at + 1],
            self.pixels[at + self.width],
            self.pixels[at + self.width + 1],
        );
        let (w00, w10, w01, w11) = ((1.0 - fx) * (1.0 - fy), fx * (1.0 - fy), (1.0 - fx) * fy, fx * fy);
        Some(std::array::from_fn(|c| t00[c] * w00 + t10[c] * w10 + t01[c] * w01 + t11[c] * w11))
    }
}

/// Draws the figure at `placement` over the yuv420p planes.
pub(super) fn draw_figure(
    layer: &FigureLayer,
    figure_size: (u32, u32),
    placement: &Placement,
    luma: &mut [u8],
    cb: &mut [u8],
    cr: &mut [u8],
) {
    let scale = placement.scale * layer.prescale.recip();
    let (sin, cos) = placement.rotation_deg.to_radians().sin_cos();
    let usable = [scale, sin, cos, placement.center_x, placement.center_y].iter().all(|v| v.is_finite());
    if !usable || scale <= 0.0 {
        return;
    }
    let (min_x, min_y, max_x, max_y) = placement.bounds(figure_size.0, figure_size.1);
    // Whole 2x2 blocks (plus a pixel of margin), so chroma and luma cover the same pixels.
    let block = |value: f32, limit: usize| ((value / 2.0).floor().max(0.0) as usize).min(limit);
    let (bx0, bx1) = (block(min_x - 1.0, CHROMA_WIDTH), block(max_x + 3.0, CHROMA_WIDTH));
    let (by0, by1) = (block(min_y - 1.0, CHROMA_HEIGHT), block(max_y + 3.0, CHROMA_HEIGHT));
    if bx0 >= bx1 || by0 >= by1 {
        return;
    }
    // Output pixel -> layer coordinates: undo the clockwise rotation, the scale and the mirror.
    let inverse = scale.recip();
    let mirror = if placement.flip { -1.0 } else { 1.0 };
    let (step_x_x, step_x_y) = (cos * inverse * mirror, -sin * inverse);
    let (step_y_x, step_y_y) = (sin * inverse * mirror, cos * inverse);
    // Layer centre in padded coordinates (pixel centres at +0.5, one texel of border).
    let centre_x = (layer.width - 2) as f32 / 2.0 - 0.5 + 1.0;
    let centre_y = (layer.height - 2) as f32 / 2.0 - 0.5 + 1.0;
    let mut chroma_sums = vec![[0f32; 3]; bx1 - bx0];
    for by in by0..by1 {
        chroma_sums.iter_mut().for_each(|sum| *sum = [0.0; 3]);
        for y in [2 * by, 2 * by + 1] {
            let dy = y as f32 + 0.5 - placement.center_y;
            let first_x = (2 * bx0) as f32 + 0.5 - placement.center_x;
            let mut px = centre_x + first_x * step_x_x + dy * step_y_x;
            let mut py = centre_y + first_x * step_x_y + dy * step_y_y;
            let row = &mut luma[y * WIDTH + 2 * bx0..y * WIDTH + 2 * bx1];
            for (offset, pixel) in row.iter_mut().enumerate() {
                if let Some(texel) = layer.sample(px, py) {
                    *pixel = to_u8(texel[0] * 255.0 + f32::from(*pixel) * (1.0 - texel[3]));
                    let sum = &mut chroma_sums[offset / 2];
                    sum[0] += texel[1];
                    sum[1] += texel[2];
                    sum[2] += texel[3];
                }
                px += step_x_x;
                py += step_x_y;
            }
        }
        let start = by * CHROMA_WIDTH + bx0;
        let end = by * CHROMA_WIDTH + bx1;
        for ((sum, cb), cr) in chroma_sums.iter().zip(&mut cb[start..end]).zip(&mut cr[start..end]) {
            let alpha = sum[2] / 4.0;
            if alpha > 0.0 {
                *cb = to_u8(sum[0] / 4.0 * 255.0 + f32::from(*cb) * (1.0 - alpha));
                *cr = to_u8(sum[1] / 4.0 * 255.0 + f32::from(*cr) * (1.0 - alpha));
            }
        }
    }
}
