//! What ingesting one picture will hold in memory at its busiest, worked out from the header
//! before a pixel is decoded. Counting pixels is not enough: a 16-bit picture takes twice the
//! memory of an 8-bit one, a progressive JPEG keeps every coefficient until its last scan, and
//! some decoders first copy the whole file or a whole second picture. A picture whose plan
//! doesn't fit is refused up front instead of exhausting the computer's memory halfway.

use image::{ColorType, ExtendedColorType};
use model::ImageFormat;

use super::encode::fit_within;
use super::jpeg::JpegLayout;

/// What the header says, and what is known of the file.
pub struct Facts<'a> {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// The decoder's output layout.
    pub color: ColorType,
    /// The layout in the file (CMYK takes a fourth channel before it becomes RGB).
    pub stored_color: ExtendedColorType,
    pub file_bytes: u64,
    pub jpeg: Option<&'a JpegLayout>,
    /// The normalized copy's longest side.
    pub long_side: u32,
    /// What the decoder may keep of metadata while reading the header.
    pub metadata_cap: u64,
}

/// Bytes held at the busiest moment, and what the decoder itself may allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub peak_bytes: u64,
    pub decoder_bytes: u64,
}

/// The four moments of an ingest; the file's bytes are held through all of them.
pub fn plan(facts: &Facts<'_>) -> Plan {
    let pixels = u64::from(facts.width) * u64::from(facts.height);
    let decoded = pixels * u64::from(facts.color.bytes_per_pixel());
    let channels: u64 = if facts.color.has_alpha() { 4 } else { 3 };

    // 1. Decoding: the decoder's own copies and scratch, and the picture it fills.
    let (input_copy, metadata, scratch) = decoder_overhead(facts, pixels, decoded);
    let decoding = input_copy + metadata + decoded + scratch;

    // 2. Anything but 8-bit RGB or RGBA is converted once, into a second picture.
    let is_working_layout = matches!(facts.color, ColorType::Rgb8 | ColorType::Rgba8);
    let converted = if is_working_layout { 0 } else { pixels * channels };
    let converting = decoded + converted;
    let working = if is_working_layout { decoded } else { converted };

    // 3. Resizing: one pass's intermediate (the smaller of the two orders) and the result.
    let (width, height) = (u64::from(facts.width), u64::from(facts.height));
    let (target_width, target_height) = fit_within(facts.width, facts.height, facts.long_side);
    let (target_width, target_height) = (u64::from(target_width), u64::from(target_height));
    let target_pixels = target_width * target_height;
    let intermediate = (target_width * height).min(width * target_height) * channels;
    let resizing = working + intermediate + target_pixels * channels;

    // 4. Finishing, once the source is gone: the RGBA copy, its turned copy or RGB view, and
    //    the encoded PNG (no bigger than the raw pixels at the compression level used).
    let finishing = target_pixels * 4 * 3;

    let peak_bytes = facts.file_bytes + decoding.max(converting).max(resizing).max(finishing);
    Plan { peak_bytes, decoder_bytes: metadata + decoded + scratch }
}

/// (copy of the input, metadata kept, scratch beside the output) for each decoder.
fn decoder_overhead(facts: &Facts<'_>, pixels: u64, decoded: u64) -> (u64, u64, u64) {
    let file = facts.file_bytes;
    match facts.format {
        // The JPEG decoder reads the whole file into its own buffer, copies metadata segments
        // out of it, and keeps all coefficients for progressive or split-scan files.
        ImageFormat::Jpeg => {
            let layout = facts.jpeg;
            let metadata = layout.map_or(file, |l| l.metadata_bytes.min(file));
            (file, metadata, layout.map_or(0, JpegLayout::coefficient_bytes))
        }
        // Rows are unfiltered straight into the picture; metadata is capped by the header limit.
        ImageFormat::Png => (0, facts.metadata_cap.min(file), 0),
        // Rows are read straight into the picture; the palette is at most 256 colours.
        ImageFormat::Bmp => (0, 0, 0),
        // A first frame that doesn't cover the screen is decoded apart, then placed; colour
        // profile and XMP extensions are kept whole.
        ImageFormat::Gif => (0, file, decoded),
        // Lossy frames are decoded to YUV planes first, compressed alpha and animation frames
        // into pictures of their own.
        ImageFormat::Webp => (0, 0, decoded * 2),
        // The whole image is decoded into the file's own layout (CMYK included) and then
        // copied out; one compressed strip or tile at a time is read beside it.
        ImageFormat::Tiff => {
            let stored = pixels * u64::from(facts.stored_color.bits_per_pixel()).div_ceil(8);
            (0, 0, stored.max(decoded) + file)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    fn facts(format: ImageFormat, width: u32, height: u32, color: ColorType) -> Facts<'static> {
        Facts {
            format,
            width,
            height,
            color,
            stored_color: color.into(),
            file_bytes: 10 * MIB,
            jpeg: None,
            long_side: 2048,
            metadata_cap: 16 * MIB,
        }
    }

    #[test]
    fn a_sixteen_bit_picture_plans_for_its_decoded_and_converted_copies() {
        let pixels = 4000u64 * 4000;
        let eight = plan(&facts(ImageFormat::Png, 4000, 4000, ColorType::Rgba8));
        let sixteen = plan(&facts(ImageFormat::Png, 4000, 4000, ColorType::Rgba16));
        // Converting is the busiest moment: the 16-bit picture and its 8-bit copy, beside the file.
        assert_eq!(sixteen.peak_bytes, 10 * MIB + pixels * 8 + pixels * 4);
        // An 8-bit picture is used as decoded: resizing holds it, one pass's result, the result.
        let resizing = pixels * 4 + 2048 * 4000 * 4 + 2048 * 2048 * 4;
        assert_eq!(eight.peak_bytes, 10 * MIB + resizing);
    }

    #[test]
    fn a_progressive_jpeg_plans_for_its_coefficients_and_its_copy_of_the_file() {
        let layout = JpegLayout {
            width: 4000,
            height: 4000,
            sampling: vec![(1, 1), (1, 1), (1, 1)],
            holds_all_coefficients: true,
            metadata_bytes: 1000,
        };
        let mut progressive = facts(ImageFormat::Jpeg, 4000, 4000, ColorType::Rgb8);
        progressive.jpeg = Some(&layout);
        let found = plan(&progressive);
        let pixels = 4000u64 * 4000;
        assert_eq!(found.decoder_bytes, 1000 + pixels * 3 + pixels * 6);
        assert_eq!(found.peak_bytes, 10 * MIB + 10 * MIB + found.decoder_bytes);
    }

    #[test]
    fn resizing_a_long_picture_plans_for_the_smaller_pass_order() {
        // 30000 x 1500 to 2048 x 102: shrinking the height first leaves 30000 x 102 between the
        // passes, less than the 2048 x 1500 of shrinking the width first.
        let long = plan(&facts(ImageFormat::Bmp, 30_000, 1_500, ColorType::Rgb8));
        let pixels = 30_000u64 * 1_500;
        assert_eq!(long.peak_bytes, 10 * MIB + pixels * 3 + 30_000 * 102 * 3 + 2048 * 102 * 3);
    }
}
