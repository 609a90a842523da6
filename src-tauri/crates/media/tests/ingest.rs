//! Ingest against the real fixture drawings and a corpus of bad files generated at run time.

mod common;

use std::io::Cursor;

use hostile_files::{corpus, gif, jpeg, marked, noisy, png, webp, Expect};
use image::{DynamicImage, GenericImageView, ImageFormat as CodecFormat, RgbImage, Rgba, RgbaImage};
use media::{ingest_bytes, upright_size, IngestError, IngestLimits, Ingested};
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

fn is_red(pixel: Rgba<u8>) -> bool {
    pixel[0] > 170 && pixel[1] < 90 && pixel[2] < 90
}

/// Which corner (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left) holds the red mark.
fn red_corner(image: &RgbaImage) -> Vec<usize> {
    let (w, h) = image.dimensions();
    let probes = [(4, 4), (w - 5, 4), (w - 5, h - 5), (4, h - 5)];
    probes.iter().enumerate().filter(|(_, &(x, y))| is_red(*image.get_pixel(x, y))).map(|(i, _)| i).collect()
}

fn assert_no_metadata(ingested: &Ingested) {
    let chunk = hostile_files::inspect::png_metadata_chunk(&ingested.normalized_png);
    assert_eq!(chunk, None, "the normalized PNG carries metadata");
    let segment = hostile_files::inspect::jpeg_metadata_segment(&ingested.thumbnail_jpeg);
    assert_eq!(segment, None, "the thumbnail carries an APP or comment segment");
}

fn jpeg_with_orientation(image: &RgbImage, orientation: u16) -> Vec<u8> {
    jpeg::with_segments(&jpeg::encode(image), &[jpeg::exif_app1(Some(orientation), true)])
}

fn marked_landscape() -> RgbImage {
    marked(64, 32)
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
    let bytes = png::with_chunks_after_header(
        &plain,
        &[
            png::chunk(b"tEXt", b"Comment\0taken at 12 Oak Street"),
            png::chunk(b"iTXt", b"Author\0\0\0\0\0A parent"),
            png::chunk(b"eXIf", &jpeg::exif_tiff(Some(1), true)),
        ],
    );
    let chunks = png::chunk_names(&bytes);
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
    let bytes = encode(DynamicImage::ImageRgb8(noisy(300, 300)), CodecFormat::Png);
    let limits = IngestLimits { max_file_bytes: 50_000, ..IngestLimits::default() };
    let error = ingest_bytes(&bytes, &limits).expect_err("over the size limit");
    assert_eq!(error.code(), "file_too_large");
    assert_plain_message(&error);
}

#[test]
fn truncated_png_is_refused() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy(200, 200)), CodecFormat::Png);
    for cut in [bytes.len() / 2, bytes.len() - 20, 40] {
        let error = assert_refused(&bytes[..cut], "truncated_image");
        assert!(error.to_string().contains("cut off"), "{error}");
    }
}

#[test]
fn truncated_jpeg_is_refused_not_painted_grey() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy(200, 200)), CodecFormat::Jpeg);
    for cut in [bytes.len() * 6 / 10, bytes.len() - 2, 700] {
        assert_refused(&bytes[..cut], "truncated_image");
    }
}

#[test]
fn a_damaged_png_is_refused() {
    let mut bytes = encode(DynamicImage::ImageRgb8(noisy(64, 64)), CodecFormat::Png);
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

#[test]
fn decompression_bomb_is_refused_from_its_header() {
    let bomb = png::zeros(30_000, 30_000);
    assert!(bomb.len() < 1_000_000, "the bomb file itself is small ({} bytes)", bomb.len());
    let error = assert_refused(&bomb, "too_many_pixels");
    let message = error.to_string();
    assert!(message.contains("far bigger than the app can safely open"), "{message}");
    assert!(!message.contains("pixels"), "no sizes a parent would have to work out: {message}");
}

#[test]
fn sixteen_bit_png_keeps_its_colours() {
    let bytes = encode(DynamicImage::ImageRgb16(corpus::deep_colour()), CodecFormat::Png);
    let ingested = ingest(&bytes).expect("a 16-bit PNG ingests");
    assert_eq!(*ingested.image.get_pixel(5, 5), Rgba([255, 128, 0, 255]));
    assert_eq!(*ingested.image.get_pixel(50, 5), Rgba([16, 200, 255, 255]));
}

#[test]
fn palette_grey_and_grey_alpha_pngs_ingest() {
    let grey =
        DynamicImage::ImageLuma8(image::GrayImage::from_fn(64, 32, |x, _| image::Luma([(x * 4) as u8])));
    let ingested = ingest(&encode(grey, CodecFormat::Png)).expect("grey PNG ingests");
    assert_eq!(*ingested.image.get_pixel(20, 3), Rgba([80, 80, 80, 255]));

    let grey_alpha = DynamicImage::ImageLumaA8(image::ImageBuffer::from_fn(64, 32, |x, _| {
        image::LumaA([200u8, if x < 32 { 0 } else { 255 }])
    }));
    let ingested = ingest(&encode(grey_alpha, CodecFormat::Png)).expect("grey+alpha PNG ingests");
    assert_eq!(ingested.image.get_pixel(3, 3)[3], 0);
    assert_eq!(*ingested.image.get_pixel(40, 3), Rgba([200, 200, 200, 255]));

    // An indexed PNG with a transparent entry, written by hand (the encoder writes only truecolour).
    let ingested = ingest(&corpus::indexed_with_transparency()).expect("indexed PNG ingests");
    assert_eq!(*ingested.image.get_pixel(0, 0), Rgba([200, 30, 120, 255]));
    assert_eq!(ingested.image.get_pixel(40, 0)[3], 0);
}

/// The four bands of `jpeg::cmyk_bands` and friends, read at their centres on row 8.
fn assert_cmyk_bands(image: &RgbaImage, what: &str) {
    let at = |x| image.get_pixel(x, 8).0;
    let close = |got: [u8; 4], want: [u8; 3]| (0..3).all(|c| got[c].abs_diff(want[c]) <= 12);
    assert!(close(at(8), [0, 255, 255]), "{what}: cyan came out {:?}", at(8));
    assert!(close(at(24), [255, 0, 0]), "{what}: red came out {:?}", at(24));
    assert!(close(at(40), [127, 127, 127]), "{what}: half black came out {:?}", at(40));
    assert!(close(at(56), [255, 255, 255]), "{what}: paper came out {:?}", at(56));
}

#[test]
fn cmyk_jpeg_and_tiff_come_out_in_the_right_colours() {
    for ycck in [false, true] {
        let ingested = ingest(&jpeg::cmyk_bands(64, 32, ycck)).expect("a CMYK JPEG ingests");
        assert_cmyk_bands(&ingested.image, if ycck { "YCCK JPEG" } else { "CMYK JPEG" });
    }
    let tiff = corpus().into_iter().find(|case| case.name == "cmyk.tif").expect("the CMYK TIFF case");
    let ingested = ingest(&tiff.bytes()).expect("a CMYK TIFF ingests");
    assert_cmyk_bands(&ingested.image, "CMYK TIFF");
}

#[test]
fn animated_files_give_their_first_frame() {
    let red = Rgba([230, 30, 30, 255]);
    let blue = Rgba([30, 30, 230, 255]);
    let frames = [RgbaImage::from_pixel(64, 64, red), RgbaImage::from_pixel(64, 64, blue)];
    for (what, bytes, format) in [
        ("GIF", gif::animated(frames.to_vec()), ImageFormat::Gif),
        ("WebP", webp::animated(&frames), ImageFormat::Webp),
        ("PNG", corpus::apng(&frames[0], &frames[1]), ImageFormat::Png),
    ] {
        let ingested = ingest(&bytes).unwrap_or_else(|error| panic!("an animated {what} ingests: {error}"));
        assert_eq!(ingested.format, format);
        let middle = *ingested.image.get_pixel(32, 32);
        assert!(is_red(middle), "{what}: not the first frame: {middle:?}");
    }
}

#[test]
fn invalid_exif_orientations_leave_the_picture_as_stored() {
    for orientation in [0, 9, 65_535] {
        let ingested = ingest(&jpeg_with_orientation(&marked_landscape(), orientation))
            .unwrap_or_else(|error| panic!("orientation {orientation}: {error}"));
        assert_eq!(ingested.image.dimensions(), (64, 32), "orientation {orientation}");
        assert_eq!(red_corner(&ingested.image), vec![0], "orientation {orientation}");
        assert_eq!((ingested.source_width, ingested.source_height), (64, 32));
    }
}

#[test]
fn a_progressive_jpeg_ingests_upright() {
    let ingested = ingest(&jpeg::progressive(&marked(96, 64))).expect("a progressive JPEG ingests");
    assert_eq!(ingested.image.dimensions(), (96, 64));
    assert_eq!(red_corner(&ingested.image), vec![0]);
}

#[test]
fn every_light_case_of_the_hostile_corpus_gets_its_answer() {
    let cases: Vec<_> =
        corpus().into_iter().filter(|case| case.weight == hostile_files::Weight::Light).collect();
    assert!(cases.len() >= 40, "the corpus has {} light cases", cases.len());
    let mut wrong = Vec::new();
    for case in cases {
        let bytes = case.bytes();
        match (case.expect, ingest(&bytes)) {
            (Expect::Accepted { width, height }, Ok(ingested)) => {
                assert_eq!(ingested.image.dimensions(), (width, height), "{case:?}");
                assert_no_metadata(&ingested);
                assert!(
                    !hostile_files::inspect::contains(&ingested.normalized_png, hostile_files::HOME_MARKER),
                    "{case:?}: the home's address survived"
                );
            }
            (Expect::Refused(code), Err(error)) if error.code() == code => assert_plain_message(&error),
            (expect, Ok(ingested)) => wrong.push(format!(
                "{case:?}: expected {expect:?}, got a {:?} picture",
                ingested.image.dimensions()
            )),
            (expect, Err(error)) => {
                wrong.push(format!("{case:?}: expected {expect:?}, got {}: {error}", error.code()))
            }
        }
    }
    assert!(wrong.is_empty(), "wrong answers:\n{}", wrong.join("\n"));
}

#[test]
fn a_picture_whose_memory_plan_is_over_the_budget_is_refused_before_decoding() {
    let bytes = encode(DynamicImage::ImageRgb8(noisy(3000, 2000)), CodecFormat::Png);
    assert!(ingest(&bytes).is_ok(), "fits the default budget");
    let tight = IngestLimits { max_memory_bytes: 20 * 1024 * 1024, ..IngestLimits::default() };
    let error = ingest_bytes(&bytes, &tight).expect_err("18 MB of pixels and the file don't fit in 20 MiB");
    assert_eq!(error.code(), "too_many_pixels");
    assert_plain_message(&error);
}

#[test]
fn the_upright_size_is_read_from_the_header_and_the_exif_turn() {
    let garlic = common::read_drawing("garlic-photo.png");
    assert_eq!(upright_size(&garlic, &IngestLimits::default()).expect("a JPEG"), (3024, 4032));
    let pig = common::read_drawing("pig.png");
    assert_eq!(upright_size(&pig, &IngestLimits::default()).expect("a PNG"), (600, 450));
    let turned = jpeg_with_orientation(&marked_landscape(), 8);
    assert_eq!(upright_size(&turned, &IngestLimits::default()).expect("a JPEG"), (32, 64));
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
    let bytes = encode(DynamicImage::ImageRgb8(noisy(3000, 1000)), CodecFormat::Png);
    let ingested = ingest(&bytes).expect("ingests");
    assert_eq!(ingested.image.dimensions(), (2048, 683));
    let limits = IngestLimits { max_long_side: 500, ..IngestLimits::default() };
    let smaller = ingest_bytes(&bytes, &limits).expect("ingests");
    assert_eq!(smaller.image.dimensions(), (500, 167));
    let thumbnail = image::load_from_memory(&smaller.thumbnail_jpeg).expect("thumbnail decodes");
    assert_eq!(thumbnail.dimensions(), (320, 107));
}
