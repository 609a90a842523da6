//! Cutting the figure out of real drawings and painting it out of the page.

mod support;

use image::{GrayImage, Luma, RgbaImage};
use render::{prepare_figure, RenderError};
use support::drawing_with_mask;

#[test]
fn the_cut_out_keeps_the_figure_and_drops_the_page() {
    let (drawing, mask) = drawing_with_mask("boy-purple");
    let prepared = prepare_figure(&drawing, &mask).expect("boy-purple prepares");
    let figure = prepared.figure();
    let opaque = figure.pixels().filter(|p| p[3] > 200).count();
    let figure_pixels = mask.pixels().filter(|p| p[0] >= 128).count();
    // The cut-out is at the drawing's own size here (it is small), so the areas match.
    let ratio = opaque as f64 / figure_pixels as f64;
    assert!((0.9..1.1).contains(&ratio), "cut-out covers {ratio} of the mask's area");
    let purple = figure.pixels().filter(|p| p[3] > 200 && support::is_marker_purple(p)).count();
    assert!(purple > 5_000, "the purple marker should be on the cut-out, found {purple} pixels");
    // The border around the cut-out is see-through.
    assert_eq!(figure.get_pixel(0, 0)[3], 0);
    assert_eq!(figure.get_pixel(figure.width() - 1, figure.height() - 1)[3], 0);
}

#[test]
fn the_feathered_edge_is_soft_but_narrow() {
    let (drawing, mask) = drawing_with_mask("girl-pencil");
    let prepared = prepare_figure(&drawing, &mask).expect("girl-pencil prepares");
    let partial = prepared.figure().pixels().filter(|p| p[3] > 10 && p[3] < 245).count();
    let solid = prepared.figure().pixels().filter(|p| p[3] >= 245).count();
    assert!(partial > 0, "the edge should be feathered");
    assert!(partial * 5 < solid, "the feather is too wide: {partial} soft pixels for {solid} solid ones");
}

#[test]
fn the_plate_has_no_ghost_of_the_figure() {
    for name in ["boy-purple", "girl-pencil"] {
        let (drawing, mask) = drawing_with_mask(name);
        let prepared = prepare_figure(&drawing, &mask).expect("drawing prepares");
        let plate = prepared.plate();
        assert_eq!(plate.dimensions(), drawing.dimensions());
        let paper = prepared.paper_color();
        let paper_luma = luma(paper[0], paper[1], paper[2]);

        let mut ink_before = 0;
        let mut ink_after = 0;
        let mut worst = Vec::new();
        for (x, y, m) in mask.enumerate_pixels() {
            if m[0] < 128 {
                continue;
            }
            let before = drawing.get_pixel(x, y);
            let after = plate.get_pixel(x, y);
            if luma(before[0], before[1], before[2]) < paper_luma - 40.0 {
                ink_before += 1;
            }
            let l = luma(after[0], after[1], after[2]);
            if l < paper_luma - 25.0 {
                ink_after += 1;
            }
            worst.push((l - paper_luma).abs());
        }
        assert!(ink_before > 1_000, "{name}: the figure should have ink to paint out");
        assert!(
            ink_after * 500 < ink_before,
            "{name}: {ink_after} ink pixels left on the plate (was {ink_before})"
        );
        worst.sort_by(|a, b| a.total_cmp(b));
        let p99 = worst[worst.len() * 99 / 100];
        assert!(p99 < 20.0, "{name}: under the figure the plate strays {p99} levels from the paper colour");
    }
}

#[test]
fn the_plate_keeps_the_page_away_from_the_figure() {
    let (drawing, mask) = drawing_with_mask("girl-pencil");
    let prepared = prepare_figure(&drawing, &mask).expect("girl-pencil prepares");
    // A corner of the page, far from the figure, is left as it was.
    for (x, y) in [(2, 2), (drawing.width() - 3, 2)] {
        let before = drawing.get_pixel(x, y);
        let after = prepared.plate().get_pixel(x, y);
        for c in 0..3 {
            assert!((before[c] as i32 - after[c] as i32).abs() <= 2, "pixel ({x},{y}) changed");
        }
    }
}

#[test]
fn an_empty_mask_is_refused_with_its_code() {
    let (drawing, _) = drawing_with_mask("girl-pencil");
    let empty = GrayImage::new(drawing.width(), drawing.height());
    let error = prepare_figure(&drawing, &empty).expect_err("an empty mask must be refused");
    assert_eq!(error, RenderError::EmptyMask);
    assert_eq!(error.code(), "empty_mask");
    assert!(error.to_string().contains("No figure"));
}

#[test]
fn a_mask_of_another_size_is_refused_with_its_code() {
    let (drawing, _) = drawing_with_mask("girl-pencil");
    let other = GrayImage::from_pixel(drawing.width() / 2, drawing.height(), Luma([255]));
    let error = prepare_figure(&drawing, &other).expect_err("a mismatched mask must be refused");
    assert_eq!(error.code(), "mask_size_mismatch");
    assert!(error.to_string().contains(&format!("{}x{}", drawing.width(), drawing.height())));
}

#[test]
fn an_empty_drawing_is_refused_with_its_code() {
    let error = prepare_figure(&RgbaImage::new(0, 0), &GrayImage::new(0, 0)).expect_err("nothing to cut");
    assert_eq!(error.code(), "empty_drawing");
}

fn luma(r: u8, g: u8, b: u8) -> f32 {
    0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32
}

#[test]
fn a_see_through_canvas_counts_as_white_paper() {
    let (drawing, mask) = drawing_with_mask("girl-pencil");
    // The same drawing with its paper made transparent (and black underneath), as drawing apps
    // export it.
    let mut transparent = drawing.clone();
    for pixel in transparent.pixels_mut() {
        let luma = (pixel[0] as u32 + pixel[1] as u32 + pixel[2] as u32) / 3;
        if luma > 170 {
            *pixel = image::Rgba([0, 0, 0, 0]);
        }
    }
    let prepared = prepare_figure(&transparent, &mask).expect("prepares");
    let paper = prepared.paper_color();
    assert!(paper.iter().all(|c| *c > 230), "paper should read as white, got {paper:?}");
    assert!(prepared.plate().pixels().all(|p| p[3] == 255), "the plate is opaque");
}
