//! The Ken Burns background: a plane magnified about a fixed point with sub-pixel bilinear
//! sampling in fixed point. Rows and columns are separable, and each source row is
//! interpolated horizontally once and reused by the output rows that fall next to it.

/// Sub-pixel steps of the vertical interpolation (the horizontal one uses 256): 1/16 pixel is
/// far below what the eye can see move, and keeps the vertical pass in 16-bit lanes, which the
/// compiler vectorizes.
const VERTICAL_STEPS: u16 = 16;

/// Samples `source` (`width` x `height`) magnified by `zoom` (>= 1) around `anchor`, which stays
/// put, into `out` of the same size.
pub(super) fn zoom_plane(
    source: &[u8],
    width: usize,
    height: usize,
    zoom: f32,
    anchor: (f32, f32),
    out: &mut [u8],
) {
    if width < 2 || height < 2 || source.len() < width * height || out.len() < width * height {
        return;
    }
    let columns = sample_positions(width, zoom, anchor.0);
    let runs = runs(&columns);
    let column_weights: Vec<u16> = columns.iter().map(|(_, weight)| *weight).collect();
    let rows = sample_positions(height, zoom, anchor.1);
    let mut upper = vec![0u16; width];
    let mut lower = vec![0u16; width];
    let mut upper_row = usize::MAX;
    let mut lower_row = usize::MAX;
    for (out_row, &(source_row, weight)) in out.chunks_exact_mut(width).zip(&rows) {
        let source_row = source_row as usize;
        if upper_row != source_row {
            if lower_row == source_row {
                std::mem::swap(&mut upper, &mut lower);
                lower_row = usize::MAX;
            } else {
                let row = &source[source_row * width..(source_row + 1) * width];
                interpolate_row(row, &runs, &column_weights, &mut upper);
            }
            upper_row = source_row;
        }
        let next = source_row + 1;
        if lower_row != next {
            interpolate_row(&source[next * width..(next + 1) * width], &runs, &column_weights, &mut lower);
            lower_row = next;
        }
        let take = (weight * VERTICAL_STEPS + 128) / 256;
        let keep = VERTICAL_STEPS - take;
        // 12-bit values times 4-bit weights: everything fits in u16.
        for ((pixel, top), bottom) in out_row.iter_mut().zip(&upper).zip(&lower) {
            *pixel = ((top * keep + bottom * take + 128) >> 8) as u8;
        }
    }
}

/// Stretches of output columns whose source column is the output column plus one constant:
/// within a run the source is a contiguous slice, so the interpolation vectorizes (at the
/// gentle zooms used, runs are tens of pixels long).
struct Run {
    start: usize,
    end: usize,
    source_start: usize,
}

fn runs(columns: &[(u32, u16)]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (position, &(column, _)) in columns.iter().enumerate() {
        let column = column as usize;
        match runs.last_mut() {
            Some(run) if run.source_start + (position - run.start) == column => run.end = position + 1,
            _ => runs.push(Run { start: position, end: position + 1, source_start: column }),
        }
    }
    runs
}

/// One source row interpolated at the output columns, as 12-bit values (16 x the 8-bit value).
fn interpolate_row(row: &[u8], runs: &[Run], weights: &[u16], out: &mut [u16]) {
    for run in runs {
        let length = run.end - run.start;
        let left = &row[run.source_start..run.source_start + length];
        let right = &row[run.source_start + 1..run.source_start + 1 + length];
        let targets = out[run.start..run.end].iter_mut().zip(&weights[run.start..run.end]);
        for ((value, &weight), (&left, &right)) in targets.zip(left.iter().zip(right)) {
            // The two weights add up to 256, so the sum stays within u16.
            *value = (u16::from(left) * (256 - weight) + u16::from(right) * weight + 8) >> 4;
        }
    }
}

/// For each output position along an axis: the source index to the left/top (never the last,
/// so `index + 1` is valid) and the weight (0..=256) of the next one.
pub(super) fn sample_positions(length: usize, zoom: f32, anchor: f32) -> Vec<(u32, u16)> {
    let last = (length - 1) as f32;
    let zoom = if zoom.is_finite() && zoom >= 1.0 { zoom } else { 1.0 };
    (0..length)
        .map(|position| {
            let source = (anchor + (position as f32 + 0.5 - anchor) / zoom - 0.5).clamp(0.0, last);
            let index = (source as usize).min(length - 2);
            let weight = ((source - index as f32) * 256.0 + 0.5).clamp(0.0, 256.0) as u16;
            (index as u32, weight)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_samples_between_pixels_and_keeps_the_anchor() {
        let positions = sample_positions(1280, 1.05, 640.0);
        assert!(positions.iter().any(|(_, weight)| *weight != 0 && *weight != 256));
        assert!(positions.iter().all(|(index, _)| *index < 1279));
        let (index, weight) = positions[640];
        assert!((index as f32 + f32::from(weight) / 256.0 - 640.0).abs() < 0.05);
    }

    #[test]
    fn runs_cover_every_column_once() {
        let columns = sample_positions(1280, 1.1, 400.0);
        let runs = runs(&columns);
        assert_eq!(runs.first().map(|run| run.start), Some(0));
        assert_eq!(runs.last().map(|run| run.end), Some(1280));
        assert!(runs.windows(2).all(|pair| pair[0].end == pair[1].start));
        assert!(runs.len() < 200, "{} runs", runs.len());
    }

    #[test]
    fn no_zoom_is_an_exact_copy() {
        let source: Vec<u8> = (0..64 * 36).map(|i| (i * 7 % 251) as u8).collect();
        let mut out = vec![0u8; source.len()];
        zoom_plane(&source, 64, 36, 1.0, (32.0, 18.0), &mut out);
        assert_eq!(out, source);
    }

    #[test]
    fn zooming_a_ramp_stays_a_smooth_ramp() {
        let source: Vec<u8> = (0..36).flat_map(|_| (0..64).map(|x| (x * 4) as u8)).collect();
        // Also along columns, so the vertical pass is exercised.
        let source: Vec<u8> = source.iter().enumerate().map(|(i, v)| v / 2 + (i / 64) as u8 * 3).collect();
        let mut out = vec![0u8; source.len()];
        zoom_plane(&source, 64, 36, 1.1, (32.0, 18.0), &mut out);
        let row = &out[10 * 64..11 * 64];
        assert!(row.windows(2).all(|pair| pair[1] >= pair[0] && pair[1] - pair[0] <= 3), "{row:?}");
        let column: Vec<u8> = (0..36).map(|y| out[y * 64 + 20]).collect();
        assert!(column.windows(2).all(|pair| pair[1] >= pair[0] && pair[1] - pair[0] <= 4), "{column:?}");
        assert!(
            row[0] > source[10 * 64] && row[63] < source[10 * 64 + 63],
            "zoomed in, so the ends are cropped"
        );
    }
}
