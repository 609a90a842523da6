//! Every way a dropped file can be refused, each with a sentence a parent can act on and a
//! stable code the UI can switch on.

use super::sniff::FileKind;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("This file is empty, so there is no drawing in it. Please choose the picture again.")]
    EmptyFile,

    #[error(
        "This file is {}, and the largest picture the app takes is {}. \
         Please choose a smaller copy of the photo.",
        human_size(*.size_bytes),
        human_size(*.max_bytes)
    )]
    FileTooLarge { size_bytes: u64, max_bytes: u64 },

    #[error(
        "This looks like an iPhone HEIC photo; that kind of file isn't supported yet. \
         Save it as JPEG or PNG and try again."
    )]
    HeicUnsupported,

    #[error("{}", unsupported_message(*.kind))]
    UnsupportedFormat { kind: FileKind },

    #[error(
        "This picture seems to be cut off (the file ends too early), so it can't be opened. \
         Please copy or save the picture again and try once more."
    )]
    TruncatedImage,

    #[error(
        "This picture is damaged and can't be opened. Please save or export it again and try once more."
    )]
    CorruptImage,

    #[error(
        "This picture is far bigger than the app can safely open. Please choose a smaller copy of \
         the picture: a phone photo or an ordinary scan is fine."
    )]
    TooManyPixels { width: u32, height: u32, max_megapixels: u64 },

    #[error(
        "This picture is too big for the app to open safely. Please choose a smaller copy of the picture."
    )]
    TooBigToDecode,

    #[error(
        "This picture is a long, thin strip, not the shape of a drawing. Please crop it to the \
         drawing and try again."
    )]
    ExtremeShape { width: u32, height: u32, max_ratio: u32 },

    #[error(
        "This picture is too small to show a drawing clearly. Please choose a bigger photo or scan \
         of the drawing."
    )]
    TooSmall { width: u32, height: u32, min_long_side: u32, min_short_side: u32 },

    #[error(
        "This picture carries far more hidden data (a colour profile, notes or camera details) than \
         any photo needs, so the app won't open it. Please save or export the picture again and try once more."
    )]
    OversizedMetadata,

    #[error(
        "This {format} picture is saved in a way the app can't read yet. \
         Please save it as JPEG or PNG and try again."
    )]
    UnreadableVariant { format: &'static str },

    #[error("Something went wrong while preparing this picture. Please try again.")]
    Internal,
}

impl IngestError {
    /// A stable, machine-readable name for the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile => "empty_file",
            Self::FileTooLarge { .. } => "file_too_large",
            Self::HeicUnsupported => "heic_unsupported",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::TruncatedImage => "truncated_image",
            Self::CorruptImage => "corrupt_image",
            Self::TooManyPixels { .. } | Self::TooBigToDecode => "too_many_pixels",
            Self::ExtremeShape { .. } => "extreme_shape",
            Self::TooSmall { .. } => "too_small",
            Self::OversizedMetadata => "oversized_metadata",
            Self::UnreadableVariant { .. } => "unsupported_format",
            Self::Internal => "internal",
        }
    }

    /// What was measured, for the log; the parent's message keeps to plain words.
    pub fn measured(&self) -> Option<String> {
        match self {
            Self::TooManyPixels { width, height, max_megapixels } => {
                Some(format!("{width}x{height} pixels, at most {max_megapixels} megapixels allowed"))
            }
            Self::ExtremeShape { width, height, max_ratio } => {
                Some(format!("{width}x{height} pixels, at most {max_ratio}:1 allowed"))
            }
            Self::TooSmall { width, height, min_long_side, min_short_side } => {
                Some(format!("{width}x{height} pixels, at least {min_long_side}x{min_short_side} needed"))
            }
            _ => None,
        }
    }
}

fn unsupported_message(kind: FileKind) -> String {
    const ADVICE: &str = "Please choose a photo or scan of the drawing (JPEG or PNG work best).";
    match kind.description() {
        Some(what) => format!("This looks like {what}; that kind of file isn't supported yet. {ADVICE}"),
        None => format!("This file isn't a picture the app can read. {ADVICE}"),
    }
}

/// "3.2 MB", "950 KB": sizes as file managers show them.
fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    if bytes >= KB * KB {
        format!("{:.1} MB", bytes / (KB * KB))
    } else {
        format!("{:.0} KB", (bytes / KB).ceil())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(100 * 1024 * 1024), "100.0 MB");
        assert_eq!(human_size(150 * 1024 * 1024 + 300 * 1024), "150.3 MB");
        assert_eq!(human_size(50_000), "49 KB");
        let error = IngestError::FileTooLarge { size_bytes: 120 * 1024 * 1024, max_bytes: 100 * 1024 * 1024 };
        assert_eq!(
            error.to_string(),
            "This file is 120.0 MB, and the largest picture the app takes is 100.0 MB. \
             Please choose a smaller copy of the photo."
        );
    }
}
