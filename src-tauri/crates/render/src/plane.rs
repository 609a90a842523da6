//! Single-channel float images and the few filters the figure, plate and styles share (blur,
//! grow, shrink, resample), kept separate so each is written and tested once.

/// One channel of values, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
}

impl Plane {
    pub fn new(width: usize, height: usize, value: f32) -> Self {
        Self { width, height, values: vec![value; width * height] }
    }

    pub fn from_fn(width: usize, height: usize, value: impl Fn(usize, usize) -> f32) -> Self {
        let mut values = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                values.push(value(x, y));
            }
        }
        Self { width, height, values }
    }

    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.values[y * self.width + x]
    }

    /// Bilinear sample at pixel-centre coordinates, clamped at the borders.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        if self.width == 0 || self.height == 0 {
            return 0.0;
        }
        let gx = (x - 0.5).clamp(0.0, (self.width - 1) as f32);
        let gy = (y - 0.5).clamp(0.0, (self.height - 1) as f32);
        let x0 = gx as usize;
        let y0 = gy as usize;
        let x1 = (x0 + 1).min(self.width - 1);
        let y1 = (y0 + 1).min(self.height - 1);
        let fx = gx - x0 as f32;
        let fy = gy - y0 as f32;
        let top = self.at(x0, y0) + (self.at(x1, y0) - self.at(x0, y0)) * fx;
        let bottom = self.at(x0, y1) + (self.at(x1, y1) - self.at(x0, y1)) * fx;
        top + (bottom - top) * fy
    }

    /// Box blur of the given radius, `passes` times (three passes look Gaussian).
    pub fn blur(&self, radius: usize, passes: usize) -> Plane {
        let mut out = self.clone();
        if radius == 0 {
            return out;
        }
        let mut scratch = vec![0.0; self.values.len()];
        for _ in 0..passes {
            box_pass(&out.values, &mut scratch, self.width, self.height, radius, true);
            box_pass(&scratch, &mut out.values, self.width, self.height, radius, false);
        }
        out
    }

    /// Each value becomes the maximum within a square of the given radius (grows bright areas).
    pub fn dilate(&self, radius: usize) -> Plane {
        self.extreme(radius, f32::max)
    }

    fn extreme(&self, radius: usize, pick: fn(f32, f32) -> f32) -> Plane {
        if radius == 0 {
            return self.clone();
        }
        let (w, h) = (self.width, self.height);
        let mut rows = vec![0.0; w * h];
        for y in 0..h {
            let row = &self.values[y * w..(y + 1) * w];
            for x in 0..w {
                let lo = x.saturating_sub(radius);
                let hi = (x + radius + 1).min(w);
                rows[y * w + x] = row[lo..hi].iter().copied().reduce(pick).unwrap_or(row[x]);
            }
        }
        let mut out = vec![0.0; w * h];
        for y in 0..h {
            let lo = y.saturating_sub(radius);
            let hi = (y + radius + 1).min(h);
            for x in 0..w {
                let mut best = rows[lo * w + x];
                for yy in lo + 1..hi {
                    best = pick(best, rows[yy * w + x]);
                }
                out[y * w + x] = best;
            }
        }
        Plane { width: w, height: h, values: out }
    }

    /// Averages `factor` x `factor` blocks (partial blocks at the edges count what they have).
    pub fn shrink(&self, factor: usize) -> Plane {
        let factor = factor.max(1);
        let w = self.width.div_ceil(factor);
        let h = self.height.div_ceil(factor);
        let mut sums = vec![0.0f32; w * h];
        let mut counts = vec![0u32; w * h];
        for y in 0..self.height {
            let row = (y / factor) * w;
            for x in 0..self.width {
                let index = row + x / factor;
                sums[index] += self.values[y * self.width + x];
                counts[index] += 1;
            }
        }
        let values = sums.iter().zip(&counts).map(|(s, &c)| s / c.max(1) as f32).collect();
        Plane { width: w, height: h, values }
    }

    /// Doubles the size (to exactly `width` x `height`, each at most twice this plane's) with
    /// bilinear weights; much faster than `resize` for the common 2x case.
    pub fn upscale2(&self, width: usize, height: usize) -> Plane {
        let (sw, sh) = (self.width, self.height);
        if sw == 0 || sh == 0 {
            return Plane::new(width, height, 0.0);
        }
        // Output pixel i sits at source coordinate i/2 - 0.25: between two source pixels with
        // weights 3/4 and 1/4.
        let taps = |i: usize, len: usize| {
            let k = i / 2;
            let other = if i.is_multiple_of(2) { k.saturating_sub(1) } else { (k + 1).min(len - 1) };
            (k.min(len - 1), other.min(len - 1))
        };
        let mut rows = vec![0.0f32; width * sh];
        for y in 0..sh {
            let src = &self.values[y * sw..(y + 1) * sw];
            for x in 0..width {
                let (near, far) = taps(x, sw);
                rows[y * width + x] = 0.75 * src[near] + 0.25 * src[far];
            }
        }
        let mut values = vec![0.0f32; width * height];
        for y in 0..height {
            let (near, far) = taps(y, sh);
            let (a, b) = (&rows[near * width..(near + 1) * width], &rows[far * width..(far + 1) * width]);
            for ((out, a), b) in values[y * width..(y + 1) * width].iter_mut().zip(a).zip(b) {
                *out = 0.75 * a + 0.25 * b;
            }
        }
        Plane { width, height, values }
    }

    /// Samples this plane (covering the same area) at a new size.
    pub fn resize(&self, width: usize, height: usize) -> Plane {
        let sx = self.width as f32 / width.max(1) as f32;
        let sy = self.height as f32 / height.max(1) as f32;
        Plane::from_fn(width, height, |x, y| self.sample((x as f32 + 0.5) * sx, (y as f32 + 0.5) * sy))
    }
}

fn box_pass(src: &[f32], dst: &mut [f32], width: usize, height: usize, radius: usize, horizontal: bool) {
    if width == 0 || height == 0 {
        return;
    }
    let r = radius as isize;
    let norm = 1.0 / (2 * radius + 1) as f32;
    if horizontal {
        let last = width as isize - 1;
        for (row_in, row_out) in src.chunks_exact(width).zip(dst.chunks_exact_mut(width)) {
            let at = |i: isize| row_in[i.clamp(0, last) as usize];
            let mut sum: f32 = (-r..=r).map(at).sum();
            for (i, out) in row_out.iter_mut().enumerate() {
                *out = sum * norm;
                let i = i as isize;
                sum += at(i + r + 1) - at(i - r);
            }
        }
    } else {
        // Row by row with running column sums, so memory is read in order.
        let last = height as isize - 1;
        let row = |y: isize| {
            let y = y.clamp(0, last) as usize;
            &src[y * width..(y + 1) * width]
        };
        let mut sums = vec![0.0f32; width];
        for k in -r..=r {
            for (sum, value) in sums.iter_mut().zip(row(k)) {
                *sum += value;
            }
        }
        for y in 0..height {
            for (out, sum) in dst[y * width..(y + 1) * width].iter_mut().zip(&sums) {
                *out = sum * norm;
            }
            let (add, remove) = (row(y as isize + r + 1), row(y as isize - r));
            for ((sum, a), b) in sums.iter_mut().zip(add).zip(remove) {
                *sum += a - b;
            }
        }
    }
}

/// Fills unknown values (weight 0) smoothly from the known ones around them by building a
/// pyramid of weighted averages and pulling it back down ("push-pull").
pub fn push_pull_fill(values: &Plane, weights: &Plane) -> Plane {
    let (w, h) = (values.width, values.height);
    if w <= 1 && h <= 1 {
        return values.clone();
    }
    let cw = w.div_ceil(2);
    let ch = h.div_ceil(2);
    let mut coarse_values = Plane::new(cw, ch, 0.0);
    let mut coarse_weights = Plane::new(cw, ch, 0.0);
    for y in 0..h {
        for x in 0..w {
            let weight = weights.at(x, y);
            let index = (y / 2) * cw + x / 2;
            coarse_values.values[index] += values.at(x, y) * weight;
            coarse_weights.values[index] += weight;
        }
    }
    for (value, weight) in coarse_values.values.iter_mut().zip(coarse_weights.values.iter_mut()) {
        if *weight > 0.0 {
            *value /= *weight;
        }
        *weight = weight.min(1.0);
    }
    let filled_coarse = push_pull_fill(&coarse_values, &coarse_weights);
    Plane::from_fn(w, h, |x, y| {
        let weight = weights.at(x, y).clamp(0.0, 1.0);
        let from_coarse = filled_coarse.sample((x as f32 + 0.5) / 2.0, (y as f32 + 0.5) / 2.0);
        values.at(x, y) * weight + from_coarse * (1.0 - weight)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blur_keeps_a_flat_plane_flat() {
        let plane = Plane::new(9, 7, 0.25);
        let blurred = plane.blur(3, 2);
        assert!(blurred.values.iter().all(|v| (v - 0.25).abs() < 1e-5));
    }

    #[test]
    fn upscale2_matches_bilinear_resampling() {
        let plane = Plane::from_fn(7, 5, |x, y| (x * 3 + y * 5) as f32 / 40.0);
        let fast = plane.upscale2(14, 10);
        let slow = plane.resize(14, 10);
        for (a, b) in fast.values.iter().zip(&slow.values) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }

    #[test]
    fn dilate_grows_a_dot_into_a_square() {
        let mut plane = Plane::new(9, 9, 0.0);
        plane.values[4 * 9 + 4] = 1.0;
        let grown = plane.dilate(2);
        let lit = grown.values.iter().filter(|v| **v > 0.5).count();
        assert_eq!(lit, 25);
    }

    #[test]
    fn push_pull_fills_a_hole_with_the_surrounding_value() {
        let values =
            Plane::from_fn(
                16,
                16,
                |x, y| if (5..11).contains(&x) && (5..11).contains(&y) { 0.0 } else { 0.8 },
            );
        let weights =
            Plane::from_fn(
                16,
                16,
                |x, y| if (5..11).contains(&x) && (5..11).contains(&y) { 0.0 } else { 1.0 },
            );
        let filled = push_pull_fill(&values, &weights);
        assert!((filled.at(8, 8) - 0.8).abs() < 0.02, "hole became {}", filled.at(8, 8));
    }
}
