//! From ink strokes to a solid figure: the paper is whatever a disc rolled in from the page
//! border can reach without touching ink, so small gaps in an outline do not let the paper
//! flood the inside, and the figure is the largest region away from the page border.

use super::morph;
use super::plane::Mask;
use super::regions;

#[derive(Debug, Clone, Copy)]
pub struct SilhouetteParams {
    /// Gaps in outlines narrower than about twice this are bridged.
    pub gap_radius: f32,
    /// Strokes this close to the main figure are part of it.
    pub join_radius: f32,
    /// The figure's edge is drawn this far outside the ink, as a person tracing it would.
    pub margin: f32,
    /// Pixels this close to the picture's edge count little when choosing the figure: page
    /// edges, folds and desk clutter live there.
    pub border_band: usize,
}

impl Default for SilhouetteParams {
    fn default() -> Self {
        Self { gap_radius: 8.0, join_radius: 12.0, margin: 2.0, border_band: 15 }
    }
}

/// The paper reachable from the page border by a disc of `radius` that never covers ink.
pub fn reachable_paper(ink: &Mask, radius: f32) -> Mask {
    let free_centres = morph::dilate(ink, radius).not();
    let border: Vec<usize> = free_centres.border_indexes().collect();
    let centres = regions::flood(&free_centres, border);
    morph::dilate(&centres, radius).and_not(ink)
}

/// The solid figure from its ink, or `None` when there is no ink.
pub fn figure_from_ink(ink: &Mask, params: &SilhouetteParams) -> Option<Mask> {
    let paper = reachable_paper(ink, params.gap_radius);
    let solid = paper.not();
    let (labels, found) = regions::label(&morph::dilate(&solid, params.join_radius));

    // Score each group by its solid pixels away from the picture's edge.
    let (w, h) = (solid.width, solid.height);
    let band = params.border_band;
    let mut score = vec![0usize; found.len() + 1];
    for y in band..h.saturating_sub(band) {
        for x in band..w.saturating_sub(band) {
            let index = y * w + x;
            if solid.data[index] {
                score[labels.data[index] as usize] += 1;
            }
        }
    }
    let best = found
        .iter()
        .filter(|region| score[region.label as usize] > 0)
        .max_by_key(|region| score[region.label as usize])?;
    let figure = solid.and(&regions::select(&labels, &[best.label]));
    Some(regions::fill_holes(&morph::dilate(&figure, params.margin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A circle outline of radius 30 around (50, 50) with a gap of `gap` pixels on its right.
    fn open_circle(gap: f32) -> Mask {
        Mask::from_fn(100, 100, |x, y| {
            let (dx, dy) = (x as f32 - 50.0, y as f32 - 50.0);
            let r = (dx * dx + dy * dy).sqrt();
            (r - 30.0).abs() <= 1.5 && !(dx > 0.0 && dy.abs() < gap / 2.0)
        })
    }

    #[test]
    fn an_outline_with_a_small_gap_is_still_filled() {
        let figure = figure_from_ink(&open_circle(8.0), &SilhouetteParams::default()).expect("a figure");
        assert!(figure.get(50, 50) && figure.get(75, 50), "the inside is figure");
        assert!(!figure.get(5, 5) && !figure.get(95, 50), "the outside is paper");
    }

    #[test]
    fn a_line_along_the_picture_edge_loses_to_a_central_figure() {
        let mut ink = Mask::filled(100, 100, false);
        // A long page-edge line, bigger in area than the small central blob.
        for x in 0..100 {
            for y in 1..5 {
                ink.set(x, y, true);
            }
        }
        for y in 45..55 {
            for x in 45..55 {
                ink.set(x, y, true);
            }
        }
        let figure = figure_from_ink(&ink, &SilhouetteParams::default()).expect("a figure");
        assert!(figure.get(50, 50));
        assert!(!figure.get(50, 2));
    }

    #[test]
    fn no_ink_means_no_figure() {
        assert!(figure_from_ink(&Mask::filled(50, 40, false), &SilhouetteParams::default()).is_none());
    }
}
