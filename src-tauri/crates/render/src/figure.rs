//! Cutting the child's figure out of the page: done once per drawing, so every scene and style
//! starts from the same clean, white-balanced cut-out and the same clean paper plate.

use image::{GrayImage, Rgba, RgbaImage};
use model::FigureBox;

use crate::error::RenderError;
use crate::paint::Rgb;
use crate::plane::Plane;
use crate::plate::{build_plate, percentile, smoothstep, PaperField};

/// Longest side of the stored cut-out; the hero is at most 70% of a 720-px frame, so more
/// detail than this is never seen.
pub const FIGURE_MAX_SIDE: usize = 640;
/// Transparent border around the cut-out, room for outlines, soft edges and shadows.
pub const FIGURE_PADDING: usize = 28;
/// The white of clean paper inside the figure.
pub const PAPER_WHITE: Rgb = Rgb(0.992, 0.98, 0.95);

/// The figure cut out of the page plus the page without the figure.
#[derive(Debug, Clone)]
pub struct PreparedFigure {
    figure: RgbaImage,
    plate: RgbaImage,
    paper: Rgb,
    ink: Rgb,
    source_box: FigureBox,
}

impl PreparedFigure {
    /// The cut-out: straight alpha, paper evened out to a clean white, with a transparent
    /// border of `FIGURE_PADDING` pixels on every side.
    pub fn figure(&self) -> &RgbaImage {
        &self.figure
    }

    /// The whole page with the figure painted out in the local paper colour.
    pub fn plate(&self) -> &RgbaImage {
        &self.plate
    }

    /// The page's typical paper colour, `[r, g, b]`.
    pub fn paper_color(&self) -> [u8; 3] {
        let p = self.paper.to_rgba();
        [p[0], p[1], p[2]]
    }

    /// The figure's main ink colour (after evening out the paper), `[r, g, b]`.
    pub fn ink_color(&self) -> [u8; 3] {
        let p = self.ink.to_rgba();
        [p[0], p[1], p[2]]
    }

    /// Where the cut-out was taken from, in the drawing's pixels (the mask's box plus a margin).
    pub fn source_box(&self) -> FigureBox {
        self.source_box
    }

    pub(crate) fn ink(&self) -> Rgb {
        self.ink
    }

    /// The size of the figure itself, without the transparent border.
    pub(crate) fn content_size(&self) -> (f32, f32) {
        let pad = 2 * FIGURE_PADDING as u32;
        (self.figure.width().saturating_sub(pad) as f32, self.figure.height().saturating_sub(pad) as f32)
    }
}

/// Cuts the figure (mask 255) out of the drawing and paints it out of the page.
pub fn prepare_figure(drawing: &RgbaImage, mask: &GrayImage) -> Result<PreparedFigure, RenderError> {
    if drawing.width() == 0 || drawing.height() == 0 {
        return Err(RenderError::EmptyDrawing);
    }
    if drawing.dimensions() != mask.dimensions() {
        return Err(RenderError::MaskSizeMismatch {
            drawing_width: drawing.width(),
            drawing_height: drawing.height(),
            mask_width: mask.width(),
            mask_height: mask.height(),
        });
    }
    let bounds = mask_bounds(mask).ok_or(RenderError::EmptyMask)?;
    let flattened;
    let drawing = if drawing.pixels().any(|p| p[3] < 255) {
        flattened = on_white(drawing);
        &flattened
    } else {
        drawing
    };
    let paper = PaperField::estimate(drawing, mask);
    let plate = build_plate(drawing, mask, &paper);
    let source_box = with_margin(bounds, drawing.width(), drawing.height());
    let (figure, ink) = cut_out(drawing, mask, &paper, source_box);
    tracing::debug!(
        width = figure.width(),
        height = figure.height(),
        x = source_box.x,
        y = source_box.y,
        "figure cut out"
    );
    Ok(PreparedFigure { figure, plate, paper: paper.typical, ink, source_box })
}

/// A drawing with see-through parts laid on white paper: what a transparent canvas means.
fn on_white(drawing: &RgbaImage) -> RgbaImage {
    let mut flat = drawing.clone();
    for pixel in flat.pixels_mut() {
        let alpha = pixel[3] as u32;
        for c in 0..3 {
            pixel[c] = ((pixel[c] as u32 * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
        }
        pixel[3] = 255;
    }
    flat
}

/// The box around mask pixels of at least half strength; `None` when too few to be a figure.
fn mask_bounds(mask: &GrayImage) -> Option<FigureBox> {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    let mut count = 0u64;
    for (x, y, pixel) in mask.enumerate_pixels() {
        if pixel[0] >= 128 {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
            count += 1;
        }
    }
    // A handful of stray pixels is not a figure.
    (count >= 16).then(|| FigureBox { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 })
}

fn with_margin(bounds: FigureBox, width: u32, height: u32) -> FigureBox {
    let margin = ((bounds.width.max(bounds.height) as f32 * 0.02).ceil() as u32).max(2);
    let x = bounds.x.saturating_sub(margin);
    let y = bounds.y.saturating_sub(margin);
    let right = (bounds.x + bounds.width + margin).min(width);
    let bottom = (bounds.y + bounds.height + margin).min(height);
    FigureBox { x, y, width: right - x, height: bottom - y }
}

/// The evened-out colour planes and feathered alpha of the box, shrunk to the stored size.
fn cut_out(drawing: &RgbaImage, mask: &GrayImage, paper: &PaperField, area: FigureBox) -> (RgbaImage, Rgb) {
    let (w, h) = (area.width as usize, area.height as usize);
    let mut channels = [Plane::new(w, h, 0.0), Plane::new(w, h, 0.0), Plane::new(w, h, 0.0)];
    let mut alpha = Plane::new(w, h, 0.0);
    let mut darkness_inside = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (sx, sy) = (area.x + x as u32, area.y + y as u32);
            let colour = divide_paper(
                Rgb::from_rgba(*drawing.get_pixel(sx, sy)),
                paper.at(sx as f32 + 0.5, sy as f32 + 0.5),
            );
            let i = y * w + x;
            channels[0].values[i] = colour.0;
            channels[1].values[i] = colour.1;
            channels[2].values[i] = colour.2;
            let inside = mask.get_pixel(sx, sy)[0] as f32 / 255.0;
            alpha.values[i] = inside;
            if inside > 0.5 {
                darkness_inside.push(1.0 - colour.luma());
            }
        }
    }
    // Faint pencil and thin pen are deepened until the darkest lines read clearly on the page.
    let strongest = percentile(&mut darkness_inside, 0.97).unwrap_or(0.6).max(0.05);
    let gain = (0.62 / strongest).clamp(1.0, 3.0);

    let mut ink_sum = [0.0f64; 3];
    let mut ink_weight = 0.0f64;
    for i in 0..w * h {
        let colour = clean(Rgb(channels[0].values[i], channels[1].values[i], channels[2].values[i]), gain);
        channels[0].values[i] = colour.0;
        channels[1].values[i] = colour.1;
        channels[2].values[i] = colour.2;
        // Ink is what is clearly darker than paper; darker ink speaks for the figure more.
        let darkness = 1.0 - colour.luma();
        if alpha.values[i] > 0.5 && darkness > 0.25 {
            let weight = (darkness * darkness) as f64;
            ink_sum[0] += colour.0 as f64 * weight;
            ink_sum[1] += colour.1 as f64 * weight;
            ink_sum[2] += colour.2 as f64 * weight;
            ink_weight += weight;
        }
    }
    let ink = if ink_weight > 0.0 {
        Rgb(
            (ink_sum[0] / ink_weight) as f32,
            (ink_sum[1] / ink_weight) as f32,
            (ink_sum[2] / ink_weight) as f32,
        )
    } else {
        Rgb(0.25, 0.22, 0.3)
    };
    // A one-pixel feather so the cut edge is soft but not blurry.
    let alpha = alpha.blur(1, 1);

    let long = w.max(h);
    let (channels, alpha) = if long > FIGURE_MAX_SIDE {
        let scale = FIGURE_MAX_SIDE as f32 / long as f32;
        let (tw, th) =
            (((w as f32 * scale).round() as usize).max(1), ((h as f32 * scale).round() as usize).max(1));
        let factor = (long / FIGURE_MAX_SIDE).max(1);
        let shrink = |p: &Plane| p.shrink(factor).resize(tw, th);
        ([shrink(&channels[0]), shrink(&channels[1]), shrink(&channels[2])], shrink(&alpha))
    } else {
        (channels, alpha)
    };

    let pad = FIGURE_PADDING;
    let (cw, ch) = (channels[0].width, channels[0].height);
    let white = PAPER_WHITE.to_rgba();
    let mut figure = RgbaImage::from_pixel(
        (cw + 2 * pad) as u32,
        (ch + 2 * pad) as u32,
        Rgba([white[0], white[1], white[2], 0]),
    );
    for y in 0..ch {
        for x in 0..cw {
            let i = y * cw + x;
            let colour = Rgb(channels[0].values[i], channels[1].values[i], channels[2].values[i]).to_rgba();
            let a = (alpha.values[i].clamp(0.0, 1.0) * 255.0).round() as u8;
            figure.put_pixel((x + pad) as u32, (y + pad) as u32, Rgba([colour[0], colour[1], colour[2], a]));
        }
    }
    (figure, ink)
}

/// Divides out the paper's colour and light, so paper becomes white and shadows go, while ink
/// keeps its hue.
fn divide_paper(colour: Rgb, paper: Rgb) -> Rgb {
    let ratio = |c: f32, p: f32| (c / p.max(0.05)).min(1.0);
    Rgb(ratio(colour.0, paper.0), ratio(colour.1, paper.1), ratio(colour.2, paper.2))
}

/// Deepens ink by `gain` and snaps what is left of the paper to clean white: pencil dust and
/// paper grain are not part of the figure.
fn clean(colour: Rgb, gain: f32) -> Rgb {
    let white = Rgb(1.0, 1.0, 1.0);
    let deepened =
        Rgb(1.0 - (1.0 - colour.0) * gain, 1.0 - (1.0 - colour.1) * gain, 1.0 - (1.0 - colour.2) * gain);
    let lift = 1.0 - smoothstep(0.045, 0.13, 1.0 - colour.luma());
    deepened.mix(white, lift).clamped().multiply(PAPER_WHITE)
}
