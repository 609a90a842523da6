//! Phone cameras store pictures sideways and record "turn me" in EXIF (read in `exif`); the
//! drawing must be upright before anything looks at it, and the EXIF itself must not travel further.

use image::metadata::Orientation;
use image::RgbaImage;

/// Turns and mirrors the pixels as EXIF orientation `value` asks (unknown values leave it be).
pub fn apply_orientation(image: RgbaImage, value: u8) -> RgbaImage {
    use image::imageops::{flip_horizontal, flip_vertical, rotate180, rotate270, rotate90};
    match Orientation::from_exif(value).unwrap_or(Orientation::NoTransforms) {
        Orientation::NoTransforms => image,
        Orientation::FlipHorizontal => flip_horizontal(&image),
        Orientation::Rotate180 => rotate180(&image),
        Orientation::FlipVertical => flip_vertical(&image),
        Orientation::Rotate90FlipH => flip_horizontal(&rotate90(&image)),
        Orientation::Rotate90 => rotate90(&image),
        Orientation::Rotate270FlipH => flip_horizontal(&rotate270(&image)),
        Orientation::Rotate270 => rotate270(&image),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    /// A 3x2 picture whose pixels are numbered, to follow where each one lands.
    fn numbered() -> RgbaImage {
        RgbaImage::from_fn(3, 2, |x, y| Rgba([(y * 3 + x) as u8, 0, 0, 255]))
    }

    fn rows(image: &RgbaImage) -> Vec<Vec<u8>> {
        (0..image.height()).map(|y| (0..image.width()).map(|x| image.get_pixel(x, y)[0]).collect()).collect()
    }

    #[test]
    fn every_exif_orientation_is_undone() {
        // Stored pixels: [0 1 2] / [3 4 5]; each value says how the stored picture must be turned.
        let expected: [(u8, Vec<Vec<u8>>); 8] = [
            (1, vec![vec![0, 1, 2], vec![3, 4, 5]]),
            (2, vec![vec![2, 1, 0], vec![5, 4, 3]]),
            (3, vec![vec![5, 4, 3], vec![2, 1, 0]]),
            (4, vec![vec![3, 4, 5], vec![0, 1, 2]]),
            (5, vec![vec![0, 3], vec![1, 4], vec![2, 5]]),
            (6, vec![vec![3, 0], vec![4, 1], vec![5, 2]]),
            (7, vec![vec![5, 2], vec![4, 1], vec![3, 0]]),
            (8, vec![vec![2, 5], vec![1, 4], vec![0, 3]]),
        ];
        for (value, want) in expected {
            assert_eq!(rows(&apply_orientation(numbered(), value)), want, "orientation {value}");
        }
        assert_eq!(rows(&apply_orientation(numbered(), 0)), rows(&numbered()));
    }
}
