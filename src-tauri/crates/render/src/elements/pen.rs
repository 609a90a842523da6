//! Shapes in a drawing's own units, so each drawing is written as its proportions and lands at
//! any spot and size: x to the right of the spot's centre, y up from its ground, 1 = the
//! drawing's height. Shapes given together are filled as one silhouette with one outline.

use super::Spot;
use crate::paint::{convex_polygon_distance, length, rounded_rect_distance, segment_distance, Canvas, Rgb};

/// A shape in drawing units.
#[derive(Debug, Clone)]
pub(crate) enum S {
    /// Centre and radius.
    Circle((f32, f32), f32),
    /// Centre, radii along and across, and a counter-clockwise tilt in degrees.
    Oval((f32, f32), f32, f32, f32),
    /// A tapering stroke from one point to another with a radius at each end.
    Limb((f32, f32), (f32, f32), f32, f32),
    /// A convex polygon.
    Poly(Vec<(f32, f32)>),
    /// Two opposite corners and a corner radius.
    Rect((f32, f32), (f32, f32), f32),
}

/// A shape in frame pixels: its box and its signed distance.
struct Placed {
    bounds: (f32, f32, f32, f32),
    distance: Box<dyn Fn(f32, f32) -> f32>,
}

/// Draws shapes given in a spot's units onto a canvas.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pen {
    pub x: f32,
    pub ground: f32,
    pub unit: f32,
}

impl Pen {
    pub(crate) fn new(spot: Spot) -> Self {
        Self { x: spot.x, ground: spot.ground, unit: spot.size.max(1.0) }
    }

    /// A pen for a drawing whose shapes reach from `low` to `high` in its own units (a flying
    /// bird hangs above its lowest point): that range is stretched to the spot's full height,
    /// its bottom on the spot's ground.
    pub(crate) fn fitted(spot: Spot, low: f32, high: f32) -> Self {
        let unit = spot.size.max(1.0) / (high - low).max(0.05);
        Self { x: spot.x, ground: spot.ground + low * unit, unit }
    }

    /// A point in frame pixels.
    pub(crate) fn at(&self, p: (f32, f32)) -> (f32, f32) {
        (self.x + p.0 * self.unit, self.ground - p.1 * self.unit)
    }

    /// A length in frame pixels.
    pub(crate) fn len(&self, l: f32) -> f32 {
        l * self.unit
    }

    fn place(&self, shape: &S) -> Placed {
        match shape {
            S::Circle(c, r) => {
                let (cx, cy) = self.at(*c);
                let r = self.len(*r);
                Placed {
                    bounds: (cx - r, cy - r, cx + r, cy + r),
                    distance: Box::new(move |x, y| length(x - cx, y - cy) - r),
                }
            }
            S::Oval(c, rx, ry, tilt) => {
                let (cx, cy) = self.at(*c);
                let (rx, ry) = (self.len(*rx).max(0.5), self.len(*ry).max(0.5));
                let (sin, cos) = tilt.to_radians().sin_cos();
                let (reach_x, reach_y) = (length(rx * cos, ry * sin), length(rx * sin, ry * cos));
                Placed {
                    bounds: (cx - reach_x, cy - reach_y, cx + reach_x, cy + reach_y),
                    distance: Box::new(move |x, y| {
                        let (dx, dy) = (x - cx, y - cy);
                        let u = dx * cos - dy * sin;
                        let v = dx * sin + dy * cos;
                        let (nx, ny) = (u / rx, v / ry);
                        let radial = length(nx, ny);
                        let gradient = length(nx / rx, ny / ry).max(1e-6) / radial.max(1e-6);
                        (radial - 1.0) / gradient
                    }),
                }
            }
            S::Limb(a, b, ra, rb) => {
                let (a, b) = (self.at(*a), self.at(*b));
                let (ra, rb) = (self.len(*ra).max(0.3), self.len(*rb).max(0.3));
                Placed {
                    bounds: (
                        (a.0 - ra).min(b.0 - rb),
                        (a.1 - ra).min(b.1 - rb),
                        (a.0 + ra).max(b.0 + rb),
                        (a.1 + ra).max(b.1 + rb),
                    ),
                    distance: Box::new(move |x, y| uneven_capsule((x, y), a, b, ra, rb)),
                }
            }
            S::Poly(points) => {
                let points: Vec<(f32, f32)> = points.iter().map(|p| self.at(*p)).collect();
                let bounds = points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
                    (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1))
                });
                let distance = convex_polygon_distance(&points);
                Placed { bounds, distance: Box::new(distance) }
            }
            S::Rect(a, b, r) => {
                let (a, b) = (self.at(*a), self.at(*b));
                let (x0, y0, x1, y1) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
                Placed {
                    bounds: (x0, y0, x1, y1),
                    distance: Box::new(rounded_rect_distance(x0, y0, x1, y1, self.len(*r))),
                }
            }
        }
    }

    fn union(&self, shapes: &[S]) -> Option<Placed> {
        let placed: Vec<Placed> = shapes.iter().map(|s| self.place(s)).collect();
        if placed.is_empty() {
            return None;
        }
        let bounds = placed.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |b, p| {
            (b.0.min(p.bounds.0), b.1.min(p.bounds.1), b.2.max(p.bounds.2), b.3.max(p.bounds.3))
        });
        Some(Placed {
            bounds,
            distance: Box::new(move |x, y| {
                // Outside its box a shape is at least as far as the box: shapes whose box is
                // farther than the nearest shape so far cannot change the union.
                placed.iter().fold(f32::MAX, |nearest, p| {
                    let (x0, y0, x1, y1) = p.bounds;
                    let outside = length((x0 - x).max(x - x1).max(0.0), (y0 - y).max(y - y1).max(0.0));
                    if outside > 0.0 && outside >= nearest {
                        nearest
                    } else {
                        nearest.min((p.distance)(x, y))
                    }
                })
            }),
        })
    }

    /// The shapes as one outlined silhouette.
    pub(crate) fn fill(&self, canvas: &mut Canvas, colour: Rgb, shapes: &[S]) {
        if let Some(shape) = self.union(shapes) {
            canvas.fill_shape(shape.bounds, colour, 1.0, shape.distance);
        }
    }

    /// The shapes with `cut` taken out of them, outlined.
    pub(crate) fn fill_cut(&self, canvas: &mut Canvas, colour: Rgb, shapes: &[S], cut: &[S]) {
        let (Some(shape), Some(cut)) = (self.union(shapes), self.union(cut)) else {
            return self.fill(canvas, colour, shapes);
        };
        canvas.fill_shape(shape.bounds, colour, 1.0, move |x, y| {
            (shape.distance)(x, y).max(-(cut.distance)(x, y))
        });
    }

    /// The shapes without an outline (markings, shine, cheeks).
    pub(crate) fn mark(&self, canvas: &mut Canvas, colour: Rgb, shapes: &[S]) {
        canvas.without_outline(|c| self.fill(c, colour, shapes));
    }

    /// Like `mark`, with `opacity`.
    pub(crate) fn wash(&self, canvas: &mut Canvas, colour: Rgb, opacity: f32, shapes: &[S]) {
        if let Some(shape) = self.union(shapes) {
            canvas.without_outline(|c| c.fill_shape(shape.bounds, colour, opacity, shape.distance));
        }
    }

    /// The shapes' part inside `within`, without an outline (a patch on a coat, a stripe).
    pub(crate) fn mark_within(&self, canvas: &mut Canvas, colour: Rgb, shapes: &[S], within: &[S]) {
        let (Some(shape), Some(within)) = (self.union(shapes), self.union(within)) else {
            return;
        };
        canvas.without_outline(|c| {
            c.fill_shape(shape.bounds, colour, 1.0, move |x, y| {
                (shape.distance)(x, y).max((within.distance)(x, y))
            })
        });
    }

    /// A line through `points`, `width` units wide, without an outline.
    pub(crate) fn stroke(&self, canvas: &mut Canvas, colour: Rgb, width: f32, points: &[(f32, f32)]) {
        let r = (self.len(width) / 2.0).max(0.6);
        let points: Vec<(f32, f32)> = points.iter().map(|p| self.at(*p)).collect();
        canvas.without_outline(|c| {
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let bounds = (a.0.min(b.0) - r, a.1.min(b.1) - r, a.0.max(b.0) + r, a.1.max(b.1) + r);
                c.fill_shape(bounds, colour, 1.0, move |x, y| segment_distance(a, b, x, y) - r);
            }
        });
    }

    /// An outlined line through `points`, `width` units wide, drawn as one shape.
    pub(crate) fn cord(&self, canvas: &mut Canvas, colour: Rgb, width: f32, points: &[(f32, f32)]) {
        let r = width / 2.0;
        let limbs: Vec<S> = points.windows(2).map(|p| S::Limb(p[0], p[1], r, r)).collect();
        self.fill(canvas, colour, &limbs);
    }

    /// A big cartoon eye looking right: white, a dark pupil and a glint.
    pub(crate) fn eye(&self, canvas: &mut Canvas, at: (f32, f32), r: f32) {
        let white = Rgb(1.0, 1.0, 1.0);
        if self.len(r) > 7.0 {
            self.fill(canvas, white, &[S::Circle(at, r)]);
        } else {
            self.mark(canvas, white, &[S::Circle(at, r)]);
        }
        self.mark(canvas, INK, &[S::Circle((at.0 + r * 0.25, at.1 - r * 0.05), r * 0.62)]);
        self.mark(canvas, white, &[S::Circle((at.0 + r * 0.38, at.1 + r * 0.18), r * 0.22)]);
    }

    /// A small shiny black eye.
    pub(crate) fn dot_eye(&self, canvas: &mut Canvas, at: (f32, f32), r: f32) {
        self.mark(canvas, INK, &[S::Circle(at, r)]);
        let glint = (self.len(r) * 0.35).max(1.0) / self.unit;
        self.mark(canvas, Rgb(1.0, 1.0, 1.0), &[S::Circle((at.0 + r * 0.3, at.1 + r * 0.3), glint)]);
    }

    /// A smile: an arc under `at`, `width` wide.
    pub(crate) fn smile(&self, canvas: &mut Canvas, at: (f32, f32), width: f32, line: f32) {
        let points: Vec<(f32, f32)> = (0..=8)
            .map(|k| {
                let t = k as f32 / 8.0 - 0.5;
                (at.0 + t * width, at.1 - (0.25 - t * t) * width * 0.9)
            })
            .collect();
        self.stroke(canvas, INK, line, &points);
    }
}

/// The dark of eyes, noses and mouths.
pub(crate) const INK: Rgb = Rgb(0.13, 0.1, 0.15);

/// The distance to a stroke whose radius goes from `ra` at `a` to `rb` at `b`.
fn uneven_capsule(p: (f32, f32), a: (f32, f32), b: (f32, f32), ra: f32, rb: f32) -> f32 {
    let (px, py) = (p.0 - a.0, p.1 - a.1);
    let (bx, by) = (b.0 - a.0, b.1 - a.1);
    let h = bx * bx + by * by;
    let step = ra - rb;
    let along = h - step * step;
    if h < 1e-6 || along <= 1e-6 {
        // One end's disc holds the other.
        return (length(px, py) - ra).min(length(p.0 - b.0, p.1 - b.1) - rb);
    }
    let qx = ((px * by - py * bx) / h).abs();
    let qy = (px * bx + py * by) / h;
    let c = (along.sqrt(), step);
    let k = c.0 * qy - c.1 * qx;
    let m = c.0 * qx + c.1 * qy;
    let n = qx * qx + qy * qy;
    if k < 0.0 {
        (h * n).sqrt() - ra
    } else if k > c.0 {
        (h * (n + 1.0 - 2.0 * qy)).max(0.0).sqrt() - rb
    } else {
        m - ra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tapering_stroke_is_as_wide_as_its_ends() {
        let (a, b) = ((0.0, 0.0), (100.0, 0.0));
        assert!((uneven_capsule((0.0, 10.0), a, b, 10.0, 4.0)).abs() < 0.5);
        assert!((uneven_capsule((100.0, 4.0), a, b, 10.0, 4.0)).abs() < 0.5);
        assert!(uneven_capsule((50.0, 0.0), a, b, 10.0, 4.0) < -5.0);
        assert!(uneven_capsule((50.0, 30.0), a, b, 10.0, 4.0) > 15.0);
    }

    #[test]
    fn a_tilted_oval_turns_counter_clockwise() {
        let pen = Pen { x: 0.0, ground: 0.0, unit: 100.0 };
        let upright = pen.place(&S::Oval((0.0, 0.0), 0.5, 0.1, 90.0));
        // Tilted a quarter turn, the long axis points up the page.
        assert!((upright.distance)(0.0, -40.0) < 0.0);
        assert!((upright.distance)(40.0, 0.0) > 0.0);
    }
}
