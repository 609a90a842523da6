//! A small anti-aliased painter for flat picture-book shapes; backdrops and the placeholder card
//! are built from these, so the look of every shape is decided in one place.

use image::{Rgba, RgbaImage};

/// A colour with channels in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const fn hex(value: u32) -> Self {
        Rgb(
            ((value >> 16) & 0xff) as f32 / 255.0,
            ((value >> 8) & 0xff) as f32 / 255.0,
            (value & 0xff) as f32 / 255.0,
        )
    }

    /// Parses `#rrggbb` (the `#` is optional).
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.trim().trim_start_matches('#');
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok().map(Self::hex)
    }

    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        Rgb(self.0 + (other.0 - self.0) * t, self.1 + (other.1 - self.1) * t, self.2 + (other.2 - self.2) * t)
    }

    pub fn scale(self, factor: f32) -> Rgb {
        Rgb(self.0 * factor, self.1 * factor, self.2 * factor)
    }

    pub fn multiply(self, other: Rgb) -> Rgb {
        Rgb(self.0 * other.0, self.1 * other.1, self.2 * other.2)
    }

    pub fn luma(self) -> f32 {
        0.299 * self.0 + 0.587 * self.1 + 0.114 * self.2
    }

    /// Pushes the colour away from (or toward, below 1) its own grey.
    pub fn saturate(self, amount: f32) -> Rgb {
        let grey = self.luma();
        Rgb(grey + (self.0 - grey) * amount, grey + (self.1 - grey) * amount, grey + (self.2 - grey) * amount)
    }

    pub fn clamped(self) -> Rgb {
        Rgb(self.0.clamp(0.0, 1.0), self.1.clamp(0.0, 1.0), self.2.clamp(0.0, 1.0))
    }

    pub fn to_rgba(self) -> Rgba<u8> {
        let c = self.clamped();
        Rgba([(c.0 * 255.0).round() as u8, (c.1 * 255.0).round() as u8, (c.2 * 255.0).round() as u8, 255])
    }

    pub fn from_rgba(pixel: Rgba<u8>) -> Rgb {
        Rgb(pixel[0] as f32 / 255.0, pixel[1] as f32 / 255.0, pixel[2] as f32 / 255.0)
    }
}

/// A dark line drawn around shapes (the storybook look); `None` paints shapes without lines.
#[derive(Debug, Clone, Copy)]
pub struct Outline {
    pub color: Rgb,
    pub width: f32,
}

/// The side of the square blocks shapes are filled in.
const SHAPE_BLOCK: usize = 8;

/// An opaque RGB picture being painted.
pub struct Canvas {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<Rgb>,
    pub outline: Option<Outline>,
}

impl Canvas {
    pub fn new(width: u32, height: u32, color: Rgb) -> Self {
        let (width, height) = (width as usize, height as usize);
        Self { width, height, pixels: vec![color; width * height], outline: None }
    }

    pub fn to_image(&self) -> RgbaImage {
        let mut image = RgbaImage::new(self.width as u32, self.height as u32);
        for (out, pixel) in image.pixels_mut().zip(&self.pixels) {
            *out = pixel.to_rgba();
        }
        image
    }

    pub fn get(&self, x: usize, y: usize) -> Rgb {
        self.pixels[y * self.width + x]
    }

    fn blend(&mut self, x: usize, y: usize, color: Rgb, alpha: f32) {
        let pixel = &mut self.pixels[y * self.width + x];
        *pixel = pixel.mix(color, alpha);
    }

    /// Paints every pixel with `shade(x, y, current)`.
    pub fn shade(&mut self, mut shade: impl FnMut(f32, f32, Rgb) -> Rgb) {
        for y in 0..self.height {
            for x in 0..self.width {
                let index = y * self.width + x;
                self.pixels[index] = shade(x as f32 + 0.5, y as f32 + 0.5, self.pixels[index]);
            }
        }
    }

    /// Paints every pixel inside the box (x0, y0)-(x1, y1) with `shade(x, y, current)`.
    pub fn shade_box(&mut self, bounds: (f32, f32, f32, f32), mut shade: impl FnMut(f32, f32, Rgb) -> Rgb) {
        let x0 = bounds.0.floor().max(0.0) as usize;
        let y0 = bounds.1.floor().max(0.0) as usize;
        let x1 = (bounds.2.ceil().max(0.0) as usize).min(self.width);
        let y1 = (bounds.3.ceil().max(0.0) as usize).min(self.height);
        for y in y0..y1 {
            for x in x0..x1 {
                let index = y * self.width + x;
                self.pixels[index] = shade(x as f32 + 0.5, y as f32 + 0.5, self.pixels[index]);
            }
        }
    }

    /// Fills the shape whose signed distance (negative inside) is `distance`, within the
    /// box (x0, y0)-(x1, y1), with the current outline if any.
    pub fn fill_shape(
        &mut self,
        bounds: (f32, f32, f32, f32),
        color: Rgb,
        opacity: f32,
        distance: impl Fn(f32, f32) -> f32,
    ) {
        self.fill_shape_with(bounds, opacity, distance, |_, _| color);
    }

    /// Like `fill_shape`, with the fill colour chosen per pixel.
    pub fn fill_shape_with(
        &mut self,
        bounds: (f32, f32, f32, f32),
        opacity: f32,
        distance: impl Fn(f32, f32) -> f32,
        color: impl Fn(f32, f32) -> Rgb,
    ) {
        let outline = self.outline;
        let line_width = outline.map_or(0.0, |o| o.width);
        let pad = line_width + 1.0;
        let x0 = (bounds.0 - pad).floor().max(0.0) as usize;
        let y0 = (bounds.1 - pad).floor().max(0.0) as usize;
        let x1 = ((bounds.2 + pad).ceil().max(0.0) as usize).min(self.width);
        let y1 = ((bounds.3 + pad).ceil().max(0.0) as usize).min(self.height);
        // The box is walked in small blocks: one distance at a block's middle tells whether the
        // whole block is clearly outside the shape (skipped) or clearly inside its fill (no
        // edge to smooth). The margin is twice the block's reach, so shapes whose distance is
        // only close to exact (ellipses) are safe too.
        for block_y in (y0..y1).step_by(SHAPE_BLOCK) {
            let block_y1 = (block_y + SHAPE_BLOCK).min(y1);
            for block_x in (x0..x1).step_by(SHAPE_BLOCK) {
                let block_x1 = (block_x + SHAPE_BLOCK).min(x1);
                let reach = length((block_x1 - block_x) as f32, (block_y1 - block_y) as f32) / 2.0;
                let middle = distance((block_x + block_x1) as f32 / 2.0, (block_y + block_y1) as f32 / 2.0);
                if middle > 2.0 * reach + 1.0 {
                    continue;
                }
                let solid = middle < -(2.0 * reach + line_width + 1.0);
                for y in block_y..block_y1 {
                    for x in block_x..block_x1 {
                        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                        if solid {
                            self.blend(x, y, color(px, py), opacity);
                            continue;
                        }
                        self.shade_edge(x, y, distance(px, py), outline, opacity, &color);
                    }
                }
            }
        }
    }

    /// One pixel of a shape whose signed distance there is `d`: the outline's and the fill's
    /// share of it.
    fn shade_edge(
        &mut self,
        x: usize,
        y: usize,
        d: f32,
        outline: Option<Outline>,
        opacity: f32,
        color: &impl Fn(f32, f32) -> Rgb,
    ) {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        {
            {
                match outline {
                    Some(line) => {
                        let outer = (0.5 - d).clamp(0.0, 1.0);
                        if outer <= 0.0 {
                            return;
                        }
                        let inner = (0.5 - (d + line.width)).clamp(0.0, 1.0);
                        if inner < 1.0 {
                            self.blend(x, y, line.color, outer * opacity);
                        }
                        if inner > 0.0 {
                            self.blend(x, y, color(px, py), inner * opacity);
                        }
                    }
                    None => {
                        let coverage = (0.5 - d).clamp(0.0, 1.0);
                        if coverage > 0.0 {
                            self.blend(x, y, color(px, py), coverage * opacity);
                        }
                    }
                }
            }
        }
    }

    pub fn circle(&mut self, cx: f32, cy: f32, radius: f32, color: Rgb) {
        let bounds = (cx - radius, cy - radius, cx + radius, cy + radius);
        self.fill_shape(bounds, color, 1.0, |x, y| (length(x - cx, y - cy)) - radius);
    }

    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, color: Rgb) {
        let bounds = (cx - rx, cy - ry, cx + rx, cy + ry);
        self.fill_shape(bounds, color, 1.0, ellipse_distance(cx, cy, rx, ry));
    }

    /// An axis-aligned box with rounded corners.
    pub fn rounded_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, radius: f32, color: Rgb) {
        let bounds = (x0, y0, x1, y1);
        self.fill_shape(bounds, color, 1.0, rounded_rect_distance(x0, y0, x1, y1, radius));
    }

    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, colour: Rgb) {
        self.rounded_rect(x0, y0, x1, y1, 0.0, colour);
    }

    /// A convex polygon, points in either winding.
    pub fn polygon(&mut self, points: &[(f32, f32)], color: Rgb) {
        if points.len() < 3 {
            return;
        }
        let bounds = points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
            (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1))
        });
        let distance = convex_polygon_distance(points);
        self.fill_shape(bounds, color, 1.0, distance);
    }

    /// A thick line with round ends.
    pub fn line(&mut self, a: (f32, f32), b: (f32, f32), width: f32, color: Rgb) {
        let r = width / 2.0;
        let bounds = (a.0.min(b.0) - r, a.1.min(b.1) - r, a.0.max(b.0) + r, a.1.max(b.1) + r);
        self.fill_shape(bounds, color, 1.0, move |x, y| segment_distance(a, b, x, y) - r);
    }

    /// Fills everything below the curve `top(x)` with `color(x, y)`, anti-aliased along the
    /// curve, with the current outline along the top edge.
    pub fn fill_below(&mut self, top: impl Fn(f32) -> f32, color: impl Fn(f32, f32) -> Rgb) {
        let outline = self.outline;
        for x in 0..self.width {
            let px = x as f32 + 0.5;
            let edge = top(px);
            // The curve's slope, so the outline keeps its width on hillsides.
            let slope = (top(px + 1.0) - top(px - 1.0)) / 2.0;
            let stretch = (1.0 + slope * slope).sqrt();
            let first = (edge - 2.0).floor().max(0.0) as usize;
            for y in first.min(self.height)..self.height {
                let py = y as f32 + 0.5;
                let d = (edge - py) / stretch;
                let coverage = (0.5 - d).clamp(0.0, 1.0);
                if coverage <= 0.0 {
                    continue;
                }
                match outline {
                    Some(line) => {
                        let inner = (0.5 - (d + line.width)).clamp(0.0, 1.0);
                        if inner >= 1.0 {
                            let index = y * self.width + x;
                            self.pixels[index] = color(px, py);
                            continue;
                        }
                        self.blend(x, y, line.color, coverage);
                        if inner > 0.0 {
                            self.blend(x, y, color(px, py), inner);
                        }
                    }
                    None => {
                        if coverage >= 1.0 {
                            let index = y * self.width + x;
                            self.pixels[index] = color(px, py);
                        } else {
                            self.blend(x, y, color(px, py), coverage);
                        }
                    }
                }
            }
        }
    }

    /// Runs `paint` with outlines switched off (soft things: light, shadows, glows).
    pub fn without_outline(&mut self, paint: impl FnOnce(&mut Canvas)) {
        let saved = self.outline.take();
        paint(self);
        self.outline = saved;
    }

    /// A soft round glow (sun halo, lamp light) added over what is there.
    pub fn glow(&mut self, cx: f32, cy: f32, radius: f32, color: Rgb, strength: f32) {
        let x0 = (cx - radius).floor().max(0.0) as usize;
        let y0 = (cy - radius).floor().max(0.0) as usize;
        let x1 = ((cx + radius).ceil().max(0.0) as usize).min(self.width);
        let y1 = ((cy + radius).ceil().max(0.0) as usize).min(self.height);
        for y in y0..y1 {
            for x in x0..x1 {
                let d = (length(x as f32 + 0.5 - cx, y as f32 + 0.5 - cy)) / radius;
                if d < 1.0 {
                    let falloff = (1.0 - d) * (1.0 - d);
                    self.blend(x, y, color, falloff * strength);
                }
            }
        }
    }
}

/// The length of (x, y). Quicker than `f32::hypot`, whose care for overflow frame-sized
/// numbers never need.
#[inline]
pub fn length(x: f32, y: f32) -> f32 {
    (x * x + y * y).sqrt()
}

pub fn ellipse_distance(cx: f32, cy: f32, rx: f32, ry: f32) -> impl Fn(f32, f32) -> f32 {
    let rx = rx.max(0.5);
    let ry = ry.max(0.5);
    move |x, y| {
        let nx = (x - cx) / rx;
        let ny = (y - cy) / ry;
        let length = (nx * nx + ny * ny).sqrt();
        // Scale by the gradient so the edge is one pixel wide all the way round.
        let gradient = ((nx / rx).powi(2) + (ny / ry).powi(2)).sqrt().max(1e-6) / length.max(1e-6);
        (length - 1.0) / gradient
    }
}

pub fn rounded_rect_distance(x0: f32, y0: f32, x1: f32, y1: f32, radius: f32) -> impl Fn(f32, f32) -> f32 {
    let cx = (x0 + x1) / 2.0;
    let cy = (y0 + y1) / 2.0;
    let hx = (x1 - x0).abs() / 2.0;
    let hy = (y1 - y0).abs() / 2.0;
    let r = radius.min(hx).min(hy).max(0.0);
    move |x, y| {
        let qx = (x - cx).abs() - hx + r;
        let qy = (y - cy).abs() - hy + r;
        length(qx.max(0.0), qy.max(0.0)) + qx.max(qy).min(0.0) - r
    }
}

pub fn convex_polygon_distance(points: &[(f32, f32)]) -> impl Fn(f32, f32) -> f32 {
    let area: f32 =
        points.iter().zip(points.iter().cycle().skip(1)).map(|(a, b)| a.0 * b.1 - b.0 * a.1).sum();
    let orientation = if area >= 0.0 { 1.0 } else { -1.0 };
    let edges: Vec<(f32, f32, f32)> = points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .filter_map(|(a, b)| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let edge_length = length(dx, dy);
            if edge_length < 1e-6 {
                return None;
            }
            // Outward normal for counter-clockwise (in y-down screen space: clockwise) order.
            let nx = dy / edge_length * orientation;
            let ny = -dx / edge_length * orientation;
            Some((nx, ny, nx * a.0 + ny * a.1))
        })
        .collect();
    move |x, y| edges.iter().map(|(nx, ny, c)| nx * x + ny * y - c).fold(f32::MIN, f32::max)
}

pub fn segment_distance(a: (f32, f32), b: (f32, f32), x: f32, y: f32) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_sq = dx * dx + dy * dy;
    let t =
        if length_sq > 0.0 { (((x - a.0) * dx + (y - a.1) * dy) / length_sq).clamp(0.0, 1.0) } else { 0.0 };
    length(x - a.0 - t * dx, y - a.1 - t * dy)
}
