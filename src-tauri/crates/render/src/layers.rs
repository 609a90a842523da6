//! The two layers of a scene and how they flatten into one still; `av` animates exactly these
//! types, so their shape stays fixed.

use image::{Rgba, RgbaImage};

use crate::animation::FigureAnimation;

/// Output frame width in pixels.
pub const FRAME_WIDTH: u32 = 1280;
/// Output frame height in pixels.
pub const FRAME_HEIGHT: u32 = 720;

/// Where and how the figure sits in a 1280x720 frame. Coordinates in output pixels.
///
/// The figure image is mirrored left-right when `flip` is set (scenes never set it: the child's
/// drawing is always shown as drawn; the field stays for the layers' fixed shape), scaled by `scale` (output pixels
/// per figure pixel), rotated by `rotation_deg` clockwise about its own centre, and its centre is
/// put at (`center_x`, `center_y`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub center_x: f32,
    pub center_y: f32,
    pub scale: f32,
    pub rotation_deg: f32,
    pub flip: bool,
}

impl Placement {
    /// The placement a fraction `at` (0..=1) of the way from `self` to `to`. `flip` does not
    /// interpolate: it is taken from `self`.
    pub fn lerp(&self, to: &Placement, at: f32) -> Placement {
        let t = if at.is_finite() { at.clamp(0.0, 1.0) } else { 0.0 };
        let mix = |a: f32, b: f32| a + (b - a) * t;
        Placement {
            center_x: mix(self.center_x, to.center_x),
            center_y: mix(self.center_y, to.center_y),
            scale: mix(self.scale, to.scale),
            rotation_deg: mix(self.rotation_deg, to.rotation_deg),
            flip: self.flip,
        }
    }

    /// The axis-aligned box (min_x, min_y, max_x, max_y) in output pixels covered by a figure
    /// of `width` x `height` placed here.
    pub fn bounds(&self, width: u32, height: u32) -> (f32, f32, f32, f32) {
        let half_w = width as f32 * self.scale / 2.0;
        let half_h = height as f32 * self.scale / 2.0;
        let (sin, cos) = self.rotation_deg.to_radians().sin_cos();
        let extent_x = half_w * cos.abs() + half_h * sin.abs();
        let extent_y = half_w * sin.abs() + half_h * cos.abs();
        (
            self.center_x - extent_x,
            self.center_y - extent_y,
            self.center_x + extent_x,
            self.center_y + extent_y,
        )
    }
}

/// Everything needed to animate one scene: av moves the figure from `start` to `end` over the
/// scene while gently zooming the background (Ken Burns).
#[derive(Debug, Clone)]
pub struct SceneLayers {
    /// Exactly 1280x720, opaque, style applied, figure NOT on it.
    pub background: RgbaImage,
    /// The cut-out figure, straight (non-premultiplied) alpha, style applied, unscaled.
    pub figure: RgbaImage,
    pub start: Placement,
    pub end: Placement,
    /// The catalogue names of the scene plan's elements painted in the background, in the
    /// plan's order: exactly what the picture shows besides the hero and its world.
    pub drawn: Vec<String>,
    /// How the figure moves in place while it glides from `start` to `end`; `None` keeps it
    /// as drawn (a figure that could not be rigged, or a plain card).
    pub animation: Option<FigureAnimation>,
}

impl SceneLayers {
    /// The scene's still at time `at` (0..=1): the figure, placed between `start` and `end`,
    /// drawn over the background. Always the background's size and opaque.
    pub fn composite(&self, at: f32) -> RgbaImage {
        let mut frame = self.background.clone();
        let placement = self.start.lerp(&self.end, at);
        draw_figure(&mut frame, &self.figure, &placement);
        for pixel in frame.pixels_mut() {
            pixel[3] = 255;
        }
        frame
    }
}

/// Draws `figure` onto `canvas` at `placement` with bilinear sampling and "over" blending.
pub fn draw_figure(canvas: &mut RgbaImage, figure: &RgbaImage, placement: &Placement) {
    let (fig_w, fig_h) = figure.dimensions();
    if fig_w == 0 || fig_h == 0 || !(placement.scale.is_finite() && placement.scale > 0.0) {
        return;
    }
    let (min_x, min_y, max_x, max_y) = placement.bounds(fig_w, fig_h);
    let (canvas_w, canvas_h) = canvas.dimensions();
    let x0 = min_x.floor().max(0.0) as u32;
    let y0 = min_y.floor().max(0.0) as u32;
    let x1 = (max_x.ceil().max(0.0) as u32).min(canvas_w);
    let y1 = (max_y.ceil().max(0.0) as u32).min(canvas_h);

    let (sin, cos) = placement.rotation_deg.to_radians().sin_cos();
    let inv_scale = 1.0 / placement.scale;
    let half_w = fig_w as f32 / 2.0;
    let half_h = fig_h as f32 / 2.0;

    for y in y0..y1 {
        for x in x0..x1 {
            let dx = x as f32 + 0.5 - placement.center_x;
            let dy = y as f32 + 0.5 - placement.center_y;
            // Undo the clockwise rotation, then the scale, then the mirror.
            let rx = (dx * cos + dy * sin) * inv_scale;
            let ry = (-dx * sin + dy * cos) * inv_scale;
            let sx = if placement.flip { -rx } else { rx } + half_w - 0.5;
            let sy = ry + half_h - 0.5;
            if sx <= -1.0 || sy <= -1.0 || sx >= fig_w as f32 || sy >= fig_h as f32 {
                continue;
            }
            let sample = sample_premultiplied(figure, sx, sy);
            let alpha = sample[3];
            if alpha <= 0.0 {
                continue;
            }
            let dst = canvas.get_pixel_mut(x, y);
            let keep = 1.0 - alpha;
            for c in 0..3 {
                dst[c] = (sample[c] + dst[c] as f32 * keep).round().clamp(0.0, 255.0) as u8;
            }
            dst[3] = (alpha * 255.0 + dst[3] as f32 * keep).round().clamp(0.0, 255.0) as u8;
        }
    }
}

/// Bilinear sample at (sx, sy) in pixel-centre coordinates, returning premultiplied colour
/// (0..255) and alpha (0..1); outside pixels count as transparent.
fn sample_premultiplied(image: &RgbaImage, sx: f32, sy: f32) -> [f32; 4] {
    let x0 = sx.floor();
    let y0 = sy.floor();
    let fx = sx - x0;
    let fy = sy - y0;
    let mut out = [0.0f32; 4];
    let taps =
        [(0, 0, (1.0 - fx) * (1.0 - fy)), (1, 0, fx * (1.0 - fy)), (0, 1, (1.0 - fx) * fy), (1, 1, fx * fy)];
    for (ox, oy, weight) in taps {
        let px = x0 as i64 + ox;
        let py = y0 as i64 + oy;
        if weight <= 0.0 || px < 0 || py < 0 || px >= image.width() as i64 || py >= image.height() as i64 {
            continue;
        }
        let Rgba([r, g, b, a]) = *image.get_pixel(px as u32, py as u32);
        let alpha = a as f32 / 255.0 * weight;
        out[0] += r as f32 * alpha;
        out[1] += g as f32 * alpha;
        out[2] += b as f32 * alpha;
        out[3] += alpha;
    }
    out
}
