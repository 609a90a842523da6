//! WebP from the real (lossless) encoder, re-wrapped by hand into the extended layout where a
//! file needs animation frames, EXIF or a colour profile, or a header that lies.

use std::io::Cursor;

use image::{DynamicImage, RgbaImage};

/// A lossless WebP from the real encoder.
pub fn encode(image: DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::WebP).expect("encoding a test WebP");
    out.into_inner()
}

/// The `VP8L` chunk (header and data) of a lossless encoding of `image`.
fn vp8l_chunk(image: &RgbaImage) -> Vec<u8> {
    let file = encode(DynamicImage::ImageRgba8(image.clone()));
    assert_eq!(&file[12..16], b"VP8L", "the encoder writes simple lossless files");
    file[12..].to_vec()
}

pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_vec();
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
    out
}

fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
    let body: Vec<u8> = chunks.concat();
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend(body);
    out
}

fn u24(value: u32) -> [u8; 3] {
    let b = value.to_le_bytes();
    [b[0], b[1], b[2]]
}

fn vp8x(flags: u8, width: u32, height: u32) -> Vec<u8> {
    let mut data = vec![flags, 0, 0, 0];
    data.extend_from_slice(&u24(width - 1));
    data.extend_from_slice(&u24(height - 1));
    chunk(b"VP8X", &data)
}

const ALPHA: u8 = 0x10;
const ANIMATION: u8 = 0x02;
const EXIF: u8 = 0x08;
const ICC: u8 = 0x20;

/// An extended WebP of `image` carrying an `EXIF` chunk.
pub fn with_exif(image: &RgbaImage, exif: &[u8]) -> Vec<u8> {
    riff(&[vp8x(ALPHA | EXIF, image.width(), image.height()), vp8l_chunk(image), chunk(b"EXIF", exif)])
}

/// An extended WebP of `image` carrying an `ICCP` chunk.
pub fn with_icc(image: &RgbaImage, profile: &[u8]) -> Vec<u8> {
    riff(&[vp8x(ALPHA | ICC, image.width(), image.height()), chunk(b"ICCP", profile), vp8l_chunk(image)])
}

/// An animated WebP showing `frames` (all the same size) in turn.
pub fn animated(frames: &[RgbaImage]) -> Vec<u8> {
    let (width, height) = frames[0].dimensions();
    let mut chunks = vec![vp8x(ALPHA | ANIMATION, width, height)];
    chunks.push(chunk(b"ANIM", &[255, 255, 255, 255, 0, 0]));
    for frame in frames {
        let mut data = Vec::new();
        data.extend_from_slice(&u24(0));
        data.extend_from_slice(&u24(0));
        data.extend_from_slice(&u24(frame.width() - 1));
        data.extend_from_slice(&u24(frame.height() - 1));
        data.extend_from_slice(&u24(100));
        data.push(0);
        data.extend(vp8l_chunk(frame));
        chunks.push(chunk(b"ANMF", &data));
    }
    riff(&chunks)
}

/// A lossless WebP whose header claims `width` x `height` (below 16384 each), followed by the
/// data of a tiny picture.
pub fn claiming(width: u32, height: u32) -> Vec<u8> {
    let mut file = encode(DynamicImage::ImageRgba8(RgbaImage::new(64, 32)));
    // After "VP8L", its length and the 0x2F signature: 14 bits width - 1, 14 bits height - 1.
    let original = u32::from_le_bytes([file[21], file[22], file[23], file[24]]);
    let packed = (width - 1) | ((height - 1) << 14) | (original & 0xF000_0000);
    file[21..25].copy_from_slice(&packed.to_le_bytes());
    file
}
