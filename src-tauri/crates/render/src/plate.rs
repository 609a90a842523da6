//! The paper under the figure: where the page's own colour is, and the clean plate with the
//! figure painted out of it, so a moving figure never leaves a ghost of itself behind.

use image::{GrayImage, RgbaImage};

use crate::noise::value_noise;
use crate::paint::Rgb;
use crate::plane::{push_pull_fill, Plane};

/// Long side of the grid the paper colour is estimated on; paper light changes slowly.
const PAPER_GRID: usize = 256;

/// The local paper colour across the page, known even under the figure.
#[derive(Debug, Clone)]
pub struct PaperField {
    /// Pixels of the full drawing per grid cell.
    factor: usize,
    channels: [Plane; 3],
    /// 1 where the figure (grown a little) covers the grid, 0 on clear paper.
    covered: Plane,
    /// The page's typical paper colour.
    pub typical: Rgb,
}

impl PaperField {
    pub fn estimate(drawing: &RgbaImage, mask: &GrayImage) -> Self {
        let (width, height) = (drawing.width() as usize, drawing.height() as usize);
        let factor = width.max(height).div_ceil(PAPER_GRID).max(1);
        let channel = |c: usize| {
            Plane::from_fn(width, height, |x, y| drawing.get_pixel(x as u32, y as u32)[c] as f32 / 255.0)
                .shrink(factor)
        };
        let channels = [channel(0), channel(1), channel(2)];
        let figure =
            Plane::from_fn(width, height, |x, y| mask.get_pixel(x as u32, y as u32)[0] as f32 / 255.0)
                .shrink(factor);

        // Grow the figure by about 1% of the page (at least one cell) so its anti-aliased rim and
        // any halo go too.
        let grow = ((width.max(height) as f32 * 0.012) / factor as f32).ceil().max(1.0) as usize;
        let touched = Plane {
            values: figure.values.iter().map(|v| if *v > 0.01 { 1.0 } else { 0.0 }).collect(),
            ..figure
        };
        let covered = touched.dilate(grow);

        let luma = |i: usize| {
            0.299 * channels[0].values[i] + 0.587 * channels[1].values[i] + 0.114 * channels[2].values[i]
        };
        let mut clear_lumas: Vec<f32> =
            (0..covered.values.len()).filter(|&i| covered.values[i] < 0.5).map(luma).collect();
        let paper_luma = percentile(&mut clear_lumas, 0.8).unwrap_or(0.92).max(0.05);

        // Clear paper counts fully; ink and shadows outside the figure count less.
        let weights = Plane {
            values: (0..covered.values.len())
                .map(|i| {
                    let relative = luma(i) / paper_luma;
                    (1.0 - covered.values[i]) * smoothstep(0.72, 0.9, relative)
                })
                .collect(),
            ..covered.clone()
        };
        let filled: [Plane; 3] = [0, 1, 2].map(|c| push_pull_fill(&channels[c], &weights).blur(1, 2));

        let typical = typical_colour(&filled, &weights);
        Self { factor, channels: filled, covered: covered.blur(1, 1), typical }
    }

    /// The paper colour at full-resolution pixel (x, y).
    pub fn at(&self, x: f32, y: f32) -> Rgb {
        let (gx, gy) = (x / self.factor as f32, y / self.factor as f32);
        Rgb(self.channels[0].sample(gx, gy), self.channels[1].sample(gx, gy), self.channels[2].sample(gx, gy))
    }

    /// How much of the figure's grown, feathered area covers full-resolution pixel (x, y).
    pub fn coverage(&self, x: f32, y: f32) -> f32 {
        self.covered.sample(x / self.factor as f32, y / self.factor as f32)
    }
}

/// The drawing with the figure replaced by the local paper colour.
pub fn build_plate(drawing: &RgbaImage, mask: &GrayImage, paper: &PaperField) -> RgbaImage {
    let mut plate = RgbaImage::new(drawing.width(), drawing.height());
    for (x, y, out) in plate.enumerate_pixels_mut() {
        let source = Rgb::from_rgba(*drawing.get_pixel(x, y));
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        let figure = mask.get_pixel(x, y)[0] as f32 / 255.0;
        let cover = smoothstep(0.0, 0.85, paper.coverage(px, py)).max(figure);
        let colour = if cover > 0.0 {
            // A touch of fibre so the filled patch has the paper's texture, not a flat smear.
            let fibre = 1.0 + 0.012 * (value_noise(0x9A9E, px / 1.5, py / 1.5, 0) * 2.0 - 1.0);
            source.mix(paper.at(px, py).scale(fibre), cover)
        } else {
            source
        };
        *out = colour.to_rgba();
    }
    plate
}

fn typical_colour(channels: &[Plane; 3], weights: &Plane) -> Rgb {
    let mut sums = [0.0f64; 3];
    let mut total = 0.0f64;
    for (i, weight) in weights.values.iter().enumerate() {
        let weight = *weight as f64;
        for (c, sum) in sums.iter_mut().enumerate() {
            *sum += channels[c].values[i] as f64 * weight;
        }
        total += weight;
    }
    if total <= 0.0 {
        return Rgb(0.95, 0.94, 0.9);
    }
    Rgb((sums[0] / total) as f32, (sums[1] / total) as f32, (sums[2] / total) as f32)
}

pub fn percentile(values: &mut [f32], fraction: f32) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    let index = ((values.len() - 1) as f32 * fraction.clamp(0.0, 1.0)).round() as usize;
    let (_, value, _) = values.select_nth_unstable_by(index, |a, b| a.total_cmp(b));
    Some(*value)
}

pub fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}
