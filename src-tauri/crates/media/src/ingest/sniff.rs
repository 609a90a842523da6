//! Recognizes what a file is from its first bytes, because file names lie (phone photos saved
//! as `.png` are often JPEG) and a parent deserves to hear what kind of file they dropped.

use model::ImageFormat;

/// What the bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A raster format the app decodes.
    Raster(ImageFormat),
    /// Something the app does not read (yet); the kind is named to the parent.
    Unsupported(FileKind),
}

/// Kinds of files that are not accepted, so the refusal can name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Heic,
    Avif,
    JpegXl,
    Pdf,
    Svg,
    Xml,
    Html,
    Text,
    Photoshop,
    Icon,
    Video,
    Archive,
    Unknown,
}

impl FileKind {
    /// How a parent would call this kind of file, with its article ("a PDF document").
    pub fn description(self) -> Option<&'static str> {
        Some(match self {
            Self::Heic => "an iPhone HEIC photo",
            Self::Avif => "an AVIF picture",
            Self::JpegXl => "a JPEG XL picture",
            Self::Pdf => "a PDF document",
            Self::Svg => "an SVG drawing file",
            Self::Xml => "an XML document",
            Self::Html => "a web page",
            Self::Text => "a text file",
            Self::Photoshop => "a Photoshop file",
            Self::Icon => "an icon file",
            Self::Video => "a video",
            Self::Archive => "a zip archive or office document",
            Self::Unknown => return None,
        })
    }
}

/// Looks at the leading bytes only; never at a name.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    use Sniffed::{Raster, Unsupported};

    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Raster(ImageFormat::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Raster(ImageFormat::Jpeg);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Raster(ImageFormat::Gif);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Raster(ImageFormat::Webp);
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Raster(ImageFormat::Tiff);
    }
    if is_bmp(bytes) {
        return Raster(ImageFormat::Bmp);
    }
    if let Some(kind) = iso_media_kind(bytes) {
        return Unsupported(kind);
    }
    Unsupported(other_kind(bytes))
}

/// `BM` alone is too weak (plenty of text starts with "BM"), so the header sizes are checked too.
fn is_bmp(bytes: &[u8]) -> bool {
    if bytes.len() < 26 || !bytes.starts_with(b"BM") {
        return false;
    }
    let info_header_size = u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]);
    matches!(info_header_size, 12 | 16 | 40 | 52 | 56 | 64 | 108 | 124)
}

/// HEIC, AVIF and videos share the ISO base media file layout: a `ftyp` box naming brands.
fn iso_media_kind(bytes: &[u8]) -> Option<FileKind> {
    if bytes.len() < 12 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let box_len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let box_end = box_len.clamp(12, bytes.len());
    let major = &bytes[8..12];
    // The compatible brands follow the major brand and its 4-byte minor version.
    let compatible = bytes.get(16..box_end).unwrap_or(&[]);
    let brands = std::iter::once(major).chain(compatible.chunks_exact(4));

    let mut heif = false;
    for brand in brands {
        match brand {
            b"avif" | b"avis" => return Some(FileKind::Avif),
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs" | b"mif1"
            | b"msf1" => heif = true,
            _ => {}
        }
    }
    if heif {
        return Some(FileKind::Heic);
    }
    Some(FileKind::Video)
}

fn other_kind(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"%PDF") {
        return FileKind::Pdf;
    }
    if bytes.starts_with(&[0xFF, 0x0A]) || bytes.starts_with(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return FileKind::JpegXl;
    }
    if bytes.starts_with(b"8BPS") {
        return FileKind::Photoshop;
    }
    if bytes.starts_with(&[0, 0, 1, 0]) && bytes.len() > 6 {
        return FileKind::Icon;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return FileKind::Archive;
    }
    if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return FileKind::Video;
    }
    if let Some(text) = leading_text(bytes) {
        let start = text.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
        if start.starts_with("<svg") || (start.starts_with('<') && start.contains("<svg")) {
            return FileKind::Svg;
        }
        if start.starts_with("<!doctype html") || start.starts_with("<html") {
            return FileKind::Html;
        }
        if start.starts_with("<?xml") {
            return FileKind::Xml;
        }
        return FileKind::Text;
    }
    FileKind::Unknown
}

/// The first kilobyte as text, if it reads as text (UTF-8 without control characters).
fn leading_text(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // A multi-byte character cut by the 1 KiB window is still text.
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&head[..error.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    let is_plain = text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    (is_plain && !text.is_empty()).then(|| text.to_owned())
}

/// A JPEG is complete only when its end-of-image marker follows the compressed data. The
/// JPEG decoder is lenient and paints missing data grey, so a cut-off file is caught here.
pub fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut pos = 2; // after SOI
    let mut in_scan = false;
    while pos < bytes.len() {
        if in_scan {
            // Entropy-coded data: 0xFF is always followed by 0x00 (stuffing) or a restart marker,
            // unless a real marker starts.
            match memchr_ff(&bytes[pos..]) {
                None => return false,
                Some(offset) => {
                    let at = pos + offset;
                    let Some(&next) = bytes.get(at + 1) else { return false };
                    match next {
                        0x00 | 0xD0..=0xD7 | 0xFF => pos = at + 1,
                        _ => {
                            in_scan = false;
                            pos = at;
                        }
                    }
                    continue;
                }
            }
        }
        if bytes[pos] != 0xFF {
            return false;
        }
        // Fill bytes may precede a marker.
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else { return false };
        pos += 1;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD8 => {}
            _ => {
                let Some(len) =
                    bytes.get(pos..pos + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
                else {
                    return false;
                };
                if len < 2 {
                    return false;
                }
                pos += len;
                if marker == 0xDA {
                    in_scan = true;
                }
            }
        }
    }
    false
}

/// A RIFF file (WebP) is complete when it is at least as long as its header says.
pub fn riff_is_complete(bytes: &[u8]) -> bool {
    let Some(size) = bytes.get(4..8).map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))) else {
        return false;
    };
    bytes.len() as u64 >= size + 8
}

fn memchr_ff(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0xFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_formats_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Sniffed::Raster(ImageFormat::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Sniffed::Raster(ImageFormat::Jpeg));
        assert_eq!(sniff(b"GIF89a...."), Sniffed::Raster(ImageFormat::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Raster(ImageFormat::Webp));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Sniffed::Raster(ImageFormat::Tiff));
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Unsupported(FileKind::Pdf));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), Sniffed::Unsupported(FileKind::Heic));
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), Sniffed::Unsupported(FileKind::Avif));
        assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1avif"), Sniffed::Unsupported(FileKind::Avif));
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0isomavc1"), Sniffed::Unsupported(FileKind::Video));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"\">"), Sniffed::Unsupported(FileKind::Svg));
        assert_eq!(sniff(b"  <svg width=\"10\">"), Sniffed::Unsupported(FileKind::Svg));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><note/>"), Sniffed::Unsupported(FileKind::Xml));
        assert_eq!(sniff("My drawing, caf\u{e9}\n".as_bytes()), Sniffed::Unsupported(FileKind::Text));
        assert_eq!(sniff(b"BM is not a bitmap here"), Sniffed::Unsupported(FileKind::Text));
        assert_eq!(sniff(&[0x00, 0x9F, 0x13, 0x07, 0x80]), Sniffed::Unsupported(FileKind::Unknown));
    }

    #[test]
    fn a_jpeg_without_its_end_marker_is_incomplete() {
        // SOI, a tiny SOS segment, scan data with a stuffed 0xFF and a restart marker, EOI.
        let complete = [
            0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF,
            0xD9,
        ];
        assert!(jpeg_is_complete(&complete));
        assert!(!jpeg_is_complete(&complete[..complete.len() - 2]));
        assert!(!jpeg_is_complete(&complete[..12]));
        // Trailing bytes after EOI are common on phone photos and are fine.
        let mut trailing = complete.to_vec();
        trailing.extend_from_slice(b"extra");
        assert!(jpeg_is_complete(&trailing));
    }
}
