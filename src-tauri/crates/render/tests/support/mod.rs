//! Loading the real children's drawings the tests run on.

#![allow(dead_code)]

use std::path::PathBuf;

use image::{GrayImage, RgbaImage};
use model::{PaletteColor, Style};
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

pub fn spec(index: usize, count: usize, style: Style, setting: &str, mood: &str, seed: u64) -> SceneSpec {
    SceneSpec {
        index,
        count,
        style,
        setting: setting.into(),
        mood: mood.into(),
        palette: vec![PaletteColor { hex: "#5b2fc9".into(), name: "purple".into(), share: 0.8 }],
        seed,
    }
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
