//! Which bones move which part of the drawing, and moving it: skinning that blends the bones'
//! turns as planar dual quaternions, so bends keep the strokes' thickness. Apart from
//! the motions because the weights are bound to one mesh and one rig, computed once, while
//! poses change every frame.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use model::Rig;

use crate::contour::segment_distance;
use crate::mesh::{signed_area, Mesh};
use crate::motion::Pose;
use crate::rigging::check_rig;
use crate::RigError;

/// A 2-D affine map `[a, b, c, d, tx, ty]`: `x' = a x + b y + tx`, `y' = c x + d y + ty`.
type Affine = [f32; 6];

/// Rounds of neighbour averaging applied to the weights.
const SMOOTHING_ROUNDS: usize = 3;

const IDENTITY: Affine = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn apply(m: &Affine, p: [f32; 2]) -> [f32; 2] {
    [m[0] * p[0] + m[1] * p[1] + m[4], m[2] * p[0] + m[3] * p[1] + m[5]]
}

/// `m` after `n` (n first).
fn compose(m: &Affine, n: &Affine) -> Affine {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[0] * n[4] + m[1] * n[5] + m[4],
        m[2] * n[4] + m[3] * n[5] + m[5],
    ]
}

fn rotation_about(p: [f32; 2], angle: f32) -> Affine {
    let (s, c) = angle.sin_cos();
    [c, -s, s, c, p[0] - c * p[0] + s * p[1], p[1] - s * p[0] - c * p[1]]
}

/// The weights binding a mesh to a rig.
#[derive(Debug, Clone, PartialEq)]
pub struct Skin {
    rest: Vec<[f32; 2]>,
    parent: Vec<Option<usize>>,
    /// Joints, parents before children.
    order: Vec<usize>,
    /// Per vertex, up to four (joint, weight) pairs summing to one: the joints whose turn moves
    /// that vertex (a bone moves with the joint it starts from).
    influences: Vec<[(u32, f32); 4]>,
}

impl Skin {
    /// Binds each mesh vertex to the bones nearest to it *through the figure* (distance along
    /// the mesh, not straight across paper), so an arm drawn close to the body, or two legs side
    /// by side, do not drag each other; weights fall off smoothly so joints bend rather than
    /// crease.
    pub fn new(mesh: &Mesh, rig: &Rig) -> Result<Self, RigError> {
        check_rig(rig)?;
        let index = |id: u32| rig.joints.iter().position(|j| j.id == id);
        let rest: Vec<[f32; 2]> = rig.joints.iter().map(|j| [j.x, j.y]).collect();
        let parent: Vec<Option<usize>> = rig.joints.iter().map(|j| j.parent.and_then(index)).collect();
        let root = parent.iter().position(Option::is_none).unwrap_or(0);
        let mut order = vec![root];
        let mut i = 0;
        while i < order.len() {
            let p = order[i];
            order.extend((0..rest.len()).filter(|&c| parent[c] == Some(p)));
            i += 1;
        }

        let bones: Vec<(usize, [f32; 2], [f32; 2])> =
            (0..rest.len()).filter_map(|j| parent[j].map(|p| (p, rest[p], rest[j]))).collect();
        let n = mesh.vertices.len();
        if bones.is_empty() {
            return Ok(Self {
                rest,
                parent,
                order,
                influences: vec![[(root as u32, 1.0), (0, 0.0), (0, 0.0), (0, 0.0)]; n],
            });
        }
        let (x0, y0, x1, y1) =
            mesh.vertices.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |(a, b, c, d), p| {
                (a.min(p[0]), b.min(p[1]), c.max(p[0]), d.max(p[1]))
            });
        let diagonal = (x1 - x0).hypot(y1 - y0).max(1.0);
        // Bones share a vertex over about a twentieth of the figure: wide enough that a raised arm
        // bends through its shoulder instead of creasing at one line of triangles.
        let blend = (0.05 * (x1 - x0).max(y1 - y0)).max(2.0);

        let graph = Adjacency::new(mesh);
        let distances: Vec<Vec<f32>> =
            bones.iter().map(|&(_, a, b)| graph.distance_from_bone(mesh, a, b, diagonal)).collect();

        // Dense weights first: a falloff by how much farther each bone is than the nearest.
        let joints = rest.len();
        let mut dense = vec![0.0f32; n * joints];
        for v in 0..n {
            let nearest = distances.iter().map(|d| d[v]).fold(f32::INFINITY, f32::min);
            let row = &mut dense[v * joints..(v + 1) * joints];
            for (bone, d) in bones.iter().zip(&distances) {
                let excess = (d[v] - nearest) / blend;
                if excess < 3.0 {
                    row[bone.0] += (-excess * excess).exp();
                }
            }
            let total: f32 = row.iter().sum();
            row.iter_mut().for_each(|w| *w /= total.max(1e-12));
        }
        // Walking distances along mesh edges jitter by a fraction of an edge from vertex to
        // vertex; a few rounds of averaging with the neighbours take the jitter out of the
        // weights, so a bend spreads evenly instead of creasing a few triangles.
        let mut next = dense.clone();
        for _ in 0..SMOOTHING_ROUNDS {
            for v in 0..n {
                let around = &graph.to[graph.start[v]..graph.start[v + 1]];
                if around.is_empty() {
                    continue;
                }
                let share = 0.5 / around.len() as f32;
                for j in 0..joints {
                    let mean: f32 = around.iter().map(|&(u, _)| dense[u as usize * joints + j]).sum();
                    next[v * joints + j] = 0.5 * dense[v * joints + j] + share * mean;
                }
            }
            std::mem::swap(&mut dense, &mut next);
        }

        let mut influences = Vec::with_capacity(n);
        for v in 0..n {
            let row = &dense[v * joints..(v + 1) * joints];
            let mut ranked: Vec<(usize, f32)> =
                row.iter().copied().enumerate().filter(|(_, w)| *w > 1e-3).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(4);
            let total: f32 = ranked.iter().map(|(_, w)| w).sum();
            let mut slots = [(root as u32, 0.0f32); 4];
            for (slot, (joint, weight)) in slots.iter_mut().zip(&ranked) {
                *slot = (*joint as u32, weight / total);
            }
            if ranked.is_empty() {
                slots[0].1 = 1.0;
            }
            influences.push(slots);
        }
        Ok(Self { rest, parent, order, influences })
    }

    /// The whole-figure move: squash about the pivot, turn about it, shift.
    fn whole(pose: &Pose) -> Affine {
        let [sx, sy] = pose.scale;
        let [px, py] = pose.pivot;
        let squash: Affine = [sx, 0.0, 0.0, sy, px - sx * px, py - sy * py];
        let turn = rotation_about(pose.pivot, pose.turn);
        let shift: Affine = [1.0, 0.0, 0.0, 1.0, pose.offset[0], pose.offset[1]];
        compose(&shift, &compose(&turn, &squash))
    }

    /// Each joint's rigid motion from rest (before the whole-figure move): its own turn and its
    /// ancestors', with the total angle kept so blending knows the way round.
    fn motions(&self, pose: &Pose) -> Vec<(f32, Affine)> {
        let mut maps = vec![(0.0f32, IDENTITY); self.rest.len()];
        for &j in &self.order {
            let (above_angle, above) = self.parent[j].map_or((0.0, IDENTITY), |p| maps[p]);
            let angle = pose.angles.get(j).copied().unwrap_or(0.0);
            maps[j] = (above_angle + angle, compose(&above, &rotation_about(self.rest[j], angle)));
        }
        maps
    }

    /// Where the mesh's vertices go in this pose (written into `out`). The joints' rigid
    /// motions are blended as planar dual quaternions rather than averaged as points: averaging
    /// two rotations of an elbow pulls the skin in towards the joint (the drawing's strokes
    /// shrink and the inside of the bend folds), blending them turns it half way instead.
    pub fn deform_into(&self, mesh: &Mesh, pose: &Pose, out: &mut Vec<[f32; 2]>) {
        let whole = Self::whole(pose);
        // Per joint: cos and sin of half the angle, and the dual part (dx, dy).
        let duals: Vec<[f32; 4]> = self
            .motions(pose)
            .iter()
            .map(|&(angle, m)| {
                let (z, w) = (0.5 * angle).sin_cos();
                let (tx, ty) = (m[4], m[5]);
                [w, z, 0.5 * (w * tx + z * ty), 0.5 * (w * ty - z * tx)]
            })
            .collect();
        out.clear();
        out.extend(mesh.vertices.iter().zip(&self.influences).map(|(&v, slots)| {
            let first = duals[slots[0].0 as usize];
            let mut q = [0.0f32; 4];
            for &(joint, weight) in slots {
                if weight > 0.0 {
                    let d = duals[joint as usize];
                    // The same rotation has two quaternions: take the one on first's side.
                    let sign = if d[0] * first[0] + d[1] * first[1] < 0.0 { -weight } else { weight };
                    for k in 0..4 {
                        q[k] += sign * d[k];
                    }
                }
            }
            let norm = q[0].hypot(q[1]).max(1e-12);
            let [w, z, dx, dy] = q.map(|c| c / norm);
            let (cos, sin) = (w * w - z * z, 2.0 * w * z);
            let (tx, ty) = (2.0 * (w * dx - z * dy), 2.0 * (w * dy + z * dx));
            apply(&whole, [cos * v[0] - sin * v[1] + tx, sin * v[0] + cos * v[1] + ty])
        }));
    }

    /// Where the joints are in this pose, in the rig's order.
    pub fn posed_joints(&self, pose: &Pose) -> Vec<[f32; 2]> {
        let whole = Self::whole(pose);
        let maps = self.motions(pose);
        (0..self.rest.len())
            .map(|j| {
                let local = self.parent[j].map_or(self.rest[j], |p| apply(&maps[p].1, self.rest[j]));
                apply(&whole, local)
            })
            .collect()
    }

    /// The joints whose turns move this vertex: those it is bound to and everything above them.
    pub(crate) fn movers(&self, vertex: usize, out: &mut Vec<usize>) {
        for &(joint, weight) in &self.influences[vertex] {
            if weight > 0.0 {
                let mut cur = Some(joint as usize);
                while let Some(j) = cur {
                    if !out.contains(&j) {
                        out.push(j);
                    }
                    cur = self.parent[j];
                }
            }
        }
    }

    /// The joint that moves this vertex most.
    pub fn dominant(&self, vertex: usize) -> usize {
        self.influences[vertex].iter().max_by(|a, b| a.1.total_cmp(&b.1)).map_or(0, |&(j, _)| j as usize)
    }
}

/// The mesh's edges with their lengths, for shortest paths through the figure.
struct Adjacency {
    start: Vec<usize>,
    to: Vec<(u32, f32)>,
}

#[derive(PartialEq)]
struct Visit(f32, u32);

impl Eq for Visit {}

impl Ord for Visit {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Visit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Adjacency {
    fn new(mesh: &Mesh) -> Self {
        let n = mesh.vertices.len();
        let edges = mesh.edges();
        let mut count = vec![0usize; n + 1];
        for &(a, b) in &edges {
            count[a as usize + 1] += 1;
            count[b as usize + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut to = vec![(0u32, 0.0f32); edges.len() * 2];
        for &(a, b) in &edges {
            let (pa, pb) = (mesh.vertices[a as usize], mesh.vertices[b as usize]);
            let len = (pa[0] - pb[0]).hypot(pa[1] - pb[1]);
            to[fill[a as usize]] = (b, len);
            fill[a as usize] += 1;
            to[fill[b as usize]] = (a, len);
            fill[b as usize] += 1;
        }
        Self { start: count, to }
    }

    /// Distance from each vertex to the bone `a`-`b`, walking inside the mesh from the
    /// triangles the bone crosses; straight-line distance plus the figure's diagonal for
    /// vertices no walk reaches (a separate speck of the drawing).
    fn distance_from_bone(&self, mesh: &Mesh, a: [f32; 2], b: [f32; 2], diagonal: f32) -> Vec<f32> {
        let n = mesh.vertices.len();
        let mut best = vec![f32::INFINITY; n];
        let mut heap = BinaryHeap::new();
        for t in &mesh.triangles {
            let corners = t.map(|i| mesh.vertices[i as usize]);
            if crosses(corners, a, b) {
                for &i in t {
                    let d = segment_distance(mesh.vertices[i as usize], a, b);
                    if d < best[i as usize] {
                        best[i as usize] = d;
                        heap.push(Visit(d, i));
                    }
                }
            }
        }
        if heap.is_empty() {
            // The bone lies off the figure (a joint moved onto the paper): fall back to
            // straight-line distance.
            return mesh.vertices.iter().map(|&v| segment_distance(v, a, b)).collect();
        }
        while let Some(Visit(d, v)) = heap.pop() {
            if d > best[v as usize] {
                continue;
            }
            for &(next, len) in &self.to[self.start[v as usize]..self.start[v as usize + 1]] {
                let nd = d + len;
                if nd < best[next as usize] {
                    best[next as usize] = nd;
                    heap.push(Visit(nd, next));
                }
            }
        }
        for (v, d) in best.iter_mut().enumerate() {
            if !d.is_finite() {
                *d = segment_distance(mesh.vertices[v], a, b) + diagonal;
            }
        }
        best
    }
}

/// Whether the segment `a`-`b` touches the triangle.
fn crosses(t: [[f32; 2]; 3], a: [f32; 2], b: [f32; 2]) -> bool {
    let inside = |p: [f32; 2]| {
        let d0 = signed_area(t[0], t[1], p);
        let d1 = signed_area(t[1], t[2], p);
        let d2 = signed_area(t[2], t[0], p);
        (d0 >= 0.0 && d1 >= 0.0 && d2 >= 0.0) || (d0 <= 0.0 && d1 <= 0.0 && d2 <= 0.0)
    };
    if inside(a) || inside(b) {
        return true;
    }
    (0..3).any(|k| segments_cross(a, b, t[k], t[(k + 1) % 3]))
}

fn segments_cross(p: [f32; 2], q: [f32; 2], r: [f32; 2], s: [f32; 2]) -> bool {
    let d1 = signed_area(r, s, p);
    let d2 = signed_area(r, s, q);
    let d3 = signed_area(p, q, r);
    let d4 = signed_area(p, q, s);
    ((d1 > 0.0) != (d2 > 0.0)) && ((d3 > 0.0) != (d4 > 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Joint, JointKind, Limb, LimbKind};

    fn strip() -> Mesh {
        // A 100 x 10 strip, two triangles per 10-px cell.
        let mut vertices = Vec::new();
        for x in 0..=10 {
            vertices.push([x as f32 * 10.0, 0.0]);
            vertices.push([x as f32 * 10.0, 10.0]);
        }
        let mut triangles = Vec::new();
        for x in 0..10u32 {
            let (a, b, c, d) = (2 * x, 2 * x + 1, 2 * x + 2, 2 * x + 3);
            triangles.push([a, c, b]);
            triangles.push([c, d, b]);
        }
        Mesh { vertices, triangles }
    }

    fn arm() -> Rig {
        let joint = |id, x, parent, kind| Joint { id, x, y: 5.0, parent, kind };
        Rig {
            joints: vec![
                joint(0, 5.0, None, JointKind::Body),
                joint(1, 50.0, Some(0), JointKind::Arm),
                joint(2, 95.0, Some(1), JointKind::Arm),
            ],
            limbs: vec![Limb { kind: LimbKind::Arm, joints: vec![1, 2] }],
        }
    }

    #[test]
    fn weights_sum_to_one_and_follow_the_bones() {
        let mesh = strip();
        assert!(mesh.signed_areas(&mesh.vertices).iter().all(|&a| a > 0.0));
        let skin = Skin::new(&mesh, &arm()).expect("binds");
        for slots in &skin.influences {
            let total: f32 = slots.iter().map(|s| s.1).sum();
            assert!((total - 1.0).abs() < 1e-4);
        }
        assert_eq!(skin.dominant(0), 0, "the left end follows the body");
        assert_eq!(skin.dominant(21), 1, "the right end follows the forearm's joint");
    }

    #[test]
    fn rest_pose_is_identity_and_turns_carry_down() {
        let mesh = strip();
        let skin = Skin::new(&mesh, &arm()).expect("binds");
        let mut out = Vec::new();
        skin.deform_into(&mesh, &Pose::rest(3), &mut out);
        for (p, q) in out.iter().zip(&mesh.vertices) {
            assert!((p[0] - q[0]).abs() < 1e-4 && (p[1] - q[1]).abs() < 1e-4);
        }
        let mut pose = Pose::rest(3);
        pose.angles[1] = std::f32::consts::FRAC_PI_2;
        let joints = skin.posed_joints(&pose);
        // The elbow turns by 90 degrees clockwise on screen: the hand goes straight down.
        assert!((joints[2][0] - 50.0).abs() < 1e-3 && (joints[2][1] - 50.0).abs() < 1e-3, "{joints:?}");
        assert_eq!(joints[1], [50.0, 5.0]);
        pose.offset = [3.0, -2.0];
        assert!((skin.posed_joints(&pose)[0][0] - 8.0).abs() < 1e-4);
    }

    #[test]
    fn a_rig_with_an_unknown_parent_is_refused() {
        let mut rig = arm();
        rig.joints[2].parent = Some(9);
        assert!(matches!(Skin::new(&strip(), &rig), Err(RigError::InvalidRig(_))));
    }
}
