//! Small binary-image tools (distance transform, components, shrinking) that the outline, the
//! mesh and the skeleton share, kept apart so each of them reads as its own algorithm.

use image::GrayImage;

/// A binary picture: `true` is figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits {
    pub width: usize,
    pub height: usize,
    pub data: Vec<bool>,
}

impl Bits {
    pub fn new(width: usize, height: usize) -> Self {
        Self { width, height, data: vec![false; width * height] }
    }

    /// Figure wherever the mask is at least half on, so a soft-edged mask cuts where it fades.
    pub fn from_mask(mask: &GrayImage) -> Self {
        Self {
            width: mask.width() as usize,
            height: mask.height() as usize,
            data: mask.as_raw().iter().map(|&v| v >= 128).collect(),
        }
    }

    /// Off the picture is paper, so shapes touching the border still have an outline there.
    pub fn get(&self, x: isize, y: isize) -> bool {
        x >= 0
            && y >= 0
            && (x as usize) < self.width
            && (y as usize) < self.height
            && self.data[y as usize * self.width + x as usize]
    }

    pub fn count(&self) -> usize {
        self.data.iter().filter(|&&on| on).count()
    }

    /// The box around the figure: `(x0, y0, x1, y1)`, exclusive ends.
    pub fn bounds(&self) -> Option<(usize, usize, usize, usize)> {
        let mut found: Option<(usize, usize, usize, usize)> = None;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.data[y * self.width + x] {
                    found = Some(match found {
                        None => (x, y, x + 1, y + 1),
                        Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1)),
                    });
                }
            }
        }
        found
    }
}

/// 8-connected components: a label per pixel (0 = paper, components from 1 in scan order) and
/// each component's size, indexed by label - 1.
pub(crate) fn components(bits: &Bits) -> (Vec<u32>, Vec<usize>) {
    let (w, h) = (bits.width, bits.height);
    let mut labels = vec![0u32; w * h];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !bits.data[start] || labels[start] != 0 {
            continue;
        }
        let label = sizes.len() as u32 + 1;
        let mut size = 0;
        labels[start] = label;
        stack.push(start);
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = ((i % w) as isize, (i / w) as isize);
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (nx, ny) = (x + dx, y + dy);
                    if bits.get(nx, ny) {
                        let j = ny as usize * w + nx as usize;
                        if labels[j] == 0 {
                            labels[j] = label;
                            stack.push(j);
                        }
                    }
                }
            }
        }
        sizes.push(size);
    }
    (labels, sizes)
}

/// Holes (4-connected paper not reachable from the border) smaller than `max_area` become
/// figure: a pen loop's tiny gap should not become a hole in the skeleton.
pub(crate) fn fill_small_holes(bits: &mut Bits, max_area: usize) {
    let (w, h) = (bits.width, bits.height);
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut region = Vec::new();
    for start in 0..w * h {
        if bits.data[start] || seen[start] {
            continue;
        }
        region.clear();
        let mut touches_border = false;
        seen[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            region.push(i);
            let (x, y) = (i % w, i / w);
            touches_border |= x == 0 || y == 0 || x + 1 == w || y + 1 == h;
            let mut visit = |j: usize| {
                if !bits.data[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if !touches_border && region.len() <= max_area {
            for &i in &region {
                bits.data[i] = true;
            }
        }
    }
}

/// Euclidean distance from each figure pixel's centre to the nearest paper pixel's centre (off
/// the picture counts as paper); 0 on paper. Felzenszwalb and Huttenlocher's exact transform,
/// linear in the pixel count, so it costs the same for a blob and for a spidery figure.
pub(crate) fn distance_to_paper(bits: &Bits) -> Vec<f32> {
    // One pixel of paper all round, so the border is paper without special cases. f64 because
    // "far" plus a squared index must stay exact for pictures thousands of pixels across.
    let (w, h) = (bits.width + 2, bits.height + 2);
    let far = ((w * w + h * h) as f64) * 4.0;
    let mut grid = vec![0.0f64; w * h];
    for y in 0..bits.height {
        for x in 0..bits.width {
            if bits.data[y * bits.width + x] {
                grid[(y + 1) * w + x + 1] = far;
            }
        }
    }
    let longest = w.max(h);
    let mut line = vec![0.0f64; longest];
    let mut out = vec![0.0f64; longest];
    let mut hull = vec![0usize; longest];
    let mut bounds = vec![0.0f64; longest + 1];
    for x in 0..w {
        for y in 0..h {
            line[y] = grid[y * w + x];
        }
        squared_distance_1d(&line[..h], &mut out[..h], &mut hull, &mut bounds);
        for y in 0..h {
            grid[y * w + x] = out[y];
        }
    }
    for y in 0..h {
        line[..w].copy_from_slice(&grid[y * w..(y + 1) * w]);
        squared_distance_1d(&line[..w], &mut out[..w], &mut hull, &mut bounds);
        grid[y * w..(y + 1) * w].copy_from_slice(&out[..w]);
    }
    let mut result = vec![0.0f32; bits.width * bits.height];
    for y in 0..bits.height {
        for x in 0..bits.width {
            result[y * bits.width + x] = grid[(y + 1) * w + x + 1].sqrt() as f32;
        }
    }
    result
}

/// The lower envelope of parabolas rooted at each sample (the 1-D squared distance transform).
fn squared_distance_1d(f: &[f64], out: &mut [f64], hull: &mut [usize], bounds: &mut [f64]) {
    let n = f.len();
    if n == 0 {
        return;
    }
    let meet = |q: usize, v: usize| {
        let (qf, vf) = (q as f64, v as f64);
        ((f[q] + qf * qf) - (f[v] + vf * vf)) / (2.0 * qf - 2.0 * vf)
    };
    let mut k = 0usize;
    hull[0] = 0;
    bounds[0] = f64::NEG_INFINITY;
    bounds[1] = f64::INFINITY;
    for q in 1..n {
        let mut s = meet(q, hull[k]);
        while s <= bounds[k] {
            // bounds[0] is -inf, so this stops at k == 0.
            k -= 1;
            s = meet(q, hull[k]);
        }
        k += 1;
        hull[k] = q;
        bounds[k] = s;
        bounds[k + 1] = f64::INFINITY;
    }
    let mut k = 0usize;
    for (q, slot) in out.iter_mut().enumerate() {
        let qf = q as f64;
        while bounds[k + 1] < qf {
            k += 1;
        }
        let v = hull[k] as f64;
        *slot = (qf - v) * (qf - v) + f[hull[k]];
    }
}

/// The figure shrunk by `scale` (< 1): a shrunk pixel is figure when at least `threshold` of
/// the area it covers was, so thin pen lines survive a lower threshold.
pub(crate) fn shrink(bits: &Bits, scale: f32, threshold: f32) -> Bits {
    let out_w = ((bits.width as f32 * scale).ceil() as usize).max(1);
    let out_h = ((bits.height as f32 * scale).ceil() as usize).max(1);
    let mut sums = vec![0.0f32; out_w * out_h];
    let mut areas = vec![0.0f32; out_w * out_h];
    for y in 0..bits.height {
        let oy = ((y as f32 * scale) as usize).min(out_h - 1);
        for x in 0..bits.width {
            let ox = ((x as f32 * scale) as usize).min(out_w - 1);
            let i = oy * out_w + ox;
            areas[i] += 1.0;
            if bits.data[y * bits.width + x] {
                sums[i] += 1.0;
            }
        }
    }
    Bits {
        width: out_w,
        height: out_h,
        data: sums.iter().zip(&areas).map(|(&s, &a)| a > 0.0 && s >= threshold * a).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disc(size: usize, radius: f32) -> Bits {
        let mut bits = Bits::new(size, size);
        let c = size as f32 / 2.0;
        for y in 0..size {
            for x in 0..size {
                let (dx, dy) = (x as f32 + 0.5 - c, y as f32 + 0.5 - c);
                bits.data[y * size + x] = dx * dx + dy * dy <= radius * radius;
            }
        }
        bits
    }

    #[test]
    fn distance_is_euclidean() {
        let bits = disc(41, 15.0);
        let d = distance_to_paper(&bits);
        let centre = d[20 * 41 + 20];
        assert!((centre - 15.0).abs() < 1.5, "centre distance {centre}");
        // A pixel three to the right of centre is about three closer to the edge.
        let off = d[20 * 41 + 23];
        assert!((centre - off - 3.0).abs() < 1.0, "{centre} vs {off}");
        assert_eq!(d[0], 0.0);
    }

    #[test]
    fn border_counts_as_paper() {
        let mut bits = Bits::new(5, 5);
        bits.data.iter_mut().for_each(|v| *v = true);
        let d = distance_to_paper(&bits);
        assert_eq!(d[0], 1.0);
        assert_eq!(d[12], 3.0);
    }

    #[test]
    fn components_and_holes() {
        let mut bits = Bits::new(10, 10);
        for y in 1..6 {
            for x in 1..6 {
                bits.data[y * 10 + x] = !(x == 3 && y == 3);
            }
        }
        bits.data[8 * 10 + 8] = true;
        let (_, sizes) = components(&bits);
        assert_eq!(sizes, vec![24, 1]);
        fill_small_holes(&mut bits, 1);
        assert!(bits.data[3 * 10 + 3]);
        assert_eq!(bits.bounds(), Some((1, 1, 9, 9)));
    }
}
