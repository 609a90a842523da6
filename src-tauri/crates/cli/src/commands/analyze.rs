//! `nocomelon analyze`: what the on-device engine sees in a drawing, its figure mask, and the
//! figure as the story's pictures start from it.

use std::path::Path;

use image::{ImageBuffer, PixelWithColorType};
use nocomelon_core::Core;
use serde::Serialize;

use crate::output::{print_json, Failure};

#[derive(Serialize)]
struct AnalyzeReport<'a> {
    drawing_id: &'a str,
    width: u32,
    height: u32,
    found: bool,
    analysis: &'a model::DrawingAnalysis,
    mask_path: Option<String>,
    cutout_path: Option<String>,
    /// The skeleton the figure moves by, in the pixels of `width` x `height`: each joint with
    /// its position, parent and kind, and each limb with its kind (`null` when the figure is
    /// too small or thin to rig).
    rig: Option<&'a model::Rig>,
}

pub fn run(
    core: &Core,
    file: &Path,
    json: bool,
    mask_out: Option<&Path>,
    cutout_out: Option<&Path>,
) -> Result<(), Failure> {
    let result = core.analyze_file(file)?;
    if let Some(out) = mask_out {
        write_png(&result.upright_mask, out, "mask")?;
    }
    if let Some(out) = cutout_out {
        write_png(&core.figure_cut_out(&result)?, out, "cut-out")?;
    }
    let analysis = &result.found.analysis;
    let rig = core.figure_rig(&result)?;
    if json {
        print_json(&AnalyzeReport {
            drawing_id: &result.drawing.id,
            width: result.upright_mask.width(),
            height: result.upright_mask.height(),
            found: result.found.found,
            analysis,
            mask_path: mask_out.map(|p| p.display().to_string()),
            cutout_path: cutout_out.map(|p| p.display().to_string()),
            rig: rig.as_ref(),
        });
        return Ok(());
    }
    if result.found.found {
        if let Some(b) = analysis.figure_box {
            println!(
                "figure:   found, {} x {} at ({}, {}) in the {} x {} copy",
                b.width, b.height, b.x, b.y, result.drawing.width, result.drawing.height
            );
        }
    } else {
        println!("figure:   no clear outline; the whole page will be used");
    }
    println!("subject:  ask the parent (ideas: {})", analysis.subject_suggestions.join(", "));
    println!("setting:  {} (also: {})", analysis.setting, analysis.setting_suggestions.join(", "));
    println!("mood:     {} (also: {})", analysis.mood, analysis.mood_suggestions.join(", "));
    let colors: Vec<String> =
        analysis.colors.iter().map(|c| format!("{} {} {:.0}%", c.name, c.hex, c.share * 100.0)).collect();
    println!("colours:  {}", colors.join(", "));
    println!(
        "moves by: {}",
        rig.as_ref().map_or_else(|| "the whole figure (no limbs found)".into(), describe_rig)
    );
    if let Some(out) = mask_out {
        println!("mask:     {}", out.display());
    }
    if let Some(out) = cutout_out {
        println!("cut-out:  {}", out.display());
    }
    Ok(())
}

/// "a head, 2 arms, 2 legs and a tail".
fn describe_rig(rig: &model::Rig) -> String {
    use model::LimbKind;
    let mut parts = Vec::new();
    if rig.has_head() {
        parts.push("a head".to_owned());
    }
    for (kind, one, many) in [
        (LimbKind::Arm, "an arm", "arms"),
        (LimbKind::Leg, "a leg", "legs"),
        (LimbKind::Tail, "a tail", "tails"),
        (LimbKind::Other, "one other part", "other parts"),
    ] {
        match rig.count(kind) {
            0 => {}
            1 => parts.push(one.to_owned()),
            n => parts.push(format!("{n} {many}")),
        }
    }
    match parts.split_last() {
        None => "its body alone (it bounces and leans)".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Writes `image` as a PNG to `out`; `what` names it in the failure.
fn write_png<P>(image: &ImageBuffer<P, Vec<u8>>, out: &Path, what: &str) -> Result<(), Failure>
where
    P: PixelWithColorType<Subpixel = u8>,
{
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|error| Failure::new("io", format!("The {what} couldn't be encoded: {error}.")))?;
    std::fs::write(out, bytes).map_err(|error| {
        Failure::new("io", format!("The {what} couldn't be written to {}: {error}.", out.display()))
    })
}
