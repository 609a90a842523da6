//! The figure's outline as polygons: the mesh is built inside them, so the drawing's edge
//! strokes (which lie right on the outline) are covered and nothing of the paper around is.

use image::GrayImage;

use crate::raster::Bits;

/// One closed outline of the mask, in pixel coordinates (pixel `(x, y)` spans `x..x+1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The corners, in order; the last one joins back to the first.
    pub points: Vec<[f32; 2]>,
    /// True for the edge of a hole inside the figure.
    pub hole: bool,
}

impl Outline {
    /// The signed area (shoelace, in image coordinates): positive for a figure's outer edge,
    /// negative for a hole's.
    pub fn signed_area(&self) -> f32 {
        signed_area(&self.points)
    }
}

pub(crate) fn signed_area(points: &[[f32; 2]]) -> f32 {
    let n = points.len();
    let mut twice = 0.0f64;
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        twice += f64::from(a[0]) * f64::from(b[1]) - f64::from(b[0]) * f64::from(a[1]);
    }
    (twice / 2.0) as f32
}

/// Every outline of the mask (255 = figure; anything from 128 counts), outer edges and holes,
/// traced through the midpoints between figure and paper pixel centres: the polygon's area is
/// the figure's pixel count, and diagonal neighbours stay joined (a one-pixel pencil line drawn
/// at a slant is one shape, not a string of beads).
pub fn trace_outlines(mask: &GrayImage) -> Vec<Outline> {
    trace(&Bits::from_mask(mask))
}

const STEP: [(isize, isize); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];

pub(crate) fn trace(bits: &Bits) -> Vec<Outline> {
    let (w, h) = (bits.width, bits.height);
    let corners = (w + 1) * (h + 1);
    // Each corner of the pixel grid starts at most one boundary edge per direction, walking
    // with the figure on the right; a bit per direction.
    let mut edges = vec![0u8; corners];
    let corner = |x: usize, y: usize| y * (w + 1) + x;
    for y in 0..h {
        for x in 0..w {
            if !bits.data[y * w + x] {
                continue;
            }
            let (xi, yi) = (x as isize, y as isize);
            if !bits.get(xi, yi - 1) {
                edges[corner(x, y)] |= 1 << 0;
            }
            if !bits.get(xi + 1, yi) {
                edges[corner(x + 1, y)] |= 1 << 1;
            }
            if !bits.get(xi, yi + 1) {
                edges[corner(x + 1, y + 1)] |= 1 << 2;
            }
            if !bits.get(xi - 1, yi) {
                edges[corner(x, y + 1)] |= 1 << 3;
            }
        }
    }
    // The turns are decided on the full set of edges; `left` tracks which are still to walk.
    let all = edges.clone();
    let mut left_to_walk = edges;
    let mut outlines = Vec::new();
    for start in 0..corners {
        while left_to_walk[start] != 0 {
            let first_dir = left_to_walk[start].trailing_zeros() as usize;
            let mut points = Vec::new();
            let (mut cx, mut cy) = ((start % (w + 1)) as isize, (start / (w + 1)) as isize);
            let mut dir = first_dir;
            loop {
                let here = cy as usize * (w + 1) + cx as usize;
                left_to_walk[here] &= !(1 << dir);
                let (dx, dy) = STEP[dir];
                points.push([cx as f32 + 0.5 * dx as f32, cy as f32 + 0.5 * dy as f32]);
                cx += dx;
                cy += dy;
                let next = cy as usize * (w + 1) + cx as usize;
                // Where two diagonal figure pixels meet (the only corners with two ways on),
                // turning left keeps them one shape; elsewhere there is exactly one way on.
                let (turn_left, turn_right) = ((dir + 3) % 4, (dir + 1) % 4);
                dir = if all[next] & (1 << turn_left) != 0 {
                    turn_left
                } else if all[next] & (1 << dir) != 0 {
                    dir
                } else {
                    turn_right
                };
                if (next == start && dir == first_dir) || left_to_walk[next] & (1 << dir) == 0 {
                    break;
                }
            }
            let area = signed_area(&points);
            outlines.push(Outline { points, hole: area < 0.0 });
        }
    }
    outlines
}

/// The outline with corners dropped while it stays within `tolerance` pixels of the original
/// (Douglas-Peucker on the closed ring); the tolerance below a pixel keeps thin strokes from
/// collapsing onto themselves.
pub fn simplify(points: &[[f32; 2]], tolerance: f32) -> Vec<[f32; 2]> {
    let n = points.len();
    if n <= 4 {
        return points.to_vec();
    }
    let far = (1..n)
        .max_by(|&a, &b| {
            let (da, db) = (dist2(points[a], points[0]), dist2(points[b], points[0]));
            da.total_cmp(&db).then(b.cmp(&a))
        })
        .unwrap_or(n / 2);
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[far] = true;
    let mut stack = vec![(0usize, far), (far, n)];
    while let Some((from, to)) = stack.pop() {
        let (a, b) = (points[from], points[to % n]);
        let mut worst = (0.0f32, 0usize);
        for (i, &p) in points.iter().enumerate().take(to).skip(from + 1) {
            let d = segment_distance(p, a, b);
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((from, worst.1));
            stack.push((worst.1, to));
        }
    }
    points.iter().zip(&keep).filter(|(_, &k)| k).map(|(&p, _)| p).collect()
}

fn dist2(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Distance from `p` to the segment `a`-`b`.
pub(crate) fn segment_distance(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (abx, aby) = (b[0] - a[0], b[1] - a[1]);
    let len2 = abx * abx + aby * aby;
    let t =
        if len2 > 0.0 { (((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (cx, cy) = (a[0] + t * abx, a[1] + t * aby);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn mask_from(rows: &[&str]) -> GrayImage {
        let mut mask = GrayImage::new(rows[0].len() as u32, rows.len() as u32);
        for (y, row) in rows.iter().enumerate() {
            for (x, c) in row.chars().enumerate() {
                mask.put_pixel(x as u32, y as u32, Luma([if c == '#' { 255 } else { 0 }]));
            }
        }
        mask
    }

    #[test]
    fn a_square_has_one_outline_with_its_area() {
        let mask = mask_from(&["......", ".####.", ".####.", ".####.", "......"]);
        let outlines = trace_outlines(&mask);
        assert_eq!(outlines.len(), 1);
        assert!(!outlines[0].hole);
        // Through the crack midpoints: a 4x3 block's polygon loses a quarter pixel per corner.
        assert!((outlines[0].signed_area() - 11.5).abs() < 1e-4, "{}", outlines[0].signed_area());
        let simple = simplify(&outlines[0].points, 0.6);
        assert!(simple.len() <= 8, "{simple:?}");
    }

    #[test]
    fn a_ring_has_a_hole() {
        let mask = mask_from(&[".......", ".#####.", ".#...#.", ".#...#.", ".#####.", "......."]);
        let outlines = trace_outlines(&mask);
        assert_eq!(outlines.len(), 2);
        assert_eq!(outlines.iter().filter(|o| o.hole).count(), 1);
        let total: f32 = outlines.iter().map(Outline::signed_area).sum();
        assert!((total - 14.0).abs() < 1.0, "ring area {total}");
    }

    #[test]
    fn diagonal_pixels_stay_one_shape() {
        let mask = mask_from(&["#...", ".#..", "..#.", "...#"]);
        let outlines = trace_outlines(&mask);
        assert_eq!(outlines.len(), 1, "{outlines:?}");
        assert!(outlines[0].signed_area() > 0.0);
    }

    #[test]
    fn shape_touching_the_border_is_closed() {
        let mask = mask_from(&["###", "###"]);
        let outlines = trace_outlines(&mask);
        assert_eq!(outlines.len(), 1);
        assert!((outlines[0].signed_area() - 5.5).abs() < 1e-4);
    }
}
