//! Procedural noise and the paper/wax textures made from it, so no texture file ever has to be
//! shipped or downloaded.

use std::sync::OnceLock;

use crate::rng::lattice;

fn smooth(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

/// Value noise in [0, 1) whose lattice repeats every `period` cells in both directions
/// (`period` 0 means it never repeats).
pub fn value_noise(seed: u64, x: f32, y: f32, period: i64) -> f32 {
    value_noise_wrapped(seed, x, y, period, period)
}

/// Value noise whose lattice repeats every `period_x` cells across and `period_y` down.
fn value_noise_wrapped(seed: u64, x: f32, y: f32, period_x: i64, period_y: i64) -> f32 {
    let x0 = x.floor();
    let y0 = y.floor();
    let fx = smooth(x - x0);
    let fy = smooth(y - y0);
    let wrap = |v: i64, period: i64| if period > 0 { v.rem_euclid(period) } else { v };
    let (ix, iy) = (x0 as i64, y0 as i64);
    let (ix0, ix1) = (wrap(ix, period_x), wrap(ix + 1, period_x));
    let (iy0, iy1) = (wrap(iy, period_y), wrap(iy + 1, period_y));
    let a = lattice(seed, ix0, iy0);
    let b = lattice(seed, ix1, iy0);
    let c = lattice(seed, ix0, iy1);
    let d = lattice(seed, ix1, iy1);
    let top = a + (b - a) * fx;
    let bottom = c + (d - c) * fx;
    top + (bottom - top) * fy
}

/// Fractal value noise in roughly [-1, 1], finest detail first at `cell` pixels.
pub fn fbm(seed: u64, x: f32, y: f32, cell: f32, octaves: u32) -> f32 {
    let mut total = 0.0;
    let mut amplitude = 1.0;
    let mut norm = 0.0;
    let mut scale = 1.0 / cell;
    for octave in 0..octaves {
        total +=
            (value_noise(seed.wrapping_add(octave as u64), x * scale, y * scale, 0) * 2.0 - 1.0) * amplitude;
        norm += amplitude;
        amplitude *= 0.5;
        scale *= 2.0;
    }
    total / norm
}

/// A square texture that repeats seamlessly; side is a power of two.
pub struct Tile {
    side: usize,
    values: Vec<f32>,
}

impl Tile {
    fn generate(side: usize, value: impl Fn(usize, usize) -> f32) -> Self {
        let mut values = Vec::with_capacity(side * side);
        for y in 0..side {
            for x in 0..side {
                values.push(value(x, y));
            }
        }
        Self { side, values }
    }

    /// The texture value at integer pixel (x, y), wrapping around.
    pub fn at(&self, x: i64, y: i64) -> f32 {
        let mask = self.side as i64 - 1;
        self.values[((y & mask) as usize) * self.side + (x & mask) as usize]
    }
}

const TILE_SIDE: usize = 512;

/// Paper tooth: fine fibres plus soft cloudiness, in roughly [-1, 1].
pub fn paper_grain() -> &'static Tile {
    static TILE: OnceLock<Tile> = OnceLock::new();
    TILE.get_or_init(|| {
        Tile::generate(TILE_SIDE, |x, y| {
            let (x, y) = (x as f32, y as f32);
            let fine = value_noise(11, x / 2.0, y / 2.0, 256) * 2.0 - 1.0;
            let cloud = value_noise(13, x / 64.0, y / 64.0, 8) * 2.0 - 1.0;
            let medium = value_noise(14, x / 16.0, y / 16.0, 32) * 2.0 - 1.0;
            (0.5 * fine + 0.25 * medium + 0.25 * cloud).clamp(-1.0, 1.0)
        })
    })
}

/// Wax crayon: long diagonal streaks over coarse paper tooth, in [0, 1] (1 = wax took fully).
pub fn crayon_wax() -> &'static Tile {
    static TILE: OnceLock<Tile> = OnceLock::new();
    TILE.get_or_init(|| {
        Tile::generate(TILE_SIDE, |x, y| {
            let along = (x + y) as f32;
            let across = x as f32 - y as f32 + TILE_SIDE as f32;
            // Both coordinates shift by the tile side when x or y does, so the periods below
            // (tile side / cell size) keep the texture seamless.
            let streak = value_noise_wrapped(21, along / 32.0, across / 2.0, 16, 256) * 0.65
                + value_noise_wrapped(22, along / 8.0, across, 64, 512) * 0.35;
            // Stretch the contrast so strokes read as strokes.
            let streak = ((streak - 0.5) * 1.8 + 0.5).clamp(0.0, 1.0);
            let tooth = value_noise(23, x as f32 / 2.0, y as f32 / 2.0, 256);
            let tooth = tooth * 0.7 + value_noise(24, x as f32 / 4.0, y as f32 / 4.0, 128) * 0.3;
            (streak * 0.6 + tooth * 0.4).clamp(0.0, 1.0)
        })
    })
}

/// Noise sampled every `cell` pixels and interpolated between: cheap low-frequency fields for
/// wobbles, blotches and colour bleeding over a whole frame.
pub struct CoarseField {
    columns: usize,
    rows: usize,
    cell: f32,
    values: Vec<f32>,
}

impl CoarseField {
    /// Values in roughly [-1, 1] covering `width` x `height` pixels.
    pub fn new(seed: u64, width: u32, height: u32, cell: f32, feature: f32) -> Self {
        let columns = (width as f32 / cell).ceil() as usize + 2;
        let rows = (height as f32 / cell).ceil() as usize + 2;
        let mut values = Vec::with_capacity(columns * rows);
        for row in 0..rows {
            for column in 0..columns {
                let x = column as f32 * cell;
                let y = row as f32 * cell;
                values.push(fbm(seed, x, y, feature, 3));
            }
        }
        Self { columns, rows, cell, values }
    }

    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let gx = (x / self.cell).clamp(0.0, (self.columns - 2) as f32);
        let gy = (y / self.cell).clamp(0.0, (self.rows - 2) as f32);
        let cx = (gx as usize).min(self.columns - 2);
        let cy = (gy as usize).min(self.rows - 2);
        let fx = gx - cx as f32;
        let fy = gy - cy as f32;
        let at = |c: usize, r: usize| self.values[r * self.columns + c];
        let top = at(cx, cy) + (at(cx + 1, cy) - at(cx, cy)) * fx;
        let bottom = at(cx, cy + 1) + (at(cx + 1, cy + 1) - at(cx, cy + 1)) * fx;
        top + (bottom - top) * fy
    }
}
