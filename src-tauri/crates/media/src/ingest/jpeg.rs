//! The facts about a JPEG that decide what decoding it costs, read from its marker segments
//! without allocating: whether every coefficient must be held until the end (a progressive
//! file, or one whose first scan leaves colours for later scans), and how many bytes of
//! metadata the decoder copies out while it reads the header.

/// What the marker segments say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JpegLayout {
    pub width: u32,
    pub height: u32,
    /// Each component's horizontal and vertical sampling factors, from the frame header.
    pub sampling: Vec<(u8, u8)>,
    /// Progressive, or the first scan carries fewer components than the frame.
    pub holds_all_coefficients: bool,
    /// Bytes in APPn and COM segments (EXIF, colour profiles, XMP, comments).
    pub metadata_bytes: u64,
}

impl JpegLayout {
    /// Memory for the coefficients a decoder keeps when it must hold all of them (16 bits each,
    /// per component at its own sampling, rounded up to whole blocks), else 0.
    pub fn coefficient_bytes(&self) -> u64 {
        if !self.holds_all_coefficients || self.sampling.is_empty() {
            return 0;
        }
        let h_max = u64::from(self.sampling.iter().map(|s| s.0).max().unwrap_or(1).max(1));
        let v_max = u64::from(self.sampling.iter().map(|s| s.1).max().unwrap_or(1).max(1));
        let (width, height) = (u64::from(self.width), u64::from(self.height));
        let blocks_across = width.div_ceil(8 * h_max);
        let blocks_down = height.div_ceil(8 * v_max);
        self.sampling
            .iter()
            .map(|&(h, v)| blocks_across * blocks_down * u64::from(h.max(1)) * u64::from(v.max(1)) * 64 * 2)
            .sum()
    }
}

/// Walks the segments (and over the entropy-coded data between them) up to the end marker.
/// A file the walk can't follow yields what was seen; the decoder then says what is wrong.
pub fn layout(bytes: &[u8]) -> JpegLayout {
    let mut layout = JpegLayout::default();
    let mut first_scan_components = None;
    let mut pos = 2; // after SOI
    while pos + 1 < bytes.len() {
        if bytes[pos] != 0xFF {
            break;
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else { break };
        pos += 1;
        match marker {
            0xD9 => break,
            0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let Some(length) = bytes.get(pos..pos + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            break;
        };
        let payload = bytes.get(pos + 2..(pos + length).min(bytes.len())).unwrap_or(&[]);
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => read_frame(marker, payload, &mut layout),
            0xE0..=0xEF | 0xFE => layout.metadata_bytes += length as u64,
            0xDA if first_scan_components.is_none() => first_scan_components = payload.first().copied(),
            _ => {}
        }
        pos += length.max(2);
        if marker == 0xDA {
            pos = end_of_entropy_data(bytes, pos);
        }
    }
    if let Some(scanned) = first_scan_components {
        if usize::from(scanned) < layout.sampling.len() {
            layout.holds_all_coefficients = true;
        }
    }
    layout
}

fn read_frame(marker: u8, payload: &[u8], layout: &mut JpegLayout) {
    // Progressive frames are SOF2, SOF6, SOF10 and SOF14.
    if matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE) {
        layout.holds_all_coefficients = true;
    }
    if payload.len() < 6 {
        return;
    }
    layout.height = u32::from(u16::from_be_bytes([payload[1], payload[2]]));
    layout.width = u32::from(u16::from_be_bytes([payload[3], payload[4]]));
    let count = usize::from(payload[5]);
    layout.sampling = payload[6..]
        .chunks_exact(3)
        .take(count)
        .map(|component| (component[1] >> 4, component[1] & 0x0F))
        .collect();
}

/// The position of the first real marker after a scan's entropy-coded data: 0xFF followed by
/// 0x00 is a stuffed byte and 0xFF 0xD0..0xD7 a restart marker, both part of the data.
fn end_of_entropy_data(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() {
        match bytes[pos..].iter().position(|&b| b == 0xFF) {
            None => return bytes.len(),
            Some(offset) => {
                let at = pos + offset;
                match bytes.get(at + 1) {
                    None => return bytes.len(),
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => pos = at + 1,
                    Some(_) => return at,
                }
            }
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an APP1 of `app_len` payload bytes, a frame header, one scan, EOI.
    fn jpeg(sof: u8, components: &[(u8, u8)], scanned: u8, app_len: usize) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&((app_len + 2) as u16).to_be_bytes());
        out.extend(std::iter::repeat_n(0x41, app_len));
        out.extend_from_slice(&[0xFF, sof]);
        out.extend_from_slice(&((8 + 3 * components.len()) as u16).to_be_bytes());
        out.extend_from_slice(&[8, 0x03, 0xE8, 0x07, 0xD0, components.len() as u8]); // 2000 x 1000
        for (i, (h, v)) in components.iter().enumerate() {
            out.extend_from_slice(&[i as u8 + 1, (h << 4) | v, 0]);
        }
        out.extend_from_slice(&[0xFF, 0xDA, 0x00, 6 + 2 * scanned, scanned]);
        for i in 0..scanned {
            out.extend_from_slice(&[i + 1, 0]);
        }
        out.extend_from_slice(&[0, 63, 0]);
        out.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0xD9]);
        out
    }

    #[test]
    fn a_baseline_jpeg_holds_no_coefficient_planes() {
        let found = layout(&jpeg(0xC0, &[(2, 2), (1, 1), (1, 1)], 3, 100));
        assert_eq!((found.width, found.height), (2000, 1000));
        assert_eq!(found.sampling, vec![(2, 2), (1, 1), (1, 1)]);
        assert!(!found.holds_all_coefficients);
        assert_eq!(found.coefficient_bytes(), 0);
        assert_eq!(found.metadata_bytes, 102);
    }

    #[test]
    fn a_progressive_jpeg_holds_every_coefficient_at_its_sampling() {
        let found = layout(&jpeg(0xC2, &[(2, 2), (1, 1), (1, 1)], 1, 10));
        assert!(found.holds_all_coefficients);
        // 4:2:0: luma at full size, two chroma planes at a quarter, rounded to 16-pixel MCUs.
        let mcus = 2000u64.div_ceil(16) * 1000u64.div_ceil(16);
        assert_eq!(found.coefficient_bytes(), mcus * (4 + 1 + 1) * 64 * 2);
    }

    #[test]
    fn a_baseline_jpeg_with_colours_in_later_scans_holds_them_all() {
        let found = layout(&jpeg(0xC0, &[(1, 1), (1, 1), (1, 1)], 1, 10));
        assert!(found.holds_all_coefficients);
        assert_eq!(found.coefficient_bytes(), 250 * 125 * 3 * 64 * 2);
    }
}
