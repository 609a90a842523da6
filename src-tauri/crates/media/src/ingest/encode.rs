//! Producing the app's own copies of a drawing: resized with a sharp filter, re-encoded from
//! pixels alone so no metadata (EXIF, GPS, text chunks) from the original survives.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{DynamicImage, ExtendedColorType, ImageEncoder, Rgb, RgbImage, RgbaImage};

use super::IngestError;
use crate::resample::{self, Filter};

/// The thumbnail's longest side, in pixels.
pub const THUMBNAIL_LONG_SIDE: u32 = 320;
const THUMBNAIL_QUALITY: u8 = 85;
/// zlib level 2 is within ~10 % of the default's size at a tenth of its time on photos.
const PNG_LEVEL: u8 = 2;

/// The size that fits `long_side` while keeping the aspect ratio (never upscales, never 0).
pub fn fit_within(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= long_side || longest == 0 {
        return (width, height);
    }
    let scale = f64::from(long_side) / f64::from(longest);
    let scaled = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, long_side);
    (scaled(width), scaled(height))
}

/// Shrinks so the longest side is at most `long_side` (Lanczos3). Pictures without alpha are
/// resized in RGB (a quarter less work); with alpha, resampling is done on premultiplied colour
/// because colour under transparent pixels is meaningless and would leave dark fringes.
pub fn downscale(image: DynamicImage, long_side: u32) -> RgbaImage {
    let (width, height) = fit_within(image.width(), image.height(), long_side);
    if (width, height) == (image.width(), image.height()) {
        return image.into_rgba8();
    }
    if !image.color().has_alpha() {
        let small = resample::resize(&image.into_rgb8(), width, height, Filter::Lanczos3);
        return DynamicImage::ImageRgb8(small).into_rgba8();
    }
    let mut premultiplied = image.into_rgba8();
    if is_opaque(&premultiplied) {
        return resample::resize(&premultiplied, width, height, Filter::Lanczos3);
    }
    for pixel in premultiplied.pixels_mut() {
        let alpha = u16::from(pixel[3]);
        for channel in 0..3 {
            pixel[channel] = ((u16::from(pixel[channel]) * alpha + 127) / 255) as u8;
        }
    }
    let mut resized = resample::resize(&premultiplied, width, height, Filter::Lanczos3);
    for pixel in resized.pixels_mut() {
        let alpha = u16::from(pixel[3]);
        if alpha == 0 {
            pixel.0 = [0, 0, 0, 0];
            continue;
        }
        for channel in 0..3 {
            pixel[channel] = ((u16::from(pixel[channel]) * 255 + alpha / 2) / alpha).min(255) as u8;
        }
    }
    resized
}

pub fn is_opaque(image: &RgbaImage) -> bool {
    image.pixels().all(|pixel| pixel[3] == 255)
}

/// PNG of the pixels only; an opaque picture is stored without its alpha channel.
pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Level(PNG_LEVEL), PngFilter::Adaptive);
    let result = if is_opaque(image) {
        let rgb = drop_alpha(image);
        encoder.write_image(rgb.as_raw(), rgb.width(), rgb.height(), ExtendedColorType::Rgb8)
    } else {
        encoder.write_image(image.as_raw(), image.width(), image.height(), ExtendedColorType::Rgba8)
    };
    result.map_err(|error| {
        tracing::error!(%error, "encoding the normalized PNG failed");
        IngestError::Internal
    })?;
    Ok(out)
}

/// A small JPEG for lists: transparent areas become white paper.
pub fn encode_thumbnail(image: &RgbaImage) -> Result<Vec<u8>, IngestError> {
    let (width, height) = fit_within(image.width(), image.height(), THUMBNAIL_LONG_SIDE);
    let small = resample::resize(image, width, height, Filter::Lanczos3);
    let rgb = over_white(&small);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, THUMBNAIL_QUALITY).encode_image(&rgb).map_err(|error| {
        tracing::error!(%error, "encoding the thumbnail failed");
        IngestError::Internal
    })?;
    Ok(out)
}

fn drop_alpha(image: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(image.width(), image.height(), |x, y| {
        let [r, g, b, _] = image.get_pixel(x, y).0;
        Rgb([r, g, b])
    })
}

fn over_white(image: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(image.width(), image.height(), |x, y| {
        let [r, g, b, a] = image.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        Rgb([blend(r), blend(g), blend(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    #[test]
    fn fitting_keeps_the_aspect_ratio_and_never_enlarges() {
        assert_eq!(fit_within(3024, 4032, 2048), (1536, 2048));
        assert_eq!(fit_within(4032, 3024, 2048), (2048, 1536));
        assert_eq!(fit_within(600, 450, 2048), (600, 450));
        assert_eq!(fit_within(10000, 3, 320), (320, 1));
    }

    #[test]
    fn shrinking_a_transparent_edge_leaves_no_dark_fringe() {
        // Left half transparent black, right half opaque white.
        let image = RgbaImage::from_fn(400, 10, |x, _| {
            if x < 200 {
                Rgba([0, 0, 0, 0])
            } else {
                Rgba([255, 255, 255, 255])
            }
        });
        let small = downscale(DynamicImage::ImageRgba8(image), 100);
        for pixel in small.pixels().filter(|p| p[3] > 0) {
            assert!(pixel[0] >= 250, "visible pixel darkened by transparent neighbours: {pixel:?}");
        }
    }
}
