//! The child's figure bent by its rig, drawn straight into the frame's yuv420p planes: each
//! triangle of the posed mesh, at its place on screen, samples the same prepared figure layer
//! as the still figure does (so the look and colours are the same), luma per pixel and chroma
//! per 2x2 block. Apart from the still figure's drawing because the walk differs (triangle by
//! triangle, each with its own map back into the layer) while the sampling and blending are
//! shared.

use std::sync::Arc;

use model::Motion;
use render::{FigureAnimation, Placement};
use rig::{spans_of, Mesh, Puppet, TriangleMap};

use super::figure::{over, FigureLayer, Lanes, Plane, POSITION_BITS};
use super::{CHROMA_HEIGHT, CHROMA_WIDTH, HEIGHT, WIDTH};

/// A figure that moves by its rig, ready to be drawn frame after frame.
pub(super) struct PosedFigure {
    puppet: Arc<Puppet>,
    /// The puppet's mesh with every triangle wound the other way: a mirrored figure's
    /// triangles turn over on screen, and the rasteriser draws only those facing up.
    mirrored: Mesh,
    motion: Motion,
    seed: u64,
    /// Each mesh vertex's rest position in luma-plane texel units (border included).
    luma_texture: Vec<[f32; 2]>,
    /// The same in chroma-plane texel units.
    chroma_texture: Vec<[f32; 2]>,
    /// The figure's centre in its own pixels, which placements turn and scale about.
    centre: [f32; 2],
}

impl PosedFigure {
    pub(super) fn new(animation: &FigureAnimation, layer: &FigureLayer, figure_size: (u32, u32)) -> Self {
        let (across, down) = layer.prescale();
        // Texel i's centre is at i + 0.5 in plane units, and the border shifts indices by one.
        let texel = |[x, y]: [f32; 2], shrink: f32| [x * across / shrink + 0.5, y * down / shrink + 0.5];
        let mesh = animation.puppet.mesh();
        let vertices = &mesh.vertices;
        let mirrored = Mesh {
            vertices: Vec::new(),
            triangles: mesh.triangles.iter().map(|&[a, b, c]| [a, c, b]).collect(),
        };
        Self {
            puppet: Arc::clone(&animation.puppet),
            mirrored,
            motion: animation.motion,
            seed: animation.seed,
            luma_texture: vertices.iter().map(|&v| texel(v, 1.0)).collect(),
            chroma_texture: vertices.iter().map(|&v| texel(v, 2.0)).collect(),
            centre: [figure_size.0 as f32 / 2.0, figure_size.1 as f32 / 2.0],
        }
    }

    /// Where each mesh vertex is on screen at `seconds` with the figure at `placement`.
    pub(super) fn on_screen(&self, seconds: f32, placement: &Placement) -> Vec<[f32; 2]> {
        self.place(&self.puppet.frame(self.motion, seconds, self.seed).positions, placement)
    }

    /// Mesh `positions` (in the figure's pixels) moved to the figure's `placement` on screen.
    fn place(&self, positions: &[[f32; 2]], placement: &Placement) -> Vec<[f32; 2]> {
        let (sin, cos) = placement.rotation_deg.to_radians().sin_cos();
        let mirror = if placement.flip { -1.0 } else { 1.0 };
        let scale = placement.scale;
        positions
            .iter()
            .map(|p| {
                let x = (p[0] - self.centre[0]) * scale * mirror;
                let y = (p[1] - self.centre[1]) * scale;
                [placement.center_x + cos * x - sin * y, placement.center_y + sin * x + cos * y]
            })
            .collect()
    }

    /// Draws the figure with its mesh at `screen` (from [`Self::on_screen`], `mirrored`
    /// when the placement flips it) over the planes.
    pub(super) fn draw(
        &self,
        layer: &FigureLayer,
        screen: &[[f32; 2]],
        mirrored: bool,
        luma: &mut [u8],
        cb: &mut [u8],
        cr: &mut [u8],
    ) {
        if screen.iter().any(|p| !(p[0].is_finite() && p[1].is_finite())) {
            return;
        }
        let mesh = if mirrored { &self.mirrored } else { self.puppet.mesh() };
        draw_plane(
            mesh,
            screen,
            &self.luma_texture,
            layer.luma(),
            (WIDTH, HEIGHT),
            |at, texel: u32, opaque| {
                let pixel = &mut luma[at];
                *pixel =
                    if opaque { texel.lane(0) as u8 } else { over(texel.lane(0), texel.lane(1), *pixel) };
            },
        );
        // A chroma sample covers a 2x2 block whose centre is the block's shared corner: in the
        // half-size grid that is the sample's own pixel centre.
        let halved: Vec<[f32; 2]> = screen.iter().map(|p| [p[0] / 2.0, p[1] / 2.0]).collect();
        let size = (CHROMA_WIDTH, CHROMA_HEIGHT);
        draw_plane(mesh, &halved, &self.chroma_texture, layer.chroma(), size, |at, texel: u64, _| {
            let alpha = texel.lane(2);
            cb[at] = over(texel.lane(0), alpha, cb[at]);
            cr[at] = over(texel.lane(1), alpha, cr[at]);
        });
    }
}

/// Walks every pixel of a `size` grid that the mesh (vertices at `grid`) covers, sampling
/// `plane` at the matching point of each triangle's rest position (`texture`, in texel units),
/// and hands `blend` the pixel's index with each sample that shows.
fn draw_plane<T: Lanes>(
    mesh: &Mesh,
    grid: &[[f32; 2]],
    texture: &[[f32; 2]],
    plane: &Plane<T>,
    size: (usize, usize),
    mut blend: impl FnMut(usize, T, bool),
) {
    let one = 1i64 << POSITION_BITS;
    // Rounded by adding a half and flooring, without a libm call (this runs for every span).
    let fixed = |value: f32| {
        let scaled = f64::from(value) * one as f64 + 0.5;
        let whole = scaled as i64;
        whole - i64::from((whole as f64) > scaled)
    };
    // Every tap of a bilinear sample stays inside the plane (its border is clear).
    let (max_x, max_y) = ((plane.width() as i64 - 1) * one - 1, (plane.height() as i64 - 1) * one - 1);
    let mut current = usize::MAX;
    let mut map = TriangleMap::default();
    spans_of(mesh, grid, size.0 as u32, size.1 as u32, |triangle, y, x0, x1| {
        if triangle != current {
            current = triangle;
            let corners = mesh.triangles[triangle].map(|i| i as usize);
            map = TriangleMap::new(corners.map(|i| grid[i]), corners.map(|i| texture[i]));
        }
        let [u, v] = map.at(x0 as f32 + 0.5, y as f32 + 0.5);
        let (mut px, mut py) = (fixed(u), fixed(v));
        let (step_x, step_y) = (fixed(map.du[0]), fixed(map.dv[0]));
        let row = y as usize * size.0;
        // The walk is a straight line: when both its ends lie inside the plane, all of it does
        // (rounding can put an edge pixel's sample a hair outside, hence the clamped walk).
        let last = i64::from(x1 - x0) - 1;
        let (end_x, end_y) = (px + last * step_x, py + last * step_y);
        let inside = |x: i64, y: i64| (0..=max_x).contains(&x) && (0..=max_y).contains(&y);
        if inside(px, py) && inside(end_x, end_y) {
            for x in x0 as usize..x1 as usize {
                if let Some((texel, opaque)) = plane.sample(px, py) {
                    blend(row + x, texel, opaque);
                }
                px += step_x;
                py += step_y;
            }
        } else {
            for x in x0 as usize..x1 as usize {
                if let Some((texel, opaque)) = plane.sample(px.clamp(0, max_x), py.clamp(0, max_y)) {
                    blend(row + x, texel, opaque);
                }
                px += step_x;
                py += step_y;
            }
        }
    });
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::frames::figure::{draw_figure, figure_layer};
    use image::RgbaImage;

    /// The boy from the fixture drawings, cut out as the pictures use him.
    pub(crate) fn boy() -> RgbaImage {
        let drawing = image::open(fixtures::drawing("boy-purple.png")).expect("the drawing").into_rgba8();
        let mask = image::open(fixtures::drawing("boy-purple.mask.png")).expect("its mask").into_luma8();
        render::prepare_figure(&drawing, &mask).expect("a figure").figure().clone()
    }

    #[test]
    fn at_rest_the_bent_figure_is_drawn_like_the_still_one() {
        let figure = boy();
        let rig = render::find_rig(&figure).expect("the boy has a skeleton");
        let animation = render::animate(&figure, &rig, Motion::Walk, 1).expect("it meshes");
        for placement in [
            Placement { center_x: 640.0, center_y: 400.0, scale: 1.0, rotation_deg: 0.0, flip: false },
            Placement { center_x: 401.3, center_y: 359.7, scale: 0.77, rotation_deg: 1.1, flip: false },
            Placement { center_x: 700.0, center_y: 380.0, scale: 0.6, rotation_deg: -2.0, flip: true },
        ] {
            let layer = figure_layer(&figure, &placement, &placement).expect("a figure");
            let posed = PosedFigure::new(&animation, &layer, figure.dimensions());
            let mut still = vec![128u8; WIDTH * HEIGHT * 3 / 2];
            let mut bent = still.clone();
            let (luma, rest) = still.split_at_mut(WIDTH * HEIGHT);
            let (cb, cr) = rest.split_at_mut(CHROMA_WIDTH * CHROMA_HEIGHT);
            draw_figure(&layer, figure.dimensions(), &placement, luma, cb, cr);
            let screen = posed.place(&animation.puppet.mesh().vertices, &placement);
            let (luma, rest) = bent.split_at_mut(WIDTH * HEIGHT);
            let (cb, cr) = rest.split_at_mut(CHROMA_WIDTH * CHROMA_HEIGHT);
            posed.draw(&layer, &screen, placement.flip, luma, cb, cr);
            let differences: Vec<u8> = still.iter().zip(&bent).map(|(a, b)| a.abs_diff(*b)).collect();
            let touched = still.iter().filter(|&&v| v != 128).count();
            let total: u64 = differences.iter().map(|&d| u64::from(d)).sum();
            let mean = total as f64 / touched as f64;
            let worst = differences.iter().copied().max().unwrap_or(0);
            // Only the outline's faintest pixels may differ a little: the mesh follows the
            // outline to within a pixel, and triangle by triangle rounds a little differently.
            assert!(mean < 0.1, "mean difference {mean:.3} over {touched} figure samples");
            assert!(worst <= 8, "a sample differs by {worst}");
        }
    }
}
