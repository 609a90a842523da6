//! Drawings of the catalogue's things: toys, food, clothes, vehicles and the small objects a
//! story hands its hero, each a few bold shapes that still read at fifty pixels.
//!
//! The `Brush` here is shared by every prop drawing (things, buildings, nature, sky): it draws in
//! the element's own units, so each drawing is written once and reads the same at any size.

use std::f32::consts::PI;

use super::{Draw, Spot};
use crate::backdrop::World;
use crate::paint::{convex_polygon_distance, rounded_rect_distance, segment_distance, Canvas, Rgb};
use crate::rng::Rng;

pub(crate) const DRAWINGS: &[(&str, Draw)] = &[
    ("kite", kite),
    ("balloon", balloon),
    ("hat", hat),
    ("scarf", scarf),
    ("teapot", teapot),
    ("cup", cup),
    ("cake", cake),
    ("book", book),
    ("chest", chest),
    ("map", map),
    ("blanket", blanket),
    ("bed", bed),
    ("pillow", pillow),
    ("lantern", lantern),
    ("boat", boat),
    ("clock", clock),
    ("ball", ball),
    ("basket", basket),
    ("shell", shell),
    ("bench", bench),
    ("key", key),
    ("crown", crown),
    ("umbrella", umbrella),
    ("bucket", bucket),
    ("present", present),
    ("teddy", teddy),
    ("bell", bell),
    ("gate", gate),
    ("ladder", ladder),
    ("rocket", rocket),
    ("train", train),
    ("car", car),
    ("bicycle", bicycle),
    ("drum", drum),
    ("bubbles", bubbles),
    ("candle", candle),
    ("telescope", telescope),
    ("apple", apple),
    ("strawberry", strawberry),
    ("cookie", cookie),
    ("sandwich", sandwich),
    ("acorn", acorn),
    ("feather", feather),
    ("leaf", leaf),
    ("flag", flag),
    ("stick", stick),
    ("letter", letter),
];

/// An area in element units: left, bottom, right, top.
pub(super) type Area = [f32; 4];

/// A point in element units: across from the centre line, up from the ground.
pub(super) type Point = (f32, f32);

/// Draws in an element's own units: `a` across from its centre line and `b` up from its
/// ground, both in multiples of its size.
pub(super) struct Brush<'c> {
    canvas: &'c mut Canvas,
    x: f32,
    ground: f32,
    size: f32,
}

impl<'c> Brush<'c> {
    pub(super) fn new(canvas: &'c mut Canvas, spot: Spot) -> Self {
        Self { canvas, x: spot.x, ground: spot.ground, size: spot.size.max(1.0) }
    }

    /// The canvas point of element point (a, b).
    pub(super) fn point(&self, p: Point) -> (f32, f32) {
        (self.x + p.0 * self.size, self.ground - p.1 * self.size)
    }

    /// An element length in canvas pixels.
    pub(super) fn pixels(&self, length: f32) -> f32 {
        length * self.size
    }

    /// The canvas underneath, for the backdrops' own prop drawings.
    pub(super) fn canvas(&mut self) -> &mut Canvas {
        self.canvas
    }

    /// Fills the shape whose signed distance (element units, negative inside) is `distance`.
    pub(super) fn shape(&mut self, area: Area, colour: Rgb, distance: impl Fn(f32, f32) -> f32) {
        self.shape_with(area, 1.0, distance, |_, _| colour);
    }

    /// Like `shape`, with the colour chosen per point (stripes, checks, stones).
    pub(super) fn shape_with(
        &mut self,
        area: Area,
        opacity: f32,
        distance: impl Fn(f32, f32) -> f32,
        colour: impl Fn(f32, f32) -> Rgb,
    ) {
        let [left, bottom, right, top] = area;
        let (x0, y0) = self.point((left.min(right), bottom.max(top)));
        let (x1, y1) = self.point((left.max(right), bottom.min(top)));
        let (x, ground, size) = (self.x, self.ground, self.size);
        self.canvas.fill_shape_with(
            (x0, y0, x1, y1),
            opacity,
            |px, py| distance((px - x) / size, (ground - py) / size) * size,
            |px, py| colour((px - x) / size, (ground - py) / size),
        );
    }

    pub(super) fn circle(&mut self, centre: Point, radius: f32, colour: Rgb) {
        let area = [centre.0 - radius, centre.1 - radius, centre.0 + radius, centre.1 + radius];
        self.shape(area, colour, |a, b| circle((a, b), centre, radius));
    }

    pub(super) fn ellipse(&mut self, centre: Point, rx: f32, ry: f32, colour: Rgb) {
        let area = [centre.0 - rx, centre.1 - ry, centre.0 + rx, centre.1 + ry];
        self.shape(area, colour, |a, b| ellipse((a, b), centre, rx, ry));
    }

    /// An ellipse turned counter-clockwise by `angle` radians.
    pub(super) fn tilted_ellipse(&mut self, centre: Point, rx: f32, ry: f32, angle: f32, colour: Rgb) {
        let r = rx.max(ry);
        let area = [centre.0 - r, centre.1 - r, centre.0 + r, centre.1 + r];
        self.shape(area, colour, |a, b| ellipse(turn((a, b), centre, -angle), centre, rx, ry));
    }

    pub(super) fn rect(&mut self, area: Area, colour: Rgb) {
        self.rounded(area, 0.0, colour);
    }

    pub(super) fn rounded(&mut self, area: Area, radius: f32, colour: Rgb) {
        self.shape(area, colour, |a, b| boxed((a, b), area, radius));
    }

    /// A convex polygon.
    pub(super) fn polygon(&mut self, points: &[Point], colour: Rgb) {
        if points.len() < 3 {
            return;
        }
        let distance = convex_polygon_distance(points);
        self.shape(area_of(points), colour, distance);
    }

    /// A thick line with round ends; never thinner than about a pixel and a half.
    pub(super) fn line(&mut self, from: Point, to: Point, width: f32, colour: Rgb) {
        self.path(&[from, to], width, colour);
    }

    /// A thick line through `points`, painted as one shape so its outline does not cross itself.
    pub(super) fn path(&mut self, points: &[Point], width: f32, colour: Rgb) {
        let r = (width / 2.0).max(0.75 / self.size);
        let area = grow(area_of(points), r);
        self.shape(area, colour, |a, b| {
            points.windows(2).map(|w| capsule((a, b), w[0], w[1], r)).fold(f32::MAX, f32::min)
        });
    }

    /// Runs `paint` without outlines: details inside shapes, light, soft things.
    pub(super) fn plain(&mut self, paint: impl FnOnce(&mut Self)) {
        let saved = self.canvas.outline.take();
        paint(self);
        self.canvas.outline = saved;
    }

    /// Soft light added around a point.
    pub(super) fn glow(&mut self, centre: Point, radius: f32, colour: Rgb, strength: f32) {
        let (cx, cy) = self.point(centre);
        self.canvas.glow(cx, cy, radius * self.size, colour, strength);
    }

    /// A flat shadow on the ground under the drawing, so it stands rather than floats.
    pub(super) fn shadow(&mut self, world: &World, half_width: f32) {
        let colour = world.lit(Rgb::hex(0x2B2233));
        let ry = 0.045;
        self.plain(|p| {
            p.shape_with(
                [-half_width, -ry, half_width, ry],
                0.18,
                |a, b| ellipse((a, b), (0.0, 0.0), half_width, ry),
                |_, _| colour,
            )
        });
    }
}

pub(super) fn circle(p: Point, centre: Point, radius: f32) -> f32 {
    (p.0 - centre.0).hypot(p.1 - centre.1) - radius
}

/// An ellipse's distance, scaled by its gradient so edges stay one pixel soft all round.
pub(super) fn ellipse(p: Point, centre: Point, rx: f32, ry: f32) -> f32 {
    let (rx, ry) = (rx.max(1e-4), ry.max(1e-4));
    let (nx, ny) = ((p.0 - centre.0) / rx, (p.1 - centre.1) / ry);
    let length = nx.hypot(ny);
    let gradient = ((nx / rx).powi(2) + (ny / ry).powi(2)).sqrt().max(1e-6) / length.max(1e-6);
    (length - 1.0) / gradient
}

/// A box with rounded corners.
pub(super) fn boxed(p: Point, area: Area, radius: f32) -> f32 {
    rounded_rect_distance(area[0], area[1], area[2], area[3], radius)(p.0, p.1)
}

/// A line segment with round ends, `radius` thick either side.
pub(super) fn capsule(p: Point, from: Point, to: Point, radius: f32) -> f32 {
    segment_distance(from, to, p.0, p.1) - radius
}

/// A circle's outline band, `half_width` either side of `radius`.
pub(super) fn ring(p: Point, centre: Point, radius: f32, half_width: f32) -> f32 {
    circle(p, centre, radius).abs() - half_width
}

/// Distance to any simple polygon, convex or not (negative inside).
pub(super) fn any_polygon(p: Point, points: &[Point]) -> f32 {
    let mut nearest = f32::MAX;
    let mut inside = false;
    for (i, &v) in points.iter().enumerate() {
        let u = points[(i + points.len() - 1) % points.len()];
        let edge = (u.0 - v.0, u.1 - v.1);
        let w = (p.0 - v.0, p.1 - v.1);
        let t =
            ((w.0 * edge.0 + w.1 * edge.1) / (edge.0 * edge.0 + edge.1 * edge.1).max(1e-12)).clamp(0.0, 1.0);
        let (dx, dy) = (w.0 - edge.0 * t, w.1 - edge.1 * t);
        nearest = nearest.min(dx * dx + dy * dy);
        // Crossing count along a ray, to tell inside from out.
        let above = (p.1 >= v.1, p.1 < u.1, edge.0 * w.1 > edge.1 * w.0);
        if (above.0 && above.1 && above.2) || !(above.0 || above.1 || above.2) {
            inside = !inside;
        }
    }
    if inside {
        -nearest.sqrt()
    } else {
        nearest.sqrt()
    }
}

/// The ten corners of a five-pointed star with one point up.
pub(super) fn star_points(centre: Point, radius: f32) -> Vec<Point> {
    (0..10)
        .map(|k| {
            let r = if k % 2 == 0 { radius } else { radius * 0.45 };
            let angle = PI / 2.0 + k as f32 * PI / 5.0;
            (centre.0 + r * angle.cos(), centre.1 + r * angle.sin())
        })
        .collect()
}

/// A five-pointed star in one piece, so its outline runs only round the edge.
pub(super) fn star(brush: &mut Brush, centre: Point, radius: f32, colour: Rgb) {
    let points = star_points(centre, radius);
    let area = [centre.0 - radius, centre.1 - radius, centre.0 + radius, centre.1 + radius];
    brush.shape(area, colour, |a, b| any_polygon((a, b), &points));
}

/// `p` turned by `angle` radians (counter-clockwise as seen) about `pivot`.
pub(super) fn turn(p: Point, pivot: Point, angle: f32) -> Point {
    let (s, c) = angle.sin_cos();
    let (dx, dy) = (p.0 - pivot.0, p.1 - pivot.1);
    (pivot.0 + dx * c - dy * s, pivot.1 + dx * s + dy * c)
}

/// The point a fraction `t` of the way from `from` to `to`.
pub(super) fn between(from: Point, to: Point, t: f32) -> Point {
    (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t)
}

pub(super) fn area_of(points: &[Point]) -> Area {
    points.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |r, p| {
        [r[0].min(p.0), r[1].min(p.1), r[2].max(p.0), r[3].max(p.1)]
    })
}

pub(super) fn grow(area: Area, by: f32) -> Area {
    [area[0] - by, area[1] - by, area[2] + by, area[3] + by]
}

pub(super) fn mirrored(points: &[Point]) -> Vec<Point> {
    points.iter().map(|&(a, b)| (-a, b)).collect()
}

/// A fixed colour under the scene's light.
pub(super) fn lit(world: &World, hex: u32) -> Rgb {
    world.lit(Rgb::hex(hex))
}

/// Whether lamps, windows and flames shine (evening and night).
pub(super) fn is_dark(world: &World) -> bool {
    world.look.light.lamps_lit()
}

/// The dark of small details: eyes, hands, keyholes, strings.
pub(super) fn ink(world: &World) -> Rgb {
    lit(world, 0x33283A)
}

pub(super) fn white(world: &World) -> Rgb {
    lit(world, 0xFFFDF7)
}

/// A candle flame standing on `base`, `height` tall, with its light.
pub(super) fn flame(brush: &mut Brush, world: &World, base: Point, height: f32) {
    let strength = if is_dark(world) { 0.45 } else { 0.14 };
    brush.glow((base.0, base.1 + height * 0.4), height * 1.5, Rgb::hex(0xFFC94D), strength);
    for (scale, colour) in [(1.0, Rgb::hex(0xFF9F1C)), (0.55, Rgb::hex(0xFFE680))] {
        let h = height * scale;
        let centre = (base.0, base.1 + h * 0.3);
        let tip = convex_polygon_distance(&[
            (base.0 - h * 0.27, base.1 + h * 0.42),
            (base.0 + h * 0.27, base.1 + h * 0.42),
            (base.0, base.1 + h),
        ]);
        let area = [base.0 - h * 0.3, base.1, base.0 + h * 0.3, base.1 + h];
        let drop = |a: f32, b: f32| circle((a, b), centre, h * 0.3).min(tip(a, b));
        if scale < 1.0 {
            brush.plain(|p| p.shape(area, colour, drop));
        } else {
            brush.shape(area, colour, drop);
        }
    }
}

fn kite(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let (cloth, panel) = (world.accent(k), world.accent(k + 1));
    let lean = rng.range(-0.06, 0.06);
    let top = (0.12 + lean, 1.0);
    let bottom = (0.12 - lean, 0.4);
    let left = (-0.18, 0.8);
    let right = (0.42, 0.8);
    let centre = (0.12 + lean / 3.0, 0.8);
    // The tail waves down to the ground, with bows along it.
    let tail: Vec<Point> = (0..=16)
        .map(|i| {
            let t = i as f32 / 16.0;
            (bottom.0 - 0.34 * t + 0.07 * (t * 9.0).sin(), bottom.1 * (1.0 - t) + 0.02 * t)
        })
        .collect();
    brush.plain(|p| p.path(&tail, 0.016, lit(world, 0x5B4A44)));
    for (n, i) in [5usize, 10, 15].into_iter().enumerate() {
        let (a, b) = tail[i];
        let colour = if n % 2 == 0 { panel } else { cloth };
        brush.polygon(&[(a, b), (a - 0.07, b + 0.045), (a - 0.07, b - 0.045)], colour);
        brush.polygon(&[(a, b), (a + 0.07, b + 0.045), (a + 0.07, b - 0.045)], colour);
    }
    let body = [top, right, bottom, left];
    brush.shape_with(area_of(&body), 1.0, convex_polygon_distance(&body), |a, b| {
        if (a - centre.0) * (b - centre.1) > 0.0 {
            panel
        } else {
            cloth
        }
    });
    let spar = cloth.scale(0.55);
    brush.plain(|p| {
        p.line(between(top, bottom, 0.06), between(top, bottom, 0.94), 0.022, spar);
        p.line(between(left, right, 0.06), between(left, right, 0.94), 0.022, spar);
    });
}

fn balloon(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let colour = world.accent(rng.index(6));
    let sway = rng.range(-0.08, 0.08);
    let string: Vec<Point> = (0..=12)
        .map(|i| {
            let t = i as f32 / 12.0;
            (sway * (1.0 - t) + 0.04 * (t * 7.0).sin(), 0.38 * (1.0 - t))
        })
        .collect();
    brush.plain(|p| p.path(&string, 0.014, lit(world, 0x6A5D5A)));
    brush.polygon(&[(sway - 0.045, 0.36), (sway + 0.045, 0.36), (sway, 0.43)], colour.scale(0.85));
    brush.ellipse((sway, 0.7), 0.25, 0.3, colour);
    brush.plain(|p| p.tilted_ellipse((sway - 0.1, 0.82), 0.05, 0.09, 0.5, colour.mix(white(world), 0.55)));
}

fn hat(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let straw = lit(world, 0xE9C46A);
    let band = world.accent(k);
    brush.shadow(world, 0.72);
    brush.ellipse((0.0, 0.15), 0.82, 0.15, straw);
    let crown = |a: f32, b: f32| {
        boxed((a, b), [-0.4, 0.12, 0.4, 0.52], 0.0).min(ellipse((a, b), (0.0, 0.52), 0.4, 0.28))
    };
    brush.shape_with([-0.4, 0.12, 0.4, 0.8], 1.0, crown, |_, b| if b < 0.3 { band } else { straw });
    // A flower tucked into the band.
    let petals: Vec<Point> = (0..5)
        .map(|i| {
            let angle = i as f32 * PI * 0.4;
            (0.22 + 0.055 * angle.cos(), 0.22 + 0.055 * angle.sin())
        })
        .collect();
    brush.shape([0.1, 0.1, 0.34, 0.34], world.accent(k + 1), |a, b| {
        petals.iter().map(|&c| circle((a, b), c, 0.05)).fold(f32::MAX, f32::min)
    });
    brush.plain(|p| p.circle((0.22, 0.22), 0.035, lit(world, 0xFFD23F)));
}

fn scarf(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let (wool, stripe) = (world.accent(k), world.accent(k + 2));
    let striped = |b: f32| if (b * 10.0).rem_euclid(1.0) < 0.38 { stripe } else { wool };
    let loop_band = |a: f32, b: f32| ellipse((a, b), (0.0, 0.8), 0.38, 0.14).abs() - 0.075;
    brush.shape([-0.46, 0.58, 0.46, 1.0], wool.scale(0.72), loop_band);
    brush.shape([-0.46, 0.58, 0.46, 0.82], wool, |a, b| loop_band(a, b).max(b - 0.8));
    let ends = [
        [(-0.24, 0.72), (-0.02, 0.72), (-0.05, 0.14), (-0.29, 0.17)],
        [(0.0, 0.7), (0.19, 0.72), (0.29, 0.24), (0.08, 0.21)],
    ];
    let fringe = wool.scale(0.8);
    for end in ends {
        brush.plain(|p| {
            for i in 0..5 {
                let from = between(end[3], end[2], 0.1 + 0.2 * i as f32);
                p.line(from, (from.0, from.1 - 0.1), 0.025, fringe);
            }
        });
        brush.shape_with(area_of(&end), 1.0, convex_polygon_distance(&end), |_, b| striped(b));
    }
    brush.rounded([-0.11, 0.62, 0.1, 0.8], 0.05, wool);
}

fn teapot(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let china = world.accent(rng.index(6));
    let trim = white(world);
    brush.shadow(world, 0.5);
    brush.shape([-0.66, 0.2, -0.3, 0.64], china, |a, b| {
        ring((a, b), (-0.44, 0.42), 0.16, 0.045).max(a + 0.32)
    });
    brush.polygon(&[(0.24, 0.16), (0.4, 0.44), (0.78, 0.7), (0.7, 0.6)], china);
    brush.rounded([-0.26, 0.0, 0.26, 0.1], 0.03, china.scale(0.85));
    let body = |a: f32, b: f32| ellipse((a, b), (0.0, 0.38), 0.44, 0.34).max(0.06 - b);
    brush.shape_with([-0.44, 0.04, 0.44, 0.72], 1.0, body, |_, b| {
        if (b - 0.44).abs() < 0.045 {
            trim
        } else {
            china
        }
    });
    brush.ellipse((0.0, 0.71), 0.24, 0.07, china.scale(0.9));
    brush.circle((0.0, 0.81), 0.06, trim);
    brush.plain(|p| {
        for a in [-0.22, 0.0, 0.22] {
            p.circle((a, 0.26), 0.045, trim);
        }
    });
}

fn cup(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let china = world.accent(rng.index(6));
    let saucer = white(world);
    brush.shadow(world, 0.6);
    brush.ellipse((0.0, 0.08), 0.62, 0.08, saucer);
    brush.shape([0.3, 0.24, 0.62, 0.6], china, |a, b| ring((a, b), (0.42, 0.42), 0.13, 0.045).max(0.34 - a));
    let bowl = |a: f32, b: f32| ellipse((a, b), (0.0, 0.66), 0.44, 0.54).max(b - 0.66);
    brush.shape_with([-0.44, 0.12, 0.44, 0.66], 1.0, bowl, |_, b| {
        if (b - 0.5).abs() < 0.04 {
            saucer
        } else {
            china
        }
    });
    brush.ellipse((0.0, 0.66), 0.44, 0.07, china.scale(0.9));
    brush.plain(|p| p.ellipse((0.0, 0.655), 0.37, 0.045, lit(world, 0x8A5A3B)));
    let steam = lit(world, 0xB8C6D6);
    brush.plain(|p| {
        for x in [-0.1, 0.12] {
            let wisp: Vec<Point> = (0..=8)
                .map(|i| {
                    let t = i as f32 / 8.0;
                    (x + 0.04 * (t * 6.0).sin(), 0.76 + 0.22 * t)
                })
                .collect();
            p.path(&wisp, 0.035, steam);
        }
    });
}

fn cake(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let sponge = lit(world, 0xF1C27D);
    let jam = world.accent(k);
    let icing = world.accent(k + 1).mix(white(world), 0.6);
    brush.shadow(world, 0.74);
    brush.ellipse((0.0, 0.06), 0.72, 0.07, lit(world, 0xEDEFF5));
    let layers = [-0.56, 0.08, 0.56, 0.5];
    brush.shape_with(
        layers,
        1.0,
        |a, b| boxed((a, b), layers, 0.05),
        |_, b| {
            if (b - 0.27).abs() < 0.035 {
                jam
            } else {
                sponge
            }
        },
    );
    let drips = [(-0.42, 0.36), (-0.2, 0.42), (0.05, 0.33), (0.3, 0.4), (0.47, 0.44)];
    brush.shape([-0.58, 0.28, 0.58, 0.62], icing, |a, b| {
        let top = boxed((a, b), [-0.58, 0.46, 0.58, 0.62], 0.06);
        drips.iter().map(|&(x, low)| capsule((a, b), (x, 0.5), (x, low), 0.05)).fold(top, f32::min)
    });
    let wax = white(world);
    for (i, x) in [-0.28f32, 0.0, 0.28].into_iter().enumerate() {
        let stripe = world.accent(k + 2 + i);
        let stick = [x - 0.04, 0.6, x + 0.04, 0.8];
        brush.shape_with(
            stick,
            1.0,
            |a, b| boxed((a, b), stick, 0.01),
            |a, b| {
                if ((b - a) * 14.0).rem_euclid(1.0) < 0.5 {
                    stripe
                } else {
                    wax
                }
            },
        );
        flame(&mut brush, world, (x, 0.8), 0.15);
    }
}

fn book(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let cover = world.accent(k);
    let paper = lit(world, 0xFFF8EA);
    let print = lit(world, 0x9A8F99);
    brush.shadow(world, 0.82);
    brush.rect([0.01, 0.0, 0.08, 0.12], world.accent(k + 1));
    let left = [(-0.82, 0.16), (0.0, 0.06), (0.0, 0.66), (-0.82, 0.78)];
    let (cover_left, cover_right) =
        (convex_polygon_distance(&left), convex_polygon_distance(&mirrored(&left)));
    brush.shape([-0.82, 0.06, 0.82, 0.78], cover, |a, b| cover_left(a, b).min(cover_right(a, b)));
    let page = [(-0.76, 0.22), (-0.01, 0.12), (-0.01, 0.7), (-0.76, 0.84)];
    let (page_left, page_right) = (convex_polygon_distance(&page), convex_polygon_distance(&mirrored(&page)));
    brush.shape([-0.76, 0.12, 0.76, 0.84], paper, |a, b| page_left(a, b).min(page_right(a, b)));
    // Printed lines follow the slope of the page tops.
    let top = |a: f32| 0.7 + (a.abs() - 0.01) * 0.14 / 0.75;
    brush.plain(|p| {
        for i in 0..4 {
            let drop = 0.14 + 0.11 * i as f32;
            p.line((-0.66, top(-0.66) - drop), (-0.12, top(-0.12) - drop), 0.03, print);
        }
        for i in 2..4 {
            let drop = 0.14 + 0.11 * i as f32;
            p.line((0.12, top(0.12) - drop), (0.66, top(0.66) - drop), 0.03, print);
        }
        p.circle((0.38, 0.58), 0.09, world.accent(k + 2));
        p.line((0.0, 0.13), (0.0, 0.69), 0.02, cover.scale(0.7));
    });
}

fn chest(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let wood = lit(world, 0xA0643A);
    let gold = lit(world, 0xF2C14E);
    let dark = ink(world);
    brush.shadow(world, 0.66);
    let base = |a: f32, b: f32| boxed((a, b), [-0.56, 0.02, 0.56, 0.5], 0.03);
    let lid = |a: f32, b: f32| {
        boxed((a, b), [-0.56, 0.5, 0.56, 0.66], 0.0)
            .min(ellipse((a, b), (0.0, 0.66), 0.56, 0.22))
            .max(0.5 - b)
    };
    let planks = |_: f32, b: f32| if (b * 7.0).rem_euclid(1.0) < 0.1 { wood.scale(0.78) } else { wood };
    brush.shape_with([-0.56, 0.02, 0.56, 0.5], 1.0, base, planks);
    brush.shape_with([-0.56, 0.5, 0.56, 0.88], 1.0, lid, planks);
    for x in [-0.38f32, 0.38] {
        brush.shape([x - 0.05, 0.02, x + 0.05, 0.88], gold, |a, b| {
            ((a - x).abs() - 0.05).max(base(a, b).min(lid(a, b)))
        });
    }
    brush.rect([-0.58, 0.46, 0.58, 0.54], gold);
    brush.rounded([-0.1, 0.26, 0.1, 0.5], 0.03, gold);
    brush.plain(|p| {
        p.circle((0.0, 0.41), 0.035, dark);
        p.polygon(&[(0.0, 0.42), (-0.03, 0.31), (0.03, 0.31)], dark);
    });
}

fn map(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let paper = lit(world, 0xF3DFB0);
    let roll = lit(world, 0xD9B77C);
    let land = lit(world, 0x9CCB7A);
    let trail = lit(world, 0x8A5A3B);
    let red = lit(world, 0xD9433B);
    brush.shadow(world, 0.76);
    brush.rect([-0.64, 0.12, 0.64, 0.8], paper);
    brush.rounded([-0.78, 0.06, -0.6, 0.86], 0.09, roll);
    brush.rounded([0.6, 0.06, 0.78, 0.86], 0.09, roll);
    let island = [(-0.25, 0.45, 0.2), (0.05, 0.52, 0.22), (0.3, 0.42, 0.16), (0.0, 0.36, 0.2)];
    let bend = rng.range(-0.05, 0.05);
    brush.plain(|p| {
        p.shape([-0.45, 0.16, 0.46, 0.74], land, |a, b| {
            island.iter().map(|&(x, y, r)| circle((a, b), (x, y), r)).fold(f32::MAX, f32::min)
        });
        p.polygon(&[(-0.3, 0.52), (-0.16, 0.52), (-0.23, 0.64)], trail);
        for i in 0..6 {
            let t0 = i as f32 / 6.0;
            let t1 = t0 + 0.09;
            let at = |t: f32| (-0.42 + 0.72 * t, 0.28 + 0.32 * t + (0.12 + bend) * (t * PI).sin());
            p.line(at(t0), at(t1), 0.035, trail);
        }
        p.line((0.25, 0.55), (0.39, 0.69), 0.055, red);
        p.line((0.25, 0.69), (0.39, 0.55), 0.055, red);
    });
}

fn blanket(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let check = world.accent(rng.index(6));
    let cream = lit(world, 0xFFF4E0);
    let half = check.mix(cream, 0.5);
    let quilt = [(-0.86, 0.06), (0.86, 0.06), (0.6, 0.62), (-0.6, 0.62)];
    brush.plain(|p| {
        for i in 0..12 {
            let a = -0.8 + i as f32 * 1.6 / 11.0;
            p.line((a, 0.07), (a, 0.0), 0.025, check.scale(0.8));
        }
    });
    brush.shape_with(area_of(&quilt), 1.0, convex_polygon_distance(&quilt), |a, b| {
        let reach = 0.86 - 0.26 / 0.56 * (b - 0.06);
        let u = ((a / reach + 1.0) * 4.0).floor() as i32;
        let v = ((b - 0.06) / 0.56 * 5.0).floor() as i32;
        match (u.rem_euclid(2), v.rem_euclid(2)) {
            (1, 1) => check,
            (0, 0) => cream,
            _ => half,
        }
    });
}

fn bed(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let wood = lit(world, 0xB07A4A);
    let sheet = white(world);
    let (cover, dots) = (world.accent(k), world.accent(k + 1).mix(sheet, 0.3));
    brush.shadow(world, 0.86);
    brush.rect([-0.78, 0.0, -0.68, 0.14], wood.scale(0.8));
    brush.rect([0.68, 0.0, 0.78, 0.14], wood.scale(0.8));
    brush.rounded([-0.84, 0.06, -0.66, 0.92], 0.08, wood);
    brush.rect([-0.68, 0.12, 0.68, 0.26], wood.scale(0.9));
    brush.rounded([-0.68, 0.24, 0.68, 0.42], 0.04, sheet);
    brush.rounded([-0.64, 0.38, -0.3, 0.58], 0.08, sheet);
    let quilt = [-0.34, 0.2, 0.7, 0.52];
    brush.shape_with(
        quilt,
        1.0,
        |a, b| boxed((a, b), quilt, 0.05),
        |a, b| {
            let (u, v) = ((a * 10.0).rem_euclid(1.0) - 0.5, (b * 10.0).rem_euclid(1.0) - 0.5);
            if a < -0.22 {
                sheet
            } else if u * u + v * v < 0.05 {
                dots
            } else {
                cover
            }
        },
    );
    brush.rounded([0.66, 0.06, 0.84, 0.62], 0.06, wood);
}

fn pillow(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let cloth = world.accent(rng.index(6)).mix(white(world), 0.4);
    brush.shadow(world, 0.62);
    // Stuffed full: each side pulled in between four pointed corners.
    let (half_w, half_h, middle) = (0.64, 0.31, 0.33);
    brush.shape([-half_w, 0.02, half_w, 0.64], cloth, |a, b| {
        let along = (PI * (a / half_w * 0.5 + 0.5)).sin().max(0.0);
        let up = (PI * ((b - middle) / half_h * 0.5 + 0.5)).sin().max(0.0);
        let across = a.abs() - (half_w - 0.06 * up);
        let high = (b - middle).abs() - (half_h - 0.07 * along);
        across.max(high)
    });
    let seam = cloth.scale(0.82);
    brush.plain(|p| {
        p.ellipse((-0.12, 0.42), 0.24, 0.08, cloth.mix(white(world), 0.4));
        for (from, to) in [((-0.5, 0.12), (-0.22, 0.24)), ((0.5, 0.54), (0.22, 0.42))] {
            p.line(from, to, 0.025, seam);
        }
        p.circle((0.0, 0.33), 0.045, seam);
    });
}

fn lantern(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let metal = lit(world, 0x3E4C59);
    let glass = if is_dark(world) { Rgb::hex(0xFFE08A) } else { lit(world, 0xFFF0C0) };
    brush.shadow(world, 0.34);
    brush.glow((0.0, 0.4), 0.5, Rgb::hex(0xFFC94D), if is_dark(world) { 0.4 } else { 0.12 });
    brush.shape([-0.15, 0.82, 0.15, 1.0], metal, |a, b| ring((a, b), (0.0, 0.84), 0.13, 0.025).max(0.84 - b));
    brush.rect([-0.2, 0.1, 0.2, 0.62], glass);
    brush.rect([-0.05, 0.1, 0.05, 0.24], lit(world, 0xFFF4E0));
    flame(&mut brush, world, (0.0, 0.24), 0.17);
    brush.rect([-0.24, 0.08, -0.17, 0.64], metal);
    brush.rect([0.17, 0.08, 0.24, 0.64], metal);
    brush.rounded([-0.28, 0.0, 0.28, 0.1], 0.03, metal);
    brush.polygon(&[(-0.3, 0.6), (0.3, 0.6), (0.14, 0.78), (-0.14, 0.78)], metal);
    brush.rect([-0.06, 0.76, 0.06, 0.85], metal);
}

fn boat(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let (hull, jib) = (world.accent(k), world.accent(k + 1));
    let sail = white(world);
    brush.shadow(world, 0.6);
    brush.line((0.0, 0.28), (0.0, 0.96), 0.04, lit(world, 0x8B5A3C));
    brush.polygon(&[(0.0, 1.0), (0.18, 0.96), (0.0, 0.92)], jib);
    brush.polygon(&[(0.04, 0.92), (0.04, 0.36), (0.5, 0.36)], sail);
    brush.polygon(&[(-0.04, 0.86), (-0.04, 0.38), (-0.38, 0.38)], jib.mix(sail, 0.3));
    let shell = [(-0.64, 0.32), (0.68, 0.32), (0.46, 0.04), (-0.46, 0.04)];
    brush.shape_with(area_of(&shell), 1.0, convex_polygon_distance(&shell), |_, b| {
        if b > 0.25 {
            sail
        } else {
            hull
        }
    });
    for a in [-0.26, 0.0, 0.26] {
        brush.circle((a, 0.15), 0.045, lit(world, 0xBFE3F2));
    }
}

fn clock(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let case = world.accent(rng.index(6));
    let face = lit(world, 0xFFF6E0);
    let dark = ink(world);
    let bell = lit(world, 0xF2C14E);
    brush.shadow(world, 0.4);
    brush.line((-0.2, 0.16), (-0.3, 0.03), 0.06, dark);
    brush.line((0.2, 0.16), (0.3, 0.03), 0.06, dark);
    brush.line((0.0, 0.86), (0.0, 0.93), 0.05, dark);
    brush.circle((0.0, 0.94), 0.04, dark);
    brush.circle((-0.26, 0.84), 0.13, bell);
    brush.circle((0.26, 0.84), 0.13, bell);
    brush.circle((0.0, 0.48), 0.4, case);
    brush.circle((0.0, 0.48), 0.31, face);
    let hour = [2.0f32, 4.0, 8.0, 10.0][rng.index(4)];
    brush.plain(|p| {
        for h in 0..12 {
            let (s, c) = (h as f32 * PI / 6.0).sin_cos();
            let r = if h % 3 == 0 { 0.035 } else { 0.02 };
            p.circle((0.25 * s, 0.48 + 0.25 * c), r, dark);
        }
        p.line((0.0, 0.48), (0.0, 0.7), 0.035, dark);
        let (s, c) = (hour * PI / 6.0).sin_cos();
        p.line((0.0, 0.48), (0.15 * s, 0.48 + 0.15 * c), 0.05, dark);
        p.circle((0.0, 0.48), 0.035, case);
    });
}

fn ball(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let paint = white(world);
    let colours = [world.accent(k), paint, world.accent(k + 1), paint, world.accent(k + 2), paint];
    let pole = (0.06, 0.58);
    brush.shadow(world, 0.42);
    brush.shape_with(
        [-0.46, 0.0, 0.46, 0.92],
        1.0,
        |a, b| circle((a, b), (0.0, 0.46), 0.46),
        |a, b| {
            let angle = (b - pole.1).atan2(a - pole.0) + PI;
            colours[((angle / (2.0 * PI) * 6.0) as usize).min(5)]
        },
    );
    brush.plain(|p| {
        p.circle(pole, 0.07, paint);
        p.tilted_ellipse((-0.22, 0.64), 0.05, 0.11, -0.6, paint.mix(colours[0], 0.15));
    });
}

fn basket(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let straw = lit(world, 0xD9A55B);
    let cane = lit(world, 0xA8703F);
    let cloth = world.accent(rng.index(6));
    let cream = white(world);
    brush.shadow(world, 0.55);
    brush.shape([-0.44, 0.46, 0.44, 0.9], cane, |a, b| ring((a, b), (0.0, 0.48), 0.38, 0.04).max(0.48 - b));
    brush.shape_with(
        [-0.44, 0.42, 0.44, 0.62],
        1.0,
        |a, b| ellipse((a, b), (0.0, 0.52), 0.44, 0.1),
        |a, b| {
            if (((a * 14.0).floor() + (b * 14.0).floor()) as i32).rem_euclid(2) == 0 {
                cloth
            } else {
                cream
            }
        },
    );
    let body = [(-0.52, 0.54), (0.52, 0.54), (0.4, 0.02), (-0.4, 0.02)];
    brush.shape_with(area_of(&body), 1.0, convex_polygon_distance(&body), |a, b| {
        let row = (b / 0.1).floor();
        let column = ((a + row * 0.06) / 0.12).floor();
        if ((row + column) as i32).rem_euclid(2) == 0 {
            straw
        } else {
            straw.scale(0.84)
        }
    });
    brush.rounded([-0.55, 0.48, 0.55, 0.58], 0.04, cane);
}

fn shell(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let pink = lit(world, 0xF7A28B);
    let rib = lit(world, 0xD9755F);
    let hinge = (0.0, 0.1);
    let (from, to) = (0.35f32, PI - 0.35);
    let ribs = 7.0;
    brush.shadow(world, 0.6);
    brush.polygon(&[(-0.22, 0.02), (0.22, 0.02), (0.13, 0.17), (-0.13, 0.17)], rib);
    let (s, c) = from.sin_cos();
    brush.shape([-0.82, 0.05, 0.82, 0.92], pink, |a, b| {
        let (dx, dy) = (a - hinge.0, b - hinge.1);
        let t = (dy.atan2(dx) - from) / (to - from);
        let reach = 0.72 + 0.07 * (t * PI * ribs).sin().abs();
        let wedge = (s * dx - c * dy).max(-s * dx - c * dy);
        (dx.hypot(dy) - reach).max(wedge)
    });
    brush.plain(|p| {
        for i in 1..7 {
            let angle = from + (to - from) * i as f32 / ribs;
            let (sa, ca) = angle.sin_cos();
            p.line(
                (hinge.0 + 0.12 * ca, hinge.1 + 0.12 * sa),
                (hinge.0 + 0.66 * ca, hinge.1 + 0.66 * sa),
                0.03,
                rib,
            );
        }
    });
}

fn bench(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let wood = lit(world, 0xB9773F);
    let iron = lit(world, 0x3D3A45);
    brush.shadow(world, 0.82);
    for b in [0.58, 0.7, 0.82] {
        brush.rounded([-0.74, b, 0.74, b + 0.09], 0.02, wood);
    }
    brush.rounded([-0.8, 0.36, 0.8, 0.48], 0.02, wood);
    for side in [-1.0f32, 1.0] {
        brush.path(&[(side * 0.66, 0.0), (side * 0.64, 0.36)], 0.06, iron);
        brush.path(&[(side * 0.6, 0.48), (side * 0.58, 0.92)], 0.06, iron);
        brush.path(&[(side * 0.72, 0.48), (side * 0.74, 0.6), (side * 0.56, 0.63)], 0.05, iron);
    }
}

fn key(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let gold = lit(world, 0xF2C14E);
    let tilt = 0.3 + rng.range(-0.1, 0.1);
    let pivot = (0.0, 0.5);
    brush.shape([-0.5, -0.05, 0.5, 1.05], gold, |a, b| {
        let p = turn((a, b), pivot, -tilt);
        let bow = ring(p, (0.0, 0.76), 0.16, 0.075);
        let shaft = boxed(p, [-0.055, 0.06, 0.055, 0.62], 0.0);
        let collar = boxed(p, [-0.1, 0.52, 0.1, 0.58], 0.02);
        let bit = boxed(p, [0.0, 0.06, 0.22, 0.16], 0.0).min(boxed(p, [0.0, 0.21, 0.16, 0.29], 0.0));
        bow.min(shaft).min(collar).min(bit)
    });
    let shine = gold.mix(white(world), 0.5);
    brush.plain(|p| p.line(turn((-0.02, 0.2), pivot, tilt), turn((-0.02, 0.46), pivot, tilt), 0.03, shine));
}

fn crown(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let gold = lit(world, 0xF4C542);
    let k = rng.index(6);
    let tips: Vec<Point> = [(-0.42, 0.74), (-0.21, 0.8), (0.0, 0.88), (0.21, 0.8), (0.42, 0.74)]
        .map(|(x, h)| (x * 1.15, h))
        .to_vec();
    let spikes: Vec<_> = [-0.42f32, -0.21, 0.0, 0.21, 0.42]
        .iter()
        .zip(&tips)
        .map(|(&x, &tip)| convex_polygon_distance(&[(x - 0.11, 0.3), (x + 0.11, 0.3), tip]))
        .collect();
    brush.shape_with(
        [-0.5, 0.06, 0.5, 0.88],
        1.0,
        |a, b| spikes.iter().map(|d| d(a, b)).fold(boxed((a, b), [-0.5, 0.06, 0.5, 0.36], 0.02), f32::min),
        |_, b| if b < 0.13 { gold.scale(0.85) } else { gold },
    );
    for &tip in &tips {
        brush.circle(tip, 0.05, gold);
    }
    brush.circle((-0.28, 0.23), 0.055, world.accent(k));
    brush.circle((0.28, 0.23), 0.055, world.accent(k));
    brush.polygon(&[(0.0, 0.33), (0.08, 0.23), (0.0, 0.13), (-0.08, 0.23)], world.accent(k + 1));
}

fn umbrella(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let (first, second) = (world.accent(k), world.accent(k + 1));
    let handle = lit(world, 0x5A3E2B);
    brush.line((0.0, 0.55), (0.0, 0.14), 0.04, handle);
    brush.shape([-0.21, 0.0, 0.03, 0.16], handle, |a, b| {
        ring((a, b), (-0.09, 0.14), 0.09, 0.022).max(b - 0.14)
    });
    brush.line((0.0, 0.92), (0.0, 1.0), 0.035, handle);
    let canopy = |a: f32, b: f32| {
        let across = ((a + 0.62) / 0.31).rem_euclid(1.0);
        let edge = 0.52 + 0.07 * (across * PI).sin();
        ellipse((a, b), (0.0, 0.52), 0.62, 0.42).max(edge - b)
    };
    brush.shape_with([-0.62, 0.5, 0.62, 0.94], 1.0, canopy, |a, b| {
        // Panels meet at a point above the canopy, as its ribs seem to.
        let across = a * 0.7 / (1.22 - b).max(0.02);
        if (((across + 0.62) / 0.31).floor() as i32).clamp(0, 3) % 2 == 0 {
            first
        } else {
            second
        }
    });
}

fn bucket(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let pail = world.accent(k);
    let spade = world.accent(k + 1);
    brush.shadow(world, 0.55);
    brush.line((0.18, 0.4), (0.5, 0.95), 0.06, spade);
    brush.line((0.42, 0.99), (0.58, 0.9), 0.06, spade);
    brush.shape([-0.45, 0.6, 0.45, 1.05], lit(world, 0x4A4A55), |a, b| {
        ring((a, b), (0.0, 0.62), 0.42, 0.02).max(0.62 - b)
    });
    brush.polygon(&[(-0.44, 0.66), (0.44, 0.66), (0.33, 0.02), (-0.33, 0.02)], pail);
    brush.rounded([-0.48, 0.6, 0.48, 0.7], 0.03, pail.scale(0.85));
    star(&mut brush, (0.0, 0.33), 0.15, world.accent(k + 2));
}

fn present(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let (paper, ribbon) = (world.accent(k), world.accent(k + 1));
    brush.shadow(world, 0.5);
    brush.tilted_ellipse((-0.16, 0.82), 0.17, 0.08, 0.45, ribbon);
    brush.tilted_ellipse((0.16, 0.82), 0.17, 0.08, -0.45, ribbon);
    let wrapped = |a: f32, b: f32| if a.abs() < 0.07 || (b - 0.3).abs() < 0.05 { ribbon } else { paper };
    brush.shape_with(
        [-0.44, 0.02, 0.44, 0.58],
        1.0,
        |a, b| boxed((a, b), [-0.44, 0.02, 0.44, 0.58], 0.0),
        wrapped,
    );
    brush.shape_with(
        [-0.5, 0.56, 0.5, 0.74],
        1.0,
        |a, b| boxed((a, b), [-0.5, 0.56, 0.5, 0.74], 0.02),
        |a, _| if a.abs() < 0.07 { ribbon } else { paper.scale(1.08) },
    );
    brush.plain(|p| {
        p.tilted_ellipse((-0.17, 0.82), 0.07, 0.03, 0.45, ribbon.scale(0.7));
        p.tilted_ellipse((0.17, 0.82), 0.07, 0.03, -0.45, ribbon.scale(0.7));
    });
    brush.circle((0.0, 0.78), 0.06, ribbon);
}

fn teddy(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let fur = lit(world, 0xB5814F);
    let light = lit(world, 0xE8C9A0);
    let dark = lit(world, 0x4A3426);
    let bow = world.accent(rng.index(6));
    brush.shadow(world, 0.48);
    brush.ellipse((0.0, 0.34), 0.3, 0.27, fur);
    brush.plain(|p| p.ellipse((0.0, 0.3), 0.17, 0.15, light));
    for side in [-1.0f32, 1.0] {
        brush.ellipse((side * 0.3, 0.4), 0.1, 0.15, fur);
        brush.ellipse((side * 0.25, 0.12), 0.16, 0.12, fur);
        brush.plain(|p| p.ellipse((side * 0.27, 0.12), 0.08, 0.07, light));
        brush.circle((side * 0.19, 0.89), 0.09, fur);
        brush.plain(|p| p.circle((side * 0.19, 0.89), 0.045, light));
    }
    brush.circle((0.0, 0.73), 0.22, fur);
    brush.ellipse((0.0, 0.67), 0.1, 0.075, light);
    brush.plain(|p| {
        p.ellipse((0.0, 0.7), 0.042, 0.03, dark);
        p.line((0.0, 0.69), (0.0, 0.635), 0.02, dark);
        p.circle((-0.085, 0.8), 0.03, dark);
        p.circle((0.085, 0.8), 0.03, dark);
    });
    brush.polygon(&[(0.0, 0.52), (-0.13, 0.58), (-0.13, 0.46)], bow);
    brush.polygon(&[(0.0, 0.52), (0.13, 0.58), (0.13, 0.46)], bow);
    brush.circle((0.0, 0.52), 0.04, bow);
}

fn bell(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let gold = lit(world, 0xF2C14E);
    brush.shadow(world, 0.4);
    brush.shape([-0.1, 0.84, 0.1, 1.0], gold, |a, b| ring((a, b), (0.0, 0.91), 0.065, 0.025));
    brush.circle((0.0, 0.09), 0.08, gold.scale(0.8));
    let flare = convex_polygon_distance(&[(-0.22, 0.68), (0.22, 0.68), (0.42, 0.2), (-0.42, 0.2)]);
    brush.shape([-0.46, 0.14, 0.46, 0.9], gold, |a, b| {
        circle((a, b), (0.0, 0.66), 0.22).min(flare(a, b)).min(boxed((a, b), [-0.46, 0.14, 0.46, 0.26], 0.05))
    });
    brush.plain(|p| p.tilted_ellipse((-0.13, 0.5), 0.04, 0.16, -0.25, gold.mix(white(world), 0.55)));
}

fn gate(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let boards = if rng.chance(0.5) { lit(world, 0xF2EEE4) } else { lit(world, 0xC28A55) };
    let post = lit(world, 0x8B5A3C);
    let iron = lit(world, 0x3D3A45);
    brush.shadow(world, 0.8);
    for x in [-0.66f32, 0.66] {
        brush.rect([x - 0.08, 0.0, x + 0.08, 0.86], post);
        brush.circle((x, 0.9), 0.07, post);
    }
    for i in 0..5 {
        let x0 = -0.54 + i as f32 * 0.22;
        let x1 = x0 + 0.18;
        brush.polygon(&[(x0, 0.06), (x1, 0.06), (x1, 0.7), ((x0 + x1) / 2.0, 0.8), (x0, 0.7)], boards);
    }
    brush.line((-0.5, 0.24), (0.5, 0.55), 0.07, boards);
    brush.rect([-0.56, 0.18, 0.56, 0.26], boards);
    brush.rect([-0.56, 0.52, 0.56, 0.6], boards);
    brush.rect([-0.62, 0.19, -0.48, 0.25], iron);
    brush.rect([-0.62, 0.53, -0.48, 0.59], iron);
    brush.circle((0.5, 0.4), 0.035, iron);
}

fn ladder(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let wood = lit(world, 0xC28A55);
    let lean = rng.range(-0.06, 0.06);
    brush.shadow(world, 0.28);
    let rail = |side: f32, b: f32| side * (0.2 - 0.05 * b) + lean * b;
    for i in 0..6 {
        let b = 0.1 + 0.16 * i as f32;
        brush.line((rail(-1.0, b), b), (rail(1.0, b), b), 0.05, wood.scale(0.9));
    }
    for side in [-1.0, 1.0] {
        brush.line((rail(side, 0.0), 0.0), (rail(side, 0.97), 0.97), 0.07, wood);
    }
}

fn rocket(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let trim = world.accent(k);
    let hull = lit(world, 0xF4F1EA);
    let metal = lit(world, 0x9AA5B1);
    // The exhaust points down: a flame drawn upside down.
    let fire = convex_polygon_distance(&[(-0.09, 0.15), (0.09, 0.15), (0.0, 0.0)]);
    brush.shape([-0.1, 0.0, 0.1, 0.2], Rgb::hex(0xFF9F1C), |a, b| {
        circle((a, b), (0.0, 0.15), 0.09).min(fire(a, b))
    });
    brush.plain(|p| p.ellipse((0.0, 0.13), 0.045, 0.07, Rgb::hex(0xFFE680)));
    brush.polygon(&[(-0.1, 0.23), (0.1, 0.23), (0.13, 0.14), (-0.13, 0.14)], metal);
    let fin = [(-0.15, 0.48), (-0.15, 0.22), (-0.31, 0.12), (-0.3, 0.3)];
    brush.polygon(&fin, trim);
    brush.polygon(&mirrored(&fin), trim);
    brush.shape_with(
        [-0.17, 0.2, 0.17, 1.0],
        1.0,
        |a, b| {
            let nose = circle((a, b), (0.37, 0.62), 0.53).max(circle((a, b), (-0.37, 0.62), 0.53));
            nose.min(boxed((a, b), [-0.16, 0.22, 0.16, 0.62], 0.02))
        },
        |_, b| if b > 0.8 { trim } else { hull },
    );
    brush.rect([-0.03, 0.12, 0.03, 0.4], trim);
    brush.circle((0.0, 0.58), 0.09, metal);
    brush.circle((0.0, 0.58), 0.06, lit(world, 0x7CC6F2));
    brush.plain(|p| p.circle((-0.02, 0.6), 0.02, white(world)));
}

fn train(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let paint = world.accent(k);
    let coach = world.accent(k + 1);
    let dark = lit(world, 0x3B3B48);
    let gold = lit(world, 0xF2C14E);
    let smoke = lit(world, 0xE3E3EA);
    let glass = lit(world, 0xBFE3F2);
    let hub = lit(world, 0x9AA5B1);
    brush.shadow(world, 1.2);
    // A coach behind the engine.
    brush.line((-0.4, 0.18), (-0.26, 0.18), 0.04, dark);
    brush.rounded([-1.2, 0.16, -0.38, 0.68], 0.05, coach);
    brush.rounded([-1.24, 0.66, -0.34, 0.75], 0.03, dark);
    for x in [-1.1f32, -0.78] {
        brush.rounded([x, 0.42, x + 0.26, 0.6], 0.03, glass);
    }
    // The engine: cab, boiler, chimney and cow-catcher.
    let e = 0.45;
    brush.circle((0.42 + e, 0.86), 0.07, smoke);
    brush.circle((0.3 + e, 0.94), 0.05, smoke);
    brush.polygon(&[(0.28 + e, 0.5), (0.4 + e, 0.5), (0.47 + e, 0.8), (0.21 + e, 0.8)], dark);
    brush.rect([-0.72 + e, 0.14, 0.6 + e, 0.22], dark);
    brush.polygon(&[(0.52 + e, 0.22), (0.6 + e, 0.22), (0.74 + e, 0.04), (0.52 + e, 0.04)], dark);
    brush.rounded([-0.26 + e, 0.2, 0.52 + e, 0.54], 0.1, paint);
    brush.plain(|p| {
        for x in [-0.04 + e, 0.24 + e] {
            p.rect([x, 0.21, x + 0.04, 0.53], gold);
        }
    });
    brush.ellipse((0.05 + e, 0.55), 0.08, 0.07, gold);
    brush.rect([-0.7 + e, 0.2, -0.22 + e, 0.72], paint);
    brush.rounded([-0.76 + e, 0.7, -0.16 + e, 0.79], 0.03, dark);
    brush.rounded([-0.6 + e, 0.46, -0.32 + e, 0.64], 0.03, glass);
    brush.circle((0.55 + e, 0.42), 0.05, Rgb::hex(0xFFE08A));
    for (x, r) in [(-1.02, 0.12), (-0.56, 0.12), (-0.48 + e, 0.16), (-0.12 + e, 0.16), (0.32 + e, 0.12)] {
        brush.circle((x, r), r, dark);
        brush.plain(|p| p.circle((x, r), r * 0.4, hub));
    }
    brush.plain(|p| p.line((-0.48 + e, 0.14), (-0.12 + e, 0.14), 0.035, gold));
}

fn car(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let paint = world.accent(rng.index(6));
    let glass = lit(world, 0xBFE3F2);
    let dark = lit(world, 0x3B3B48);
    brush.shadow(world, 0.8);
    let cabin = convex_polygon_distance(&[(-0.46, 0.38), (0.4, 0.38), (0.24, 0.72), (-0.34, 0.72)]);
    brush.shape([-0.78, 0.12, 0.78, 0.72], paint, |a, b| {
        boxed((a, b), [-0.78, 0.12, 0.78, 0.44], 0.1).min(cabin(a, b))
    });
    brush.polygon(&[(0.04, 0.44), (0.33, 0.44), (0.21, 0.67), (0.04, 0.67)], glass);
    brush.polygon(&[(-0.39, 0.44), (-0.04, 0.44), (-0.04, 0.67), (-0.3, 0.67)], glass);
    brush.circle((0.73, 0.33), 0.045, Rgb::hex(0xFFE08A));
    brush.rect([-0.8, 0.28, -0.72, 0.36], lit(world, 0xE5483D));
    brush.plain(|p| p.line((-0.02, 0.3), (0.1, 0.3), 0.03, paint.scale(0.6)));
    for x in [-0.46, 0.46] {
        brush.circle((x, 0.15), 0.15, dark);
        brush.plain(|p| p.circle((x, 0.15), 0.06, lit(world, 0xC8CDD6)));
    }
}

fn bicycle(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let frame = world.accent(rng.index(6));
    let tyre = lit(world, 0x3B3B48);
    let spoke = lit(world, 0xA9B0BC);
    brush.shadow(world, 0.8);
    let (rear, front, crank) = ((-0.5, 0.3), (0.5, 0.3), (-0.04, 0.3));
    let (seat, head) = ((-0.18, 0.66), (0.36, 0.64));
    for hub in [rear, front] {
        brush.plain(|p| {
            for i in 0..6 {
                let (s, c) = (i as f32 * PI / 6.0).sin_cos();
                p.line(
                    (hub.0 - 0.26 * c, hub.1 - 0.26 * s),
                    (hub.0 + 0.26 * c, hub.1 + 0.26 * s),
                    0.015,
                    spoke,
                );
            }
        });
        brush.shape([hub.0 - 0.33, 0.0, hub.0 + 0.33, 0.63], tyre, |a, b| ring((a, b), hub, 0.28, 0.04));
        brush.circle(hub, 0.04, spoke);
    }
    let tubes = [(seat, crank), (crank, head), (seat, head), (rear, seat), (rear, crank), (head, front)];
    brush.shape([-0.56, 0.24, 0.56, 0.72], frame, |a, b| {
        tubes.iter().map(|&(from, to)| capsule((a, b), from, to, 0.032)).fold(f32::MAX, f32::min)
    });
    brush.path(&[head, (0.34, 0.78), (0.24, 0.8)], 0.045, tyre);
    brush.line(seat, (-0.19, 0.71), 0.04, tyre);
    brush.rounded([-0.3, 0.7, -0.08, 0.76], 0.03, tyre);
    brush.circle(crank, 0.06, frame.scale(0.8));
    brush.line(crank, (0.04, 0.2), 0.04, tyre);
}

fn drum(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let shell = world.accent(k);
    let rim = world.accent(k + 1);
    let skin = lit(world, 0xFFF4E0);
    let wood = lit(world, 0xC28A55);
    let cord = white(world);
    brush.shadow(world, 0.5);
    brush.shape([-0.46, 0.02, 0.46, 0.6], shell, |a, b| {
        boxed((a, b), [-0.46, 0.12, 0.46, 0.6], 0.0).min(ellipse((a, b), (0.0, 0.12), 0.46, 0.1))
    });
    brush.plain(|p| {
        let points: Vec<Point> =
            (0..=8).map(|i| (-0.4 + 0.1 * i as f32, if i % 2 == 0 { 0.46 } else { 0.2 })).collect();
        p.path(&points, 0.025, cord);
    });
    // Rims follow the drum's round edge: bands above the lower curve of an end.
    let lower = |a: f32, centre: f32| centre - 0.1 * (1.0 - (a / 0.48).powi(2)).max(0.0).sqrt();
    let band = |a: f32, b: f32, centre: f32| {
        (lower(a, centre) - b).max(b - lower(a, centre) - 0.1).max(a.abs() - 0.48)
    };
    brush.shape([-0.48, 0.02, 0.48, 0.22], rim, |a, b| band(a, b, 0.12));
    brush.shape([-0.48, 0.42, 0.48, 0.62], rim, |a, b| band(a, b, 0.58));
    brush.ellipse((0.0, 0.6), 0.47, 0.1, skin);
    brush.line((-0.1, 0.62), (0.36, 0.97), 0.045, wood);
    brush.line((0.1, 0.62), (-0.36, 0.97), 0.045, wood);
    brush.circle((-0.1, 0.62), 0.045, wood);
    brush.circle((0.1, 0.62), 0.045, wood);
}

fn bubbles(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let film = lit(world, 0xBDE7FF);
    let rim = lit(world, 0x6F9FD8);
    let pink = lit(world, 0xE89BD6);
    let shine = Rgb::hex(0xFFFFFF);
    let places = [
        (-0.25, 0.3, 0.24),
        (0.22, 0.52, 0.18),
        (-0.06, 0.8, 0.14),
        (0.38, 0.86, 0.1),
        (0.36, 0.18, 0.1),
        (-0.42, 0.7, 0.08),
    ];
    brush.plain(|p| {
        for (x, y, r) in places {
            let (x, y) = (x + rng.range(-0.03, 0.03), y + rng.range(-0.02, 0.02));
            let area = [x - r, y - r, x + r, y + r];
            p.shape_with(area, 0.3, |a, b| circle((a, b), (x, y), r), |_, _| film);
            p.shape_with(
                area,
                1.0,
                |a, b| ring((a, b), (x, y), r - 0.015, 0.015),
                |a, b| rim.mix(pink, ((b - y).atan2(a - x).sin() + 1.0) * 0.35),
            );
            p.tilted_ellipse((x - r * 0.4, y + r * 0.45), r * 0.22, r * 0.12, 0.7, shine);
        }
    });
}

fn candle(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let brass = lit(world, 0xD9A441);
    let wax = world.accent(rng.index(6)).mix(white(world), 0.55);
    brush.shadow(world, 0.38);
    brush.shape([0.22, 0.04, 0.42, 0.2], brass, |a, b| ring((a, b), (0.32, 0.12), 0.06, 0.025));
    brush.ellipse((0.0, 0.07), 0.28, 0.07, brass);
    brush.rect([-0.13, 0.07, 0.13, 0.17], brass);
    brush.rect([-0.1, 0.16, 0.1, 0.62], wax);
    brush.plain(|p| p.line((-0.06, 0.6), (-0.06, 0.48), 0.05, wax.scale(0.92)));
    brush.line((0.0, 0.61), (0.0, 0.67), 0.02, ink(world));
    flame(&mut brush, world, (0.0, 0.66), 0.24);
}

fn telescope(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let wood = lit(world, 0x8B5A3C);
    let tube = world.accent(rng.index(6)).scale(0.85);
    let brass = lit(world, 0xF2C14E);
    let dark = lit(world, 0x3B3B48);
    brush.shadow(world, 0.5);
    let apex = (0.0, 0.56);
    brush.line(apex, (0.06, 0.02), 0.045, wood.scale(0.8));
    brush.line(apex, (-0.4, 0.0), 0.05, wood);
    brush.line(apex, (0.4, 0.0), 0.05, wood);
    let angle = 0.45;
    let centre = (0.02, 0.64);
    let piece = |u0: f32, u1: f32, h0: f32, h1: f32| -> Vec<Point> {
        [(u0, -h0), (u1, -h1), (u1, h1), (u0, h0)]
            .iter()
            .map(|&(u, v)| turn((centre.0 + u, centre.1 + v), centre, angle))
            .collect()
    };
    brush.polygon(&piece(-0.56, -0.44, 0.04, 0.04), dark);
    brush.polygon(&piece(-0.45, 0.48, 0.06, 0.105), tube);
    for u in [-0.15f32, 0.2] {
        let h = 0.06 + (u + 0.45) / 0.93 * 0.045;
        brush.polygon(&piece(u - 0.03, u + 0.03, h + 0.01, h + 0.012), brass);
    }
    brush.polygon(&piece(0.44, 0.54, 0.12, 0.125), brass);
    brush.circle(apex, 0.05, brass);
}

fn apple(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let skin = if rng.chance(0.25) { lit(world, 0x8CC63F) } else { lit(world, 0xE0453A) };
    brush.shadow(world, 0.44);
    brush.line((0.0, 0.72), (0.05, 0.95), 0.05, lit(world, 0x6B4A34));
    brush.tilted_ellipse((0.19, 0.88), 0.14, 0.06, 0.45, lit(world, 0x5DAA4B));
    brush.shape([-0.54, 0.0, 0.54, 0.79], skin, |a, b| {
        circle((a, b), (-0.17, 0.42), 0.36).min(circle((a, b), (0.17, 0.42), 0.36)).min(ellipse(
            (a, b),
            (0.0, 0.34),
            0.4,
            0.34,
        ))
    });
    brush.plain(|p| p.tilted_ellipse((-0.22, 0.55), 0.06, 0.11, -0.3, skin.mix(white(world), 0.45)));
}

fn strawberry(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let red = lit(world, 0xE63946);
    let seed = lit(world, 0xFFE08A);
    let green = lit(world, 0x4CAF50);
    brush.shadow(world, 0.3);
    let berry = convex_polygon_distance(&[(-0.25, 0.6), (0.25, 0.6), (0.0, 0.2)]);
    let body = |a: f32, b: f32| (berry(a, b) - 0.17).min(ellipse((a, b), (0.0, 0.6), 0.42, 0.18));
    brush.shape([-0.44, 0.0, 0.44, 0.8], red, body);
    brush.plain(|p| {
        for row in 0..4 {
            for column in 0..5 {
                let a = -0.28 + column as f32 * 0.14 + if row % 2 == 0 { 0.0 } else { 0.07 };
                let b = 0.58 - row as f32 * 0.13;
                if body(a, b) < -0.07 {
                    p.ellipse((a, b), 0.018, 0.028, seed);
                }
            }
        }
    });
    for (a, b, angle) in [(-0.24, 0.74, 0.35), (0.24, 0.74, -0.35), (-0.1, 0.76, 0.9), (0.1, 0.76, -0.9)] {
        brush.tilted_ellipse((a, b), 0.14, 0.05, angle, green);
    }
    brush.line((0.0, 0.8), (0.04, 0.96), 0.045, green);
}

fn cookie(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let dough = lit(world, 0xD9A05B);
    let chip = lit(world, 0x5A3825);
    let bites = [((0.36, 0.86), 0.15), ((0.5, 0.7), 0.14), ((0.55, 0.5), 0.1)];
    let body = |a: f32, b: f32| {
        let edge = circle((a, b), (0.0, 0.48), 0.47) + 0.01 * ((b - 0.48).atan2(a) * 11.0).sin();
        bites.iter().fold(edge, |d, &(c, r)| d.max(-circle((a, b), c, r)))
    };
    brush.shadow(world, 0.42);
    brush.shape([-0.48, 0.0, 0.48, 0.96], dough, body);
    brush.plain(|p| {
        for (a, b) in
            [(-0.2, 0.7), (0.1, 0.6), (-0.28, 0.38), (0.02, 0.3), (0.26, 0.24), (-0.06, 0.48), (0.2, 0.44)]
        {
            let (a, b) = (a + rng.range(-0.03, 0.03), b + rng.range(-0.03, 0.03));
            if body(a, b) < -0.06 {
                p.tilted_ellipse((a, b), 0.06, 0.045, rng.range(0.0, PI), chip);
            }
        }
    });
}

fn sandwich(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let crust = lit(world, 0xC98B4A);
    let bread = lit(world, 0xF7E4B5);
    let lettuce = lit(world, 0x7BC043);
    let tomato = lit(world, 0xE5483D);
    let cheese = lit(world, 0xFFD23F);
    brush.shadow(world, 0.66);
    brush.line((0.08, 0.5), (0.08, 0.88), 0.03, lit(world, 0xE9C9A0));
    brush.circle((0.08, 0.86), 0.06, lit(world, 0x6DAA45));
    let slice =
        |area: Area| move |a: f32, b: f32| if boxed((a, b), area, 0.06) < -0.045 { bread } else { crust };
    let bottom = [-0.6, 0.04, 0.6, 0.22];
    brush.shape_with(bottom, 1.0, |a, b| boxed((a, b), bottom, 0.06), slice(bottom));
    brush.shape([-0.66, 0.16, 0.66, 0.34], lettuce, |a, b| {
        ((b - 0.265).abs() - 0.045 - 0.025 * (a * 28.0).sin()).max(a.abs() - 0.64)
    });
    brush.rounded([-0.56, 0.28, 0.56, 0.36], 0.04, tomato);
    let drip = convex_polygon_distance(&[(0.28, 0.38), (0.44, 0.38), (0.36, 0.26)]);
    brush.shape([-0.62, 0.26, 0.62, 0.43], cheese, |a, b| {
        boxed((a, b), [-0.62, 0.35, 0.62, 0.42], 0.0).min(drip(a, b))
    });
    let top = [-0.6, 0.41, 0.6, 0.62];
    brush.shape_with(top, 1.0, |a, b| boxed((a, b), top, 0.07), slice(top));
}

fn acorn(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let nut = lit(world, 0xC98B4A);
    let cup = lit(world, 0x8A5A35);
    brush.shadow(world, 0.3);
    let tip = convex_polygon_distance(&[(-0.14, 0.2), (0.14, 0.2), (0.0, 0.0)]);
    brush.shape([-0.3, 0.0, 0.3, 0.74], nut, |a, b| ellipse((a, b), (0.0, 0.42), 0.3, 0.34).min(tip(a, b)));
    brush.plain(|p| p.tilted_ellipse((-0.13, 0.4), 0.05, 0.12, -0.15, nut.mix(white(world), 0.35)));
    brush.line((0.0, 0.84), (0.07, 0.98), 0.06, cup);
    let cap = |a: f32, b: f32| {
        ellipse((a, b), (0.0, 0.64), 0.38, 0.24).max(0.64 - b).min(ellipse((a, b), (0.0, 0.64), 0.38, 0.07))
    };
    brush.shape_with([-0.38, 0.56, 0.38, 0.88], 1.0, cap, |a, b| {
        if ((a + b) * 18.0).sin() * ((a - b) * 18.0).sin() > 0.55 {
            cup.scale(0.78)
        } else {
            cup
        }
    });
}

fn feather(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let vane = world.accent(rng.index(6)).mix(white(world), 0.2);
    let barb = vane.scale(0.75);
    let quill = lit(world, 0xFFF4E0);
    let tilt = -0.45 + rng.range(-0.1, 0.1);
    let pivot = (0.0, 0.5);
    let at = |p: Point| turn(p, pivot, tilt);
    let notch = convex_polygon_distance(&[(-0.26, 0.66), (-0.08, 0.52), (-0.26, 0.54)]);
    let notch_right = convex_polygon_distance(&[(0.3, 0.46), (0.1, 0.36), (0.3, 0.36)]);
    brush.shape([-0.5, 0.0, 0.5, 1.05], vane, |a, b| {
        let p = turn((a, b), pivot, -tilt);
        let half = if p.0 < 0.0 { 0.18 } else { 0.23 };
        ellipse(p, (0.0, 0.58), half, 0.42).max(-notch(p.0, p.1)).max(-notch_right(p.0, p.1))
    });
    brush.plain(|p| {
        for i in 0..5 {
            let b = 0.34 + 0.11 * i as f32;
            p.line(at((0.0, b)), at((-0.13, b + 0.1)), 0.018, barb);
            p.line(at((0.0, b)), at((0.17, b + 0.1)), 0.018, barb);
        }
    });
    brush.line(at((0.0, 0.02)), at((0.0, 0.96)), 0.03, quill);
}

fn leaf(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let colour = if rng.chance(0.35) { lit(world, 0xE8833A) } else { lit(world, 0x5DAA4B) };
    let vein = colour.scale(0.7);
    let tilt = 0.5 + rng.range(-0.12, 0.12);
    let pivot = (0.0, 0.45);
    let at = |p: Point| turn(p, pivot, tilt);
    brush.line(at((0.0, 0.16)), at((0.0, 0.0)), 0.05, vein);
    brush.shape([-0.6, 0.0, 0.6, 1.0], colour, |a, b| {
        let p = turn((a, b), pivot, -tilt);
        circle(p, (0.158, 0.57), 0.458).max(circle(p, (-0.158, 0.57), 0.458))
    });
    brush.plain(|p| {
        p.line(at((0.0, 0.18)), at((0.0, 0.92)), 0.03, vein);
        for i in 0..4 {
            let b = 0.3 + 0.14 * i as f32;
            let reach = 0.2 - 0.03 * i as f32;
            p.line(at((0.0, b)), at((-reach, b + 0.12)), 0.022, vein);
            p.line(at((0.0, b)), at((reach, b + 0.12)), 0.022, vein);
        }
    });
}

fn flag(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let k = rng.index(6);
    let cloth = world.accent(k);
    brush.shadow(world, 0.2);
    brush.line((-0.3, 0.0), (-0.3, 0.93), 0.05, lit(world, 0x8B5A3C));
    brush.circle((-0.3, 0.95), 0.045, lit(world, 0xF2C14E));
    let wave = |a: f32| 0.9 + 0.045 * ((a + 0.28) / 0.74 * 2.0 * PI).sin();
    brush.shape([-0.28, 0.44, 0.46, 0.95], cloth, |a, b| {
        let middle = wave(a) - 0.2;
        ((b - middle).abs() - 0.2).max(-0.28 - a).max(a - 0.46) / 1.06
    });
    let emblem = world.accent(k + 1);
    brush.plain(|p| star(p, (0.09, wave(0.09) - 0.2), 0.12, emblem));
}

fn stick(canvas: &mut Canvas, world: &World, spot: Spot, rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let bark = lit(world, 0x8B5A3C);
    let bend = rng.range(-0.05, 0.05);
    let main = [(-0.42, 0.04), (-0.12, 0.42 + bend), (0.04, 0.64), (0.32, 0.97)];
    let twig = [(-0.12, 0.42 + bend), (0.12, 0.5), (0.26, 0.62)];
    brush.shadow(world, 0.4);
    brush.shape([-0.5, 0.0, 0.4, 1.0], bark, |a, b| {
        let thick = main.windows(2).zip([0.055, 0.05, 0.04]).map(|(w, r)| capsule((a, b), w[0], w[1], r));
        let thin = twig.windows(2).map(|w| capsule((a, b), w[0], w[1], 0.03));
        thick.chain(thin).fold(f32::MAX, f32::min)
    });
    brush.tilted_ellipse((0.33, 0.64), 0.08, 0.04, 0.4, lit(world, 0x5DAA4B));
    brush.tilted_ellipse((0.2, 0.66), 0.07, 0.035, 1.3, lit(world, 0x5DAA4B));
    brush.plain(|p| {
        p.ellipse((-0.24, 0.27), 0.02, 0.03, bark.scale(0.6));
        p.circle((0.32, 0.97), 0.025, lit(world, 0xE9C9A0));
    });
}

fn letter(canvas: &mut Canvas, world: &World, spot: Spot, _rng: &mut Rng) {
    let mut brush = Brush::new(canvas, spot);
    let paper = lit(world, 0xF8F1E3);
    let fold = lit(world, 0xC9B99B);
    let seal = lit(world, 0xD9433B);
    brush.shadow(world, 0.6);
    brush.rounded([-0.6, 0.06, 0.6, 0.8], 0.03, paper);
    brush.plain(|p| {
        p.polygon(&[(-0.57, 0.77), (0.57, 0.77), (0.0, 0.38)], paper.scale(0.94));
        p.line((-0.57, 0.09), (-0.1, 0.42), 0.025, fold);
        p.line((0.57, 0.09), (0.1, 0.42), 0.025, fold);
        p.line((-0.57, 0.77), (0.0, 0.38), 0.03, fold);
        p.line((0.57, 0.77), (0.0, 0.38), 0.03, fold);
    });
    let point = convex_polygon_distance(&[(-0.125, 0.43), (0.125, 0.43), (0.0, 0.27)]);
    brush.shape([-0.13, 0.26, 0.13, 0.52], seal, |a, b| {
        circle((a, b), (-0.06, 0.44), 0.068).min(circle((a, b), (0.06, 0.44), 0.068)).min(point(a, b))
    });
}
