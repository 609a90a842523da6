//! One scene from a prepared figure and the scene's plan: pick the world, the light of its time
//! of day and mood, and its weather; place the hero and every element the plan names; paint and
//! style both layers. The core calls this once per scene, on a blocking thread.

use model::{Motion, PaletteColor, ScenePlan, Style};

use crate::animation;
use crate::backdrop::{self, weather, Light, Setting, World};
use crate::error::RenderError;
use crate::figure::PreparedFigure;
use crate::layers::{Placement, SceneLayers, FRAME_HEIGHT};
use crate::paint::Rgb;
use crate::placement;
use crate::rng::mix;
use crate::stage::{HeroBox, Stage};
use crate::style;

/// What a scene should look like.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneSpec {
    /// Position in the story, from 0.
    pub index: usize,
    /// Number of scenes in the story.
    pub count: usize,
    pub style: Style,
    /// What the picture shows: the place, time of day, weather, mood, companions and things.
    pub plan: ScenePlan,
    /// The child's colours; used as accents in the backdrop.
    pub palette: Vec<PaletteColor>,
    pub seed: u64,
    /// How the figure moves in place; `None` shows it as drawn (it still glides and sways).
    pub motion: Option<Motion>,
}

/// Draws both layers of one scene. Deterministic for the same figure and spec.
pub fn render_scene(figure: &PreparedFigure, spec: &SceneSpec) -> Result<SceneLayers, RenderError> {
    let (content_w, content_h) = figure.content_size();
    if content_w < 1.0 || content_h < 1.0 {
        return Err(RenderError::EmptyFigure);
    }
    let plan = &spec.plan;
    let setting = Setting::from_text(&plan.setting);
    let light = Light::new(plan.time_of_day, &plan.mood);
    let accents: Vec<Rgb> = spec.palette.iter().filter_map(|c| Rgb::parse(&c.hex)).collect();
    let scene_seed = mix(spec.seed, spec.index as u64);

    tracing::debug!(
        index = spec.index,
        count = spec.count,
        ?setting,
        ?light,
        weather = plan.weather.as_str(),
        style = spec.style.as_str(),
        "drawing scene"
    );
    let mut world = World::new(setting, light, plan.weather, &accents, spec.seed, spec.index);

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

    // The elements go around where the hero will be, and are painted into the backdrop so the
    // style's pass makes them one picture with it.
    let hero = hero_box(&start, &end, (content_w, content_h));
    let stage = Stage::arrange(plan, &mut world, hero, scene_seed, spec.seed);
    let outline = style::backdrop_outline(spec.style);
    let mut canvas = backdrop::paint(&mut world, outline, &mut |depth, canvas, world| {
        stage.paint_at(depth, canvas, world, outline)
    });
    weather::veil(&mut canvas, &world);
    stage.paint_front(&mut canvas, &world, outline);
    weather::falling(&mut canvas, &world);
    style::style_backdrop(spec.style, &mut canvas, scene_seed);

    let animation = match (spec.motion, figure.rig()) {
        (Some(motion), Some(rig)) => animation::animate(&styled, rig, motion, scene_seed),
        _ => None,
    };
    Ok(SceneLayers {
        background: canvas.to_image(),
        figure: styled,
        start,
        end,
        drawn: stage.drawn,
        animation,
    })
}

/// The box the drawn figure (without its layer's transparent border) covers from the start of
/// the scene to its end.
fn hero_box(start: &Placement, end: &Placement, content: (f32, f32)) -> HeroBox {
    let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in [start, end] {
        // A few degrees of tilt widen the box a little.
        let half_w = content.0 * p.scale / 2.0 * 1.03;
        let half_h = content.1 * p.scale / 2.0 * 1.01;
        b = (
            b.0.min(p.center_x - half_w),
            b.1.min(p.center_y - half_h),
            b.2.max(p.center_x + half_w),
            b.3.max(p.center_y + half_h),
        );
    }
    HeroBox(b)
}
