//! What the on-device engine finds in real children's drawings: the figure against the
//! hand-checked masks, the colours of its ink, and the guesses at what it is.

mod common;

use std::sync::OnceLock;

use image::imageops::{self, FilterType};
use image::{GrayImage, RgbaImage};
use media::{analyze, ingest_bytes, FigureAnalysis, IngestLimits};

/// The IoU every masked fixture must reach.
const MIN_IOU: f64 = 0.85;

fn load(name: &str) -> RgbaImage {
    let bytes = common::read_drawing(&format!("{name}.png"));
    ingest_bytes(&bytes, &IngestLimits::default())
        .unwrap_or_else(|error| panic!("{name} refused: {error}"))
        .image
}

const FIXTURES: [&str; 5] = ["boy-purple", "girl-pencil", "bug-six-arms", "pig", "garlic-photo"];

/// Each fixture is ingested and analyzed once per test run, whichever tests ask for it.
fn analyzed(name: &str) -> &'static (RgbaImage, FigureAnalysis) {
    static RESULTS: [OnceLock<(RgbaImage, FigureAnalysis)>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index =
        FIXTURES.iter().position(|&known| known == name).unwrap_or_else(|| panic!("unknown fixture {name}"));
    RESULTS[index].get_or_init(|| {
        let image = load(name);
        let analysis = analyze(&image);
        (image, analysis)
    })
}

fn bbox_field(yaml: &str, key: &str) -> f64 {
    yaml.lines()
        .find_map(|line| line.trim().strip_prefix(key)?.trim_start().strip_prefix(':').map(str::trim))
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("bbox yaml has no numeric `{key}`: {yaml:?}"))
}

/// The hand-checked mask at the image's size. Masks of the image's size are used as they are;
/// the others cover only the box in `<name>.bbox.yaml`, given in a frame whose long side was
/// 1000 px, so box and mask are scaled by (image long side / 1000) and the rest is background.
fn truth(name: &str, width: u32, height: u32) -> GrayImage {
    let mask = image::load_from_memory(&common::read_drawing(&format!("{name}.mask.png")))
        .unwrap_or_else(|error| panic!("{name}.mask.png: {error}"))
        .to_luma8();
    if mask.dimensions() == (width, height) {
        return mask;
    }
    let yaml =
        String::from_utf8(common::read_drawing(&format!("{name}.bbox.yaml"))).expect("bbox yaml is text");
    let scale = f64::from(width.max(height)) / 1000.0;
    let (left, top) = (bbox_field(&yaml, "left") * scale, bbox_field(&yaml, "top") * scale);
    let box_width = (bbox_field(&yaml, "right") - bbox_field(&yaml, "left")) * scale;
    let box_height = (bbox_field(&yaml, "bottom") - bbox_field(&yaml, "top")) * scale;
    let scaled_width = (f64::from(mask.width()) * scale).round() as u32;
    let scaled_height = (f64::from(mask.height()) * scale).round() as u32;
    assert!(
        (f64::from(scaled_width) - box_width).abs() <= 2.0
            && (f64::from(scaled_height) - box_height).abs() <= 2.0,
        "{name}: the mask does not have its box's size"
    );
    let scaled = imageops::resize(&mask, scaled_width, scaled_height, FilterType::Triangle);
    let mut full = GrayImage::new(width, height);
    imageops::replace(&mut full, &scaled, left.round() as i64, top.round() as i64);
    full
}

fn iou(found: &GrayImage, truth: &GrayImage) -> f64 {
    assert_eq!(found.dimensions(), truth.dimensions());
    let (mut both, mut either) = (0u64, 0u64);
    for (a, b) in found.pixels().zip(truth.pixels()) {
        let (a, b) = (a.0[0] >= 128, b.0[0] >= 128);
        both += u64::from(a && b);
        either += u64::from(a || b);
    }
    both as f64 / either.max(1) as f64
}

fn check_against_truth(name: &str) -> f64 {
    let (image, analysis) = analyzed(name);
    assert_eq!(analysis.mask.dimensions(), image.dimensions(), "{name}: mask size");
    assert!(analysis.found, "{name}: no figure found");
    assert!(
        analysis.mask.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255),
        "{name}: the mask is strictly figure (255) or paper (0)"
    );
    let score = iou(&analysis.mask, &truth(name, image.width(), image.height()));
    println!("{name}: IoU {score:.3}");
    score
}

#[test]
fn boy_purple_touching_the_crop() {
    let score = check_against_truth("boy-purple");
    assert!(score >= MIN_IOU, "boy-purple IoU {score:.3} < {MIN_IOU}");
}

#[test]
fn girl_pencil_faint_lines() {
    let score = check_against_truth("girl-pencil");
    assert!(score >= MIN_IOU, "girl-pencil IoU {score:.3} < {MIN_IOU}");
}

#[test]
fn bug_six_arms_small_on_a_desk() {
    let score = check_against_truth("bug-six-arms");
    assert!(score >= MIN_IOU, "bug-six-arms IoU {score:.3} < {MIN_IOU}");
}

#[test]
fn pig_with_alpha() {
    let score = check_against_truth("pig");
    assert!(score >= MIN_IOU, "pig IoU {score:.3} < {MIN_IOU}");
}

#[test]
fn figure_box_is_the_mask_bounds() {
    let (_, analysis) = analyzed("pig");
    let figure_box = analysis.analysis.figure_box.expect("a box for a found figure");
    assert_eq!(Some(figure_box), media::mask_bounds(&analysis.mask));
    assert!(!analysis.analysis.whole_page);
    assert_eq!(analysis.analysis.source, model::AnalysisSource::OnDevice);
}

#[test]
fn garlic_photo_has_a_plausible_figure_on_the_paper() {
    let (image, analysis) = analyzed("garlic-photo");
    assert_eq!(image.dimensions(), (1536, 2048), "analyzed upright");
    assert!(analysis.found, "a figure is found on the garlic photo");
    let (width, height) = image.dimensions();
    let area = analysis.mask.pixels().filter(|p| p.0[0] == 255).count() as f64;
    let share = area / f64::from(width * height);
    println!("garlic-photo: figure covers {:.1}% of the photo", share * 100.0);
    assert!((0.05..0.6).contains(&share), "figure share {share:.3} is not a drawing on a page");

    let figure_box = analysis.analysis.figure_box.expect("a box");
    println!("garlic-photo: figure box {figure_box:?}");
    // The dark desk shows along the top and bottom of the photo: the figure stays off it.
    let desk = height / 40;
    assert!(
        figure_box.y > desk && figure_box.y + figure_box.height < height - desk,
        "figure reaches the desk"
    );
    // The page's centre is inside the figure's box.
    let (cx, cy) = (width / 2, height / 2);
    assert!(
        (figure_box.x..figure_box.x + figure_box.width).contains(&cx)
            && (figure_box.y..figure_box.y + figure_box.height).contains(&cy),
        "the figure box {figure_box:?} misses the page centre"
    );
    // The mask sits on the drawing's ink, not on blank paper: mostly darker than the paper.
    let darkest = |x: u32, y: u32| {
        let p = image.get_pixel(x, y).0;
        p[0].min(p[1]).min(p[2])
    };
    let mut inside_dark = 0u64;
    let mut inside = 0u64;
    for (x, y, p) in analysis.mask.enumerate_pixels() {
        if p.0[0] == 255 {
            inside += 1;
            inside_dark += u64::from(darkest(x, y) < 100);
        }
    }
    assert!(inside_dark as f64 / inside as f64 > 0.02, "no ink inside the found figure");
}

/// The colour word of a palette entry: "dark pink" is pink.
fn colour_word(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or_default()
}

#[test]
fn palettes_read_the_ink_not_the_paper() {
    for (name, ink) in [("boy-purple", "purple"), ("pig", "pink"), ("bug-six-arms", "blue")] {
        let analysis = &analyzed(name).1.analysis;
        let names: Vec<&str> = analysis.colors.iter().map(|c| c.name.as_str()).collect();
        println!("{name}: palette {names:?}, mood {}, setting {}", analysis.mood, analysis.setting);
        assert!((1..=6).contains(&names.len()), "{name}: {names:?}");
        assert!(
            !names.iter().any(|n| colour_word(n) == "white"),
            "{name}: the paper leaked into the palette: {names:?}"
        );
        let share: f32 =
            analysis.colors.iter().filter(|c| colour_word(&c.name) == ink).map(|c| c.share).sum();
        assert!(share >= 0.5, "{name}: {ink} ink is only {share:.2} of {names:?}");
        assert!(analysis.subject.is_empty());
        assert!(analysis.subject_suggestions.len() >= 3);
        assert_eq!(analysis.mood_suggestions.first(), Some(&analysis.mood));
        assert_eq!(analysis.setting_suggestions.first(), Some(&analysis.setting));
    }
}

#[test]
fn every_palette_names_each_colour_once_and_shares_cover_the_ink() {
    for name in FIXTURES {
        let colors = &analyzed(name).1.analysis.colors;
        let listed: Vec<String> =
            colors.iter().map(|c| format!("{} {:.0}%", c.name, c.share * 100.0)).collect();
        println!("{name}: colours {listed:?}");
        assert!(!colors.is_empty(), "{name}: no colours");
        for (i, color) in colors.iter().enumerate() {
            assert!(
                colors[i + 1..].iter().all(|other| other.name != color.name),
                "{name}: {} is listed twice: {listed:?}",
                color.name
            );
        }
        let total: f32 = colors.iter().map(|c| c.share).sum();
        assert!((total - 1.0).abs() < 1e-3, "{name}: shares add up to {total}: {listed:?}");
        assert!(
            colors.windows(2).all(|pair| pair[0].share >= pair[1].share),
            "{name}: largest first: {listed:?}"
        );
    }
}

/// What a fixture shows, the specific guesses that would be right for it, and the broad kinds
/// that fit it. Every guess must be one of these two: a specific guess that is not right
/// ("a little car" for the pig) embarrasses, and so does a broad kind that does not fit
/// ("a vehicle" for the pig, "an animal" for the boy).
struct Subject {
    fixture: &'static str,
    shows: &'static str,
    right: &'static [&'static str],
    fitting_kinds: &'static [&'static str],
    /// What the outline shows clearly enough to be the first guess, if anything.
    first: Option<&'static str>,
}

const SUBJECTS: [Subject; 5] = [
    Subject {
        fixture: "pig",
        shows: "a pig standing on four legs, seen from the side",
        right: &["a pig"],
        fitting_kinds: &["an animal", "a creature", "a thing"],
        first: Some("an animal"),
    },
    Subject {
        fixture: "boy-purple",
        shows: "a boy with a head, two arms and two legs",
        right: &["a boy", "a child"],
        fitting_kinds: &["a person", "a creature", "a thing"],
        first: Some("a person"),
    },
    Subject {
        fixture: "girl-pencil",
        shows: "a girl in a skirt with a head, two arms and two legs",
        right: &["a girl", "a child"],
        fitting_kinds: &["a person", "a creature", "a thing"],
        first: Some("a person"),
    },
    Subject {
        fixture: "bug-six-arms",
        shows: "a bug with antennae, six arms and two feet",
        right: &["a bug", "an insect"],
        fitting_kinds: &["a creature", "an animal", "a thing"],
        first: None,
    },
    Subject {
        fixture: "garlic-photo",
        shows: "a garlic bulb with a face, two arms and two legs",
        right: &["a garlic", "a vegetable"],
        // It stands on two legs and waves two arms as a person does, so that broad kind fits
        // its outline too.
        fitting_kinds: &["a creature", "a plant", "a thing", "a person"],
        first: None,
    },
];

fn check_guesses(subject: &Subject, source: &str, guesses: &[String]) {
    println!("{} ({source}): {guesses:?}", subject.fixture);
    assert!(guesses.len() >= 3, "{}: {guesses:?}", subject.fixture);
    for guess in guesses {
        let specific = !media::BROAD_KINDS.contains(&guess.as_str());
        assert!(
            !specific || subject.right.contains(&guess.as_str()),
            "{} shows {}, but {source} guesses {guess:?}: {guesses:?}",
            subject.fixture,
            subject.shows
        );
        assert!(
            specific || subject.fitting_kinds.contains(&guess.as_str()),
            "{} shows {}; the broad kind {guess:?} from {source} does not fit: {guesses:?}",
            subject.fixture,
            subject.shows
        );
    }
    if let Some(first) = subject.first {
        assert_eq!(guesses[0], first, "{} ({source}) shows {}", subject.fixture, subject.shows);
    }
}

#[test]
fn subject_guesses_are_right_or_broad_kinds_that_fit() {
    for subject in &SUBJECTS {
        let (image, analysis) = analyzed(subject.fixture);
        check_guesses(subject, "the found outline", &analysis.analysis.subject_suggestions);
        if subject.fixture != "garlic-photo" {
            let truth = truth(subject.fixture, image.width(), image.height());
            check_guesses(subject, "the hand-checked outline", &media::subject_suggestions(&truth));
        }
    }
}
