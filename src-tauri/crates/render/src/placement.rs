//! Where the hero stands in each scene: large, fully on the page, a little different from page
//! to page, and drifting gently while the page is read. The child's figure is always shown as
//! it was drawn, never mirrored: a mirrored drawing is no longer the child's own.

use crate::backdrop::Setting;
use crate::layers::{Placement, FRAME_HEIGHT, FRAME_WIDTH};
use crate::rng::{mix, Rng};

/// Smallest and largest share of the frame's height the figure itself may fill.
pub const MIN_HERO_HEIGHT: f32 = 0.35;
pub const MAX_HERO_HEIGHT: f32 = 0.7;
/// Clear space kept between the figure layer and the frame's edges.
const EDGE: f32 = 12.0;

/// The start and end placements of the figure for one scene.
///
/// `layer` is the figure layer's size, `content` the size of the drawn figure inside it (the
/// rest is transparent room for outlines and shadows). Deterministic for (seed, index).
pub fn place(
    layer: (u32, u32),
    content: (f32, f32),
    setting: Setting,
    index: usize,
    count: usize,
    seed: u64,
) -> (Placement, Placement) {
    let mut rng = Rng::new(mix(mix(seed, 0x91ACE), index as u64));
    let (frame_w, frame_h) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
    let (content_w, content_h) = (content.0.max(1.0), content.1.max(1.0));

    let share = rng.range(0.5, 0.64);
    let mut scale = share * frame_h / content_h;
    // Very wide figures are limited by the frame's width instead.
    scale = scale.min(0.62 * frame_w / content_w);
    scale = scale.max(MIN_HERO_HEIGHT * frame_h / content_h).min(MAX_HERO_HEIGHT * frame_h / content_h);

    // Left, middle and right in turn, starting somewhere different for each story.
    let slots = [0.5, 0.34, 0.66, 0.42, 0.58];
    let first = (mix(seed, 0x5107) % slots.len() as u64) as usize;
    let slot = slots[(first + index) % slots.len()];
    let center_x = frame_w * (slot + rng.range(-0.03, 0.03));
    let ground = match setting {
        Setting::Space => frame_h * rng.range(0.86, 0.9),
        _ => frame_h * rng.range(0.9, 0.94),
    };
    let center_y = ground - content_h * scale / 2.0;

    // Drift toward the middle of the page.
    let toward_middle = if slot < 0.5 {
        1.0
    } else if slot > 0.5 {
        -1.0
    } else {
        rng.sign()
    };
    let tilt = rng.range(2.0, 4.5) * rng.sign();
    let start = Placement { center_x, center_y, scale, rotation_deg: tilt, flip: false };

    let last_page = count > 0 && index + 1 == count;
    let drift = if last_page { rng.range(10.0, 20.0) } else { rng.range(26.0, 48.0) };
    let end = Placement {
        center_x: center_x + toward_middle * drift,
        center_y: center_y - rng.range(6.0, 14.0),
        scale: scale * rng.range(1.015, 1.045),
        rotation_deg: (tilt - tilt.signum() * rng.range(1.5, 3.5)).clamp(-5.0, 5.0),
        flip: false,
    };
    fit(start, end, layer)
}

/// Shrinks and shifts both placements together until the whole layer stays on the page all the
/// way from start to end.
fn fit(mut start: Placement, mut end: Placement, layer: (u32, u32)) -> (Placement, Placement) {
    let (frame_w, frame_h) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
    for _ in 0..4 {
        let (min_x, min_y, max_x, max_y) = sweep_bounds(&start, &end, layer);
        let too_big =
            ((max_x - min_x) / (frame_w - 2.0 * EDGE)).max((max_y - min_y) / (frame_h - 2.0 * EDGE));
        if too_big > 1.0 {
            start.scale /= too_big * 1.01;
            end.scale /= too_big * 1.01;
            continue;
        }
        let shift_x = (EDGE - min_x).max(0.0) - (max_x - (frame_w - EDGE)).max(0.0);
        let shift_y = (EDGE - min_y).max(0.0) - (max_y - (frame_h - EDGE)).max(0.0);
        if shift_x == 0.0 && shift_y == 0.0 {
            break;
        }
        for p in [&mut start, &mut end] {
            p.center_x += shift_x;
            p.center_y += shift_y;
        }
    }
    (start, end)
}

/// The box the layer covers at any moment between start and end.
pub fn sweep_bounds(start: &Placement, end: &Placement, layer: (u32, u32)) -> (f32, f32, f32, f32) {
    let mut bounds = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for step in 0..=10 {
        let (x0, y0, x1, y1) = start.lerp(end, step as f32 / 10.0).bounds(layer.0, layer.1);
        bounds = (bounds.0.min(x0), bounds.1.min(y0), bounds.2.max(x1), bounds.3.max(y1));
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tall_figure_is_large_and_on_the_page() {
        for index in 0..8 {
            let (start, end) = place((400, 700), (344.0, 644.0), Setting::Meadow, index, 8, 42);
            let (x0, y0, x1, y1) = sweep_bounds(&start, &end, (400, 700));
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= 1280.0 && y1 <= 720.0, "scene {index} leaves the page");
            let height = 644.0 * start.scale / 720.0;
            assert!((0.35..=0.7).contains(&height), "scene {index} figure is {height} of the frame");
        }
    }

    #[test]
    fn the_childs_figure_is_never_mirrored() {
        for seed in 0..40 {
            for index in 0..6 {
                let (start, end) = place((400, 600), (344.0, 544.0), Setting::Park, index, 6, seed);
                assert!(!start.flip && !end.flip, "seed {seed}, scene {index} mirrors the figure");
            }
        }
    }

    #[test]
    fn a_very_wide_figure_still_fits() {
        let (start, end) = place((2000, 300), (1944.0, 244.0), Setting::Farm, 3, 5, 7);
        let (x0, _, x1, _) = sweep_bounds(&start, &end, (2000, 300));
        assert!(x0 >= 0.0 && x1 <= 1280.0);
    }
}
