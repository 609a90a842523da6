//! The Recognize step: find the figure on the page (on this computer), ask the service or this
//! computer for the words the parent confirms, and let the parent fix the outline (a crop box,
//! or the whole page).

use std::path::PathBuf;

use image::{GrayImage, RgbaImage};
use model::{AnalysisSource, Answered, DrawingAnalysis, Engine, FigureBox, Rig};
use render::PreparedFigure;
use services_api::checks::check_facts;
use services_api::wire::DrawingFacts;

use super::Core;
use crate::api::Recognition;
use crate::engine::outline::{clamp_box, cut_figure, outline_within};
use crate::providers::ask;
use crate::{files, CoreError};

impl Core {
    /// Recognizes the run's drawing once; later calls return what is stored (with the parent's
    /// answers and crop).
    pub fn analyze_drawing(&self, run_id: &str) -> Result<Recognition, CoreError> {
        self.recognize_first(run_id, None)
    }

    fn recognize_first(&self, run_id: &str, prefer: Option<Engine>) -> Result<Recognition, CoreError> {
        let record = self.store.run(run_id)?;
        let mask_path = self.mask_path(run_id)?;
        if let Some(analysis) = record.analysis.clone().filter(|_| mask_path.is_file()) {
            let answered = self.answered_before(&analysis);
            return Ok(self.recognition(analysis, answered, &mask_path));
        }
        let drawing = self.load_drawing_image(&record.drawing_id)?;
        let found = self.auto_mask(run_id, &drawing)?;
        let (mut suggested, answered) =
            self.suggest_words(run_id, &drawing, found.analysis, Fresh::Yes, prefer)?;
        if let Some(answers) = record.analysis {
            keep_answers(&mut suggested, &answers);
        }
        files::write_atomic(&mask_path, &media::encode_mask_png(&found.mask))?;
        self.store_analysis(run_id, suggested, answered, &mask_path)
    }

    /// Asks `engine` for new words about the drawing (the parent's "ask the other"); the
    /// outline and crop stay as they are.
    pub fn recognize_with(&self, run_id: &str, engine: Engine) -> Result<Recognition, CoreError> {
        let record = self.store.run(run_id)?;
        let Some(analysis) = record.analysis else { return self.recognize_first(run_id, Some(engine)) };
        let drawing = self.load_drawing_image(&record.drawing_id)?;
        let (suggested, answered) =
            self.suggest_words(run_id, &drawing, analysis, Fresh::No, Some(engine))?;
        self.store_analysis(run_id, suggested, answered, &self.mask_path(run_id)?)
    }

    /// The words about the drawing from the service or this computer, over `analysis` (which
    /// keeps its outline, colours and crop). No store transaction is open while they are asked.
    fn suggest_words(
        &self,
        run_id: &str,
        drawing: &RgbaImage,
        mut analysis: DrawingAnalysis,
        fresh: Fresh,
        prefer: Option<Engine>,
    ) -> Result<(DrawingAnalysis, Answered), CoreError> {
        let analyzed = matches!(fresh, Fresh::Yes).then(|| DrawingFacts::from_analysis(&analysis));
        let asking = self.answerers.begin(run_id);
        let service = self.answerers.service();
        let (facts, answered) = ask(
            service.as_ref().map(|service| service.recognizer.as_ref()),
            self.answerers.local.recognizer.as_ref(),
            prefer,
            &asking.flag,
            |recognizer, cancel| match &analyzed {
                Some(analyzed) => recognizer.recognize_analyzed(drawing, analyzed, cancel),
                None => recognizer.recognize(drawing, cancel),
            },
            check_facts,
        )?;
        facts.apply_to(&mut analysis);
        analysis.source = match answered.engine {
            Engine::Service => AnalysisSource::Service,
            Engine::OnDevice => AnalysisSource::OnDevice,
        };
        Ok((analysis, answered))
    }

    fn store_analysis(
        &self,
        run_id: &str,
        analysis: DrawingAnalysis,
        answered: Answered,
        mask_path: &std::path::Path,
    ) -> Result<Recognition, CoreError> {
        let stored = analysis.clone();
        self.store.update_run(
            run_id,
            Box::new(move |record| {
                record.analysis = Some(stored);
                Ok(())
            }),
        )?;
        Ok(self.recognition(analysis, answered, mask_path))
    }

    /// Who answered a recognition made earlier (its reason for falling back is not kept).
    fn answered_before(&self, analysis: &DrawingAnalysis) -> Answered {
        let engine = match analysis.source {
            AnalysisSource::Service => Engine::Service,
            AnalysisSource::OnDevice | AnalysisSource::Parent => Engine::OnDevice,
        };
        Answered { engine, fallback_reason: None, other_available: self.answerers.service().is_some() }
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
                let drawing = self.load_drawing_image(&record.drawing_id)?;
                let auto = self.auto_mask(run_id, &drawing)?.mask;
                let mask = outline_within(&auto, crop);
                analysis.whole_page = false;
                analysis.figure_box = media::mask_bounds(&mask).or(Some(crop));
                mask
            }
        };
        // The words that fit the shape follow the outline the parent chose; a whole page says
        // nothing of a shape, so the broad kinds stay.
        if crop.is_some() && analysis.source == AnalysisSource::OnDevice {
            analysis.subject_suggestions = media::subject_suggestions(&mask);
        }
        let mask_path = self.mask_path(run_id)?;
        files::write_atomic(&mask_path, &media::encode_mask_png(&mask))?;
        if analysis.source == AnalysisSource::OnDevice {
            analysis.source = AnalysisSource::Parent;
        }
        let answered = self.answered_before(&analysis);
        self.store_analysis(run_id, analysis, answered, &mask_path)
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

    /// The engine's own outline (kept apart from the parent's fixes so a new box starts from
    /// it), made on this computer whoever suggests the words.
    fn auto_mask(&self, run_id: &str, drawing: &RgbaImage) -> Result<media::FigureAnalysis, CoreError> {
        let found = media::analyze(drawing);
        let auto_path = self.run_dir(run_id)?.join("mask-auto.png");
        files::write_atomic(&auto_path, &media::encode_mask_png(&found.mask))?;
        Ok(found)
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

    fn recognition(
        &self,
        analysis: DrawingAnalysis,
        answered: Answered,
        mask_path: &std::path::Path,
    ) -> Recognition {
        Recognition {
            found: !analysis.whole_page && analysis.figure_box.is_some(),
            analysis,
            answered,
            mask_path: mask_path.to_string_lossy().into_owned(),
        }
    }
}

/// Whether an analysis was just made from the drawing on this computer (so the on-device
/// recognizer need not analyze it again) or was read back from the store.
enum Fresh {
    Yes,
    No,
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

impl Core {
    /// The figure as every picture of the story starts from it, before any style: cut out of the
    /// drawing along the outline `analysis` found (the whole page when that can't be cut out),
    /// white-balanced by its paper, with its feathered edge, and put back where it was on the
    /// page. An RGBA picture of the drawing's upright size (that of `analysis.upright_mask`, so
    /// the two lie on each other): fully transparent but for the figure, whose colours are those
    /// of the cut-out the pictures use (resampled to the upright size when the app keeps a
    /// smaller copy of the drawing, or shrank the cut-out).
    pub fn figure_cut_out(&self, analysis: &FileAnalysis) -> Result<RgbaImage, CoreError> {
        let prepared = self.prepared_figure(analysis)?;
        let (width, height) = analysis.upright_mask.dimensions();
        prepared.figure_on_page(width, height).ok_or_else(|| CoreError::Refused {
            code: "empty_drawing",
            message: "The drawing is empty, so there is no figure to cut out.".into(),
        })
    }

    /// The skeleton the figure moves by in the video, in the pixels of the drawing's upright
    /// size (those of `analysis.upright_mask`); `None` when the figure is too small or thin to
    /// rig, and then moves as a whole.
    pub fn figure_rig(&self, analysis: &FileAnalysis) -> Result<Option<Rig>, CoreError> {
        let prepared = self.prepared_figure(analysis)?;
        let Some(mut rig) = prepared.page_rig() else {
            return Ok(None);
        };
        let (page_w, page_h) = prepared.page_size();
        let (width, height) = analysis.upright_mask.dimensions();
        let (sx, sy) = (width as f32 / page_w.max(1) as f32, height as f32 / page_h.max(1) as f32);
        for joint in &mut rig.joints {
            (joint.x, joint.y) = (joint.x * sx, joint.y * sy);
        }
        Ok(Some(rig))
    }

    /// The figure cut out as the pictures use it, with its skeleton.
    pub fn prepared_figure(&self, analysis: &FileAnalysis) -> Result<PreparedFigure, CoreError> {
        let drawing = self.load_drawing_image(&analysis.drawing.id)?;
        cut_figure(&drawing, &analysis.found.mask)
            .map_err(|error| CoreError::Refused { code: error.code(), message: error.to_string() })
    }
}

/// The original's size once turned upright, as measured at ingest.
fn upright_size(drawing: &model::Drawing) -> (u32, u32) {
    (drawing.source_width, drawing.source_height)
}
