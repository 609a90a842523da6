//! The budgets a dropped file must fit, checked from the header before any pixel is decoded, so
//! a decompression bomb (a tiny file claiming billions of pixels) costs nothing to refuse, and
//! shapes no drawing has are turned away before they cost anything either.

use super::IngestError;

/// How much the app is willing to read from one dropped file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestLimits {
    /// Largest accepted file, in bytes.
    pub max_file_bytes: u64,
    /// Largest accepted picture, in pixels (width x height from the header).
    pub max_pixels: u64,
    /// The normalized copy's longest side, in pixels.
    pub max_long_side: u32,
    /// How many times longer than wide a picture may be. Paper is about 1.4:1 and phone
    /// panoramas reach about 10:1; twice that still takes a drawing on a long strip of paper,
    /// while a 20:1 picture fitted to 2048 px keeps a short side of 102 px, about the least the
    /// figure finder can work with. Beyond it the "picture" is a line of pixels.
    pub max_aspect_ratio: u32,
    /// The smallest long side, in pixels: below 64 px across there is no stroke left to find a
    /// figure in (it is an icon or a tracking pixel), and the scenes enlarge the figure many times.
    pub min_long_side: u32,
    /// The smallest short side, in pixels, for the same reason.
    pub min_short_side: u32,
    /// What one ingest may plan to hold in memory at once (the file, the decoder's own buffers,
    /// the decoded picture and the resized copies), estimated from the header. With the program
    /// itself this keeps `nocomelon ingest` under 512 MB on any input.
    pub max_memory_bytes: u64,
    /// What a decoder may keep of colour profiles, text and EXIF while reading the header. A
    /// photo carries a few hundred kilobytes; a compressed profile claiming gigabytes is a bomb.
    pub max_metadata_bytes: u64,
}

impl Default for IngestLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 100 * MIB,
            max_pixels: 64_000_000,
            max_long_side: 2048,
            max_aspect_ratio: 20,
            min_long_side: 64,
            min_short_side: 32,
            max_memory_bytes: 400 * MIB,
            max_metadata_bytes: 16 * MIB,
        }
    }
}

impl IngestLimits {
    pub(crate) fn check_file_size(&self, len: usize) -> Result<(), IngestError> {
        let len = len as u64;
        if len == 0 {
            return Err(IngestError::EmptyFile);
        }
        if len > self.max_file_bytes {
            return Err(IngestError::FileTooLarge { size_bytes: len, max_bytes: self.max_file_bytes });
        }
        Ok(())
    }

    /// Refuses a picture whose header claims no pixels, more pixels than the budget, a shape no
    /// drawing has, or too few pixels to hold a drawing; in that order, so the most telling
    /// reason is the one given.
    pub(crate) fn check_dimensions(&self, width: u32, height: u32) -> Result<(), IngestError> {
        if width == 0 || height == 0 {
            return Err(IngestError::CorruptImage);
        }
        if u64::from(width) * u64::from(height) > self.max_pixels {
            return Err(IngestError::TooManyPixels {
                width,
                height,
                max_megapixels: (self.max_pixels / 1_000_000).max(1),
            });
        }
        let (long, short) = (width.max(height), width.min(height));
        if u64::from(long) > u64::from(short) * u64::from(self.max_aspect_ratio) {
            return Err(IngestError::ExtremeShape { width, height, max_ratio: self.max_aspect_ratio });
        }
        if long < self.min_long_side || short < self.min_short_side {
            return Err(IngestError::TooSmall {
                width,
                height,
                min_long_side: self.min_long_side,
                min_short_side: self.min_short_side,
            });
        }
        Ok(())
    }

    /// What the decoder may allocate while it reads the header: metadata only.
    pub(crate) fn header_limits(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(self.max_metadata_bytes);
        limits
    }
}

const MIB: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_refuse_empty_large_and_huge_pictures() {
        let limits =
            IngestLimits { max_file_bytes: 10 * MIB, max_pixels: 1_000_000, ..IngestLimits::default() };
        assert_eq!(limits.check_file_size(0).map_err(|e| e.code()), Err("empty_file"));
        assert!(limits.check_file_size(10 * MIB as usize).is_ok());
        assert_eq!(
            limits.check_file_size(10 * MIB as usize + 1).map_err(|e| e.code()),
            Err("file_too_large")
        );
        assert!(limits.check_dimensions(1000, 1000).is_ok());
        assert_eq!(limits.check_dimensions(1001, 1000).map_err(|e| e.code()), Err("too_many_pixels"));
        assert_eq!(limits.check_dimensions(0, 10).map_err(|e| e.code()), Err("corrupt_image"));
    }

    #[test]
    fn shapes_no_drawing_has_are_refused_at_their_bounds() {
        let limits = IngestLimits::default();
        let code = |w, h| limits.check_dimensions(w, h).map_err(|e| e.code());
        assert_eq!(code(2000, 100), Ok(()), "20:1 is still a drawing on a strip of paper");
        assert_eq!(code(100, 2000), Ok(()));
        assert_eq!(code(2001, 100), Err("extreme_shape"));
        assert_eq!(code(100, 2001), Err("extreme_shape"));
        assert_eq!(code(64_000_000, 1), Err("extreme_shape"), "inside the pixel budget, but a line");
        assert_eq!(code(64, 32), Ok(()), "the smallest picture taken");
        assert_eq!(code(63, 40), Err("too_small"));
        assert_eq!(code(100, 31), Err("too_small"));
        assert_eq!(code(1, 1), Err("too_small"));
    }
}
