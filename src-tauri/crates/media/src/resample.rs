//! Resizing 8-bit pictures with a separable filter in fixed point, split across cores. A phone
//! photo is 12 megapixels; the generic resizer spends most of an upload shrinking it.

use image::{ImageBuffer, Pixel};

/// The filter's shape; its support widens with the shrink factor so shrinking also averages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Sharp; for pictures people look at.
    Lanczos3,
    /// Soft and cheap; for analysis.
    Triangle,
}

impl Filter {
    fn radius(self) -> f32 {
        match self {
            Self::Lanczos3 => 3.0,
            Self::Triangle => 1.0,
        }
    }

    fn weight(self, x: f32) -> f32 {
        let x = x.abs();
        match self {
            Self::Lanczos3 if x < 3.0 => sinc(x) * sinc(x / 3.0),
            Self::Triangle if x < 1.0 => 1.0 - x,
            _ => 0.0,
        }
    }
}

fn sinc(x: f32) -> f32 {
    if x < 1e-6 {
        1.0
    } else {
        let px = std::f32::consts::PI * x;
        px.sin() / px
    }
}

/// Fixed-point scale of the weights: sums of 8-bit samples times weights stay far inside i32.
const PRECISION_BITS: u32 = 14;

/// For each output sample: the first source sample it reads and its weights (fixed point).
struct Taps {
    starts: Vec<usize>,
    weights: Vec<i32>,
    per_output: usize,
}

fn taps(source: usize, target: usize, filter: Filter) -> Taps {
    let scale = source as f32 / target as f32;
    let stretch = scale.max(1.0);
    let support = filter.radius() * stretch;
    let per_output = ((support * 2.0).ceil() as usize + 1).min(source.max(1));
    let mut starts = Vec::with_capacity(target);
    let mut weights = Vec::with_capacity(target * per_output);
    let mut row = vec![0.0f32; per_output];
    for i in 0..target {
        let centre = (i as f32 + 0.5) * scale;
        let first = ((centre - support).floor().max(0.0) as usize).min(source - per_output);
        let mut total = 0.0;
        for (k, w) in row.iter_mut().enumerate() {
            let at = (first + k) as f32 + 0.5;
            *w = filter.weight((at - centre) / stretch);
            total += *w;
        }
        if total.abs() < 1e-6 {
            // Cannot happen for these filters, but an all-zero row must still read something.
            row.fill(0.0);
            let nearest = (centre as usize).clamp(first, first + per_output - 1) - first;
            row[nearest] = 1.0;
            total = 1.0;
        }
        starts.push(first);
        weights.extend(row.iter().map(|w| (w / total * (1 << PRECISION_BITS) as f32).round() as i32));
    }
    Taps { starts, weights, per_output }
}

fn clamp_to_u8(sum: i32) -> u8 {
    ((sum + (1 << (PRECISION_BITS - 1))) >> PRECISION_BITS).clamp(0, 255) as u8
}

/// Splits `rows` of `row_len` values across the available cores and runs `work` on each band
/// with the index of its first row.
fn in_bands(out: &mut [u8], row_len: usize, work: impl Fn(usize, &mut [u8]) + Sync) {
    let rows = out.len() / row_len.max(1);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let per_band = rows.div_ceil(threads).max(64);
    if rows <= per_band || row_len == 0 {
        work(0, out);
        return;
    }
    std::thread::scope(|scope| {
        for (band, chunk) in out.chunks_mut(per_band * row_len).enumerate() {
            let work = &work;
            scope.spawn(move || work(band * per_band, chunk));
        }
    });
}

/// Resizes an 8-bit picture with `channels` interleaved channels, in the pass order whose
/// in-between picture is smaller: besides the source and the result, memory is that picture
/// (at most the new long side times the old short side) and tap tables of about six entries per
/// source sample along each side.
fn resize_raw(
    source: &[u8],
    (width, height): (usize, usize),
    (new_width, new_height): (usize, usize),
    channels: usize,
    filter: Filter,
) -> Vec<u8> {
    if new_width * height <= width * new_height {
        let across = horizontal(source, (width, height), new_width, channels, filter);
        vertical(&across, (new_width, height), new_height, channels, filter)
    } else {
        let down = vertical(source, (width, height), new_height, channels, filter);
        horizontal(&down, (width, new_height), new_width, channels, filter)
    }
}

/// Every row to `new_width`.
fn horizontal(
    source: &[u8],
    (width, height): (usize, usize),
    new_width: usize,
    channels: usize,
    filter: Filter,
) -> Vec<u8> {
    let across = taps(width, new_width, filter);
    let mut out = vec![0u8; new_width * height * channels];
    in_bands(&mut out, new_width * channels, |first_row, band| {
        for (r, out_row) in band.chunks_exact_mut(new_width * channels).enumerate() {
            let y = first_row + r;
            let in_row = &source[y * width * channels..(y + 1) * width * channels];
            for (x, out_pixel) in out_row.chunks_exact_mut(channels).enumerate() {
                let start = across.starts[x];
                let weights = &across.weights[x * across.per_output..(x + 1) * across.per_output];
                let mut sums = [0i32; 4];
                for (k, &w) in weights.iter().enumerate() {
                    let pixel = &in_row[(start + k) * channels..(start + k + 1) * channels];
                    for c in 0..channels {
                        sums[c] += i32::from(pixel[c]) * w;
                    }
                }
                for c in 0..channels {
                    out_pixel[c] = clamp_to_u8(sums[c]);
                }
            }
        }
    });
    out
}

/// Every column to `new_height`, a whole output row at a time.
fn vertical(
    source: &[u8],
    (width, height): (usize, usize),
    new_height: usize,
    channels: usize,
    filter: Filter,
) -> Vec<u8> {
    let down = taps(height, new_height, filter);
    let row_len = width * channels;
    let mut out = vec![0u8; row_len * new_height];
    in_bands(&mut out, row_len, |first_row, band| {
        let mut sums = vec![0i32; row_len];
        for (r, out_row) in band.chunks_exact_mut(row_len).enumerate() {
            let y = first_row + r;
            let start = down.starts[y];
            let weights = &down.weights[y * down.per_output..(y + 1) * down.per_output];
            sums.fill(0);
            for (k, &w) in weights.iter().enumerate() {
                let in_row = &source[(start + k) * row_len..(start + k + 1) * row_len];
                for (sum, &value) in sums.iter_mut().zip(in_row) {
                    *sum += i32::from(value) * w;
                }
            }
            for (value, &sum) in out_row.iter_mut().zip(&sums) {
                *value = clamp_to_u8(sum);
            }
        }
    });
    out
}

/// `image` resized to `width` x `height` (each at least 1).
pub fn resize<P>(
    image: &ImageBuffer<P, Vec<u8>>,
    width: u32,
    height: u32,
    filter: Filter,
) -> ImageBuffer<P, Vec<u8>>
where
    P: Pixel<Subpixel = u8>,
{
    let (width, height) = (width.max(1), height.max(1));
    if image.width() == 0 || image.height() == 0 {
        return ImageBuffer::new(width, height);
    }
    if image.dimensions() == (width, height) {
        return image.clone();
    }
    let channels = usize::from(P::CHANNEL_COUNT);
    let data = resize_raw(
        image.as_raw(),
        (image.width() as usize, image.height() as usize),
        (width as usize, height as usize),
        channels,
        filter,
    );
    ImageBuffer::from_raw(width, height, data).unwrap_or_else(|| ImageBuffer::new(width, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma, Rgba, RgbaImage};

    #[test]
    fn a_flat_colour_stays_flat() {
        let image = RgbaImage::from_pixel(301, 199, Rgba([200, 100, 50, 255]));
        for filter in [Filter::Lanczos3, Filter::Triangle] {
            for (w, h) in [(100, 66), (700, 400), (301, 50), (1, 1)] {
                let out = resize(&image, w, h, filter);
                assert_eq!(out.dimensions(), (w, h));
                assert!(out.pixels().all(|p| *p == Rgba([200, 100, 50, 255])), "{filter:?} {w}x{h}");
            }
        }
    }

    #[test]
    fn shrinking_averages_fine_stripes() {
        // One-pixel black and white stripes shrunk four times become mid grey, not aliasing.
        let stripes = GrayImage::from_fn(400, 40, |x, _| Luma([if x % 2 == 0 { 0 } else { 255 }]));
        for filter in [Filter::Lanczos3, Filter::Triangle] {
            let small = resize(&stripes, 100, 10, filter);
            // Away from the ends, where the filter is cut short and cannot balance the stripes.
            for (x, _, pixel) in small.enumerate_pixels().filter(|(x, _, _)| (2..98).contains(x)) {
                assert!((120..=135).contains(&pixel.0[0]), "{filter:?} at {x}: {pixel:?}");
            }
        }
    }

    #[test]
    fn the_pass_order_changes_nothing_a_person_could_see() {
        let noisy: Vec<u8> =
            (0u32..300 * 200 * 3).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
        for filter in [Filter::Lanczos3, Filter::Triangle] {
            let across_first =
                vertical(&horizontal(&noisy, (300, 200), 70, 3, filter), (70, 200), 90, 3, filter);
            let down_first =
                horizontal(&vertical(&noisy, (300, 200), 90, 3, filter), (300, 90), 70, 3, filter);
            let worst = across_first.iter().zip(&down_first).map(|(a, b)| a.abs_diff(*b)).max();
            assert!(worst.is_some_and(|d| d <= 2), "{filter:?}: differ by {worst:?}");
        }
    }

    #[test]
    fn features_stay_in_place() {
        // A bright square in the left third stays in the left third at every size.
        let image = GrayImage::from_fn(300, 300, |x, y| {
            Luma([if (40..60).contains(&x) && (140..160).contains(&y) { 255 } else { 0 }])
        });
        let small = resize(&image, 30, 30, Filter::Lanczos3);
        let brightest = small.enumerate_pixels().max_by_key(|(_, _, p)| p.0[0]).map(|(x, y, _)| (x, y));
        assert!(matches!(brightest, Some((4..=5, 14..=15))), "{brightest:?}");
        let big = resize(&image, 600, 600, Filter::Triangle);
        assert_eq!(big.get_pixel(100, 300).0[0], 255);
        assert_eq!(big.get_pixel(300, 300).0[0], 0);
    }
}
