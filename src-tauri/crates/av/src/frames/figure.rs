//! The figure layer: the cut-out drawing kept as premultiplied Y'CbCrA in whole numbers, scaled
//! once to its largest size in the scene, then per frame placed (moved, scaled, rotated,
//! mirrored) with bilinear sampling and blended over the background. Chroma is kept at half
//! size and sampled once per 2x2 block, as yuv420p stores it, which is a quarter of the chroma
//! work of sampling every pixel.

use std::ops::Range;

use image::imageops::{self, FilterType};
use image::{ImageBuffer, Rgba, RgbaImage};
use render::Placement;

use super::{rgb_to_ycbcr, CHROMA_HEIGHT, CHROMA_WIDTH, WIDTH};

/// Prepared figure planes never exceed this on a side.
const MAX_FIGURE_SIDE: u32 = 2048;

pub(super) struct FigureLayer {
    /// Premultiplied luma and alpha at the layer's size.
    luma: Plane<u32>,
    /// Premultiplied Cb, Cr and alpha at half the layer's size.
    chroma: Plane<u64>,
    /// The layer's centre in layer pixels (its size halved).
    centre: (f32, f32),
    /// Layer pixels per figure pixel across and down (the layer is the figure scaled by this;
    /// the two differ slightly as the layer's sides are rounded up to whole pixels).
    prescale: (f32, f32),
}

/// Texels with a one-texel clear border so bilinear taps never leave the buffer, their channels
/// packed as [`Lanes`].
pub(super) struct Plane<T> {
    width: usize,
    height: usize,
    texels: Vec<T>,
    /// For each texel, whether it or its right, lower or lower-right neighbour shows: a
    /// one-byte test that skips the clear parts of the figure's box without loading four texels.
    quad_shows: Vec<bool>,
    /// For each texel, whether it and its right, lower and lower-right neighbours are all
    /// opaque: there the figure covers the pixel whatever the weights, with no blending.
    quad_opaque: Vec<bool>,
    /// For each row of texels, the columns from the first to past the last whose quad shows
    /// (empty when none does): a row of output pixels is walked only where it may meet the figure.
    row_spans: Vec<(usize, usize)>,
}

/// Fixed-point fraction bits of layer coordinates while drawing.
pub(super) const POSITION_BITS: u32 = 16;
/// Bits of the sub-texel position the bilinear weights use: sixteenths of a pixel are far below
/// what the eye sees move, and keep every weight product within a lane.
const WEIGHT_BITS: u32 = 4;
const WEIGHT_ONE: u32 = 1 << WEIGHT_BITS;

/// A texel's channels as bytes, each in its own 16-bit lane of one whole number. A byte times a
/// bilinear weight (the four weights sum to 256) stays below 65536, so no lane carries into the
/// next and one multiplication weighs every channel: whole numbers in lanes keep the per-pixel
/// work (millions of pixels per second) to a few instructions.
pub(super) trait Lanes: Copy + Default {
    /// The channels in lanes.
    fn pack(bytes: &[u8]) -> Self;
    /// The four taps weighed by `weights`, back to a byte per lane, rounded.
    fn weigh(taps: [Self; 4], weights: [u32; 4]) -> Self;
    /// Lane `index`.
    fn lane(self, index: u32) -> u32;
}

impl Lanes for u32 {
    fn pack(bytes: &[u8]) -> Self {
        bytes.iter().rev().fold(0, |packed, &byte| packed << 16 | u32::from(byte))
    }

    #[inline]
    fn weigh(taps: [Self; 4], weights: [u32; 4]) -> Self {
        let sum = taps[0] * weights[0] + taps[1] * weights[1] + taps[2] * weights[2] + taps[3] * weights[3];
        ((sum + 0x0080_0080) >> 8) & 0x00FF_00FF
    }

    #[inline]
    fn lane(self, index: u32) -> u32 {
        (self >> (16 * index)) & 0xFF
    }
}

impl Lanes for u64 {
    fn pack(bytes: &[u8]) -> Self {
        bytes.iter().rev().fold(0, |packed, &byte| packed << 16 | u64::from(byte))
    }

    #[inline]
    fn weigh(taps: [Self; 4], weights: [u32; 4]) -> Self {
        let weights = weights.map(u64::from);
        let sum = taps[0] * weights[0] + taps[1] * weights[1] + taps[2] * weights[2] + taps[3] * weights[3];
        ((sum + 0x0080_0080_0080) >> 8) & 0x00FF_00FF_00FF
    }

    #[inline]
    fn lane(self, index: u32) -> u32 {
        ((self >> (16 * index)) & 0xFF) as u32
    }
}

/// A 0..=1 value as a byte.
fn byte(value: f32) -> u8 {
    (value * 255.0).round().clamp(0.0, 255.0) as u8
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
    let luma = Plane::from_pixels(&layer, |[luma, _, _, alpha]| u32::pack(&[byte(luma), byte(alpha)]));
    let chroma =
        Plane::from_pixels(&half, |[_, cb, cr, alpha]| u64::pack(&[byte(cb), byte(cr), byte(alpha)]));
    let centre = (layer_w as f32 / 2.0, layer_h as f32 / 2.0);
    Some(FigureLayer {
        luma,
        chroma,
        centre,
        prescale: (layer_w as f32 / width as f32, layer_h as f32 / height as f32),
    })
}

impl FigureLayer {
    /// Layer pixels per figure pixel, across and down.
    pub(super) fn prescale(&self) -> (f32, f32) {
        self.prescale
    }

    pub(super) fn luma(&self) -> &Plane<u32> {
        &self.luma
    }

    pub(super) fn chroma(&self) -> &Plane<u64> {
        &self.chroma
    }
}

impl<T: Lanes> Plane<T> {
    /// Texels across, the border included.
    pub(super) fn width(&self) -> usize {
        self.width
    }

    /// Texels down, the border included.
    pub(super) fn height(&self) -> usize {
        self.height
    }

    /// Packs the premultiplied `image` with `pack`, which picks and quantizes its channels.
    fn from_pixels(image: &ImageBuffer<Rgba<f32>, Vec<f32>>, pack: impl Fn([f32; 4]) -> T) -> Self {
        let (width, height) = (image.width() as usize + 2, image.height() as usize + 2);
        let mut texels = vec![T::default(); width * height];
        let mut shows = vec![false; width * height];
        let mut opaque = vec![false; width * height];
        for (x, y, pixel) in image.enumerate_pixels() {
            let at = (y as usize + 1) * width + x as usize + 1;
            texels[at] = pack(pixel.0);
            shows[at] = byte(pixel.0[3]) > 0;
            opaque[at] = byte(pixel.0[3]) == 255;
        }
        let quad_shows = (0..texels.len())
            .map(|at| {
                [at, at + 1, at + width, at + width + 1].iter().any(|&texel| shows.get(texel) == Some(&true))
            })
            .collect::<Vec<bool>>();
        let quad_opaque = (0..texels.len())
            .map(|at| {
                [at, at + 1, at + width, at + width + 1].iter().all(|&texel| opaque.get(texel) == Some(&true))
            })
            .collect::<Vec<bool>>();
        let row_spans = quad_shows
            .chunks(width)
            .map(|row| match (row.iter().position(|&shows| shows), row.iter().rposition(|&shows| shows)) {
                (Some(first), Some(last)) => (first, last + 1),
                _ => (0, 0),
            })
            .collect();
        Self { width, height, texels, quad_shows, quad_opaque, row_spans }
    }

    /// The steps `0..count` of a walk from fixed-point plane position `start` by `step` whose
    /// four taps lie inside the plane, on rows where the figure shows, between the columns
    /// where it does: the rest of the walk can only sample clear texels.
    fn steps_that_may_show(&self, start: (i64, i64), step: (i64, i64), count: usize) -> Range<usize> {
        let one = 1i64 << POSITION_BITS;
        let inside_x = steps_within(start.0, step.0, 0..(self.width as i64 - 1) * one, count);
        let inside_y = steps_within(start.1, step.1, 0..(self.height as i64 - 1) * one, count);
        let inside = inside_x.start.max(inside_y.start)..inside_x.end.min(inside_y.end);
        if inside.is_empty() {
            return 0..0;
        }
        let row_at = |k: usize| ((start.1 + k as i64 * step.1) >> POSITION_BITS) as usize;
        let (first_row, last_row) = (row_at(inside.start), row_at(inside.end - 1));
        let rows = first_row.min(last_row)..=first_row.max(last_row);
        let (first, end) = self.row_spans[rows]
            .iter()
            .filter(|(first, end)| first < end)
            .fold((usize::MAX, 0), |(low, high), &(first, end)| (low.min(first), high.max(end)));
        if first >= end {
            return 0..0;
        }
        let showing = steps_within(start.0, step.0, first as i64 * one..end as i64 * one, count);
        inside.start.max(showing.start)..inside.end.min(showing.end).max(inside.start.max(showing.start))
    }

    /// Bilinear sample at fixed-point plane coordinates (texel centres, shifted by the border),
    /// which [`Self::steps_that_may_show`] found inside the plane; `None` where all four taps
    /// are clear.
    #[inline]
    pub(super) fn sample(&self, px: i64, py: i64) -> Option<(T, bool)> {
        let at = (py >> POSITION_BITS) as usize * self.width + (px >> POSITION_BITS) as usize;
        if !self.quad_shows[at] {
            return None;
        }
        let fraction =
            |position: i64| ((position >> (POSITION_BITS - WEIGHT_BITS)) as u32) & (WEIGHT_ONE - 1);
        let (fx, fy) = (fraction(px), fraction(py));
        let (gx, gy) = (WEIGHT_ONE - fx, WEIGHT_ONE - fy);
        // One bounds check for the four taps.
        let quad = &self.texels[at..at + self.width + 2];
        let taps = [quad[0], quad[1], quad[self.width], quad[self.width + 1]];
        Some((T::weigh(taps, [gx * gy, fx * gy, gx * fy, fx * fy]), self.quad_opaque[at]))
    }
}

/// The steps `k` in `0..count` for which `start + k * step` lies in `within`.
fn steps_within(start: i64, step: i64, within: Range<i64>, count: usize) -> Range<usize> {
    let (first, end) = match step.cmp(&0) {
        std::cmp::Ordering::Equal if within.contains(&start) => (0, count as i64),
        std::cmp::Ordering::Equal => (0, 0),
        // First k with start + k * step >= low; first k with start + k * step >= high.
        std::cmp::Ordering::Greater => {
            let first_at_least = |bound: i64| -(start - bound).div_euclid(step);
            (first_at_least(within.start), first_at_least(within.end))
        }
        // First k with start + k * step < high; first k with start + k * step < low.
        std::cmp::Ordering::Less => {
            let first_below = |bound: i64| (start - bound).div_euclid(-step) + 1;
            (first_below(within.end), first_below(within.start))
        }
    };
    let clamp = |k: i64| k.clamp(0, count as i64) as usize;
    clamp(first)..clamp(end).max(clamp(first))
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

/// Premultiplied `value` with `alpha` (bytes) over `under`.
#[inline]
pub(super) fn over(value: u32, alpha: u32, under: u8) -> u8 {
    // under * (255 - alpha) / 255, rounded, without a division.
    let shown = u32::from(under) * (255 - alpha.min(255)) + 128;
    (value + ((shown + (shown >> 8)) >> 8)).min(255) as u8
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
    let scale = placement.scale;
    let (sin, cos) = placement.rotation_deg.to_radians().sin_cos();
    let usable = [scale, sin, cos, placement.center_x, placement.center_y].iter().all(|v| v.is_finite());
    if !usable || scale <= 0.0 {
        return;
    }
    let (across, down) = layer.prescale;
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
        step_x_x: cos * inverse * mirror * across,
        step_x_y: -sin * inverse * down,
        step_y_x: sin * inverse * mirror * across,
        step_y_y: cos * inverse * down,
    };
    for y in 2 * by0..2 * by1 {
        // Pixel centres are at +0.5.
        let (px, py, step_px, step_py) =
            mapping.start_and_step(layer.centre, (2 * bx0) as f32 + 0.5, y as f32 + 0.5, 1.0);
        let walk = layer.luma.steps_that_may_show((px, py), (step_px, step_py), 2 * (bx1 - bx0));
        let (mut px, mut py) = (px + walk.start as i64 * step_px, py + walk.start as i64 * step_py);
        let row_start = y * WIDTH + 2 * bx0;
        for pixel in &mut luma[row_start + walk.start..row_start + walk.end] {
            if let Some((texel, opaque)) = layer.luma.sample(px, py) {
                *pixel =
                    if opaque { texel.lane(0) as u8 } else { over(texel.lane(0), texel.lane(1), *pixel) };
            }
            px += step_px;
            py += step_py;
        }
    }
    // A chroma sample covers a 2x2 block; its centre is the block's shared corner.
    for by in by0..by1 {
        let (px, py, step_px, step_py) =
            mapping.start_and_step(layer.centre, (2 * bx0 + 1) as f32, (2 * by + 1) as f32, 2.0);
        let (step_px, step_py) = (2 * step_px, 2 * step_py);
        let walk = layer.chroma.steps_that_may_show((px, py), (step_px, step_py), bx1 - bx0);
        let (mut px, mut py) = (px + walk.start as i64 * step_px, py + walk.start as i64 * step_py);
        let row = by * CHROMA_WIDTH + bx0 + walk.start..by * CHROMA_WIDTH + bx0 + walk.end;
        for (blue, red) in cb[row.clone()].iter_mut().zip(&mut cr[row]) {
            if let Some((texel, _)) = layer.chroma.sample(px, py) {
                let alpha = texel.lane(2);
                *blue = over(texel.lane(0), alpha, *blue);
                *red = over(texel.lane(1), alpha, *red);
            }
            px += step_px;
            py += step_py;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_within_matches_walking_every_step() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |range: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % (2 * range as u64 + 1)) as i64 - range
        };
        for _ in 0..20_000 {
            let (start, step) = (next(5_000), next(300));
            let low = next(4_000);
            let within = low..low + next(3_000).abs();
            let count = next(40).unsigned_abs() as usize;
            let walked: Vec<usize> =
                (0..count).filter(|&k| within.contains(&(start + k as i64 * step))).collect();
            let found = steps_within(start, step, within.clone(), count);
            assert_eq!(
                found.collect::<Vec<_>>(),
                walked,
                "start {start} step {step} within {within:?} count {count}"
            );
        }
    }

    #[test]
    fn packed_lanes_weigh_each_channel_on_its_own() {
        let mut value = 7u32;
        let mut next_byte = || {
            value = value.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (value >> 16) as u8
        };
        for _ in 0..10_000 {
            let taps: [[u8; 3]; 4] = std::array::from_fn(|_| [next_byte(), next_byte(), next_byte()]);
            let (fx, fy) = (u32::from(next_byte()) % WEIGHT_ONE, u32::from(next_byte()) % WEIGHT_ONE);
            let (gx, gy) = (WEIGHT_ONE - fx, WEIGHT_ONE - fy);
            let weights = [gx * gy, fx * gy, gx * fy, fx * fy];
            let wide = u64::weigh(taps.map(|tap| u64::pack(&tap)), weights);
            let narrow = u32::weigh(taps.map(|tap| u32::pack(&tap[..2])), weights);
            for channel in 0..3 {
                let exact: u32 = (0..4).map(|tap| u32::from(taps[tap][channel]) * weights[tap]).sum();
                let rounded = (exact + 128) >> 8;
                assert_eq!(wide.lane(channel as u32), rounded, "{taps:?} {weights:?} channel {channel}");
                if channel < 2 {
                    assert_eq!(
                        narrow.lane(channel as u32),
                        rounded,
                        "{taps:?} {weights:?} channel {channel}"
                    );
                }
            }
        }
    }

    #[test]
    fn over_blends_like_the_formula() {
        for alpha in 0..=255u32 {
            for under in [0u8, 1, 77, 128, 254, 255] {
                let value = alpha * 200 / 255;
                let exact = f64::from(value) + f64::from(under) * f64::from(255 - alpha) / 255.0;
                let made = f64::from(over(value, alpha, under));
                assert!((made - exact).abs() <= 0.5 + 1e-9, "alpha {alpha} under {under}: {made} vs {exact}");
            }
        }
    }

    #[test]
    fn a_walk_skips_only_steps_that_cannot_show() {
        // A ring: clear in the middle and around it, so rows have clear texels on both sides.
        let figure = RgbaImage::from_fn(60, 40, |x, y| {
            let distance = ((x as f32 - 30.0).powi(2) + (y as f32 - 20.0).powi(2)).sqrt();
            Rgba([200, 100, 50, if (8.0..16.0).contains(&distance) { 255 } else { 0 }])
        });
        let place = Placement { center_x: 0.0, center_y: 0.0, scale: 1.0, rotation_deg: 0.0, flip: false };
        let layer = figure_layer(&figure, &place, &place).expect("a figure");
        let plane = &layer.luma;
        let one = 1i64 << POSITION_BITS;
        for (start, step) in
            [((-3 * one, 10 * one), (one / 3, one / 50)), ((70 * one, 30 * one), (-one / 2, -one / 9))]
        {
            let count = 200;
            let walk = plane.steps_that_may_show(start, step, count);
            assert!(!walk.is_empty());
            for k in (0..count).filter(|k| !walk.contains(k)) {
                let (px, py) = (start.0 + k as i64 * step.0, start.1 + k as i64 * step.1);
                let (ix, iy) = (px >> POSITION_BITS, py >> POSITION_BITS);
                let inside =
                    (0..plane.width as i64 - 1).contains(&ix) && (0..plane.height as i64 - 1).contains(&iy);
                assert!(!inside || plane.sample(px, py).is_none(), "step {k} was skipped but shows");
            }
        }
    }
}
