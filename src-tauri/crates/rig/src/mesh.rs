//! The figure as triangles: what gets bent. Kept apart from the skeleton because it is rebuilt
//! from the mask whenever needed (it is never saved) while the skeleton is what a parent edits.

use std::collections::HashSet;

use image::GrayImage;
use spade::{AngleLimit, ConstrainedDelaunayTriangulation, Point2, RefinementParameters, Triangulation};

use crate::contour::{simplify, trace, Outline};
use crate::raster::{distance_to_paper, Bits};
use crate::RigError;

/// A triangle mesh of the figure. Rest positions double as texture coordinates: a vertex at
/// `(x, y)` shows the cut-out's pixel at `(x, y)` wherever it moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    pub vertices: Vec<[f32; 2]>,
    /// Vertex indices, each triangle with a positive signed area (see [`signed_area`]).
    pub triangles: Vec<[u32; 3]>,
}

/// How finely the figure is cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeshOptions {
    /// Distance between interior grid points, in pixels; no triangle is larger than half a
    /// square of this side.
    pub spacing: f32,
    /// How far the outline may stray from the mask's edge, in pixels.
    pub tolerance: f32,
}

impl MeshOptions {
    /// About 24 grid steps across the figure's longer side: enough for smooth bends at
    /// elbows and knees, few enough to deform in well under a millisecond.
    pub fn for_mask(mask: &GrayImage) -> Self {
        let bits = Bits::from_mask(mask);
        let long = bits.bounds().map_or(1, |(x0, y0, x1, y1)| (x1 - x0).max(y1 - y0)) as f32;
        Self { spacing: (long / 24.0).clamp(4.0, 64.0), tolerance: 0.6 }
    }
}

/// Twice the signed area of triangle `a`, `b`, `c` in image coordinates (y down): positive
/// when `a` → `b` → `c` turns clockwise on screen.
pub fn signed_area(a: [f32; 2], b: [f32; 2], c: [f32; 2]) -> f32 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

impl Mesh {
    /// Triangulates the figure (255 = figure) inside its outlines, holes left open.
    pub fn from_mask(mask: &GrayImage, options: &MeshOptions) -> Result<Mesh, RigError> {
        let bits = Bits::from_mask(mask);
        if bits.count() == 0 {
            return Err(RigError::EmptyMask);
        }
        let spacing = options.spacing.max(2.0);
        let rings: Vec<Vec<[f32; 2]>> = trace(&bits)
            .into_iter()
            .filter(|outline| keep_outline(outline, spacing))
            .map(|outline| simplify(&outline.points, options.tolerance))
            .filter(|ring| ring.len() >= 3)
            .collect();
        if rings.is_empty() {
            return Err(RigError::TooSmall);
        }

        let mut cdt: ConstrainedDelaunayTriangulation<Point2<f64>> = ConstrainedDelaunayTriangulation::new();
        for ring in &rings {
            let mut handles = Vec::with_capacity(ring.len());
            for p in ring {
                handles.push(cdt.insert(Point2::new(f64::from(p[0]), f64::from(p[1])))?);
            }
            for i in 0..handles.len() {
                let (a, b) = (handles[i], handles[(i + 1) % handles.len()]);
                if a != b {
                    // Splitting rather than refusing: a simplified pen line may graze itself.
                    cdt.add_constraint_and_split(a, b, |p| p);
                }
            }
        }

        // Interior points on a staggered grid, kept half a step clear of the outline so no
        // sliver is wedged against it.
        let inside = distance_to_paper(&bits);
        let clearance = (0.5 * spacing).max(1.5);
        let row_step = spacing * 0.866;
        let mut row = 0usize;
        let mut y = 0.5 * row_step + 0.25;
        while y < bits.height as f32 {
            let mut x = if row.is_multiple_of(2) { 0.5 * spacing } else { spacing } + 0.25;
            while x < bits.width as f32 {
                let (px, py) = (x as usize, y as usize);
                if inside[py * bits.width + px] >= clearance {
                    cdt.insert(Point2::new(f64::from(x), f64::from(y)))?;
                }
                x += spacing;
            }
            y += row_step;
            row += 1;
        }

        let max_area = f64::from(spacing * spacing * 0.5);
        let budget = cdt.num_vertices() * 4 + 2000;
        let result = cdt.refine(
            RefinementParameters::new()
                .exclude_outer_faces(true)
                .with_max_allowed_area(max_area)
                .with_min_required_area(0.5)
                .with_angle_limit(AngleLimit::from_deg(22.0))
                .with_max_additional_vertices(budget),
        );
        if !result.refinement_complete {
            tracing::debug!(vertices = cdt.num_vertices(), "mesh refinement stopped at its vertex budget");
        }
        let outside: HashSet<_> = result.excluded_faces.into_iter().collect();

        // Paper pixels' distance to the figure: a triangle whose centre is more than a pixel
        // and a half off the figure came from an outline grazing itself, not from the drawing.
        let paper =
            Bits { width: bits.width, height: bits.height, data: bits.data.iter().map(|&on| !on).collect() };
        let off_figure = distance_to_paper(&paper);

        let mut index = vec![u32::MAX; cdt.num_vertices()];
        let mut mesh = Mesh { vertices: Vec::new(), triangles: Vec::new() };
        for face in cdt.inner_faces() {
            if outside.contains(&face.fix()) {
                continue;
            }
            let corners = face.vertices();
            let points = corners.map(|v| {
                let p = v.position();
                [p.x as f32, p.y as f32]
            });
            let (cx, cy) = (
                (points[0][0] + points[1][0] + points[2][0]) / 3.0,
                (points[0][1] + points[1][1] + points[2][1]) / 3.0,
            );
            let (px, py) = (cx.max(0.0) as usize, cy.max(0.0) as usize);
            if px >= bits.width || py >= bits.height || off_figure[py * bits.width + px] > 1.5 {
                continue;
            }
            let mut ids = [0u32; 3];
            for (slot, vertex) in ids.iter_mut().zip(corners) {
                let i = vertex.fix().index();
                if index[i] == u32::MAX {
                    index[i] = mesh.vertices.len() as u32;
                    let p = vertex.position();
                    mesh.vertices.push([p.x as f32, p.y as f32]);
                }
                *slot = index[i];
            }
            let area = signed_area(points[0], points[1], points[2]);
            if area == 0.0 {
                continue;
            }
            if area < 0.0 {
                ids.swap(1, 2);
            }
            mesh.triangles.push(ids);
        }
        if mesh.triangles.is_empty() {
            return Err(RigError::TooSmall);
        }
        Ok(mesh)
    }

    /// Each triangle's signed area (twice it) with the vertices at `positions`.
    pub fn signed_areas(&self, positions: &[[f32; 2]]) -> Vec<f32> {
        self.triangles
            .iter()
            .map(|t| {
                signed_area(positions[t[0] as usize], positions[t[1] as usize], positions[t[2] as usize])
            })
            .collect()
    }

    /// Every edge once, as (lower index, higher index), sorted.
    pub fn edges(&self) -> Vec<(u32, u32)> {
        let mut edges: Vec<(u32, u32)> = self
            .triangles
            .iter()
            .flat_map(|t| [(t[0], t[1]), (t[1], t[2]), (t[2], t[0])])
            .map(|(a, b)| (a.min(b), a.max(b)))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        edges
    }
}

/// Specks of figure smaller than a few pixels and holes smaller than a quarter grid cell are
/// not worth triangles: the cut-out is transparent in such a hole anyway.
fn keep_outline(outline: &Outline, spacing: f32) -> bool {
    let area = outline.signed_area();
    if outline.hole {
        -area >= (0.5 * spacing).powi(2)
    } else {
        area >= 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    fn ring_mask() -> GrayImage {
        GrayImage::from_fn(120, 100, |x, y| {
            let (dx, dy) = (x as f32 + 0.5 - 60.0, y as f32 + 0.5 - 50.0);
            let r = (dx * dx + dy * dy).sqrt();
            Luma([if (18.0..40.0).contains(&r) { 255 } else { 0 }])
        })
    }

    #[test]
    fn a_ring_is_covered_inside_the_mask_with_its_hole_open() {
        let mask = ring_mask();
        let options = MeshOptions { spacing: 8.0, tolerance: 0.6 };
        let mesh = Mesh::from_mask(&mask, &options).expect("a ring meshes");
        let mut area = 0.0;
        for (t, twice) in mesh.triangles.iter().zip(mesh.signed_areas(&mesh.vertices)) {
            assert!(twice > 0.0, "triangle {t:?} is not oriented");
            assert!(twice * 0.5 <= 32.0 + 1e-3, "triangle {t:?} is bigger than half a grid cell");
            area += twice * 0.5;
            let c = t.iter().fold([0.0f32; 2], |acc, &i| {
                let p = mesh.vertices[i as usize];
                [acc[0] + p[0] / 3.0, acc[1] + p[1] / 3.0]
            });
            let r = ((c[0] - 60.0).powi(2) + (c[1] - 50.0).powi(2)).sqrt();
            assert!((17.0..41.0).contains(&r), "triangle centre at radius {r} is outside the ring");
        }
        let pixels = mask.pixels().filter(|p| p.0[0] == 255).count() as f32;
        assert!((area - pixels).abs() < pixels * 0.03, "mesh area {area} vs {pixels} pixels");
    }

    #[test]
    fn the_same_mask_gives_the_same_mesh() {
        let mask = ring_mask();
        let options = MeshOptions::for_mask(&mask);
        assert_eq!(Mesh::from_mask(&mask, &options).ok(), Mesh::from_mask(&mask, &options).ok());
    }

    #[test]
    fn an_empty_mask_is_refused() {
        let mask = GrayImage::new(10, 10);
        assert!(matches!(Mesh::from_mask(&mask, &MeshOptions::for_mask(&mask)), Err(RigError::EmptyMask)));
    }
}
