//! Ingest against the real fixture drawings and a corpus of bad files generated at run time.

mod common;

use std::io::Cursor;

use image::codecs::gif::GifEncoder;
use image::{
    Delay, DynamicImage, Frame, GenericImageView, ImageBuffer, ImageFormat as CodecFormat, Rgb, RgbImage,
    Rgba, RgbaImage,
};
use media::{ingest_bytes, IngestError, IngestLimits, Ingested};
use model::ImageFormat;

fn ingest(bytes: &[u8]) -> Result<Ingested, IngestError> {
    ingest_bytes(bytes, &IngestLimits::default())
}

fn refusal(bytes: &[u8]) -> IngestError {
    match ingest(bytes) {
        Ok(ingested) => {
            panic!("expected a refusal, got a {}x{} picture", ingested.image.width(), ingested.image.height())
        }
        Err(error) => error,
    }
}

/// A refusal a parent reads: a sentence, no Rust debug output, no decoder jargon.
fn assert_plain_message(error: &IngestError) {
    let message = error.to_string();
    assert!(message.len() > 20 && message.ends_with('.'), "not a sentence: {message:?}");
    assert!(message.chars().next().is_some_and(char::is_uppercase), "not a sentence: {message:?}");
    for noise in ["{", "}", "::", "Error", "Os {", "kind:", "Some(", "None", "\\n", "0x"] {
        assert!(!message.contains(noise), "message has debug noise {noise:?}: {message:?}");
    }
}

fn assert_refused(bytes: &[u8], code: &str) -> IngestError {
    let error = refusal(bytes);
    assert_eq!(error.code(), code, "wrong refusal: {error}");
    assert_plain_message(&error);
    error
}

fn encode(image: DynamicImage, format: CodecFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encoding a test picture");
    out.into_inner()
}

/// A busy picture, so compressed data fills most of the file.
fn noisy_rgb(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let v = x.wrapping_mul(2_654_435_761).wrapping_add(y.wrapping_mul(40_503)) >> 7;
        Rgb([v as u8, (v >> 8) as u8, (x + y) as u8])
    })
}

/// A 64x32 picture, white with a red block in its stored top-left corner.
fn marked_landscape() -> RgbImage {
    RgbImage::from_fn(64, 32, |x, y| if x < 16 && y < 12 { Rgb([220, 20, 20]) } else { Rgb([250, 250, 250]) })
}

fn is_red(pixel: Rgba<u8>) -> bool {
    pixel[0] > 170 && pixel[1] < 90 && pixel[2] < 90
}

/// Which corner (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left) holds the red mark.
fn red_corner(image: &RgbaImage) -> Vec<usize> {
    let (w, h) = image.dimensions();
    let probes = [(4, 4), (w - 5, 4), (w - 5, h - 5), (4, h - 5)];
    probes.iter().enumerate().filter(|(_, &(x, y))| is_red(*image.get_pixel(x, y))).map(|(i, _)| i).collect()
}

/// An APP1 EXIF segment with IFD0 holding only the orientation, plus a GPS pointer as phones write.
fn exif_app1(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF header, IFD0 at 8
    tiff.extend_from_slice(&2u16.to_be_bytes()); // two entries
                                                 // Orientation, SHORT, count 1, value left-aligned.
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    // GPS IFD pointer, LONG, to the GPS IFD right after this IFD.
    let gps_offset: u32 = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&0x8825u16.to_be_bytes());
    tiff.extend_from_slice(&4u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&gps_offset.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
                                                 // GPS IFD: GPSLatitudeRef "N".
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0001u16.to_be_bytes());
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&2u32.to_be_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_be_bytes());

    let mut segment = vec![0xFF, 0xE1];
    let payload_len = 2 + 6 + tiff.len();
    segment.extend_from_slice(&(payload_len as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

fn jpeg_with_orientation(image: &RgbImage, orientation: u16) -> Vec<u8> {
    let plain = encode(DynamicImage::ImageRgb8(image.clone()), CodecFormat::Jpeg);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&exif_app1(orientation));
    out.extend_from_slice(&plain[2..]);
    out
}

/// PNG chunk names in file order.
fn png_chunks(bytes: &[u8]) -> Vec<String> {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let mut chunks = Vec::new();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]]) as usize;
        chunks.push(String::from_utf8_lossy(&bytes[pos + 4..pos + 8]).into_owned());
        pos += 12 + len;
    }
    chunks
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// JPEG marker segments before the image data, as (marker, payload start).
fn jpeg_markers(bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut markers = Vec::new();
    let mut pos = 2;
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        markers.push((
            marker,
            bytes[pos + 4..(pos + 2 + len).min(bytes.len())].iter().take(8).copied().collect(),
        ));
        if marker == 0xDA {
            break;
        }
        pos += 2 + len;
    }
    markers
}

fn assert_no_metadata(ingested: &Ingested) {
    for chunk in png_chunks(&ingested.normalized_png) {
        assert!(
            ["IHDR", "IDAT", "IEND", "PLTE", "tRNS"].contains(&chunk.as_str()),
            "normalized PNG carries a {chunk} chunk"
        );
    }
    for (marker, payload) in jpeg_markers(&ingested.thumbnail_jpeg) {
        assert!(
            marker != 0xE1 && !(0xE2..=0xEF).contains(&marker) && marker != 0xFE,
            "thumbnail carries an APP/comment segment 0xFF{marker:02X} starting {payload:?}"
        );
    }
}

fn mean_abs_difference(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(p, q)| (0..3).map(|c| u64::from(p[c].abs_diff(q[c]))).sum::<u64>())
        .sum();
    total as f64 / (a.width() * a.height() * 3) as f64
}

fn small(image: &RgbaImage, width: u32, height: u32) -> RgbaImage {
    image::imageops::thumbnail(image, width, height)
}

#[test]
fn garlic_phone_photo_is_a_jpeg_that_comes_out_upright() {
    let bytes = common::read_drawing("garlic-photo.png");
    let ingested = ingest(&bytes).expect("the garlic photo ingests");
    assert_eq!(ingested.format, ImageFormat::Jpeg, "sniffed from the bytes, not the .png name");
    assert_eq!(ingested.image.dimensions(), (1536, 2048), "EXIF orientation 6 makes it portrait");

    // The content must be turned too: compare with the raw pixels rotated clockwise.
    let raw = image::load_from_memory_with_format(&bytes, CodecFormat::Jpeg).expect("raw decode").to_rgba8();
    assert_eq!(raw.dimensions(), (4032, 3024), "the stored pixels are landscape");
    let ours = small(&ingested.image, 48, 64);
    let raw_small = small(&raw, 64, 48);
    let clockwise = image::imageops::rotate90(&raw_small);
    let counter_clockwise = image::imageops::rotate270(&raw_small);
    let right = mean_abs_difference(&ours, &clockwise);
    let wrong = mean_abs_difference(&ours, &counter_clockwise);
    println!("garlic: difference to clockwise {right:.1}, to counter-clockwise {wrong:.1}");
    assert!(right < 4.0, "not the raw photo turned clockwise (mean difference {right:.1})");
    assert!(wrong > right * 3.0, "orientation is ambiguous ({right:.1} vs {wrong:.1})");
    assert_no_metadata(&ingested);
}

#[test]
fn every_fixture_drawing_ingests() {
    let expected = [
        ("boy-purple.png", ImageFormat::Png, (508, 602)),
        ("girl-pencil.png", ImageFormat::Png, (333, 392)),
        ("bug-six-arms.png", ImageFormat::Png, (2000, 1500)),
        ("pig.png", ImageFormat::Png, (600, 450)),
        ("garlic-photo.png", ImageFormat::Jpeg, (1536, 2048)),
    ];
    for (name, format, size) in expected {
        let bytes = common::read_drawing(name);
        let ingested = ingest(&bytes).unwrap_or_else(|error| panic!("{name} refused: {error}"));
        assert_eq!(ingested.format, format, "{name}");
        assert_eq!(ingested.image.dimensions(), size, "{name}");
        assert_eq!(ingested.id.len(), 64, "{name}");
        assert!(ingested.id.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));

        let normalized = image::load_from_memory_with_format(&ingested.normalized_png, CodecFormat::Png)
            .expect("normalized PNG decodes")
            .to_rgba8();
        assert_eq!(normalized, ingested.image, "{name}: normalized PNG is the image");
        let thumbnail = image::load_from_memory_with_format(&ingested.thumbnail_jpeg, CodecFormat::Jpeg)
            .expect("thumbnail decodes");
        assert_eq!(thumbnail.width().max(thumbnail.height()), 320, "{name}: thumbnail long side");
        assert_no_metadata(&ingested);
    }
}

#[test]
fn the_same_bytes_give_the_same_id() {
    let bytes = common::read_drawing("girl-pencil.png");
    let first = ingest(&bytes).expect("ingests");
    let again = ingest(&bytes).expect("ingests");
    assert_eq!(first.id, again.id);
    let mut changed = bytes.clone();
    changed.extend_from_slice(b"x");
    // Trailing bytes after IEND do not stop a PNG from decoding, but it is another file.
    let other = ingest(&changed).expect("ingests");
    assert_ne!(first.id, other.id);
    // Known SHA-256 of the empty-suffix check: the id is the digest of exactly these bytes.
    assert_eq!(first.id, sha256_reference(&bytes));
}

/// SHA-256 written out from FIPS 180-4, to check the id without trusting the same library.
fn sha256_reference(message: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut data = message.to_vec();
    data.push(0x80);
    while data.len() % 64 != 56 {
        data.push(0);
    }
    data.extend_from_slice(&((message.len() as u64) * 8).to_be_bytes());
    for block in data.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (state, value) in h.iter_mut().zip(v) {
            *state = state.wrapping_add(value);
        }
    }
    h.iter().map(|word| format!("{word:08x}")).collect()
}

#[test]
fn pig_keeps_its_alpha_channel() {
    let bytes = common::read_drawing("pig.png");
    let source = image::load_from_memory(&bytes).expect("pig decodes");
    assert!(source.color().has_alpha(), "the fixture has an alpha channel");
    let ingested = ingest(&bytes).expect("pig ingests");
    assert_eq!(ingested.image, source.to_rgba8(), "a small RGBA picture passes through unchanged");
}

#[test]
fn exif_orientations_3_6_8_are_applied_and_dropped() {
    let source = marked_landscape();
    // Stored top-left red mark ends up in: 3 -> bottom-right, 6 -> top-right, 8 -> bottom-left.
    for (orientation, size, corner) in [(3u16, (64, 32), 2usize), (6, (32, 64), 1), (8, (32, 64), 3)] {
        let bytes = jpeg_with_orientation(&source, orientation);
        let ingested = ingest(&bytes).unwrap_or_else(|error| panic!("orientation {orientation}: {error}"));
        assert_eq!(ingested.image.dimensions(), size, "orientation {orientation}");
        assert_eq!(red_corner(&ingested.image), vec![corner], "orientation {orientation}");
        assert_no_metadata(&ingested);
    }
    let upright = ingest(&jpeg_with_orientation(&source, 1)).expect("orientation 1 ingests");
    assert_eq!(red_corner(&upright.image), vec![0]);
}

#[test]
fn png_text_and_exif_chunks_do_not_survive() {
    let plain = encode(DynamicImage::ImageRgb8(marked_landscape()), CodecFormat::Png);
    // Insert metadata chunks right after IHDR (8 signature + 25 IHDR bytes).
    let mut bytes = plain[..33].to_vec();
    bytes.extend(png_chunk(b"tEXt", b"Comment\0taken at 12 Oak Street"));
    bytes.extend(png_chunk(b"iTXt", b"Author\0\0\0\0\0A parent"));
    let exif = exif_app1(1);
    bytes.extend(png_chunk(b"eXIf", &exif[10..]));
    bytes.extend_from_slice(&plain[33..]);
    let chunks = png_chunks(&bytes);
    assert!(chunks.contains(&"tEXt".to_owned()) && chunks.contains(&"eXIf".to_owned()));

    let ingested = ingest(&bytes).expect("a PNG with metadata ingests");
    assert_eq!(red_corner(&ingested.image), vec![0]);
    assert_no_metadata(&ingested);
    assert!(!ingested.normalized_png.windows(10).any(|w| w == b"Oak Street"));
}

#[test]
fn empty_file_is_refused() {
    assert_refused(b"", "empty_file");
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy_rgb(300, 300)), CodecFormat::Png);
    let limits = IngestLimits { max_file_bytes: 50_000, ..IngestLimits::default() };
    let error = ingest_bytes(&bytes, &limits).expect_err("over the size limit");
    assert_eq!(error.code(), "file_too_large");
    assert_plain_message(&error);
}

#[test]
fn truncated_png_is_refused() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy_rgb(200, 200)), CodecFormat::Png);
    for cut in [bytes.len() / 2, bytes.len() - 20, 40] {
        let error = assert_refused(&bytes[..cut], "truncated_image");
        assert!(error.to_string().contains("cut off"), "{error}");
    }
}

#[test]
fn truncated_jpeg_is_refused_not_painted_grey() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy_rgb(200, 200)), CodecFormat::Jpeg);
    for cut in [bytes.len() * 6 / 10, bytes.len() - 2, 700] {
        assert_refused(&bytes[..cut], "truncated_image");
    }
}

#[test]
fn a_damaged_png_is_refused() {
    let mut bytes = encode(DynamicImage::ImageRgb8(noisy_rgb(64, 64)), CodecFormat::Png);
    // Scramble compressed data in the middle of IDAT.
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 40] {
        *byte ^= 0x5A;
    }
    assert_refused(&bytes, "corrupt_image");
}

#[test]
fn text_named_png_is_refused_as_text() {
    let error = assert_refused(b"Dear teacher, here is the drawing from class.\n", "unsupported_format");
    assert!(error.to_string().contains("text file"), "{error}");
}

#[test]
fn pdf_is_refused_by_name() {
    let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    let error = assert_refused(pdf, "unsupported_format");
    assert!(error.to_string().contains("PDF"), "{error}");
}

#[test]
fn svg_is_refused_by_name() {
    let svg = br#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle cx="50" cy="50" r="40"/></svg>"#;
    let error = assert_refused(svg, "unsupported_format");
    assert!(error.to_string().contains("SVG"), "{error}");
}

#[test]
fn heic_photo_is_refused_with_advice() {
    let mut heic = Vec::new();
    heic.extend_from_slice(&24u32.to_be_bytes());
    heic.extend_from_slice(b"ftypheic");
    heic.extend_from_slice(&0u32.to_be_bytes());
    heic.extend_from_slice(b"mif1heic");
    heic.extend_from_slice(&16u32.to_be_bytes());
    heic.extend_from_slice(b"meta\0\0\0\0\0\0\0\0");
    let error = assert_refused(&heic, "heic_unsupported");
    let message = error.to_string();
    assert!(message.contains("HEIC") && message.contains("JPEG or PNG"), "{message}");
}

#[test]
fn avif_is_refused_by_name() {
    let mut avif = Vec::new();
    avif.extend_from_slice(&28u32.to_be_bytes());
    avif.extend_from_slice(b"ftypavif");
    avif.extend_from_slice(&0u32.to_be_bytes());
    avif.extend_from_slice(b"avifmif1miaf");
    let error = assert_refused(&avif, "unsupported_format");
    assert!(error.to_string().contains("AVIF"), "{error}");
}

/// Deflate of `len` zero bytes: a literal 0 then back-references of 258 (distance 1), all in
/// one fixed-Huffman block, so a gigantic picture costs a few hundred kilobytes to describe.
fn zlib_of_zeros(len: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        count: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.count;
            self.count += bits;
            while self.count >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.count -= 8;
            }
        }
        /// Huffman codes are sent most significant bit first.
        fn put_code(&mut self, code: u64, bits: u32) {
            let reversed = (0..bits).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, bits);
        }
    }
    let mut bits = Bits { out: vec![0x78, 0x01], acc: 0, count: 0 };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman
    bits.put_code(0x30, 8); // literal 0
    let mut remaining = len - 1;
    let put_length = |bits: &mut Bits, length: u64| {
        // Length codes for 3..=10 are 257..=264 (7-bit codes 1..=8), 258 is code 285.
        if length == 258 {
            bits.put_code(0b1100_0101, 8);
        } else {
            bits.put_code(length - 2, 7);
        }
        bits.put_code(0, 5); // distance 1
    };
    while remaining >= 258 {
        put_length(&mut bits, 258);
        remaining -= 258;
    }
    while remaining > 0 {
        let piece = if remaining >= 13 { 10 } else { remaining.min(10) };
        if piece >= 3 {
            put_length(&mut bits, piece);
        } else {
            for _ in 0..piece {
                bits.put_code(0x30, 8);
            }
        }
        remaining -= piece;
    }
    bits.put_code(0, 7); // end of block
    if bits.count > 0 {
        bits.put(0, 8 - bits.count);
    }
    let (a, b) = (1u64, len % 65_521); // Adler-32 of zeros: a stays 1, b grows by 1 a byte.
    bits.out.extend_from_slice(&(((b << 16) | a) as u32).to_be_bytes());
    bits.out
}

fn png_bomb(side: u32) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // 1-bit greyscale
    let row_bytes = u64::from(side).div_ceil(8) + 1;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(b"IDAT", &zlib_of_zeros(row_bytes * u64::from(side))));
    png.extend(png_chunk(b"IEND", b""));
    png
}

#[test]
fn the_bomb_generator_makes_a_valid_png() {
    // The same construction at a decodable size must decode to an all-black picture.
    let small_bomb = png_bomb(1000);
    let decoded = image::load_from_memory(&small_bomb).expect("small bomb decodes").to_luma8();
    assert_eq!(decoded.dimensions(), (1000, 1000));
    assert!(decoded.pixels().all(|p| p[0] == 0));
}

#[test]
fn decompression_bomb_is_refused_from_its_header() {
    let bomb = png_bomb(30_000);
    assert!(bomb.len() < 1_000_000, "the bomb file itself is small ({} bytes)", bomb.len());
    let error = assert_refused(&bomb, "too_many_pixels");
    let message = error.to_string();
    assert!(message.contains("30000 x 30000") && message.contains("64 megapixels"), "{message}");
}

#[test]
fn sixteen_bit_png_keeps_its_colours() {
    let image = ImageBuffer::from_fn(40, 20, |x, _| {
        if x < 20 {
            Rgb([65_535u16, 32_896, 0])
        } else {
            Rgb([4_112, 51_400, 65_535])
        }
    });
    let bytes = encode(DynamicImage::ImageRgb16(image), CodecFormat::Png);
    let ingested = ingest(&bytes).expect("a 16-bit PNG ingests");
    assert_eq!(*ingested.image.get_pixel(5, 5), Rgba([255, 128, 0, 255]));
    assert_eq!(*ingested.image.get_pixel(35, 5), Rgba([16, 200, 255, 255]));
}

#[test]
fn palette_grey_and_grey_alpha_pngs_ingest() {
    let grey =
        DynamicImage::ImageLuma8(image::GrayImage::from_fn(30, 30, |x, _| image::Luma([(x * 8) as u8])));
    let ingested = ingest(&encode(grey, CodecFormat::Png)).expect("grey PNG ingests");
    assert_eq!(*ingested.image.get_pixel(10, 3), Rgba([80, 80, 80, 255]));

    let grey_alpha = DynamicImage::ImageLumaA8(ImageBuffer::from_fn(30, 30, |x, _| {
        image::LumaA([200u8, if x < 15 { 0 } else { 255 }])
    }));
    let ingested = ingest(&encode(grey_alpha, CodecFormat::Png)).expect("grey+alpha PNG ingests");
    assert_eq!(ingested.image.get_pixel(3, 3)[3], 0);
    assert_eq!(*ingested.image.get_pixel(20, 3), Rgba([200, 200, 200, 255]));

    // An indexed PNG with a transparent entry, written by hand (the encoder writes only truecolour).
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 1, 8, 3, 0, 0, 0]));
    png.extend(png_chunk(b"PLTE", &[200, 30, 120, 10, 20, 30]));
    png.extend(png_chunk(b"tRNS", &[255, 0]));
    // One row: filter 0, indices 0 and 1; stored (uncompressed) deflate block.
    let row = [0u8, 0, 1];
    let mut zlib = vec![0x78, 0x01, 0x01, 3, 0, !3u8, 0xFF];
    zlib.extend_from_slice(&row);
    let adler = {
        let (mut a, mut b) = (1u32, 0u32);
        for &byte in &row {
            a = (a + u32::from(byte)) % 65_521;
            b = (b + a) % 65_521;
        }
        (b << 16) | a
    };
    zlib.extend_from_slice(&adler.to_be_bytes());
    png.extend(png_chunk(b"IDAT", &zlib));
    png.extend(png_chunk(b"IEND", b""));
    let ingested = ingest(&png).expect("indexed PNG ingests");
    assert_eq!(*ingested.image.get_pixel(0, 0), Rgba([200, 30, 120, 255]));
    assert_eq!(ingested.image.get_pixel(1, 0)[3], 0);
}

fn cmyk_test_jpeg(color: jpeg_encoder::ColorType) -> Vec<u8> {
    // Four bands: cyan, magenta+yellow (red), black at half, no ink (white). C, M, Y, K with 255 = full ink.
    let bands: [[u8; 4]; 4] = [[255, 0, 0, 0], [0, 255, 255, 0], [0, 0, 0, 128], [0, 0, 0, 0]];
    let (width, height) = (64u16, 16u16);
    let mut data = Vec::new();
    for _ in 0..height {
        for x in 0..width {
            data.extend_from_slice(&bands[usize::from(x / 16)]);
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 95).encode(&data, width, height, color).expect("CMYK JPEG encodes");
    out
}

#[test]
fn cmyk_jpeg_comes_out_in_the_right_colours() {
    for color in [jpeg_encoder::ColorType::Cmyk, jpeg_encoder::ColorType::CmykAsYcck] {
        let ingested = ingest(&cmyk_test_jpeg(color)).expect("a CMYK JPEG ingests");
        let at = |x| ingested.image.get_pixel(x, 8).0;
        let close = |got: [u8; 4], want: [u8; 3]| (0..3).all(|c| got[c].abs_diff(want[c]) <= 12);
        assert!(close(at(8), [0, 255, 255]), "{color:?}: cyan came out {:?}", at(8));
        assert!(close(at(24), [255, 0, 0]), "{color:?}: red came out {:?}", at(24));
        assert!(close(at(40), [127, 127, 127]), "{color:?}: half black came out {:?}", at(40));
        assert!(close(at(56), [255, 255, 255]), "{color:?}: paper came out {:?}", at(56));
    }
}

#[test]
fn animated_gif_gives_its_first_frame() {
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        encoder.set_repeat(image::codecs::gif::Repeat::Infinite).expect("repeat");
        let frame = |color: Rgba<u8>| {
            Frame::from_parts(RgbaImage::from_pixel(24, 24, color), 0, 0, Delay::from_numer_denom_ms(100, 1))
        };
        encoder
            .encode_frames(vec![frame(Rgba([230, 30, 30, 255])), frame(Rgba([30, 30, 230, 255]))])
            .expect("animated GIF encodes");
    }
    let ingested = ingest(&bytes).expect("an animated GIF ingests");
    assert_eq!(ingested.format, ImageFormat::Gif);
    assert!(
        is_red(*ingested.image.get_pixel(12, 12)),
        "not the first frame: {:?}",
        ingested.image.get_pixel(12, 12)
    );
}

#[test]
fn other_accepted_formats_ingest() {
    let source = DynamicImage::ImageRgb8(marked_landscape());
    for (format, expected) in [
        (CodecFormat::Bmp, ImageFormat::Bmp),
        (CodecFormat::Tiff, ImageFormat::Tiff),
        (CodecFormat::WebP, ImageFormat::Webp),
        (CodecFormat::Gif, ImageFormat::Gif),
    ] {
        let ingested =
            ingest(&encode(source.clone(), format)).unwrap_or_else(|error| panic!("{format:?}: {error}"));
        assert_eq!(ingested.format, expected);
        assert_eq!(ingested.image.dimensions(), (64, 32));
        assert_eq!(red_corner(&ingested.image), vec![0], "{format:?}");
    }
}

#[test]
fn large_pictures_are_shrunk_keeping_their_shape() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy_rgb(3000, 1000)), CodecFormat::Png);
    let ingested = ingest(&bytes).expect("ingests");
    assert_eq!(ingested.image.dimensions(), (2048, 683));
    let limits = IngestLimits { max_long_side: 500, ..IngestLimits::default() };
    let smaller = ingest_bytes(&bytes, &limits).expect("ingests");
    assert_eq!(smaller.image.dimensions(), (500, 167));
    let thumbnail = image::load_from_memory(&smaller.thumbnail_jpeg).expect("thumbnail decodes");
    assert_eq!(thumbnail.dimensions(), (320, 107));
}
