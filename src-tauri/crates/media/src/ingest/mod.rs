//! From the bytes a parent dropped to the app's own upright, metadata-free copy of the drawing.

mod budget;
mod decode;
mod encode;
mod error;
mod exif;
mod ifd;
mod jpeg;
mod limits;
mod orientation;
mod sniff;
mod tiff;

use sha2::{Digest, Sha256};

pub use encode::THUMBNAIL_LONG_SIDE;
pub use error::IngestError;
pub use limits::IngestLimits;
pub use sniff::FileKind;

use sniff::Sniffed;

/// A drawing as the rest of the app uses it.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// Lowercase hex SHA-256 of the original bytes: the same file dropped twice is one drawing.
    pub id: String,
    /// The format sniffed from the bytes.
    pub format: model::ImageFormat,
    /// Upright (EXIF applied), long side at most `max_long_side`.
    pub image: image::RgbaImage,
    /// `image` encoded as PNG, no metadata.
    pub normalized_png: Vec<u8>,
    /// Long side 320, no metadata.
    pub thumbnail_jpeg: Vec<u8>,
    /// The size of the picture in the file once turned upright, before any shrinking.
    pub source_width: u32,
    pub source_height: u32,
}

/// Reads a dropped file, or says in plain words why it can't be used.
pub fn ingest_bytes(bytes: &[u8], limits: &IngestLimits) -> Result<Ingested, IngestError> {
    limits.check_file_size(bytes.len())?;
    let format = raster_format(bytes)?;
    let decoded = decode::decode(bytes, format, limits)?;
    let orientation = exif::orientation(bytes, format);
    let (source_width, source_height) = if orientation >= 5 {
        (decoded.height(), decoded.width())
    } else {
        (decoded.width(), decoded.height())
    };

    let resized = encode::downscale(decoded, limits.max_long_side.max(1));
    let image = orientation::apply_orientation(resized, orientation);
    let normalized_png = encode::encode_png(&image)?;
    let thumbnail_jpeg = encode::encode_thumbnail(&image)?;
    tracing::debug!(
        ?format,
        source_width,
        source_height,
        orientation,
        width = image.width(),
        height = image.height(),
        "ingested a drawing"
    );
    Ok(Ingested {
        id: sha256_hex(bytes),
        format,
        image,
        normalized_png,
        thumbnail_jpeg,
        source_width,
        source_height,
    })
}

/// The size of the picture in `bytes` once turned upright, read from its header alone.
pub fn upright_size(bytes: &[u8], limits: &IngestLimits) -> Result<(u32, u32), IngestError> {
    let format = raster_format(bytes)?;
    let (width, height) = decode::header_size(bytes, format, limits)?;
    Ok(if exif::orientation(bytes, format) >= 5 { (height, width) } else { (width, height) })
}

/// The raster format the bytes are in, or why the file is not one the app reads.
fn raster_format(bytes: &[u8]) -> Result<model::ImageFormat, IngestError> {
    match sniff::sniff(bytes) {
        Sniffed::Raster(format) => Ok(format),
        Sniffed::Unsupported(FileKind::Heic) => Err(IngestError::HeicUnsupported),
        Sniffed::Unsupported(kind) => Err(IngestError::UnsupportedFormat { kind }),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
