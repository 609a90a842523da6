//! The figure's outline as the parent fixes it: a box drawn around the figure keeps the found
//! outline inside it, or becomes the figure itself when the outline is (nearly) not in it.

use image::{GrayImage, RgbaImage};
use model::FigureBox;
use render::{PreparedFigure, RenderError};

/// A parent's box keeps the found outline inside it unless the outline barely reaches into it.
const MIN_OUTLINE_SHARE_OF_BOX: f64 = 0.02;

pub(crate) fn clamp_box(requested: FigureBox, width: u32, height: u32) -> Option<FigureBox> {
    let x = requested.x.min(width.saturating_sub(1));
    let y = requested.y.min(height.saturating_sub(1));
    let clamped =
        FigureBox { x, y, width: requested.width.min(width - x), height: requested.height.min(height - y) };
    (clamped.width >= 8 && clamped.height >= 8).then_some(clamped)
}

/// The found outline cut to the box, or the whole box when the outline is (nearly) not in it.
pub(crate) fn outline_within(auto: &GrayImage, crop: FigureBox) -> GrayImage {
    let mut mask = GrayImage::new(auto.width(), auto.height());
    let mut inside = 0u64;
    for y in crop.y..crop.y + crop.height {
        for x in crop.x..crop.x + crop.width {
            if auto.get_pixel(x, y)[0] > 127 {
                mask.put_pixel(x, y, image::Luma([255]));
                inside += 1;
            }
        }
    }
    let area = f64::from(crop.width) * f64::from(crop.height);
    if (inside as f64) < area * MIN_OUTLINE_SHARE_OF_BOX {
        return media::mask_for_box(auto.width(), auto.height(), crop);
    }
    mask
}

/// The figure cut out of `drawing` along `mask`, as every picture of a story starts from it,
/// with the skeleton it moves by; the whole page when the outline can't be cut out, so the
/// pictures show the drawing rather than nothing.
pub(crate) fn cut_figure(drawing: &RgbaImage, mask: &GrayImage) -> Result<PreparedFigure, RenderError> {
    let mut figure = render::prepare_figure(drawing, mask).or_else(|error| {
        tracing::warn!(%error, "the outline could not be cut out; using the whole page");
        let (width, height) = drawing.dimensions();
        render::prepare_figure(drawing, &media::mask_for_box(width, height, media::whole_page(width, height)))
    })?;
    figure.find_rig();
    Ok(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_keeps_the_outline_inside_it_or_falls_back_to_the_box() {
        let mut auto = GrayImage::new(100, 100);
        for y in 10..30 {
            for x in 10..30 {
                auto.put_pixel(x, y, image::Luma([255]));
            }
        }
        let cut = outline_within(&auto, FigureBox { x: 0, y: 0, width: 20, height: 100 });
        assert_eq!(cut.get_pixel(15, 15)[0], 255);
        assert_eq!(cut.get_pixel(25, 15)[0], 0, "outline outside the box is dropped");
        let empty = outline_within(&auto, FigureBox { x: 50, y: 50, width: 40, height: 40 });
        assert_eq!(empty.get_pixel(60, 60)[0], 255, "no outline in the box: the box itself is the figure");
    }

    #[test]
    fn boxes_are_clamped_to_the_picture_and_tiny_ones_refused() {
        let clamped = clamp_box(FigureBox { x: 90, y: 90, width: 50, height: 50 }, 100, 100);
        assert_eq!(clamped, Some(FigureBox { x: 90, y: 90, width: 10, height: 10 }));
        assert_eq!(clamp_box(FigureBox { x: 0, y: 0, width: 3, height: 50 }, 100, 100), None);
    }
}
