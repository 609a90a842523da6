//! Drawing the bent figure with its own pixels. Kept apart from the skinning because it is the
//! per-frame hot loop (every pixel of every frame goes through it) and because its one promise,
//! that neighbouring triangles share their edge pixels exactly once, is easiest to keep when
//! nothing else lives here.

use image::RgbaImage;

use crate::mesh::{signed_area, Mesh};

/// Sub-pixel steps per pixel: vertices are snapped to 1/256 px so the edge tests are exact
/// integer arithmetic, and a pixel on an edge two triangles share belongs to exactly one.
const SUB: i64 = 256;
/// Far beyond any frame; positions are clamped to this so the integer products cannot overflow.
const LIMIT: f32 = 1.0e6;

/// The figure's cut-out, ready to be sampled: premultiplied so that filtering across the cut
/// edge fades to transparent instead of to a dark fringe.
#[derive(Debug, Clone)]
pub struct Texture {
    width: usize,
    height: usize,
    /// Rows of `width + 1` texels, plus one more row: the last column and row repeated, so a
    /// bilinear sample never needs to check for the edge.
    texels: Vec<[u8; 4]>,
}

impl Texture {
    /// From a straight-alpha RGBA cut-out, in the same pixel coordinates as the mesh's rest
    /// positions.
    pub fn new(image: &RgbaImage) -> Self {
        let (width, height) = (image.width() as usize, image.height() as usize);
        let premultiplied = |x: usize, y: usize| {
            let [r, g, b, a] =
                image.get_pixel(x.min(width.max(1) - 1) as u32, y.min(height.max(1) - 1) as u32).0;
            let pre = |c: u8| ((u32::from(c) * u32::from(a) + 127) / 255) as u8;
            [pre(r), pre(g), pre(b), a]
        };
        let mut texels = Vec::with_capacity((width + 1) * (height + 1));
        if width > 0 && height > 0 {
            for y in 0..=height {
                for x in 0..=width {
                    texels.push(premultiplied(x, y));
                }
            }
        }
        Self { width, height, texels }
    }

    pub fn width(&self) -> u32 {
        self.width as u32
    }

    pub fn height(&self) -> u32 {
        self.height as u32
    }

    /// Bilinear sample at `(u, v)` (texel centres at half-integers), premultiplied.
    #[inline]
    fn sample(&self, u: f32, v: f32) -> [u32; 4] {
        let fx = (u - 0.5).clamp(0.0, (self.width - 1) as f32);
        let fy = (v - 0.5).clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (fx as usize, fy as usize);
        let wx = ((fx - x0 as f32) * 256.0) as u32;
        let wy = ((fy - y0 as f32) * 256.0) as u32;
        let stride = self.width + 1;
        let i = y0 * stride + x0;
        let (Some(top), Some(bottom)) =
            (self.texels.get(i..i + 2), self.texels.get(i + stride..i + stride + 2))
        else {
            return [0; 4];
        };
        let (a, b, c, d) = (top[0], top[1], bottom[0], bottom[1]);
        if a[3] | b[3] | c[3] | d[3] == 0 {
            return [0; 4];
        }
        let mut out = [0u32; 4];
        for k in 0..4 {
            let upper = u32::from(a[k]) * (256 - wx) + u32::from(b[k]) * wx;
            let lower = u32::from(c[k]) * (256 - wx) + u32::from(d[k]) * wx;
            out[k] = (upper * (256 - wy) + lower * wy + 32768) >> 16;
        }
        out
    }
}

/// The affine map from points inside one triangle on screen to its texture: the triangle's
/// corners at `screen` show the texture at `texture`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TriangleMap {
    origin: [f32; 2],
    texture_origin: [f32; 2],
    /// Change of the texture's u per screen pixel across and down.
    pub du: [f32; 2],
    /// Change of the texture's v per screen pixel across and down.
    pub dv: [f32; 2],
}

impl TriangleMap {
    /// For a triangle with a non-zero area on screen (the rasteriser draws no other).
    pub fn new(screen: [[f32; 2]; 3], texture: [[f32; 2]; 3]) -> Self {
        let (p, r) = (screen, texture);
        let (e1, e2) = ([p[1][0] - p[0][0], p[1][1] - p[0][1]], [p[2][0] - p[0][0], p[2][1] - p[0][1]]);
        let det = e1[0] * e2[1] - e1[1] * e2[0];
        let (t1, t2) = ([r[1][0] - r[0][0], r[1][1] - r[0][1]], [r[2][0] - r[0][0], r[2][1] - r[0][1]]);
        Self {
            origin: p[0],
            texture_origin: r[0],
            du: [(t1[0] * e2[1] - t2[0] * e1[1]) / det, (t2[0] * e1[0] - t1[0] * e2[0]) / det],
            dv: [(t1[1] * e2[1] - t2[1] * e1[1]) / det, (t2[1] * e1[0] - t1[1] * e2[0]) / det],
        }
    }

    /// The texture point shown at screen point (`x`, `y`).
    pub fn at(&self, x: f32, y: f32) -> [f32; 2] {
        let (dx, dy) = (x - self.origin[0], y - self.origin[1]);
        [
            self.texture_origin[0] + self.du[0] * dx + self.du[1] * dy,
            self.texture_origin[1] + self.dv[0] * dx + self.dv[1] * dy,
        ]
    }
}

/// A rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelBox {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The fixed-point corners of a triangle, or `None` when it is flat or turned over (such a
/// triangle covers nothing; the posing never produces one).
fn snap(positions: &[[f32; 2]], t: &[u32; 3]) -> Option<[[i64; 2]; 3]> {
    let p = t.map(|i| positions[i as usize]);
    // NaN positions count as flat too.
    if signed_area(p[0], p[1], p[2]).partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    Some(p.map(|q| {
        let fix = |c: f32| (c.clamp(-LIMIT, LIMIT) * SUB as f32).round() as i64;
        [fix(q[0]), fix(q[1])]
    }))
}

/// Calls `row(y, x0, x1)` for the pixels `x0..x1` of each row whose centres the triangle
/// covers. A centre exactly on an edge belongs to the triangle on that edge's one side
/// (an edge going down the screen, or along it leftwards), so shared edges are drawn once.
fn spans(c: [[i64; 2]; 3], width: u32, height: u32, mut row: impl FnMut(u32, u32, u32)) {
    let ys = [c[0][1], c[1][1], c[2][1]];
    let (lo, hi) = (ys.iter().copied().min().unwrap_or(0), ys.iter().copied().max().unwrap_or(0));
    // Rows whose centre (y * SUB + SUB / 2) lies within [lo, hi].
    let first = (lo - SUB / 2 + SUB - 1).div_euclid(SUB).max(0);
    let last = (hi - SUB / 2).div_euclid(SUB).min(i64::from(height) - 1);
    if first > last || width == 0 {
        return;
    }
    let mut edges = [(c[0], c[1]), (c[1], c[2]), (c[2], c[0])].map(|(a, b)| EdgeWalk::new(a, b, first));
    for y in first..=last {
        let (mut x_lo, mut x_hi) = (0i64, i64::from(width) - 1);
        for edge in &mut edges {
            match edge.bound() {
                Bound::AtLeast(x) => x_lo = x_lo.max(x),
                Bound::AtMost(x) => x_hi = x_hi.min(x),
                Bound::None => x_hi = -1,
                Bound::Any => {}
            }
            edge.next_row();
        }
        if x_lo <= x_hi {
            row(y as u32, x_lo as u32, x_hi as u32 + 1);
        }
    }
}

/// What one edge allows of a row: pixel centres `x` with `E(x) >= need`, where
/// `E(x) = dx * (py - ay) - dy * (x * SUB + SUB / 2 - ax)` is the edge function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    AtLeast(i64),
    AtMost(i64),
    /// A horizontal edge the row's centre lies on the wrong side of.
    None,
    Any,
}

/// An edge's limit on each row in turn, found by stepping rather than dividing: the limit is
/// a floor of a quotient whose numerator grows by the same amount each row, so its quotient
/// and remainder step by fixed amounts with at most one carry (exact, as dividing is).
struct EdgeWalk {
    /// `E(0) - need` on the current row.
    numerator: i64,
    /// How `E(x)` changes with `x`: `-dy * SUB`.
    alpha: i64,
    /// How the numerator changes per row: `dx * SUB`.
    per_row: i64,
    quotient: i64,
    remainder: i64,
    quotient_step: i64,
    remainder_step: i64,
}

impl EdgeWalk {
    fn new(a: [i64; 2], b: [i64; 2], first_row: i64) -> Self {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let owned = dy > 0 || (dy == 0 && dx < 0);
        let need = if owned { 0 } else { 1 };
        let py = first_row * SUB + SUB / 2;
        let numerator = dx * (py - a[1]) - dy * (SUB / 2 - a[0]) - need;
        let alpha = -dy * SUB;
        let per_row = dx * SUB;
        let divisor = alpha.abs().max(1);
        Self {
            numerator,
            alpha,
            per_row,
            quotient: numerator.div_euclid(divisor),
            remainder: numerator.rem_euclid(divisor),
            quotient_step: per_row.div_euclid(divisor),
            remainder_step: per_row.rem_euclid(divisor),
        }
    }

    fn bound(&self) -> Bound {
        // E(x) - need = numerator + alpha * x >= 0.
        match self.alpha.cmp(&0) {
            std::cmp::Ordering::Greater => Bound::AtLeast(-self.quotient),
            std::cmp::Ordering::Less => Bound::AtMost(self.quotient),
            std::cmp::Ordering::Equal if self.numerator < 0 => Bound::None,
            std::cmp::Ordering::Equal => Bound::Any,
        }
    }

    fn next_row(&mut self) {
        self.numerator += self.per_row;
        self.quotient += self.quotient_step;
        self.remainder += self.remainder_step;
        let divisor = self.alpha.abs().max(1);
        if self.remainder >= divisor {
            self.remainder -= divisor;
            self.quotient += 1;
        }
    }
}

/// Draws the mesh, its vertices moved to `positions` (pixels of `target`), textured with the
/// cut-out at the rest positions, over what `target` holds (straight alpha, source over).
/// Returns the box of the pixels drawn, or `None` when none were (all off the picture).
pub fn draw(
    mesh: &Mesh,
    positions: &[[f32; 2]],
    texture: &Texture,
    target: &mut RgbaImage,
) -> Option<PixelBox> {
    let (width, height) = target.dimensions();
    if texture.texels.is_empty() {
        return None;
    }
    let stride = width as usize * 4;
    let buffer: &mut [u8] = target;
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    for t in &mesh.triangles {
        let Some(corners) = snap(positions, t) else {
            continue;
        };
        let map = TriangleMap::new(t.map(|i| positions[i as usize]), t.map(|i| mesh.vertices[i as usize]));
        let (du, dv) = (map.du, map.dv);
        spans(corners, width, height, |y, x0, x1| {
            let [mut u, mut v] = map.at(x0 as f32 + 0.5, y as f32 + 0.5);
            let row = &mut buffer[y as usize * stride..(y as usize + 1) * stride];
            for x in x0..x1 {
                let s = texture.sample(u, v);
                u += du[0];
                v += dv[0];
                if s[3] == 0 {
                    continue;
                }
                let d = &mut row[x as usize * 4..x as usize * 4 + 4];
                over(d, s);
            }
            bounds = Some(match bounds {
                None => (x0, y, x1, y + 1),
                Some((bx0, by0, bx1, by1)) => (bx0.min(x0), by0.min(y), bx1.max(x1), by1.max(y + 1)),
            });
        });
    }
    bounds.map(|(x0, y0, x1, y1)| PixelBox { x: x0, y: y0, width: x1 - x0, height: y1 - y0 })
}

/// Premultiplied `s` over straight-alpha `d`.
#[inline]
fn over(d: &mut [u8], s: [u32; 4]) {
    let sa = s[3];
    if sa >= 255 {
        d[0] = s[0].min(255) as u8;
        d[1] = s[1].min(255) as u8;
        d[2] = s[2].min(255) as u8;
        d[3] = 255;
        return;
    }
    let da = u32::from(d[3]);
    let keep = da * (255 - sa); // destination's share, in 255ths squared
    let out_a = sa * 255 + keep; // in 255ths squared
    if out_a == 0 {
        return;
    }
    for k in 0..3 {
        let premul = s[k] * 255 * 255 + u32::from(d[k]) * keep;
        d[k] = ((premul + out_a / 2) / out_a).min(255) as u8;
    }
    d[3] = ((out_a + 127) / 255).min(255) as u8;
}

/// Which triangle covers each pixel of a `width` x `height` picture, with the vertices at
/// `positions`: the triangle's index plus one, 0 where none does. The same coverage rule as
/// [`draw`], so it shows exactly which pixels a frame draws (for hit-testing a click on the
/// figure, and for checking that no pixel is drawn twice or skipped).
pub fn cover(mesh: &Mesh, positions: &[[f32; 2]], width: u32, height: u32) -> Vec<u32> {
    let mut map = vec![0u32; width as usize * height as usize];
    for (i, t) in mesh.triangles.iter().enumerate() {
        if let Some(corners) = snap(positions, t) {
            spans(corners, width, height, |y, x0, x1| {
                let row = y as usize * width as usize;
                map[row + x0 as usize..row + x1 as usize].fill(i as u32 + 1);
            });
        }
    }
    map
}

/// Calls `row(triangle, y, x0, x1)` for the pixels `x0..x1` of row `y` of a `width` x
/// `height` picture that each triangle covers with its vertices at `positions`, by the same
/// rule as [`draw`]: for drawers that sample their own textures (the video's frames are not
/// RGBA), with the promise that no pixel is visited twice and none inside is skipped.
pub fn spans_of(
    mesh: &Mesh,
    positions: &[[f32; 2]],
    width: u32,
    height: u32,
    mut row: impl FnMut(usize, u32, u32, u32),
) {
    for (i, t) in mesh.triangles.iter().enumerate() {
        if let Some(corners) = snap(positions, t) {
            spans(corners, width, height, |y, x0, x1| row(i, y, x0, x1));
        }
    }
}

/// How many triangles cover each pixel (a test of the edge rule: never more than one).
#[cfg(test)]
fn coverage_count(mesh: &Mesh, positions: &[[f32; 2]], width: u32, height: u32) -> Vec<u8> {
    let mut count = vec![0u8; width as usize * height as usize];
    for t in &mesh.triangles {
        if let Some(corners) = snap(positions, t) {
            spans(corners, width, height, |y, x0, x1| {
                let row = y as usize * width as usize;
                for c in &mut count[row + x0 as usize..row + x1 as usize] {
                    *c = c.saturating_add(1);
                }
            });
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    /// A fan of thin triangles around a centre at awkward, fractional positions, plus a grid
    /// whose vertices sit exactly on pixel centres: the two cases where seams and double hits
    /// happen.
    fn fan(cx: f32, cy: f32, r: f32, n: usize) -> Mesh {
        let mut vertices = vec![[cx, cy]];
        for k in 0..n {
            let a = k as f32 / n as f32 * std::f32::consts::TAU;
            vertices.push([cx + r * a.cos(), cy + r * a.sin()]);
        }
        let triangles = (0..n as u32).map(|k| [0, 1 + k, 1 + (k + 1) % n as u32]).collect();
        Mesh { vertices, triangles }
    }

    fn grid(step: f32, cells: u32) -> Mesh {
        let mut vertices = Vec::new();
        for y in 0..=cells {
            for x in 0..=cells {
                vertices.push([2.5 + x as f32 * step, 2.5 + y as f32 * step]);
            }
        }
        let w = cells + 1;
        let mut triangles = Vec::new();
        for y in 0..cells {
            for x in 0..cells {
                let (a, b, c, d) = (y * w + x, y * w + x + 1, (y + 1) * w + x, (y + 1) * w + x + 1);
                triangles.push([a, b, d]);
                triangles.push([a, d, c]);
            }
        }
        Mesh { vertices, triangles }
    }

    #[test]
    fn every_pixel_inside_is_drawn_exactly_once() {
        let corners = |mesh: &Mesh| mesh.vertices[1..].to_vec();
        let square = |mesh: &Mesh| {
            let n = 13;
            vec![mesh.vertices[0], mesh.vertices[n - 1], mesh.vertices[n * n - 1], mesh.vertices[n * (n - 1)]]
        };
        let cases = [
            (fan(40.3, 39.7, 33.1, 37), corners as fn(&Mesh) -> Vec<[f32; 2]>),
            (fan(40.0, 40.0, 30.0, 16), corners),
            (grid(5.0, 12), square),
        ];
        for (mesh, outline) in cases {
            assert!(mesh.signed_areas(&mesh.vertices).iter().all(|&a| a > 0.0));
            let count = coverage_count(&mesh, &mesh.vertices, 80, 80);
            assert!(count.iter().all(|&c| c <= 1), "a pixel was drawn twice");
            // No holes: every pixel centre strictly inside the outline is covered.
            let hull = outline(&mesh);
            for y in 0..80u32 {
                for x in 0..80u32 {
                    let p = [x as f32 + 0.5, y as f32 + 0.5];
                    let inside =
                        (0..hull.len()).all(|k| signed_area(hull[k], hull[(k + 1) % hull.len()], p) > 1e-3);
                    if inside {
                        assert_eq!(count[(y * 80 + x) as usize], 1, "hole at {x},{y}");
                    }
                }
            }
        }
    }

    #[test]
    fn stepping_along_an_edge_finds_what_dividing_finds() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |range: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % (2 * range as u64 + 1)) as i64 - range
        };
        for _ in 0..5_000 {
            let (a, b) = ([next(300 * SUB), next(300 * SUB)], [next(300 * SUB), next(300 * SUB)]);
            let b = if next(4) == 0 { [b[0], a[1]] } else { b };
            let first = next(300);
            let mut walk = EdgeWalk::new(a, b, first);
            for y in first..first + 40 {
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let need = if dy > 0 || (dy == 0 && dx < 0) { 0 } else { 1 };
                let py = y * SUB + SUB / 2;
                let alpha = -dy * SUB;
                let beta = dx * (py - a[1]) - dy * (SUB / 2 - a[0]);
                let divided = match alpha.cmp(&0) {
                    std::cmp::Ordering::Greater => Bound::AtLeast(-(beta - need).div_euclid(alpha)),
                    std::cmp::Ordering::Less => Bound::AtMost((beta - need).div_euclid(-alpha)),
                    std::cmp::Ordering::Equal if beta < need => Bound::None,
                    std::cmp::Ordering::Equal => Bound::Any,
                };
                assert_eq!(walk.bound(), divided, "edge {a:?} -> {b:?}, row {y}");
                walk.next_row();
            }
        }
    }

    #[test]
    fn draws_the_texture_where_it_moved_and_reports_the_box() {
        let mesh = grid(4.0, 5);
        let texture =
            RgbaImage::from_fn(
                30,
                30,
                |x, _| if x < 12 { Rgba([255, 0, 0, 255]) } else { Rgba([0, 0, 255, 255]) },
            );
        let texture = Texture::new(&texture);
        let moved: Vec<[f32; 2]> = mesh.vertices.iter().map(|p| [p[0] + 30.0, p[1] + 10.0]).collect();
        let mut target = RgbaImage::from_pixel(64, 48, Rgba([255, 255, 255, 255]));
        let drawn = draw(&mesh, &moved, &texture, &mut target).expect("something is drawn");
        // Centres on the left and top edges belong to the paper side, on the right and bottom
        // edges to the figure.
        assert_eq!(drawn, PixelBox { x: 33, y: 13, width: 20, height: 20 });
        assert_eq!(target.get_pixel(33, 20).0, [255, 0, 0, 255]);
        assert_eq!(target.get_pixel(50, 20).0, [0, 0, 255, 255]);
        assert_eq!(target.get_pixel(10, 10).0, [255, 255, 255, 255]);
        assert_eq!(cover(&mesh, &moved, 64, 48).iter().filter(|&&t| t != 0).count(), 400);
    }

    #[test]
    fn half_transparent_over_transparent_keeps_its_colour() {
        let mut d = [0u8, 0, 0, 0];
        over(&mut d, [100, 50, 0, 128]);
        assert_eq!(d[3], 128);
        assert!((i32::from(d[0]) - 199).abs() <= 1, "{d:?}");
        let mut white = [255u8, 255, 255, 255];
        over(&mut white, [0, 0, 0, 128]);
        assert_eq!(white[3], 255);
        assert!((i32::from(white[0]) - 127).abs() <= 1, "{white:?}");
    }
}
