//! One call from a drawing to everything recognition suggests: the figure's mask and box, its
//! ink colours, and the mood, setting and subject guesses the parent starts from.

use image::{GrayImage, RgbaImage};
use model::{AnalysisSource, DrawingAnalysis};

use crate::figure::{self, Mask, Segmentation};
use crate::mask::{mask_bounds, mask_for_box, whole_page};
use crate::{mood, palette, subject};

/// What the on-device engine finds in a drawing.
#[derive(Debug, Clone)]
pub struct FigureAnalysis {
    /// Same size as the analyzed image, 255 = figure.
    pub mask: GrayImage,
    /// Subject left empty with suggestions; setting and mood suggested; colours; figure box.
    pub analysis: DrawingAnalysis,
    /// False when no clear figure was found and the whole page is used.
    pub found: bool,
}

/// Relative darkness above which a pixel inside the figure is certainly ink.
const INK_DARKNESS: f32 = 0.15;
/// Chroma (max - min channel) this far above the paper's is coloured ink or crayon fill.
const INK_EXTRA_CHROMA: i16 = 40;
/// Darker than this share of the paper's darkest channel is ink even inside wide filled areas.
const INK_DARK_SHARE: f32 = 0.45;

/// Finds the figure on the page and reads its ink.
pub fn analyze(image: &RgbaImage) -> FigureAnalysis {
    let (width, height) = image.dimensions();
    if width == 0 || height == 0 {
        return FigureAnalysis {
            mask: GrayImage::new(width, height),
            analysis: describe(&[], None, subject::suggestions_for_figure(None), false),
            found: false,
        };
    }
    let segmentation = figure::segment(image);
    let found = segmentation.figure.is_some();
    let (mask, figure_box) = match &segmentation.figure {
        Some(figure) => {
            let mask = figure::mask_to_size(figure, width, height);
            let figure_box = mask_bounds(&mask);
            (mask, figure_box)
        }
        None => (mask_for_box(width, height, whole_page(width, height)), None),
    };
    let region = match &segmentation.figure {
        Some(figure) => figure.clone(),
        None => Mask::filled(segmentation.work.width() as usize, segmentation.work.height() as usize, true),
    };
    let colors = palette::ink_palette(&ink_pixels(&segmentation, &region));
    tracing::debug!(found, ?figure_box, colors = colors.len(), "analyzed a drawing");
    let subjects = subject::suggestions_for_figure(
        segmentation.figure.as_ref().map(|figure| (figure, &segmentation.ink)),
    );
    let analysis = describe(&colors, figure_box, subjects, found);
    FigureAnalysis { mask, analysis, found }
}

fn describe(
    colors: &[model::PaletteColor],
    figure_box: Option<model::FigureBox>,
    subject_suggestions: Vec<String>,
    found: bool,
) -> DrawingAnalysis {
    let mood = mood::suggest_mood(colors);
    let setting = mood::suggest_setting(colors);
    DrawingAnalysis {
        subject: String::new(),
        setting: setting.choice,
        mood: mood.choice,
        subject_suggestions,
        setting_suggestions: setting.options,
        mood_suggestions: mood.options,
        colors: colors.to_vec(),
        figure_box: if found { figure_box } else { None },
        whole_page: !found,
        source: AnalysisSource::OnDevice,
    }
}

/// The colours of the ink inside `region` (working size), never the paper: dark strokes,
/// plus colourful or very dark fills that are wider than a stroke.
fn ink_pixels(segmentation: &Segmentation, region: &Mask) -> Vec<[u8; 3]> {
    let work = &segmentation.work;
    let paper = paper_colour(work, segmentation.figure.as_ref());
    let paper_chroma = chroma(paper);
    let paper_darkest = f32::from(paper.iter().copied().min().unwrap_or(255));
    let mut strokes: Vec<(f32, [u8; 3])> = Vec::new();
    let mut fills = Vec::new();
    for (index, pixel) in work.pixels().enumerate() {
        let [r, g, b, a] = pixel.0;
        if a < 128 || !region.data[index] {
            continue;
        }
        let rgb = [r, g, b];
        let darkness = segmentation.darkness.data[index];
        if chroma(rgb) - paper_chroma >= INK_EXTRA_CHROMA
            || f32::from(r.min(g).min(b)) < paper_darkest * INK_DARK_SHARE
        {
            fills.push(rgb);
        } else if segmentation.ink.data[index] && darkness >= INK_DARKNESS {
            strokes.push((darkness, rgb));
        }
    }
    // A stroke's soft edges are part paper; its darker half carries the ink's real colour.
    let mut darkness: Vec<f32> = strokes.iter().map(|(d, _)| *d).collect();
    let core = if darkness.is_empty() {
        INK_DARKNESS
    } else {
        let middle = darkness.len() / 2;
        *darkness.select_nth_unstable_by(middle, f32::total_cmp).1
    };
    fills.extend(strokes.iter().filter(|(d, _)| *d >= core).map(|(_, rgb)| *rgb));
    fills
}

fn chroma(rgb: [u8; 3]) -> i16 {
    let max = rgb.iter().copied().max().unwrap_or(0);
    let min = rgb.iter().copied().min().unwrap_or(0);
    i16::from(max) - i16::from(min)
}

/// The paper's typical colour: the per-channel median of the opaque pixels outside the figure.
fn paper_colour(work: &RgbaImage, figure: Option<&Mask>) -> [u8; 3] {
    let mut histograms = [[0usize; 256]; 3];
    let mut total = 0usize;
    for (index, pixel) in work.pixels().enumerate() {
        if pixel.0[3] < 128 || figure.is_some_and(|f| f.data[index]) {
            continue;
        }
        for c in 0..3 {
            histograms[c][usize::from(pixel.0[c])] += 1;
        }
        total += 1;
    }
    if total == 0 {
        return [255, 255, 255];
    }
    histograms.map(|histogram| {
        let mut seen = 0;
        let half = total.div_ceil(2);
        histogram
            .iter()
            .position(|&count| {
                seen += count;
                seen >= half
            })
            .map_or(255, |value| value as u8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    const PAPER: Rgba<u8> = Rgba([250, 248, 240, 255]);
    const PURPLE: Rgba<u8> = Rgba([120, 50, 180, 255]);

    /// A white page with a stick figure: a round head outline over a line body and arms, each
    /// part in its own ink.
    fn figure_in_inks(head_ink: Rgba<u8>, body_ink: Rgba<u8>, arms_ink: Rgba<u8>) -> RgbaImage {
        RgbaImage::from_fn(600, 400, |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            let head = ((fx - 300.0).powi(2) + (fy - 120.0).powi(2)).sqrt();
            let on_head = (head - 50.0).abs() <= 4.0;
            let on_body = (fx - 300.0).abs() <= 4.0 && (170.0..300.0).contains(&fy);
            let on_arms = (fy - 220.0).abs() <= 4.0 && (220.0..380.0).contains(&fx);
            if on_head {
                head_ink
            } else if on_arms {
                arms_ink
            } else if on_body {
                body_ink
            } else {
                PAPER
            }
        })
    }

    fn purple_figure_on_white() -> RgbaImage {
        figure_in_inks(PURPLE, PURPLE, PURPLE)
    }

    fn names(result: &FigureAnalysis) -> Vec<&str> {
        result.analysis.colors.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn the_palette_reads_the_purple_ink_not_the_white_page() {
        let result = analyze(&purple_figure_on_white());
        assert!(result.found);
        let colors = &result.analysis.colors;
        assert!(!colors.is_empty());
        assert_eq!(colors[0].name, "purple", "{colors:?}");
        assert!(colors.iter().all(|c| c.name != "white"), "paper in the palette: {colors:?}");
        let purple_share: f32 = colors.iter().filter(|c| c.name == "purple").map(|c| c.share).sum();
        assert!(purple_share > 0.9, "{colors:?}");
    }

    #[test]
    fn the_figure_is_the_filled_outline_and_its_box() {
        let result = analyze(&purple_figure_on_white());
        assert_eq!(result.mask.dimensions(), (600, 400));
        assert_eq!(result.mask.get_pixel(300, 120).0[0], 255, "inside the head is figure");
        assert_eq!(result.mask.get_pixel(50, 350).0[0], 0, "the page corner is paper");
        let figure_box = result.analysis.figure_box.expect("a box");
        assert!(figure_box.x <= 220 && figure_box.x + figure_box.width >= 380, "{figure_box:?}");
        assert!(figure_box.y <= 70 && figure_box.y + figure_box.height >= 300, "{figure_box:?}");
        assert!(figure_box.width < 200 && figure_box.height < 260, "the box hugs the figure: {figure_box:?}");
        assert!(!result.analysis.whole_page);
        assert!(result.analysis.subject.is_empty());
    }

    #[test]
    fn three_close_pinks_are_one_pink() {
        let pinks = [Rgba([230, 110, 160, 255]), Rgba([222, 100, 152, 255]), Rgba([236, 122, 170, 255])];
        let result = analyze(&figure_in_inks(pinks[0], pinks[1], pinks[2]));
        assert_eq!(names(&result), ["pink"], "{:?}", result.analysis.colors);
        assert!((result.analysis.colors[0].share - 1.0).abs() < 1e-3, "{:?}", result.analysis.colors);
    }

    #[test]
    fn two_clearly_different_pinks_are_told_apart_by_lightness() {
        let (light, dark) = (Rgba([250, 180, 210, 255]), Rgba([190, 50, 110, 255]));
        let result = analyze(&figure_in_inks(light, dark, dark));
        let colors = &result.analysis.colors;
        assert_eq!(colors.len(), 2, "{colors:?}");
        let lighter = colors
            .iter()
            .max_by_key(|c| palette::parse_hex(&c.hex).map(|rgb| rgb.map(u32::from).iter().sum::<u32>()));
        let darker = colors
            .iter()
            .min_by_key(|c| palette::parse_hex(&c.hex).map(|rgb| rgb.map(u32::from).iter().sum::<u32>()));
        let (lighter, darker) = (lighter.expect("a colour"), darker.expect("a colour"));
        assert_ne!(lighter.name, darker.name, "{colors:?}");
        assert!(["light pink", "pink"].contains(&lighter.name.as_str()), "{colors:?}");
        assert!(["pink", "dark pink"].contains(&darker.name.as_str()), "{colors:?}");
        assert!((colors.iter().map(|c| c.share).sum::<f32>() - 1.0).abs() < 1e-3, "{colors:?}");
    }

    #[test]
    fn a_blank_page_uses_the_whole_page() {
        let result = analyze(&RgbaImage::from_pixel(300, 200, PAPER));
        assert!(!result.found);
        assert!(result.mask.pixels().all(|p| p.0[0] == 255));
        assert_eq!(result.analysis.figure_box, None);
        assert!(result.analysis.whole_page);
        assert!(result.analysis.colors.is_empty());
        assert!(!result.analysis.mood.is_empty() && !result.analysis.setting.is_empty());
    }

    #[test]
    fn transparent_pixels_are_paper() {
        let mut image = purple_figure_on_white();
        for pixel in image.pixels_mut() {
            if *pixel == PAPER {
                // Transparent, with a dark colour underneath that must not count as ink.
                *pixel = Rgba([0, 0, 0, 0]);
            }
        }
        let result = analyze(&image);
        assert!(result.found);
        assert_eq!(result.mask.get_pixel(50, 350).0[0], 0);
        assert_eq!(result.analysis.colors[0].name, "purple");
    }

    #[test]
    fn an_empty_picture_does_not_panic() {
        let result = analyze(&RgbaImage::new(0, 0));
        assert!(!result.found);
        assert_eq!(result.mask.dimensions(), (0, 0));
    }
}
