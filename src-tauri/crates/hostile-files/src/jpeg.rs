//! JPEG made by the real encoders (baseline, progressive, CMYK) and then edited segment by
//! segment: EXIF with any orientation value or GPS, oversized metadata, cut-off data.

use std::io::Cursor;

use image::{DynamicImage, RgbImage};

use crate::HOME_MARKER;

/// A baseline JPEG from the real encoder.
pub fn encode(image: &RgbImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image.clone())
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encoding a test JPEG");
    out.into_inner()
}

/// A progressive JPEG (4:2:0) from a second, independent encoder.
pub fn progressive(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    encoder.set_progressive(true);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder
        .encode(image.as_raw(), side(image.width()), side(image.height()), jpeg_encoder::ColorType::Rgb)
        .expect("encoding a progressive JPEG");
    out
}

/// Four bands across `width` x `height`: cyan, red (magenta and yellow), half black, no ink.
/// Stored as CMYK, or as YCCK (the Adobe variant).
pub fn cmyk_bands(width: u16, height: u16, ycck: bool) -> Vec<u8> {
    let bands: [[u8; 4]; 4] = [[255, 0, 0, 0], [0, 255, 255, 0], [0, 0, 0, 128], [0, 0, 0, 0]];
    let mut data = Vec::new();
    for _ in 0..height {
        for x in 0..width {
            data.extend_from_slice(&bands[usize::from(x / width.div_ceil(4)).min(3)]);
        }
    }
    let color = if ycck { jpeg_encoder::ColorType::CmykAsYcck } else { jpeg_encoder::ColorType::Cmyk };
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 95)
        .encode(&data, width, height, color)
        .expect("encoding a CMYK JPEG");
    out
}

fn side(value: u32) -> u16 {
    u16::try_from(value).expect("a JPEG side fits 16 bits")
}

/// A marker segment with its length.
pub fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, marker];
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// `jpeg` with `segments` inserted right after its start marker.
pub fn with_segments(jpeg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for segment in segments {
        out.extend_from_slice(segment);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An APP1 EXIF segment.
pub fn exif_app1(orientation: Option<u16>, gps: bool) -> Vec<u8> {
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(exif_tiff(orientation, gps));
    segment(0xE1, &payload)
}

/// The TIFF structure EXIF is made of (big-endian): IFD0 with the orientation, and a GPS
/// directory as phones write it (latitude, longitude and an area name holding `HOME_MARKER`).
pub fn exif_tiff(orientation: Option<u16>, gps: bool) -> Vec<u8> {
    // (tag, type, count, inline value or offset placeholder)
    let mut first: Vec<(u16, u16, u32, [u8; 4])> = Vec::new();
    if let Some(value) = orientation {
        let v = value.to_be_bytes();
        first.push((0x0112, 3, 1, [v[0], v[1], 0, 0]));
    }
    let first_len = 2 + 12 * (first.len() + usize::from(gps)) + 4;
    let gps_at = 8 + first_len;
    if gps {
        first.push((0x8825, 4, 1, (gps_at as u32).to_be_bytes()));
    }
    let mut out = b"MM\0\x2a\0\0\0\x08".to_vec();
    write_directory(&mut out, &first);
    if gps {
        let mut area = b"ASCII\0\0\0".to_vec();
        area.extend_from_slice(HOME_MARKER);
        let gps_len = 2 + 12 * 6 + 4;
        let data_at = (gps_at + gps_len) as u32;
        let latitude = rationals(&[(48, 1), (51, 1), (2388, 100)]);
        let longitude = rationals(&[(2, 1), (17, 1), (4000, 100)]);
        let entries = [
            (0x0000, 1, 4, [2, 3, 0, 0]),
            (0x0001, 2, 2, *b"N\0\0\0"),
            (0x0002, 5, 3, data_at.to_be_bytes()),
            (0x0003, 2, 2, *b"E\0\0\0"),
            (0x0004, 5, 3, (data_at + 24).to_be_bytes()),
            (0x001C, 7, area.len() as u32, (data_at + 48).to_be_bytes()),
        ];
        write_directory(&mut out, &entries);
        out.extend(latitude);
        out.extend(longitude);
        out.extend(area);
    }
    out
}

fn write_directory(out: &mut Vec<u8>, entries: &[(u16, u16, u32, [u8; 4])]) {
    out.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for (tag, kind, count, value) in entries {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        out.extend_from_slice(value);
    }
    out.extend_from_slice(&0u32.to_be_bytes());
}

fn rationals(values: &[(u32, u32)]) -> Vec<u8> {
    values.iter().flat_map(|(n, d)| n.to_be_bytes().into_iter().chain(d.to_be_bytes())).collect()
}

/// A JPEG whose frame header claims `width` x `height`, with one tiny scan after it.
pub fn claiming(width: u16, height: u16) -> Vec<u8> {
    let real = encode(&crate::marked(64, 32));
    let mut out = real.clone();
    // The frame header's height and width follow its marker, length and precision.
    let sof = real.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline frame header");
    out[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    out[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    out
}

/// Marker segments before the image data, as (marker, first payload bytes).
pub fn markers(bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pos = 2;
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        found.push((
            marker,
            bytes[pos + 4..(pos + 2 + len).min(bytes.len())].iter().take(8).copied().collect(),
        ));
        if marker == 0xDA {
            break;
        }
        pos += 2 + len;
    }
    found
}
