//! Reading a skeleton as a creature: which point is the body's centre, which blob is the head,
//! which branches are arms, legs, a tail or antennae. Kept apart from the geometry because these
//! are judgements about how children draw (upright, head on top or in front, legs below), and
//! they are the part a parent may correct.

use std::collections::BTreeMap;

use image::GrayImage;
use model::{Joint, JointKind, Limb, LimbKind, Rig};

use crate::raster::{components, distance_to_paper, fill_small_holes, shrink, Bits};
use crate::skeleton::{skeleton, SkeletonGraph};
use crate::RigError;

/// The skeleton is found on a copy of the figure this many pixels long at most: limbs are
/// tens of pixels there, and the result does not depend on how big the photo was.
const WORK_SIDE: f32 = 256.0;

/// Finds the figure's skeleton in its mask (255 = figure): a root at the body's centre, a
/// head when there is one, and a chain of joints for each limb, in the mask's pixel
/// coordinates. The same mask always gives the same rig.
pub fn build_rig(mask: &GrayImage) -> Result<Rig, RigError> {
    let work = Work::new(mask)?;
    let long = work.bits.width.max(work.bits.height) as f32;
    let graph = skeleton(&work.bits, &work.dist, 0.06 * long);
    Ok(read_creature(&work, &graph))
}

/// The figure's largest piece, cropped and shrunk to the working size.
pub(crate) struct Work {
    pub bits: Bits,
    pub dist: Vec<f32>,
    /// Work pixels per mask pixel.
    pub scale: f32,
    /// Where the work picture's top-left corner is in the mask.
    pub origin: [f32; 2],
}

impl Work {
    pub fn new(mask: &GrayImage) -> Result<Self, RigError> {
        let full = Bits::from_mask(mask);
        if full.count() == 0 {
            return Err(RigError::EmptyMask);
        }
        let (cropped, origin) = largest_piece(&full);
        let long = cropped.width.max(cropped.height) as f32;
        let scale = (WORK_SIDE / long).min(1.0);
        // Shrinking can drop a thin bridge: keep the largest piece again, and where its crop
        // sits in the shrunk picture.
        let (mut bits, inner) =
            if scale < 1.0 { largest_piece(&shrink(&cropped, scale, 0.35)) } else { (cropped, [0.0, 0.0]) };
        if bits.count() < 8 {
            return Err(RigError::TooSmall);
        }
        let area = bits.count();
        fill_small_holes(&mut bits, area * 3 / 200);
        let dist = distance_to_paper(&bits);
        let origin = [origin[0] + inner[0] / scale, origin[1] + inner[1] / scale];
        Ok(Self { bits, dist, scale, origin })
    }

    pub fn to_mask(&self, p: [f32; 2]) -> [f32; 2] {
        [p[0] / self.scale + self.origin[0], p[1] / self.scale + self.origin[1]]
    }
}

/// The biggest 8-connected piece, cropped with one pixel of paper around it, and where the
/// crop's corner is.
fn largest_piece(bits: &Bits) -> (Bits, [f32; 2]) {
    let (labels, sizes) = components(bits);
    let best = sizes.iter().enumerate().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0))).map_or(0, |(i, _)| i)
        as u32
        + 1;
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (i, &label) in labels.iter().enumerate() {
        if label == best {
            let (x, y) = (i % bits.width, i / bits.width);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x + 1);
            y1 = y1.max(y + 1);
        }
    }
    if x0 == usize::MAX {
        return (Bits::new(1, 1), [0.0, 0.0]);
    }
    let (w, h) = (x1 - x0 + 2, y1 - y0 + 2);
    let mut out = Bits::new(w, h);
    for y in y0..y1 {
        for x in x0..x1 {
            out.data[(y - y0 + 1) * w + (x - x0 + 1)] = labels[y * bits.width + x] == best;
        }
    }
    (out, [x0 as f32 - 1.0, y0 as f32 - 1.0])
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// The skeleton rooted at the body's centre.
struct Tree<'a> {
    graph: &'a SkeletonGraph,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    root: usize,
}

impl<'a> Tree<'a> {
    fn new(graph: &'a SkeletonGraph, root: usize) -> Self {
        let n = graph.points.len();
        let mut parent = vec![None; n];
        let mut children = vec![Vec::new(); n];
        let mut seen = vec![false; n];
        let mut queue = std::collections::VecDeque::from([root]);
        seen[root] = true;
        while let Some(p) = queue.pop_front() {
            for &q in &graph.neighbours[p] {
                if !seen[q] {
                    seen[q] = true;
                    parent[q] = Some(p);
                    children[p].push(q);
                    queue.push_back(q);
                }
            }
        }
        Self { graph, parent, children, root }
    }

    fn pos(&self, p: usize) -> [f32; 2] {
        self.graph.points[p]
    }

    fn r(&self, p: usize) -> f32 {
        self.graph.radius[p]
    }

    /// From `p` up to the root, both included.
    fn up(&self, p: usize) -> Vec<usize> {
        let mut path = vec![p];
        let mut cur = p;
        while let Some(next) = self.parent[cur] {
            path.push(next);
            cur = next;
        }
        path
    }

    fn reached(&self, p: usize) -> bool {
        p == self.root || self.parent[p].is_some()
    }
}

struct Head {
    centre: [f32; 2],
    /// Where the head turns on the body, and the far side of the head.
    neck: [f32; 2],
    top: [f32; 2],
    /// How far along the spine (root = 0) the neck is.
    neck_index: usize,
}

struct Found {
    kind: LimbKind,
    /// Along the centre line from base to tip, and how thick it is there (work pixels).
    length: f32,
    thickness: f32,
    /// Where on the spine it leaves (index along the spine, 0 = root).
    spine_index: usize,
    joints: Vec<[f32; 2]>,
}

fn read_creature(work: &Work, graph: &SkeletonGraph) -> Rig {
    let bits = &work.bits;
    // The body's centre: the widest point of the centre line, favouring the middle of the
    // figure so a big round head or a wide skirt does not win over the body between them.
    let (mut sx, mut sy, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &on) in bits.data.iter().enumerate() {
        if on {
            sx += (i % bits.width) as f64 + 0.5;
            sy += (i / bits.width) as f64 + 0.5;
            n += 1.0;
        }
    }
    let centroid = [(sx / n.max(1.0)) as f32, (sy / n.max(1.0)) as f32];
    let sigma = 0.35 * bits.width.max(bits.height) as f32;
    let score = |p: usize| {
        let d = dist(graph.points[p], centroid);
        graph.radius[p] * (-(d * d) / (2.0 * sigma * sigma)).exp()
    };
    let root =
        (0..graph.points.len()).max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a))).unwrap_or(0);
    let tree = Tree::new(graph, root);
    let c = tree.pos(root);
    let big_r = tree.r(root).max(1.0);
    let long = bits.width.max(bits.height) as f32;

    // The head: the biggest disc well clear of the body's own, not below the body's centre,
    // and a blob rather than a thick limb: nearly as big as the body, or past a neck.
    let necked = |p: usize| {
        let (q, r) = (tree.pos(p), tree.r(p));
        tree.up(p).iter().any(|&n| {
            let at = tree.pos(n);
            dist(at, c) >= big_r && dist(at, q) >= 0.6 * r && tree.r(n) < 0.8 * r
        })
    };
    let head_centre = (0..graph.points.len())
        .filter(|&p| p != root && tree.reached(p))
        .filter(|&p| {
            let (q, r) = (tree.pos(p), tree.r(p));
            r >= 0.3 * big_r
                && dist(q, c) >= big_r + 0.5 * r
                && q[1] <= c[1] + 0.25 * big_r
                && (r >= 0.55 * big_r || necked(p))
        })
        .max_by(|&a, &b| {
            tree.r(a).total_cmp(&tree.r(b)).then(tree.pos(b)[1].total_cmp(&tree.pos(a)[1])).then(b.cmp(&a))
        });
    let spine: Vec<usize> = match head_centre {
        Some(h) => {
            let mut path = tree.up(h);
            path.reverse();
            path
        }
        None => vec![root],
    };
    let mut head = head_centre.map(|h| {
        let (hp, hr) = (tree.pos(h), tree.r(h));
        let neck_index =
            (0..spine.len()).rev().find(|&i| dist(tree.pos(spine[i]), hp) >= 0.8 * hr).unwrap_or(0);
        let neck = tree.pos(spine[neck_index]);
        let away = [hp[0] - neck[0], hp[1] - neck[1]];
        let len = away[0].hypot(away[1]).max(1e-3);
        let top = [hp[0] + away[0] / len * 0.9 * hr, hp[1] + away[1] / len * 0.9 * hr];
        Head { centre: hp, neck, top, neck_index }
    });
    let spine_index: BTreeMap<usize, usize> = spine.iter().enumerate().map(|(i, &p)| (p, i)).collect();

    // Each loose end off the spine, grouped by where it leaves the spine and which way.
    let mut groups: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for leaf in 0..graph.points.len() {
        if !tree.reached(leaf) || !tree.children[leaf].is_empty() || spine_index.contains_key(&leaf) {
            continue;
        }
        let path = tree.up(leaf);
        let Some(at) = path.iter().position(|p| spine_index.contains_key(p)) else {
            continue;
        };
        if at == 0 {
            continue;
        }
        groups.entry((path[at], path[at - 1])).or_default().push(leaf);
    }

    let mut found = Vec::new();
    for ((s, _), leaves) in &groups {
        let (sp, sr) = (tree.pos(*s), tree.r(*s));
        let reach = |leaf: usize| {
            tree.up(leaf)
                .iter()
                .take_while(|p| *p != s)
                .map(|&p| dist(tree.pos(p), sp) + tree.r(p))
                .fold(0.0f32, f32::max)
                - sr
        };
        for limb_leaves in split_limbs(&tree, *s, leaves) {
            // A fork well outside the body (fingers, a forked stick hand) is one limb: its
            // longest branch.
            let Some(leaf) =
                limb_leaves.iter().copied().max_by(|&a, &b| reach(a).total_cmp(&reach(b)).then(b.cmp(&a)))
            else {
                continue;
            };
            let mut path = tree.up(leaf);
            let Some(end) = path.iter().position(|p| p == s) else {
                continue;
            };
            path.truncate(end + 1);
            path.reverse();
            let beyond: Vec<f32> =
                path.iter().filter(|&&p| dist(tree.pos(p), sp) > sr).map(|&p| tree.r(p)).collect();
            if beyond.is_empty() {
                continue;
            }
            let thickness = beyond.iter().sum::<f32>() / beyond.len() as f32;
            if reach(leaf) < (0.06 * long).max(0.35 * sr) || thickness > 0.6 * big_r {
                continue;
            }
            let spine_at = spine_index.get(s).copied().unwrap_or(0);
            if let Some(limb) = limb_along(&tree, &path, spine_at, long) {
                found.push(limb);
            }
        }
    }

    if head.is_none() {
        // No round head, but something sticks straight up from the top of the body (a garlic's
        // stem, a bottle's neck): that is where a head would be, and it nods like one.
        let upright = |f: &Found| {
            let (base, tip) = (f.joints[0], f.joints[f.joints.len() - 1]);
            let up = (base[1] - tip[1]) / dist(base, tip).max(1e-3);
            // Short and stout like a stem, not long like a raised arm.
            let stout = f.length <= 4.0 * f.thickness.max(0.5);
            base[1] < c[1] - 0.3 * big_r && up > 0.8 && (base[0] - c[0]).abs() < 0.5 * big_r && stout
        };
        if let Some(i) = (0..found.len()).filter(|&i| upright(&found[i])).min_by(|&a, &b| {
            let top = |f: &Found| f.joints[f.joints.len() - 1][1];
            top(&found[a]).total_cmp(&top(&found[b])).then(a.cmp(&b))
        }) {
            let stem = found.remove(i);
            let (neck, top) = (stem.joints[0], stem.joints[stem.joints.len() - 1]);
            head = Some(Head { centre: lerp(neck, top, 0.5), neck, top, neck_index: 0 });
        }
    }
    classify(&mut found, c, big_r, head.as_ref().map(|h| (h.centre, h.neck_index)));
    found.sort_by(|a, b| {
        kind_order(a.kind)
            .cmp(&kind_order(b.kind))
            .then(a.joints[0][0].total_cmp(&b.joints[0][0]))
            .then(a.joints[0][1].total_cmp(&b.joints[0][1]))
    });

    assemble(work, &tree, &spine, head.as_ref(), &found, big_r)
}

/// Where a group of leaves first parts: their deepest common point.
fn fork_point(tree: &Tree, leaves: &[usize]) -> usize {
    let paths: Vec<Vec<usize>> = leaves
        .iter()
        .map(|&l| {
            let mut p = tree.up(l);
            p.reverse();
            p
        })
        .collect();
    let shortest = paths.iter().map(Vec::len).min().unwrap_or(0);
    let mut fork = paths.first().and_then(|p| p.first().copied()).unwrap_or(tree.root);
    for i in 0..shortest {
        let p = paths[0][i];
        if paths.iter().all(|path| path[i] == p) {
            fork = p;
        } else {
            break;
        }
    }
    fork
}

/// Sorts loose ends leaving the spine at `s` the same way into limbs: where they part inside
/// the body (two legs from the hips, arms from a bug's middle) each way is a limb of its own;
/// where they part well outside it, they are one limb that forks.
fn split_limbs(tree: &Tree, s: usize, leaves: &[usize]) -> Vec<Vec<usize>> {
    if leaves.len() <= 1 {
        return vec![leaves.to_vec()];
    }
    let fork = fork_point(tree, leaves);
    // They part inside the body when the parting is near the spine, or when it is much thicker
    // than the branches after it (two hind legs parting low in a pig's belly; a stick hand's
    // fingers part at a wrist no thicker than they are).
    let mut beyond: Vec<f32> = leaves
        .iter()
        .flat_map(|&leaf| tree.up(leaf).into_iter().take_while(move |&p| p != fork))
        .map(|p| tree.r(p))
        .collect();
    beyond.sort_by(f32::total_cmp);
    let branch = beyond.get(beyond.len() / 2).copied().unwrap_or(0.0);
    let near_spine = dist(tree.pos(fork), tree.pos(s)) <= 1.25 * tree.r(s) + 0.5 * tree.r(fork);
    if !near_spine && tree.r(fork) < 1.6 * branch {
        return vec![leaves.to_vec()];
    }
    let mut ways: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &leaf in leaves {
        let path = tree.up(leaf);
        let at = path.iter().position(|&p| p == fork).unwrap_or(0);
        let way = if at == 0 { leaf } else { path[at - 1] };
        ways.entry(way).or_default().push(leaf);
    }
    if ways.len() <= 1 {
        return vec![leaves.to_vec()];
    }
    ways.values().flat_map(|group| split_limbs(tree, s, group)).collect()
}

/// A limb's joints along the centre line from the spine point `path[0]` to the tip: it starts
/// where the branch leaves the body's disc there (a shoulder, a hip), bends halfway (an elbow, a
/// knee) and ends at the tip.
fn limb_along(tree: &Tree, path: &[usize], spine_index: usize, long: f32) -> Option<Found> {
    // The limb starts where the centre line gets as thin as the limb itself (its thickness
    // read low on the outer half of the branch, the tip left out, so a short thin tail on a
    // long body still reads as thin): at the body's outline, not deep inside it.
    let outer = &path[path.len() / 2..(path.len() * 9 / 10).max(path.len() / 2 + 1).min(path.len())];
    let mut radii: Vec<f32> = outer.iter().map(|&p| tree.r(p)).collect();
    radii.sort_by(f32::total_cmp);
    let thickness = radii.get(radii.len() / 4).copied().unwrap_or(1.0);
    let cap = (path.len() * 8 / 10).max(1);
    let base = (1..path.len()).find(|&i| tree.r(path[i]) <= 1.5 * thickness + 1.0).unwrap_or(cap).min(cap);
    let points: Vec<[f32; 2]> = path[base..].iter().map(|&p| tree.pos(p)).collect();
    let mut along = vec![0.0f32];
    for pair in points.windows(2) {
        along.push(along[along.len() - 1] + dist(pair[0], pair[1]));
    }
    let total = along[along.len() - 1];
    if total < 2.0 {
        return None;
    }
    // A wedge (a skirt's corner, a pointed hem) thins steadily all the way to its point; a limb
    // keeps its thickness until its end. A nub (shorter than it is thick, or than a tenth of the
    // figure) is no limb either.
    // Mean thickness over a stretch of the limb, so one thin pixel (a foot's tip) does not count.
    let radius_over = |from: f32, to: f32| {
        let picked: Vec<f32> = along
            .iter()
            .enumerate()
            .filter(|(_, &d)| d >= from * total && d <= to * total)
            .map(|(i, _)| tree.r(path[base + i]))
            .collect();
        picked.iter().sum::<f32>() / picked.len().max(1) as f32
    };
    let (inner, middle, outer) =
        (radius_over(0.1, 0.3).max(0.5), radius_over(0.4, 0.6), radius_over(0.7, 0.9));
    if total < (1.5 * thickness).max(0.1 * long)
        || (outer < 0.5 * inner && middle < 0.75 * inner && outer < 0.8 * middle)
    {
        return None;
    }
    let at = |fraction: f32| {
        let target = fraction * total;
        let i = along.iter().position(|&d| d >= target).unwrap_or(along.len() - 1);
        if i == 0 {
            return points[0];
        }
        let t = (target - along[i - 1]) / (along[i] - along[i - 1]).max(1e-6);
        [
            points[i - 1][0] + t * (points[i][0] - points[i - 1][0]),
            points[i - 1][1] + t * (points[i][1] - points[i - 1][1]),
        ]
    };
    Some(Found {
        kind: LimbKind::Arm,
        length: total,
        thickness,
        spine_index,
        joints: vec![at(0.0), at(0.5), at(1.0)],
    })
}

/// Arms, legs, tails and the rest, from where each limb leaves the body and where it points:
/// children draw upright, legs below the body pointing down, arms from the sides, and an animal
/// seen from the side with its head in front and its tail behind.
fn classify(found: &mut [Found], c: [f32; 2], big_r: f32, head: Option<([f32; 2], usize)>) {
    let side_view = head.is_some_and(|(h, _)| (h[0] - c[0]).abs() > (h[1] - c[1]).abs());
    for limb in found.iter_mut() {
        let (base, tip) = (limb.joints[0], limb.joints[limb.joints.len() - 1]);
        let len = dist(base, tip).max(1e-3);
        let down = (tip[1] - base[1]) / len;
        let from_head = head.is_some_and(|(_, neck)| limb.spine_index >= neck && neck > 0);
        let thickness = limb.thickness.max(0.5);
        // Legs point down from below the body's middle, or leave its very bottom as long feet
        // (a bug's flat feet point sideways). Arms leave above its lower part.
        let leg = (base[1] > c[1] + 0.3 * big_r && down > 0.7)
            || (base[1] > c[1] + 0.6 * big_r && down > -0.3 && limb.length >= 3.0 * thickness);
        // Arms leave the body's sides or top: less than 37 degrees below the centre's level.
        let arm_height = (base[1] - c[1]) < 0.6 * dist(base, c);
        limb.kind = if leg {
            LimbKind::Leg
        } else if from_head {
            LimbKind::Other
        } else if let (true, Some((h, _))) = (side_view, head) {
            if (base[0] - c[0]) * (h[0] - c[0]) < 0.0 {
                LimbKind::Tail
            } else {
                LimbKind::Other
            }
        } else if arm_height {
            LimbKind::Arm
        } else {
            // Low and sideways: the corners of a skirt, a dress's hem.
            LimbKind::Other
        };
        if limb.kind == LimbKind::Tail {
            // A tail curls: one more joint.
            let j = &limb.joints;
            let (a, m, b) = (j[0], j[1], j[2]);
            limb.joints = vec![a, lerp(a, m, 0.66), lerp(m, b, 0.33), b];
        }
    }
}

fn lerp(a: [f32; 2], b: [f32; 2], t: f32) -> [f32; 2] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

fn kind_order(kind: LimbKind) -> u8 {
    match kind {
        LimbKind::Arm => 0,
        LimbKind::Leg => 1,
        LimbKind::Tail => 2,
        LimbKind::Other => 3,
    }
}

/// The joints, numbered spine first (root 0), then each limb base to tip.
fn assemble(
    work: &Work,
    tree: &Tree,
    spine: &[usize],
    head: Option<&Head>,
    found: &[Found],
    big_r: f32,
) -> Rig {
    let c = tree.pos(tree.root);
    let mut joints: Vec<Joint> = Vec::new();
    let push = |joints: &mut Vec<Joint>, p: [f32; 2], parent: Option<u32>, kind: JointKind| {
        let id = joints.len() as u32;
        let [x, y] = work.to_mask(p);
        joints.push(Joint { id, x, y, parent, kind });
        id
    };
    let root = push(&mut joints, c, None, JointKind::Body);
    // Body joints where limbs leave the spine between the root and the neck (shoulders on a
    // tall body, the chest of a pig), so leaning the upper body carries its limbs.
    let neck_index = head.map_or(spine.len(), |h| h.neck_index);
    let mut spine_joints: Vec<(usize, u32)> = vec![(0, root)];
    let mut attach: Vec<usize> =
        found.iter().map(|f| f.spine_index).filter(|&i| i > 0 && i < neck_index).collect();
    attach.sort_unstable();
    attach.dedup();
    for i in attach {
        let p = tree.pos(spine[i]);
        let (_, last) = spine_joints[spine_joints.len() - 1];
        let last_pos = work_pos(work, &joints[last as usize]);
        let near_neck = head.is_some_and(|h| dist(p, h.neck) < 0.3 * big_r);
        if dist(p, last_pos) < 0.3 * big_r || near_neck {
            continue;
        }
        let id = push(&mut joints, p, Some(last), JointKind::Body);
        spine_joints.push((i, id));
    }
    let (_, last) = spine_joints[spine_joints.len() - 1];
    match head {
        Some(h) => {
            let neck = push(&mut joints, h.neck, Some(last), JointKind::Head);
            push(&mut joints, h.top, Some(neck), JointKind::Head);
            spine_joints.push((h.neck_index, neck));
        }
        None => {
            // No head: an upper body and a crown straight above, so the figure can still lean
            // and bend. The top is where the figure ends above the centre.
            let bits = &work.bits;
            let (x, mut y) = (c[0] as usize, c[1] as usize);
            while y > 0 && bits.get(x as isize, y as isize - 1) {
                y -= 1;
            }
            let rise = (c[1] - y as f32).max(0.5 * big_r);
            let upper = push(&mut joints, [c[0], c[1] - 0.5 * rise], Some(last), JointKind::Body);
            push(&mut joints, [c[0], c[1] - 0.9 * rise], Some(upper), JointKind::Body);
        }
    }
    let mut limbs = Vec::new();
    for limb in found {
        let parent =
            spine_joints.iter().rev().find(|(i, _)| *i <= limb.spine_index).map_or(root, |&(_, id)| id);
        let kind = limb.kind.joint_kind();
        let mut ids = Vec::new();
        let mut prev = parent;
        for &p in &limb.joints {
            prev = push(&mut joints, p, Some(prev), kind);
            ids.push(prev);
        }
        limbs.push(Limb { kind: limb.kind, joints: ids });
    }
    Rig { joints, limbs }
}

fn work_pos(work: &Work, joint: &Joint) -> [f32; 2] {
    [(joint.x - work.origin[0]) * work.scale, (joint.y - work.origin[1]) * work.scale]
}

/// Checks a rig that came from outside (a parent's edit, a saved draft): ids unique, one
/// root, every parent known, no loops, limbs naming known joints.
pub(crate) fn check_rig(rig: &Rig) -> Result<(), RigError> {
    let invalid = |why: String| Err(RigError::InvalidRig(why));
    let mut ids = std::collections::BTreeSet::new();
    for joint in &rig.joints {
        if !ids.insert(joint.id) {
            return invalid(format!("joint {} appears twice", joint.id));
        }
        if !joint.x.is_finite() || !joint.y.is_finite() {
            return invalid(format!("joint {} is not at a finite position", joint.id));
        }
    }
    if rig.root().is_none() {
        return invalid("a rig needs exactly one root joint".into());
    }
    for joint in &rig.joints {
        let mut cur = joint.parent;
        let mut steps = 0;
        while let Some(id) = cur {
            if !ids.contains(&id) {
                return invalid(format!("joint {} has an unknown parent {id}", joint.id));
            }
            steps += 1;
            if steps > rig.joints.len() {
                return invalid(format!("joint {} is in a loop", joint.id));
            }
            cur = rig.joint(id).and_then(|j| j.parent);
        }
    }
    for limb in &rig.limbs {
        if let Some(id) = limb.joints.iter().find(|id| !ids.contains(id)) {
            return invalid(format!("a limb names an unknown joint {id}"));
        }
    }
    Ok(())
}
