//! Decoding in two steps (header, then pixels) so budgets are enforced before allocation, and
//! decoder failures are turned into the few refusals a parent can understand.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};
use model::ImageFormat;

use super::sniff::jpeg_is_complete;
use super::{IngestError, IngestLimits};

/// Decodes the first frame of an accepted raster format within `limits`.
pub fn decode(bytes: &[u8], format: ImageFormat, limits: &IngestLimits) -> Result<DynamicImage, IngestError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), codec_format(format));
    // Reading the header allocates nothing in proportion to the claimed size; the real budget
    // is applied right after, from the dimensions.
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|error| refusal(error, format))?;
    let (width, height) = decoder.dimensions();
    limits.check_dimensions(width, height)?;
    if decoder.total_bytes() > limits.max_decoded_bytes() {
        return Err(IngestError::TooManyPixels {
            width,
            height,
            max_megapixels: (limits.max_pixels / 1_000_000).max(1),
        });
    }
    decoder.set_limits(limits.decoder_limits()).map_err(|error| refusal(error, format))?;

    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(IngestError::TruncatedImage);
    }
    DynamicImage::from_decoder(decoder).map_err(|error| refusal(error, format))
}

fn codec_format(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Webp => image::ImageFormat::WebP,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::Bmp => image::ImageFormat::Bmp,
        ImageFormat::Tiff => image::ImageFormat::Tiff,
    }
}

/// Decoders report many kinds of failure; a parent needs to hear only whether the file is cut
/// off, damaged, too big, or a variant of the format that is not read.
fn refusal(error: ImageError, format: ImageFormat) -> IngestError {
    tracing::info!(%error, ?format, "the picture could not be decoded");
    if ends_early(&error) {
        return IngestError::TruncatedImage;
    }
    match error {
        ImageError::Limits(_) => IngestError::TooBigToDecode,
        ImageError::Unsupported(_) => IngestError::UnreadableVariant { format: format_name(format) },
        _ => IngestError::CorruptImage,
    }
}

fn ends_early(error: &ImageError) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                return true;
            }
        }
        let text = current.to_string().to_ascii_lowercase();
        if text.contains("unexpected end") || text.contains("unexpected eof") || text.contains("truncated") {
            return true;
        }
        source = current.source();
    }
    false
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Webp => "WebP",
        ImageFormat::Gif => "GIF",
        ImageFormat::Bmp => "BMP",
        ImageFormat::Tiff => "TIFF",
    }
}
