//! Whole scenes from real drawings: size, the child's colours, variety, determinism, styles,
//! placement and the placeholder card.

mod support;

use model::{Style, TimeOfDay};
use render::{
    placeholder_scene, prepare_figure, render_scene, Placement, PreparedFigure, MAX_HERO_HEIGHT,
    MIN_HERO_HEIGHT,
};
use support::{assert_frame, drawing_with_mask, mean_difference, plan, spec, spec_of};

fn boy() -> PreparedFigure {
    let (drawing, mask) = drawing_with_mask("boy-purple");
    prepare_figure(&drawing, &mask).expect("boy-purple prepares")
}

fn girl() -> PreparedFigure {
    let (drawing, mask) = drawing_with_mask("girl-pencil");
    prepare_figure(&drawing, &mask).expect("girl-pencil prepares")
}

#[test]
fn every_style_gives_opaque_1280x720_frames() {
    let figure = girl();
    for style in Style::ALL {
        let layers =
            render_scene(&figure, &spec(1, 5, style, "a sunny meadow", "cheerful", 3)).expect("renders");
        assert_frame(&layers.background, "the background");
        assert_frame(&layers.composite(0.0), "the composite at the start");
        assert_frame(&layers.composite(1.0), "the composite at the end");
        assert!(layers.figure.pixels().any(|p| p[3] == 0), "the figure layer has a see-through surround");
    }
}

#[test]
fn the_childs_purple_is_on_the_page_where_the_figure_stands() {
    let figure = boy();
    let layers = render_scene(&figure, &spec(0, 4, Style::Storybook, "forest", "calm", 11)).expect("renders");
    let still = layers.composite(0.0);
    let centre = layers.start;
    let half_w = figure.figure().width() as f32 * centre.scale / 2.0;
    let half_h = figure.figure().height() as f32 * centre.scale / 2.0;
    let count_purple = |image: &image::RgbaImage| {
        let mut count = 0;
        for y in (centre.center_y - half_h).max(0.0) as u32..((centre.center_y + half_h) as u32).min(720) {
            for x in (centre.center_x - half_w).max(0.0) as u32..((centre.center_x + half_w) as u32).min(1280)
            {
                if support::is_marker_purple(image.get_pixel(x, y)) {
                    count += 1;
                }
            }
        }
        count
    };
    let on_still = count_purple(&still);
    let on_background = count_purple(&layers.background);
    assert!(on_still > 3_000, "only {on_still} purple pixels around the figure's place");
    assert!(on_background * 10 < on_still, "the purple should come from the figure, not the forest");
}

#[test]
fn scenes_differ_by_index_and_repeat_exactly_for_the_same_seed_and_index() {
    let figure = girl();
    let first = render_scene(&figure, &spec(0, 6, Style::Watercolor, "the beach", "", 77)).expect("renders");
    let second = render_scene(&figure, &spec(1, 6, Style::Watercolor, "the beach", "", 77)).expect("renders");
    let again = render_scene(&figure, &spec(1, 6, Style::Watercolor, "the beach", "", 77)).expect("renders");
    let difference = mean_difference(&first.composite(0.5), &second.composite(0.5));
    assert!(difference > 8.0, "scenes 0 and 1 are too alike (mean difference {difference})");
    assert_ne!(first.start, second.start, "the figure should move between scenes");
    assert_eq!(second.background, again.background);
    assert_eq!(second.figure, again.figure);
    assert_eq!((second.start, second.end), (again.start, again.end));
}

#[test]
fn styles_look_measurably_different() {
    let figure = boy();
    let stills: Vec<_> = Style::ALL
        .into_iter()
        .map(|style| {
            render_scene(&figure, &spec(2, 5, style, "garden", "calm", 5)).expect("renders").composite(0.5)
        })
        .collect();
    for a in 0..stills.len() {
        for b in a + 1..stills.len() {
            let difference = mean_difference(&stills[a], &stills[b]);
            assert!(
                difference > 6.0,
                "{:?} and {:?} differ by only {difference}",
                Style::ALL[a],
                Style::ALL[b]
            );
        }
    }
}

#[test]
fn every_setting_has_its_own_backdrop() {
    let figure = girl();
    let settings =
        ["forest", "garden", "beach", "castle", "outer space", "bedroom", "farm", "park", "a sunny meadow"];
    let backgrounds: Vec<_> = settings
        .iter()
        .map(|setting| {
            render_scene(&figure, &spec(0, 4, Style::Storybook, setting, "", 21)).expect("renders").background
        })
        .collect();
    for a in 0..backgrounds.len() {
        for b in a + 1..backgrounds.len() {
            let difference = mean_difference(&backgrounds[a], &backgrounds[b]);
            assert!(difference > 8.0, "{} and {} look alike ({difference})", settings[a], settings[b]);
        }
    }
}

#[test]
fn night_pages_are_darker_than_midday_ones() {
    let figure = girl();
    let brightness = |time: TimeOfDay| {
        let spec = spec_of(3, 4, Style::Storybook, plan("meadow", "", time), 8);
        let layers = render_scene(&figure, &spec).expect("renders");
        layers.background.pixels().map(|p| p[0] as f64 + p[1] as f64 + p[2] as f64).sum::<f64>()
    };
    let midday = brightness(TimeOfDay::Midday);
    let night = brightness(TimeOfDay::Night);
    assert!(night < midday * 0.6, "night ({night}) should be much darker than midday ({midday})");
}

/// The figure's drawn part (alpha over half) as a box, in the figure layer's pixels.
fn drawn_box(image: &image::RgbaImage) -> (f32, f32, f32, f32) {
    let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y, p) in image.enumerate_pixels() {
        if p[3] > 128 {
            b = (b.0.min(x as f32), b.1.min(y as f32), b.2.max(x as f32 + 1.0), b.3.max(y as f32 + 1.0));
        }
    }
    b
}

/// Where the drawn part's corners land in the frame for a placement.
fn frame_corners(p: &Placement, size: (u32, u32), drawn: (f32, f32, f32, f32)) -> Vec<(f32, f32)> {
    let (w, h) = (size.0 as f32, size.1 as f32);
    let (sin, cos) = p.rotation_deg.to_radians().sin_cos();
    [(drawn.0, drawn.1), (drawn.2, drawn.1), (drawn.0, drawn.3), (drawn.2, drawn.3)]
        .into_iter()
        .map(|(x, y)| {
            let mut dx = (x - w / 2.0) * p.scale;
            let dy = (y - h / 2.0) * p.scale;
            if p.flip {
                dx = -dx;
            }
            (p.center_x + dx * cos - dy * sin, p.center_y + dx * sin + dy * cos)
        })
        .collect()
}

#[test]
fn the_figure_stays_whole_and_large_in_every_scene_of_every_length() {
    let figure = boy();
    let drawn = drawn_box(figure.figure());
    for count in 4..=8 {
        for index in 0..count {
            let layers =
                render_scene(&figure, &spec(index, count, Style::Crayon, "park", "", 1234)).expect("renders");
            let size = layers.figure.dimensions();
            let styled_drawn = drawn_box(&layers.figure);
            for step in 0..=4 {
                let p = layers.start.lerp(&layers.end, step as f32 / 4.0);
                let (x0, y0, x1, y1) = p.bounds(size.0, size.1);
                assert!(
                    x0 >= 0.0 && y0 >= 0.0 && x1 <= 1280.0 && y1 <= 720.0,
                    "scene {index}/{count}: figure layer leaves the frame at {p:?}"
                );
                for (x, y) in frame_corners(&p, size, styled_drawn) {
                    assert!(
                        (0.0..=1280.0).contains(&x) && (0.0..=720.0).contains(&y),
                        "scene {index}/{count}: ({x},{y})"
                    );
                }
            }
            let height = (drawn.3 - drawn.1) * layers.start.scale / 720.0;
            assert!(
                (MIN_HERO_HEIGHT - 0.01..=MAX_HERO_HEIGHT + 0.01).contains(&height),
                "scene {index}/{count}: the figure fills {height} of the frame's height"
            );
            assert!(!layers.start.flip && !layers.end.flip, "scene {index}/{count}: the figure is mirrored");
            let drift = (layers.end.center_x - layers.start.center_x)
                .hypot(layers.end.center_y - layers.start.center_y);
            assert!((4.0..=80.0).contains(&drift), "scene {index}/{count}: drift of {drift} px");
            assert!(layers.start.rotation_deg.abs() <= 6.0 && layers.end.rotation_deg.abs() <= 6.0);
        }
    }
}

#[test]
fn the_placeholder_is_a_plain_opaque_card() {
    let mut busy = plan("castle", "", TimeOfDay::Evening);
    busy.characters.push("owl".into());
    busy.props.push("kite".into());
    let card = placeholder_scene(&spec_of(2, 5, Style::Storybook, busy, 4));
    assert_frame(&card.background, "the placeholder");
    let still = card.composite(0.5);
    assert_frame(&still, "the placeholder still");
    assert_eq!(still, card.background, "the card has no figure on it");
    assert!(card.drawn.is_empty(), "the card draws none of the plan's elements");
    // Calm: soft colours, nothing very dark.
    let dark = still.pixels().filter(|p| (p[0] as u32 + p[1] as u32 + p[2] as u32) < 240).count();
    assert_eq!(dark, 0, "the card should have no dark pixels");
}

#[test]
fn a_whole_page_figure_fits_every_scene() {
    // "Use the whole page": the mask covers everything, and the pig's page is wide.
    let (drawing, _) = drawing_with_mask("girl-pencil");
    let dir = support::fixtures_dir();
    let pig = image::open(dir.join("pig.png")).expect("pig.png reads").to_rgba8();
    for page in [drawing, pig] {
        let mask = image::GrayImage::from_pixel(page.width(), page.height(), image::Luma([255]));
        let figure = prepare_figure(&page, &mask).expect("a whole page prepares");
        for index in 0..4 {
            let layers =
                render_scene(&figure, &spec(index, 4, Style::Watercolor, "farm", "", 6)).expect("renders");
            let (w, h) = layers.figure.dimensions();
            for p in [layers.start, layers.end] {
                let (x0, y0, x1, y1) = p.bounds(w, h);
                assert!(
                    x0 >= 0.0 && y0 >= 0.0 && x1 <= 1280.0 && y1 <= 720.0,
                    "scene {index} leaves the frame: {p:?}"
                );
            }
            assert_frame(&layers.composite(0.5), "the whole-page composite");
        }
    }
}
