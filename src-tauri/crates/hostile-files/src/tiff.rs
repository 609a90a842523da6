//! Uncompressed little-endian TIFF written by hand: one strip, any photometric interpretation
//! (CMYK included, which the common encoders don't write) and any extra or lying entry.

/// Entry types used here.
pub const SHORT: u16 = 3;
pub const LONG: u16 = 4;
pub const ASCII: u16 = 2;

/// One directory entry; `value` holds `count` values already in little-endian order, or is
/// empty when the entry lies about data that isn't there (then `offset` is written as is).
#[derive(Debug, Clone)]
pub struct Entry {
    pub tag: u16,
    pub kind: u16,
    pub count: u32,
    pub value: Vec<u8>,
    pub offset: u32,
}

impl Entry {
    pub fn shorts(tag: u16, values: &[u16]) -> Self {
        let value = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        Self { tag, kind: SHORT, count: values.len() as u32, value, offset: 0 }
    }

    pub fn long(tag: u16, value: u32) -> Self {
        Self { tag, kind: LONG, count: 1, value: value.to_le_bytes().to_vec(), offset: 0 }
    }

    /// An entry claiming `count` values at `offset`, whatever is there.
    pub fn lying(tag: u16, kind: u16, count: u32, offset: u32) -> Self {
        Self { tag, kind, count, value: Vec::new(), offset }
    }
}

pub const RGB: u16 = 2;
pub const GREY: u16 = 1;
pub const CMYK: u16 = 5;

/// How the pixels are laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub samples: u16,
    pub bits: u16,
    pub photometric: u16,
    /// The last sample is unassociated alpha.
    pub alpha: bool,
}

/// A TIFF of `pixels` (row-major, samples interleaved, little-endian samples) with the
/// standard entries for `layout`, plus `extra` entries.
pub fn write(layout: Layout, pixels: &[u8], extra: &[Entry]) -> Vec<u8> {
    let mut entries = vec![
        Entry::long(256, layout.width),
        Entry::long(257, layout.height),
        Entry::shorts(258, &vec![layout.bits; usize::from(layout.samples)]),
        Entry::shorts(259, &[1]),
        Entry::shorts(262, &[layout.photometric]),
        Entry::long(273, 0), // strip offset, filled in below
        Entry::shorts(277, &[layout.samples]),
        Entry::long(278, layout.height),
        Entry::long(279, pixels.len() as u32),
        Entry::shorts(284, &[1]),
    ];
    if layout.alpha {
        entries.push(Entry::shorts(338, &[2]));
    }
    for entry in extra {
        entries.retain(|e| e.tag != entry.tag);
        entries.push(entry.clone());
    }
    entries.sort_by_key(|e| e.tag);

    let directory_len = 2 + 12 * entries.len() + 4;
    let values_at = 8 + directory_len;
    let values_len: usize =
        entries.iter().filter(|e| e.value.len() > 4).map(|e| e.value.len().next_multiple_of(2)).sum();
    let pixels_at = (values_at + values_len) as u32;

    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    let mut next_value = values_at as u32;
    let mut values = Vec::new();
    for entry in &entries {
        out.extend_from_slice(&entry.tag.to_le_bytes());
        out.extend_from_slice(&entry.kind.to_le_bytes());
        out.extend_from_slice(&entry.count.to_le_bytes());
        if entry.tag == 273 {
            out.extend_from_slice(&pixels_at.to_le_bytes());
        } else if entry.value.is_empty() {
            out.extend_from_slice(&entry.offset.to_le_bytes());
        } else if entry.value.len() <= 4 {
            let mut inline = entry.value.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&next_value.to_le_bytes());
            values.extend_from_slice(&entry.value);
            if entry.value.len() % 2 == 1 {
                values.push(0);
            }
            next_value = values_at as u32 + values.len() as u32;
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend(values);
    out.extend_from_slice(pixels);
    out
}

/// 8-bit RGB samples of an `image`.
pub fn rgb8(image: &image::RgbImage) -> Vec<u8> {
    write(
        Layout {
            width: image.width(),
            height: image.height(),
            samples: 3,
            bits: 8,
            photometric: RGB,
            alpha: false,
        },
        image.as_raw(),
        &[],
    )
}
