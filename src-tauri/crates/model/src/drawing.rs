//! A drawing as the app keeps it after ingest: an upright, metadata-free copy and a thumbnail.
//! The parent's original file is not kept (its EXIF can hold the family's home), only its size.

use serde::{Deserialize, Serialize};
use specta::Type;

/// The raster formats the app accepts, sniffed from the bytes (never the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Webp,
    Gif,
    Bmp,
    Tiff,
}

impl ImageFormat {
    /// The file extension used when the app stores a file of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
            Self::Gif => "gif",
            Self::Bmp => "bmp",
            Self::Tiff => "tiff",
        }
    }
}

/// One ingested drawing. `id` is the SHA-256 of the original bytes (hex), so the same file
/// dropped twice is the same drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct Drawing {
    pub id: String,
    /// The name the parent's file had, for display only.
    pub original_name: String,
    /// Format sniffed from the original bytes.
    pub format: ImageFormat,
    /// Upright, metadata-free, long side at most 2048 px (PNG), in the app's media folder.
    pub normalized_path: String,
    /// A small JPEG for lists.
    pub thumbnail_path: String,
    /// Size of the normalized image, in pixels.
    pub width: u32,
    pub height: u32,
    /// Size of the picture in the parent's file once turned upright, before any shrinking.
    pub source_width: u32,
    pub source_height: u32,
    /// RFC 3339, UTC.
    pub created_at: String,
}
