//! One error type for everything audio/video, so the core can show a parent a plain sentence and
//! keep the tool output (ffmpeg's stderr) for the logs only.

use std::path::PathBuf;

/// Why narration, a clip, the assembled video, a probe or a thumbnail could not be made.
///
/// `Display` is a plain sentence for a parent; [`AvError::detail`] carries what a developer needs
/// (the tool's stderr tail, the file involved) and is meant for logs.
#[derive(Debug, thiserror::Error)]
pub enum AvError {
    /// A program the app needs (ffmpeg, ffprobe, a speech engine) is not installed.
    #[error("{message}")]
    ToolMissing { tool: &'static str, message: String },

    /// The caller asked to stop.
    #[error("Cancelled.")]
    Cancelled,

    /// The scene has nothing to read aloud.
    #[error("This scene has no words to read aloud.")]
    NothingToSay,

    /// The speech engine ran but failed.
    #[error("The narrator could not read this scene aloud.")]
    NarrationFailed { detail: String },

    /// The narration audio could not be read or is not audio the app understands.
    #[error("The narration audio could not be read.")]
    BadAudio { detail: String },

    /// The scene pictures cannot be animated (for example an empty background).
    #[error("This scene's picture could not be used for the video.")]
    BadLayers { detail: String },

    /// A file given to av is not a video or picture it can use.
    #[error("This file is not a video or picture the app can use.")]
    BadInput { path: PathBuf, detail: String },

    /// ffmpeg or ffprobe ran and failed.
    #[error("Could not {action}.")]
    ToolFailed { action: &'static str, stderr_tail: String },

    /// Reading or writing a file failed.
    #[error("Could not {action}: the disk may be full or the folder not writable.")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The clips handed to assembly cannot be joined.
    #[error("There are no scenes to put into the video.")]
    NoClips,

    /// A file's name (or a folder's on its way) has a line break, which the video tools' file
    /// lists cannot hold.
    #[error(
        "A file or folder name has a line break in it, so the video can't be made there; please rename it."
    )]
    UnusableFileName { path: PathBuf },
}

impl AvError {
    /// A stable machine code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ToolMissing { .. } => "tool_missing",
            Self::Cancelled => "cancelled",
            Self::NothingToSay => "nothing_to_say",
            Self::NarrationFailed { .. } => "narration_failed",
            Self::BadAudio { .. } => "bad_audio",
            Self::BadLayers { .. } => "bad_layers",
            Self::BadInput { .. } => "bad_input",
            Self::ToolFailed { .. } => "tool_failed",
            Self::Io { .. } => "io",
            Self::NoClips => "no_clips",
            Self::UnusableFileName { .. } => "unusable_file_name",
        }
    }

    /// What went wrong in a developer's terms, for logs (never shown to a parent).
    pub fn detail(&self) -> String {
        match self {
            Self::ToolMissing { tool, message } => format!("{tool} not found: {message}"),
            Self::Cancelled => "cancelled".to_owned(),
            Self::NothingToSay => "scene text has no speakable sentence".to_owned(),
            Self::NarrationFailed { detail } | Self::BadAudio { detail } | Self::BadLayers { detail } => {
                detail.clone()
            }
            Self::BadInput { path, detail } => format!("{}: {detail}", path.display()),
            Self::ToolFailed { action, stderr_tail } => format!("{action}: {stderr_tail}"),
            Self::Io { action, path, source } => format!("{action} ({}): {source}", path.display()),
            Self::NoClips => "assemble called with no clips".to_owned(),
            Self::UnusableFileName { path } => format!("line break in {path:?}"),
        }
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io { action, path: path.into(), source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_stays_plain_while_detail_keeps_the_tool_output() {
        let error = AvError::ToolFailed {
            action: "make the scene's video clip",
            stderr_tail: "[libx264 @ 0x55] broken pipe".into(),
        };
        assert_eq!(error.to_string(), "Could not make the scene's video clip.");
        assert!(error.detail().contains("broken pipe"));
        assert_eq!(error.code(), "tool_failed");
    }

    #[test]
    fn cancelled_has_its_own_code() {
        assert_eq!(AvError::Cancelled.code(), "cancelled");
    }
}
