//! One figure ready to move: its rig, mesh and skin bound together, and the guard that keeps
//! every frame from folding the drawing over itself. This is the face the video pipeline and
//! the window will use; the pieces stay reachable for tools and tests.

use image::GrayImage;
use model::Rig;

use crate::mesh::{Mesh, MeshOptions};
use crate::motion::{Anatomy, Motion, Pose};
use crate::rigging::build_rig;
use crate::skin::Skin;
use crate::RigError;

/// A triangle may shrink to this share of its rest area (after the whole figure's squash) and
/// no further: below it the strokes inside it would smear into a line, and at zero it flips.
const MIN_AREA_SHARE: f32 = 0.05;
/// Rounds of holding back the joints behind folding triangles (each round takes the joints
/// behind whatever still folds).
const HOLD_ROUNDS: usize = 4;

/// A figure with its rig, mesh and skin.
#[derive(Debug, Clone)]
pub struct Puppet {
    rig: Rig,
    mesh: Mesh,
    skin: Skin,
    anatomy: Anatomy,
    rest_areas: Vec<f32>,
    bounds: [f32; 4],
}

/// One posed frame of the figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Where each mesh vertex is, in the mask's pixel coordinates.
    pub positions: Vec<[f32; 2]>,
    /// The least share of any joint's turn that was used (1 = the pose as asked; less when the
    /// full pose would have folded a triangle over).
    pub bend: f32,
}

impl Puppet {
    /// Finds the rig in the mask (255 = figure) and meshes the figure.
    pub fn from_mask(mask: &GrayImage) -> Result<Self, RigError> {
        let rig = build_rig(mask)?;
        Self::with_rig(mask, rig)
    }

    /// Meshes the figure and binds it to a given rig (a parent's corrected one, or a saved one).
    pub fn with_rig(mask: &GrayImage, rig: Rig) -> Result<Self, RigError> {
        let mesh = Mesh::from_mask(mask, &MeshOptions::for_mask(mask))?;
        let skin = Skin::new(&mesh, &rig)?;
        let bounds = mesh.vertices.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, p| {
            [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
        });
        let anatomy = Anatomy::new(&rig, bounds);
        let rest_areas = mesh.signed_areas(&mesh.vertices);
        Ok(Self { rig, mesh, skin, anatomy, rest_areas, bounds })
    }

    pub fn rig(&self) -> &Rig {
        &self.rig
    }

    pub fn mesh(&self) -> &Mesh {
        &self.mesh
    }

    pub fn skin(&self) -> &Skin {
        &self.skin
    }

    /// The mesh's extent at rest: `[left, top, right, bottom]`.
    pub fn bounds(&self) -> [f32; 4] {
        self.bounds
    }

    /// The pose of `motion` at `t` seconds for `seed`.
    pub fn pose(&self, motion: Motion, t: f32, seed: u64) -> Pose {
        crate::motion::pose(motion, &self.anatomy, t, seed)
    }

    /// The frame of `motion` at `t` seconds for `seed`.
    pub fn frame(&self, motion: Motion, t: f32, seed: u64) -> Frame {
        self.deform(&self.pose(motion, t, seed))
    }

    /// The mesh in `pose`, with the bending scaled back just enough that no triangle folds
    /// over or collapses. Only the joints that move a failing triangle are held back (a boy
    /// raising his arm high squeezes his shoulder; his legs keep walking), by the largest share
    /// that works, found by halving; the whole-figure move is kept, as moving the figure as a
    /// whole never folds it.
    pub fn deform(&self, pose: &Pose) -> Frame {
        let mut positions = Vec::with_capacity(self.mesh.vertices.len());
        self.skin.deform_into(&self.mesh, pose, &mut positions);
        let mut failing = self.failing(&positions, pose);
        if failing.is_empty() {
            return Frame { positions, bend: 1.0 };
        }
        let mut held = pose.clone();
        let mut culprits = Vec::new();
        let mut trial = Vec::with_capacity(positions.len());
        for _ in 0..HOLD_ROUNDS {
            culprits.clear();
            for &t in &failing {
                self.triangle_movers(t, &mut culprits);
            }
            culprits.retain(|&j| held.angles.get(j).is_some_and(|a| *a != 0.0));
            if culprits.is_empty() {
                break;
            }
            let scaled = |share: f32| {
                let mut p = held.clone();
                for &j in &culprits {
                    p.angles[j] *= share;
                }
                p
            };
            let (mut good, mut bad) = (0.0f32, 1.0f32);
            for _ in 0..7 {
                let mid = 0.5 * (good + bad);
                let candidate = scaled(mid);
                self.skin.deform_into(&self.mesh, &candidate, &mut trial);
                let mut movers = Vec::new();
                let clear = self.failing(&trial, &candidate).iter().all(|&t| {
                    movers.clear();
                    self.triangle_movers(t, &mut movers);
                    !movers.iter().any(|j| culprits.contains(j))
                });
                if clear {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            held = scaled(good);
            self.skin.deform_into(&self.mesh, &held, &mut positions);
            failing = self.failing(&positions, &held);
            if failing.is_empty() {
                return Frame { positions, bend: self.bend_used(pose, &held) };
            }
        }
        // Still folding (a parent's odd rig, say): no bending at all always works.
        let held = held.with_bend(0.0);
        self.skin.deform_into(&self.mesh, &held, &mut positions);
        Frame { positions, bend: 0.0 }
    }

    fn triangle_movers(&self, t: usize, out: &mut Vec<usize>) {
        for &v in &self.mesh.triangles[t] {
            self.skin.movers(v as usize, out);
        }
    }

    /// The smallest share of any joint's turn that was kept.
    fn bend_used(&self, pose: &Pose, held: &Pose) -> f32 {
        pose.angles
            .iter()
            .zip(&held.angles)
            .filter(|(a, _)| a.abs() > 1e-6)
            .map(|(a, h)| h / a)
            .fold(1.0f32, f32::min)
    }

    /// The triangles folded over or squeezed below their share of area.
    fn failing(&self, positions: &[[f32; 2]], pose: &Pose) -> Vec<usize> {
        let squash = (pose.scale[0] * pose.scale[1]).abs();
        self.mesh
            .signed_areas(positions)
            .iter()
            .zip(&self.rest_areas)
            .enumerate()
            .filter(|(_, (&now, &rest))| now < MIN_AREA_SHARE * squash * rest)
            .map(|(t, _)| t)
            .collect()
    }
}
