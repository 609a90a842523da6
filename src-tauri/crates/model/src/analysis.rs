//! What recognition says about a drawing; the parent confirms or corrects every field.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Where the analysis came from, so the UI can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum AnalysisSource {
    /// The on-device engine (classical image processing; the subject is asked of the parent).
    #[default]
    OnDevice,
    /// The remote vision service.
    Service,
    /// Typed or corrected by the parent.
    Parent,
}

/// A box in the normalized drawing's pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct FigureBox {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// One colour of the ink inside the figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct PaletteColor {
    /// `#rrggbb`.
    pub hex: String,
    /// A plain colour word a parent would use ("purple", "pink").
    pub name: String,
    /// Share of the figure's ink pixels, 0..=1.
    pub share: f32,
}

/// The seed's DrawingAnalysis (subject, setting, mood) plus what the desktop engine adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Default)]
pub struct DrawingAnalysis {
    /// What the child drew ("a garlic monster"). Empty until the parent or a service says.
    pub subject: String,
    pub setting: String,
    pub mood: String,
    pub subject_suggestions: Vec<String>,
    pub setting_suggestions: Vec<String>,
    pub mood_suggestions: Vec<String>,
    pub colors: Vec<PaletteColor>,
    /// Where the figure is; `None` means the whole page is used.
    pub figure_box: Option<FigureBox>,
    /// True when the parent chose "use the whole page" instead of the found outline.
    pub whole_page: bool,
    pub source: AnalysisSource,
}
