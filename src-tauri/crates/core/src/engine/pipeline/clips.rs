//! The clips of a render: which scenes need a clip made, reused or its opening crossfade
//! renewed, and making them several at a time with the soundtrack alongside.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use av::SceneNarration;
use model::Stage;
use render::{SceneLayers, SceneSpec};

use super::Job;
use crate::engine::checkpoint::{ClipDone, ImageDone, VoiceDone};
use crate::engine::{fingerprint, pool};
use crate::CoreError;

impl Job<'_> {
    /// Whether scene `index` has an up-to-date clip, and what making it needs if not. A clip
    /// opens with the crossfade out of the scene before, so it also depends on that scene's
    /// picture and length; when only those changed, just the crossfade is made again.
    pub(super) fn plan_clip(&mut self, index: usize) -> Result<ClipPlan, CoreError> {
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
            return Ok(ClipPlan::Reuse { path: self.data.absolute(&done.path)?, key });
        }
        let renew_from = done
            .filter(|d| d.body_key == body_key && !d.placeholder && before.is_some())
            .map(|d| self.data.absolute(&d.path))
            .transpose()?;
        let narration = SceneNarration {
            wav: self.data.absolute(&voice.wav)?,
            duration_sec: voice.duration_sec,
            sentences: voice.sentences.clone(),
        };
        let out = self.scene_dir(&scene_id)?.join(format!("clip-{key}.mp4"));
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
    pub(super) fn video_key(clip_keys: &[String]) -> String {
        fingerprint::of(&clip_keys)
    }

    /// How many scenes `plans` reuse (counting clips whose opening crossfade is renewed), and
    /// how many of those have it renewed.
    pub(super) fn reuse_counts(plans: &[ClipPlan]) -> (usize, usize) {
        let renewed = plans
            .iter()
            .filter(|plan| matches!(plan, ClipPlan::Make(task) if task.renew_from.is_some()))
            .count();
        let reused = plans.iter().filter(|plan| matches!(plan, ClipPlan::Reuse { .. })).count();
        (reused + renewed, renewed)
    }

    /// Whether the video must be joined again once `plans` are carried out.
    pub(super) fn needs_video(&self, plans: &[ClipPlan]) -> bool {
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
    pub(super) fn soundtrack_job(&mut self, dir: &Path) -> Result<SoundtrackJob, CoreError> {
        let count = self.script.scenes.len();
        let mut parts = Vec::with_capacity(count);
        for index in 0..count {
            let (_, voice) = self.finished_scene(index)?;
            let frames = av::clip_frame_count(voice.duration_sec, index + 1 < count);
            parts.push((self.data.absolute(&voice.wav)?, frames as f64 / f64::from(av::frames::FPS)));
        }
        Ok(SoundtrackJob { parts, out: dir.join("soundtrack.m4a") })
    }

    /// Makes the clips `plans` ask for, several at a time (see [`av::clip_parallelism`]), saving
    /// each in the checkpoint as it finishes, and `soundtrack` alongside them; returns every
    /// scene's clip in order, and the soundtrack if it was made. The clips are silent: the
    /// narration reaches the video through the soundtrack alone.
    pub(super) fn make_clips(
        &mut self,
        plans: Vec<ClipPlan>,
        drawn_lines: Option<Arc<av::DrawnLines>>,
        soundtrack: Option<&SoundtrackJob>,
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
        let mut soundtrack_made = None;
        // After a clip fails for good, no new clip starts; those already going finish and are kept.
        let stop = AtomicBool::new(false);
        let (events, received) = mpsc::channel();
        let outcome = std::thread::scope(|scope| {
            // The soundtrack is one light single-threaded encode: made alongside the clips from
            // the start, it never runs alone on a core after they finish.
            if let Some(job) = soundtrack {
                let events = events.clone();
                scope.spawn(move || {
                    let _ = events.send(ClipEvent::Soundtrack(job.encode(cancel)));
                });
            }
            for _ in 0..sharing.clips_at_once {
                let events = events.clone();
                let (tasks, next_task, stop, drawn_lines) =
                    (&tasks, &next_task, &stop, drawn_lines.as_deref());
                scope.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let position = next_task.fetch_add(1, Ordering::Relaxed);
                        let Some(task) = tasks.get(position) else {
                            break;
                        };
                        let mut on_progress = |share: f32| {
                            let _ = events.send(ClipEvent::Progress(task.index, share));
                        };
                        let made = make_clip(
                            task,
                            sharing.encoder_threads_for(position),
                            drawn_lines,
                            cancel,
                            &mut on_progress,
                        );
                        let _ = events.send(ClipEvent::Done(task.index, made));
                    }
                });
            }
            drop(events);
            let mut failure = None;
            loop {
                let event = match received.recv_timeout(pool::PULSE) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        self.pulse();
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                };
                match event {
                    ClipEvent::Soundtrack(Ok(path)) => soundtrack_made = Some(path),
                    ClipEvent::Soundtrack(Err(error)) => {
                        // Not fatal yet: it is tried again before the clips are joined.
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
        let relative = self.data.relative(&task.out)?;
        self.checkpoint.scene(&task.scene_id).clip = Some(ClipDone {
            key: task.key.clone(),
            body_key: task.body_key.clone(),
            path: relative,
            duration_sec: made.info.duration_sec,
            placeholder: made.placeholder,
        });
        self.save_checkpoint()
    }
}

pub(super) enum ClipPlan {
    Reuse { path: PathBuf, key: String },
    Make(Box<ClipTask>),
}

/// The video's sound, made from the narrations while the clips are made.
pub(super) struct SoundtrackJob {
    /// Each scene's narration and its clip's length.
    parts: Vec<(PathBuf, f64)>,
    out: PathBuf,
}

impl SoundtrackJob {
    pub(super) fn encode(&self, cancel: &AtomicBool) -> Result<PathBuf, av::AvError> {
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
pub(super) struct ClipTask {
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
            with_sound: false,
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
