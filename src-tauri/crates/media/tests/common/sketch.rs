//! Simple pen drawings on paper for tests that need a shape of their own: lines, outlined
//! circles, ellipses and polygons in one pen colour and width.

use image::{Rgba, RgbaImage};

pub const PAPER: Rgba<u8> = Rgba([250, 248, 240, 255]);
pub const BLUE_PEN: Rgba<u8> = Rgba([40, 45, 130, 255]);

/// A page being drawn on with one pen.
pub struct Sketch {
    page: RgbaImage,
    pen: Rgba<u8>,
    half_width: f32,
}

impl Sketch {
    pub fn new(width: u32, height: u32) -> Self {
        Self { page: RgbaImage::from_pixel(width, height, PAPER), pen: BLUE_PEN, half_width: 2.5 }
    }

    pub fn pen(mut self, colour: Rgba<u8>) -> Self {
        self.pen = colour;
        self
    }

    pub fn line(mut self, from: (f32, f32), to: (f32, f32)) -> Self {
        self.stroke(from, to);
        self
    }

    /// An open line through `points`.
    pub fn polyline(mut self, points: &[(f32, f32)]) -> Self {
        for pair in points.windows(2) {
            self.stroke(pair[0], pair[1]);
        }
        self
    }

    /// A closed outline through `points`.
    pub fn polygon(mut self, points: &[(f32, f32)]) -> Self {
        for (i, &from) in points.iter().enumerate() {
            self.stroke(from, points[(i + 1) % points.len()]);
        }
        self
    }

    pub fn rectangle(self, left: f32, top: f32, right: f32, bottom: f32) -> Self {
        self.polygon(&[(left, top), (right, top), (right, bottom), (left, bottom)])
    }

    pub fn ellipse(self, centre: (f32, f32), radius_x: f32, radius_y: f32) -> Self {
        let points: Vec<(f32, f32)> = (0..96)
            .map(|i| {
                let angle = i as f32 / 96.0 * std::f32::consts::TAU;
                (centre.0 + radius_x * angle.cos(), centre.1 + radius_y * angle.sin())
            })
            .collect();
        self.polygon(&points)
    }

    pub fn circle(self, centre: (f32, f32), radius: f32) -> Self {
        self.ellipse(centre, radius, radius)
    }

    pub fn finish(self) -> RgbaImage {
        self.page
    }

    fn stroke(&mut self, from: (f32, f32), to: (f32, f32)) {
        let reach = self.half_width + 1.0;
        let (width, height) = self.page.dimensions();
        let x0 = (from.0.min(to.0) - reach).max(0.0) as u32;
        let x1 = ((from.0.max(to.0) + reach) as u32).min(width.saturating_sub(1));
        let y0 = (from.1.min(to.1) - reach).max(0.0) as u32;
        let y1 = ((from.1.max(to.1) + reach) as u32).min(height.saturating_sub(1));
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let length2 = (dx * dx + dy * dy).max(f32::EPSILON);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (px, py) = (x as f32 - from.0, y as f32 - from.1);
                let along = ((px * dx + py * dy) / length2).clamp(0.0, 1.0);
                let (ex, ey) = (px - along * dx, py - along * dy);
                if ex * ex + ey * ey <= self.half_width * self.half_width {
                    self.page.put_pixel(x, y, self.pen);
                }
            }
        }
    }
}
