//! Still overlays (the rendered subtitle lines) kept as premultiplied yuv420p and blended onto
//! frames with a fade: libass draws each line once, and every frame after that costs only a
//! blend of the line's bounding box.

use crate::frames::{rgb_to_ycbcr, HEIGHT, WIDTH};

const CHROMA_WIDTH: usize = WIDTH / 2;

/// A premultiplied Y'CbCrA picture at an even position of the frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Sprite {
    /// Top-left corner in frame pixels (even).
    pub x: usize,
    pub y: usize,
    /// Size in frame pixels (even).
    pub width: usize,
    pub height: usize,
    /// Per pixel of the bounding box only: premultiplied luma and alpha.
    luma: Vec<[u8; 2]>,
    /// Per 2x2 block of the bounding box: premultiplied Cb, Cr and the block's mean alpha.
    chroma: Vec<[u8; 3]>,
}

impl Sprite {
    /// Builds a sprite from a full-frame RGBA picture whose colour is already multiplied by its
    /// alpha (what libass leaves on a clear frame). `None` when nothing is visible.
    pub fn from_premultiplied_rgba(rgba: &[u8], frame_width: usize, frame_height: usize) -> Option<Sprite> {
        if frame_width != WIDTH || frame_height != HEIGHT || rgba.len() < WIDTH * HEIGHT * 4 {
            return None;
        }
        let alpha_at = |x: usize, y: usize| rgba[(y * WIDTH + x) * 4 + 3];
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (WIDTH, HEIGHT, 0, 0);
        for y in 0..HEIGHT {
            for x in 0..WIDTH {
                if alpha_at(x, y) > 0 {
                    min_x = min_x.min(x);
                    max_x = max_x.max(x);
                    min_y = min_y.min(y);
                    max_y = max_y.max(y);
                }
            }
        }
        if min_x > max_x {
            return None;
        }
        let x = min_x & !1;
        let y = min_y & !1;
        let width = ((max_x + 2) & !1).min(WIDTH) - x;
        let height = ((max_y + 2) & !1).min(HEIGHT) - y;
        let mut luma = Vec::with_capacity(width * height);
        let mut premultiplied_cbcr = Vec::with_capacity(width * height);
        for row in y..y + height {
            for column in x..x + width {
                let at = (row * WIDTH + column) * 4;
                let alpha = f32::from(rgba[at + 3]) / 255.0;
                let (luma_value, cb, cr) = if alpha > 0.0 {
                    let straight = |c: u8| (f32::from(c) / alpha).round().clamp(0.0, 255.0) as u8;
                    let [l, cb, cr] =
                        rgb_to_ycbcr(straight(rgba[at]), straight(rgba[at + 1]), straight(rgba[at + 2]));
                    (l * alpha, cb * alpha, cr * alpha)
                } else {
                    (0.0, 0.0, 0.0)
                };
                luma.push([luma_value.round().clamp(0.0, 255.0) as u8, rgba[at + 3]]);
                premultiplied_cbcr.push([cb, cr, alpha * 255.0]);
            }
        }
        let mut chroma = Vec::with_capacity(width * height / 4);
        for block_y in 0..height / 2 {
            for block_x in 0..width / 2 {
                let mut sum = [0f32; 3];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let texel = premultiplied_cbcr[(2 * block_y + dy) * width + 2 * block_x + dx];
                    for channel in 0..3 {
                        sum[channel] += texel[channel];
                    }
                }
                chroma.push(sum.map(|total| (total / 4.0).round().clamp(0.0, 255.0) as u8));
            }
        }
        Some(Sprite { x, y, width, height, luma, chroma })
    }

    /// Blends the sprite over a yuv420p frame at `opacity` (0..=1).
    pub fn blend(&self, frame: &mut [u8], opacity: f32) {
        let opacity = (opacity.clamp(0.0, 1.0) * 256.0).round() as u32;
        if opacity == 0 || frame.len() < WIDTH * HEIGHT * 3 / 2 {
            return;
        }
        let (luma_plane, chroma_planes) = frame.split_at_mut(WIDTH * HEIGHT);
        let (cb_plane, cr_plane) = chroma_planes.split_at_mut(CHROMA_WIDTH * (HEIGHT / 2));
        // out = sprite * opacity + frame * (1 - alpha * opacity), in 8.8 fixed point.
        let mix = |under: u8, premultiplied: u8, alpha: u8| -> u8 {
            let cover = u32::from(alpha) * opacity / 255;
            let value =
                (u32::from(premultiplied) * opacity + u32::from(under) * (256 - cover.min(256)) + 128) >> 8;
            value.min(255) as u8
        };
        for row in 0..self.height {
            let sprite_row = &self.luma[row * self.width..(row + 1) * self.width];
            let start = (self.y + row) * WIDTH + self.x;
            for (pixel, &[value, alpha]) in luma_plane[start..start + self.width].iter_mut().zip(sprite_row) {
                if alpha > 0 {
                    *pixel = mix(*pixel, value, alpha);
                }
            }
        }
        let block_width = self.width / 2;
        for block_row in 0..self.height / 2 {
            let sprite_row = &self.chroma[block_row * block_width..(block_row + 1) * block_width];
            let start = (self.y / 2 + block_row) * CHROMA_WIDTH + self.x / 2;
            let end = start + block_width;
            for ((cb, cr), &[cb_value, cr_value, alpha]) in
                cb_plane[start..end].iter_mut().zip(cr_plane[start..end].iter_mut()).zip(sprite_row)
            {
                if alpha > 0 {
                    *cb = mix(*cb, cb_value, alpha);
                    *cr = mix(*cr, cr_value, alpha);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frames::{ycbcr_to_rgb, FRAME_BYTES};

    fn picture_with_box(rgb: [u8; 3], alpha: u8) -> Vec<u8> {
        let mut rgba = vec![0u8; WIDTH * HEIGHT * 4];
        for y in 601..640 {
            for x in 101..300 {
                let at = (y * WIDTH + x) * 4;
                for c in 0..3 {
                    rgba[at + c] = (u32::from(rgb[c]) * u32::from(alpha) / 255) as u8;
                }
                rgba[at + 3] = alpha;
            }
        }
        rgba
    }

    fn rgb_at(frame: &[u8], x: usize, y: usize) -> [u8; 3] {
        let c = (y / 2) * CHROMA_WIDTH + x / 2;
        let chroma = WIDTH * HEIGHT;
        ycbcr_to_rgb(frame[y * WIDTH + x], frame[chroma + c], frame[chroma + CHROMA_WIDTH * HEIGHT / 2 + c])
    }

    #[test]
    fn bounding_box_is_even_aligned_and_tight() {
        let sprite = Sprite::from_premultiplied_rgba(&picture_with_box([255, 255, 255], 255), WIDTH, HEIGHT)
            .expect("visible sprite");
        assert_eq!((sprite.x, sprite.y, sprite.width, sprite.height), (100, 600, 200, 40));
        assert!(Sprite::from_premultiplied_rgba(&vec![0u8; WIDTH * HEIGHT * 4], WIDTH, HEIGHT).is_none());
    }

    #[test]
    fn a_sprite_keeps_only_its_bounding_box() {
        let sprite = Sprite::from_premultiplied_rgba(&picture_with_box([255, 255, 255], 255), WIDTH, HEIGHT)
            .expect("visible sprite");
        assert_eq!(sprite.luma.len(), 200 * 40);
        assert_eq!(sprite.chroma.len(), 100 * 20);
    }

    #[test]
    fn opaque_sprite_replaces_and_faded_sprite_mixes() {
        let sprite = Sprite::from_premultiplied_rgba(&picture_with_box([250, 250, 250], 255), WIDTH, HEIGHT)
            .expect("visible sprite");
        let mut frame = vec![16u8; FRAME_BYTES];
        frame[WIDTH * HEIGHT..].fill(128);
        sprite.blend(&mut frame, 1.0);
        let inside = rgb_at(&frame, 200, 620);
        assert!(inside.iter().all(|c| *c >= 245), "{inside:?}");
        assert_eq!(rgb_at(&frame, 50, 620), [0, 0, 0]);

        let mut half = vec![16u8; FRAME_BYTES];
        half[WIDTH * HEIGHT..].fill(128);
        sprite.blend(&mut half, 0.5);
        let mixed = rgb_at(&half, 200, 620);
        assert!(mixed.iter().all(|c| (110..=140).contains(c)), "{mixed:?}");
    }
}
