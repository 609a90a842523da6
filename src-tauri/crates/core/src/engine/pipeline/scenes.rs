//! The pictures and voices of a render: each scene's made a few at a time, recorded in the
//! checkpoint as it is done, and reused when its inputs did not change.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use av::{Narrator, SceneNarration, SentenceTiming};
use image::RgbaImage;
use model::{Stage, VoiceType};
use render::{PreparedFigure, SceneLayers, SceneSpec};

use super::Job;
use crate::engine::checkpoint::{ImageDone, VoiceDone};
use crate::engine::{fingerprint, pool};
use crate::{files, CoreError};

/// Bumped when the narration's pace or pauses change, so scenes recorded before are recorded
/// again rather than read at the old pace next to new ones.
const NARRATION_PACE: u32 = 2;

impl Job<'_> {
    /// Draws every scene picture that is missing or out of date, a few at a time.
    pub(super) fn images(&mut self) -> Result<(), CoreError> {
        let count = self.script.scenes.len();
        let mut shares = vec![0.0f32; count];
        let mut todo = Vec::new();
        for (index, share) in shares.iter_mut().enumerate() {
            let scene_id = self.script.scenes[index].id.clone();
            let spec = self.spec(index);
            let key = fingerprint::of(&(
                &self.mask_key,
                spec.style,
                &spec.plan,
                self.analysis.colors.iter().map(|c| &c.hex).collect::<Vec<_>>(),
                index,
                spec.count,
                spec.seed,
                spec.motion,
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
        if self.figure.is_none() {
            // Cutting a large photo's figure out takes seconds on a slow computer: the bar
            // keeps moving meanwhile.
            let (drawing, mask) = (std::mem::take(&mut self.drawing), std::mem::take(&mut self.mask));
            let prepared = self.pulsing(|_| crate::engine::outline::cut_figure(&drawing, &mask), |_, _| {});
            (self.drawing, self.mask) = (drawing, mask);
            self.figure = Some(prepared.map_err(|e| e.to_string()));
        }
        let figure = self.figure.take();
        let cancel = self.cancel;
        let drawn = pool::each_in_parallel_pulsing(
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
            |arrival| {
                let Some(((scene_id, key, spec), drawn)) = arrival else {
                    self.pulse();
                    return Ok(());
                };
                let (layers, placeholder, png) = drawn?;
                if placeholder {
                    self.warn_placeholder(spec.index);
                }
                let path = self.scene_dir(scene_id)?.join(format!("image-{key}.png"));
                write_file(&path, &png)?;
                let relative = self.data.relative(&path)?;
                let drawn = layers.drawn.clone();
                let motion = layers.animation.as_ref().map(|animation| animation.motion);
                self.layers.insert(scene_id.clone(), Arc::new(layers));
                let done = ImageDone { key: key.clone(), path: relative, placeholder, drawn, motion };
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

    /// Which scenes' narrations are missing or out of date for `narrator`.
    pub(super) fn voice_plan(&mut self, narrator: &dyn Narrator) -> Result<VoicePlan, CoreError> {
        let voice = self.customization.voice_type;
        let mut plan = VoicePlan { voice, todo: Vec::new(), done: Vec::new() };
        for (index, scene) in self.script.scenes.clone().into_iter().enumerate() {
            let key = fingerprint::of(&(&scene.text, voice, narrator.name(), NARRATION_PACE));
            let done = self.checkpoint.scene(&scene.id).voice.clone();
            match done.filter(|d| d.key == key && self.exists(&d.wav)) {
                Some(done) => plan.done.push((index, done.silent)),
                None => {
                    let work_dir = self.scene_dir(&scene.id)?.join(format!("voice-{key}"));
                    plan.todo.push(VoiceTask { index, scene_id: scene.id, text: scene.text, key, work_dir });
                }
            }
        }
        Ok(plan)
    }

    /// Records the narrations `plan` asked for, as `narrated` hands them over, in the checkpoint.
    pub(super) fn record_voices(
        &mut self,
        plan: &VoicePlan,
        narrated: mpsc::Receiver<Narrated>,
    ) -> Result<(), CoreError> {
        let mut shares = vec![0.0f32; self.script.scenes.len()];
        for &(index, silent) in &plan.done {
            if silent {
                self.warn_silent(index);
            }
            shares[index] = 1.0;
        }
        self.report_shares(Stage::Voice, &shares, "Recording the narrator");
        // On the first failure the receiver is dropped: no new narration starts, as with any
        // stage's pool.
        loop {
            let (at, result) = match narrated.recv_timeout(pool::PULSE) {
                Ok(arrived) => arrived,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    self.pulse();
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let Some(task) = plan.todo.get(at) else { continue };
            let recorded = result.and_then(|(narration, silent)| {
                if silent {
                    self.warn_silent(task.index);
                }
                let done = VoiceDone {
                    key: task.key.clone(),
                    wav: self.data.relative(&narration.wav)?,
                    duration_sec: narration.duration_sec,
                    sentences: narration.sentences,
                    silent,
                };
                self.checkpoint.scene(&task.scene_id).voice = Some(done);
                self.save_checkpoint()
            });
            recorded?;
            shares[task.index] = 1.0;
            self.report_shares(Stage::Voice, &shares, "Recording the narrator");
        }
        Ok(())
    }

    /// Cuts the child's figure out of the page once per render (the whole page when the
    /// outline can't be used).
    fn prepare_figure(&mut self) {
        if self.figure.is_none() {
            let prepared = crate::engine::outline::cut_figure(&self.drawing, &self.mask);
            self.figure = Some(prepared.map_err(|e| e.to_string()));
        }
    }

    /// The scene's layers from the child's figure, tried twice.
    pub(super) fn scene_layers(&mut self, spec: &SceneSpec) -> Result<SceneLayers, String> {
        self.prepare_figure();
        layers_from(self.figure.as_ref(), spec)
    }
}

/// The scenes' narrations still to be recorded, and those already recorded.
pub(super) struct VoicePlan {
    voice: VoiceType,
    todo: Vec<VoiceTask>,
    /// Scenes (by index) whose narration is up to date, and whether it is silent.
    done: Vec<(usize, bool)>,
}

/// A narration made by [`narrate`]: its place in the plan, and the narration with whether it
/// is silence standing in for a voice that failed.
pub(super) type Narrated = (usize, Result<(SceneNarration, bool), CoreError>);

/// One scene's narration to record, owned so it can be made on another thread.
struct VoiceTask {
    index: usize,
    scene_id: String,
    text: String,
    key: String,
    work_dir: PathBuf,
}

/// Speaks every narration `plan` asks for, a few at a time, handing each to `narrated` (by its
/// place in the plan) as it is done: tried twice, then silence with the words timed for
/// subtitles, so one scene never stops the video.
pub(super) fn narrate(
    plan: &VoicePlan,
    narrator: &dyn Narrator,
    cancel: &AtomicBool,
    narrated: &mpsc::Sender<Narrated>,
) {
    let voice = plan.voice;
    let places: Vec<usize> = (0..plan.todo.len()).collect();
    let _ = pool::each_in_parallel(
        &places,
        |&at| -> Result<(SceneNarration, bool), CoreError> {
            let task = &plan.todo[at];
            if cancel.load(Ordering::Relaxed) {
                return Err(CoreError::Cancelled);
            }
            let attempt = || av::narrate_scene(narrator, &task.text, voice, &task.work_dir, cancel);
            let narration = match attempt() {
                Err(av::AvError::Cancelled) => return Err(CoreError::Cancelled),
                Err(first) => {
                    tracing::warn!(scene = task.index + 1, detail = %first.detail(), "narration failed; retrying once");
                    attempt()
                }
                ok => ok,
            };
            match narration {
                Ok(narration) => Ok((narration, false)),
                Err(av::AvError::Cancelled) => Err(CoreError::Cancelled),
                Err(error) => {
                    tracing::warn!(scene = task.index + 1, detail = %error.detail(), "narration failed twice; words on screen only");
                    Ok((silent_narration(&task.text, &task.work_dir)?, true))
                }
            }
        },
        // The receiver going away means the render stopped: nothing more is wanted.
        |&at, result| narrated.send((at, result)).map_err(|_| ()),
    );
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
