//! Brings a child's figure to life: from its mask, an outline, a triangle mesh and a skeleton
//! (a [`model::Rig`]); motions written on the skeleton's joint kinds so they fit any figure; the
//! mesh bent by the posed skeleton without tearing or folding; and the bent figure drawn with
//! its own pixels. Free of any UI framework and of the video pipeline, which only ask it for
//! frames.

mod contour;
mod draw;
mod mesh;
mod motion;
mod puppet;
mod raster;
mod rigging;
mod skeleton;
mod skin;

pub use contour::{simplify, trace_outlines, Outline};
pub use draw::{cover, draw, spans_of, PixelBox, Texture, TriangleMap};
pub use mesh::{signed_area, Mesh, MeshOptions};
pub use motion::{Motion, Pose};
pub use puppet::{Frame, Puppet};
pub use rigging::build_rig;
pub use skin::Skin;

/// Why a figure could not be rigged.
#[derive(Debug, thiserror::Error)]
pub enum RigError {
    #[error("the mask has no figure in it")]
    EmptyMask,
    #[error("the figure is too small to rig")]
    TooSmall,
    #[error("the rig does not fit together: {0}")]
    InvalidRig(String),
    #[error("the figure's outline could not be triangulated: {0}")]
    Triangulation(#[from] spade::InsertionError),
}
