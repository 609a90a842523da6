//! Scene pictures for the storybook video, made from the child's own drawing: a cut-out figure
//! over a procedurally drawn backdrop, placed and styled per scene. Each scene draws exactly its
//! plan (`model::ScenePlan`): the place, the light of its time of day tinted by the mood, the
//! weather, and every companion and thing the words name.
//!
//! Use: [`prepare_figure`] once per drawing, then [`render_scene`] per scene; the returned
//! [`SceneLayers`] animate in `av` or flatten with [`SceneLayers::composite`] for a still.

mod animation;
mod backdrop;
mod elements;
mod error;
mod figure;
mod layers;
mod noise;
mod paint;
mod placeholder;
mod placement;
mod plane;
mod plate;
mod rng;
mod scene;
mod sheet;
mod stage;
mod style;

pub use animation::{animate, find_rig, FigureAnimation};
pub use backdrop::{Light, Mood, Setting};
pub use error::RenderError;
pub use figure::{prepare_figure, PreparedFigure, FIGURE_PADDING};
pub use layers::{Placement, SceneLayers, FRAME_HEIGHT, FRAME_WIDTH};
pub use placeholder::placeholder_scene;
pub use placement::{MAX_HERO_HEIGHT, MIN_HERO_HEIGHT};
pub use scene::{render_scene, SceneSpec};
pub use sheet::drawing_sheet;
