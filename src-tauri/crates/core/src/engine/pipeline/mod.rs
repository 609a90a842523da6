//! images -> voice -> video for one run: progress for the window, a checkpoint after every scene,
//! cancel at any point, retry then a plain stand-in for a scene that fails, and reuse of every
//! scene whose inputs did not change.

mod clips;
mod scenes;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use image::{GrayImage, RgbaImage};
use model::{
    Customization, DrawingAnalysis, Motion, RunMedia, SceneAudio, SceneImage, ScenePlan, Stage, StoryScript,
};
use render::{PreparedFigure, SceneLayers, SceneSpec};

use super::checkpoint::{Checkpoint, VideoDone};
use super::{fingerprint, pool};
use crate::api::RenderProgress;
use crate::providers::NarratorSource;
use crate::store::RunRecord;
use crate::{CoreError, DataDir, Store};

/// Where each stage's share of the progress bar ends, in percent.
const IMAGES_END: f32 = 15.0;
const VOICE_END: f32 = 35.0;
const CLIPS_END: f32 = 90.0;

/// How long each stage took in one render (for the benchmark).
#[derive(Debug, Clone, Default)]
pub struct StageTimings {
    pub images: Duration,
    pub voice: Duration,
    pub clips: Duration,
    pub assemble: Duration,
}

/// What a render needs from the core, taken apart so the pipeline never reaches back into it.
pub(crate) struct RenderInputs<'a> {
    pub data: &'a DataDir,
    pub store: &'a Store,
    pub narrator: &'a dyn NarratorSource,
    pub run_id: String,
    pub run_dir: PathBuf,
    pub drawing: RgbaImage,
    pub mask: GrayImage,
    pub analysis: DrawingAnalysis,
    pub customization: Customization,
    pub seed: u64,
    pub script: StoryScript,
    pub checkpoint: serde_json::Value,
    pub cancel: &'a AtomicBool,
    pub progress: &'a mut dyn FnMut(RenderProgress),
}

/// A finished render: the run as stored (for the core to present) and how it went.
pub(crate) struct Rendered {
    pub record: RunRecord,
    pub timings: StageTimings,
    pub reused_scenes: usize,
    pub renewed_crossfades: usize,
}

/// Makes (or brings up to date) the run's video from `inputs`.
pub(crate) fn render(inputs: RenderInputs<'_>) -> Result<Rendered, CoreError> {
    let plans = plan_scenes(&inputs.script, &inputs.analysis, &inputs.customization);
    let job = Job {
        data: inputs.data,
        store: inputs.store,
        narrator: inputs.narrator,
        run_id: inputs.run_id,
        run_dir: inputs.run_dir,
        mask_key: fingerprint::of_bytes(inputs.mask.as_raw()),
        drawing: inputs.drawing,
        mask: inputs.mask,
        figure: None,
        analysis: inputs.analysis,
        customization: inputs.customization,
        seed: inputs.seed,
        script: inputs.script,
        plans,
        checkpoint: Checkpoint::from_value(&inputs.checkpoint),
        cancel: inputs.cancel,
        warnings: Vec::new(),
        layers: HashMap::new(),
        progress: inputs.progress,
        last_report: None,
        last_emitted: None,
    };
    job.run()
}

/// Reads every scene's words into the plan its picture is drawn from.
pub(crate) fn plan_scenes(
    script: &StoryScript,
    analysis: &DrawingAnalysis,
    customization: &Customization,
) -> Vec<ScenePlan> {
    let texts: Vec<&str> = script.scenes.iter().map(|s| s.text.as_str()).collect();
    let personal = &customization.personal_context;
    let context = planner::StoryContext {
        hero: &analysis.subject,
        setting: &analysis.setting,
        mood: &analysis.mood,
        child_name: &personal.child_name,
        pet: &personal.pet,
        theme: customization.theme,
    };
    planner::plan_story(&texts, &context)
}

struct Job<'a> {
    data: &'a DataDir,
    store: &'a Store,
    narrator: &'a dyn NarratorSource,
    run_id: String,
    run_dir: PathBuf,
    drawing: RgbaImage,
    mask: GrayImage,
    mask_key: String,
    figure: Option<Result<PreparedFigure, String>>,
    analysis: DrawingAnalysis,
    customization: Customization,
    seed: u64,
    script: StoryScript,
    /// Each scene's picture, planned from its words (same order as the script's scenes).
    plans: Vec<ScenePlan>,
    checkpoint: Checkpoint,
    cancel: &'a AtomicBool,
    warnings: Vec<String>,
    layers: HashMap<String, Arc<SceneLayers>>,
    progress: &'a mut dyn FnMut(RenderProgress),
    last_report: Option<RenderProgress>,
    last_emitted: Option<Instant>,
}

impl Job<'_> {
    fn run(mut self) -> Result<Rendered, CoreError> {
        let scene_ids: BTreeSet<String> = self.script.scenes.iter().map(|s| s.id.clone()).collect();
        self.checkpoint.scenes.retain(|id, _| scene_ids.contains(id));
        let mut timings = StageTimings::default();

        // Subtitle lines and narrations depend only on the words, so they are made while the
        // pictures are drawn: the three fill each other's idle moments. Narrations are
        // recorded in the checkpoint once the pictures are.
        let lines: Vec<String> =
            self.script.scenes.iter().flat_map(|scene| av::split_sentences(&scene.text)).collect();
        let cancel = self.cancel;
        let narrator = self.narrator.narrator();
        let voice_plan =
            narrator.as_ref().ok().map(|narrator| self.voice_plan(narrator.as_ref())).transpose()?;
        let drawn_lines = std::thread::scope(|scope| -> Result<_, CoreError> {
            let drawing = scope.spawn(move || av::DrawnLines::draw(&lines, cancel));
            let (narrated_tx, narrated) = mpsc::channel();
            if let (Ok(narrator), Some(plan)) = (&narrator, &voice_plan) {
                scope.spawn(move || scenes::narrate(plan, narrator.as_ref(), cancel, &narrated_tx));
            }
            let started = Instant::now();
            self.enter(Stage::Images)?;
            self.images()?;
            timings.images = started.elapsed();

            let started = Instant::now();
            self.enter(Stage::Voice)?;
            let Some(plan) = voice_plan.as_ref() else {
                // No narrator, so nothing was planned: asking again gives the reason to tell.
                let error = self.narrator.narrator().err();
                return Err(error.map_or(CoreError::Corrupt { what: "the narrator".into() }, CoreError::from));
            };
            self.record_voices(plan, narrated)?;
            timings.voice = started.elapsed();
            Ok(match drawing.join() {
                Ok(Ok(drawn)) => Some(Arc::new(drawn)),
                Ok(Err(av::AvError::Cancelled)) => None,
                Ok(Err(error)) => {
                    tracing::warn!(detail = %error.detail(), "subtitle lines not drawn ahead; each clip draws its own");
                    None
                }
                Err(_) => None,
            })
        })?;

        let started = Instant::now();
        self.enter(Stage::Video)?;
        let mut plans = Vec::new();
        for index in 0..self.script.scenes.len() {
            plans.push(self.plan_clip(index)?);
        }
        let (reused, renewed) = Self::reuse_counts(&plans);
        // The joined sound is made alongside the clips when the video is to be made again.
        let soundtrack_dir = tempfile::Builder::new()
            .prefix("nocomelon-soundtrack-")
            .tempdir()
            .map_err(|e| CoreError::io("create a work folder", &std::env::temp_dir(), e))?;
        let soundtrack =
            self.needs_video(&plans).then(|| self.soundtrack_job(soundtrack_dir.path())).transpose()?;
        let (clips, soundtrack) = self.make_clips(plans, drawn_lines, soundtrack.as_ref())?;
        timings.clips = started.elapsed();

        let started = Instant::now();
        let video = self.video(&clips, soundtrack, soundtrack_dir.path())?;
        timings.assemble = started.elapsed();

        let record = self.finish(video)?;
        Ok(Rendered { record, timings, reused_scenes: reused, renewed_crossfades: renewed })
    }

    /// Joins `clips` with `soundtrack`, made in `soundtrack_dir` now if it wasn't alongside the
    /// clips: they are silent, so the narration reaches the video only through it.
    fn video(
        &mut self,
        clips: &[PathBuf],
        soundtrack: Option<PathBuf>,
        soundtrack_dir: &Path,
    ) -> Result<VideoDone, CoreError> {
        let clip_keys: Vec<String> = self
            .script
            .scenes
            .iter()
            .filter_map(|s| {
                self.checkpoint.scenes.get(&s.id).and_then(|c| c.clip.as_ref()).map(|c| c.key.clone())
            })
            .collect();
        let key = Self::video_key(&clip_keys);
        if let Some(done) = self.checkpoint.video.clone().filter(|v| v.key == key && self.exists(&v.path)) {
            self.report_overall(Stage::Video, None, 100.0, "Done");
            return Ok(done);
        }
        self.check_cancel()?;
        let soundtrack = match soundtrack {
            Some(made) => made,
            None => {
                let job = self.soundtrack_job(soundtrack_dir)?;
                let cancel = self.cancel;
                self.pulsing(|_| job.encode(cancel), |_, _| {})?
            }
        };
        let out = self.run_dir.join("storybook.mp4");
        let first_image = self
            .script
            .scenes
            .first()
            .and_then(|s| self.checkpoint.scenes.get(&s.id))
            .and_then(|c| c.image.as_ref())
            .map(|image| self.data.absolute(&image.path))
            .ok_or_else(|| CoreError::Corrupt { what: "the video progress".into() })??;
        let thumbnail = self.run_dir.join("thumbnail.jpg");
        let scene_count = self.script.scenes.len() as u32;
        let cancel = self.cancel;
        let info = self.pulsing(
            |report| -> Result<av::VideoInfo, av::AvError> {
                let info =
                    av::assemble_with_soundtrack(clips, Some(&soundtrack), &out, cancel, &mut |f| report(f))?;
                av::thumbnail(&first_image, &thumbnail)?;
                Ok(info)
            },
            |job, fraction| {
                job.emit(RenderProgress {
                    stage: Stage::Video,
                    scene: None,
                    scene_count,
                    percent: CLIPS_END + (100.0 - CLIPS_END) * fraction.clamp(0.0, 1.0),
                    message: "Finishing the video".into(),
                })
            },
        )?;
        let done = VideoDone {
            key,
            path: self.data.relative(&out)?,
            thumbnail: self.data.relative(&thumbnail)?,
            duration_sec: info.duration_sec,
        };
        self.checkpoint.video = Some(done.clone());
        self.save_checkpoint()?;
        Ok(done)
    }

    fn finish(self, video: VideoDone) -> Result<RunRecord, CoreError> {
        let mut media = RunMedia {
            video_path: Some(video.path),
            thumbnail_path: Some(video.thumbnail),
            duration_sec: Some(video.duration_sec),
            warnings: self.warnings.clone(),
            ..RunMedia::default()
        };
        for (index, scene) in self.script.scenes.iter().enumerate() {
            let Some(entry) = self.checkpoint.scenes.get(&scene.id) else { continue };
            if let Some(image) = &entry.image {
                media.images.push(SceneImage {
                    scene_id: scene.id.clone(),
                    path: image.path.clone(),
                    placeholder: image.placeholder || entry.clip.as_ref().is_some_and(|c| c.placeholder),
                    plan: self.plans.get(index).cloned().unwrap_or_default(),
                    drawn: image.drawn.clone(),
                    motion: image.motion,
                });
            }
            if let Some(voice) = &entry.voice {
                media.audio.push(SceneAudio {
                    scene_id: scene.id.clone(),
                    path: voice.wav.clone(),
                    duration_sec: voice.duration_sec,
                });
            }
        }
        let keep = referenced_files(&self.checkpoint);
        let checkpoint = self.checkpoint.to_value();
        let record = self.store.update_run(
            &self.run_id,
            Box::new(move |record| {
                record.media = media;
                record.checkpoint = checkpoint;
                record.stage = Stage::Video;
                Ok(())
            }),
        )?;
        prune_scene_files(&self.run_dir.join("scenes"), self.data, &keep);
        tracing::info!(run = %self.run_id, warnings = self.warnings.len(), "video ready");
        Ok(record)
    }

    // ----- helpers -----

    fn spec(&self, index: usize) -> SceneSpec {
        let plan = self.plans.get(index).cloned().unwrap_or_default();
        SceneSpec {
            index,
            count: self.script.scenes.len(),
            style: self.customization.style,
            plan: plan.clone(),
            palette: self.analysis.colors.clone(),
            seed: self.seed,
            motion: self
                .script
                .scenes
                .get(index)
                .and_then(|scene| scene.motion)
                .or(Some(plan.action.motion()))
                .filter(|motion| *motion != Motion::Still),
        }
    }

    fn enter(&mut self, stage: Stage) -> Result<(), CoreError> {
        self.check_cancel()?;
        let checkpoint = self.checkpoint.to_value();
        self.store.update_run(
            &self.run_id,
            Box::new(move |record| {
                record.stage = stage;
                record.checkpoint = checkpoint;
                Ok(())
            }),
        )?;
        Ok(())
    }

    fn save_checkpoint(&self) -> Result<(), CoreError> {
        let checkpoint = self.checkpoint.to_value();
        self.store.update_run(
            &self.run_id,
            Box::new(move |record| {
                record.checkpoint = checkpoint;
                Ok(())
            }),
        )?;
        Ok(())
    }

    fn check_cancel(&self) -> Result<(), CoreError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(CoreError::Cancelled);
        }
        Ok(())
    }

    fn exists(&self, relative: &str) -> bool {
        self.data.absolute(relative).is_ok_and(|path| path.is_file())
    }

    /// A scene's working folder; the id must be a plain name (scripts are checked before a
    /// render, and this holds even for one read from a damaged store).
    fn scene_dir(&self, scene_id: &str) -> Result<PathBuf, CoreError> {
        crate::paths::join_names(&self.run_dir, &["scenes", scene_id])
    }

    fn warn_placeholder(&mut self, index: usize) {
        let message = format!("Scene {} couldn't be drawn, so it uses a plain card.", index + 1);
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    fn warn_silent(&mut self, index: usize) {
        let message =
            format!("Scene {} couldn't be narrated, so its words are shown without a voice.", index + 1);
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Progress through a stage whose scenes are worked on side by side: the share of the
    /// stage's work done (`shares`, 0..=1 per scene), shown against the first scene not done.
    fn report_shares(&mut self, stage: Stage, shares: &[f32], message: &str) {
        let (start, end) = match stage {
            Stage::Images => (0.0, IMAGES_END),
            Stage::Voice => (IMAGES_END, VOICE_END),
            _ => (VOICE_END, CLIPS_END),
        };
        let count = shares.len().max(1) as f32;
        let share = shares.iter().sum::<f32>() / count;
        // Scenes are worked on side by side, so the one named is the next to finish by count
        // ("scene 3 of 6" once two are done), which only ever goes up.
        let finished = shares.iter().filter(|share| **share >= 1.0).count();
        let scene = finished.min(shares.len().saturating_sub(1));
        self.report_overall(stage, Some(scene as u32 + 1), start + (end - start) * share, message);
    }

    /// Runs `work` on its own thread while this one passes on the fractions it reports (through
    /// `on_fraction`) and [`Self::pulse`]s whenever a [`pool::PULSE`] passes without one: a single
    /// long step (joining the clips on a busy computer) still shows the render is alive.
    pub(super) fn pulsing<T: Send>(
        &mut self,
        work: impl FnOnce(&dyn Fn(f32)) -> T + Send,
        mut on_fraction: impl FnMut(&mut Self, f32),
    ) -> T {
        let (fractions, received) = mpsc::channel();
        std::thread::scope(|scope| {
            // A fraction sent after this thread stopped listening has nobody left to tell.
            let report = move |fraction| {
                let _ = fractions.send(fraction);
            };
            let worker = scope.spawn(move || work(&report));
            loop {
                match received.recv_timeout(pool::PULSE) {
                    Ok(fraction) => on_fraction(self, fraction),
                    Err(mpsc::RecvTimeoutError::Timeout) => self.pulse(),
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// Called while a stage waits on work that takes a while: when nothing was reported for a
    /// [`pool::PULSE`], the bar creeps a little toward the stage's end (never reaching it), so
    /// the parent sees the render is alive. Real progress then picks up from there.
    fn pulse(&mut self) {
        let Some(last) = self.last_report.clone() else { return };
        if self.last_emitted.is_some_and(|at| at.elapsed() < pool::PULSE) {
            return;
        }
        let stage_end = match last.stage {
            Stage::Images => IMAGES_END,
            Stage::Voice => VOICE_END,
            _ if last.percent < CLIPS_END => CLIPS_END,
            _ => 100.0,
        };
        let room = (stage_end - 1.0 - last.percent).max(0.0);
        let percent = last.percent + room * 0.06;
        self.emit(RenderProgress { percent, ..last });
    }

    fn report_overall(&mut self, stage: Stage, scene: Option<u32>, percent: f32, message: &str) {
        let mut percent = percent.clamp(0.0, 100.0);
        // Frame-level progress would flood the window; pass on visible steps only.
        if let Some(last) = &self.last_report {
            if last.stage == stage
                && last.scene == scene
                && (percent - last.percent).abs() < 0.5
                && percent < 100.0
            {
                return;
            }
        }
        // The bar never goes back, even after a pulse ran ahead of the real work.
        if let Some(last) = &self.last_report {
            percent = percent.max(last.percent);
        }
        self.emit(RenderProgress {
            stage,
            scene,
            scene_count: self.script.scenes.len() as u32,
            percent,
            message: message.to_string(),
        });
    }

    fn emit(&mut self, step: RenderProgress) {
        self.last_report = Some(step.clone());
        self.last_emitted = Some(Instant::now());
        (self.progress)(step);
    }
}

fn referenced_files(checkpoint: &Checkpoint) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    for scene in checkpoint.scenes.values() {
        if let Some(image) = &scene.image {
            keep.insert(image.path.clone());
        }
        if let Some(voice) = &scene.voice {
            keep.insert(voice.wav.clone());
        }
        if let Some(clip) = &scene.clip {
            keep.insert(clip.path.clone());
        }
    }
    keep
}

/// Removes scene files no current scene uses (old versions of edited scenes, removed scenes).
fn prune_scene_files(scenes_dir: &Path, data: &crate::DataDir, keep: &BTreeSet<String>) {
    let mut stack = vec![scenes_dir.to_path_buf()];
    let mut dirs = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path.clone());
                dirs.push(path);
            } else if data.relative(&path).map(|r| !keep.contains(&r)).unwrap_or(false) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    // Deepest first, so emptied folders go too (remove_dir fails on non-empty ones).
    for dir in dirs.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}
