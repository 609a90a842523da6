//! images -> voice -> video for one run: progress for the window, a checkpoint after every scene,
//! cancel at any point, retry then a plain stand-in for a scene that fails, and reuse of every
//! scene whose inputs did not change.

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use av::{Narrator, SceneNarration, SentenceTiming};
use image::{GrayImage, RgbaImage};
use model::{Customization, DrawingAnalysis, Run, RunMedia, SceneAudio, SceneImage, Stage, StoryScript};
use render::{PreparedFigure, SceneLayers, SceneSpec};

use super::checkpoint::{Checkpoint, ClipDone, ImageDone, VideoDone, VoiceDone};
use super::{fingerprint, pool};
use crate::api::RenderProgress;
use crate::app::Core;
use crate::{files, CoreError};

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

    /// Stops the run's render if one is going; the next render resumes from the checkpoint.
    pub fn cancel_render(&self, run_id: &str) -> bool {
        self.renders.cancel(run_id)
    }

    pub fn render_video_report(
        &self,
        run_id: &str,
        progress: &mut dyn FnMut(RenderProgress),
    ) -> Result<RenderReport, CoreError> {
        let guard = self.renders.start(run_id)?;
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
        let job = Job {
            core: self,
            run_id: run_id.to_string(),
            run_dir: self.run_dir(run_id)?,
            mask_key: fingerprint::of_bytes(mask.as_raw()),
            drawing,
            mask,
            figure: None,
            analysis: record.analysis.clone().unwrap_or_default(),
            customization,
            seed: record.story_seed,
            script,
            checkpoint: Checkpoint::from_value(&record.checkpoint),
            cancel: &guard.flag,
            warnings: Vec::new(),
            layers: HashMap::new(),
            progress,
            last_report: None,
        };
        job.run()
    }
}

struct Job<'a> {
    core: &'a Core,
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
    checkpoint: Checkpoint,
    cancel: &'a AtomicBool,
    warnings: Vec<String>,
    layers: HashMap<String, Arc<SceneLayers>>,
    progress: &'a mut dyn FnMut(RenderProgress),
    last_report: Option<RenderProgress>,
}

impl Job<'_> {
    fn run(mut self) -> Result<RenderReport, CoreError> {
        let scene_ids: BTreeSet<String> = self.script.scenes.iter().map(|s| s.id.clone()).collect();
        self.checkpoint.scenes.retain(|id, _| scene_ids.contains(id));
        let mut timings = StageTimings::default();
        let mut reused = 0;

        // Subtitle lines depend only on the words, so they are drawn while the pictures and
        // voices are made (each of those keeps one core busy).
        let lines: Vec<String> =
            self.script.scenes.iter().flat_map(|scene| av::split_sentences(&scene.text)).collect();
        let cancel = self.cancel;
        let drawn_lines = std::thread::scope(|scope| -> Result<_, CoreError> {
            let drawing = scope.spawn(move || av::DrawnLines::draw(&lines, cancel));
            let started = Instant::now();
            self.enter(Stage::Images)?;
            self.images()?;
            timings.images = started.elapsed();

            let started = Instant::now();
            self.enter(Stage::Voice)?;
            let narrator = av::system_narrator()?;
            self.voices(narrator.as_ref())?;
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
        let renewed = plans
            .iter()
            .filter(|plan| matches!(plan, ClipPlan::Make(task) if task.renew_from.is_some()))
            .count();
        reused += renewed + plans.iter().filter(|plan| matches!(plan, ClipPlan::Reuse { .. })).count();
        // The joined sound is made alongside the clips when the video is to be made again.
        let soundtrack_dir = tempfile::Builder::new()
            .prefix("nocomelon-soundtrack-")
            .tempdir()
            .map_err(|e| CoreError::io("create a work folder", &std::env::temp_dir(), e))?;
        let soundtrack =
            self.needs_video(&plans).then(|| self.soundtrack_job(soundtrack_dir.path())).transpose()?;
        let (clips, soundtrack) = self.make_clips(plans, drawn_lines, soundtrack)?;
        timings.clips = started.elapsed();

        let started = Instant::now();
        let video = self.video(&clips, soundtrack.as_deref())?;
        timings.assemble = started.elapsed();

        let run = self.finish(video)?;
        Ok(RenderReport { run, timings, reused_scenes: reused, renewed_crossfades: renewed })
    }

    // ----- stages -----

    /// Draws every scene picture that is missing or out of date, a few at a time.
    fn images(&mut self) -> Result<(), CoreError> {
        let count = self.script.scenes.len();
        let mut shares = vec![0.0f32; count];
        let mut todo = Vec::new();
        for (index, share) in shares.iter_mut().enumerate() {
            let scene_id = self.script.scenes[index].id.clone();
            let spec = self.spec(index);
            let key = fingerprint::of(&(
                &self.mask_key,
                spec.style,
                &spec.setting,
                &spec.mood,
                self.analysis.colors.iter().map(|c| &c.hex).collect::<Vec<_>>(),
                index,
                spec.count,
                spec.seed,
            ));
            let done = self.checkpoint.scene(&scene_id).image.clone();
            match done.filter(|d| d.key == key && self.exists(&d.path)) {
                Some(done) => {
                    if done.placeholder {
                        self.warn_placeholder(index);
                    }
                    *share = 1.0;
                }
                None => todo.push((scene_id, key, spec)),
            }
        }
        self.report_shares(Stage::Images, &shares, "Drawing the pictures");
        if todo.is_empty() {
            return Ok(());
        }
        self.check_cancel()?;
        self.prepare_figure();
        let figure = self.figure.take();
        let cancel = self.cancel;
        let drawn = pool::each_in_parallel(
            &todo,
            |(_, _, spec)| {
                if cancel.load(Ordering::Relaxed) {
                    return Err(CoreError::Cancelled);
                }
                let (layers, placeholder) = match layers_from(figure.as_ref(), spec) {
                    Ok(layers) => (layers, false),
                    Err(reason) => {
                        tracing::warn!(scene = spec.index + 1, %reason, "scene picture failed twice; using a plain card");
                        (render::placeholder_scene(spec), true)
                    }
                };
                let png = encode_png(&layers.composite(0.5))?;
                Ok((layers, placeholder, png))
            },
            |(scene_id, key, spec), drawn| {
                let (layers, placeholder, png) = drawn?;
                if placeholder {
                    self.warn_placeholder(spec.index);
                }
                let path = self.run_dir.join("scenes").join(scene_id).join(format!("image-{key}.png"));
                write_file(&path, &png)?;
                let relative = self.core.data.relative(&path)?;
                self.layers.insert(scene_id.clone(), Arc::new(layers));
                let done = ImageDone { key: key.clone(), path: relative, placeholder };
                self.checkpoint.scene(scene_id).image = Some(done);
                self.save_checkpoint()?;
                shares[spec.index] = 1.0;
                self.report_shares(Stage::Images, &shares, "Drawing the pictures");
                Ok(())
            },
        );
        self.figure = figure;
        drawn
    }

    /// Records every scene's narration that is missing or out of date, a few at a time.
    fn voices(&mut self, narrator: &dyn Narrator) -> Result<(), CoreError> {
        let voice = self.customization.voice_type;
        let count = self.script.scenes.len();
        let mut shares = vec![0.0f32; count];
        let mut todo = Vec::new();
        for (index, scene) in self.script.scenes.clone().into_iter().enumerate() {
            let key = fingerprint::of(&(&scene.text, voice, narrator.name()));
            let done = self.checkpoint.scene(&scene.id).voice.clone();
            match done.filter(|d| d.key == key && self.exists(&d.wav)) {
                Some(done) => {
                    if done.silent {
                        self.warn_silent(index);
                    }
                    shares[index] = 1.0;
                }
                None => {
                    let work_dir = self.run_dir.join("scenes").join(&scene.id).join(format!("voice-{key}"));
                    todo.push((index, scene, key, work_dir));
                }
            }
        }
        self.report_shares(Stage::Voice, &shares, "Recording the narrator");
        if todo.is_empty() {
            return Ok(());
        }
        self.check_cancel()?;
        let cancel = self.cancel;
        pool::each_in_parallel(
            &todo,
            |(index, scene, _, work_dir)| -> Result<(SceneNarration, bool), CoreError> {
                let attempt = || av::narrate_scene(narrator, &scene.text, voice, work_dir, cancel);
                let narrated = match attempt() {
                    Err(av::AvError::Cancelled) => return Err(CoreError::Cancelled),
                    Err(first) => {
                        tracing::warn!(scene = index + 1, detail = %first.detail(), "narration failed; retrying once");
                        attempt()
                    }
                    ok => ok,
                };
                match narrated {
                    Ok(narration) => Ok((narration, false)),
                    Err(av::AvError::Cancelled) => Err(CoreError::Cancelled),
                    Err(error) => {
                        tracing::warn!(scene = index + 1, detail = %error.detail(), "narration failed twice; words on screen only");
                        Ok((silent_narration(&scene.text, work_dir)?, true))
                    }
                }
            },
            |(index, scene, key, _), narrated| {
                let (narration, silent) = narrated?;
                if silent {
                    self.warn_silent(*index);
                }
                let done = VoiceDone {
                    key: key.clone(),
                    wav: self.core.data.relative(&narration.wav)?,
                    duration_sec: narration.duration_sec,
                    sentences: narration.sentences,
                    silent,
                };
                self.checkpoint.scene(&scene.id).voice = Some(done);
                self.save_checkpoint()?;
                shares[*index] = 1.0;
                self.report_shares(Stage::Voice, &shares, "Recording the narrator");
                Ok(())
            },
        )
    }

    /// Whether scene `index` has an up-to-date clip, and what making it needs if not. A clip
    /// opens with the crossfade out of the scene before, so it also depends on that scene's
    /// picture and length; when only those changed, just the crossfade is made again.
    fn plan_clip(&mut self, index: usize) -> Result<ClipPlan, CoreError> {
        let scene_id = self.script.scenes[index].id.clone();
        let entry = self.checkpoint.scene(&scene_id).clone();
        let (Some(image), Some(voice)) = (entry.image, entry.voice) else {
            return Err(CoreError::Corrupt { what: "the video progress".into() });
        };
        let next_fades_in = index + 1 < self.script.scenes.len();
        let body_key = fingerprint::of(&(&image.key, &voice.key, next_fades_in));
        let before = match index.checked_sub(1) {
            Some(before) => Some(self.finished_scene(before)?),
            None => None,
        };
        let key =
            fingerprint::of(&(&body_key, before.as_ref().map(|(image, voice)| (&image.key, &voice.key))));
        let done = entry.clip.filter(|d| self.exists(&d.path));
        if let Some(done) = done.as_ref().filter(|d| d.key == key) {
            return Ok(ClipPlan::Reuse { path: self.core.data.absolute(&done.path), key });
        }
        let renew_from = done
            .filter(|d| d.body_key == body_key && !d.placeholder && before.is_some())
            .map(|d| self.core.data.absolute(&d.path));
        let narration = SceneNarration {
            wav: self.core.data.absolute(&voice.wav),
            duration_sec: voice.duration_sec,
            sentences: voice.sentences.clone(),
        };
        let out = self.run_dir.join("scenes").join(&scene_id).join(format!("clip-{key}.mp4"));
        let (layers, placeholder) = self.layers_of(index, &image);
        let previous = match (index.checked_sub(1), before) {
            (Some(before), Some((before_image, before_voice))) => {
                Some((self.layers_of(before, &before_image).0, before_voice.duration_sec))
            }
            _ => None,
        };
        Ok(ClipPlan::Make(Box::new(ClipTask {
            index,
            scene_id,
            key,
            body_key,
            narration,
            out,
            spec: self.spec(index),
            layers,
            previous,
            next_fades_in,
            renew_from,
            placeholder,
        })))
    }

    /// The picture and voice already made for scene `index`.
    fn finished_scene(&mut self, index: usize) -> Result<(ImageDone, VoiceDone), CoreError> {
        let scene_id = self.script.scenes[index].id.clone();
        let entry = self.checkpoint.scene(&scene_id);
        match (entry.image.clone(), entry.voice.clone()) {
            (Some(image), Some(voice)) => Ok((image, voice)),
            _ => Err(CoreError::Corrupt { what: "the video progress".into() }),
        }
    }

    /// Scene `index`'s layers (drawn again if this render did not draw them), and whether they
    /// are the plain card.
    fn layers_of(&mut self, index: usize, image: &ImageDone) -> (Arc<SceneLayers>, bool) {
        let scene_id = self.script.scenes[index].id.clone();
        if let Some(layers) = self.layers.get(&scene_id) {
            return (Arc::clone(layers), image.placeholder);
        }
        let spec = self.spec(index);
        let (layers, placeholder) = if image.placeholder {
            (render::placeholder_scene(&spec), true)
        } else {
            match self.scene_layers(&spec) {
                Ok(layers) => (layers, false),
                Err(_) => (render::placeholder_scene(&spec), true),
            }
        };
        let layers = Arc::new(layers);
        self.layers.insert(scene_id, Arc::clone(&layers));
        (layers, placeholder)
    }

    /// The key the finished video will have once `plans` are carried out.
    fn video_key(clip_keys: &[String]) -> String {
        fingerprint::of(&clip_keys)
    }

    /// Whether the video must be joined again once `plans` are carried out.
    fn needs_video(&self, plans: &[ClipPlan]) -> bool {
        let keys: Vec<String> = plans
            .iter()
            .map(|plan| match plan {
                ClipPlan::Reuse { key, .. } => key.clone(),
                ClipPlan::Make(task) => task.key.clone(),
            })
            .collect();
        let key = Self::video_key(&keys);
        !self.checkpoint.video.as_ref().is_some_and(|video| video.key == key && self.exists(&video.path))
    }

    /// Every scene's narration placed as its clip places it, to be encoded into `dir`.
    fn soundtrack_job(&mut self, dir: &Path) -> Result<SoundtrackJob, CoreError> {
        let count = self.script.scenes.len();
        let mut parts = Vec::with_capacity(count);
        for index in 0..count {
            let (_, voice) = self.finished_scene(index)?;
            let frames = av::clip_frame_count(voice.duration_sec, index + 1 < count);
            parts.push((self.core.data.absolute(&voice.wav), frames as f64 / f64::from(av::frames::FPS)));
        }
        Ok(SoundtrackJob { parts, out: dir.join("soundtrack.m4a") })
    }

    /// Makes the clips `plans` ask for, several at a time (see [`av::clip_parallelism`]), saving
    /// each in the checkpoint as it finishes, and `soundtrack` once every clip has started;
    /// returns every scene's clip in order, and the soundtrack if it was made.
    fn make_clips(
        &mut self,
        plans: Vec<ClipPlan>,
        drawn_lines: Option<Arc<av::DrawnLines>>,
        soundtrack: Option<SoundtrackJob>,
    ) -> Result<(Vec<PathBuf>, Option<PathBuf>), CoreError> {
        let mut paths = vec![PathBuf::new(); plans.len()];
        let mut done_share = vec![0.0f32; plans.len()];
        let mut tasks = Vec::new();
        for (index, plan) in plans.into_iter().enumerate() {
            match plan {
                ClipPlan::Reuse { path, .. } => {
                    paths[index] = path;
                    done_share[index] = 1.0;
                }
                ClipPlan::Make(task) => tasks.push(*task),
            }
        }
        self.report_shares(Stage::Video, &done_share, "Putting the scenes together");
        self.check_cancel()?;
        // Longest first, so no long clip is left running alone at the end.
        tasks.sort_by(|a, b| b.narration.duration_sec.total_cmp(&a.narration.duration_sec));
        let sharing = av::clip_parallelism(tasks.len());
        let cancel = self.cancel;
        let next_task = AtomicUsize::new(0);
        let soundtrack_taken = AtomicBool::new(false);
        let mut soundtrack_made = None;
        // After a clip fails for good, no new clip starts; those already going finish and are kept.
        let stop = AtomicBool::new(false);
        let (events, received) = mpsc::channel();
        let outcome = std::thread::scope(|scope| {
            for _ in 0..sharing.clips_at_once {
                let events = events.clone();
                let (tasks, next_task, stop, drawn_lines) =
                    (&tasks, &next_task, &stop, drawn_lines.as_deref());
                let (soundtrack, soundtrack_taken) = (soundtrack.as_ref(), &soundtrack_taken);
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let Some(task) = tasks.get(next_task.fetch_add(1, Ordering::Relaxed)) else {
                            // The first worker without a clip left makes the soundtrack.
                            if let Some(job) =
                                soundtrack.filter(|_| !soundtrack_taken.swap(true, Ordering::Relaxed))
                            {
                                let _ = events.send(ClipEvent::Soundtrack(job.encode(cancel)));
                            }
                            break;
                        };
                        let mut on_progress = |share: f32| {
                            let _ = events.send(ClipEvent::Progress(task.index, share));
                        };
                        let made =
                            make_clip(task, sharing.encoder_threads, drawn_lines, cancel, &mut on_progress);
                        let _ = events.send(ClipEvent::Done(task.index, made));
                    }
                });
            }
            drop(events);
            let mut failure = None;
            for event in received {
                match event {
                    ClipEvent::Soundtrack(Ok(path)) => soundtrack_made = Some(path),
                    ClipEvent::Soundtrack(Err(error)) => {
                        // Not fatal: joining the clips then encodes their own sound.
                        tracing::warn!(detail = %error.detail(), "the soundtrack could not be made ahead");
                    }
                    ClipEvent::Progress(index, share) => {
                        // A clip counts as done only once its checkpoint is saved (below).
                        done_share[index] = done_share[index].max(share.clamp(0.0, 0.99));
                        self.report_shares(Stage::Video, &done_share, "Putting the scenes together");
                    }
                    ClipEvent::Done(index, made) => {
                        let saved = made.and_then(|made| {
                            let task = tasks.iter().find(|task| task.index == index);
                            let task =
                                task.ok_or(CoreError::Corrupt { what: "the video progress".into() })?;
                            self.clip_done(task, &made)?;
                            paths[index] = task.out.clone();
                            Ok(())
                        });
                        if let Err(error) = saved {
                            stop.store(true, Ordering::Relaxed);
                            // A cancel reaches every clip; the first real failure is the one to tell.
                            if failure.as_ref().is_none_or(|kept| matches!(kept, CoreError::Cancelled)) {
                                failure = Some(error);
                            }
                        }
                        done_share[index] = 1.0;
                        self.report_shares(Stage::Video, &done_share, "Putting the scenes together");
                    }
                }
            }
            failure
        });
        match outcome {
            Some(error) => Err(error),
            None => Ok((paths, soundtrack_made)),
        }
    }

    fn clip_done(&mut self, task: &ClipTask, made: &MadeClip) -> Result<(), CoreError> {
        if made.placeholder {
            self.warn_placeholder(task.index);
        }
        let relative = self.core.data.relative(&task.out)?;
        self.checkpoint.scene(&task.scene_id).clip = Some(ClipDone {
            key: task.key.clone(),
            body_key: task.body_key.clone(),
            path: relative,
            duration_sec: made.info.duration_sec,
            placeholder: made.placeholder,
        });
        self.save_checkpoint()
    }

    fn video(&mut self, clips: &[PathBuf], soundtrack: Option<&Path>) -> Result<VideoDone, CoreError> {
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
        let out = self.run_dir.join("storybook.mp4");
        let scene_count = self.script.scenes.len() as u32;
        let progress = &mut *self.progress;
        let mut on_progress = |fraction: f32| {
            progress(RenderProgress {
                stage: Stage::Video,
                scene: None,
                scene_count,
                percent: CLIPS_END + (100.0 - CLIPS_END) * fraction.clamp(0.0, 1.0),
                message: "Finishing the video".into(),
            })
        };
        let info = av::assemble_with_soundtrack(clips, soundtrack, &out, self.cancel, &mut on_progress)?;
        let first_image = self
            .script
            .scenes
            .first()
            .and_then(|s| self.checkpoint.scenes.get(&s.id))
            .and_then(|c| c.image.as_ref())
            .map(|image| self.core.data.absolute(&image.path))
            .ok_or_else(|| CoreError::Corrupt { what: "the video progress".into() })?;
        let thumbnail = self.run_dir.join("thumbnail.jpg");
        av::thumbnail(&first_image, &thumbnail)?;
        let done = VideoDone {
            key,
            path: self.core.data.relative(&out)?,
            thumbnail: self.core.data.relative(&thumbnail)?,
            duration_sec: info.duration_sec,
        };
        self.checkpoint.video = Some(done.clone());
        self.save_checkpoint()?;
        Ok(done)
    }

    fn finish(self, video: VideoDone) -> Result<Run, CoreError> {
        let mut media = RunMedia {
            video_path: Some(video.path),
            thumbnail_path: Some(video.thumbnail),
            duration_sec: Some(video.duration_sec),
            warnings: self.warnings.clone(),
            ..RunMedia::default()
        };
        for scene in &self.script.scenes {
            let Some(entry) = self.checkpoint.scenes.get(&scene.id) else { continue };
            if let Some(image) = &entry.image {
                media.images.push(SceneImage {
                    scene_id: scene.id.clone(),
                    path: image.path.clone(),
                    placeholder: image.placeholder || entry.clip.as_ref().is_some_and(|c| c.placeholder),
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
        let record = self.core.store.update_run(
            &self.run_id,
            Box::new(move |record| {
                record.media = media;
                record.checkpoint = checkpoint;
                record.stage = Stage::Video;
                Ok(())
            }),
        )?;
        prune_scene_files(&self.run_dir.join("scenes"), &self.core.data, &keep);
        tracing::info!(run = %self.run_id, warnings = self.warnings.len(), "video ready");
        self.core.present_run_record(record)
    }

    // ----- helpers -----

    fn spec(&self, index: usize) -> SceneSpec {
        SceneSpec {
            index,
            count: self.script.scenes.len(),
            style: self.customization.style,
            setting: self.analysis.setting.clone(),
            mood: self.analysis.mood.clone(),
            palette: self.analysis.colors.clone(),
            seed: self.seed,
        }
    }

    /// Cuts the child's figure out of the page once per render (the whole page when the
    /// outline can't be used).
    fn prepare_figure(&mut self) {
        if self.figure.is_none() {
            let prepared = render::prepare_figure(&self.drawing, &self.mask).or_else(|error| {
                tracing::warn!(%error, "the outline could not be cut out; using the whole page");
                let (w, h) = self.drawing.dimensions();
                render::prepare_figure(&self.drawing, &media::mask_for_box(w, h, media::whole_page(w, h)))
            });
            self.figure = Some(prepared.map_err(|e| e.to_string()));
        }
    }

    /// The scene's layers from the child's figure, tried twice.
    fn scene_layers(&mut self, spec: &SceneSpec) -> Result<SceneLayers, String> {
        self.prepare_figure();
        layers_from(self.figure.as_ref(), spec)
    }

    fn enter(&mut self, stage: Stage) -> Result<(), CoreError> {
        self.check_cancel()?;
        let checkpoint = self.checkpoint.to_value();
        self.core.store.update_run(
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
        self.core.store.update_run(
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
        self.core.data.absolute(relative).is_file()
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
        let scene = shares.iter().position(|share| *share < 1.0).unwrap_or(shares.len().saturating_sub(1));
        self.report_overall(stage, Some(scene as u32 + 1), start + (end - start) * share, message);
    }

    fn report_overall(&mut self, stage: Stage, scene: Option<u32>, percent: f32, message: &str) {
        let percent = percent.clamp(0.0, 100.0);
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
        self.last_report = Some(RenderProgress {
            stage,
            scene,
            scene_count: self.script.scenes.len() as u32,
            percent,
            message: message.to_string(),
        });
        (self.progress)(RenderProgress {
            stage,
            scene,
            scene_count: self.script.scenes.len() as u32,
            percent: percent.clamp(0.0, 100.0),
            message: message.to_string(),
        });
    }
}

enum ClipPlan {
    Reuse { path: PathBuf, key: String },
    Make(Box<ClipTask>),
}

/// The video's sound, made from the narrations while the clips are made.
struct SoundtrackJob {
    /// Each scene's narration and its clip's length.
    parts: Vec<(PathBuf, f64)>,
    out: PathBuf,
}

impl SoundtrackJob {
    fn encode(&self, cancel: &AtomicBool) -> Result<PathBuf, av::AvError> {
        let parts: Vec<av::SoundtrackPart> = self
            .parts
            .iter()
            .map(|(wav, clip_sec)| av::SoundtrackPart { narration_wav: wav, clip_sec: *clip_sec })
            .collect();
        av::encode_soundtrack(&parts, &self.out, cancel)?;
        Ok(self.out.clone())
    }
}

/// Everything one clip needs, owned, so it can be made on another thread.
struct ClipTask {
    index: usize,
    scene_id: String,
    key: String,
    body_key: String,
    narration: SceneNarration,
    out: PathBuf,
    spec: SceneSpec,
    layers: Arc<SceneLayers>,
    /// The scene before (its layers and narration length), which the clip crossfades out of.
    previous: Option<(Arc<SceneLayers>, f64)>,
    next_fades_in: bool,
    /// An earlier clip of this scene whose own frames are still right: only its opening
    /// crossfade needs making again.
    renew_from: Option<PathBuf>,
    /// The scene already shows a plain card instead of its picture.
    placeholder: bool,
}

struct MadeClip {
    info: av::ClipInfo,
    placeholder: bool,
}

enum ClipEvent {
    Progress(usize, f32),
    Done(usize, Result<MadeClip, CoreError>),
    Soundtrack(Result<PathBuf, av::AvError>),
}

/// Encodes one clip, tried twice, then with a plain card instead of the picture.
fn make_clip(
    task: &ClipTask,
    encoder_threads: usize,
    drawn_lines: Option<&av::DrawnLines>,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(f32),
) -> Result<MadeClip, CoreError> {
    let previous = task
        .previous
        .as_ref()
        .map(|(layers, narration_sec)| av::PreviousScene { layers, narration_sec: *narration_sec });
    let mut encode = |layers: &SceneLayers| -> Result<av::ClipInfo, CoreError> {
        let spec = av::ClipSpec {
            layers,
            narration: &task.narration,
            out: &task.out,
            encoder_threads,
            previous,
            next_fades_in: task.next_fades_in,
            drawn_lines,
        };
        Ok(match &task.renew_from {
            Some(old) if std::ptr::eq(layers, task.layers.as_ref()) => {
                av::refresh_crossfade(&spec, old, cancel, &mut *progress)?
            }
            _ => av::render_clip(&spec, cancel, &mut *progress)?,
        })
    };
    let with_picture = |info| MadeClip { info, placeholder: task.placeholder };
    match encode(&task.layers) {
        Ok(info) => return Ok(with_picture(info)),
        Err(CoreError::Cancelled) => return Err(CoreError::Cancelled),
        Err(first) => {
            tracing::warn!(scene = task.index + 1, error = %first, "scene clip failed; retrying once")
        }
    }
    match encode(&task.layers) {
        Ok(info) => Ok(with_picture(info)),
        Err(CoreError::Cancelled) => Err(CoreError::Cancelled),
        Err(_) if !task.placeholder => {
            let info = encode(&render::placeholder_scene(&task.spec))?;
            Ok(MadeClip { info, placeholder: true })
        }
        Err(error) => Err(error),
    }
}

/// Silence as long as reading the words takes, with the words timed evenly for subtitles.
fn silent_narration(text: &str, work_dir: &Path) -> Result<SceneNarration, CoreError> {
    std::fs::create_dir_all(work_dir).map_err(|e| CoreError::io("create the folder", work_dir, e))?;
    let sentences = av::split_sentences(text);
    let mut timings = Vec::new();
    let mut at = 0.0;
    for sentence in sentences {
        let words = sentence.split_whitespace().count().max(1) as f64;
        let length = (words / 2.5).max(1.2);
        timings.push(SentenceTiming { text: sentence, start_sec: at, end_sec: at + length });
        at += length + av::SENTENCE_GAP_SEC;
    }
    let duration = (at - av::SENTENCE_GAP_SEC + av::TAIL_SEC).max(1.5);
    let sample_rate = 22_050;
    let audio = av::Audio { sample_rate, samples: vec![0.0; (duration * f64::from(sample_rate)) as usize] };
    let wav = work_dir.join("narration.wav");
    av::write_wav(&wav, &audio)?;
    Ok(SceneNarration { wav, duration_sec: duration, sentences: timings })
}

fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, CoreError> {
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).map_err(|e| {
        CoreError::Refused {
            code: "image_failed",
            message: format!("The scene picture couldn't be saved: {e}."),
        }
    })?;
    Ok(bytes)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CoreError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io("create the folder", dir, e))?;
    }
    files::write_atomic(path, bytes)
}

/// `figure` placed into the scene `spec` describes, tried twice.
fn layers_from(
    figure: Option<&Result<PreparedFigure, String>>,
    spec: &SceneSpec,
) -> Result<SceneLayers, String> {
    let figure = match figure {
        Some(Ok(figure)) => figure,
        Some(Err(reason)) => return Err(reason.clone()),
        None => return Err("no figure".into()),
    };
    render::render_scene(figure, spec)
        .or_else(|first| {
            tracing::warn!(scene = spec.index + 1, error = %first, "scene picture failed; retrying once");
            render::render_scene(figure, spec)
        })
        .map_err(|e| e.to_string())
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
