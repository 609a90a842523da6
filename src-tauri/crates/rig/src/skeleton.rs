//! The figure's medial axis as a graph of points: what the joints are read from. Separate from
//! the rigging because finding a clean centre line (thinning, cutting loops, pruning spurs) is
//! pure geometry, while deciding what is an arm or a head is judgement.

use crate::raster::Bits;

/// The pruned medial axis: points (work-pixel centres) with the distance to paper at each, and
/// which points are joined. A tree: loops are cut where the figure is thinnest.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SkeletonGraph {
    pub points: Vec<[f32; 2]>,
    pub radius: Vec<f32>,
    pub neighbours: Vec<Vec<usize>>,
}

/// Neighbour offsets, counter-clockwise on screen from east: E, NE, N, NW, W, SW, S, SE.
const RING: [(isize, isize); 8] = [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)];

/// Whether removing a pixel with this neighbourhood (bit k = RING[k] is figure) keeps the figure
/// 8-connected and the paper 4-connected: Yokoi's 8-connectivity number is exactly one.
fn simple_table() -> [bool; 256] {
    let mut table = [false; 256];
    for (bits, slot) in table.iter_mut().enumerate() {
        let off = |k: usize| usize::from(bits & (1 << (k % 8)) == 0);
        let mut number = 0;
        for k in [0, 2, 4, 6] {
            number += off(k) - off(k) * off(k + 1) * off(k + 2);
        }
        *slot = number == 1;
    }
    table
}

/// Thins the figure to a one-pixel-wide centre line, in two steps. First, simple pixels are
/// peeled in order of their distance to paper (the outside first, so what is left is central);
/// a pixel that is the centre of a disc no neighbour's disc contains is kept when it is deep
/// inside (the medial ridge) or ends a line (so lines end on the medial axis, not wherever
/// peeling stopped). Then Zhang and Suen's thinning takes the ridge, one or two pixels wide, to
/// one pixel from both sides at once: peeling one pixel at a time would eat a ridge two pixels
/// wide from its end, and a bar of even width would lose its whole branch.
fn thin(bits: &Bits, dist: &[f32]) -> Vec<bool> {
    let (w, h) = (bits.width, bits.height);
    let simple = simple_table();
    let mut on = bits.data.clone();
    let mut order: Vec<usize> = (0..w * h).filter(|&i| on[i]).collect();
    order.sort_by(|&a, &b| dist[a].total_cmp(&dist[b]).then(a.cmp(&b)));
    // No neighbour's distance to paper grows by `slack` of the step to it: the pixel's disc is
    // not inside a neighbour's.
    let centred = |i: usize, slack: f32| {
        let (x, y) = ((i % w) as isize, (i / w) as isize);
        RING.iter().all(|&(dx, dy)| {
            let (nx, ny) = (x + dx, y + dy);
            if !bits.get(nx, ny) {
                return true;
            }
            let step = if dx != 0 && dy != 0 { std::f32::consts::SQRT_2 } else { 1.0 };
            dist[ny as usize * w + nx as usize] - dist[i] < slack * step
        })
    };
    let medial: Vec<bool> = (0..w * h).map(|i| on[i] && centred(i, 0.95)).collect();
    // The ridge proper, deep inside: held however the peeling goes.
    let ridge: Vec<bool> = (0..w * h).map(|i| on[i] && dist[i] >= 3.0 && centred(i, 0.5)).collect();
    let code_at = |on: &[bool], i: usize| {
        let (x, y) = ((i % w) as isize, (i / w) as isize);
        let mut code = 0usize;
        for (k, &(dx, dy)) in RING.iter().enumerate() {
            let (nx, ny) = (x + dx, y + dy);
            if nx >= 0
                && ny >= 0
                && (nx as usize) < w
                && (ny as usize) < h
                && on[ny as usize * w + nx as usize]
            {
                code |= 1 << k;
            }
        }
        code
    };
    loop {
        let mut changed = false;
        for &i in &order {
            if !on[i] {
                continue;
            }
            let code = code_at(&on, i);
            if ridge[i] || (medial[i] && code.count_ones() == 1) {
                continue;
            }
            if simple[code] {
                on[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // Zhang-Suen, with RING's bits: E=0, NE=1, N=2, NW=3, W=4, SW=5, S=6, SE=7.
    let bit = |code: usize, k: usize| code >> k & 1;
    let mut doomed = Vec::new();
    loop {
        let mut changed = false;
        for step in 0..2 {
            doomed.clear();
            for &i in &order {
                if !on[i] {
                    continue;
                }
                let code = code_at(&on, i);
                let count = code.count_ones();
                // Neighbours clockwise from north: N, NE, E, SE, S, SW, W, NW.
                let around = [2, 1, 0, 7, 6, 5, 4, 3].map(|k| bit(code, k));
                let rises = (0..8).filter(|&k| around[k] == 0 && around[(k + 1) % 8] == 1).count();
                let (n, e, s, west) = (around[0], around[2], around[4], around[6]);
                let sides = if step == 0 {
                    n * e * s == 0 && e * s * west == 0
                } else {
                    n * e * west == 0 && n * s * west == 0
                };
                if (2..=6).contains(&count) && rises == 1 && sides {
                    doomed.push(i);
                }
            }
            for &i in &doomed {
                on[i] = false;
            }
            changed |= !doomed.is_empty();
        }
        if !changed {
            return on;
        }
    }
}

#[derive(Debug, Clone)]
struct Node {
    pos: [f32; 2],
    radius: f32,
}

#[derive(Debug, Clone)]
struct Edge {
    a: usize,
    b: usize,
    /// From node `a`'s position to node `b`'s, both included.
    path: Vec<[f32; 2]>,
    radii: Vec<f32>,
    alive: bool,
}

#[derive(Debug, Clone, Default)]
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

fn centre(i: usize, w: usize) -> [f32; 2] {
    [(i % w) as f32 + 0.5, (i / w) as f32 + 0.5]
}

/// The thinned pixels as a graph: line ends and junction clusters are nodes, the runs of
/// pixels between them are edges.
fn trace_graph(on: &[bool], dist: &[f32], w: usize, h: usize) -> Graph {
    let neighbours_of = |i: usize| {
        let (x, y) = ((i % w) as isize, (i / w) as isize);
        RING.iter().filter_map(move |&(dx, dy)| {
            let (nx, ny) = (x + dx, y + dy);
            (nx >= 0
                && ny >= 0
                && (nx as usize) < w
                && (ny as usize) < h
                && on[ny as usize * w + nx as usize])
                .then_some(ny as usize * w + nx as usize)
        })
    };
    let degree: Vec<usize> = (0..w * h).map(|i| if on[i] { neighbours_of(i).count() } else { 0 }).collect();
    let is_node = |i: usize| on[i] && degree[i] != 2;

    // Junction pixels that touch form one node; each line end is a node of its own.
    let mut node_of = vec![usize::MAX; w * h];
    let mut graph = Graph::default();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !is_node(start) || node_of[start] != usize::MAX {
            continue;
        }
        let id = graph.nodes.len();
        node_of[start] = id;
        let mut best = start;
        if degree[start] >= 3 {
            stack.push(start);
            while let Some(i) = stack.pop() {
                if dist[i] > dist[best] {
                    best = i;
                }
                for j in neighbours_of(i) {
                    if degree[j] >= 3 && node_of[j] == usize::MAX {
                        node_of[j] = id;
                        stack.push(j);
                    }
                }
            }
        }
        graph.nodes.push(Node { pos: centre(best, w), radius: dist[best] });
    }

    let mut walked = vec![false; w * h];
    for start in 0..w * h {
        if !is_node(start) {
            continue;
        }
        let from = node_of[start];
        for first in neighbours_of(start) {
            if node_of[first] == from || walked[first] {
                continue;
            }
            let mut path = vec![graph.nodes[from].pos, centre(start, w)];
            let mut radii = vec![graph.nodes[from].radius, dist[start]];
            let (mut prev, mut cur) = (start, first);
            loop {
                path.push(centre(cur, w));
                radii.push(dist[cur]);
                if is_node(cur) {
                    break;
                }
                walked[cur] = true;
                match neighbours_of(cur).find(|&n| n != prev && !walked[n] && (is_node(n) || degree[n] == 2))
                {
                    Some(next) => {
                        prev = cur;
                        cur = next;
                    }
                    None => break,
                }
            }
            let to = if is_node(cur) { node_of[cur] } else { from };
            if is_node(cur) {
                // Two nodes side by side would be found from both: keep the first.
                if path.len() == 3
                    && graph.edges.iter().any(|e| (e.a == to && e.b == from) || (e.a == from && e.b == to))
                {
                    continue;
                }
                let end = graph.nodes[to].clone();
                path.push(end.pos);
                radii.push(end.radius);
            }
            graph.edges.push(Edge { a: from, b: to, path, radii, alive: true });
        }
    }
    // A closed line with no ends or junctions (the figure is a ring): start it anywhere.
    for start in 0..w * h {
        if on[start] && !walked[start] && !is_node(start) {
            let id = graph.nodes.len();
            graph.nodes.push(Node { pos: centre(start, w), radius: dist[start] });
            let mut path = vec![centre(start, w)];
            let mut radii = vec![dist[start]];
            walked[start] = true;
            let mut cur = start;
            while let Some(next) = neighbours_of(cur).find(|&n| !walked[n]) {
                walked[next] = true;
                path.push(centre(next, w));
                radii.push(dist[next]);
                cur = next;
            }
            path.push(centre(start, w));
            radii.push(dist[start]);
            graph.edges.push(Edge { a: id, b: id, path, radii, alive: true });
        }
    }
    graph
}

impl Graph {
    fn degree(&self, node: usize) -> usize {
        self.edges
            .iter()
            .filter(|e| e.alive)
            .map(|e| usize::from(e.a == node) + usize::from(e.b == node))
            .sum()
    }

    fn add_node(&mut self, pos: [f32; 2], radius: f32) -> usize {
        self.nodes.push(Node { pos, radius });
        self.nodes.len() - 1
    }

    /// Loops become trees: every edge that closes a loop (the thinnest first, found by keeping
    /// the widest edges) is cut at its thinnest point, leaving two loose ends.
    fn cut_loops(&mut self) {
        let mut order: Vec<usize> = (0..self.edges.len()).filter(|&e| self.edges[e].alive).collect();
        let thinnest = |e: &Edge| e.radii.iter().copied().fold(f32::INFINITY, f32::min);
        order.sort_by(|&x, &y| thinnest(&self.edges[y]).total_cmp(&thinnest(&self.edges[x])).then(x.cmp(&y)));
        let mut parent: Vec<usize> = (0..self.nodes.len()).collect();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for e in order {
            let (a, b) = (self.edges[e].a, self.edges[e].b);
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra] = rb;
                continue;
            }
            let edge = self.edges[e].clone();
            self.edges[e].alive = false;
            if edge.path.len() < 4 {
                continue;
            }
            let cut = (1..edge.path.len() - 1)
                .min_by(|&x, &y| edge.radii[x].total_cmp(&edge.radii[y]).then(x.cmp(&y)))
                .unwrap_or(1);
            // The cut pixel goes; each side keeps its own end.
            if cut >= 2 {
                let end = self.add_node(edge.path[cut - 1], edge.radii[cut - 1]);
                parent.push(end);
                self.edges.push(Edge {
                    a: edge.a,
                    b: end,
                    path: edge.path[..cut].to_vec(),
                    radii: edge.radii[..cut].to_vec(),
                    alive: true,
                });
            }
            if cut + 2 < edge.path.len() {
                let end = self.add_node(edge.path[cut + 1], edge.radii[cut + 1]);
                parent.push(end);
                self.edges.push(Edge {
                    a: end,
                    b: edge.b,
                    path: edge.path[cut + 1..].to_vec(),
                    radii: edge.radii[cut + 1..].to_vec(),
                    alive: true,
                });
            }
        }
    }

    /// A node with exactly two edges is just a bend: its edges become one.
    fn merge_bends(&mut self) {
        loop {
            let Some(node) = (0..self.nodes.len()).find(|&n| {
                let edges: Vec<&Edge> =
                    self.edges.iter().filter(|e| e.alive && (e.a == n || e.b == n)).collect();
                edges.len() == 2 && edges.iter().all(|e| e.a != e.b)
            }) else {
                return;
            };
            let ids: Vec<usize> = (0..self.edges.len())
                .filter(|&e| self.edges[e].alive && (self.edges[e].a == node || self.edges[e].b == node))
                .collect();
            let (first, second) = (self.edges[ids[0]].clone(), self.edges[ids[1]].clone());
            // Orient both to run through `node`: first ends there, second starts there.
            let (mut path, mut radii, a) = if first.b == node {
                (first.path.clone(), first.radii.clone(), first.a)
            } else {
                (
                    first.path.iter().rev().copied().collect(),
                    first.radii.iter().rev().copied().collect(),
                    first.b,
                )
            };
            let (tail, tail_radii, b): (Vec<_>, Vec<_>, usize) = if second.a == node {
                (second.path.clone(), second.radii.clone(), second.b)
            } else {
                (
                    second.path.iter().rev().copied().collect(),
                    second.radii.iter().rev().copied().collect(),
                    second.a,
                )
            };
            path.extend_from_slice(&tail[1..]);
            radii.extend_from_slice(&tail_radii[1..]);
            self.edges[ids[0]].alive = false;
            self.edges[ids[1]].alive = false;
            self.edges.push(Edge { a, b, path, radii, alive: true });
        }
    }

    /// Spurs go, the least significant first: a branch from a junction to a loose end is a spur
    /// when it reaches less than `min_branch` (or half the junction's radius) beyond the disc
    /// around the junction, the way a bump on the outline or a pen wobble does.
    fn prune(&mut self, min_branch: f32) {
        loop {
            let mut worst: Option<(f32, usize)> = None;
            for (id, edge) in self.edges.iter().enumerate() {
                if !edge.alive || edge.a == edge.b {
                    continue;
                }
                let (da, db) = (self.degree(edge.a), self.degree(edge.b));
                let junction = match (da, db) {
                    (1, d) if d >= 3 => edge.b,
                    (d, 1) if d >= 3 => edge.a,
                    _ => continue,
                };
                let reach = reach_beyond(&self.nodes[junction], edge);
                let limit = min_branch.max(0.5 * self.nodes[junction].radius);
                let ratio = reach / limit;
                if ratio < 1.0 && worst.is_none_or(|(r, _)| ratio < r) {
                    worst = Some((ratio, id));
                }
            }
            let Some((_, id)) = worst else {
                return;
            };
            self.edges[id].alive = false;
            self.merge_bends();
        }
    }
}

/// How far past the junction's own disc a branch reaches.
fn reach_beyond(junction: &Node, edge: &Edge) -> f32 {
    let far = edge
        .path
        .iter()
        .zip(&edge.radii)
        .map(|(p, r)| ((p[0] - junction.pos[0]).powi(2) + (p[1] - junction.pos[1]).powi(2)).sqrt() + r)
        .fold(0.0f32, f32::max);
    far - junction.radius
}

/// The pruned medial axis of a one-component figure, with `dist` its distance to paper.
pub(crate) fn skeleton(bits: &Bits, dist: &[f32], min_branch: f32) -> SkeletonGraph {
    let on = thin(bits, dist);
    let mut graph = trace_graph(&on, dist, bits.width, bits.height);
    graph.cut_loops();
    graph.merge_bends();
    graph.prune(min_branch);

    let mut out = SkeletonGraph { points: Vec::new(), radius: Vec::new(), neighbours: Vec::new() };
    let mut node_point = vec![usize::MAX; graph.nodes.len()];
    let mut point_of = |out: &mut SkeletonGraph, node: usize, graph: &Graph| {
        if node_point[node] == usize::MAX {
            node_point[node] = out.points.len();
            out.points.push(graph.nodes[node].pos);
            out.radius.push(graph.nodes[node].radius);
            out.neighbours.push(Vec::new());
        }
        node_point[node]
    };
    for edge in graph.edges.iter().filter(|e| e.alive) {
        let start = point_of(&mut out, edge.a, &graph);
        let end = point_of(&mut out, edge.b, &graph);
        let mut prev = start;
        for (&p, &r) in edge.path.iter().zip(&edge.radii).skip(1).take(edge.path.len().saturating_sub(2)) {
            // Consecutive duplicates appear where a node sits on its own first pixel.
            if out.points[prev] == p {
                continue;
            }
            let id = out.points.len();
            out.points.push(p);
            out.radius.push(r);
            out.neighbours.push(vec![prev]);
            out.neighbours[prev].push(id);
            prev = id;
        }
        if prev != end {
            out.neighbours[prev].push(end);
            out.neighbours[end].push(prev);
        }
    }
    if out.points.is_empty() {
        // A blob thins to a single point (or a few pixels): keep the most central one.
        // (Thinning may even take away a last two-by-two block: the figure is never empty.)
        if let Some(best) = (0..bits.data.len())
            .filter(|&i| bits.data[i])
            .max_by(|&a, &b| dist[a].total_cmp(&dist[b]).then(b.cmp(&a)))
        {
            out.points.push(centre(best, bits.width));
            out.radius.push(dist[best]);
            out.neighbours.push(Vec::new());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::distance_to_paper;

    fn shape(w: usize, h: usize, inside: impl Fn(f32, f32) -> bool) -> Bits {
        let mut bits = Bits::new(w, h);
        for y in 0..h {
            for x in 0..w {
                bits.data[y * w + x] = inside(x as f32 + 0.5, y as f32 + 0.5);
            }
        }
        bits
    }

    fn ends(graph: &SkeletonGraph) -> usize {
        graph.neighbours.iter().filter(|n| n.len() == 1).count()
    }

    fn skeleton_of(bits: &Bits) -> SkeletonGraph {
        let dist = distance_to_paper(bits);
        let long = bits.width.max(bits.height) as f32;
        skeleton(bits, &dist, 0.06 * long)
    }

    #[test]
    fn simple_points() {
        let table = simple_table();
        assert!(!table[0], "an isolated pixel is not simple");
        assert!(table[1], "a line's end is simple");
        assert!(!table[0b0010_0010], "a pixel joining two diagonal neighbours is not simple");
        assert!(!table[0b0001_0001], "nor one in the middle of a line");
        assert!(!table[255], "nor an inner pixel");
        assert!(table[0b1100_0001], "a square's corner is");
    }

    #[test]
    fn a_bar_of_even_width_keeps_its_branch() {
        // 24 px wide: the ridge is two pixels wide all along.
        let bits = shape(120, 120, |x, y| {
            let (dx, dy) = (x - 60.0, y - 60.0);
            (dx.abs() < 12.0 && dy < 55.0 && dy > -55.0)
                || dx.hypot(dy) < 25.0
                || (dy.abs() < 12.0 && dx.abs() < 55.0)
        });
        assert_eq!(ends(&skeleton_of(&bits)), 4);
    }

    #[test]
    fn a_plus_sign_has_four_ends() {
        let bits = shape(101, 101, |x, y| (x - 50.5).abs() < 8.0 || (y - 50.5).abs() < 8.0);
        let bits =
            shape(101, 101, |x, y| bits.get(x as isize, y as isize) && (x - 50.5).hypot(y - 50.5) < 46.0);
        let graph = skeleton_of(&bits);
        assert_eq!(ends(&graph), 4, "{:?}", graph.points.len());
    }

    #[test]
    fn a_disc_has_no_branches() {
        let bits = shape(81, 81, |x, y| (x - 40.5).hypot(y - 40.5) < 35.0);
        let graph = skeleton_of(&bits);
        assert!(ends(&graph) <= 2, "a disc thins to a point or a line through it");
        // Nothing reaches out of the central disc: no branch is a limb.
        let reach = graph
            .points
            .iter()
            .zip(&graph.radius)
            .map(|(p, r)| (p[0] - 40.5).hypot(p[1] - 40.5) + r)
            .fold(0.0f32, f32::max);
        assert!(reach < 35.0 + 3.0, "the disc's skeleton reaches {reach} from its centre");
    }

    #[test]
    fn a_ring_is_cut_into_a_line() {
        let bits = shape(81, 81, |x, y| (18.0..30.0).contains(&(x - 40.5).hypot(y - 40.5)));
        let graph = skeleton_of(&bits);
        let edges: usize = graph.neighbours.iter().map(Vec::len).sum::<usize>() / 2;
        assert_eq!(edges + 1, graph.points.len(), "a tree");
    }
}
