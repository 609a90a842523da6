//! Cutting the child's figure out of the page: done once per drawing, so every scene and style
//! starts from the same clean, white-balanced cut-out and the same clean paper plate.
//!
//! The page is white-balanced by dividing each channel by the local paper colour, so grey or
//! cream paper, a phone's colour cast and uneven light all become white while every colour on
//! the paper keeps its hue: crayon yellow at (172, 166, 83) on grey paper at (173, 168, 161)
//! becomes a clear (254, 252, 131), not a lighter grey-yellow. What is then snapped to clean
//! white is only what is paper-like in colour as well as in lightness: faint *and* near-neutral
//! (pencil dust, paper grain, the paper's own fibre). Light but clearly coloured strokes (yellow
//! crayon, pale pink, sky blue) are as light as paper yet nothing like it; a lift by lightness
//! alone bleaches them to white.
//!
//! The cut-out is the figure as drawn, white-balanced and nothing more: the paper inside it is
//! plain white, and the look of the scene (a warm paper tone, flat colour, outlines) is left to
//! the style, so every style starts from the child's own colours.

use image::{GrayImage, Rgba, RgbaImage};
use model::{FigureBox, Rig};

use crate::error::RenderError;
use crate::paint::Rgb;
use crate::plane::Plane;
use crate::plate::{build_plate, percentile, smoothstep, PaperField};

/// Longest side of the stored cut-out; the hero is at most 70% of a 720-px frame, so more
/// detail than this is never seen.
pub const FIGURE_MAX_SIDE: usize = 640;
/// Transparent border around the cut-out, room for outlines, soft edges and shadows.
pub const FIGURE_PADDING: usize = 28;

/// The figure cut out of the page plus the page without the figure.
#[derive(Debug, Clone)]
pub struct PreparedFigure {
    figure: RgbaImage,
    plate: RgbaImage,
    paper: Rgb,
    /// The local paper colour the page was white-balanced by.
    paper_field: PaperField,
    ink: Rgb,
    source_box: FigureBox,
    /// The drawing's size, which `source_box` is in.
    page: (u32, u32),
    /// The figure's skeleton in the cut-out's pixels, once found or given.
    rig: Option<Rig>,
}

impl PreparedFigure {
    /// The cut-out: straight alpha, white-balanced by the paper (paper is white, every colour
    /// keeps its hue), with a transparent border of `FIGURE_PADDING` pixels on every side.
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

    /// The local paper colour at pixel (`x`, `y`) of the drawing, `[r, g, b]` in 0..=1: what
    /// that pixel's channels were divided by to white-balance the figure.
    pub fn paper_color_at(&self, x: u32, y: u32) -> [f32; 3] {
        let paper = self.paper_field.at(x as f32 + 0.5, y as f32 + 0.5);
        [paper.0, paper.1, paper.2]
    }

    /// Where the cut-out was taken from, in the drawing's pixels (the mask's box plus a margin).
    pub fn source_box(&self) -> FigureBox {
        self.source_box
    }

    /// The cut-out put back where it was on the page: a `width` x `height` picture (the
    /// drawing's size, or the size of the upright original it was made from) that is fully
    /// transparent except for the figure, which covers [`Self::source_box`] scaled from the
    /// drawing's size to `width` x `height`. Straight alpha, colours exactly as in
    /// [`Self::figure`] (bilinear, premultiplied resampling where the sizes differ; pixel for
    /// pixel when they don't and the cut-out was not shrunk). `None` for an empty size.
    pub fn figure_on_page(&self, width: u32, height: u32) -> Option<RgbaImage> {
        let (page_w, page_h) = self.page;
        if width == 0 || height == 0 || page_w == 0 || page_h == 0 {
            return None;
        }
        let (content_w, content_h) = self.content_size();
        let (to_page_x, to_page_y) = (page_w as f32 / width as f32, page_h as f32 / height as f32);
        let (to_cut_x, to_cut_y) =
            (content_w / self.source_box.width as f32, content_h / self.source_box.height as f32);
        let pad = FIGURE_PADDING as f32;
        let area = self.source_box;
        // The output pixels the box covers, with a pixel to spare for the resampling's reach.
        let span = |start: u32, size: u32, scale: f32, limit: u32| {
            let first = ((start as f32 / scale).floor() as u32).saturating_sub(1);
            let end = ((((start + size) as f32) / scale).ceil() as u32).saturating_add(1).min(limit);
            first..end
        };
        let mut page = RgbaImage::new(width, height);
        for y in span(area.y, area.height, to_page_y, height) {
            for x in span(area.x, area.width, to_page_x, width) {
                // Pixel centres: output -> drawing -> cut-out.
                let (dx, dy) = ((x as f32 + 0.5) * to_page_x, (y as f32 + 0.5) * to_page_y);
                let cx = (dx - area.x as f32) * to_cut_x + pad - 0.5;
                let cy = (dy - area.y as f32) * to_cut_y + pad - 0.5;
                page.put_pixel(x, y, sample_straight(&self.figure, cx, cy));
            }
        }
        Some(page)
    }

    /// The size of the drawing the figure was cut from, which [`Self::page_rig`] is in.
    pub fn page_size(&self) -> (u32, u32) {
        self.page
    }

    /// The skeleton the figure moves by, in the cut-out's pixels; `None` until
    /// [`Self::find_rig`] or [`Self::set_page_rig`], or when the figure could not be rigged.
    pub fn rig(&self) -> Option<&Rig> {
        self.rig.as_ref()
    }

    /// Finds the figure's skeleton in the cut-out (once; later calls keep what was found).
    pub fn find_rig(&mut self) -> Option<&Rig> {
        if self.rig.is_none() {
            self.rig = crate::animation::find_rig(&self.figure);
        }
        self.rig.as_ref()
    }

    /// The skeleton in the drawing's pixels, as a parent sees and edits it.
    pub fn page_rig(&self) -> Option<Rig> {
        let (scale, offset) = self.page_to_cut_out();
        self.rig
            .as_ref()
            .map(|rig| moved_rig(rig, |x, y| ((x - offset.0) / scale.0, (y - offset.1) / scale.1)))
    }

    /// Uses `rig`, in the drawing's pixels (a parent's corrected one), instead of finding one.
    pub fn set_page_rig(&mut self, rig: &Rig) {
        let (scale, offset) = self.page_to_cut_out();
        self.rig = Some(moved_rig(rig, |x, y| (x * scale.0 + offset.0, y * scale.1 + offset.1)));
    }

    /// Drawing pixels to cut-out pixels: `cut = page * scale + offset`, per axis.
    fn page_to_cut_out(&self) -> ((f32, f32), (f32, f32)) {
        let (content_w, content_h) = self.content_size();
        let area = self.source_box;
        let scale = (content_w / area.width.max(1) as f32, content_h / area.height.max(1) as f32);
        let pad = FIGURE_PADDING as f32;
        (scale, (pad - area.x as f32 * scale.0, pad - area.y as f32 * scale.1))
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

/// `rig` with every joint moved by `to`.
fn moved_rig(rig: &Rig, to: impl Fn(f32, f32) -> (f32, f32)) -> Rig {
    let mut moved = rig.clone();
    for joint in &mut moved.joints {
        (joint.x, joint.y) = to(joint.x, joint.y);
    }
    moved
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
    let page = drawing.dimensions();
    tracing::debug!(
        width = figure.width(),
        height = figure.height(),
        x = source_box.x,
        y = source_box.y,
        "figure cut out"
    );
    Ok(PreparedFigure {
        figure,
        plate,
        paper: paper.typical,
        paper_field: paper,
        ink,
        source_box,
        page,
        rig: None,
    })
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
    let mut strength_inside = Vec::new();
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
                strength_inside.push((1.0 - colour.luma()).max(chroma(colour)));
            }
        }
    }
    // Faint pencil and thin pen are deepened until the strongest marks read clearly on the page.
    // A saturated crayon is as strong a mark as a dark line, however light: a drawing in yellow
    // alone is not faint, and deepening it as if it were would turn it into another colour.
    let strongest = percentile(&mut strength_inside, 0.97).unwrap_or(0.6).max(0.05);
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
    let mut figure =
        RgbaImage::from_pixel((cw + 2 * pad) as u32, (ch + 2 * pad) as u32, Rgba([255, 255, 255, 0]));
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
/// paper grain are not part of the figure. Every channel is moved the same way (towards or away
/// from white by the same factor), so a colour keeps its hue.
fn clean(colour: Rgb, gain: f32) -> Rgb {
    let white = Rgb(1.0, 1.0, 1.0);
    let deepened =
        Rgb(1.0 - (1.0 - colour.0) * gain, 1.0 - (1.0 - colour.1) * gain, 1.0 - (1.0 - colour.2) * gain);
    let lift = 1.0 - marking(colour);
    deepened.mix(white, lift).clamped()
}

/// How surely a white-balanced colour is a mark on the paper rather than the paper itself, 0..=1:
/// the larger of how dark it is and how coloured it is. Paper, its grain and pencil dust are
/// light *and* near-neutral; a crayon colour may be as light as paper (yellow's luma is over
/// 0.9) but is far from neutral, so it counts as a mark and keeps its colour. The chroma edges
/// sit a little above the darkness ones: a phone photo's colour noise on plain paper is a few
/// hundredths of chroma and must still go.
fn marking(colour: Rgb) -> f32 {
    smoothstep(0.045, 0.13, 1.0 - colour.luma()).max(smoothstep(0.06, 0.16, chroma(colour)))
}

/// How far a colour is from grey: its largest channel less its smallest, 0..=1.
fn chroma(colour: Rgb) -> f32 {
    colour.0.max(colour.1).max(colour.2) - colour.0.min(colour.1).min(colour.2)
}

/// Bilinear sample of a straight-alpha image at (`x`, `y`) in pixel-index coordinates (pixel
/// (i, j) is at (i, j)), mixing premultiplied so transparent pixels lend no colour; outside is
/// transparent.
fn sample_straight(image: &RgbaImage, x: f32, y: f32) -> Rgba<u8> {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let mut sum = [0.0f32; 4];
    for (ox, oy, weight) in
        [(0, 0, (1.0 - fx) * (1.0 - fy)), (1, 0, fx * (1.0 - fy)), (0, 1, (1.0 - fx) * fy), (1, 1, fx * fy)]
    {
        let (px, py) = (x0 as i64 + ox, y0 as i64 + oy);
        if weight <= 0.0 || px < 0 || py < 0 || px >= image.width() as i64 || py >= image.height() as i64 {
            continue;
        }
        let pixel = image.get_pixel(px as u32, py as u32);
        let alpha = pixel[3] as f32 * weight;
        for c in 0..3 {
            sum[c] += pixel[c] as f32 * alpha;
        }
        sum[3] += alpha;
    }
    if sum[3] <= 0.0 {
        return Rgba([0, 0, 0, 0]);
    }
    let colour = |c: usize| (sum[c] / sum[3]).round().clamp(0.0, 255.0) as u8;
    Rgba([colour(0), colour(1), colour(2), sum[3].round().clamp(0.0, 255.0) as u8])
}

#[cfg(test)]
mod tests {
    use image::Luma;

    use super::*;

    fn rgb(r: u8, g: u8, b: u8) -> Rgb {
        Rgb::from_rgba(Rgba([r, g, b, 255]))
    }

    #[test]
    fn light_crayon_keeps_its_colour_while_paper_like_marks_turn_white() {
        // Crayon yellow on grey paper, from a phone photo: white-balanced, it is a clear yellow
        // as light as paper, and it must stay that yellow.
        let yellow = clean(divide_paper(rgb(172, 166, 83), rgb(173, 168, 161)), 1.0);
        assert!(yellow.0 > 0.97 && yellow.1 > 0.97 && yellow.2 < 0.53, "{yellow:?}");
        // Pale pink and sky blue crayon stay coloured too.
        let pink = clean(rgb(250, 205, 215), 1.0);
        assert!(pink.1 < 0.82, "{pink:?}");
        let sky = clean(rgb(200, 225, 250), 1.0);
        assert!(sky.0 < 0.8, "{sky:?}");
        // Paper grain and a photo's colour noise (faint, nearly neutral) and pencil dust (faint,
        // neutral) turn white.
        for faint in [rgb(250, 246, 252), rgb(244, 244, 240), rgb(240, 246, 244)] {
            let cleaned = clean(faint, 1.0);
            assert!([cleaned.0, cleaned.1, cleaned.2].iter().all(|c| *c > 0.99), "{faint:?} -> {cleaned:?}");
        }
        // Real lines are kept.
        let pencil = clean(rgb(150, 150, 150), 1.0);
        assert!(pencil.0 < 0.6, "{pencil:?}");
    }

    #[test]
    fn the_cut_out_on_its_page_is_the_cut_out_in_place() {
        let mut drawing = RgbaImage::from_pixel(120, 90, Rgba([200, 196, 188, 255]));
        let mut mask = GrayImage::new(120, 90);
        for y in 30..60 {
            for x in 40..90 {
                drawing.put_pixel(x, y, Rgba([200, 60, 40, 255]));
                mask.put_pixel(x, y, Luma([255]));
            }
        }
        let prepared = prepare_figure(&drawing, &mask).expect("prepares");
        let page = prepared.figure_on_page(120, 90).expect("a page");
        let area = prepared.source_box();
        let pad = FIGURE_PADDING as u32;
        for (x, y, pixel) in page.enumerate_pixels() {
            let inside =
                (area.x..area.x + area.width).contains(&x) && (area.y..area.y + area.height).contains(&y);
            if inside {
                // Colour only counts where something shows.
                let cut = prepared.figure().get_pixel(x - area.x + pad, y - area.y + pad);
                assert_eq!(pixel[3], cut[3], "({x}, {y})");
                if cut[3] > 0 {
                    assert_eq!(pixel, cut, "({x}, {y})");
                }
            } else {
                assert_eq!(pixel[3], 0, "({x}, {y}) is outside the figure's box");
            }
        }
        // Twice the size: the figure covers twice the width and height, still in place.
        let double = prepared.figure_on_page(240, 180).expect("a page");
        assert_eq!(double.get_pixel(130, 90)[3], 255);
        assert_eq!(double.get_pixel(60, 40)[3], 0);
        assert!(prepared.figure_on_page(0, 10).is_none());
    }
}
