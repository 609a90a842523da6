//! Decoding in two steps so budgets are enforced before allocation: the header is read with the
//! decoder's metadata capped (and what a decoder reads up front measured even before that),
//! then the memory plan worked out from the header decides whether the pixels are decoded at
//! all. Decoder failures are turned into the few refusals a parent can understand.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};
use model::ImageFormat;

use super::budget::{self, Facts};
use super::jpeg::{self, JpegLayout};
use super::sniff::{jpeg_is_complete, riff_is_complete};
use super::tiff;
use super::{IngestError, IngestLimits};

/// Which step failed: running out of budget while reading the header means the metadata is
/// absurd; while reading pixels, the picture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Header,
    Pixels,
}

/// Decodes the first frame of an accepted raster format within `limits`.
pub fn decode(bytes: &[u8], format: ImageFormat, limits: &IngestLimits) -> Result<DynamicImage, IngestError> {
    let (mut decoder, jpeg_layout) = read_header(bytes, format, limits)?;
    let (width, height) = decoder.dimensions();
    limits.check_dimensions(width, height)?;

    let plan = budget::plan(&Facts {
        format,
        width,
        height,
        color: decoder.color_type(),
        stored_color: decoder.original_color_type(),
        file_bytes: bytes.len() as u64,
        jpeg: jpeg_layout.as_ref(),
        long_side: limits.max_long_side.max(1),
        metadata_cap: limits.max_metadata_bytes,
    });
    tracing::debug!(?format, width, height, ?plan, "memory plan");
    if plan.peak_bytes > limits.max_memory_bytes {
        tracing::info!(?format, width, height, ?plan, "the picture would need more memory than allowed");
        return Err(IngestError::TooBigToDecode);
    }
    decoder
        .set_limits(pixel_limits(plan.decoder_bytes))
        .map_err(|error| refusal(error, format, Step::Pixels))?;

    // Decoders paint a cut-off JPEG grey and call a cut-off WebP damaged; the containers say.
    let cut_off = match format {
        ImageFormat::Jpeg => !jpeg_is_complete(bytes),
        ImageFormat::Webp => !riff_is_complete(bytes),
        _ => false,
    };
    if cut_off {
        return Err(IngestError::TruncatedImage);
    }
    DynamicImage::from_decoder(decoder).map_err(|error| refusal(error, format, Step::Pixels))
}

/// The picture's width and height, from its header alone.
pub fn header_size(
    bytes: &[u8],
    format: ImageFormat,
    limits: &IngestLimits,
) -> Result<(u32, u32), IngestError> {
    Ok(read_header(bytes, format, limits)?.0.dimensions())
}

/// A decoder that has read the header and kept no more metadata than `limits` allow, and for a
/// JPEG the layout of its segments.
fn read_header<'a>(
    bytes: &'a [u8],
    format: ImageFormat,
    limits: &IngestLimits,
) -> Result<(impl ImageDecoder + 'a, Option<JpegLayout>), IngestError> {
    // The JPEG decoder copies every metadata segment while reading the header and takes no
    // limit, so its segments are measured first.
    let jpeg_layout = (format == ImageFormat::Jpeg).then(|| jpeg::layout(bytes));
    if jpeg_layout.as_ref().is_some_and(|layout| layout.metadata_bytes > limits.max_metadata_bytes) {
        return Err(IngestError::OversizedMetadata);
    }
    if format == ImageFormat::Tiff && tiff::numbers_read_up_front(bytes) > tiff::MAX_NUMBERS_READ_UP_FRONT {
        return Err(IngestError::OversizedMetadata);
    }
    // The PNG decoder sizes its row buffer from the header while still reading it, so a size
    // no drawing has is refused before that.
    if let Some((width, height)) = png_header_size(bytes, format) {
        limits.check_dimensions(width, height)?;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), codec_format(format));
    reader.limits(limits.header_limits());
    let decoder = reader.into_decoder().map_err(|error| refusal(error, format, Step::Header))?;
    Ok((decoder, jpeg_layout))
}

/// The size in a PNG's IHDR, which must directly follow the signature.
fn png_header_size(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    if format != ImageFormat::Png || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((width, height))
}

fn pixel_limits(decoder_bytes: u64) -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(decoder_bytes);
    limits
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
/// off, damaged, too big, carrying absurd metadata, or a variant of the format that is not read.
fn refusal(error: ImageError, format: ImageFormat, step: Step) -> IngestError {
    tracing::info!(%error, ?format, ?step, "the picture could not be decoded");
    if ends_early(&error) {
        return IngestError::TruncatedImage;
    }
    let over_budget =
        matches!(error, ImageError::Limits(_)) || mentions(&error, &["memory limit", "limits are exceeded"]);
    match (error, step) {
        _ if over_budget && step == Step::Header => IngestError::OversizedMetadata,
        _ if over_budget => IngestError::TooBigToDecode,
        (ImageError::Unsupported(_), _) => IngestError::UnreadableVariant { format: format_name(format) },
        _ => IngestError::CorruptImage,
    }
}

fn ends_early(error: &ImageError) -> bool {
    if let ImageError::IoError(io) = error {
        return io.kind() == std::io::ErrorKind::UnexpectedEof;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::UnexpectedEof {
                return true;
            }
        }
        source = current.source();
    }
    mentions(error, &["unexpected end", "unexpected eof", "truncated"])
}

/// Whether any error in the chain says one of `phrases` (decoders wrap their own errors as text).
fn mentions(error: &ImageError, phrases: &[&str]) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        let text = current.to_string().to_ascii_lowercase();
        if phrases.iter().any(|phrase| text.contains(phrase)) {
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
