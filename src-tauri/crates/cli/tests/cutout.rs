//! `nocomelon analyze --cutout-out`: the figure as the story's pictures start from it, before any
//! style, written as an RGBA PNG of the drawing's upright size with the figure in place and the
//! page around it transparent.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::{GrayImage, RgbaImage};

fn fixture(name: &str) -> PathBuf {
    fixtures::drawing(name)
}

/// Runs `nocomelon analyze <drawing> --json --mask-out <dir>/mask.png --cutout-out
/// <dir>/cut.png` and returns its report, the mask and the cut-out as written.
fn analyze(data: &Path, drawing: &str) -> (serde_json::Value, GrayImage, RgbaImage) {
    let (mask_out, cut_out) = (data.join("mask.png"), data.join("cut.png"));
    let output = Command::new(env!("CARGO_BIN_EXE_nocomelon"))
        .env("NOCOMELON_DATA_DIR", data)
        .env_remove("NOCOMELON_CONFIG")
        .args(["analyze", fixture(drawing).to_str().expect("utf-8"), "--json", "--mask-out"])
        .arg(&mask_out)
        .arg("--cutout-out")
        .arg(&cut_out)
        .output()
        .expect("nocomelon runs");
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["cutout_path"].as_str(), cut_out.to_str(), "{report}");
    let mask = image::open(&mask_out).expect("the mask is a PNG").into_luma8();
    let cut = image::open(&cut_out).expect("the cut-out is a PNG");
    assert_eq!(cut.color(), image::ColorType::Rgba8, "the cut-out is 8-bit RGBA");
    (report, mask, cut.into_rgba8())
}

/// Whether a mask pixel lies within `reach` pixels of (`x`, `y`), counting figure (`true`) or
/// paper (`false`) pixels.
fn near(mask: &GrayImage, x: u32, y: u32, reach: u32, figure: bool) -> bool {
    let (x0, y0) = (x.saturating_sub(reach), y.saturating_sub(reach));
    let (x1, y1) = ((x + reach).min(mask.width() - 1), (y + reach).min(mask.height() - 1));
    (y0..=y1).any(|ny| (x0..=x1).any(|nx| (mask.get_pixel(nx, ny)[0] >= 128) == figure))
}

#[test]
fn the_cut_out_is_the_figure_in_place_on_a_transparent_page_with_its_paper_white() {
    let data = tempfile::tempdir().expect("data dir");
    let (report, mask, cut) = analyze(data.path(), "boy-purple.png");
    assert_eq!(report["found"], true);
    // The drawing is small enough to be kept and cut out at its own size: pixel for pixel.
    assert_eq!(cut.dimensions(), (508, 602), "the drawing's upright size");
    assert_eq!(cut.dimensions(), mask.dimensions(), "the cut-out lies on the mask");

    let (mut paper, mut figure, mut white, mut purple) = (0u32, 0u32, 0u32, 0u32);
    for (x, y, pixel) in cut.enumerate_pixels() {
        // Away from the figure's one-pixel feathered edge, paper is see-through and the figure
        // is solid.
        if !near(&mask, x, y, 2, true) {
            assert_eq!(pixel[3], 0, "paper at ({x}, {y}) is not transparent: {pixel:?}");
            paper += 1;
        } else if !near(&mask, x, y, 2, false) {
            assert_eq!(pixel[3], 255, "the figure at ({x}, {y}) is not opaque: {pixel:?}");
            figure += 1;
            let [r, g, b, _] = pixel.0.map(i32::from);
            white += u32::from(r >= 245 && g >= 245 && b >= 245);
            purple += u32::from(b > 120 && b - g > 70 && r - g > 20 && b > r);
        }
    }
    assert!(paper > 50_000 && figure > 100_000, "{paper} paper and {figure} figure pixels");
    // The drawing's paper is grey (about 150, 146, 141); inside the figure it is white now, and
    // the marker keeps its purple.
    assert!(white * 3 > figure, "only {white} of {figure} figure pixels are white paper");
    assert!(purple > 10_000, "only {purple} figure pixels are marker purple");
}

#[test]
fn a_phone_photo_is_cut_out_at_its_upright_size() {
    let data = tempfile::tempdir().expect("data dir");
    let (_, mask, cut) = analyze(data.path(), "garlic-photo.png");
    // The photo is stored turned upright and smaller; the cut-out has the upright original's
    // size, like the mask, and covers the same figure.
    assert_eq!(cut.dimensions(), (3024, 4032));
    assert_eq!(cut.dimensions(), mask.dimensions());
    let (mut both, mut either, mut stray) = (0u64, 0u64, 0u64);
    for (pixel, inside) in cut.pixels().zip(mask.pixels()) {
        let (shown, inside) = (pixel[3] >= 128, inside[0] >= 128);
        both += u64::from(shown && inside);
        either += u64::from(shown || inside);
        stray += u64::from(!inside && pixel[3] > 0);
    }
    let overlap = both as f64 / either as f64;
    assert!(
        overlap > 0.9,
        "the cut-out covers the mask's figure only {overlap:.3} (intersection over union)"
    );
    // Only the soft edge reaches past the mask.
    assert!(stray * 20 < both, "{stray} see-through-but-not-clear pixels outside the figure");
    for corner in [(0, 0), (3023, 0), (0, 4031), (3023, 4031)] {
        assert_eq!(cut.get_pixel(corner.0, corner.1)[3], 0, "corner {corner:?} is paper");
    }
}
