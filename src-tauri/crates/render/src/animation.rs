//! The figure's own motion in a scene: the rig found in the cut-out once per drawing, and per
//! scene a puppet of the styled figure (its outline and shadow included, so nothing of what is
//! drawn is left behind when it bends). The video pipeline poses and draws it frame by frame;
//! this module only decides what moves and how.

use std::sync::Arc;

use image::{GrayImage, Luma, RgbaImage};
use model::{Motion, Rig};
use rig::Puppet;

/// Cut-out pixels at least this opaque are the figure the skeleton is found in.
const FIGURE_ALPHA: u8 = 128;
/// Styled pixels at least this opaque are meshed: fainter ones (the far edge of a soft shadow)
/// cannot be seen missing.
const MESH_ALPHA: u8 = 4;
/// How far the mesh reaches past those pixels, in figure pixels: the figure is shown smaller
/// than drawn (down to about half), and its soft edge, spread by the shrinking and the sampling
/// between pixels, must still fall inside a triangle or the outline would lose its last pixel.
const MESH_MARGIN: usize = 3;

/// How the figure moves in one scene.
#[derive(Debug, Clone)]
pub struct FigureAnimation {
    /// The styled figure, meshed and bound to its rig, in the styled layer's pixels.
    pub puppet: Arc<Puppet>,
    pub motion: Motion,
    /// Picks the tempo, which arm waves and which way to spin.
    pub seed: u64,
}

/// The skeleton of a cut-out (straight alpha, figure opaque), in its pixels; `None` when the
/// figure is too small or thin to rig, in which case it is shown still.
pub fn find_rig(cut_out: &RgbaImage) -> Option<Rig> {
    match rig::build_rig(&alpha_mask(cut_out, FIGURE_ALPHA)) {
        Ok(rig) => Some(rig),
        Err(error) => {
            tracing::info!(%error, "the figure has no rig; it will move as a whole");
            None
        }
    }
}

/// The styled figure bound to `rig` for `motion`; `None` (the figure then glides still) when
/// it cannot be meshed.
pub fn animate(styled: &RgbaImage, rig: &Rig, motion: Motion, seed: u64) -> Option<FigureAnimation> {
    let mask = grown(&alpha_mask(styled, MESH_ALPHA), MESH_MARGIN);
    match Puppet::with_rig(&mask, rig.clone()) {
        Ok(puppet) => Some(FigureAnimation { puppet: Arc::new(puppet), motion, seed }),
        Err(error) => {
            tracing::info!(%error, "the styled figure could not be meshed; it will move as a whole");
            None
        }
    }
}

/// 255 where `image` is at least `threshold` opaque, 0 elsewhere.
fn alpha_mask(image: &RgbaImage, threshold: u8) -> GrayImage {
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        Luma([if image.get_pixel(x, y)[3] >= threshold { 255 } else { 0 }])
    })
}

/// `mask` with every set pixel spread `by` pixels each way (a square reach).
fn grown(mask: &GrayImage, by: usize) -> GrayImage {
    let (width, height) = (mask.width() as usize, mask.height() as usize);
    let spread = |values: &[u8], stride: usize, count: usize, lines: usize, step: usize| {
        let mut out = vec![0u8; values.len()];
        for line in 0..lines {
            let at = |k: usize| line * step + k * stride;
            for k in 0..count {
                let (first, last) = (k.saturating_sub(by), (k + by).min(count.saturating_sub(1)));
                out[at(k)] = (first..=last).map(|j| values[at(j)]).max().unwrap_or(0);
            }
        }
        out
    };
    let across = spread(mask.as_raw(), 1, width, height, width);
    let down = spread(&across, width, height, width, 1);
    GrayImage::from_raw(mask.width(), mask.height(), down).unwrap_or_else(|| mask.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The boy from the fixture drawings, cut out as the pictures use him.
    fn boy() -> RgbaImage {
        let drawing = image::open(fixtures::drawing("boy-purple.png")).expect("the drawing").into_rgba8();
        let mask = image::open(fixtures::drawing("boy-purple.mask.png")).expect("its mask").into_luma8();
        crate::prepare_figure(&drawing, &mask).expect("a figure").figure().clone()
    }

    #[test]
    fn a_drawn_child_gets_a_rig_and_moves() {
        let figure = boy();
        let rig = find_rig(&figure).expect("the boy has a skeleton");
        assert!(rig.count(model::LimbKind::Leg) >= 2 && rig.count(model::LimbKind::Arm) >= 2, "{rig:?}");
        let animation = animate(&figure, &rig, Motion::Wave, 3).expect("and meshes");
        let rest = animation.puppet.mesh().vertices.clone();
        let frame = animation.puppet.frame(Motion::Wave, 0.8, 3);
        let moved = rest.iter().zip(&frame.positions).filter(|(a, b)| (a[0] - b[0]).hypot(a[1] - b[1]) > 2.0);
        assert!(moved.count() > 5, "waving moves part of the figure");
    }

    #[test]
    fn the_mesh_reaches_a_little_past_the_figure() {
        let mut mask = GrayImage::new(9, 7);
        mask.put_pixel(4, 3, Luma([255]));
        let grown = grown(&mask, 2);
        let set: Vec<(u32, u32)> =
            grown.enumerate_pixels().filter(|(_, _, p)| p[0] == 255).map(|(x, y, _)| (x, y)).collect();
        assert_eq!(set.len(), 25);
        assert!(set.iter().all(|&(x, y)| (2..=6).contains(&x) && (1..=5).contains(&y)));
    }

    #[test]
    fn a_blank_layer_has_no_rig() {
        assert!(find_rig(&RgbaImage::new(64, 64)).is_none());
    }
}
