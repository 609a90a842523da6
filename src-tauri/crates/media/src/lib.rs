//! The media engine: turns a dropped file into a drawing the app can use, finds the child's
//! figure on the paper, reads its colours to suggest a setting and a mood, and its outline to
//! suggest what it might be. Synchronous and free of any UI framework; the core runs it on
//! blocking threads.

mod analysis;
mod figure;
mod ingest;
mod mask;
mod mood;
mod palette;
mod resample;
mod shades;
mod subject;

pub use analysis::{analyze, FigureAnalysis};
pub use figure::WORK_LONG_SIDE;
pub use ingest::{
    ingest_bytes, upright_size, FileKind, IngestError, IngestLimits, Ingested, THUMBNAIL_LONG_SIDE,
};
pub use mask::{encode_mask_png, mask_bounds, mask_for_box, whole_page};
pub use mood::{suggest_mood, suggest_setting, Suggestions};
pub use palette::{color_name, ink_palette};
pub use subject::{subject_suggestions, BROAD_KINDS};
