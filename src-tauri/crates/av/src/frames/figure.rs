//! The figure layer: the cut-out drawing kept as premultiplied Y'CbCrA in whole numbers, scaled
//! once to its largest size in the scene, then per frame placed (moved, scaled, rotated,
//! mirrored) with bilinear sampling and blended over the background. Chroma is kept at half
//! size and sampled once per 2x2 block, as yuv420p stores it, which is a quarter of the chroma
//! work of sampling every pixel.

use image::imageops::{self, FilterType};
use image::{ImageBuffer, Rgba, RgbaImage};
use render::Placement;

use super::{rgb_to_ycbcr, CHROMA_HEIGHT, CHROMA_WIDTH, WIDTH};

/// Prepared figure planes never exceed this on a side.
const MAX_FIGURE_SIDE: u32 = 2048;

pub(super) struct FigureLayer {
    /// Premultiplied luma and alpha at the layer's size.
    luma: Plane<2>,
    /// Premultiplied Cb, Cr and alpha at half the layer's size.
    chroma: Plane<3>,
    /// The layer's centre in layer pixels (its size halved).
    centre: (f32, f32),
    /// Layer pixels per figure pixel (the layer is the figure scaled by this).
    prescale: f32,
}

/// Texels with `N` channels, the last one alpha, and a one-texel clear border so bilinear taps
/// never leave the buffer. Colour values are in sixteenths of a code value (0..=4080) and alpha
/// in 1/4096ths: whole numbers keep the per-pixel work (millions of pixels per second) in
/// integer arithmetic.
struct Plane<const N: usize> {
    width: usize,
    height: usize,
    texels: Vec<[u32; N]>,
    /// For each texel, whether it or its right, lower or lower-right neighbour shows: a
    /// one-byte test that skips the clear parts of the figure's box without loading four texels.
    quad_shows: Vec<bool>,
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
    // Each chroma texel averages a 2x2 block of layer pixels (the last row and column of an odd
    // size average what there is), so chroma texel centres sit at even layer coordinates + 1.
    let (layer_w, layer_h) = layer.dimensions();
    let half = ImageBuffer::from_fn(layer_w.div_ceil(2), layer_h.div_ceil(2), |x, y| {
        let mut sum = [0.0f32; 4];
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            let (sx, sy) = ((2 * x + dx).min(layer_w - 1), (2 * y + dy).min(layer_h - 1));
            let pixel = layer.get_pixel(sx, sy).0;
            sum.iter_mut().zip(pixel).for_each(|(total, value)| *total += value / 4.0);
        }
        Rgba(sum)
    });
    let value_one = 255.0 * VALUE_ONE as f32;
    let alpha_one = ALPHA_ONE as f32;
    let luma = Plane::from_pixels(&layer, |[luma, _, _, alpha]| [(luma, value_one), (alpha, alpha_one)]);
    let chroma = Plane::from_pixels(&half, |[_, cb, cr, alpha]| {
        [(cb, value_one), (cr, value_one), (alpha, alpha_one)]
    });
    let centre = (layer_w as f32 / 2.0, layer_h as f32 / 2.0);
    Some(FigureLayer { luma, chroma, centre, prescale: layer_w as f32 / width as f32 })
}

impl<const N: usize> Plane<N> {
    /// Quantizes `image` with `channels`, which picks each channel's value and its full scale.
    fn from_pixels(
        image: &ImageBuffer<Rgba<f32>, Vec<f32>>,
        channels: impl Fn([f32; 4]) -> [(f32, f32); N],
    ) -> Self {
        let (width, height) = (image.width() as usize + 2, image.height() as usize + 2);
        let mut texels = vec![[0u32; N]; width * height];
        let quantize = |(value, one): (f32, f32)| (value * one).round().clamp(0.0, one) as u32;
        for (x, y, pixel) in image.enumerate_pixels() {
            texels[(y as usize + 1) * width + x as usize + 1] = channels(pixel.0).map(quantize);
        }
        let quad_shows = (0..texels.len())
            .map(|at| {
                [at, at + 1, at + width, at + width + 1]
                    .iter()
                    .any(|&texel| texels.get(texel).is_some_and(|texel| texel[N - 1] > 0))
            })
            .collect();
        Self { width, height, texels, quad_shows }
    }

    /// Bilinear sample at fixed-point plane coordinates (texel centres, shifted by the border);
    /// `None` outside the plane or where all four taps are clear.
    #[inline]
    fn sample(&self, px: i64, py: i64) -> Option<[u32; N]> {
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

impl Mapping {
    /// Fixed-point texel-centre position in a plane `1 / shrink` of the layer's size (whose
    /// centre is `layer_centre`) of output point (`x`, `y`), and the steps for one output pixel to
    /// the right.
    fn start_and_step(&self, layer_centre: (f32, f32), x: f32, y: f32, shrink: f32) -> (i64, i64, i64, i64) {
        let fixed = |value: f32| (f64::from(value) * f64::from(1u32 << POSITION_BITS)).round() as i64;
        let (dx, dy) = (x - self.centre_x, y - self.centre_y);
        let u = layer_centre.0 + dx * self.step_x_x + dy * self.step_y_x;
        let v = layer_centre.1 + dx * self.step_x_y + dy * self.step_y_y;
        // Texel i's centre is at i + 0.5 in plane units, and the border shifts indices by one.
        let index = |layer: f32| layer / shrink - 0.5 + 1.0;
        (fixed(index(u)), fixed(index(v)), fixed(self.step_x_x / shrink), fixed(self.step_x_y / shrink))
    }
}

/// Output pixel -> layer coordinates: undoes the placement's rotation, scale and mirror.
struct Mapping {
    centre_x: f32,
    centre_y: f32,
    step_x_x: f32,
    step_x_y: f32,
    step_y_x: f32,
    step_y_y: f32,
}

/// `value` over `under`, for premultiplied `value` and `alpha` in texel units.
#[inline]
fn over(value: u32, alpha: u32, under: u8) -> u8 {
    let blended = value * (ALPHA_ONE / VALUE_ONE) + u32::from(under) * (ALPHA_ONE - alpha);
    ((blended + ALPHA_ONE / 2) / ALPHA_ONE).min(255) as u8
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
    let inverse = scale.recip();
    let mirror = if placement.flip { -1.0 } else { 1.0 };
    let mapping = Mapping {
        centre_x: placement.center_x,
        centre_y: placement.center_y,
        step_x_x: cos * inverse * mirror,
        step_x_y: -sin * inverse,
        step_y_x: sin * inverse * mirror,
        step_y_y: cos * inverse,
    };
    for y in 2 * by0..2 * by1 {
        // Pixel centres are at +0.5.
        let (mut px, mut py, step_px, step_py) =
            mapping.start_and_step(layer.centre, (2 * bx0) as f32 + 0.5, y as f32 + 0.5, 1.0);
        for pixel in &mut luma[y * WIDTH + 2 * bx0..y * WIDTH + 2 * bx1] {
            if let Some([value, alpha]) = layer.luma.sample(px, py) {
                *pixel = over(value, alpha, *pixel);
            }
            px += step_px;
            py += step_py;
        }
    }
    // A chroma sample covers a 2x2 block; its centre is the block's shared corner.
    for by in by0..by1 {
        let (mut px, mut py, step_px, step_py) =
            mapping.start_and_step(layer.centre, (2 * bx0 + 1) as f32, (2 * by + 1) as f32, 2.0);
        let (step_px, step_py) = (2 * step_px, 2 * step_py);
        let row = by * CHROMA_WIDTH + bx0..by * CHROMA_WIDTH + bx1;
        for (blue, red) in cb[row.clone()].iter_mut().zip(&mut cr[row]) {
            if let Some([value_blue, value_red, alpha]) = layer.chroma.sample(px, py) {
                *blue = over(value_blue, alpha, *blue);
                *red = over(value_red, alpha, *red);
            }
            px += step_px;
            py += step_py;
        }
    }
}
