//! Masks as the rest of the app handles them: a box the parent drew (or the whole page) as a
//! mask, and any mask as a PNG for the command line and for storage.

use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, GrayImage, ImageEncoder, Luma};
use model::FigureBox;

/// A `width` x `height` mask with the box set to 255 (clipped to the picture).
pub fn mask_for_box(width: u32, height: u32, bbox: FigureBox) -> GrayImage {
    let x_end = bbox.x.saturating_add(bbox.width).min(width);
    let y_end = bbox.y.saturating_add(bbox.height).min(height);
    GrayImage::from_fn(width, height, |x, y| {
        let inside = x >= bbox.x && x < x_end && y >= bbox.y && y < y_end;
        Luma([if inside { 255 } else { 0 }])
    })
}

/// The whole picture as a box.
pub fn whole_page(width: u32, height: u32) -> FigureBox {
    FigureBox { x: 0, y: 0, width, height }
}

/// The smallest box holding every set pixel, or `None` for an empty mask.
pub fn mask_bounds(mask: &GrayImage) -> Option<FigureBox> {
    let width = mask.width() as usize;
    if width == 0 {
        return None;
    }
    let mut bounds: Option<(usize, usize, usize, usize)> = None;
    for (y, row) in mask.as_raw().chunks_exact(width).enumerate() {
        let Some(first) = row.iter().position(|&v| v >= 128) else { continue };
        let last = row.iter().rposition(|&v| v >= 128).unwrap_or(first);
        bounds = Some(match bounds {
            None => (first, y, last, y),
            Some((x0, y0, x1, _)) => (x0.min(first), y0, x1.max(last), y),
        });
    }
    bounds.map(|(x0, y0, x1, y1)| FigureBox {
        x: x0 as u32,
        y: y0 as u32,
        width: (x1 - x0 + 1) as u32,
        height: (y1 - y0 + 1) as u32,
    })
}

/// The mask as an 8-bit greyscale PNG (no metadata). Empty only for a 0-pixel mask, which no
/// PNG can hold.
pub fn encode_mask_png(mask: &GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    let result = PngEncoder::new(&mut out).write_image(
        mask.as_raw(),
        mask.width(),
        mask.height(),
        ExtendedColorType::L8,
    );
    if let Err(error) = result {
        tracing::error!(%error, width = mask.width(), height = mask.height(), "the mask could not be encoded as PNG");
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_becomes_a_mask_and_back() {
        let bbox = FigureBox { x: 3, y: 2, width: 4, height: 5 };
        let mask = mask_for_box(10, 8, bbox);
        assert_eq!(mask.dimensions(), (10, 8));
        assert_eq!(mask.pixels().filter(|p| p.0[0] == 255).count(), 20);
        assert_eq!(mask.get_pixel(3, 2).0[0], 255);
        assert_eq!(mask.get_pixel(6, 6).0[0], 255);
        assert_eq!(mask.get_pixel(7, 6).0[0], 0);
        assert_eq!(mask.get_pixel(6, 7).0[0], 0);
        assert_eq!(mask_bounds(&mask), Some(bbox));
    }

    #[test]
    fn a_box_past_the_edge_is_clipped_and_the_whole_page_is_all_figure() {
        let mask = mask_for_box(10, 8, FigureBox { x: 8, y: 6, width: 100, height: u32::MAX });
        assert_eq!(mask_bounds(&mask), Some(FigureBox { x: 8, y: 6, width: 2, height: 2 }));
        let page = mask_for_box(10, 8, whole_page(10, 8));
        assert!(page.pixels().all(|p| p.0[0] == 255));
        assert_eq!(mask_bounds(&GrayImage::new(4, 4)), None);
    }

    #[test]
    fn a_mask_png_decodes_to_the_same_mask() {
        let mask = mask_for_box(31, 17, FigureBox { x: 5, y: 5, width: 10, height: 3 });
        let png = encode_mask_png(&mask);
        let decoded = image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("decodes");
        assert_eq!(decoded.to_luma8(), mask);
        assert_eq!(decoded.color(), image::ColorType::L8);
    }
}
