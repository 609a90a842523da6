//! The figure keeps its colours. The cut-out is the drawing white-balanced by its own paper
//! (paper to white, every colour on it true, light crayon included), and the default style
//! shows each colour region of the figure in its own hue: in the scene's figure layer and in a
//! frame of a real clip, encoded and decoded by ffmpeg.

mod colour_science;

use std::sync::atomic::AtomicBool;

use colour_science::{delta_e_2000, hue_distance, srgb8_to_lab, srgb_to_lab, Lab};
use image::imageops::{self, FilterType};
use image::{GrayImage, Luma, Rgba, RgbaImage};
use model::{ScenePlan, Style, TimeOfDay, Weather, HERO};
use render::{Placement, PreparedFigure, SceneLayers, SceneSpec, FIGURE_PADDING};

/// The fixture drawings, by name (`<name>.png` in `src-tauri/fixtures/drawings`).
const FIXTURES: [&str; 5] = ["boy-purple", "girl-pencil", "bug-six-arms", "pig", "garlic-photo"];

/// The most the cut-out may differ, on average over the figure, from the drawing white-balanced
/// by its paper (CIEDE2000; about 1 is the smallest difference people see side by side, 6 is
/// "the same colour, a little lighter or deeper").
const MAX_MEAN_DELTA_E: f64 = 6.0;
/// How far a colour region's hue may turn between the cut-out and the styled figure layer or the
/// video, in degrees of CIELAB hue. The scene's light tints the figure a little (a third of its
/// colour), and thin lines mix with the white paper beside them where the picture is smoothed,
/// shrunk into the frame or its colour kept at half size (yuv420p); nothing may turn it more.
const MAX_HUE_TURN: f64 = 12.0;
/// Below this CIELAB chroma a colour has no hue worth keeping (grey pencil, black pen, paper).
const COLOURED: f64 = 12.0;

/// The drawing as the app keeps it (upright, at most 2048 pixels long) and the figure's mask at
/// its size: the hand-checked mask where there is one, else the one this computer finds.
fn drawing_and_mask(name: &str) -> (RgbaImage, GrayImage) {
    let bytes = fixtures::read(&format!("{name}.png"));
    let drawing = media::ingest_bytes(&bytes, &media::IngestLimits::default())
        .unwrap_or_else(|error| panic!("{name} refused: {error}"))
        .image;
    let (width, height) = drawing.dimensions();
    let mask_file = fixtures::drawings_dir().join(format!("{name}.mask.png"));
    let mask =
        if mask_file.is_file() { hand_mask(name, width, height) } else { media::analyze(&drawing).mask };
    (drawing, mask)
}

/// The hand-checked mask at the image's size. A mask of another size covers only the box in
/// `<name>.bbox.yaml`, given in a frame whose long side was 1000 px (see the fixtures' README).
fn hand_mask(name: &str, width: u32, height: u32) -> GrayImage {
    let mask = image::load_from_memory(&fixtures::read(&format!("{name}.mask.png")))
        .unwrap_or_else(|error| panic!("{name}.mask.png: {error}"))
        .to_luma8();
    if mask.dimensions() == (width, height) {
        return mask;
    }
    let yaml = String::from_utf8(fixtures::read(&format!("{name}.bbox.yaml"))).expect("bbox yaml is text");
    let field = |key: &str| -> f64 {
        yaml.lines()
            .find_map(|line| line.trim().strip_prefix(key)?.trim_start().strip_prefix(':').map(str::trim))
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("{name}.bbox.yaml has no numeric `{key}`"))
    };
    let scale = f64::from(width.max(height)) / 1000.0;
    let scaled = imageops::resize(
        &mask,
        (f64::from(mask.width()) * scale).round() as u32,
        (f64::from(mask.height()) * scale).round() as u32,
        FilterType::Triangle,
    );
    let mut full = GrayImage::new(width, height);
    imageops::replace(
        &mut full,
        &scaled,
        (field("left") * scale).round() as i64,
        (field("top") * scale).round() as i64,
    );
    full
}

/// The colour a figure pixel should have: the drawing's pixel (laid on white where it is
/// see-through, as a transparent canvas means) divided, channel by channel, by the paper colour
/// the cut-out estimated there, so paper is white and every colour keeps its hue.
fn white_balanced(drawing: &RgbaImage, prepared: &PreparedFigure, x: u32, y: u32) -> [f64; 3] {
    let pixel = drawing.get_pixel(x, y);
    let alpha = u32::from(pixel[3]);
    let paper = prepared.paper_color_at(x, y);
    [0, 1, 2].map(|c| {
        let on_white = (u32::from(pixel[c]) * alpha + 255 * (255 - alpha) + 127) / 255;
        (f64::from(on_white) / 255.0 / f64::from(paper[c]).max(0.05)).min(1.0)
    })
}

/// For each pixel of the cut-out's figure (without its transparent border), the white-balanced
/// drawing and the mask averaged over the part of the drawing it was made from, so a cut-out
/// shrunk for the video is compared with the drawing at the same size. Row by row.
fn expected_cut_out(
    drawing: &RgbaImage,
    mask: &GrayImage,
    prepared: &PreparedFigure,
) -> Vec<([f64; 3], f64)> {
    let area = prepared.source_box();
    let pad = FIGURE_PADDING as u32;
    let (width, height) = (prepared.figure().width() - 2 * pad, prepared.figure().height() - 2 * pad);
    let (step_x, step_y) =
        (f64::from(area.width) / f64::from(width), f64::from(area.height) / f64::from(height));
    let mut expected = Vec::with_capacity((width * height) as usize);
    for j in 0..height {
        for i in 0..width {
            let span = |index: u32, step: f64, start: u32| {
                let first = (f64::from(index) * step).round() as u32;
                let end = ((f64::from(index + 1) * step).round() as u32).max(first + 1);
                start + first..start + end
            };
            let (mut sum, mut inside, mut count) = ([0.0f64; 3], 0.0f64, 0.0f64);
            for y in span(j, step_y, area.y) {
                for x in span(i, step_x, area.x) {
                    let colour = white_balanced(drawing, prepared, x, y);
                    sum.iter_mut().zip(colour).for_each(|(total, value)| *total += value);
                    inside += f64::from(mask.get_pixel(x, y)[0]) / 255.0;
                    count += 1.0;
                }
            }
            expected.push((sum.map(|total| total / count), inside / count));
        }
    }
    expected
}

#[test]
fn every_cut_out_is_the_drawing_white_balanced_by_its_paper() {
    let mut report = Vec::new();
    for name in FIXTURES {
        let (drawing, mask) = drawing_and_mask(name);
        let prepared = render::prepare_figure(&drawing, &mask).expect("the figure is cut out");
        let expected = expected_cut_out(&drawing, &mask, &prepared);
        let figure = prepared.figure();
        let pad = FIGURE_PADDING as u32;
        let width = figure.width() - 2 * pad;
        let (mut total, mut worst, mut count) = (0.0f64, Vec::new(), 0usize);
        for (index, (colour, inside)) in expected.iter().enumerate() {
            let (i, j) = (index as u32 % width, index as u32 / width);
            let pixel = figure.get_pixel(i + pad, j + pad);
            if *inside <= 0.5 || pixel[3] < 255 {
                continue;
            }
            let difference = delta_e_2000(srgb8_to_lab([pixel[0], pixel[1], pixel[2]]), srgb_to_lab(*colour));
            total += difference;
            worst.push(difference);
            count += 1;
        }
        assert!(count > 1_000, "{name}: only {count} figure pixels to compare");
        let mean = total / count as f64;
        worst.sort_by(f64::total_cmp);
        let p95 = worst[worst.len() * 95 / 100];
        println!("{name}: mean ΔE00 {mean:.2} over {count} figure pixels (95th percentile {p95:.2})");
        report.push((name, mean));
    }
    for (name, mean) in report {
        assert!(
            mean <= MAX_MEAN_DELTA_E,
            "{name}: the cut-out strays {mean:.2} ΔE00 from the drawing's colours"
        );
    }
}

/// The reported page: a phone photo of a candy-corn drawing, light crayon yellow on grey paper.
const GREY_PAPER: [u8; 3] = [173, 168, 161];
const CRAYON_YELLOW: [u8; 3] = [172, 166, 83];
const OUTLINE: [u8; 3] = [46, 40, 38];

/// A 480x360 page of grey paper with a 240x220 figure at (120, 70): a dark outline 6 px thick
/// around paper, with a band of crayon yellow across its middle (rows 150..210). A little
/// even, photo-like noise on every pixel. Returns the page and the figure's mask.
fn candy_corn_page() -> (RgbaImage, GrayImage) {
    let mut state = 0x9E37_79B9u32;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 7) as i32 - 3
    };
    let mut page = RgbaImage::new(480, 360);
    let mut mask = GrayImage::new(480, 360);
    for (x, y, pixel) in page.enumerate_pixels_mut() {
        let inside = (120..360).contains(&x) && (70..290).contains(&y);
        let rim = inside && !((126..354).contains(&x) && (76..284).contains(&y));
        let colour = if rim {
            OUTLINE
        } else if inside && (150..210).contains(&y) {
            CRAYON_YELLOW
        } else {
            GREY_PAPER
        };
        let wobble = noise();
        let channel = |c: usize| (i32::from(colour[c]) + wobble).clamp(0, 255) as u8;
        *pixel = Rgba([channel(0), channel(1), channel(2), 255]);
        if inside {
            mask.put_pixel(x, y, Luma([255]));
        }
    }
    (page, mask)
}

/// Mean CIELAB of the cut-out-sized `image` over the page rectangle `x` x `y`, for a cut-out
/// taken from `prepared.source_box()` at the drawing's own size.
fn mean_lab(
    image: &RgbaImage,
    prepared: &PreparedFigure,
    x: std::ops::Range<u32>,
    y: std::ops::Range<u32>,
) -> Lab {
    let area = prepared.source_box();
    let pad = FIGURE_PADDING as u32;
    let (mut sum, mut count) = ([0.0f64; 3], 0.0f64);
    for py in y {
        for px in x.clone() {
            let pixel = image.get_pixel(px - area.x + pad, py - area.y + pad);
            let lab = srgb8_to_lab([pixel[0], pixel[1], pixel[2]]);
            sum[0] += lab.l;
            sum[1] += lab.a;
            sum[2] += lab.b;
            count += 1.0;
        }
    }
    Lab { l: sum[0] / count, a: sum[1] / count, b: sum[2] / count }
}

fn plan() -> ScenePlan {
    ScenePlan {
        setting: "meadow".into(),
        mood: "happy".into(),
        time_of_day: TimeOfDay::Morning,
        weather: Weather::Clear,
        characters: vec![HERO.to_string()],
        ..ScenePlan::default()
    }
}

fn default_style_scene(prepared: &PreparedFigure) -> SceneLayers {
    let spec = SceneSpec {
        index: 0,
        count: 3,
        style: Style::default(),
        plan: plan(),
        palette: Vec::new(),
        seed: 7,
        motion: None,
    };
    render::render_scene(prepared, &spec).expect("the scene is drawn")
}

/// Where the centre of pixel (`x`, `y`) of the figure layer lands in the frame at `placement`.
fn in_frame(figure: &RgbaImage, placement: &Placement, x: f32, y: f32) -> (f32, f32) {
    let (dx, dy) = (
        (x + 0.5 - figure.width() as f32 / 2.0) * placement.scale,
        (y + 0.5 - figure.height() as f32 / 2.0) * placement.scale,
    );
    let (sin, cos) = placement.rotation_deg.to_radians().sin_cos();
    let fx = placement.center_x + dx * cos - dy * sin;
    let fy = placement.center_y + dx * sin + dy * cos;
    (fx, fy)
}

#[test]
fn light_crayon_yellow_on_grey_paper_stays_yellow_and_the_paper_turns_white() {
    let (page, mask) = candy_corn_page();
    let prepared = render::prepare_figure(&page, &mask).expect("the figure is cut out");
    // What the yellow is once the grey paper is divided out: (254, 252, 131), a clear yellow.
    let truth =
        srgb_to_lab([0, 1, 2].map(|c| (f64::from(CRAYON_YELLOW[c]) / f64::from(GREY_PAPER[c])).min(1.0)));
    // Well inside the band and inside the paper below it, away from the outline.
    let (band_x, band_y, paper_y) = (140..340, 160..200, 225..275);

    let cut_band = mean_lab(prepared.figure(), &prepared, band_x.clone(), band_y.clone());
    let cut_paper = mean_lab(prepared.figure(), &prepared, band_x.clone(), paper_y.clone());
    let layers = default_style_scene(&prepared);
    let styled_band = mean_lab(&layers.figure, &prepared, band_x.clone(), band_y.clone());
    let styled_paper = mean_lab(&layers.figure, &prepared, band_x.clone(), paper_y);
    // And as drawn into the scene's still, and into a frame of a real clip of the scene, where
    // the figure covers the background.
    let area = prepared.source_box();
    let pad = FIGURE_PADDING as u32;
    let band: Vec<(u32, u32)> = band_y
        .clone()
        .flat_map(|y| band_x.clone().map(move |x| (x - area.x + pad, y - area.y + pad)))
        .collect();
    let in_still = mean_lab_in_frame(&layers.composite(0.0), &layers.figure, &layers.start, &band);
    let dir = tempfile::tempdir().expect("temp dir");
    let (frame, placement) = clip_frame(&layers, dir.path());
    let in_video = mean_lab_in_frame(&frame, &layers.figure, &placement, &band);

    let describe = |lab: Lab| format!("L {:.1} C {:.1} h {:.1}°", lab.l, lab.chroma(), lab.hue());
    println!("white-balanced crayon yellow: {}", describe(truth));
    println!("cut-out band: {}; paper: {}", describe(cut_band), describe(cut_paper));
    println!("styled band: {}; paper: {}", describe(styled_band), describe(styled_paper));
    println!("band in the scene's still: {}; in the video: {}", describe(in_still), describe(in_video));
    for (what, lab) in [
        ("cut-out", cut_band),
        ("styled figure", styled_band),
        ("scene's still", in_still),
        ("video", in_video),
    ] {
        assert!(
            hue_distance(lab.hue(), truth.hue()) <= 10.0,
            "{what}: the yellow turned to hue {:.1}° (white-balanced {:.1}°)",
            lab.hue(),
            truth.hue()
        );
        assert!(
            lab.chroma() >= 0.8 * truth.chroma(),
            "{what}: the yellow washed out to chroma {:.1} (white-balanced {:.1})",
            lab.chroma(),
            truth.chroma()
        );
    }
    for (what, lab) in [("cut-out", cut_paper), ("styled figure", styled_paper)] {
        assert!(
            lab.l >= 96.0 && lab.chroma() <= 6.0,
            "{what}: the grey paper is not white: {}",
            describe(lab)
        );
    }
}

/// One colour region of a figure: the pixels of one hue family, each well inside it (its
/// neighbours within `INSET` pixels are of the same family), so resampling, chroma subsampling
/// and soft edges don't mix other colours in.
struct Region {
    /// The family's hue, the peak of the figure's hue histogram, in degrees.
    peak: f64,
    pixels: Vec<(u32, u32)>,
}

/// How far inside its region a pixel must be to be measured.
const INSET: i64 = 1;

/// The main colour regions of `figure` (a cut-out, straight alpha). Its clearly coloured, opaque
/// pixels are grouped by hue around the peaks of their hue histogram (10° bins, smoothed; a peak
/// holds at least 5% of them): a pixel joins the nearest peak within 35°. A region is the
/// pixels of a group that lie [`INSET`] inside it, kept when it has at least 100 of them and
/// a twentieth of all such pixels.
fn colour_regions(figure: &RgbaImage) -> Vec<Region> {
    let (width, height) = figure.dimensions();
    let hue_at: Vec<Option<f64>> = figure
        .pixels()
        .map(|p| {
            let lab = srgb8_to_lab([p[0], p[1], p[2]]);
            (p[3] == 255 && lab.chroma() >= COLOURED).then(|| lab.hue())
        })
        .collect();
    let coloured = hue_at.iter().flatten().count();
    if coloured == 0 {
        return Vec::new();
    }
    let mut histogram = [0usize; 36];
    for hue in hue_at.iter().flatten() {
        histogram[(*hue / 10.0) as usize % 36] += 1;
    }
    let smooth: Vec<usize> =
        (0..36).map(|i| histogram[(i + 35) % 36] + 2 * histogram[i] + histogram[(i + 1) % 36]).collect();
    let peaks: Vec<f64> = (0..36)
        .filter(|&i| smooth[i] >= smooth[(i + 35) % 36] && smooth[i] > smooth[(i + 1) % 36])
        .filter(|&i| smooth[i] >= coloured / 5)
        .map(|i| i as f64 * 10.0 + 5.0)
        .collect();
    let family = |index: usize| -> Option<usize> {
        let hue = hue_at[index]?;
        let (nearest, distance) = peaks
            .iter()
            .enumerate()
            .map(|(k, peak)| (k, hue_distance(hue, *peak)))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        (distance <= 35.0).then_some(nearest)
    };
    let families: Vec<Option<usize>> = (0..hue_at.len()).map(family).collect();
    let mut regions: Vec<Region> = peaks.iter().map(|&peak| Region { peak, pixels: Vec::new() }).collect();
    for y in INSET..i64::from(height) - INSET {
        for x in INSET..i64::from(width) - INSET {
            let at = |x: i64, y: i64| families[(y * i64::from(width) + x) as usize];
            let Some(own) = at(x, y) else { continue };
            let inside =
                (-INSET..=INSET).all(|dy| (-INSET..=INSET).all(|dx| at(x + dx, y + dy) == Some(own)));
            if inside {
                regions[own].pixels.push((x as u32, y as u32));
            }
        }
    }
    let measured: usize = regions.iter().map(|r| r.pixels.len()).sum();
    regions.retain(|r| r.pixels.len() >= 100 && r.pixels.len() * 20 >= measured);
    regions
}

/// Mean CIELAB of `image` at `pixels`.
fn mean_lab_at(image: &RgbaImage, pixels: &[(u32, u32)]) -> Lab {
    let mut sum = [0.0f64; 3];
    for &(x, y) in pixels {
        let p = image.get_pixel(x, y);
        let lab = srgb8_to_lab([p[0], p[1], p[2]]);
        sum = [sum[0] + lab.l, sum[1] + lab.a, sum[2] + lab.b];
    }
    let count = pixels.len().max(1) as f64;
    Lab { l: sum[0] / count, a: sum[1] / count, b: sum[2] / count }
}

/// The frame of the clip that is decoded and measured (0.4 s in).
const FRAME_INDEX: usize = 10;

/// A silent clip of the scene exactly as the video shows it (the background's slow zoom, the
/// figure drifting from its start to its end placement, bobbing and swaying), frame
/// [`FRAME_INDEX`] of it decoded by ffmpeg (RGBA), and where the figure was drawn in that frame.
fn clip_frame(layers: &SceneLayers, dir: &std::path::Path) -> (RgbaImage, Placement) {
    let narration =
        av::SceneNarration { wav: dir.join("silence.wav"), duration_sec: 1.0, sentences: Vec::new() };
    let out = dir.join("scene.mp4");
    let spec = av::ClipSpec {
        layers,
        narration: &narration,
        out: &out,
        encoder_threads: 0,
        previous: None,
        next_fades_in: false,
        drawn_lines: None,
        with_sound: false,
    };
    av::render_clip(&spec, &AtomicBool::new(false), &mut |_| {})
        .unwrap_or_else(|error| panic!("the clip is made (needs ffmpeg): {error}: {}", error.detail()));
    let placement = av::frames::FrameMaker::new(layers, spec.frame_count())
        .expect("the layers make frames")
        .motion(FRAME_INDEX)
        .figure;
    let ffmpeg = av::ffmpeg_path().expect("ffmpeg (sudo apt install ffmpeg)");
    let decoded = std::process::Command::new(ffmpeg)
        .args(["-v", "error", "-i"])
        .arg(&out)
        .args(["-vf", &format!("select=eq(n\\,{FRAME_INDEX})"), "-frames:v", "1"])
        .args(["-f", "rawvideo", "-pix_fmt", "rgba", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(decoded.status.success(), "{}", String::from_utf8_lossy(&decoded.stderr));
    (RgbaImage::from_raw(1280, 720, decoded.stdout).expect("a 1280x720 frame"), placement)
}

/// Mean CIELAB of `frame` where `pixels` of `figure` land when it is drawn at `placement`
/// (bilinear between the four frame pixels around each).
fn mean_lab_in_frame(
    frame: &RgbaImage,
    figure: &RgbaImage,
    placement: &Placement,
    pixels: &[(u32, u32)],
) -> Lab {
    let mut sum = [0.0f64; 3];
    let mut count = 0.0;
    for &(x, y) in pixels {
        let (fx, fy) = in_frame(figure, placement, x as f32, y as f32);
        let (x0, y0) = ((fx - 0.5).floor(), (fy - 0.5).floor());
        let (tx, ty) = (fx - 0.5 - x0, fy - 0.5 - y0);
        if x0 < 0.0 || y0 < 0.0 || x0 + 1.0 >= 1280.0 || y0 + 1.0 >= 720.0 {
            continue;
        }
        let mut rgb = [0.0f64; 3];
        for (dx, dy, weight) in [
            (0, 0, (1.0 - tx) * (1.0 - ty)),
            (1, 0, tx * (1.0 - ty)),
            (0, 1, (1.0 - tx) * ty),
            (1, 1, tx * ty),
        ] {
            let p = frame.get_pixel(x0 as u32 + dx, y0 as u32 + dy);
            for c in 0..3 {
                rgb[c] += f64::from(p[c]) / 255.0 * f64::from(weight);
            }
        }
        let lab = srgb_to_lab(rgb);
        sum = [sum[0] + lab.l, sum[1] + lab.a, sum[2] + lab.b];
        count += 1.0;
    }
    let count = f64::max(count, 1.0);
    Lab { l: sum[0] / count, a: sum[1] / count, b: sum[2] / count }
}

#[test]
fn the_default_style_keeps_each_colour_region_in_its_hue_in_the_scene_and_the_video() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for name in FIXTURES {
        let (drawing, mask) = drawing_and_mask(name);
        let prepared = render::prepare_figure(&drawing, &mask).expect("the figure is cut out");
        let regions = colour_regions(prepared.figure());
        if regions.is_empty() {
            println!("{name}: no clearly coloured region (grey pencil or black pen only)");
            continue;
        }
        let layers = default_style_scene(&prepared);
        assert_eq!(
            layers.figure.dimensions(),
            prepared.figure().dimensions(),
            "the style keeps the layer's size"
        );
        let (frame, placement) = clip_frame(&layers, dir.path());
        for region in &regions {
            let cut = mean_lab_at(prepared.figure(), &region.pixels);
            let styled = mean_lab_at(&layers.figure, &region.pixels);
            let video = mean_lab_in_frame(&frame, &layers.figure, &placement, &region.pixels);
            println!(
                "{name}: region near {:.0}° ({} px): cut-out h {:.1}° C {:.1}; styled h {:.1}° C {:.1}; \
                 video h {:.1}° C {:.1} (L {:.1}, styled L {:.1})",
                region.peak,
                region.pixels.len(),
                cut.hue(),
                cut.chroma(),
                styled.hue(),
                styled.chroma(),
                video.hue(),
                video.chroma(),
                video.l,
                styled.l
            );
            for (what, lab) in [("styled figure layer", styled), ("video frame", video)] {
                let turn = hue_distance(lab.hue(), cut.hue());
                if turn > MAX_HUE_TURN {
                    failures.push(format!(
                        "{name}: the {:.0}° region turns {turn:.1}° in the {what}",
                        region.peak
                    ));
                }
            }
            checked.push(name);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked.len() >= 4, "too few colour regions to check: {checked:?}");
}
