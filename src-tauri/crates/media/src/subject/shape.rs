//! Measurements of a figure's outline that a person can check by eye: how tall it is for its
//! width, what stands on the ground (legs, wheels, a trunk), how many thin parts reach out
//! beside the body, and whether a head sits on it. Kept apart from the words so the rules
//! that choose a word read as plain statements about these numbers.

use image::GrayImage;

use crate::figure::morph::squared_distance_to;
use crate::figure::{regions, Mask};

/// The figure is measured on a grid whose long side is this many cells, so every threshold
/// is a share of the figure's own size whatever the drawing's resolution.
const GRID_SIDE: usize = 200;
/// Empty cells around the figure, so its edge is always next to background.
const GRID_PAD: usize = 2;
/// Parts thinner than this share of the thickest part's thickness are limbs; thicker ones
/// are body or head. A leg or an arm is much thinner than the trunk it hangs from.
const LIMB_THINNESS: f32 = 0.45;
/// Rows at least this share of the widest row's width are still the body; below the last
/// of them only legs or wheels reach the ground.
const BODY_ROW_SHARE: f32 = 0.6;
/// The ground band (what stands on the ground) is at least and at most these shares of the
/// figure's height.
const GROUND_BAND: (f32, f32) = (0.05, 0.2);
/// Limbs beside the body are counted above this lowest share of the figure, where feet
/// often point sideways.
const LIMB_ROWS_ABOVE_GROUND: f32 = 0.2;
/// A building's walls: every row of its lower half spans at least this share of its width.
const WALL_SPAN: f32 = 0.85;
/// Parts smaller than this share of the figure are specks or wobbles in the outline.
const MIN_PART_SHARE: f32 = 0.003;
/// A thin part beside the body counts as a limb when it keeps going for this many cells
/// outwards: fingers and bumps in the outline are shorter.
const LIMB_MIN_LENGTH: usize = 8;
/// Empty cells between two crossings for them to be two limbs, not one wobbly one.
const LIMB_MIN_GAP: usize = 2;
/// A neck is a row of the thick parts at most this share of the head's width...
const NECK_SHARE: f32 = 0.9;
/// ...with a body below it at least this much bigger than the head (in area)...
const BODY_OVER_HEAD: f32 = 1.5;
/// ...and a head between these shares of the figure's height.
const HEAD_HEIGHT: (f32, f32) = (0.08, 0.5);
/// A stick figure's head is about as tall as it is wide (height over width).
const STICK_HEAD_ROUNDNESS: (f32, f32) = (0.6, 1.6);
/// A wheel's lower edge follows a circle this closely (mean error, in radii)...
const WHEEL_ROUNDNESS: f32 = 0.08;
/// ...over at least this much of its height (in radii)...
const WHEEL_SHOWN: f32 = 0.5;
/// ...the circle is about as wide as the part (its diameter over the part's widest row up
/// to the circle's centre)...
const WHEEL_WIDTH: (f32, f32) = (0.9, 1.3);
/// ...and it reaches nine tenths of that width only this far (in widths) above its lowest
/// point, where a leg or a flat foot gets there almost at once.
const WHEEL_SLOW_WIDENING: f32 = 0.2;
/// A wheel shows at most this much of its height (in diameters) below the body, unless the
/// whole circle is drawn (at most `WHOLE_WHEEL` diameters tall); a leg is longer.
const WHEEL_MAX_SHOWN: f32 = 0.75;
const WHOLE_WHEEL: f32 = 1.15;
/// Points checked along the upper half of a wheel's circle...
const CIRCLE_SAMPLES: usize = 24;
/// ...of which at least this share of those inside the body must be on ink, looked for up to
/// this share of the radius inside the circle.
const INK_ON_CIRCLE: f32 = 0.6;
const INK_DEPTH: f32 = 0.25;
/// Going up a leg or a wheel, the part has joined the body where it is this much wider than
/// the part is at the ground.
const PART_JOINS_BODY: f32 = 1.5;

/// One part standing on the ground: a foot, a wheel, a trunk, or the bottom of the body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Foot {
    /// Left and right edges, in shares of the figure's width from its left edge.
    pub left: f32,
    pub right: f32,
    /// A circle, or the lower part of one that disappears into the body: a wheel.
    pub wheel_like: bool,
}

impl Foot {
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn centre(&self) -> f32 {
        (self.left + self.right) / 2.0
    }
}

/// What the outline shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    /// Height over width.
    pub aspect: f32,
    /// Separate parts in the band along the ground, left to right.
    pub feet: Vec<Foot>,
    /// Thin parts reaching out to the left and to the right of the body.
    pub limbs_left: usize,
    pub limbs_right: usize,
    /// A rounded thick part at the top: on a wider body below a narrower neck, or alone on
    /// thin limbs as in a stick figure.
    pub head: bool,
    /// Every row of the lower half spans nearly the whole width: straight walls to the ground.
    pub boxy: bool,
}

/// Measures the figure outlined in `mask` (255 = figure). From the outline alone a wheel
/// counts only when it is drawn whole below the body.
pub(crate) fn measure_outline(mask: &GrayImage) -> Option<Shape> {
    let stride = mask.width() as usize;
    let raw = mask.as_raw();
    let set = |x: usize, y: usize| raw[y * stride + x] >= 128;
    let bounds = Bounds::of(stride, mask.height() as usize, set)?;
    Some(measure_grid(&bounds.grid(set), None))
}

/// Measures the figure (working size) with the ink drawn inside it, which shows whether a
/// round part under the body is a circle drawn on over the body: a wheel.
pub(crate) fn measure_drawing(figure: &Mask, ink: &Mask) -> Option<Shape> {
    let (w, h) = (figure.width, figure.height);
    let bounds = Bounds::of(w, h, |x, y| figure.data[y * w + x])?;
    let figure_grid = bounds.grid(|x, y| figure.data[y * w + x]);
    let ink_grid = bounds.grid(|x, y| ink.data[y * w + x] && figure.data[y * w + x]);
    Some(measure_grid(&figure_grid, Some(&ink_grid)))
}

fn measure_grid(grid: &Mask, ink: Option<&Mask>) -> Shape {
    let (w, h) = (grid.width, grid.height);
    let (width, height) = (w - 2 * GRID_PAD, h - 2 * GRID_PAD);
    let (top, bottom) = (GRID_PAD, GRID_PAD + height - 1);
    let area = grid.count().max(1);
    let min_part = ((area as f32 * MIN_PART_SHARE) as usize).max(2);

    let thick = thick_parts(grid);
    let row_count = |mask: &Mask, y: usize| mask.data[y * w..(y + 1) * w].iter().filter(|&&v| v).count();

    // The ground band: below the body's last wide row, within the band's limits.
    let widest = (top..=bottom).map(|y| row_count(grid, y)).max().unwrap_or(0);
    let body_bottom = (top..=bottom)
        .rev()
        .find(|&y| row_count(grid, y) as f32 >= BODY_ROW_SHARE * widest as f32)
        .unwrap_or(bottom);
    let band = |share: f32| bottom + 1 - ((height as f32 * share).round() as usize).max(1);
    let ground_top = (body_bottom + 1).clamp(band(GROUND_BAND.1), band(GROUND_BAND.0));
    let feet = feet(grid, ink, ground_top, bottom, min_part);

    let (body_left, body_right) = main_span(&thick);
    // Limbs are counted above the lowest rows, where feet point sideways.
    let limbs_bottom = band(LIMB_ROWS_ABOVE_GROUND);
    let above_ground = |x: usize| (top..limbs_bottom).map(move |y| grid.data[y * w + x]);
    let left_columns = (GRID_PAD..body_left).rev().map(|x| crossings(above_ground(x)));
    let right_columns = (body_right + 1..w - GRID_PAD).map(|x| crossings(above_ground(x)));

    let boxy = (top + height / 2..=bottom).all(|y| {
        let row = &grid.data[y * w..(y + 1) * w];
        let first = row.iter().position(|&v| v).unwrap_or(w);
        let last = row.iter().rposition(|&v| v).unwrap_or(0);
        last >= first && (last - first + 1) as f32 >= WALL_SPAN * width as f32
    });

    Shape {
        aspect: height as f32 / width as f32,
        feet: feet.into_iter().map(|(l, r, wheel_like)| foot(l, r, wheel_like, width)).collect(),
        limbs_left: lasting_count(left_columns),
        limbs_right: lasting_count(right_columns),
        head: head_on_body(&thick, top, height) || head_on_sticks(&thick, top, height),
        boxy,
    }
}

fn foot(left: usize, right: usize, wheel_like: bool, width: usize) -> Foot {
    let share = |x: usize| (x - GRID_PAD) as f32 / width as f32;
    Foot { left: share(left), right: share(right + 1), wheel_like }
}

/// The parts thicker than `LIMB_THINNESS` of the thickest part: the figure opened by a disc
/// of that radius.
fn thick_parts(grid: &Mask) -> Mask {
    let inside = squared_distance_to(&grid.not());
    let thickest = inside.data.iter().copied().fold(0.0f32, f32::max).sqrt();
    let radius = (LIMB_THINNESS * thickest).max(1.0);
    let limit = radius * radius;
    let core = inside.map(|d| d > limit);
    squared_distance_to(&core).zip_map(grid, |d, set| set && d <= limit)
}

/// The left and right columns of the largest thick part, the body.
fn main_span(thick: &Mask) -> (usize, usize) {
    let (labels, found) = regions::label(thick);
    let Some(body) = found.iter().max_by_key(|region| region.area) else {
        return (thick.width / 2, thick.width / 2);
    };
    let mut span = (usize::MAX, 0);
    for (index, &label) in labels.data.iter().enumerate() {
        if label == body.label {
            let x = index % thick.width;
            span = (span.0.min(x), span.1.max(x));
        }
    }
    span
}

/// How many separate runs of set cells a line crosses.
fn crossings(line: impl Iterator<Item = bool>) -> usize {
    let mut runs = 0;
    let mut gap = LIMB_MIN_GAP;
    for set in line {
        if set {
            if gap >= LIMB_MIN_GAP {
                runs += 1;
            }
            gap = 0;
        } else {
            gap += 1;
        }
    }
    runs
}

/// The most limbs that run side by side for at least `LIMB_MIN_LENGTH` consecutive lines,
/// given each line's crossing count moving away from the body.
fn lasting_count(counts: impl Iterator<Item = usize>) -> usize {
    let counts: Vec<usize> = counts.collect();
    (1..=counts.iter().copied().max().unwrap_or(0))
        .rev()
        .find(|&limbs| {
            let mut stretch = 0;
            counts.iter().any(|&count| {
                stretch = if count >= limbs { stretch + 1 } else { 0 };
                stretch >= LIMB_MIN_LENGTH
            })
        })
        .unwrap_or(0)
}

/// The parts standing in the ground band (rows `ground_top..=bottom`), left to right, as
/// (left column, right column, wheel-like) in grid cells. Slivers of the body cut by the
/// band's top edge do not reach towards the ground and are left out.
fn feet(
    grid: &Mask,
    ink: Option<&Mask>,
    ground_top: usize,
    bottom: usize,
    min_part: usize,
) -> Vec<(usize, usize, bool)> {
    let w = grid.width;
    let band = Mask::from_fn(w, grid.height, |x, y| y >= ground_top && grid.data[y * w + x]);
    let (labels, found) = regions::label(&band);
    let reaches_down = ground_top + (bottom + 1 - ground_top) / 2;
    let mut feet: Vec<(usize, usize, bool)> = found
        .iter()
        .filter(|region| region.area >= min_part)
        .filter_map(|region| {
            let cells = || {
                labels
                    .data
                    .iter()
                    .enumerate()
                    .filter(|(_, &l)| l == region.label)
                    .map(|(i, _)| (i % w, i / w))
            };
            let left = cells().map(|(x, _)| x).min()?;
            let right = cells().map(|(x, _)| x).max()?;
            let lowest = cells().map(|(_, y)| y).max()?;
            if lowest < reaches_down {
                return None;
            }
            let (sum, count) =
                cells().filter(|&(_, y)| y == lowest).fold((0, 0), |(sum, n), (x, _)| (sum + x, n + 1));
            let centre = sum / count.max(1);
            let profile = part_profile(grid, centre, lowest, right + 1 - left);
            let wheel = match circle_under_body(&profile) {
                Some(Circle::Whole) => true,
                Some(Circle::LowerPart { radius }) => {
                    let top = lowest + 1 - profile.len();
                    ink.is_some_and(|ink| drawn_on_over_the_body(ink, (centre, lowest), radius, top))
                }
                None => false,
            };
            Some((left, right, wheel))
        })
        .collect();
    feet.sort_by_key(|&(left, _, _)| left);
    feet
}

/// The widths of a part standing on the ground, row by row from its lowest row up to where it
/// joins something much wider (the body), measured across the column `centre`.
fn part_profile(grid: &Mask, centre: usize, lowest: usize, part_width: usize) -> Vec<usize> {
    let w = grid.width;
    let mut widths = Vec::new();
    for y in (0..=lowest).rev() {
        let row = &grid.data[y * w..(y + 1) * w];
        if !row[centre] {
            break;
        }
        let left = row[..centre].iter().rposition(|&set| !set).map_or(0, |gap| gap + 1);
        let right = row[centre..].iter().position(|&set| !set).map_or(w, |gap| centre + gap);
        let width = right - left;
        if width as f32 > PART_JOINS_BODY * part_width as f32 {
            break;
        }
        widths.push(width);
    }
    widths
}

/// How much of a circle a part standing on the ground shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Circle {
    /// The whole circle, below the body.
    Whole,
    /// Its lower part; the rest would be inside the body.
    LowerPart { radius: f32 },
}

/// Whether a part's row widths, from its lowest row up, are a circle's: the lower part of one
/// that soon disappears into the body, or a whole one. A leg is longer than it is wide or
/// does not round off like a circle at the bottom.
fn circle_under_body(widths_from_bottom: &[usize]) -> Option<Circle> {
    let widest = widths_from_bottom.iter().copied().max().unwrap_or(0) as f32;
    if widest < 4.0 {
        return None;
    }
    // Each row's half-width h at height d above the lowest point lies on the circle of radius
    // (h² + d²) / 2d through that point; on a circle every row gives about the same radius.
    let rows: Vec<(f32, f32)> = widths_from_bottom
        .iter()
        .enumerate()
        .map(|(row, &width)| (row as f32 + 0.5, width as f32 / 2.0))
        .collect();
    let mut radii: Vec<f32> =
        rows.iter().take((widest / 2.0).ceil() as usize).map(|&(d, h)| (h * h + d * d) / (2.0 * d)).collect();
    radii.sort_by(f32::total_cmp);
    let radius = radii[radii.len() / 2];
    let off_circle = |rows: &[(f32, f32)]| {
        let error: f32 =
            rows.iter().map(|&(d, h)| (h - (d * (2.0 * radius - d)).max(0.0).sqrt()).abs()).sum();
        error / rows.len().max(1) as f32 / radius
    };
    let lower_half = rows.iter().take_while(|&&(d, _)| d <= radius).count();
    let lower_widest = widths_from_bottom[..lower_half].iter().copied().max().unwrap_or(0) as f32;
    let nearly_full =
        widths_from_bottom.iter().position(|&width| width as f32 >= 0.9 * lower_widest).unwrap_or(0);
    let round_below = lower_half as f32 >= WHEEL_SHOWN * radius
        && (WHEEL_WIDTH.0..=WHEEL_WIDTH.1).contains(&(2.0 * radius / lower_widest))
        && off_circle(&rows[..lower_half]) <= WHEEL_ROUNDNESS
        && nearly_full as f32 >= WHEEL_SLOW_WIDENING * lower_widest;
    let height = rows.len() as f32 / (2.0 * radius);
    if !round_below {
        None
    } else if height <= WHOLE_WHEEL && height > WHEEL_MAX_SHOWN && off_circle(&rows) <= WHEEL_ROUNDNESS {
        Some(Circle::Whole)
    } else if height <= WHEEL_MAX_SHOWN {
        Some(Circle::LowerPart { radius })
    } else {
        None
    }
}

/// Whether the ink carries on round the circle whose lowest point is `lowest`, above the
/// part (rows before `part_top`) inside the body: a wheel drawn whole with the body over it,
/// not a stubby leg with a rounded end. The outline lies a stroke's half-width outside the
/// ink, so the ink is looked for a little inside the circle.
fn drawn_on_over_the_body(ink: &Mask, lowest: (usize, usize), radius: f32, part_top: usize) -> bool {
    let (cx, cy) = (lowest.0 as f32 + 0.5, lowest.1 as f32 + 1.0 - radius);
    let inked = |x: f32, y: f32| {
        x >= 0.0
            && y >= 0.0
            && (x as usize) < ink.width
            && (y as usize) < ink.height
            && ink.data[y as usize * ink.width + x as usize]
    };
    let mut hidden = 0;
    let mut on_ink = 0;
    for i in 0..=CIRCLE_SAMPLES {
        let angle = std::f32::consts::PI * i as f32 / CIRCLE_SAMPLES as f32;
        let (dx, dy) = (angle.cos(), -angle.sin());
        if cy + radius * dy >= part_top as f32 {
            continue;
        }
        hidden += 1;
        let steps = (radius * INK_DEPTH).ceil().max(2.0) as usize;
        if (0..=steps).any(|step| {
            let r = radius + 1.0 - step as f32;
            inked(cx + r * dx, cy + r * dy)
        }) {
            on_ink += 1;
        }
    }
    hidden >= CIRCLE_SAMPLES / 4 && on_ink as f32 >= INK_ON_CIRCLE * hidden as f32
}

/// A head on a body, read from the width of the thick parts row by row from the top: it
/// grows to the head's width, narrows at the neck, and a body bigger than the head follows.
fn head_on_body(thick: &Mask, top: usize, height: usize) -> bool {
    let w = thick.width;
    let widths: Vec<usize> =
        (top..top + height).map(|y| thick.data[y * w..(y + 1) * w].iter().filter(|&&v| v).count()).collect();
    let Some(start) = widths.iter().position(|&width| width > 0) else { return false };
    let mut head = 0usize;
    for (row, &width) in widths.iter().enumerate().skip(start) {
        let head_height = (row - start) as f32 / height as f32;
        if head_height > HEAD_HEIGHT.1 {
            break;
        }
        head = head.max(width);
        let neck = width as f32 <= NECK_SHARE * head as f32 && head_height >= HEAD_HEIGHT.0;
        if neck {
            let head_area: usize = widths[start..row].iter().sum();
            let body_area: usize = widths[row..].iter().sum();
            if body_area as f32 >= BODY_OVER_HEAD * head_area as f32 {
                return true;
            }
        }
    }
    false
}

/// A stick figure's head: every thick part is one rounded blob in the upper part of the
/// figure, and everything below it is thin.
fn head_on_sticks(thick: &Mask, top: usize, height: usize) -> bool {
    let w = thick.width;
    let mut bounds: Option<(usize, usize, usize, usize)> = None;
    for (index, _) in thick.data.iter().enumerate().filter(|(_, &set)| set) {
        let (x, y) = (index % w, index / w);
        let (left, top, right, bottom) = bounds.unwrap_or((x, y, x, y));
        bounds = Some((left.min(x), top.min(y), right.max(x), bottom.max(y)));
    }
    let Some((left, blob_top, right, bottom)) = bounds else { return false };
    let (blob_width, blob_height) = ((right - left + 1) as f32, (bottom - blob_top + 1) as f32);
    let roundish = (STICK_HEAD_ROUNDNESS.0..=STICK_HEAD_ROUNDNESS.1).contains(&(blob_height / blob_width));
    let in_upper_part = (bottom + 1 - top) as f32 <= HEAD_HEIGHT.1 * height as f32;
    roundish && in_upper_part
}

/// Where the figure is in its picture, in pixels (end exclusive).
#[derive(Debug, Clone, Copy)]
struct Bounds {
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

impl Bounds {
    /// The bounds of the set pixels of a `width` x `height` picture, if any.
    fn of(width: usize, height: usize, set: impl Fn(usize, usize) -> bool) -> Option<Self> {
        let mut bounds: Option<Bounds> = None;
        for y in 0..height {
            let Some(first) = (0..width).find(|&x| set(x, y)) else { continue };
            let last = (first..width).rev().find(|&x| set(x, y)).unwrap_or(first);
            bounds = Some(match bounds {
                None => Bounds { left: first, top: y, right: last + 1, bottom: y + 1 },
                Some(b) => {
                    Bounds { left: b.left.min(first), right: b.right.max(last + 1), bottom: y + 1, ..b }
                }
            });
        }
        bounds
    }

    /// What is inside the bounds on a padded grid whose long side is `GRID_SIDE`; a cell is
    /// set when any set pixel falls in it, so thin pencil limbs survive the shrinking.
    fn grid(&self, set: impl Fn(usize, usize) -> bool) -> Mask {
        let (bw, bh) = (self.right - self.left, self.bottom - self.top);
        let scale = GRID_SIDE as f32 / bw.max(bh) as f32;
        let cells = |pixels: usize| ((pixels as f32 * scale).round() as usize).clamp(1, GRID_SIDE);
        let (cw, ch) = (cells(bw), cells(bh));
        let mut grid = Mask::filled(cw + 2 * GRID_PAD, ch + 2 * GRID_PAD, false);
        let gw = grid.width;
        if scale <= 1.0 {
            let cell =
                |offset: usize, count: usize| ((offset as f32 * scale) as usize).min(count - 1) + GRID_PAD;
            let columns: Vec<usize> = (0..bw).map(|x| cell(x, cw)).collect();
            for y in 0..bh {
                let row = cell(y, ch);
                for (x, &column) in columns.iter().enumerate() {
                    if set(self.left + x, self.top + y) {
                        grid.data[row * gw + column] = true;
                    }
                }
            }
        } else {
            // Enlarging: each cell takes the pixel under its centre.
            let source = |cell: usize, size: usize| (((cell as f32 + 0.5) / scale) as usize).min(size - 1);
            for cy in 0..ch {
                for cx in 0..cw {
                    if set(self.left + source(cx, bw), self.top + source(cy, bh)) {
                        grid.data[(cy + GRID_PAD) * gw + cx + GRID_PAD] = true;
                    }
                }
            }
        }
        grid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Row widths, from the lowest row up, of a circle of `radius` cells cut off `shown` rows
    /// above its lowest point.
    fn circle_rows(radius: f32, shown: usize) -> Vec<usize> {
        (0..shown)
            .map(|row| {
                let depth = row as f32 + 0.5;
                (2.0 * (depth * (2.0 * radius - depth)).max(0.0).sqrt()).round() as usize
            })
            .collect()
    }

    #[test]
    fn a_wheel_shows_a_circle_and_a_leg_does_not() {
        assert!(
            matches!(circle_under_body(&circle_rows(20.0, 24)), Some(Circle::LowerPart { radius }) if (radius - 20.0).abs() < 1.5)
        );
        assert_eq!(circle_under_body(&circle_rows(20.0, 40)), Some(Circle::Whole));
        let straight_leg = vec![20; 40];
        assert_eq!(circle_under_body(&straight_leg), None);
        let short_flat_foot = [16, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];
        assert_eq!(circle_under_body(&short_flat_foot), None);
        assert_eq!(circle_under_body(&[]), None);
    }

    /// A 100 x 100 ink grid: a belly line at row 70 and, below it, the lower half of a circle
    /// of radius 20 around (50, 60); `whole` draws the circle's upper half too.
    fn ink_under_a_belly(whole: bool) -> Mask {
        Mask::from_fn(100, 100, |x, y| {
            let distance = ((x as f32 - 50.0).powi(2) + (y as f32 - 60.0).powi(2)).sqrt();
            let on_circle = (distance - 20.0).abs() <= 1.0 && (whole || y >= 70);
            let on_belly = y == 70;
            on_circle || on_belly
        })
    }

    #[test]
    fn a_wheel_is_drawn_on_round_inside_the_body_and_a_rounded_leg_is_not() {
        assert!(drawn_on_over_the_body(&ink_under_a_belly(true), (50, 80), 21.0, 70));
        assert!(!drawn_on_over_the_body(&ink_under_a_belly(false), (50, 80), 21.0, 70));
    }

    #[test]
    fn limbs_count_only_while_they_run_side_by_side() {
        assert_eq!(crossings([true, true, false, true].into_iter()), 1, "a one-cell gap is a wobble");
        assert_eq!(crossings([true, false, false, true, false].into_iter()), 2);
        // Two limbs for ten lines, and three only for two lines (fingers at the tips).
        let counts = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 1];
        assert_eq!(lasting_count(counts.into_iter()), 2);
        assert_eq!(lasting_count([1; 5].into_iter()), 0, "too short to be a limb");
        assert_eq!(lasting_count(std::iter::empty()), 0);
    }

    #[test]
    fn tiny_and_thin_outlines_are_measured() {
        assert!(measure_outline(&GrayImage::new(30, 20)).is_none(), "nothing to measure");
        let dot = GrayImage::from_fn(30, 20, |x, y| image::Luma([if (x, y) == (4, 7) { 255 } else { 0 }]));
        assert!(measure_outline(&dot).is_some());
        let line = GrayImage::from_fn(400, 3, |_, y| image::Luma([if y == 1 { 255 } else { 0 }]));
        let shape = measure_outline(&line).expect("a shape");
        assert!(shape.aspect < 0.05, "{shape:?}");
    }

    #[test]
    fn a_head_sits_on_a_bigger_body_over_a_narrow_neck() {
        // A snowman: a ball of radius 20 on a ball of radius 35, touching.
        let snowman = GrayImage::from_fn(100, 120, |x, y| {
            let inside =
                |cx: f32, cy: f32, r: f32| (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2) <= r * r;
            image::Luma([if inside(50.0, 25.0, 20.0) || inside(50.0, 80.0, 35.0) { 255 } else { 0 }])
        });
        assert!(measure_outline(&snowman).expect("a shape").head);
        let ball = GrayImage::from_fn(100, 100, |x, y| {
            image::Luma([if (x as f32 - 50.0).powi(2) + (y as f32 - 50.0).powi(2) <= 1600.0 {
                255
            } else {
                0
            }])
        });
        assert!(!measure_outline(&ball).expect("a shape").head);
    }
}
