//! Loading the real children's drawings the tests run on.

#![allow(dead_code)]

use std::path::PathBuf;

use image::{GrayImage, RgbaImage};
use model::{PaletteColor, ScenePlan, Style, TimeOfDay, Weather, HERO};
use render::SceneSpec;

pub fn fixtures_dir() -> PathBuf {
    fixtures::drawings_dir()
}

/// A drawing and its hand-checked, full-size mask.
pub fn drawing_with_mask(name: &str) -> (RgbaImage, GrayImage) {
    let dir = fixtures_dir();
    let drawing = image::open(dir.join(format!("{name}.png")))
        .unwrap_or_else(|e| panic!("cannot read fixture {name}.png: {e}"))
        .to_rgba8();
    let mask = image::open(dir.join(format!("{name}.mask.png")))
        .unwrap_or_else(|e| panic!("cannot read fixture {name}.mask.png: {e}"))
        .to_luma8();
    (drawing, mask)
}

/// A scene of the hero alone at `setting` in the morning, with `mood`.
pub fn spec(index: usize, count: usize, style: Style, setting: &str, mood: &str, seed: u64) -> SceneSpec {
    spec_of(index, count, style, plan(setting, mood, TimeOfDay::Morning), seed)
}

pub fn spec_of(index: usize, count: usize, style: Style, plan: ScenePlan, seed: u64) -> SceneSpec {
    SceneSpec {
        index,
        count,
        style,
        plan,
        palette: vec![PaletteColor { hex: "#5b2fc9".into(), name: "purple".into(), share: 0.8 }],
        seed,
        motion: None,
    }
}

/// A plan of the hero alone in clear weather.
pub fn plan(setting: &str, mood: &str, time: TimeOfDay) -> ScenePlan {
    ScenePlan {
        setting: setting.into(),
        mood: mood.into(),
        time_of_day: time,
        weather: Weather::Clear,
        characters: vec![HERO.to_string()],
        props: Vec::new(),
        ..ScenePlan::default()
    }
}

/// Mean luminance (0..255) of the band of rows `rows` of an image.
pub fn band_luminance(image: &RgbaImage, rows: std::ops::Range<u32>) -> f64 {
    let mut total = 0.0;
    let mut count = 0.0;
    for y in rows {
        for x in 0..image.width() {
            let p = image.get_pixel(x, y);
            total += 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64;
            count += 1.0;
        }
    }
    total / count
}

/// Mean absolute difference per channel (0..255) between two same-sized images.
pub fn mean_difference(a: &RgbaImage, b: &RgbaImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let total: u64 =
        a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| (*x as i64 - *y as i64).unsigned_abs()).sum();
    total as f64 / a.as_raw().len() as f64
}

pub fn assert_frame(image: &RgbaImage, what: &str) {
    assert_eq!(image.dimensions(), (1280, 720), "{what} is not 1280x720");
    assert!(image.pixels().all(|p| p[3] == 255), "{what} is not fully opaque");
}

/// The marker purple of boy-purple.png: clearly blue-violet, not sky blue.
pub fn is_marker_purple(p: &image::Rgba<u8>) -> bool {
    let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
    b > 120 && b - g > 70 && r - g > 20 && b > r
}
