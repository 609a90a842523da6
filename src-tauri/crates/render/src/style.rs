//! The three looks (storybook, watercolor, crayon) applied to both layers, so the figure and its
//! world always look painted with the same hand.
//!
//! A style changes how the child's colours are laid down (flat, washed, waxy), never which
//! colours they are: each colour region of the figure keeps its hue, and light colours count as
//! much as dark ones wherever a style weighs how strongly something was drawn, so yellow crayon
//! is not thinned to paper for being light.

use image::{Rgba, RgbaImage};
use model::Style;

use crate::noise::{crayon_wax, paper_grain, CoarseField};
use crate::paint::{Canvas, Outline, Rgb};
use crate::plane::Plane;
use crate::plate::smoothstep;
use crate::rng::{mix, Rng};

/// Warm white drawing paper, what unpainted parts of watercolor and crayon pages show.
const PAPER: Rgb = Rgb(0.985, 0.965, 0.92);
/// The warm white the figure's paper shows in every style. The cut-out's paper is plain white
/// (the drawing white-balanced); a touch of warmth lets it sit in a painted page.
const FIGURE_PAPER: Rgb = Rgb(0.992, 0.98, 0.95);
/// The storybook line colour: a soft near-black with a little plum in it.
const INK_LINE: Rgb = Rgb(0.17, 0.13, 0.2);

/// Lines the backdrop's shapes are drawn with, if the style has any.
pub fn backdrop_outline(style: Style) -> Option<Outline> {
    match style {
        Style::Storybook => Some(Outline { color: INK_LINE, width: 2.6 }),
        Style::Watercolor => None,
        Style::Crayon => Some(Outline { color: Rgb(0.3, 0.22, 0.2), width: 3.2 }),
    }
}

/// Applies the style to a painted backdrop.
pub fn style_backdrop(style: Style, canvas: &mut Canvas, seed: u64) {
    let mut rng = Rng::new(mix(seed, 0x57));
    let (ox, oy) = (rng.range(0.0, 512.0) as i64, rng.range(0.0, 512.0) as i64);
    match style {
        Style::Storybook => storybook_backdrop(canvas, ox, oy),
        Style::Watercolor => watercolor_backdrop(canvas, seed, ox, oy),
        Style::Crayon => crayon_backdrop(canvas, seed, ox, oy),
    }
}

fn storybook_backdrop(canvas: &mut Canvas, ox: i64, oy: i64) {
    let grain = paper_grain();
    let (w, h) = (canvas.width as f32, canvas.height as f32);
    canvas.shade(|x, y, c| {
        // A gentle vignette keeps the eye on the middle of the page.
        let (dx, dy) = (x / w - 0.5, y / h - 0.5);
        let vignette = 1.0 - 0.14 * (dx * dx + dy * dy) * 2.0;
        let g = grain.at(x as i64 + ox, y as i64 + oy);
        c.scale(vignette * (1.0 + 0.018 * g))
    });
}

fn watercolor_backdrop(canvas: &mut Canvas, seed: u64, ox: i64, oy: i64) {
    let (w, h) = (canvas.width, canvas.height);
    // The washes are soft, so they are mixed at half size; only the paper stays sharp.
    let half = to_planes(canvas).map(|p| p.shrink(2));
    let (hw, hh) = (half[0].width, half[0].height);
    let warp_x = CoarseField::new(seed ^ 0xA1, hw as u32, hh as u32, 4.0, 19.0);
    let warp_y = CoarseField::new(seed ^ 0xA2, hw as u32, hh as u32, 4.0, 19.0);
    // Colours run into each other along wobbly edges.
    let displaced: Vec<(f32, f32)> = (0..hw * hh)
        .map(|i| {
            let (fx, fy) = ((i % hw) as f32 + 0.5, (i / hw) as f32 + 0.5);
            (fx + 3.5 * warp_x.sample(fx, fy), fy + 3.5 * warp_y.sample(fx, fy))
        })
        .collect();
    let [r, g, b] = half.map(|p| {
        Plane { values: displaced.iter().map(|(x, y)| p.sample(*x, *y)).collect(), ..p.clone() }.blur(1, 2)
    });
    let luma = Plane {
        values: (0..r.values.len())
            .map(|i| 0.3 * r.values[i] + 0.59 * g.values[i] + 0.11 * b.values[i])
            .collect(),
        ..r.clone()
    };
    let surround = luma.shrink(2).blur(2, 2);
    let blotch = CoarseField::new(seed ^ 0xA3, hw as u32, hh as u32, 8.0, 70.0);
    let mut painted = [Plane::new(hw, hh, 0.0), Plane::new(hw, hh, 0.0), Plane::new(hw, hh, 0.0)];
    for i in 0..hw * hh {
        let (fx, fy) = ((i % hw) as f32 + 0.5, (i / hw) as f32 + 0.5);
        let colour = Rgb(r.values[i], g.values[i], b.values[i]);
        // Pigment pools where a wash meets a lighter one.
        let pooled = (surround.sample(fx / 2.0, fy / 2.0) - luma.values[i]).max(0.0);
        let n = blotch.sample(fx, fy);
        let wash = colour.scale(1.0 - 0.9 * pooled + 0.05 * n).saturate(0.92);
        let thin = (0.14 + 0.08 * n).clamp(0.0, 0.3);
        let c = wash.mix(PAPER, thin);
        painted[0].values[i] = c.0;
        painted[1].values[i] = c.1;
        painted[2].values[i] = c.2;
    }
    let [r, g, b] = painted.map(|p| p.upscale2(w, h));
    let grain = paper_grain();
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let paper = 1.0 + 0.05 * grain.at(x as i64 + ox, y as i64 + oy) - 0.02;
            canvas.pixels[i] = Rgb(r.values[i], g.values[i], b.values[i]).scale(paper).clamped();
        }
    }
}

fn crayon_backdrop(canvas: &mut Canvas, seed: u64, ox: i64, oy: i64) {
    let (w, h) = (canvas.width, canvas.height);
    let wobble = CoarseField::new(seed ^ 0xC1, w as u32, h as u32, 4.0, 12.0);
    let source = canvas.pixels.clone();
    let wax = crayon_wax();
    let grain = paper_grain();
    for y in 0..h {
        for x in 0..w {
            let shift = (2.5 * wobble.sample(x as f32, y as f32)).round() as isize;
            let sx = (x as isize + shift).clamp(0, w as isize - 1) as usize;
            let colour = source[y * w + sx].saturate(1.12);
            let t = wax.at(x as i64 + ox, y as i64 + oy);
            // Dark colours are pressed harder and fill more of the paper's tooth.
            let pressure = 1.0 - colour.luma();
            let coverage = smoothstep(0.2, 0.55, t + 0.3 * pressure).max(0.4);
            let stroke = colour.scale(0.84 + 0.26 * t);
            let paper = PAPER.scale(1.0 + 0.03 * grain.at(x as i64 + ox, y as i64 + oy));
            canvas.pixels[y * w + x] = paper.mix(stroke, coverage).clamped();
        }
    }
}

fn to_planes(canvas: &Canvas) -> [Plane; 3] {
    let (w, h) = (canvas.width, canvas.height);
    [
        Plane { width: w, height: h, values: canvas.pixels.iter().map(|c| c.0).collect() },
        Plane { width: w, height: h, values: canvas.pixels.iter().map(|c| c.1).collect() },
        Plane { width: w, height: h, values: canvas.pixels.iter().map(|c| c.2).collect() },
    ]
}

/// A figure layer as planes: colour (straight) and alpha.
struct Layer {
    colour: [Plane; 3],
    alpha: Plane,
}

impl Layer {
    fn from_image(image: &RgbaImage) -> Self {
        let (w, h) = (image.width() as usize, image.height() as usize);
        let channel =
            |c: usize| Plane::from_fn(w, h, |x, y| image.get_pixel(x as u32, y as u32)[c] as f32 / 255.0);
        Self { colour: [channel(0), channel(1), channel(2)], alpha: channel(3) }
    }

    fn width(&self) -> usize {
        self.alpha.width
    }

    fn height(&self) -> usize {
        self.alpha.height
    }

    fn get(&self, i: usize) -> Rgb {
        Rgb(self.colour[0].values[i], self.colour[1].values[i], self.colour[2].values[i])
    }

    fn set(&mut self, i: usize, colour: Rgb) {
        self.colour[0].values[i] = colour.0;
        self.colour[1].values[i] = colour.1;
        self.colour[2].values[i] = colour.2;
    }

    /// Puts a flat-coloured layer of the given alpha underneath this one.
    fn under(&mut self, colour: Rgb, alpha: &Plane) {
        for i in 0..self.alpha.values.len() {
            let top = self.alpha.values[i];
            let bottom = alpha.values[i].clamp(0.0, 1.0);
            let out = top + bottom * (1.0 - top);
            if out > 0.0 {
                let own = self.get(i).scale(top);
                let below = colour.scale(bottom * (1.0 - top));
                self.set(i, Rgb(own.0 + below.0, own.1 + below.1, own.2 + below.2).scale(1.0 / out));
            }
            self.alpha.values[i] = out;
        }
    }

    fn to_image(&self) -> RgbaImage {
        let mut image = RgbaImage::new(self.width() as u32, self.height() as u32);
        for (i, pixel) in image.pixels_mut().enumerate() {
            let c = self.get(i).to_rgba();
            *pixel = Rgba([c[0], c[1], c[2], (self.alpha.values[i].clamp(0.0, 1.0) * 255.0).round() as u8]);
        }
        image
    }
}

/// Applies the style to the cut-out figure. `ink` is the figure's main ink colour, `light`
/// multiplies it a little so it belongs in the scene's light, `detail` is the cut-out's size in
/// pixels per frame pixel (line widths stay the same on the page whatever the drawing's size).
pub fn style_figure(
    style: Style,
    figure: &RgbaImage,
    ink: Rgb,
    light: Rgb,
    seed: u64,
    detail: f32,
) -> RgbaImage {
    let mut layer = Layer::from_image(figure);
    for i in 0..layer.alpha.values.len() {
        let c = layer.get(i).multiply(FIGURE_PAPER);
        layer.set(i, c);
    }
    let ink = ink.multiply(FIGURE_PAPER);
    let px = |frame_pixels: f32| ((frame_pixels * detail).round().max(1.0)) as usize;
    match style {
        Style::Storybook => storybook_figure(&mut layer, ink, px(3.5)),
        Style::Watercolor => watercolor_figure(&mut layer, ink, seed, px(2.0)),
        Style::Crayon => crayon_figure(&mut layer, ink, seed, px(3.0)),
    }
    shadow(&mut layer, px(4.0), px(6.0));
    let tint = Rgb(1.0, 1.0, 1.0).mix(light, 0.3);
    for i in 0..layer.alpha.values.len() {
        let c = layer.get(i).multiply(tint);
        layer.set(i, c);
    }
    layer.to_image()
}

fn storybook_figure(layer: &mut Layer, ink: Rgb, line: usize) {
    // Smooth the marker's streaks, then settle colours on a few flat levels.
    let smoothed: Vec<Plane> = layer.colour.iter().map(|p| p.blur(1, 1)).collect();
    for i in 0..layer.alpha.values.len() {
        let c = Rgb(smoothed[0].values[i], smoothed[1].values[i], smoothed[2].values[i]);
        let darkness = 1.0 - c.luma();
        let rich = if darkness > 0.12 { c.saturate(1.35).scale(0.92) } else { c };
        let levels = 6.0;
        let flat = Rgb(
            (rich.0 * levels).round() / levels,
            (rich.1 * levels).round() / levels,
            (rich.2 * levels).round() / levels,
        );
        layer.set(i, rich.mix(flat, 0.55).clamped());
    }
    let grown = layer.alpha.dilate(line).blur(1, 1);
    let line_colour = ink.scale(0.35).mix(INK_LINE, 0.6);
    layer.under(line_colour, &grown);
}

fn watercolor_figure(layer: &mut Layer, ink: Rgb, seed: u64, soft: usize) {
    let (w, h) = (layer.width(), layer.height());
    let warp_x = CoarseField::new(seed ^ 0xB1, w as u32, h as u32, 6.0, 24.0);
    let warp_y = CoarseField::new(seed ^ 0xB2, w as u32, h as u32, 6.0, 24.0);
    let displaced: Vec<(f32, f32)> = (0..w * h)
        .map(|i| {
            let (fx, fy) = ((i % w) as f32 + 0.5, (i / w) as f32 + 0.5);
            (fx + 4.0 * warp_x.sample(fx, fy), fy + 4.0 * warp_y.sample(fx, fy))
        })
        .collect();
    let bled: Vec<Plane> = layer
        .colour
        .iter()
        .map(|p| {
            Plane { values: displaced.iter().map(|(x, y)| p.sample(*x, *y)).collect(), ..p.clone() }
                .blur(soft, 2)
        })
        .collect();
    let grain = paper_grain();
    for i in 0..layer.alpha.values.len() {
        let sharp = layer.get(i);
        let soft_colour = Rgb(bled[0].values[i], bled[1].values[i], bled[2].values[i]);
        let wet = soft_colour.mix(sharp, 0.35).mix(PAPER, 0.1);
        let g = grain.at((i % w) as i64, (i / w) as i64);
        layer.set(i, wet.scale(1.0 + 0.05 * g).clamped());
    }
    // A soft, uneven edge, and a pale wash of the ink colour bleeding past it.
    let edge_noise = CoarseField::new(seed ^ 0xB3, w as u32, h as u32, 4.0, 10.0);
    let softened = layer.alpha.blur(soft + 1, 2);
    layer.alpha = Plane::from_fn(w, h, |x, y| {
        let a = softened.at(x, y) + 0.18 * edge_noise.sample(x as f32, y as f32);
        smoothstep(0.12, 0.7, a)
    });
    let wash = layer.alpha.dilate(soft * 3).blur(soft * 3, 2);
    let wash_alpha = Plane { values: wash.values.iter().map(|v| v * 0.4).collect(), ..wash };
    layer.under(ink.mix(PAPER, 0.6), &wash_alpha);
}

fn crayon_figure(layer: &mut Layer, ink: Rgb, seed: u64, line: usize) {
    let (w, h) = (layer.width(), layer.height());
    let wax = crayon_wax();
    let mut rng = Rng::new(mix(seed, 0xC3));
    let (ox, oy) = (rng.range(0.0, 512.0) as i64, rng.range(0.0, 512.0) as i64);
    for i in 0..layer.alpha.values.len() {
        let (x, y) = ((i % w) as i64, (i / w) as i64);
        let c = layer.get(i).saturate(1.25);
        let t = wax.at(x + ox, y + oy);
        let pressure = drawn_strength(c);
        let coverage = smoothstep(0.1, 0.45, t + 0.3 * pressure).max(0.35);
        layer.set(i, PAPER.mix(c.scale(0.9 + 0.15 * t), coverage).clamped());
    }
    // A waxy line in the child's own colour, with a rough edge.
    let grown = layer.alpha.dilate(line);
    let rough = Plane::from_fn(w, h, |x, y| {
        let t = wax.at(x as i64 + oy, y as i64 + ox);
        (grown.at(x, y) * smoothstep(0.15, 0.5, t)).clamp(0.0, 1.0)
    });
    layer.under(ink.scale(0.8).saturate(1.2).clamped(), &rough);
}

/// How strongly a colour was drawn, 0..=1: the larger of how dark and how coloured it is. A
/// crayon yellow is pressed as hard as a brown one though it is much lighter.
fn drawn_strength(colour: Rgb) -> f32 {
    let chroma = colour.0.max(colour.1).max(colour.2) - colour.0.min(colour.1).min(colour.2);
    (1.0 - colour.luma()).max(chroma).clamp(0.0, 1.0)
}

/// A soft shadow below and to the right, so the figure stands off the page.
fn shadow(layer: &mut Layer, offset: usize, blur: usize) {
    let (w, h) = (layer.width(), layer.height());
    let alpha = &layer.alpha;
    let shifted = Plane::from_fn(w, h, |x, y| {
        if x >= offset / 2 && y >= offset {
            alpha.at(x - offset / 2, y - offset)
        } else {
            0.0
        }
    })
    .blur(blur, 2);
    let soft = Plane { values: shifted.values.iter().map(|v| v * 0.28).collect(), ..shifted };
    layer.under(Rgb(0.12, 0.1, 0.18), &soft);
}
