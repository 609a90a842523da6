//! From the bytes a parent dropped to the app's own upright, metadata-free copy of the drawing.

mod decode;
mod encode;
mod error;
mod limits;
mod orientation;
mod sniff;

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
}

/// Reads a dropped file, or says in plain words why it can't be used.
pub fn ingest_bytes(bytes: &[u8], limits: &IngestLimits) -> Result<Ingested, IngestError> {
    limits.check_file_size(bytes.len())?;
    let format = match sniff::sniff(bytes) {
        Sniffed::Raster(format) => format,
        Sniffed::Unsupported(FileKind::Heic) => return Err(IngestError::HeicUnsupported),
        Sniffed::Unsupported(kind) => return Err(IngestError::UnsupportedFormat { kind }),
    };
    let decoded = decode::decode(bytes, format, limits)?;
    let orientation = orientation::exif_orientation(bytes, format);
    let (source_width, source_height) = (decoded.width(), decoded.height());

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
    Ok(Ingested { id: sha256_hex(bytes), format, image, normalized_png, thumbnail_jpeg })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
