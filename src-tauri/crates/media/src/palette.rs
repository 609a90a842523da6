//! The colours of the child's ink, clustered in a perceptual colour space so shades of one
//! marker group together and each cluster gets a word a parent would use.

use model::PaletteColor;

use crate::shades::{distinct_shades, Shade};

/// Most colours reported.
pub const MAX_COLORS: usize = 6;
/// Fewest clusters kept, however small, when the ink has that many distinguishable shades (a
/// small third ink is not lost); close shades among them still become one entry.
pub const MIN_COLORS: usize = 3;
/// Pixels sampled at most; more does not change the clusters, only the time.
const MAX_SAMPLES: usize = 40_000;
/// Clusters closer than this (CIE76 distance) are one colour.
const SAME_COLOR: f32 = 6.0;
/// Clusters smaller than this share are noise, unless needed to reach `MIN_COLORS`.
const MIN_SHARE: f32 = 0.03;
const ITERATIONS: usize = 12;
/// Below this spread between channels (0..=255) a colour reads as black, grey or white.
const ACHROMATIC_CHROMA: u8 = 16;

/// Clusters the ink colours into up to six, largest share first, each with its own name
/// (close shades are one entry). Shares add up to 1.
pub fn ink_palette(pixels: &[[u8; 3]]) -> Vec<PaletteColor> {
    if pixels.is_empty() {
        return Vec::new();
    }
    let stride = pixels.len().div_ceil(MAX_SAMPLES);
    let samples: Vec<[f32; 3]> = pixels.iter().step_by(stride).map(|&rgb| lab_from_rgb(rgb)).collect();

    let mut centres = farthest_point_seeds(&samples, MAX_COLORS);
    let mut assignment = vec![0usize; samples.len()];
    for _ in 0..ITERATIONS {
        assign(&samples, &centres, &mut assignment);
        centres = recentre(&samples, &assignment, &centres);
    }
    assign(&samples, &centres, &mut assignment);
    let mut clusters = summarize(&samples, &assignment, centres.len());

    merge_close(&mut clusters);
    clusters.sort_by_key(|cluster| std::cmp::Reverse(cluster.count));
    let total = samples.len() as f32;
    let keep = clusters
        .iter()
        .enumerate()
        .take_while(|(i, cluster)| *i < MIN_COLORS || cluster.count as f32 / total >= MIN_SHARE)
        .filter(|(_, cluster)| cluster.count > 0)
        .count()
        .min(MAX_COLORS);
    clusters.truncate(keep);

    // Pixels of dropped clusters go to the nearest kept colour, so shares describe all the ink.
    let kept: Vec<[f32; 3]> = clusters.iter().map(|c| c.mean).collect();
    assign(&samples, &kept, &mut assignment);
    let mut counts = vec![0usize; kept.len()];
    for &cluster in &assignment {
        counts[cluster] += 1;
    }
    let shades: Vec<Shade> = kept.iter().zip(&counts).map(|(&lab, &count)| Shade { lab, count }).collect();
    distinct_shades(&shades, |lab| color_name(rgb_from_lab(lab)))
        .into_iter()
        .map(|(shade, name)| PaletteColor {
            hex: hex(rgb_from_lab(shade.lab)),
            name,
            share: shade.count as f32 / total,
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Cluster {
    mean: [f32; 3],
    count: usize,
}

fn distance2(a: [f32; 3], b: [f32; 3]) -> f32 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

/// Deterministic seeding: the first sample, then repeatedly the sample farthest from all seeds.
fn farthest_point_seeds(samples: &[[f32; 3]], k: usize) -> Vec<[f32; 3]> {
    let mut seeds = vec![samples[0]];
    let mut nearest: Vec<f32> = samples.iter().map(|&s| distance2(s, samples[0])).collect();
    while seeds.len() < k {
        let Some((index, &far)) = nearest.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else { break };
        if far <= SAME_COLOR * SAME_COLOR {
            break;
        }
        let seed = samples[index];
        seeds.push(seed);
        for (d, &s) in nearest.iter_mut().zip(samples) {
            *d = d.min(distance2(s, seed));
        }
    }
    seeds
}

fn assign(samples: &[[f32; 3]], centres: &[[f32; 3]], assignment: &mut [usize]) {
    for (slot, &sample) in assignment.iter_mut().zip(samples) {
        *slot = centres
            .iter()
            .enumerate()
            .min_by(|a, b| distance2(sample, *a.1).total_cmp(&distance2(sample, *b.1)))
            .map_or(0, |(i, _)| i);
    }
}

fn recentre(samples: &[[f32; 3]], assignment: &[usize], old: &[[f32; 3]]) -> Vec<[f32; 3]> {
    summarize(samples, assignment, old.len())
        .iter()
        .zip(old)
        .map(|(cluster, &previous)| if cluster.count == 0 { previous } else { cluster.mean })
        .collect()
}

fn summarize(samples: &[[f32; 3]], assignment: &[usize], k: usize) -> Vec<Cluster> {
    let mut sums = vec![[0.0f64; 3]; k];
    let mut counts = vec![0usize; k];
    for (&sample, &cluster) in samples.iter().zip(assignment) {
        for c in 0..3 {
            sums[cluster][c] += f64::from(sample[c]);
        }
        counts[cluster] += 1;
    }
    sums.iter()
        .zip(&counts)
        .map(|(sum, &count)| {
            let n = count.max(1) as f64;
            Cluster { mean: [(sum[0] / n) as f32, (sum[1] / n) as f32, (sum[2] / n) as f32], count }
        })
        .collect()
}

fn merge_close(clusters: &mut Vec<Cluster>) {
    let mut i = 0;
    while i < clusters.len() {
        let mut j = i + 1;
        while j < clusters.len() {
            if distance2(clusters[i].mean, clusters[j].mean) < SAME_COLOR * SAME_COLOR {
                let (a, b) = (clusters[i], clusters[j]);
                let total = (a.count + b.count).max(1) as f32;
                let mix = |c: usize| (a.mean[c] * a.count as f32 + b.mean[c] * b.count as f32) / total;
                clusters[i] = Cluster { mean: [mix(0), mix(1), mix(2)], count: a.count + b.count };
                clusters.remove(j);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// `#rrggbb` back to its channels.
pub fn parse_hex(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// Hue in degrees, saturation and value, each of the latter in 0..=1.
pub fn hsv(rgb: [u8; 3]) -> (f32, f32, f32) {
    let [r, g, b] = rgb.map(|c| f32::from(c) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    let hue = if delta <= f32::EPSILON {
        0.0
    } else if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    let saturation = if max <= f32::EPSILON { 0.0 } else { delta / max };
    (hue, saturation, max)
}

/// A plain colour word for a parent: "purple", "pink", "brown".
pub fn color_name(rgb: [u8; 3]) -> &'static str {
    let (hue, saturation, value) = hsv(rgb);
    let chroma = rgb.iter().max().copied().unwrap_or(0) - rgb.iter().min().copied().unwrap_or(0);
    if value < 0.2 || (chroma < ACHROMATIC_CHROMA && value < 0.35) {
        return "black";
    }
    if chroma < ACHROMATIC_CHROMA || saturation < 0.12 {
        return if value > 0.9 { "white" } else { "grey" };
    }
    match hue {
        h if !(15.0..345.0).contains(&h) => {
            if value < 0.45 {
                "brown"
            } else if saturation < 0.5 && value > 0.75 {
                "pink"
            } else {
                "red"
            }
        }
        h if h < 45.0 => {
            if value < 0.7 {
                "brown"
            } else {
                "orange"
            }
        }
        h if h < 70.0 => {
            if value < 0.55 {
                "brown"
            } else {
                "yellow"
            }
        }
        h if h < 165.0 => "green",
        h if h < 250.0 => "blue",
        h if h < 290.0 => "purple",
        // Magenta: dark or deep violet-magenta reads purple, the rest pink.
        h => {
            if value < 0.5 || (h < 320.0 && saturation >= 0.6) {
                "purple"
            } else {
                "pink"
            }
        }
    }
}

/// sRGB to CIE L*a*b* (D65).
fn lab_from_rgb(rgb: [u8; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(|c| {
        let c = f32::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f32| if t > 0.008_856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn rgb_from_lab(lab: [f32; 3]) -> [u8; 3] {
    let fy = (lab[0] + 16.0) / 116.0;
    let fx = fy + lab[1] / 500.0;
    let fz = fy - lab[2] / 200.0;
    let inverse = |t: f32| if t.powi(3) > 0.008_856 { t.powi(3) } else { (t - 16.0 / 116.0) / 7.787 };
    let (x, y, z) = (inverse(fx) * 0.950_47, inverse(fy), inverse(fz) * 1.088_83);
    let r = 3.240_454_2 * x - 1.537_138_5 * y - 0.498_531_4 * z;
    let g = -0.969_266 * x + 1.876_010_8 * y + 0.041_556 * z;
    let b = 0.055_643_4 * x - 0.204_025_9 * y + 1.057_225_2 * z;
    [r, g, b].map(|c| {
        let c = c.clamp(0.0, 1.0);
        let encoded = if c <= 0.003_130_8 { 12.92 * c } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 };
        (encoded * 255.0).round() as u8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_round_trips() {
        for rgb in [[0, 0, 0], [255, 255, 255], [120, 60, 180], [250, 200, 30], [12, 140, 70]] {
            let back = rgb_from_lab(lab_from_rgb(rgb));
            for c in 0..3 {
                assert!(back[c].abs_diff(rgb[c]) <= 1, "{rgb:?} came back as {back:?}");
            }
        }
    }

    #[test]
    fn colours_get_plain_names() {
        let cases = [
            ([95, 55, 170], "purple"),
            ([230, 110, 160], "pink"),
            ([250, 170, 200], "pink"),
            ([50, 90, 200], "blue"),
            ([120, 75, 40], "brown"),
            ([100, 40, 30], "brown"),
            ([150, 60, 50], "red"),
            ([40, 150, 60], "green"),
            ([220, 40, 30], "red"),
            ([245, 150, 30], "orange"),
            ([240, 220, 40], "yellow"),
            ([110, 110, 115], "grey"),
            ([96, 89, 94], "grey"),
            ([173, 189, 203], "blue"),
            ([80, 67, 90], "purple"),
            ([150, 40, 160], "purple"),
            ([255, 20, 147], "pink"),
            ([220, 120, 220], "pink"),
            ([79, 72, 81], "black"),
            ([20, 20, 25], "black"),
            ([250, 250, 248], "white"),
        ];
        for (rgb, name) in cases {
            assert_eq!(color_name(rgb), name, "{rgb:?}");
        }
    }

    #[test]
    fn two_inks_give_two_main_colours_with_their_shares() {
        let mut pixels = vec![[130, 50, 200]; 700];
        pixels.extend(vec![[220, 40, 40]; 300]);
        let palette = ink_palette(&pixels);
        assert_eq!(palette[0].name, "purple");
        assert!((palette[0].share - 0.7).abs() < 0.01, "{palette:?}");
        assert_eq!(palette[1].name, "red");
        assert!((palette.iter().map(|c| c.share).sum::<f32>() - 1.0).abs() < 1e-3);
        assert!(palette.iter().all(|c| parse_hex(&c.hex).is_some()));
    }

    #[test]
    fn many_inks_are_capped_at_six() {
        let inks = [
            [200, 30, 30],
            [30, 160, 50],
            [40, 60, 200],
            [240, 210, 30],
            [130, 50, 190],
            [20, 20, 20],
            [240, 130, 20],
            [120, 70, 30],
        ];
        let pixels: Vec<[u8; 3]> = inks.iter().flat_map(|&ink| vec![ink; 100]).collect();
        let palette = ink_palette(&pixels);
        assert_eq!(palette.len(), MAX_COLORS);
        assert!((palette.iter().map(|c| c.share).sum::<f32>() - 1.0).abs() < 1e-3);
    }

    #[test]
    fn close_shades_of_pink_are_one_pink() {
        let mut pixels = vec![[230, 110, 160]; 500];
        pixels.extend(vec![[222, 100, 152]; 300]);
        pixels.extend(vec![[236, 122, 170]; 200]);
        let palette = ink_palette(&pixels);
        assert_eq!(palette.len(), 1, "{palette:?}");
        assert_eq!(palette[0].name, "pink");
        assert!((palette[0].share - 1.0).abs() < 1e-3, "{palette:?}");
    }

    #[test]
    fn clearly_different_pinks_are_told_apart_by_lightness() {
        let (light, dark) = ([250, 180, 210], [190, 50, 110]);
        assert_eq!((color_name(light), color_name(dark)), ("pink", "pink"));
        let mut pixels = vec![light; 600];
        pixels.extend(vec![dark; 400]);
        let palette = ink_palette(&pixels);
        assert_eq!(palette.len(), 2, "{palette:?}");
        let name_of = |rgb: [u8; 3]| {
            let nearest = palette.iter().min_by_key(|c| {
                let other = parse_hex(&c.hex).unwrap_or_default();
                (0..3).map(|i| u32::from(other[i].abs_diff(rgb[i]))).sum::<u32>()
            });
            nearest.map(|c| c.name.clone()).unwrap_or_default()
        };
        let (light_name, dark_name) = (name_of(light), name_of(dark));
        assert_ne!(light_name, dark_name, "{palette:?}");
        assert!(["light pink", "pink"].contains(&light_name.as_str()), "{palette:?}");
        assert!(["pink", "dark pink"].contains(&dark_name.as_str()), "{palette:?}");
        assert!((palette.iter().map(|c| c.share).sum::<f32>() - 1.0).abs() < 1e-3);
    }

    #[test]
    fn no_ink_no_palette() {
        assert!(ink_palette(&[]).is_empty());
    }
}
