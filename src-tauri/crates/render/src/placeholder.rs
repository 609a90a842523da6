//! The plain card that stands in for a scene that could not be drawn: calm, soft and wordless
//! (the subtitles carry the story), so the video still flows.

use image::RgbaImage;

use crate::backdrop::props;
use crate::layers::{Placement, SceneLayers, FRAME_HEIGHT, FRAME_WIDTH};
use crate::noise::paper_grain;
use crate::paint::{rounded_rect_distance, Canvas, Rgb};
use crate::rng::Rng;
use crate::scene::SceneSpec;

const PASTELS: [u32; 5] = [0xCFE3F7, 0xF7D9E3, 0xDDEFD8, 0xEDE0F7, 0xFBEBCB];

/// A soft card with a thin border and a few stars; it has an empty, fully transparent figure and
/// draws none of the plan's elements.
pub fn placeholder_scene(spec: &SceneSpec) -> SceneLayers {
    let mut rng = Rng::for_scene(spec.seed, spec.index);
    let base = spec
        .palette
        .iter()
        .find_map(|c| Rgb::parse(&c.hex))
        .map(|c| c.mix(Rgb(1.0, 1.0, 1.0), 0.78))
        .unwrap_or_else(|| Rgb::hex(PASTELS[spec.index % PASTELS.len()]));
    let (w, h) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
    let top = base.mix(Rgb(1.0, 1.0, 1.0), 0.35);
    let bottom = base.scale(0.94);
    let mut canvas = Canvas::new(FRAME_WIDTH, FRAME_HEIGHT, base);
    let grain = paper_grain();
    canvas.shade(|x, y, _| top.mix(bottom, y / h).scale(1.0 + 0.015 * grain.at(x as i64, y as i64)));

    let border = Rgb(1.0, 1.0, 1.0).mix(base, 0.25);
    let inset = 30.0;
    let ring = rounded_rect_distance(inset, inset, w - inset, h - inset, 36.0);
    canvas.fill_shape((inset - 4.0, inset - 4.0, w - inset + 4.0, h - inset + 4.0), border, 0.9, |x, y| {
        ring(x, y).abs() - 2.5
    });

    let star = base.scale(0.8).mix(Rgb(1.0, 0.9, 0.5), 0.35);
    for _ in 0..9 {
        let x = rng.range(inset + 40.0, w - inset - 40.0);
        let y = rng.range(inset + 40.0, h - inset - 40.0);
        props::star(&mut canvas, x, y, rng.range(8.0, 18.0), star);
    }

    let centre =
        Placement { center_x: w / 2.0, center_y: h / 2.0, scale: 1.0, rotation_deg: 0.0, flip: false };
    SceneLayers {
        background: canvas.to_image(),
        figure: RgbaImage::new(1, 1),
        start: centre,
        end: centre,
        drawn: Vec::new(),
        animation: None,
    }
}
