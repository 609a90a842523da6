//! GIF from the real encoder (animated, transparent) and written by hand where the logical
//! screen and a frame must disagree.

use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, Rgba, RgbaImage};

/// An endlessly looping GIF of `frames`, each shown for 100 ms.
pub fn animated(frames: Vec<RgbaImage>) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        encoder.set_repeat(Repeat::Infinite).expect("repeat");
        encoder
            .encode_frames(
                frames
                    .into_iter()
                    .map(|image| Frame::from_parts(image, 0, 0, Delay::from_numer_denom_ms(100, 1))),
            )
            .expect("encoding a test GIF");
    }
    bytes
}

/// A `width` x `height` picture, left half transparent, right half `color`.
pub fn half_transparent(width: u32, height: u32, color: Rgba<u8>) -> RgbaImage {
    RgbaImage::from_fn(width, height, |x, _| if x < width / 2 { Rgba([0, 0, 0, 0]) } else { color })
}

/// A GIF whose logical screen is `screen` and whose one frame claims `frame`, with a two-colour
/// table and a few pixels of data.
pub fn frame_on_screen(screen: (u16, u16), frame: (u16, u16)) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&screen.0.to_le_bytes());
    out.extend_from_slice(&screen.1.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0]); // no global colour table
    out.push(0x2C);
    out.extend_from_slice(&[0, 0, 0, 0]); // left, top
    out.extend_from_slice(&frame.0.to_le_bytes());
    out.extend_from_slice(&frame.1.to_le_bytes());
    out.push(0x80); // local colour table of two entries
    out.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    let pixels = vec![1u8; 64];
    let data = weezl::encode::Encoder::new(weezl::BitOrder::Lsb, 2).encode(&pixels).expect("LZW");
    out.push(2);
    for block in data.chunks(255) {
        out.push(block.len() as u8);
        out.extend_from_slice(block);
    }
    out.push(0);
    out.push(0x3B);
    out
}

/// `gif` with a comment extension of `len` bytes inserted after its header and colour table.
pub fn with_comment(gif: &[u8], len: usize) -> Vec<u8> {
    let flags = gif[10];
    let table = if flags & 0x80 != 0 { 3 << ((flags & 0x07) + 1) } else { 0 };
    let at = 13 + table;
    let mut out = gif[..at].to_vec();
    out.extend_from_slice(&[0x21, 0xFE]);
    let mut remaining = len;
    while remaining > 0 {
        let block = remaining.min(255);
        out.push(block as u8);
        out.extend(std::iter::repeat_n(b'c', block));
        remaining -= block;
    }
    out.push(0);
    out.extend_from_slice(&gif[at..]);
    out
}
