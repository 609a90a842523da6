//! The real children's drawings as the rig sees them in the app: the figure cut out of the page
//! (straight alpha) with its mask, cropped to the figure and at most 640 pixels long, the size
//! the storybook's cut-out is stored at. Shared by the tests and the examples.

#![allow(dead_code)]

use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, RgbaImage};
use media::{ingest_bytes, IngestLimits};

/// Every fixture drawing; all but the garlic photo have a hand-checked mask.
pub const FIXTURES: [&str; 5] = ["boy-purple", "girl-pencil", "pig", "bug-six-arms", "garlic-photo"];

/// The longest side of the stored cut-out in the app (render's FIGURE_MAX_SIDE).
pub const FIGURE_SIDE: u32 = 640;

pub struct Figure {
    pub name: &'static str,
    /// The cut-out: the drawing's pixels, alpha 255 on the figure and 0 elsewhere.
    pub cut_out: RgbaImage,
    /// 255 = figure, same size as `cut_out`.
    pub mask: GrayImage,
}

fn bbox_field(yaml: &str, key: &str) -> f64 {
    yaml.lines()
        .find_map(|line| line.trim().strip_prefix(key)?.trim_start().strip_prefix(':').map(str::trim))
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("bbox yaml has no numeric `{key}`: {yaml:?}"))
}

/// The hand-checked mask at the drawing's size. Some masks cover only the box in
/// `<name>.bbox.yaml`, given in a frame whose long side was 1000 px (see the fixtures' README).
fn hand_mask(name: &str, width: u32, height: u32) -> GrayImage {
    let mask = image::load_from_memory(&fixtures::read(&format!("{name}.mask.png")))
        .unwrap_or_else(|error| panic!("{name}.mask.png: {error}"))
        .to_luma8();
    if mask.dimensions() == (width, height) {
        return mask;
    }
    let yaml = String::from_utf8(fixtures::read(&format!("{name}.bbox.yaml"))).expect("bbox yaml is text");
    let scale = f64::from(width.max(height)) / 1000.0;
    let (left, top) = (bbox_field(&yaml, "left") * scale, bbox_field(&yaml, "top") * scale);
    let scaled_width = (f64::from(mask.width()) * scale).round() as u32;
    let scaled_height = (f64::from(mask.height()) * scale).round() as u32;
    let scaled = imageops::resize(&mask, scaled_width, scaled_height, FilterType::Triangle);
    let mut full = GrayImage::new(width, height);
    imageops::replace(&mut full, &scaled, left.round() as i64, top.round() as i64);
    threshold(&full)
}

fn threshold(mask: &GrayImage) -> GrayImage {
    GrayImage::from_fn(mask.width(), mask.height(), |x, y| {
        Luma([if mask.get_pixel(x, y).0[0] >= 128 { 255 } else { 0 }])
    })
}

/// One fixture as the app would hand it to the rig.
pub fn figure(name: &'static str) -> Figure {
    let bytes = fixtures::read(&format!("{name}.png"));
    let drawing = ingest_bytes(&bytes, &IngestLimits::default())
        .unwrap_or_else(|error| panic!("{name} refused: {error}"))
        .image;
    let (width, height) = drawing.dimensions();
    let mask = if name == "garlic-photo" {
        // The garlic photo has no hand-checked mask: the app's own segmentation finds it.
        let analysis = media::analyze(&drawing);
        assert!(analysis.found, "the garlic is found on the photo");
        analysis.mask
    } else {
        hand_mask(name, width, height)
    };
    let bounds = media::mask_bounds(&mask).unwrap_or_else(|| panic!("{name}: empty mask"));
    let margin = 8;
    let x = bounds.x.saturating_sub(margin);
    let y = bounds.y.saturating_sub(margin);
    let w = (bounds.x + bounds.width + margin).min(width) - x;
    let h = (bounds.y + bounds.height + margin).min(height) - y;
    let mut drawing = imageops::crop_imm(&drawing, x, y, w, h).to_image();
    let mut mask = imageops::crop_imm(&mask, x, y, w, h).to_image();
    if w.max(h) > FIGURE_SIDE {
        let scale = FIGURE_SIDE as f32 / w.max(h) as f32;
        let (nw, nh) =
            (((w as f32 * scale).round() as u32).max(1), ((h as f32 * scale).round() as u32).max(1));
        drawing = imageops::resize(&drawing, nw, nh, FilterType::Triangle);
        mask = threshold(&imageops::resize(&mask, nw, nh, FilterType::Triangle));
    }
    let mut cut_out = drawing;
    for (p, m) in cut_out.pixels_mut().zip(mask.pixels()) {
        p.0[3] = if m.0[0] >= 128 { 255 } else { 0 };
    }
    Figure { name, cut_out, mask }
}
