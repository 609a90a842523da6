//! The storybook core: everything the window and the CLI do, with no UI in it.

mod clock;
mod error;
pub mod files;
pub mod paths;
pub mod providers;
pub mod store;

pub use error::CoreError;
pub use paths::DataDir;
pub use store::Store;
pub mod api;
mod app;
mod engine;

pub use app::{Core, FileAnalysis, IngestedDrawing, RenderReport};
pub use engine::StageTimings;
