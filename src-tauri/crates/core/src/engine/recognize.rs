//! The Recognize step: find the figure on the page, suggest what the parent confirms, and let
//! the parent fix the outline (a crop box, or the whole page).

use std::path::PathBuf;

use image::{GrayImage, RgbaImage};
use model::{AnalysisSource, DrawingAnalysis, FigureBox};

use crate::api::Recognition;
use crate::app::Core;
use crate::{files, CoreError};

/// A parent's box keeps the found outline inside it unless the outline barely reaches into it.
const MIN_OUTLINE_SHARE_OF_BOX: f64 = 0.02;

impl Core {
    /// Recognizes the run's drawing once; later calls return what is stored (with the parent's
    /// answers and crop).
    pub fn analyze_drawing(&self, run_id: &str) -> Result<Recognition, CoreError> {
        let record = self.store.run(run_id)?;
        let mask_path = self.mask_path(run_id)?;
        if let Some(analysis) = record.analysis.clone().filter(|_| mask_path.is_file()) {
            return Ok(self.recognition(analysis, &mask_path));
        }
        let (_, found) = self.auto_mask(run_id)?;
        let mut suggested = found.analysis;
        if let Some(answers) = record.analysis {
            keep_answers(&mut suggested, &answers);
        }
        files::write_atomic(&mask_path, &media::encode_mask_png(&found.mask))?;
        let analysis = suggested;
        let stored = analysis.clone();
        self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.analysis = Some(stored);
                Ok(())
            }),
        )?;
        Ok(self.recognition(analysis, &mask_path))
    }

    /// The parent's fix: `None` uses the whole page, a box keeps the outline inside it.
    pub fn set_figure_crop(&self, run_id: &str, crop: Option<FigureBox>) -> Result<Recognition, CoreError> {
        let record = self.store.run(run_id)?;
        let drawing = self.store.drawing(&record.drawing_id)?;
        let (width, height) = (drawing.width, drawing.height);
        let mut analysis = match record.analysis {
            Some(analysis) => analysis,
            None => self.analyze_drawing(run_id)?.analysis,
        };
        let mask = match crop {
            None => {
                analysis.whole_page = true;
                analysis.figure_box = None;
                media::mask_for_box(width, height, media::whole_page(width, height))
            }
            Some(requested) => {
                let crop = clamp_box(requested, width, height).ok_or_else(|| CoreError::Refused {
                    code: "crop_too_small",
                    message: "That box is too small; draw it around the whole figure.".into(),
                })?;
                let (auto, _) = self.auto_mask(run_id)?;
                let mask = outline_within(&auto, crop);
                analysis.whole_page = false;
                analysis.figure_box = media::mask_bounds(&mask).or(Some(crop));
                mask
            }
        };
        let mask_path = self.mask_path(run_id)?;
        files::write_atomic(&mask_path, &media::encode_mask_png(&mask))?;
        if analysis.source == AnalysisSource::OnDevice {
            analysis.source = AnalysisSource::Parent;
        }
        let stored = analysis.clone();
        self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.analysis = Some(stored);
                Ok(())
            }),
        )?;
        Ok(self.recognition(analysis, &mask_path))
    }

    /// The run's figure mask, made by recognition if it is not there yet.
    pub(crate) fn figure_mask(&self, run_id: &str, drawing: &RgbaImage) -> Result<GrayImage, CoreError> {
        let path = self.mask_path(run_id)?;
        if let Ok(mask) = image::open(&path) {
            let mask = mask.into_luma8();
            if mask.dimensions() == drawing.dimensions() {
                return Ok(mask);
            }
        }
        self.analyze_drawing(run_id)?;
        Ok(image::open(&path)
            .map_err(|_| CoreError::Corrupt { what: "the figure outline".into() })?
            .into_luma8())
    }

    /// The engine's own outline (kept apart from the parent's fixes so a new box starts from it).
    fn auto_mask(&self, run_id: &str) -> Result<(GrayImage, media::FigureAnalysis), CoreError> {
        let record = self.store.run(run_id)?;
        let drawing = self.load_drawing_image(&record.drawing_id)?;
        let found = media::analyze(&drawing);
        let auto_path = self.run_dir(run_id)?.join("mask-auto.png");
        files::write_atomic(&auto_path, &media::encode_mask_png(&found.mask))?;
        Ok((found.mask.clone(), found))
    }

    pub(crate) fn load_drawing_image(&self, drawing_id: &str) -> Result<RgbaImage, CoreError> {
        let drawing = self.store.drawing(drawing_id)?;
        let path = self.data.absolute(&drawing.normalized_path)?;
        Ok(image::open(&path)
            .map_err(|_| CoreError::Refused {
                code: "drawing_missing",
                message:
                    "The app's copy of this drawing is missing or damaged; please add the drawing again."
                        .into(),
            })?
            .into_rgba8())
    }

    fn mask_path(&self, run_id: &str) -> Result<PathBuf, CoreError> {
        Ok(self.run_dir(run_id)?.join("mask.png"))
    }

    fn recognition(&self, analysis: DrawingAnalysis, mask_path: &std::path::Path) -> Recognition {
        Recognition {
            found: !analysis.whole_page && analysis.figure_box.is_some(),
            analysis,
            mask_path: mask_path.to_string_lossy().into_owned(),
        }
    }
}

/// Keeps what the parent already answered over fresh suggestions.
fn keep_answers(suggested: &mut DrawingAnalysis, answers: &DrawingAnalysis) {
    for (field, answer) in [
        (&mut suggested.subject, &answers.subject),
        (&mut suggested.setting, &answers.setting),
        (&mut suggested.mood, &answers.mood),
    ] {
        if !answer.trim().is_empty() {
            *field = answer.clone();
        }
    }
}

fn clamp_box(requested: FigureBox, width: u32, height: u32) -> Option<FigureBox> {
    let x = requested.x.min(width.saturating_sub(1));
    let y = requested.y.min(height.saturating_sub(1));
    let clamped =
        FigureBox { x, y, width: requested.width.min(width - x), height: requested.height.min(height - y) };
    (clamped.width >= 8 && clamped.height >= 8).then_some(clamped)
}

/// The found outline cut to the box, or the whole box when the outline is (nearly) not in it.
fn outline_within(auto: &GrayImage, crop: FigureBox) -> GrayImage {
    let mut mask = GrayImage::new(auto.width(), auto.height());
    let mut inside = 0u64;
    for y in crop.y..crop.y + crop.height {
        for x in crop.x..crop.x + crop.width {
            if auto.get_pixel(x, y)[0] > 127 {
                mask.put_pixel(x, y, image::Luma([255]));
                inside += 1;
            }
        }
    }
    let area = f64::from(crop.width) * f64::from(crop.height);
    if (inside as f64) < area * MIN_OUTLINE_SHARE_OF_BOX {
        return media::mask_for_box(auto.width(), auto.height(), crop);
    }
    mask
}

/// A drawing analyzed outside any run (the CLI's `analyze`).
pub struct FileAnalysis {
    pub drawing: model::Drawing,
    pub found: media::FigureAnalysis,
    /// The mask scaled to the drawing's upright size before downscaling.
    pub upright_mask: GrayImage,
}

impl Core {
    /// Stores the drawing (like ingest) and recognizes it, without starting a run.
    pub fn analyze_file(&self, path: &std::path::Path) -> Result<FileAnalysis, CoreError> {
        let ingested = self.ingest_file(path)?;
        let drawing = self.load_drawing_image(&ingested.drawing.id)?;
        let found = media::analyze(&drawing);
        let (width, height) = upright_size(&ingested.drawing);
        let upright_mask = if (width, height) == found.mask.dimensions() {
            found.mask.clone()
        } else {
            let scaled =
                image::imageops::resize(&found.mask, width, height, image::imageops::FilterType::Triangle);
            GrayImage::from_fn(width, height, |x, y| {
                image::Luma([if scaled.get_pixel(x, y)[0] >= 128 { 255 } else { 0 }])
            })
        };
        Ok(FileAnalysis { drawing: ingested.drawing, found, upright_mask })
    }
}

/// The original's size once turned upright, as measured at ingest.
fn upright_size(drawing: &model::Drawing) -> (u32, u32) {
    (drawing.source_width, drawing.source_height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_keeps_the_outline_inside_it_or_falls_back_to_the_box() {
        let mut auto = GrayImage::new(100, 100);
        for y in 10..30 {
            for x in 10..30 {
                auto.put_pixel(x, y, image::Luma([255]));
            }
        }
        let cut = outline_within(&auto, FigureBox { x: 0, y: 0, width: 20, height: 100 });
        assert_eq!(cut.get_pixel(15, 15)[0], 255);
        assert_eq!(cut.get_pixel(25, 15)[0], 0, "outline outside the box is dropped");
        let empty = outline_within(&auto, FigureBox { x: 50, y: 50, width: 40, height: 40 });
        assert_eq!(empty.get_pixel(60, 60)[0], 255, "no outline in the box: the box itself is the figure");
    }

    #[test]
    fn boxes_are_clamped_to_the_picture_and_tiny_ones_refused() {
        let clamped = clamp_box(FigureBox { x: 90, y: 90, width: 50, height: 50 }, 100, 100);
        assert_eq!(clamped, Some(FigureBox { x: 90, y: 90, width: 10, height: 10 }));
        assert_eq!(clamp_box(FigureBox { x: 0, y: 0, width: 3, height: 50 }, 100, 100), None);
    }
}
