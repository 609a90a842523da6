//! The Preview step's render as the window and the CLI ask for it: one render per run at a
//! time, with the run's inputs read from the store and the result presented with absolute paths.
//! The pipeline itself (`engine::pipeline`) gets only what it needs and never sees `Core`.

use model::Run;

use super::Core;
use crate::api::RenderProgress;
use crate::engine::pipeline::{self, RenderInputs};
use crate::engine::StageTimings;
use crate::{files, CoreError};

#[derive(Debug, Clone)]
pub struct RenderReport {
    pub run: Run,
    pub timings: StageTimings,
    /// Scenes whose picture, voice and clip were all reused from an earlier render (counting
    /// those whose clip only had its opening crossfade renewed).
    pub reused_scenes: usize,
    /// Clips whose opening crossfade was made again because the scene before them changed,
    /// with the rest of the clip copied.
    pub renewed_crossfades: usize,
}

impl Core {
    /// Makes (or brings up to date) the run's video. Returns the run with its media.
    pub fn render_video(
        &self,
        run_id: &str,
        progress: &mut dyn FnMut(RenderProgress),
    ) -> Result<Run, CoreError> {
        self.render_video_report(run_id, progress).map(|report| report.run)
    }

    /// Makes the run's video and files it in the library, so a finished storybook is never
    /// left outside it (the parent can still delete it). A story made again after an edit
    /// replaces its earlier video in the library. Returns the run with its media and entry.
    pub fn make_storybook(
        &self,
        run_id: &str,
        progress: &mut dyn FnMut(RenderProgress),
    ) -> Result<Run, CoreError> {
        let run = self.render_video(run_id, progress)?;
        if let Some(entry_id) = run.library_entry_id.as_deref() {
            if let Ok(entry) = self.store.library_entry(entry_id) {
                let made = run.media.video_path.as_deref().map(std::path::Path::new);
                let filed = self.data.absolute(&entry.video_path)?;
                if !made.is_some_and(|made| files::same_contents(made, &filed)) {
                    tracing::info!(run = run_id, "the story was made again; its library video is replaced");
                    self.delete_library_entry(entry_id)?;
                }
            }
        }
        self.save_to_library(run_id)?;
        self.run(run_id)
    }

    /// Stops the run's render if one is going; the next render resumes from the checkpoint.
    pub fn cancel_render(&self, run_id: &str) -> bool {
        self.renders.cancel(run_id)
    }

    pub fn render_video_report(
        &self,
        run_id: &str,
        progress: &mut dyn FnMut(RenderProgress),
    ) -> Result<RenderReport, CoreError> {
        // The run must exist before its folder is made; it is read again once it is ours.
        self.store.run(run_id)?;
        let run_dir = self.run_dir(run_id)?;
        let guard = self.renders.start(run_id, &run_dir)?;
        let record = self.store.run(run_id)?;
        let script =
            record.script.clone().ok_or_else(|| CoreError::NotReady("write the story first.".into()))?;
        script.validate_for_render()?;
        let customization = record
            .customization
            .clone()
            .ok_or_else(|| CoreError::NotReady("choose a theme, style and narrator first.".into()))?;
        let drawing = self.load_drawing_image(&record.drawing_id)?;
        let mask = self.figure_mask(run_id, &drawing)?;
        let rendered = pipeline::render(RenderInputs {
            data: &self.data,
            store: &self.store,
            narrator: self.answerers.local.narrator.as_ref(),
            run_id: run_id.to_string(),
            run_dir,
            drawing,
            mask,
            analysis: record.analysis.clone().unwrap_or_default(),
            customization,
            seed: record.story_seed,
            script,
            checkpoint: record.checkpoint,
            cancel: &guard.flag,
            progress,
        })?;
        Ok(RenderReport {
            run: self.present_run_record(rendered.record)?,
            timings: rendered.timings,
            reused_scenes: rendered.reused_scenes,
            renewed_crossfades: rendered.renewed_crossfades,
        })
    }
}
