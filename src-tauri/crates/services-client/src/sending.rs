//! What leaves the computer when a drawing is recognized: the picture only, downscaled so its
//! long side is at most 1024 pixels and re-encoded as a bare PNG (no EXIF, no file name, no
//! text chunks), base64 in the contract's request.

use base64::Engine as _;
use image::{imageops::FilterType, RgbaImage};
use services_api::wire::{AnalyzeRequest, MAX_SENT_SIDE};

/// The request for `drawing`, downscaled and stripped.
pub fn analyze_request(drawing: &RgbaImage) -> Result<AnalyzeRequest, image::ImageError> {
    let (width, height) = drawing.dimensions();
    let long_side = width.max(height);
    let sent = if long_side > MAX_SENT_SIDE {
        let scale = f64::from(MAX_SENT_SIDE) / f64::from(long_side);
        let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, MAX_SENT_SIDE);
        image::imageops::resize(drawing, scaled(width), scaled(height), FilterType::Triangle)
    } else {
        drawing.clone()
    };
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(sent)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(AnalyzeRequest { image_base64: base64::engine::general_purpose::STANDARD.encode(png) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent_picture(request: &AnalyzeRequest) -> (Vec<u8>, image::RgbaImage) {
        let bytes = base64::engine::general_purpose::STANDARD.decode(&request.image_base64).expect("base64");
        let picture = image::load_from_memory(&bytes).expect("a picture").into_rgba8();
        (bytes, picture)
    }

    #[test]
    fn a_large_drawing_is_sent_at_most_1024_pixels_long_keeping_its_shape() {
        let drawing = RgbaImage::from_pixel(3000, 1500, image::Rgba([200, 40, 90, 255]));
        let (_, picture) = sent_picture(&analyze_request(&drawing).expect("encoded"));
        assert_eq!(picture.dimensions(), (1024, 512));
        assert_eq!(picture.get_pixel(10, 10), &image::Rgba([200, 40, 90, 255]));
    }

    #[test]
    fn a_small_drawing_is_sent_as_it_is_with_nothing_but_pixels() {
        let drawing = RgbaImage::from_pixel(300, 200, image::Rgba([1, 2, 3, 255]));
        let (bytes, picture) = sent_picture(&analyze_request(&drawing).expect("encoded"));
        assert_eq!(picture.dimensions(), (300, 200));
        let chunks = png_chunk_names(&bytes);
        assert!(chunks.iter().all(|name| ["IHDR", "IDAT", "IEND"].contains(&name.as_str())), "{chunks:?}");
    }

    fn png_chunk_names(png: &[u8]) -> Vec<String> {
        let mut names = Vec::new();
        let mut at = 8;
        while at + 8 <= png.len() {
            let length = u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]) as usize;
            names.push(String::from_utf8_lossy(&png[at + 4..at + 8]).into_owned());
            at += 12 + length;
        }
        names
    }
}
