//! PNG written chunk by chunk, so a chunk can lie: a wrong CRC, a length past the end, a
//! compressed stream that inflates to gigabytes.

use std::io::Cursor;

use image::DynamicImage;

pub const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
/// The signature and the IHDR chunk: where ancillary chunks are inserted.
pub const AFTER_IHDR: usize = 8 + 25;

/// A picture encoded by the real PNG encoder.
pub fn encode(image: DynamicImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("encoding a test PNG");
    out.into_inner()
}

/// One chunk with its length and CRC.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[4..]);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

/// An IHDR chunk (no interlace).
pub fn ihdr(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
    let mut data = width.to_be_bytes().to_vec();
    data.extend_from_slice(&height.to_be_bytes());
    data.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
    chunk(b"IHDR", &data)
}

/// `png` with `chunks` inserted right after its IHDR.
pub fn with_chunks_after_header(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut out = png[..AFTER_IHDR].to_vec();
    for chunk in chunks {
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&png[AFTER_IHDR..]);
    out
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

pub fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// A zlib stream of `data` in stored (uncompressed) blocks.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// Deflate of `len` zero bytes: a literal 0 then back-references of 258 (distance 1), all in
/// one fixed-Huffman block, so gigabytes cost a few megabytes to describe.
pub fn zlib_of_zeros(len: u64) -> Vec<u8> {
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
    let mut remaining = len.saturating_sub(1);
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

/// An all-black 1-bit greyscale PNG of `width` x `height`: tiny on disk, huge once decoded.
pub fn zeros(width: u32, height: u32) -> Vec<u8> {
    let row_bytes = u64::from(width).div_ceil(8) + 1;
    let mut png = SIGNATURE.to_vec();
    png.extend(ihdr(width, height, 1, 0));
    png.extend(chunk(b"IDAT", &zlib_of_zeros(row_bytes * u64::from(height))));
    png.extend(chunk(b"IEND", b""));
    png
}

/// Chunk names in file order.
pub fn chunk_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]]) as usize;
        names.push(String::from_utf8_lossy(&bytes[pos + 4..pos + 8]).into_owned());
        pos = pos.saturating_add(12).saturating_add(len);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zero_bomb_generator_makes_a_valid_png() {
        // The same construction at a decodable size decodes to an all-black picture.
        let decoded = image::load_from_memory(&zeros(1000, 700)).expect("decodes").to_luma8();
        assert_eq!(decoded.dimensions(), (1000, 700));
        assert!(decoded.pixels().all(|p| p[0] == 0));
    }

    #[test]
    fn stored_zlib_round_trips() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut png = SIGNATURE.to_vec();
        png.extend(ihdr(1000, 200, 8, 0));
        let rows: Vec<u8> =
            data.chunks(1000).flat_map(|row| std::iter::once(0).chain(row.iter().copied())).collect();
        png.extend(chunk(b"IDAT", &zlib_stored(&rows)));
        png.extend(chunk(b"IEND", b""));
        let decoded = image::load_from_memory(&png).expect("decodes").to_luma8();
        assert_eq!(decoded.as_raw(), &data);
    }
}
