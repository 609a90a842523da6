//! `nocomelon analyze`: what the on-device engine sees in a drawing, and its figure mask.

use std::path::Path;

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
}

pub fn run(core: &Core, file: &Path, json: bool, mask_out: Option<&Path>) -> Result<(), Failure> {
    let result = core.analyze_file(file)?;
    if let Some(out) = mask_out {
        let png = media_png(&result.upright_mask)?;
        std::fs::write(out, png).map_err(|error| {
            Failure::new("io", format!("The mask couldn't be written to {}: {error}.", out.display()))
        })?;
    }
    let analysis = &result.found.analysis;
    if json {
        print_json(&AnalyzeReport {
            drawing_id: &result.drawing.id,
            width: result.upright_mask.width(),
            height: result.upright_mask.height(),
            found: result.found.found,
            analysis,
            mask_path: mask_out.map(|p| p.display().to_string()),
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
    if let Some(out) = mask_out {
        println!("mask:     {}", out.display());
    }
    Ok(())
}

fn media_png(mask: &image::GrayImage) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    mask.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|error| Failure::new("io", format!("The mask couldn't be encoded: {error}.")))?;
    Ok(bytes)
}
