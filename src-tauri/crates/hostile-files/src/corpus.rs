//! The cases: a file name (with the extension a parent's file would have), what the file is, and
//! the answer ingest must give. Bytes are made on demand, so the big cases cost nothing until a
//! caller asks for them.

use image::{DynamicImage, ImageBuffer, Rgb, RgbImage, Rgba, RgbaImage};

use crate::{gif, jpeg, marked, noisy, png, tiff, webp, HOME_MARKER};

/// The answer ingest must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Stored, upright, at this size (after fitting the long side into 2048 pixels).
    Accepted { width: u32, height: u32 },
    /// Refused with this code, and nothing stored.
    Refused(&'static str),
}

/// How much a case costs to make and to ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Small and quick: every test runs it.
    Light,
    /// Near the memory budget, large to make and to ingest: the memory benchmark and the test
    /// of the real binary run it.
    Heavy,
}

pub struct Case {
    pub name: &'static str,
    pub what: &'static str,
    pub expect: Expect,
    pub weight: Weight,
    make: Box<dyn Fn() -> Vec<u8> + Send + Sync>,
}

impl Case {
    /// The file's bytes, made now.
    pub fn bytes(&self) -> Vec<u8> {
        (self.make)()
    }
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.what)
    }
}

const MIB: usize = 1024 * 1024;
/// A little more metadata than any decoder may keep while reading a header (16 MiB).
const FLOOD: usize = 17 * MIB;
/// Inflated size of the compressed-metadata bombs.
const GIB: u64 = 1024 * 1024 * 1024;

fn accepted(width: u32, height: u32) -> Expect {
    Expect::Accepted { width, height }
}

fn case(
    name: &'static str,
    what: &'static str,
    expect: Expect,
    make: impl Fn() -> Vec<u8> + Send + Sync + 'static,
) -> Case {
    Case { name, what, expect, weight: Weight::Light, make: Box::new(make) }
}

fn heavy(
    name: &'static str,
    what: &'static str,
    expect: Expect,
    make: impl Fn() -> Vec<u8> + Send + Sync + 'static,
) -> Case {
    Case { name, what, expect, weight: Weight::Heavy, make: Box::new(make) }
}

/// Every case, light and heavy.
pub fn corpus() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(truncated());
    cases.extend(not_pictures());
    cases.extend(damaged());
    cases.extend(pixel_bombs());
    cases.extend(metadata_bombs());
    cases.extend(shapes());
    cases.extend(unusual_but_fine());
    cases.extend(orientation_and_gps());
    cases.extend(near_the_budget());
    cases
}

fn marked_png() -> Vec<u8> {
    png::encode(DynamicImage::ImageRgb8(marked(64, 32)))
}

fn cut(bytes: Vec<u8>, keep: usize) -> Vec<u8> {
    bytes[..keep.min(bytes.len())].to_vec()
}

fn half(bytes: Vec<u8>) -> Vec<u8> {
    let len = bytes.len();
    cut(bytes, len / 2)
}

fn truncated() -> Vec<Case> {
    let refused = Expect::Refused("truncated_image");
    vec![
        case("cut-off.png", "a PNG cut in half", refused, || {
            half(png::encode(DynamicImage::ImageRgb8(noisy(200, 200))))
        }),
        case("cut-header.png", "a PNG cut inside its header", refused, || cut(marked_png(), 40)),
        case("cut-off.jpg", "a JPEG cut before its end marker", refused, || {
            half(jpeg::encode(&noisy(200, 200)))
        }),
        case("cut-off.gif", "a GIF cut inside its first frame", refused, || {
            half(gif::animated(vec![DynamicImage::ImageRgb8(noisy(200, 200)).into_rgba8()]))
        }),
        case("cut-off.webp", "a WebP cut in half", refused, || {
            half(webp::encode(DynamicImage::ImageRgb8(noisy(200, 200))))
        }),
        case("cut-off.tif", "a TIFF whose strip ends early", refused, || half(tiff::rgb8(&noisy(200, 200)))),
        case("cut-off.bmp", "a BMP cut in half", refused, || {
            half(encode(DynamicImage::ImageRgb8(noisy(200, 200)), image::ImageFormat::Bmp))
        }),
    ]
}

fn encode(image: DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, format).expect("encoding a test picture");
    out.into_inner()
}

fn not_pictures() -> Vec<Case> {
    let refused = Expect::Refused("unsupported_format");
    vec![
        case("empty.png", "an empty file", Expect::Refused("empty_file"), Vec::new),
        case("note.png", "a text file named .png", refused, || {
            b"Dear teacher, here is the drawing from class.\n".to_vec()
        }),
        case("page.jpg", "a web page named .jpg", refused, || {
            b"<!DOCTYPE html>\n<html><body><img src=\"drawing.jpg\"></body></html>\n".to_vec()
        }),
        case("vector.png", "an SVG drawing named .png", refused, || {
            br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle cx="50" cy="50" r="40"/></svg>"#.to_vec()
        }),
        case("scan.jpg", "a PDF named .jpg", refused, || {
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
        }),
        case("photos.png", "a zip archive named .png", refused, || {
            let mut zip = b"PK\x03\x04\x14\0\0\0\0\0".to_vec();
            zip.extend_from_slice(&[0; 20]);
            zip.extend_from_slice(b"drawing.png");
            zip
        }),
        case("noise.png", "random bytes named .png", refused, || {
            (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 0x80).collect()
        }),
        case("photo.heic", "an iPhone HEIC photo", Expect::Refused("heic_unsupported"), || {
            let mut heic = 24u32.to_be_bytes().to_vec();
            heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
            heic.extend_from_slice(&16u32.to_be_bytes());
            heic.extend_from_slice(b"meta\0\0\0\0\0\0\0\0");
            heic
        }),
        case("photo.avif", "an AVIF picture", refused, || {
            let mut avif = 28u32.to_be_bytes().to_vec();
            avif.extend_from_slice(b"ftypavif\0\0\0\0avifmif1miaf");
            avif
        }),
    ]
}

fn damaged() -> Vec<Case> {
    let refused = Expect::Refused("corrupt_image");
    vec![
        case("bad-crc.png", "a PNG whose header checksum is wrong", refused, || {
            let mut bytes = marked_png();
            bytes[png::AFTER_IHDR - 1] ^= 0xFF;
            bytes
        }),
        case("scrambled.png", "a PNG with scrambled compressed data", refused, || {
            let mut bytes = png::encode(DynamicImage::ImageRgb8(noisy(64, 64)));
            let middle = bytes.len() / 2;
            for byte in &mut bytes[middle..middle + 40] {
                *byte ^= 0x5A;
            }
            bytes
        }),
        case(
            "lying-length.png",
            "a PNG chunk claiming two gigabytes",
            Expect::Refused("truncated_image"),
            || {
                let mut bytes = marked_png();
                bytes[png::AFTER_IHDR..png::AFTER_IHDR + 4].copy_from_slice(&0x7FFF_FFF0u32.to_be_bytes());
                bytes
            },
        ),
        case("no-frame.jpg", "a JPEG with no picture in it", refused, || {
            let mut bytes = vec![0xFF, 0xD8];
            bytes.extend(jpeg::segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
            bytes.extend_from_slice(&[0xFF, 0xD9]);
            bytes
        }),
        case("bad-lzw.gif", "a GIF whose compressed data can't be unpacked", refused, || {
            let mut bytes = gif::frame_on_screen((64, 32), (64, 32));
            // After the header, screen, frame descriptor and two-colour table comes the LZW
            // minimum code size; 12 is out of range.
            bytes[6 + 7 + 10 + 6] = 12;
            bytes
        }),
    ]
}

fn pixel_bombs() -> Vec<Case> {
    let refused = Expect::Refused("too_many_pixels");
    vec![
        case("bomb.png", "a 30000 x 30000 PNG of zeros in a few hundred kilobytes", refused, || {
            png::zeros(30_000, 30_000)
        }),
        case("giant-header.png", "a PNG header claiming 2147483647 x 2147483647", refused, || {
            let mut bytes = png::SIGNATURE.to_vec();
            bytes.extend(png::ihdr(0x7FFF_FFFF, 0x7FFF_FFFF, 8, 2));
            bytes.extend(png::chunk(b"IDAT", &png::zlib_stored(&[0; 64])));
            bytes.extend(png::chunk(b"IEND", b""));
            bytes
        }),
        case("bomb.jpg", "a JPEG header claiming 65535 x 65535", refused, || jpeg::claiming(65_535, 65_535)),
        case("bomb.gif", "a GIF screen of 65535 x 65535", refused, || {
            gif::frame_on_screen((65_535, 65_535), (64, 32))
        }),
        case("frame-bomb.gif", "a small GIF screen with a 60000 x 60000 frame", refused, || {
            gif::frame_on_screen((100, 100), (60_000, 60_000))
        }),
        case("bomb.webp", "a WebP header claiming 16000 x 16000", refused, || webp::claiming(16_000, 16_000)),
        case("bomb.tif", "a TIFF claiming 100000 x 100000", refused, || {
            let layout = tiff::Layout {
                width: 100_000,
                height: 100_000,
                samples: 3,
                bits: 8,
                photometric: tiff::RGB,
                alpha: false,
            };
            tiff::write(layout, &[0; 300], &[])
        }),
        case("bomb.bmp", "a BMP header claiming 50000 x 50000", refused, || {
            let mut bytes = encode(DynamicImage::ImageRgb8(marked(64, 32)), image::ImageFormat::Bmp);
            bytes[18..22].copy_from_slice(&50_000i32.to_le_bytes());
            bytes[22..26].copy_from_slice(&50_000i32.to_le_bytes());
            bytes
        }),
    ]
}

fn metadata_bombs() -> Vec<Case> {
    let oversized = Expect::Refused("oversized_metadata");
    let marked_size = accepted(64, 32);
    vec![
        case(
            "iccp-bomb.png",
            "a PNG colour profile inflating to 1 GiB (dropped at 16 MiB)",
            marked_size,
            || {
                let mut data = b"bomb\0\0".to_vec();
                data.extend(png::zlib_of_zeros(GIB));
                png::with_chunks_after_header(&marked_png(), &[png::chunk(b"iCCP", &data)])
            },
        ),
        case("ztxt-bomb.png", "a PNG note inflating to 1 GiB (never inflated)", marked_size, || {
            let mut data = b"Comment\0\0".to_vec();
            data.extend(png::zlib_of_zeros(GIB));
            png::with_chunks_after_header(&marked_png(), &[png::chunk(b"zTXt", &data)])
        }),
        case(
            "itxt-bomb.png",
            "a PNG international note inflating to 1 GiB (never inflated)",
            marked_size,
            || {
                let mut data = b"Comment\0\x01\0en\0Comment\0".to_vec();
                data.extend(png::zlib_of_zeros(GIB));
                png::with_chunks_after_header(&marked_png(), &[png::chunk(b"iTXt", &data)])
            },
        ),
        case("text-flood.png", "a PNG with 17 MiB of notes", oversized, || {
            let note = [b"Comment\0".as_slice(), &[b'x'; 16 * 1024]].concat();
            let chunks = vec![png::chunk(b"tEXt", &note); FLOOD / note.len() + 1];
            png::with_chunks_after_header(&marked_png(), &chunks)
        }),
        case("exif-flood.png", "a PNG with 17 MiB of EXIF", oversized, || {
            let mut exif = jpeg::exif_tiff(Some(6), true);
            exif.resize(FLOOD, 0);
            png::with_chunks_after_header(&marked_png(), &[png::chunk(b"eXIf", &exif)])
        }),
        case(
            "exif-large.png",
            "a PNG with 1 MiB of EXIF saying \"turn\" (no camera writes that much)",
            marked_size,
            || {
                let mut exif = jpeg::exif_tiff(Some(6), false);
                exif.resize(MIB, 0);
                png::with_chunks_after_header(&marked_png(), &[png::chunk(b"eXIf", &exif)])
            },
        ),
        case("many-chunks.png", "a PNG with 100000 unknown empty chunks", marked_size, || {
            png::with_chunks_after_header(&marked_png(), &vec![png::chunk(b"ntHg", b""); 100_000])
        }),
        case("exif-flood.jpg", "a JPEG with 300 EXIF segments (19 MiB)", oversized, || {
            let mut exif = b"Exif\0\0".to_vec();
            exif.extend(jpeg::exif_tiff(Some(1), true));
            exif.resize(65_000, 0);
            jpeg::with_segments(&jpeg::encode(&marked(64, 32)), &vec![jpeg::segment(0xE1, &exif); 300])
        }),
        case("icc-flood.jpg", "a JPEG with a 19 MiB colour profile in 300 pieces", oversized, || {
            let segments: Vec<Vec<u8>> = (1..=300u16)
                .map(|i| {
                    let mut payload = b"ICC_PROFILE\0".to_vec();
                    payload.extend_from_slice(&[(i % 255) as u8 + 1, 255]);
                    payload.resize(65_000, 0);
                    jpeg::segment(0xE2, &payload)
                })
                .collect();
            jpeg::with_segments(&jpeg::encode(&marked(64, 32)), &segments)
        }),
        case("exif-flood.webp", "a WebP with 17 MiB of EXIF (never read)", marked_size, || {
            let mut exif = jpeg::exif_tiff(Some(6), true);
            exif.resize(FLOOD, 0);
            webp::with_exif(&DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8(), &exif)
        }),
        case("icc-flood.webp", "a WebP with a 17 MiB colour profile (never read)", marked_size, || {
            webp::with_icc(&DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8(), &vec![0x41; FLOOD])
        }),
        case("comment-flood.gif", "a GIF with 17 MiB of comments", marked_size, || {
            gif::with_comment(
                &gif::animated(vec![DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8()]),
                FLOOD,
            )
        }),
        case("tag-flood.tif", "a TIFF whose sample-format entry lists two million values", oversized, || {
            let layout = tiff::Layout {
                width: 64,
                height: 32,
                samples: 3,
                bits: 8,
                photometric: tiff::RGB,
                alpha: false,
            };
            tiff::write(layout, &marked(64, 32).into_raw(), &[tiff::Entry::shorts(339, &vec![1; 2_000_000])])
        }),
        case(
            "lying-tag.tif",
            "a TIFF description claiming a gigabyte past the end (never read)",
            marked_size,
            || {
                let layout = tiff::Layout {
                    width: 64,
                    height: 32,
                    samples: 3,
                    bits: 8,
                    photometric: tiff::RGB,
                    alpha: false,
                };
                tiff::write(
                    layout,
                    &marked(64, 32).into_raw(),
                    &[tiff::Entry::lying(270, tiff::ASCII, 0x4000_0000, 0x7000_0000)],
                )
            },
        ),
    ]
}

fn shapes() -> Vec<Case> {
    let small = Expect::Refused("too_small");
    let extreme = Expect::Refused("extreme_shape");
    let grey = |width, height| {
        png::encode(DynamicImage::ImageRgb8(RgbImage::from_pixel(width, height, Rgb([200, 200, 200]))))
    };
    vec![
        case("one-pixel.png", "a 1 x 1 PNG", small, move || grey(1, 1)),
        case("one-pixel.gif", "a 1 x 1 GIF", small, || {
            gif::animated(vec![RgbaImage::from_pixel(1, 1, Rgba([0, 0, 0, 255]))])
        }),
        case("icon.png", "a 48 x 48 icon", small, move || grey(48, 48)),
        case("thin.png", "a 100 x 31 picture", small, move || grey(100, 31)),
        case("smallest.png", "a 64 x 32 picture, the smallest taken", accepted(64, 32), move || grey(64, 32)),
        case("line.png", "a 64000000 x 1 PNG, inside the pixel budget", extreme, || {
            png::zeros(64_000_000, 1)
        }),
        case("strip-21.png", "a 2100 x 100 strip (21:1)", extreme, move || grey(2100, 100)),
        case("tower-21.png", "a 100 x 2100 tower (1:21)", extreme, move || grey(100, 2100)),
        case("strip-20.png", "a 2000 x 100 strip (20:1), still a drawing", accepted(2000, 100), move || {
            grey(2000, 100)
        }),
        case("panorama.png", "a 6000 x 300 panorama (20:1), shrunk", accepted(2048, 102), move || {
            grey(6000, 300)
        }),
    ]
}

fn unusual_but_fine() -> Vec<Case> {
    let red = Rgba([230, 30, 30, 255]);
    let blue = Rgba([30, 30, 230, 255]);
    vec![
        case("deep-colour.png", "a 16-bit RGB PNG", accepted(64, 32), || {
            png::encode(DynamicImage::ImageRgb16(deep_colour()))
        }),
        case("deep-colour-alpha.png", "a 16-bit RGBA PNG", accepted(64, 32), || {
            png::encode(DynamicImage::ImageRgba16(DynamicImage::ImageRgb16(deep_colour()).into_rgba16()))
        }),
        case("deep-colour.tif", "a 16-bit RGB TIFF", accepted(64, 32), || {
            let pixels: Vec<u8> = deep_colour().into_raw().iter().flat_map(|v| v.to_le_bytes()).collect();
            let layout = tiff::Layout {
                width: 64,
                height: 32,
                samples: 3,
                bits: 16,
                photometric: tiff::RGB,
                alpha: false,
            };
            tiff::write(layout, &pixels, &[])
        }),
        case("cmyk.jpg", "a CMYK JPEG", accepted(64, 32), || jpeg::cmyk_bands(64, 32, false)),
        case("ycck.jpg", "a YCCK (Adobe CMYK) JPEG", accepted(64, 32), || jpeg::cmyk_bands(64, 32, true)),
        case("cmyk.tif", "a CMYK TIFF", accepted(64, 32), || {
            let bands: [[u8; 4]; 4] = [[255, 0, 0, 0], [0, 255, 255, 0], [0, 0, 0, 128], [0, 0, 0, 0]];
            let pixels: Vec<u8> =
                (0..32).flat_map(|_| (0..64usize).flat_map(move |x| bands[x / 16])).collect();
            let layout = tiff::Layout {
                width: 64,
                height: 32,
                samples: 4,
                bits: 8,
                photometric: tiff::CMYK,
                alpha: false,
            };
            tiff::write(layout, &pixels, &[])
        }),
        case(
            "indexed.png",
            "a palette PNG with a transparent colour",
            accepted(64, 32),
            indexed_with_transparency,
        ),
        case("transparent.gif", "a GIF, half transparent", accepted(64, 32), move || {
            gif::animated(vec![gif::half_transparent(64, 32, red)])
        }),
        case("animated.gif", "an animated GIF, red then blue", accepted(64, 64), move || {
            gif::animated(vec![RgbaImage::from_pixel(64, 64, red), RgbaImage::from_pixel(64, 64, blue)])
        }),
        case("animated.webp", "an animated WebP, red then blue", accepted(64, 64), move || {
            webp::animated(&[RgbaImage::from_pixel(64, 64, red), RgbaImage::from_pixel(64, 64, blue)])
        }),
        case("animated.png", "an animated PNG, red then blue", accepted(64, 64), move || {
            apng(&RgbaImage::from_pixel(64, 64, red), &RgbaImage::from_pixel(64, 64, blue))
        }),
        case("progressive.jpg", "a progressive JPEG", accepted(96, 64), || {
            jpeg::progressive(&marked(96, 64))
        }),
        case("trailing.png", "a PNG followed by 1 MiB of other bytes", accepted(64, 32), || {
            [marked_png(), vec![0x5A; MIB]].concat()
        }),
        case("trailing.jpg", "a JPEG followed by other bytes", accepted(64, 32), || {
            [jpeg::encode(&marked(64, 32)), b"\xFF\xD8 a second picture's start, then junk".to_vec()].concat()
        }),
        case("trailing.gif", "a GIF followed by other bytes", accepted(64, 32), || {
            [gif::animated(vec![DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8()]), vec![0x21; 4096]]
                .concat()
        }),
    ]
}

/// Orange on the left, sky blue on the right, in 16 bits a channel.
pub fn deep_colour() -> ImageBuffer<Rgb<u16>, Vec<u16>> {
    ImageBuffer::from_fn(64, 32, |x, _| {
        if x < 32 {
            Rgb([65_535u16, 32_896, 0])
        } else {
            Rgb([4_112, 51_400, 65_535])
        }
    })
}

/// A 64 x 32 indexed PNG: left half colour 0 (opaque pink), right half colour 1 (transparent).
pub fn indexed_with_transparency() -> Vec<u8> {
    let mut bytes = png::SIGNATURE.to_vec();
    bytes.extend(png::ihdr(64, 32, 8, 3));
    bytes.extend(png::chunk(b"PLTE", &[200, 30, 120, 10, 20, 30]));
    bytes.extend(png::chunk(b"tRNS", &[255, 0]));
    let row: Vec<u8> = std::iter::once(0).chain((0..64).map(|x| u8::from(x >= 32))).collect();
    bytes.extend(png::chunk(b"IDAT", &png::zlib_stored(&row.repeat(32))));
    bytes.extend(png::chunk(b"IEND", b""));
    bytes
}

/// An animated PNG whose default picture (and first frame) is `first`.
pub fn apng(first: &RgbaImage, second: &RgbaImage) -> Vec<u8> {
    fn idat_data(png_bytes: &[u8]) -> Vec<u8> {
        let mut data = Vec::new();
        let mut pos = 8;
        while pos + 8 <= png_bytes.len() {
            let len = u32::from_be_bytes([
                png_bytes[pos],
                png_bytes[pos + 1],
                png_bytes[pos + 2],
                png_bytes[pos + 3],
            ]) as usize;
            if &png_bytes[pos + 4..pos + 8] == b"IDAT" {
                data.extend_from_slice(&png_bytes[pos + 8..pos + 8 + len]);
            }
            pos += 12 + len;
        }
        data
    }
    let frame_control = |sequence: u32, image: &RgbaImage| {
        let mut data = sequence.to_be_bytes().to_vec();
        for value in [image.width(), image.height(), 0, 0] {
            data.extend_from_slice(&value.to_be_bytes());
        }
        data.extend_from_slice(&[0, 1, 0, 10, 0, 0]); // 1/10 s, no disposal, source blend
        png::chunk(b"fcTL", &data)
    };
    let first_png = png::encode(DynamicImage::ImageRgba8(first.clone()));
    let second_png = png::encode(DynamicImage::ImageRgba8(second.clone()));
    let mut bytes = first_png[..png::AFTER_IHDR].to_vec();
    bytes.extend(png::chunk(b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0]));
    bytes.extend(frame_control(0, first));
    bytes.extend(png::chunk(b"IDAT", &idat_data(&first_png)));
    bytes.extend(frame_control(1, second));
    let mut frame_data = 2u32.to_be_bytes().to_vec();
    frame_data.extend(idat_data(&second_png));
    bytes.extend(png::chunk(b"fdAT", &frame_data));
    bytes.extend(png::chunk(b"IEND", b""));
    bytes
}

fn orientation_and_gps() -> Vec<Case> {
    let as_stored = accepted(64, 32);
    let turned = accepted(32, 64);
    let jpeg_with = |orientation: Option<u16>, gps: bool| {
        move || jpeg::with_segments(&jpeg::encode(&marked(64, 32)), &[jpeg::exif_app1(orientation, gps)])
    };
    let mut cases = vec![
        case("orientation-6.jpg", "a JPEG whose EXIF says turn clockwise", turned, jpeg_with(Some(6), false)),
        case(
            "orientation-0.jpg",
            "a JPEG with the invalid EXIF orientation 0",
            as_stored,
            jpeg_with(Some(0), false),
        ),
        case(
            "orientation-9.jpg",
            "a JPEG with the invalid EXIF orientation 9",
            as_stored,
            jpeg_with(Some(9), false),
        ),
        case(
            "orientation-65535.jpg",
            "a JPEG with the invalid EXIF orientation 65535",
            as_stored,
            jpeg_with(Some(65_535), false),
        ),
        case("orientation-8.png", "a PNG whose eXIf says turn counter-clockwise", turned, || {
            png::with_chunks_after_header(
                &marked_png(),
                &[png::chunk(b"eXIf", &jpeg::exif_tiff(Some(8), false))],
            )
        }),
        case("orientation-3.webp", "a WebP whose EXIF says turn upside down", as_stored, || {
            webp::with_exif(
                &DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8(),
                &jpeg::exif_tiff(Some(3), false),
            )
        }),
        case("orientation-6.tif", "a TIFF whose own orientation says turn clockwise", turned, || {
            let layout = tiff::Layout {
                width: 64,
                height: 32,
                samples: 3,
                bits: 8,
                photometric: tiff::RGB,
                alpha: false,
            };
            tiff::write(layout, &marked(64, 32).into_raw(), &[tiff::Entry::shorts(274, &[6])])
        }),
        case("gps.jpg", "a phone JPEG with GPS in its EXIF", as_stored, jpeg_with(Some(1), true)),
        case("gps.png", "a PNG with GPS in its eXIf", as_stored, || {
            png::with_chunks_after_header(
                &marked_png(),
                &[png::chunk(b"eXIf", &jpeg::exif_tiff(Some(1), true))],
            )
        }),
        case("gps.webp", "a WebP with GPS in its EXIF", as_stored, || {
            webp::with_exif(
                &DynamicImage::ImageRgb8(marked(64, 32)).into_rgba8(),
                &jpeg::exif_tiff(Some(1), true),
            )
        }),
    ];
    cases.push(case("gps-comment.png", "a PNG with the family's address in a note", as_stored, || {
        let note = [b"Comment\0".as_slice(), HOME_MARKER].concat();
        png::with_chunks_after_header(&marked_png(), &[png::chunk(b"tEXt", &note)])
    }));
    cases
}

/// A smooth picture (so it compresses to little) of `width` x `height`.
fn smooth(width: u32, height: u32) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, y| {
        Rgba([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) / 64) as u8, 255 - (x / 97) as u8])
    })
}

fn near_the_budget() -> Vec<Case> {
    let refused = Expect::Refused("too_many_pixels");
    let square = accepted(2048, 2048);
    vec![
        heavy("largest-rgba.png", "an 8000 x 8000 RGBA PNG, the largest picture taken", square, || {
            png::encode(DynamicImage::ImageRgba8(smooth(8000, 8000)))
        }),
        heavy("largest.jpg", "an 8000 x 8000 photo-like JPEG of noise", square, || {
            jpeg::encode(&noisy(8000, 8000))
        }),
        heavy("file-at-limit.jpg", "a 6000 x 6000 JPEG filled out to 100 MiB", square, || {
            let mut bytes = jpeg::encode(&noisy(6000, 6000));
            bytes.resize(100 * MIB, 0x5A);
            bytes
        }),
        heavy("large-progressive.jpg", "a 6000 x 6000 progressive JPEG", square, || {
            jpeg::progressive(&noisy(6000, 6000))
        }),
        heavy(
            "largest-progressive.jpg",
            "an 8000 x 8000 progressive JPEG: its coefficients don't fit",
            refused,
            || jpeg::progressive(&noisy(8000, 8000)),
        ),
        heavy("large-deep-colour.png", "a 5000 x 5000 16-bit RGBA PNG", square, || {
            png::encode(DynamicImage::ImageRgba16(DynamicImage::ImageRgba8(smooth(5000, 5000)).into_rgba16()))
        }),
        heavy(
            "largest-deep-colour.png",
            "an 8000 x 8000 16-bit RGBA PNG: too much to convert",
            refused,
            || {
                png::encode(DynamicImage::ImageRgba16(
                    DynamicImage::ImageRgba8(smooth(8000, 8000)).into_rgba16(),
                ))
            },
        ),
        heavy("large-cmyk.tif", "a 5000 x 5000 uncompressed CMYK TIFF (95 MiB)", square, || {
            let layout = tiff::Layout {
                width: 5000,
                height: 5000,
                samples: 4,
                bits: 8,
                photometric: tiff::CMYK,
                alpha: false,
            };
            tiff::write(layout, &smooth(5000, 5000).into_raw(), &[])
        }),
        heavy("large.gif", "a 3500 x 3500 GIF", square, || gif::animated(vec![smooth(3500, 3500)])),
        heavy("large.webp", "a 5000 x 5000 lossless WebP", square, || {
            webp::encode(DynamicImage::ImageRgba8(smooth(5000, 5000)))
        }),
        heavy("largest-grey.bmp", "an 8000 x 8000 8-bit BMP", square, || {
            encode(
                DynamicImage::ImageLuma8(DynamicImage::ImageRgba8(smooth(8000, 8000)).into_luma8()),
                image::ImageFormat::Bmp,
            )
        }),
        heavy("over-limit.png", "a 100 MiB + 1 byte file", Expect::Refused("file_too_large"), || {
            let mut bytes = marked_png();
            bytes.resize(100 * MIB + 1, 0);
            bytes
        }),
    ]
}
