//! Making a clip's frames in Rust, straight in the encoder's yuv420p: a gentle Ken Burns zoom of
//! the background (sub-pixel bilinear, so no integer-pixel jitter) with the figure drifting from
//! its start to its end placement and bobbing slightly. Doing this here instead of in ffmpeg
//! filters (upscale + zoompan + overlay) is what makes clips cheap: the encoder stays the only
//! big cost.

mod figure;
mod posed;
mod zoom;

use image::imageops::{self, FilterType};
use image::RgbaImage;
use render::{Placement, SceneLayers};

use figure::{draw_figure, figure_layer, FigureLayer};
use posed::PosedFigure;
use zoom::zoom_plane;

use crate::subtitles::Caption;
use crate::AvError;

pub const WIDTH: usize = 1280;
pub const HEIGHT: usize = 720;
pub const FPS: u32 = 25;
pub(crate) const CHROMA_WIDTH: usize = WIDTH / 2;
pub(crate) const CHROMA_HEIGHT: usize = HEIGHT / 2;
/// Bytes of one yuv420p frame.
pub const FRAME_BYTES: usize = WIDTH * HEIGHT * 3 / 2;

/// Average zoom speed of the background (the eased motion peaks at 1.5x this, about 3 %/s).
pub const ZOOM_PER_SEC: f32 = 0.02;
/// The most a scene zooms in, however long it is.
pub const MAX_ZOOM: f32 = 0.10;
/// How far the zoom's fixed point leans from the frame centre towards the figure.
const ANCHOR_PULL: f32 = 0.35;
/// Figure bob: height as a share of the figure's height on screen, and its period.
const BOB_SHARE: f32 = 0.015;
const BOB_MIN_PX: f32 = 2.0;
const BOB_MAX_PX: f32 = 9.0;
const BOB_PERIOD_SEC: f32 = 2.6;
/// Figure sway: rotation in degrees and its period.
const SWAY_DEG: f32 = 1.2;
const SWAY_PERIOD_SEC: f32 = 3.4;

/// The camera and the figure at one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motion {
    /// Background magnification, 1 = the whole background.
    pub zoom: f32,
    /// The background point that stays put while zooming, in output pixels.
    pub anchor: (f32, f32),
    /// Where the figure is drawn.
    pub figure: Placement,
}

/// Makes the frames of one clip; immutable once built, so several threads may share it.
pub struct FrameMaker {
    frame_count: usize,
    luma: Vec<u8>,
    chroma_u: Vec<u8>,
    chroma_v: Vec<u8>,
    figure: Option<FigureLayer>,
    /// The figure's own motion by its rig, when it has one.
    posed: Option<PosedFigure>,
    figure_size: (u32, u32),
    start: Placement,
    end: Placement,
    anchor: (f32, f32),
    zoom_total: f32,
    captions: Vec<Caption>,
}

impl FrameMaker {
    /// Prepares `layers` for a clip of `frame_count` frames at [`FPS`].
    pub fn new(layers: &SceneLayers, frame_count: usize) -> Result<Self, AvError> {
        if layers.background.width() == 0 || layers.background.height() == 0 {
            return Err(AvError::BadLayers { detail: "the background is empty".into() });
        }
        let background = fit_background(&layers.background);
        let (luma, chroma_u, chroma_v) = background_planes(&background);
        let figure = figure_layer(&layers.figure, &layers.start, &layers.end);
        let posed = match (&layers.animation, &figure) {
            (Some(animation), Some(layer)) => {
                Some(PosedFigure::new(animation, layer, layers.figure.dimensions()))
            }
            _ => None,
        };
        let duration = frame_count as f32 / FPS as f32;
        let mid_x = (layers.start.center_x + layers.end.center_x) / 2.0;
        let mid_y = (layers.start.center_y + layers.end.center_y) / 2.0;
        let pull = |centre: f32, toward: f32, size: f32| {
            let toward = if toward.is_finite() { toward } else { centre };
            (centre + (toward - centre) * ANCHOR_PULL).clamp(size * 0.2, size * 0.8)
        };
        Ok(Self {
            frame_count,
            luma,
            chroma_u,
            chroma_v,
            figure,
            posed,
            figure_size: layers.figure.dimensions(),
            start: layers.start,
            end: layers.end,
            anchor: (
                pull(WIDTH as f32 / 2.0, mid_x, WIDTH as f32),
                pull(HEIGHT as f32 / 2.0, mid_y, HEIGHT as f32),
            ),
            zoom_total: (ZOOM_PER_SEC * duration).min(MAX_ZOOM),
            captions: Vec::new(),
        })
    }

    /// Adds subtitle lines, drawn over the figure at their times.
    pub fn with_captions(mut self, captions: Vec<Caption>) -> Self {
        self.captions = captions;
        self
    }

    pub fn frame_count(&self) -> usize {
        self.frame_count
    }

    /// The camera and figure at frame `index`.
    pub fn motion(&self, index: usize) -> Motion {
        let progress = if self.frame_count > 1 {
            (index.min(self.frame_count - 1)) as f32 / (self.frame_count - 1) as f32
        } else {
            0.0
        };
        let eased = progress * progress * (3.0 - 2.0 * progress);
        let seconds = index as f32 / FPS as f32;
        let mut figure = self.start.lerp(&self.end, eased);
        let on_screen_height = self.figure_size.1 as f32 * figure.scale;
        let turn = std::f32::consts::TAU;
        // A figure that moves by its rig bobs as its motion does (a walk's steps, a hop).
        if self.posed.is_none() {
            let bob = (on_screen_height * BOB_SHARE).clamp(BOB_MIN_PX, BOB_MAX_PX);
            figure.center_y -= bob * (turn * seconds / BOB_PERIOD_SEC).sin();
        }
        figure.rotation_deg += SWAY_DEG * (turn * seconds / SWAY_PERIOD_SEC).sin();
        Motion { zoom: 1.0 + self.zoom_total * eased, anchor: self.anchor, figure }
    }

    /// Writes frame `index` as yuv420p (BT.709, limited range) into `out` ([`FRAME_BYTES`] long).
    pub fn frame_yuv420(&self, index: usize, out: &mut [u8]) {
        let motion = self.motion(index);
        let (luma_out, rest) = out.split_at_mut(WIDTH * HEIGHT);
        let (u_out, v_out) = rest.split_at_mut(CHROMA_WIDTH * CHROMA_HEIGHT);
        let anchor = motion.anchor;
        zoom_plane(&self.luma, WIDTH, HEIGHT, motion.zoom, anchor, luma_out);
        let chroma_anchor = (anchor.0 / 2.0, anchor.1 / 2.0);
        zoom_plane(&self.chroma_u, CHROMA_WIDTH, CHROMA_HEIGHT, motion.zoom, chroma_anchor, u_out);
        zoom_plane(&self.chroma_v, CHROMA_WIDTH, CHROMA_HEIGHT, motion.zoom, chroma_anchor, v_out);
        let seconds = index as f64 / f64::from(FPS);
        match (&self.figure, &self.posed) {
            (Some(layer), Some(posed)) => {
                let screen = posed.on_screen(seconds as f32, &motion.figure);
                posed.draw(layer, &screen, motion.figure.flip, luma_out, u_out, v_out);
            }
            (Some(layer), None) => {
                draw_figure(layer, self.figure_size, &motion.figure, luma_out, u_out, v_out)
            }
            _ => {}
        }
        for caption in &self.captions {
            let opacity = caption.opacity(seconds);
            if opacity > 0.0 {
                caption.sprite.blend(out, opacity);
            }
        }
    }
}

/// The background at exactly 1280x720: other sizes are scaled to cover and centre-cropped.
fn fit_background(background: &RgbaImage) -> RgbaImage {
    let (width, height) = background.dimensions();
    if (width as usize, height as usize) == (WIDTH, HEIGHT) {
        return background.clone();
    }
    let scale = (WIDTH as f32 / width as f32).max(HEIGHT as f32 / height as f32);
    let scaled_w = ((width as f32 * scale).ceil() as u32).max(WIDTH as u32);
    let scaled_h = ((height as f32 * scale).ceil() as u32).max(HEIGHT as u32);
    let scaled = imageops::resize(background, scaled_w, scaled_h, FilterType::Triangle);
    let x = (scaled_w - WIDTH as u32) / 2;
    let y = (scaled_h - HEIGHT as u32) / 2;
    imageops::crop_imm(&scaled, x, y, WIDTH as u32, HEIGHT as u32).to_image()
}

/// BT.709 limited-range Y'CbCr of an sRGB-encoded pixel, each 0..255 as floats.
pub fn rgb_to_ycbcr(r: u8, g: u8, b: u8) -> [f32; 3] {
    let (r, g, b) = (f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0);
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    [16.0 + 219.0 * y, 128.0 + 224.0 * (b - y) / 1.8556, 128.0 + 224.0 * (r - y) / 1.5748]
}

/// Inverse of [`rgb_to_ycbcr`], clamped to 0..=255.
pub fn ycbcr_to_rgb(y: u8, cb: u8, cr: u8) -> [u8; 3] {
    let y = (f32::from(y) - 16.0) / 219.0;
    let cb = (f32::from(cb) - 128.0) / 224.0;
    let cr = (f32::from(cr) - 128.0) / 224.0;
    let r = y + 1.5748 * cr;
    let b = y + 1.8556 * cb;
    let g = (y - 0.2126 * r - 0.0722 * b) / 0.7152;
    [r, g, b].map(|c| (c * 255.0).round().clamp(0.0, 255.0) as u8)
}

/// Rounds to the nearest byte (without a libm call: this runs for every figure pixel).
#[inline]
fn to_u8(value: f32) -> u8 {
    (value + 0.5).clamp(0.0, 255.0) as u8
}

/// Full-resolution luma and 2x2-averaged chroma planes of the (opaque) background.
fn background_planes(background: &RgbaImage) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut luma = vec![0u8; WIDTH * HEIGHT];
    let mut cb_sum = vec![0f32; CHROMA_WIDTH * CHROMA_HEIGHT];
    let mut cr_sum = vec![0f32; CHROMA_WIDTH * CHROMA_HEIGHT];
    for (x, y, pixel) in background.enumerate_pixels() {
        let [luma_value, cb, cr] = rgb_to_ycbcr(pixel[0], pixel[1], pixel[2]);
        let (x, y) = (x as usize, y as usize);
        luma[y * WIDTH + x] = to_u8(luma_value);
        let chroma_index = (y / 2) * CHROMA_WIDTH + x / 2;
        cb_sum[chroma_index] += cb;
        cr_sum[chroma_index] += cr;
    }
    let average = |sums: Vec<f32>| sums.into_iter().map(|sum| to_u8(sum / 4.0)).collect();
    (luma, average(cb_sum), average(cr_sum))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    fn placement(x: f32, y: f32, scale: f32) -> Placement {
        Placement { center_x: x, center_y: y, scale, rotation_deg: 0.0, flip: false }
    }

    fn layers(start: Placement, end: Placement) -> SceneLayers {
        let background = RgbaImage::from_fn(1280, 720, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, ((x / 5 + y / 3) % 256) as u8, 255])
        });
        let figure = RgbaImage::from_fn(200, 300, |x, y| {
            if (x as i32 - 100).pow(2) + (y as i32 - 150).pow(2) < 90 * 90 {
                Rgba([230, 40, 160, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        SceneLayers { background, figure, start, end, drawn: Vec::new(), animation: None }
    }

    fn rgb_at(frame: &[u8], x: usize, y: usize) -> [u8; 3] {
        let chroma = WIDTH * HEIGHT;
        let c = (y / 2) * CHROMA_WIDTH + x / 2;
        ycbcr_to_rgb(
            frame[y * WIDTH + x],
            frame[chroma + c],
            frame[chroma + CHROMA_WIDTH * CHROMA_HEIGHT + c],
        )
    }

    fn close(a: [u8; 3], b: [u8; 3], tolerance: i32) -> bool {
        a.iter().zip(b).all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= tolerance)
    }

    #[test]
    fn colour_conversion_round_trips() {
        for rgb in [[0, 0, 0], [255, 255, 255], [230, 40, 160], [20, 200, 90]] {
            let [y, cb, cr] = rgb_to_ycbcr(rgb[0], rgb[1], rgb[2]);
            assert!(close(ycbcr_to_rgb(to_u8(y), to_u8(cb), to_u8(cr)), rgb, 3), "{rgb:?}");
        }
    }

    #[test]
    fn first_frame_matches_the_scene_still() {
        let scene = layers(placement(400.0, 360.0, 1.0), placement(800.0, 360.0, 1.0));
        let maker = FrameMaker::new(&scene, 100).expect("valid layers");
        assert_eq!(maker.motion(0).zoom, 1.0);
        let mut frame = vec![0u8; FRAME_BYTES];
        maker.frame_yuv420(0, &mut frame);
        let still = scene.composite(0.0);
        // Inside the figure, and on a flat-ish part of the background.
        let inside = still.get_pixel(400, 360);
        assert!(close(rgb_at(&frame, 400, 360), [inside[0], inside[1], inside[2]], 6));
        let background = still.get_pixel(1000, 100);
        assert!(close(rgb_at(&frame, 1000, 100), [background[0], background[1], background[2]], 12));
    }

    #[test]
    fn the_figure_colours_sit_on_its_shape_edges_included() {
        // An odd-sized layer at an odd position, so a half-pixel slip in chroma would show.
        let scene = layers(placement(401.0, 359.0, 0.77), placement(401.0, 359.0, 0.77));
        let maker = FrameMaker::new(&scene, 100).expect("valid layers");
        let mut frame = vec![0u8; FRAME_BYTES];
        maker.frame_yuv420(0, &mut frame);
        let still = scene.composite(0.0);
        let reference = |bx: usize, by: usize| {
            let mut sum = [0.0f32; 2];
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let pixel = still.get_pixel((2 * bx + dx) as u32, (2 * by + dy) as u32);
                let [_, cb, cr] = rgb_to_ycbcr(pixel[0], pixel[1], pixel[2]);
                sum[0] += cb / 4.0;
                sum[1] += cr / 4.0;
            }
            sum
        };
        // Blocks on the figure's edge: where the still's chroma changes sharply.
        let (mut total, mut worst, mut blocks) = (0.0f64, 0.0f32, 0usize);
        for by in 120..240 {
            for bx in 140..260 {
                let wanted = reference(bx, by);
                let edge = [reference(bx + 1, by), reference(bx, by + 1)]
                    .iter()
                    .any(|next| (next[1] - wanted[1]).abs() > 12.0);
                if !edge {
                    continue;
                }
                let chroma = WIDTH * HEIGHT;
                let at = by * CHROMA_WIDTH + bx;
                let drawn = [frame[chroma + at], frame[chroma + CHROMA_WIDTH * CHROMA_HEIGHT + at]];
                for (made, wanted) in drawn.iter().zip(wanted) {
                    let error = (f32::from(*made) - wanted).abs();
                    total += f64::from(error);
                    worst = worst.max(error);
                }
                blocks += 1;
            }
        }
        assert!(blocks > 100, "{blocks} edge blocks");
        let mean = total / (2 * blocks) as f64;
        // A quarter-texel slip already doubles both (3.9 and 34).
        assert!(mean < 2.5 && worst < 25.0, "chroma error on the edge: mean {mean:.2}, worst {worst:.1}");
    }

    #[test]
    fn the_figure_travels_from_start_to_end() {
        let scene = layers(placement(300.0, 360.0, 0.5), placement(900.0, 300.0, 0.8));
        let maker = FrameMaker::new(&scene, 125).expect("valid layers");
        let first = maker.motion(0).figure;
        let last = maker.motion(124).figure;
        assert!((first.center_x - 300.0).abs() < 0.01 && (last.center_x - 900.0).abs() < 0.01);
        assert!((last.scale - 0.8).abs() < 1e-4);
        let mut frame = vec![0u8; FRAME_BYTES];
        maker.frame_yuv420(124, &mut frame);
        let pink = [230, 40, 160];
        let at = last.center_y.round() as usize;
        assert!(close(rgb_at(&frame, 900, at), pink, 8), "{:?}", rgb_at(&frame, 900, at));
        assert!(!close(rgb_at(&frame, 300, 360), pink, 40));
    }

    #[test]
    fn motion_is_smooth_and_gentle() {
        let scene = layers(placement(300.0, 360.0, 0.5), placement(900.0, 300.0, 0.8));
        let frames = 250;
        let maker = FrameMaker::new(&scene, frames).expect("valid layers");
        let mut previous = maker.motion(0);
        for index in 1..frames {
            let motion = maker.motion(index);
            let zoom_rate = (motion.zoom - previous.zoom) * FPS as f32;
            assert!((0.0..=0.031).contains(&zoom_rate), "zoom speed {zoom_rate}/s at {index}");
            let step = (motion.figure.center_x - previous.figure.center_x).abs()
                + (motion.figure.center_y - previous.figure.center_y).abs();
            assert!(step < 8.0, "figure jumped {step} px at {index}");
            previous = motion;
        }
        assert!((previous.zoom - 1.0 - MAX_ZOOM).abs() < 1e-4);
    }

    /// The pixels of a frame that are not the plain background, by colour.
    fn figure_pixels(frame: &[u8], background: [u8; 3]) -> Vec<bool> {
        (0..WIDTH * HEIGHT)
            .map(|at| {
                let shown = rgb_at(frame, at % WIDTH, at / WIDTH);
                shown.iter().zip(background).map(|(a, b)| u32::from(a.abs_diff(b))).sum::<u32>() > 40
            })
            .collect()
    }

    /// Pixels of plain background with solid figure on all four sides: tears in the figure
    /// (its soft outline is neither, so it never counts).
    fn holes(frame: &[u8], background: [u8; 3]) -> usize {
        let away = |x: usize, y: usize| {
            rgb_at(frame, x, y).iter().zip(background).map(|(a, b)| u32::from(a.abs_diff(b))).sum::<u32>()
        };
        (1..HEIGHT - 1)
            .flat_map(|y| (1..WIDTH - 1).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                away(x, y) < 12
                    && [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
                        .iter()
                        .all(|&(nx, ny)| away(nx, ny) > 120)
            })
            .count()
    }

    #[test]
    fn a_rigged_figure_moves_its_parts_keeping_its_size_and_no_holes() {
        let figure = posed::tests::boy();
        let place = placement(640.0, 400.0, 1.0);
        // A green no mix of the boy's purple and white comes near.
        let green = [40, 200, 40];
        let mut scene = layers(place, place);
        scene.background = RgbaImage::from_pixel(1280, 720, Rgba([green[0], green[1], green[2], 255]));
        scene.figure = figure.clone();
        let mut frame = vec![0u8; FRAME_BYTES];

        let still = FrameMaker::new(&scene, 100).expect("valid layers");
        still.frame_yuv420(0, &mut frame);
        let still_area = figure_pixels(&frame, green).iter().filter(|&&f| f).count();
        assert!(still_area > 10_000, "the still figure shows ({still_area} px)");

        let rig = render::find_rig(&figure).expect("the boy has a skeleton");
        for motion in [model::Motion::Wave, model::Motion::Walk, model::Motion::Jump] {
            scene.animation = Some(render::animate(&figure, &rig, motion, 5).expect("it meshes"));
            let moving = FrameMaker::new(&scene, 100).expect("valid layers");
            moving.frame_yuv420(0, &mut frame);
            let first = figure_pixels(&frame, green);
            let mut most_changed = 0;
            for index in (0..100).step_by(4) {
                moving.frame_yuv420(index, &mut frame);
                let shown = figure_pixels(&frame, green);
                let area = shown.iter().filter(|&&f| f).count();
                let share = area as f64 / still_area as f64;
                assert!(
                    (0.9..=1.1).contains(&share),
                    "{motion:?} frame {index}: area {share:.3} of the still's"
                );
                let holes = holes(&frame, green);
                assert_eq!(holes, 0, "{motion:?} frame {index}: the background shows through the figure");
                let changed = shown.iter().zip(&first).filter(|(a, b)| a != b).count();
                most_changed = most_changed.max(changed);
            }
            assert!(
                most_changed as f64 > 0.05 * still_area as f64,
                "{motion:?}: the figure barely moves ({most_changed} px change at most)"
            );
        }
    }

    #[test]
    fn odd_layers_do_not_panic() {
        let mut scene = layers(placement(f32::NAN, 0.0, 0.0), placement(5000.0, -900.0, f32::INFINITY));
        scene.background = RgbaImage::new(333, 100);
        scene.figure = RgbaImage::new(0, 0);
        let maker = FrameMaker::new(&scene, 3).expect("odd but usable layers");
        let mut frame = vec![0u8; FRAME_BYTES];
        for index in 0..3 {
            maker.frame_yuv420(index, &mut frame);
        }
        scene.background = RgbaImage::new(0, 0);
        assert!(FrameMaker::new(&scene, 3).is_err());
    }
}
