//! Connected regions of a mask: labelling, flood filling from the page border and filling the
//! holes a closed outline leaves, which is how an outline becomes a solid figure.

use std::collections::VecDeque;

use super::plane::{Mask, Plane};

/// One 8-connected region.
#[derive(Debug, Clone)]
pub struct Region {
    pub label: u32,
    pub area: usize,
}

/// Labels the 8-connected regions of set pixels (label 0 = unset), with their areas.
pub fn label(mask: &Mask) -> (Plane<u32>, Vec<Region>) {
    let (w, h) = (mask.width, mask.height);
    let mut labels = Plane::filled(w, h, 0u32);
    let mut regions = Vec::new();
    let mut queue = VecDeque::new();
    for start in 0..w * h {
        if !mask.data[start] || labels.data[start] != 0 {
            continue;
        }
        let id = regions.len() as u32 + 1;
        let mut region = Region { label: id, area: 0 };
        labels.data[start] = id;
        queue.push_back(start);
        while let Some(index) = queue.pop_front() {
            region.area += 1;
            let (x, y) = (index % w, index / w);
            for (nx, ny) in neighbours8(x, y, w, h) {
                let next = ny * w + nx;
                if mask.data[next] && labels.data[next] == 0 {
                    labels.data[next] = id;
                    queue.push_back(next);
                }
            }
        }
        regions.push(region);
    }
    (labels, regions)
}

fn neighbours8(x: usize, y: usize, w: usize, h: usize) -> impl Iterator<Item = (usize, usize)> {
    let xs = x.saturating_sub(1)..=(x + 1).min(w - 1);
    xs.flat_map(move |nx| (y.saturating_sub(1)..=(y + 1).min(h - 1)).map(move |ny| (nx, ny)))
        .filter(move |&(nx, ny)| (nx, ny) != (x, y))
}

fn neighbours4(x: usize, y: usize, w: usize, h: usize) -> impl Iterator<Item = (usize, usize)> {
    let candidates = [(x.wrapping_sub(1), y), (x + 1, y), (x, y.wrapping_sub(1)), (x, y + 1)];
    candidates.into_iter().filter(move |&(nx, ny)| nx < w && ny < h)
}

/// Set pixels 4-connected to any of `seeds` through set pixels of `passable`.
pub fn flood(passable: &Mask, seeds: impl IntoIterator<Item = usize>) -> Mask {
    let (w, h) = (passable.width, passable.height);
    let mut reached = Mask::filled(w, h, false);
    let mut queue = VecDeque::new();
    for seed in seeds {
        if passable.data[seed] && !reached.data[seed] {
            reached.data[seed] = true;
            queue.push_back(seed);
        }
    }
    while let Some(index) = queue.pop_front() {
        for (nx, ny) in neighbours4(index % w, index / w, w, h) {
            let next = ny * w + nx;
            if passable.data[next] && !reached.data[next] {
                reached.data[next] = true;
                queue.push_back(next);
            }
        }
    }
    reached
}

/// The mask with every enclosed hole filled: whatever the outside cannot reach is inside.
pub fn fill_holes(mask: &Mask) -> Mask {
    let outside = mask.not();
    let border: Vec<usize> = mask.border_indexes().collect();
    flood(&outside, border).not()
}

/// Only the pixels of regions whose label is in `keep`.
pub fn select(labels: &Plane<u32>, keep: &[u32]) -> Mask {
    labels.map(|label| label != 0 && keep.contains(&label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Mask {
        Mask::from_fn(9, 9, |x, y| (2..=6).contains(&x) && (2..=6).contains(&y) && !(x == 4 && y == 4))
    }

    #[test]
    fn holes_are_filled_and_regions_counted() {
        let filled = fill_holes(&ring());
        assert!(filled.get(4, 4));
        assert_eq!(filled.count(), 25);
        let (_, regions) = label(&ring());
        assert_eq!(regions.len(), 1);
        assert_eq!(regions[0].area, 24);
    }

    #[test]
    fn flooding_stays_inside_the_passable_area() {
        let walls = ring();
        let reached = flood(&walls.not(), [0]);
        assert!(!reached.get(4, 4), "the hole is not reachable from the corner");
        assert!(reached.get(8, 8));
    }
}
