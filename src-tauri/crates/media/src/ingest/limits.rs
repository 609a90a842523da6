//! The budgets a dropped file must fit, checked from the header before any pixel is decoded, so
//! a decompression bomb (a tiny file claiming billions of pixels) costs nothing to refuse.

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
}

impl Default for IngestLimits {
    fn default() -> Self {
        Self { max_file_bytes: 100 * MIB, max_pixels: 64_000_000, max_long_side: 2048 }
    }
}

/// Widest decoded sample: RGBA with 16-bit (or float) channels.
const MAX_BYTES_PER_PIXEL: u64 = 16;

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

    /// Refuses a picture whose header claims more pixels than the budget.
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
        Ok(())
    }

    /// What the decoder may allocate once the dimensions passed: the output buffer plus room
    /// for a decoder's working copy.
    pub(crate) fn decoder_limits(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(self.max_pixels.saturating_mul(MAX_BYTES_PER_PIXEL).saturating_mul(2));
        limits
    }

    pub(crate) fn max_decoded_bytes(&self) -> u64 {
        self.max_pixels.saturating_mul(MAX_BYTES_PER_PIXEL)
    }
}

const MIB: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_refuse_empty_large_and_huge_pictures() {
        let limits = IngestLimits { max_file_bytes: 10 * MIB, max_pixels: 1_000_000, max_long_side: 2048 };
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
}
