//! The one EXIF entry the app reads (the orientation), taken straight from the bytes. The
//! EXIF block is found without copying and is at most 64 KiB (a JPEG APP1 segment can't hold
//! more; a bigger one in a PNG or WebP is no camera's), and only the first directory's 12-byte
//! entries are looked at, so however hostile the EXIF, reading it allocates nothing.

use model::ImageFormat;

use super::ifd::Directory;

/// The largest EXIF block read; anything bigger is ignored and the picture taken as upright.
pub const MAX_EXIF_BYTES: usize = 64 * 1024;

const ORIENTATION_TAG: u16 = 0x0112;
const SHORT: u16 = 3;
const LONG: u16 = 4;

/// The EXIF orientation (1..=8) recorded in the file, or 1 when there is none or it is invalid.
pub fn orientation(bytes: &[u8], format: ImageFormat) -> u8 {
    let block = match format {
        ImageFormat::Jpeg => jpeg_exif(bytes),
        ImageFormat::Png => png_exif(bytes),
        ImageFormat::Webp => webp_exif(bytes),
        // A TIFF file is itself the structure EXIF borrows; its entries are read in place.
        ImageFormat::Tiff => Some(bytes),
        ImageFormat::Gif | ImageFormat::Bmp => None,
    };
    let Some(block) = block else { return 1 };
    if format != ImageFormat::Tiff && block.len() > MAX_EXIF_BYTES {
        tracing::info!(
            bytes = block.len(),
            "EXIF block too big to be a camera's; taking the picture as upright"
        );
        return 1;
    }
    match first_directory_orientation(strip_exif_header(block)) {
        Some(value @ 1..=8) => value as u8,
        Some(value) => {
            tracing::info!(value, "invalid EXIF orientation; taking the picture as upright");
            1
        }
        None => 1,
    }
}

/// Some writers keep JPEG's "Exif\0\0" prefix in PNG and WebP chunks too.
fn strip_exif_header(block: &[u8]) -> &[u8] {
    block.strip_prefix(b"Exif\0\0".as_slice()).unwrap_or(block)
}

/// The orientation entry of the first image directory of a TIFF-structured block.
fn first_directory_orientation(tiff: &[u8]) -> Option<u32> {
    let directory = Directory::first(tiff)?;
    let entry = directory.entries().find(|entry| entry.tag == ORIENTATION_TAG && entry.count == 1)?;
    match entry.kind {
        SHORT => directory.u16_at(entry.value_at).map(u32::from),
        LONG => directory.u32_at(entry.value_at),
        _ => None,
    }
}

/// The payload of the first APP1 segment holding EXIF, before the image data.
fn jpeg_exif(bytes: &[u8]) -> Option<&[u8]> {
    let mut pos = 2;
    loop {
        if *bytes.get(pos)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(pos + 1)?;
        if matches!(marker, 0xD8 | 0xD0..=0xD7 | 0x01 | 0xFF) {
            pos += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        if matches!(marker, 0xDA | 0xD9) {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(pos + 2)?, *bytes.get(pos + 3)?]));
        let payload = bytes.get(pos + 4..pos + 2 + length.max(2))?;
        if marker == 0xE1 && payload.starts_with(b"Exif\0\0") {
            return Some(payload);
        }
        pos += 2 + length.max(2);
    }
}

/// The data of the first `eXIf` chunk.
fn png_exif(bytes: &[u8]) -> Option<&[u8]> {
    let mut pos = 8;
    loop {
        let length = usize::try_from(u32::from_be_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?)).ok()?;
        let kind = bytes.get(pos + 4..pos + 8)?;
        match kind {
            b"eXIf" => return bytes.get(pos + 8..pos + 8 + length),
            b"IEND" => return None,
            _ => pos = pos.checked_add(12)?.checked_add(length)?,
        }
    }
}

/// The data of the `EXIF` chunk of an extended WebP.
fn webp_exif(bytes: &[u8]) -> Option<&[u8]> {
    let mut pos = 12;
    loop {
        let kind = bytes.get(pos..pos + 4)?;
        let length =
            usize::try_from(u32::from_le_bytes(bytes.get(pos + 4..pos + 8)?.try_into().ok()?)).ok()?;
        if kind == b"EXIF" {
            return bytes.get(pos + 8..pos + 8 + length);
        }
        pos = pos.checked_add(8)?.checked_add(length)?.checked_add(length & 1)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory(big_endian: bool, entries: &[(u16, u16, u32, u32)]) -> Vec<u8> {
        let mut out = if big_endian { b"MM\0*\0\0\0\x08".to_vec() } else { b"II*\0\x08\0\0\0".to_vec() };
        let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        out.extend_from_slice(&u16b(entries.len() as u16));
        for &(tag, kind, count, value) in entries {
            out.extend_from_slice(&u16b(tag));
            out.extend_from_slice(&u16b(kind));
            out.extend_from_slice(&u32b(count));
            if kind == SHORT {
                out.extend_from_slice(&u16b(value as u16));
                out.extend_from_slice(&[0, 0]);
            } else {
                out.extend_from_slice(&u32b(value));
            }
        }
        out.extend_from_slice(&[0; 4]);
        out
    }

    #[test]
    fn the_orientation_entry_is_read_in_either_byte_order_and_type() {
        for big_endian in [false, true] {
            let tiff = directory(big_endian, &[(0x010F, 2, 4, 0), (ORIENTATION_TAG, SHORT, 1, 6)]);
            assert_eq!(first_directory_orientation(&tiff), Some(6));
            let tiff = directory(big_endian, &[(ORIENTATION_TAG, LONG, 1, 8)]);
            assert_eq!(first_directory_orientation(&tiff), Some(8));
        }
    }

    #[test]
    fn invalid_values_and_damaged_directories_mean_upright() {
        for value in [0, 9, 65_535] {
            let tiff = directory(true, &[(ORIENTATION_TAG, SHORT, 1, value)]);
            assert_eq!(orientation(&tiff, ImageFormat::Tiff), 1, "value {value}");
        }
        // A count far past the end: the entries that are there are read, the rest are not.
        let mut lying = directory(false, &[(0x010F, 2, 4, 0), (ORIENTATION_TAG, SHORT, 1, 6)]);
        lying[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
        assert_eq!(first_directory_orientation(&lying), Some(6));
        let mut lying = directory(false, &[(0x010F, 2, 4, 0)]);
        lying[8..10].copy_from_slice(&u16::MAX.to_le_bytes());
        assert_eq!(first_directory_orientation(&lying), None);
        let mut far = directory(false, &[(ORIENTATION_TAG, SHORT, 1, 6)]);
        far[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(first_directory_orientation(&far), None);
        assert_eq!(first_directory_orientation(b"not exif"), None);
    }

    #[test]
    fn an_exif_block_bigger_than_a_camera_writes_is_ignored() {
        let mut webp = b"RIFF\0\0\0\0WEBP".to_vec();
        let mut exif = directory(true, &[(ORIENTATION_TAG, SHORT, 1, 6)]);
        webp.extend_from_slice(b"EXIF");
        webp.extend_from_slice(&(exif.len() as u32).to_le_bytes());
        webp.extend_from_slice(&exif);
        assert_eq!(orientation(&webp, ImageFormat::Webp), 6);

        exif.resize(MAX_EXIF_BYTES + 2, 0);
        let mut big = b"RIFF\0\0\0\0WEBP".to_vec();
        big.extend_from_slice(b"EXIF");
        big.extend_from_slice(&(exif.len() as u32).to_le_bytes());
        big.extend_from_slice(&exif);
        assert_eq!(orientation(&big, ImageFormat::Webp), 1);
    }
}
