//! The crossfade between two scenes belongs to the clip of the scene it leads into: that clip
//! opens with the previous scene's last frames mixed into its own first ones, made in Rust from
//! both scenes' layers while the clip is encoded. The storybook is then its clips end to end,
//! joined by copying, and nothing is decoded or encoded twice.

use render::SceneLayers;

use crate::frames::{FrameMaker, FPS, FRAME_BYTES};

/// Frames a crossfade between two scenes lasts.
pub const CROSSFADE_FRAMES: usize = 10;
/// [`CROSSFADE_FRAMES`] in seconds.
pub const CROSSFADE_SEC: f64 = CROSSFADE_FRAMES as f64 / FPS as f64;

/// The scene before a clip's own, which the clip opens by crossfading out of.
#[derive(Clone, Copy)]
pub struct PreviousScene<'a> {
    pub layers: &'a SceneLayers,
    /// How long that scene's narration lasts: it sets the scene's length, and so where its
    /// camera and figure are in its last frames.
    pub narration_sec: f64,
}

/// A clip's frames: the scene's own, the first [`CROSSFADE_FRAMES`] of them mixed with the
/// previous scene's last frames when the clip opens with a crossfade.
pub(crate) struct ClipFrames {
    scene: FrameMaker,
    /// The previous scene over its whole length, without subtitles: its last line is gone
    /// before the crossfade begins.
    previous: Option<FrameMaker>,
    count: usize,
}

impl ClipFrames {
    /// `count` frames of `scene` (which may be made longer: a clip that the next scene
    /// crossfades into stops where that crossfade begins).
    pub fn new(scene: FrameMaker, previous: Option<FrameMaker>, count: usize) -> Self {
        let count = count.min(scene.frame_count());
        Self { scene, previous, count }
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// Writes frame `index` into `out`; `scratch` ([`FRAME_BYTES`]) holds the previous scene's
    /// frame while they are mixed.
    pub fn frame(&self, index: usize, out: &mut [u8], scratch: &mut Vec<u8>) {
        self.scene.frame_yuv420(index, out);
        let Some(previous) = self.previous.as_ref().filter(|_| index < CROSSFADE_FRAMES) else { return };
        scratch.resize(FRAME_BYTES, 0);
        let last = previous.frame_count().saturating_sub(CROSSFADE_FRAMES);
        previous.frame_yuv420(last + index, scratch);
        mix_into(out, scratch, fade_weight(index, CROSSFADE_FRAMES));
    }
}

/// Share (0..=256) of the incoming scene at crossfade frame `step`: frame centres, so neither
/// end repeats a frame that is also shown outside the crossfade.
fn fade_weight(step: usize, fade: usize) -> u32 {
    (((2 * step + 1) * 256 + fade) / (2 * fade)) as u32
}

/// `incoming` becomes `weight`/256 of itself and the rest `outgoing`.
fn mix_into(incoming: &mut [u8], outgoing: &[u8], weight: u32) {
    let keep = 256 - weight;
    for (to, from) in incoming.iter_mut().zip(outgoing) {
        *to = ((u32::from(*from) * keep + u32::from(*to) * weight + 128) >> 8) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossfade_weights_rise_evenly_and_never_reach_either_end() {
        let weights: Vec<u32> = (0..10).map(|step| fade_weight(step, 10)).collect();
        assert_eq!(weights.first(), Some(&13));
        assert_eq!(weights.last(), Some(&243));
        assert!(weights.windows(2).all(|pair| pair[1] > pair[0]));
    }

    #[test]
    fn mixing_blends_bytes() {
        let mut incoming = [100u8, 100];
        mix_into(&mut incoming, &[0, 200], 128);
        assert_eq!(incoming, [50, 150]);
    }

    #[test]
    fn a_crossfade_lasts_ten_frames_at_the_video_rate() {
        assert!((CROSSFADE_SEC - 0.4).abs() < 1e-9);
    }
}
