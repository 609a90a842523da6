//! Why a scene could not be drawn, in words for the parent and a stable code for the UI.

/// Everything `render` can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("The drawing is empty, so there is nothing to put in the story.")]
    EmptyDrawing,
    #[error("No figure was marked on the drawing. Choose the figure or use the whole page.")]
    EmptyMask,
    #[error(
        "The figure outline ({mask_width}x{mask_height}) does not match the drawing \
         ({drawing_width}x{drawing_height}). Please find the figure again."
    )]
    MaskSizeMismatch { drawing_width: u32, drawing_height: u32, mask_width: u32, mask_height: u32 },
    #[error("The prepared figure is empty, so the scene cannot be drawn.")]
    EmptyFigure,
}

impl RenderError {
    /// A stable snake_case code the UI can match on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyDrawing => "empty_drawing",
            Self::EmptyMask => "empty_mask",
            Self::MaskSizeMismatch { .. } => "mask_size_mismatch",
            Self::EmptyFigure => "empty_figure",
        }
    }
}
