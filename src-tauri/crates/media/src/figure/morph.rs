//! Morphology in time independent of the radius: running min/max filters for grey levels and
//! exact Euclidean distances for round binary dilation/erosion, so large radii stay cheap.

use super::plane::{Mask, Plane};

/// Running maximum (or minimum) over a window of `2 * radius + 1` along one line
/// (van Herk / Gil-Werman: three comparisons per sample whatever the radius).
fn running_extreme(line: &[f32], radius: usize, out: &mut [f32], take_max: bool) {
    let n = line.len();
    if n == 0 {
        return;
    }
    let pick = |a: f32, b: f32| if take_max == (a > b) { a } else { b };
    let window = 2 * radius + 1;
    let padded = n + 2 * radius;
    let fill = if take_max { f32::NEG_INFINITY } else { f32::INFINITY };
    let at = |i: usize| if i < radius || i >= radius + n { fill } else { line[i - radius] };
    let mut forward = vec![fill; padded];
    let mut backward = vec![fill; padded];
    for i in 0..padded {
        forward[i] = if i % window == 0 { at(i) } else { pick(forward[i - 1], at(i)) };
    }
    for i in (0..padded).rev() {
        backward[i] =
            if i % window == window - 1 || i == padded - 1 { at(i) } else { pick(backward[i + 1], at(i)) };
    }
    for (i, value) in out.iter_mut().enumerate() {
        // Window in padded coordinates: [i, i + window - 1].
        *value = pick(backward[i], forward[i + window - 1]);
    }
}

/// Grey dilation (`take_max`) or erosion with a square of side `2 * radius + 1`.
pub fn square_extreme(plane: &Plane<f32>, radius: usize, take_max: bool) -> Plane<f32> {
    let (w, h) = (plane.width, plane.height);
    let mut rows = Plane::filled(w, h, 0.0f32);
    for y in 0..h {
        running_extreme(
            &plane.data[y * w..(y + 1) * w],
            radius,
            &mut rows.data[y * w..(y + 1) * w],
            take_max,
        );
    }
    let mut out = Plane::filled(w, h, 0.0f32);
    let mut column = vec![0.0f32; h];
    let mut result = vec![0.0f32; h];
    for x in 0..w {
        read_column(&rows, x, &mut column);
        running_extreme(&column, radius, &mut result, take_max);
        write_column(&mut out, x, &result);
    }
    out
}

fn read_column(plane: &Plane<f32>, x: usize, column: &mut [f32]) {
    for (value, row) in column.iter_mut().zip(plane.data.chunks_exact(plane.width)) {
        *value = row[x];
    }
}

fn write_column(plane: &mut Plane<f32>, x: usize, column: &[f32]) {
    let width = plane.width;
    for (value, row) in column.iter().zip(plane.data.chunks_exact_mut(width)) {
        row[x] = *value;
    }
}

/// Grey closing: removes dark details narrower than the square, leaving the paper's brightness.
pub fn grey_closing(plane: &Plane<f32>, radius: usize) -> Plane<f32> {
    square_extreme(&square_extreme(plane, radius, true), radius, false)
}

/// Squared Euclidean distance from every pixel to the nearest set pixel
/// (Felzenszwalb-Huttenlocher lower envelope, two separable passes).
pub fn squared_distance_to(mask: &Mask) -> Plane<f32> {
    let (w, h) = (mask.width, mask.height);
    let far = ((w * w + h * h) as f32) * 4.0 + 1.0;
    let mut grid = mask.map(|set| if set { 0.0 } else { far });
    let mut line = vec![0.0f32; w.max(h)];
    let mut out = vec![0.0f32; w.max(h)];
    for x in 0..w {
        read_column(&grid, x, &mut line[..h]);
        distance_1d(&line[..h], &mut out[..h]);
        write_column(&mut grid, x, &out[..h]);
    }
    for y in 0..h {
        line[..w].copy_from_slice(&grid.data[y * w..(y + 1) * w]);
        distance_1d(&line[..w], &mut out[..w]);
        grid.data[y * w..(y + 1) * w].copy_from_slice(&out[..w]);
    }
    grid
}

fn distance_1d(f: &[f32], d: &mut [f32]) {
    let n = f.len();
    if n == 0 {
        return;
    }
    let mut v = vec![0usize; n];
    let mut z = vec![0.0f32; n + 1];
    let mut k = 0usize;
    z[0] = f32::NEG_INFINITY;
    z[1] = f32::INFINITY;
    let intersect = |q: usize, p: usize| {
        let (qf, pf) = (q as f32, p as f32);
        ((f[q] + qf * qf) - (f[p] + pf * pf)) / (2.0 * qf - 2.0 * pf)
    };
    for q in 1..n {
        // z[0] is -inf, so the search always stops at k = 0 at the latest.
        let mut s = intersect(q, v[k]);
        while s <= z[k] {
            k -= 1;
            s = intersect(q, v[k]);
        }
        k += 1;
        v[k] = q;
        z[k] = s;
        z[k + 1] = f32::INFINITY;
    }
    k = 0;
    for (q, out) in d.iter_mut().enumerate() {
        while z[k + 1] < q as f32 {
            k += 1;
        }
        let diff = q as f32 - v[k] as f32;
        *out = diff * diff + f[v[k]];
    }
}

/// Binary dilation by a disc of `radius`.
pub fn dilate(mask: &Mask, radius: f32) -> Mask {
    if radius <= 0.0 {
        return mask.clone();
    }
    let limit = radius * radius;
    squared_distance_to(mask).map(|d| d <= limit)
}

/// Binary erosion by a disc of `radius`.
#[cfg(test)]
fn erode(mask: &Mask, radius: f32) -> Mask {
    dilate(&mask.not(), radius).not()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_extremes_match_a_plain_scan() {
        let line: Vec<f32> = (0..37).map(|i| ((i * 7919) % 23) as f32).collect();
        for radius in [0, 1, 2, 5, 40] {
            let mut got = vec![0.0; line.len()];
            running_extreme(&line, radius, &mut got, true);
            for (i, value) in got.iter().enumerate() {
                let lo = i.saturating_sub(radius);
                let hi = (i + radius).min(line.len() - 1);
                let want = line[lo..=hi].iter().copied().fold(f32::MIN, f32::max);
                assert_eq!(*value, want, "radius {radius} at {i}");
            }
            running_extreme(&line, radius, &mut got, false);
            for (i, value) in got.iter().enumerate() {
                let lo = i.saturating_sub(radius);
                let hi = (i + radius).min(line.len() - 1);
                let want = line[lo..=hi].iter().copied().fold(f32::MAX, f32::min);
                assert_eq!(*value, want, "radius {radius} at {i}");
            }
        }
    }

    #[test]
    fn distances_are_euclidean() {
        let mut mask = Mask::filled(9, 7, false);
        mask.set(2, 3, true);
        mask.set(8, 0, true);
        let distances = squared_distance_to(&mask);
        for y in 0..7 {
            for x in 0..9 {
                let to =
                    |px: usize, py: usize| (x as f32 - px as f32).powi(2) + (y as f32 - py as f32).powi(2);
                assert_eq!(distances.get(x, y), to(2, 3).min(to(8, 0)), "at ({x},{y})");
            }
        }
    }

    #[test]
    fn dilation_by_a_disc_is_round() {
        let mut mask = Mask::filled(21, 21, false);
        mask.set(10, 10, true);
        let disc = dilate(&mask, 5.0);
        assert!(disc.get(15, 10) && disc.get(10, 5) && disc.get(13, 14));
        assert!(!disc.get(14, 14) && !disc.get(16, 10));
        assert_eq!(erode(&disc, 5.0).count(), 1);
    }
}
