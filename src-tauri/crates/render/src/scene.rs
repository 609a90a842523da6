//! One scene from a prepared figure: pick the world, light and place, paint and style both
//! layers. The core calls this once per scene, on a blocking thread.

use model::{PaletteColor, Style};

use crate::backdrop::{self, Light, Setting, World};
use crate::error::RenderError;
use crate::figure::PreparedFigure;
use crate::layers::{SceneLayers, FRAME_HEIGHT};
use crate::paint::Rgb;
use crate::placement;
use crate::rng::mix;
use crate::style;

/// What a scene should look like.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneSpec {
    /// Position in the story, from 0.
    pub index: usize,
    /// Number of scenes in the story.
    pub count: usize,
    pub style: Style,
    /// Free text from the analysis or the parent ("a sunny meadow").
    pub setting: String,
    /// Free text from the analysis or the parent ("cheerful", "bedtime").
    pub mood: String,
    /// The child's colours; used as accents in the backdrop.
    pub palette: Vec<PaletteColor>,
    pub seed: u64,
}

/// Draws both layers of one scene. Deterministic for the same figure and spec.
pub fn render_scene(figure: &PreparedFigure, spec: &SceneSpec) -> Result<SceneLayers, RenderError> {
    let (content_w, content_h) = figure.content_size();
    if content_w < 1.0 || content_h < 1.0 {
        return Err(RenderError::EmptyFigure);
    }
    let setting = Setting::from_text(&spec.setting);
    let light = Light::for_mood(&spec.mood, spec.index, spec.count);
    let accents: Vec<Rgb> = spec.palette.iter().filter_map(|c| Rgb::parse(&c.hex)).collect();
    let scene_seed = mix(spec.seed, spec.index as u64);

    tracing::debug!(
        index = spec.index,
        count = spec.count,
        ?setting,
        ?light,
        style = spec.style.as_str(),
        "drawing scene"
    );
    let mut world = World::new(setting, light, &accents, spec.seed, spec.index);
    let mut canvas = backdrop::paint(&mut world, style::backdrop_outline(spec.style));
    style::style_backdrop(spec.style, &mut canvas, scene_seed);

    // Line widths and softness are chosen in frame pixels; the cut-out is scaled to about this
    // many frame pixels per figure pixel.
    let typical_scale = 0.57 * FRAME_HEIGHT as f32 / content_h;
    let detail = 1.0 / typical_scale;
    let styled = style::style_figure(
        spec.style,
        figure.figure(),
        figure.ink(),
        world.look.ambient,
        scene_seed,
        detail,
    );

    let (start, end) = placement::place(
        styled.dimensions(),
        (content_w, content_h),
        setting,
        spec.index,
        spec.count,
        spec.seed,
    );
    Ok(SceneLayers { background: canvas.to_image(), figure: styled, start, end })
}
