//! The figure layer: the cut-out drawing kept as premultiplied Y'CbCrA in whole numbers, scaled
//! once to its largest size in the scene, then per frame placed (moved, scaled, rotated,
//! mirrored) with bilinear sampling and blended over the background; chroma from each 2x2
//! block's average.

use image::imageops::{self, FilterType};
use image::{ImageBuffer, Rgba, RgbaImage};
use render::Placement;

use super::{rgb_to_ycbcr, CHROMA_HEIGHT, CHROMA_WIDTH, WIDTH};

/// Prepared figure planes never exceed this on a side.
const MAX_FIGURE_SIDE: u32 = 2048;

pub(super) struct FigureLayer {
    /// Size including a one-texel clear border, so bilinear taps never leave the buffer.
    width: usize,
    height: usize,
    /// Premultiplied luma, Cb and Cr in sixteenths of a code value (0..=4080) and alpha in
    /// 1/4096ths: whole numbers keep the per-pixel work (millions of pixels per second) in
    /// integer arithmetic.
    texels: Vec<[u32; 4]>,
    /// For each texel, whether it or its right, lower or lower-right neighbour shows: a
    /// one-byte test that skips the clear parts of the figure's box without loading four texels.
    quad_shows: Vec<bool>,
    /// Layer pixels per figure pixel (the layer is the figure scaled by this).
    prescale: f32,
}

/// Fixed-point fraction bits of layer coordinates while drawing.
const POSITION_BITS: u32 = 16;
/// One code value of luma or chroma in texel units.
const VALUE_ONE: u32 = 16;
/// Full opacity in texel units.
const ALPHA_ONE: u32 = 4096;

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
    let mut texels = vec![[0u32; 4]; padded_w * padded_h];
    let quantize = |value: f32, one: f32| (value * one).round().clamp(0.0, one) as u32;
    for (x, y, pixel) in layer.enumerate_pixels() {
        let [luma, cb, cr, alpha] = pixel.0;
        let value_one = 255.0 * VALUE_ONE as f32;
        texels[(y as usize + 1) * padded_w + x as usize + 1] = [
            quantize(luma, value_one),
            quantize(cb, value_one),
            quantize(cr, value_one),
            quantize(alpha, ALPHA_ONE as f32),
        ];
    }
    let quad_shows = (0..texels.len())
        .map(|at| {
            [at, at + 1, at + padded_w, at + padded_w + 1]
                .iter()
                .any(|&texel| texels.get(texel).is_some_and(|texel| texel[3] > 0))
        })
        .collect();
    Some(FigureLayer {
        width: padded_w,
        height: padded_h,
        texels,
        quad_shows,
        prescale: layer_w as f32 / width as f32,
    })
}

impl FigureLayer {
    /// Bilinear sample at fixed-point layer coordinates (pixel centres, shifted by the border);
    /// `None` outside the layer or where all four taps are clear.
    #[inline]
    fn sample(&self, px: i64, py: i64) -> Option<[u32; 4]> {
        let (ix, iy) = (px >> POSITION_BITS, py >> POSITION_BITS);
        if ix < 0 || iy < 0 || ix as usize >= self.width - 1 || iy as usize >= self.height - 1 {
            return None;
        }
        let at = iy as usize * self.width + ix as usize;
        if !self.quad_shows[at] {
            return None;
        }
        // 8-bit sub-texel weights; the four sum to 65536.
        let fraction = |position: i64| ((position >> (POSITION_BITS - 8)) & 0xFF) as u32;
        let (fx, fy) = (fraction(px), fraction(py));
        let weights = [(256 - fx) * (256 - fy), fx * (256 - fy), (256 - fx) * fy, fx * fy];
        let taps = [at, at + 1, at + self.width, at + self.width + 1].map(|i| self.texels[i]);
        Some(std::array::from_fn(|c| {
            (taps[0][c] * weights[0]
                + taps[1][c] * weights[1]
                + taps[2][c] * weights[2]
                + taps[3][c] * weights[3]
                + 32_768)
                >> 16
        }))
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
    let fixed = |value: f32| (f64::from(value) * f64::from(1u32 << POSITION_BITS)).round() as i64;
    let (step_px, step_py) = (fixed(step_x_x), fixed(step_x_y));
    let mut chroma_sums = vec![[0u32; 3]; bx1 - bx0];
    for by in by0..by1 {
        chroma_sums.iter_mut().for_each(|sum| *sum = [0; 3]);
        for y in [2 * by, 2 * by + 1] {
            let dy = y as f32 + 0.5 - placement.center_y;
            let first_x = (2 * bx0) as f32 + 0.5 - placement.center_x;
            let mut px = fixed(centre_x + first_x * step_x_x + dy * step_y_x);
            let mut py = fixed(centre_y + first_x * step_x_y + dy * step_y_y);
            let row = &mut luma[y * WIDTH + 2 * bx0..y * WIDTH + 2 * bx1];
            for (offset, pixel) in row.iter_mut().enumerate() {
                if let Some([value, blue, red, alpha]) = layer.sample(px, py) {
                    let blended = value * (ALPHA_ONE / VALUE_ONE) + u32::from(*pixel) * (ALPHA_ONE - alpha);
                    *pixel = ((blended + ALPHA_ONE / 2) / ALPHA_ONE).min(255) as u8;
                    let sum = &mut chroma_sums[offset / 2];
                    sum[0] += blue;
                    sum[1] += red;
                    sum[2] += alpha;
                }
                px += step_px;
                py += step_py;
            }
        }
        // Each chroma sample averages its 2x2 block's four figure samples.
        let block_alpha = 4 * ALPHA_ONE;
        let blend = |sum: u32, under: u8, alpha: u32| {
            let blended = sum * (ALPHA_ONE / VALUE_ONE) + u32::from(under) * (block_alpha - alpha);
            ((blended + block_alpha / 2) / block_alpha).min(255) as u8
        };
        let start = by * CHROMA_WIDTH + bx0;
        let end = by * CHROMA_WIDTH + bx1;
        for ((sum, cb), cr) in chroma_sums.iter().zip(&mut cb[start..end]).zip(&mut cr[start..end]) {
            if sum[2] > 0 {
                *cb = blend(sum[0], *cb, sum[2]);
                *cr = blend(sum[1], *cr, sum[2]);
            }
        }
    }
}
